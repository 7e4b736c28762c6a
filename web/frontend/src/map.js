// A world map coloured by each country's strongest relation with the chosen country.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { api } from './api.js';
import { clear, fmtPeriod, h, humanize, message, s, fill } from './dom.js';
import { apiFilters } from './filters.js';
import { typeChip } from './entity.js';
import { route } from './routes.js';
import { RELATIONS } from './theme.js';

const RELATION = Object.fromEntries(RELATIONS.map((r) => [r.id, r]));
const COUNTRIES = feature(world, world.objects.countries).features;

// The boundary file's ids are ISO numeric codes as zero-padded strings ("031"); compare them as numbers.
const numKey = (v) => String(parseInt(v, 10));

function legend(present) {
  return h('section', { class: 'legend' },
    h('h3', {}, 'Strongest relation'),
    h('ul', { class: 'legend-list' },
      h('li', {}, h('span', { class: 'fill-swatch fill-chosen' }), 'chosen country'),
      RELATIONS.map((r) => {
        const sw = h('span', { class: 'fill-swatch' });
        sw.style.background = r.color;
        return h('li', { class: present.has(r.id) ? null : 'absent' }, sw, r.label);
      }),
      h('li', {}, h('span', { class: 'fill-swatch fill-none' }), 'no fact')));
}

export async function render(el, ctx) {
  const params = ctx.params;
  const years = apiFilters(params, ['from', 'to']);

  // Default: the country with the most facts in the KB.
  let countries;
  try {
    countries = await api.entities({ kind: 'country', limit: 300 });
  } catch (err) {
    el.appendChild(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;
  if (!countries.length) {
    el.appendChild(message('info', 'The knowledge base has no country yet. ', h('a', { href: '#/ingest' }, 'Add documents.')));
    return null;
  }
  const chosen = (params.get('country') || countries[0].id).toUpperCase();
  const fit = params.get('fit') === 'world' ? 'world' : 'related';
  const go = (changes) => {
    const next = { country: chosen, from: params.get('from'), to: params.get('to'), fit, ...changes };
    location.hash = route('map', [], next);
  };

  const select = h('select', { testid: 'map-country', 'aria-label': 'Country' },
    countries.map((c) => h('option', { value: c.id, selected: c.id === chosen }, `${c.name} (${c.facts})`)));
  if (!countries.some((c) => c.id === chosen)) select.prepend(h('option', { value: chosen, selected: true }, chosen));
  select.addEventListener('change', () => go({ country: select.value }));
  const from = h('input', { type: 'number', class: 'year-input', testid: 'filter-from', value: years.from || '', placeholder: 'from', 'aria-label': 'from' });
  const to = h('input', { type: 'number', class: 'year-input', testid: 'filter-to', value: years.to || '', placeholder: 'to', 'aria-label': 'to' });
  const fitBtn = h('button', { type: 'button', class: 'btn', onclick: () => go({ fit: fit === 'world' ? 'related' : 'world' }) },
    fit === 'world' ? 'Zoom to related countries' : 'Whole world');
  const bar = h('form', { class: 'filter-bar', onsubmit: (ev) => { ev.preventDefault(); go({ from: from.value, to: to.value }); } },
    h('label', { class: 'field' }, h('span', {}, 'Country'), select),
    h('label', { class: 'field' }, h('span', {}, 'Years'), h('span', { class: 'year-range' }, from, '–', to)),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', testid: 'apply-filters' }, 'Apply'), fitBtn));

  const svg = s('svg', { class: 'map-svg', testid: 'map-svg', role: 'img',
    'aria-label': 'World map' });
  const tooltip = h('div', { class: 'tooltip', hidden: true });
  const details = h('div', { class: 'details' }, h('p', { class: 'muted' }, 'Hover a country for its relation; click it for the facts.'));
  const side = h('aside', { class: 'side-panel' }, details);
  const title = h('h1', {}, 'Map');
  el.append(h('header', { class: 'view-head' }, title), bar,
    h('div', { class: 'network-layout' }, h('div', { class: 'map-wrap' }, svg, tooltip), side));

  let data;
  try {
    data = await api.map(chosen, years);
  } catch (err) {
    if (ctx.alive()) details.prepend(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;
  title.textContent = `Map: relations of ${data.name}`;

  const alpha3ByNum = new Map(Object.entries(data.numeric || {}).map(([num, a3]) => [numKey(num), a3]));
  const related = data.countries || {};
  const present = new Set(Object.values(related).map((r) => r.relation));
  side.appendChild(legend(present));

  const focusFeatures = COUNTRIES.filter((f) => {
    const a3 = alpha3ByNum.get(numKey(f.id));
    return a3 === chosen || related[a3];
  });
  // The drawing fills the box it is shown in (known only now that it is in the page).
  const box = svg.parentElement.getBoundingClientRect();
  const WIDTH = Math.max(480, Math.round(box.width));
  const HEIGHT = Math.max(300, Math.round(box.height));
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  const projection = geoNaturalEarth1();
  if (fit === 'related' && focusFeatures.length > 1) {
    projection.fitExtent([[30, 30], [WIDTH - 30, HEIGHT - 30]], { type: 'FeatureCollection', features: focusFeatures });
  } else {
    projection.fitExtent([[6, 6], [WIDTH - 6, HEIGHT - 6]], { type: 'Sphere' });
  }
  const path = geoPath(projection);

  // Zoomed in, the sea is the whole background; the whole world is drawn on its globe outline.
  if (fit === 'world' || focusFeatures.length <= 1) svg.appendChild(s('path', { class: 'sphere', d: path({ type: 'Sphere' }) }));
  else svg.classList.add('zoomed');
  const labels = s('g', { class: 'map-labels' });
  const shapes = s('g', { class: 'countries' });

  function describe(a3, name) {
    if (a3 === chosen) return [name, 'the chosen country'];
    const r = related[a3];
    if (!r) return [name, `no fact with ${data.name}`];
    const n = r.count ?? r.facts.length;
    return [name, `${(RELATION[r.relation] || RELATION.other).label} · ${n} fact${n === 1 ? '' : 's'}`];
  }

  async function showCountry(a3, name) {
    if (!a3) return;
    fill(details, h('h2', {}, name), h('p', { class: 'muted' }, 'Loading…'));
    const switchBtn = h('button', { type: 'button', class: 'btn btn-small', onclick: () => go({ country: a3 }) }, `Centre the map on ${name}`);
    if (a3 === chosen) {
      fill(details, h('h2', {}, name),
        h('div', { class: 'actions' },
          h('a', { class: 'btn btn-small', href: route('facts', [], { entity: `country:${a3}` }) }, 'All its facts'),
          h('a', { class: 'btn btn-small', href: route('entity', ['country', a3]) }, 'Profile')));
      return;
    }
    if (!related[a3]) {
      fill(details, h('h2', {}, name), h('p', { class: 'muted' }, `No fact links it with ${data.name}.`), switchBtn);
      return;
    }
    try {
      const rows = await api.edges(`country:${chosen}`, `country:${a3}`);
      if (!ctx.alive()) return;
      fill(details, 
        h('h2', {}, `${data.name} — ${name}`),
        h('p', { class: 'muted' }, humanize(related[a3].relation)),
        h('ul', { class: 'edge-facts' }, rows.map((r) => h('li', {}, typeChip(r.type),
          h('a', { href: route('fact', [r.fact_id]) }, r.fact),
          h('div', { class: 'muted small' }, [fmtPeriod(r.start, r.end, r.type), r.modality !== 'asserted' ? r.modality : ''].filter(Boolean).join(' · '))))),
        h('div', { class: 'actions' }, switchBtn));
    } catch (err) {
      clear(details).appendChild(message('error', err.friendly || err.message));
    }
  }

  for (const f of COUNTRIES) {
    const a3 = alpha3ByNum.get(numKey(f.id)) || null;
    const name = (a3 && related[a3] && related[a3].name) || (a3 === chosen ? data.name : f.properties.name);
    const rel = a3 && related[a3] ? related[a3].relation : null;
    const d = path(f);
    if (!d) continue;
    const p = s('path', { d, class: ['country', a3 === chosen && 'chosen', rel && 'related'], 'data-country': a3 || '',
      'data-relation': rel || '' });
    if (rel) p.style.fill = (RELATION[rel] || RELATION.other).color;
    p.appendChild(s('title', {}, describe(a3, name).join(': ')));
    p.addEventListener('mousemove', (ev) => {
      const [n, what] = describe(a3, name);
      fill(tooltip, h('strong', {}, n), h('div', {}, what));
      const box = svg.parentElement.getBoundingClientRect();
      tooltip.style.left = `${ev.clientX - box.left + 12}px`;
      tooltip.style.top = `${ev.clientY - box.top + 12}px`;
      tooltip.hidden = false;
    });
    p.addEventListener('mouseleave', () => { tooltip.hidden = true; });
    p.addEventListener('click', () => showCountry(a3, name));
    shapes.appendChild(p);
    // Names only where they fit: small countries are named in their tooltip.
    if ((rel || a3 === chosen) && (a3 === chosen || path.area(f) > 250)) {
      const [x, y] = path.centroid(f);
      if (Number.isFinite(x) && Number.isFinite(y)) labels.appendChild(s('text', { x, y, class: a3 === chosen ? 'chosen' : null, 'data-country': a3 }, name));
    }
  }
  svg.append(shapes, labels);
  return null;
}
