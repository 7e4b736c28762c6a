// Entry point: a hash router over the views, the left navigation and the KB summary under it.
import './style.css';
import { cachedHealth, setToken, api } from './api.js';
import { clear, h, fmtNumber, message, fill } from './dom.js';
import { parseHash, route } from './routes.js';

// Views are loaded on first use, so the map's boundaries and cytoscape load only where needed.
const VIEWS = {
  network: () => import('./network.js'),
  map: () => import('./map.js'),
  timeline: () => import('./timeline.js'),
  facts: () => import('./facts.js'),
  fact: () => import('./fact.js'),
  document: () => import('./document.js'),
  conflicts: () => import('./conflicts.js'),
  claims: () => import('./claims.js'),
  ingest: () => import('./ingest.js'),
  entity: () => import('./entity.js'),
};

// Which nav entry is highlighted for views reached from another one.
const NAV_OF = { fact: 'facts', document: 'facts', entity: 'network' };

const viewEl = document.getElementById('view');
let current = { cleanup: null, seq: 0 };

function takeTokenFromHash() {
  // "#token=..." (what `diplograph serve` prints) or "#/ingest?token=...": keep it for this tab
  // and take it out of the address bar and history.
  const raw = location.hash.replace(/^#/, '');
  let token = null;
  let rest = null;
  if (raw.startsWith('token=')) {
    token = new URLSearchParams(raw).get('token');
    rest = '#/ingest';
  } else {
    const parsed = parseHash(location.hash);
    if (parsed.params.has('token')) {
      token = parsed.params.get('token');
      parsed.params.delete('token');
      const q = parsed.params.toString();
      rest = `#/${[parsed.name, ...parsed.args.map(encodeURIComponent)].join('/')}${q ? `?${q}` : ''}`;
    }
  }
  if (token !== null) {
    setToken(token);
    history.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
  }
}

async function render() {
  takeTokenFromHash();
  const { name, args, params } = parseHash(location.hash);
  const seq = ++current.seq;
  if (current.cleanup) {
    try { current.cleanup(); } catch (err) { console.error(err); }
    current.cleanup = null;
  }
  for (const link of document.querySelectorAll('.nav-list a')) {
    link.classList.toggle('active', link.dataset.view === (NAV_OF[name] || name));
  }
  const loader = VIEWS[name];
  clear(viewEl);
  viewEl.className = `view view-${name}`;
  if (!loader) {
    viewEl.appendChild(message('error', `There is no view "${name}". `, h('a', { href: '#/network' }, 'Go to the network.')));
    return;
  }
  viewEl.appendChild(h('div', { class: 'loading' }, 'Loading…'));
  let mod;
  try {
    mod = await loader();
  } catch (err) {
    clear(viewEl).appendChild(message('error', `Could not load this view: ${err.message}`));
    return;
  }
  if (seq !== current.seq) return;
  clear(viewEl);
  // alive() lets a view drop answers that arrive after the user moved on.
  const ctx = { alive: () => seq === current.seq, args, params, route, rerender: render };
  try {
    current.cleanup = (await mod.render(viewEl, ctx)) || null;
  } catch (err) {
    console.error(err);
    if (seq === current.seq) viewEl.appendChild(message('error', err.friendly || err.message));
  }
}

async function refreshInfo() {
  const box = document.getElementById('kb-info');
  try {
    const [health, stats] = await Promise.all([cachedHealth(true), api.stats()]);
    fill(box, 
      h('div', { class: 'kb-counts' },
        h('strong', {}, fmtNumber(stats.kb_facts)), ' facts from ',
        h('strong', {}, fmtNumber(stats.documents)), ' documents'),
      stats.years ? h('div', {}, `${stats.years[0]} – ${stats.years[1]}`) : null,
      h('div', { class: 'kb-db', title: health.db }, health.db),
      h('div', {}, `v${health.version}${health.read_only ? ' · read-only' : ''}`),
    );
  } catch (err) {
    fill(box, h('div', { class: 'kb-error' }, err.friendly || err.message));
  }
}

window.addEventListener('hashchange', render);
// The ingest view announces new documents so the counts under the navigation stay right.
window.addEventListener('kb-changed', refreshInfo);
render();
refreshInfo();
