// All facts as a table: search, type/modality/year/confidence/source/entity filters, sorting, paging.
import { api } from './api.js';
import { fill, fmtConfidence, fmtNumber, fmtPeriod, h, message } from './dom.js';
import { apiFilters, filterBar } from './filters.js';
import { typeChip } from './entity.js';
import { route } from './routes.js';

const COLUMNS = [
  { key: 'fact', label: 'Fact', sort: null },
  { key: 'type', label: 'Type', sort: 'type' },
  { key: 'period', label: 'Period', sort: 'start' },
  { key: 'modality', label: 'Modality', sort: null },
  { key: 'confidence', label: 'Conf.', sort: 'confidence', num: true },
  { key: 'sources', label: 'Sources', sort: 'sources', num: true },
  { key: 'first_seen', label: 'First seen', sort: 'first_seen' },
  { key: 'last_seen', label: 'Last seen', sort: 'last_seen' },
];
const PAGE_SIZES = [25, 50, 100, 200];
const FILTER_KEYS = ['q', 'types', 'from', 'to', 'min_confidence', 'source', 'entity', 'modality'];

export async function render(el, ctx) {
  const params = ctx.params;
  const filters = apiFilters(params, FILTER_KEYS);
  const sort = params.get('sort') || '-last_seen';
  const limit = PAGE_SIZES.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : 50;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const go = (changes) => {
    location.hash = route('facts', [], { ...filters, sort, limit, offset, ...changes });
  };

  const total = h('span', {}, '…');
  const table = h('table', { class: 'data-table facts-table', testid: 'facts-table' });
  const pager = h('div', { class: 'pager' });
  el.append(
    h('header', { class: 'view-head' }, h('h1', {}, 'Facts'), h('div', { class: 'counts' }, total, ' facts')),
    filterBar(params, ['q', 'types', 'modality', 'years', 'confidence', 'source', 'entity'],
      (values) => { location.hash = route('facts', [], { ...values, sort, limit }); }, { entityLabel: 'Involving' }),
    h('div', { class: 'card table-card' }, table), pager);

  const headRow = h('tr', {}, COLUMNS.map((c) => {
    if (!c.sort) return h('th', { class: c.num ? 'num' : null }, c.label);
    const active = sort.replace(/^-/, '') === c.sort;
    const desc = sort.startsWith('-');
    const next = active && !desc ? `-${c.sort}` : c.sort;
    return h('th', { class: [c.num && 'num', 'sortable', active && 'sorted'], 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      h('a', { href: route('facts', [], { ...filters, sort: next, limit }) }, c.label, active ? (desc ? ' ▼' : ' ▲') : ''));
  }));
  table.appendChild(h('thead', {}, headRow));
  const body = h('tbody', {});
  table.appendChild(body);

  let page;
  try {
    page = await api.facts({ ...filters, sort, limit, offset });
  } catch (err) {
    if (ctx.alive()) table.after(message('error', err.friendly || err.message));
    total.textContent = '0';
    return null;
  }
  if (!ctx.alive()) return null;
  total.textContent = fmtNumber(page.total);

  for (const f of page.items) {
    const href = route('fact', [f.fact_id]);
    const tr = h('tr', { testid: 'fact-row', class: 'clickable', 'data-fact': f.fact_id },
      h('td', { class: 'fact-cell' }, h('a', { href }, f.fact)),
      h('td', {}, typeChip(f.type)),
      h('td', { class: 'nowrap' }, fmtPeriod(f.start, f.end, f.type)),
      h('td', {}, f.modality === 'asserted' ? 'asserted' : h('span', { class: `tag tag-${f.modality}` }, f.modality)),
      h('td', { class: 'num' }, fmtConfidence(f.confidence)),
      h('td', { class: 'num' }, fmtNumber(f.sources)),
      h('td', { class: 'nowrap' }, f.first_seen || ''),
      h('td', { class: 'nowrap' }, f.last_seen || ''));
    // The whole row opens the fact (the link in the first cell keeps it keyboard-reachable).
    tr.addEventListener('click', (ev) => { if (!ev.target.closest('a')) location.hash = href; });
    body.appendChild(tr);
  }
  if (!page.items.length) {
    body.appendChild(h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, 'No facts match these filters.')));
  }

  const last = Math.max(0, Math.ceil(page.total / limit) - 1);
  const pageNo = Math.floor(offset / limit);
  const size = h('select', { 'aria-label': 'Rows per page', testid: 'page-size' },
    PAGE_SIZES.map((n) => h('option', { value: n, selected: n === limit }, `${n} per page`)));
  size.addEventListener('change', () => go({ limit: Number(size.value), offset: 0 }));
  fill(pager, 
    h('button', { class: 'btn', type: 'button', disabled: pageNo <= 0, testid: 'page-prev', onclick: () => go({ offset: Math.max(0, offset - limit) }) }, '← Previous'),
    h('span', { class: 'muted' }, page.total ? `${fmtNumber(offset + 1)}–${fmtNumber(Math.min(offset + limit, page.total))} of ${fmtNumber(page.total)}` : ''),
    h('button', { class: 'btn', type: 'button', disabled: pageNo >= last, testid: 'page-next', onclick: () => go({ offset: offset + limit }) }, 'Next →'),
    size);
  return null;
}
