// Numeric claims ("partners with 20 countries") checked against what the KB itself counts (kb.claims).
import { api } from './api.js';
import { h, humanize, message } from './dom.js';
import { route } from './routes.js';

const list = (v) => (Array.isArray(v) ? v.join(', ') : v ?? '');

export async function render(el, ctx) {
  const all = ctx.params.get('include_unchecked') === 'true';
  const toggle = h('input', { type: 'checkbox', checked: all, testid: 'claims-unchecked' });
  toggle.addEventListener('change', () => { location.hash = route('claims', [], toggle.checked ? { include_unchecked: 'true' } : null); });
  const table = h('table', { class: 'data-table', testid: 'claims-table' });
  const head = h('header', { class: 'view-head' }, h('h1', {}, 'Claims'));
  el.append(head,
    h('p', { class: 'intro muted' }, 'Figures stated in the documents, compared with the number of matching facts in the knowledge base.'),
    h('label', { class: 'check-line' }, toggle, ' also list claims the KB cannot check'),
    h('div', { class: 'card table-card' }, table));
  table.appendChild(h('thead', {}, h('tr', {},
    ['Subject', 'Measure', 'Claimed', 'As of', 'KB count', 'Status', 'Missing / extra', 'Documents', 'Note'].map((t) => h('th', {}, t)))));
  const body = h('tbody', {});
  table.appendChild(body);
  let rows;
  try {
    rows = await api.claims({ include_unchecked: all });
  } catch (err) {
    if (ctx.alive()) table.after(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;
  head.appendChild(h('div', { class: 'counts' }, `${rows.length} claim${rows.length === 1 ? '' : 's'}`));
  for (const r of rows) {
    const statusClass = r.status === 'consistent' ? 'ok' : r.status === 'not checkable' ? 'none' : 'warn';
    body.appendChild(h('tr', {},
      h('td', {}, h('a', { href: route('entity', ['country', r.subject]) }, r.subject)),
      h('td', {}, humanize(r.measure)),
      h('td', { class: 'num' }, r.claimed),
      h('td', {}, r.as_of ?? ''),
      h('td', { class: 'num', title: list(r.kb_names) }, r.kb_count ?? '—'),
      h('td', {}, h('span', { class: `status status-${statusClass}` }, r.status)),
      h('td', {}, [r.missing && r.missing.length ? `missing: ${list(r.missing)}` : '', r.extra && r.extra.length ? `extra: ${list(r.extra)}` : ''].filter(Boolean).join('; ')),
      h('td', {}, (r.documents || []).map((d, i) => [i ? ', ' : '', h('a', { href: route('document', [d]) }, d)])),
      h('td', { class: 'muted' }, r.note || '')));
  }
  if (!rows.length) body.appendChild(h('tr', {}, h('td', { colspan: 9, class: 'empty' }, all ? 'No numeric claims in the KB.' : 'No checkable claims (tick the box to list the others).')));
  return null;
}
