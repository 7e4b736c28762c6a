// Visits, agreements and memberships over time: dated facts as marks, periods as bars (an SVG Gantt chart).
import { api } from './api.js';
import { h, humanize, message, s } from './dom.js';
import { apiFilters, filterBar } from './filters.js';
import { route } from './routes.js';
import { FACT_TYPES, TYPE_COLORS } from './theme.js';

const DEFAULT_TYPES = 'visit,agreement,membership';
const ROW = 24;
const LABEL_W = 380;
const CHART_W = 620;
const PAD_TOP = 34;

/** "2018-03-14" | "2018-03" | "2018" -> fractional year, or null; `mid` puts a bare year at its middle. */
export function yearValue(value, mid = false) {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value));
  if (!m) return null;
  const month = m[2] ? Number(m[2]) - 1 : 0;
  const day = m[3] ? Number(m[3]) - 1 : 0;
  if (mid && !m[2]) return Number(m[1]) + 0.5;
  return Number(m[1]) + (month * 30.4 + day) / 365;
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

export async function render(el, ctx) {
  const params = ctx.params;
  const filters = { types: DEFAULT_TYPES, ...apiFilters(params, ['types', 'from', 'to', 'entity']) };
  const apply = (values) => { location.hash = route('timeline', [], { types: values.types || DEFAULT_TYPES, ...values }); };

  const head = h('header', { class: 'view-head' }, h('h1', {}, 'Timeline'));
  const holder = h('div', { class: 'timeline-wrap card', testid: 'timeline' });
  const typeChoices = FACT_TYPES.filter((t) => t !== 'claim');
  el.append(head, filterBar(new URLSearchParams({ ...Object.fromEntries(params), types: filters.types }),
    ['types', 'years', 'entity'], apply, { typeChoices, entityLabel: 'Entity', allMeansNone: false }), holder);

  let rows;
  try {
    rows = await api.timeline({ ...filters, limit: 500 });
  } catch (err) {
    if (ctx.alive()) holder.appendChild(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;

  const items = rows.map((r) => {
    const at = yearValue(r.when, true) ?? yearValue(r.start, true);
    const startV = yearValue(r.start);
    const endV = yearValue(r.end);
    // A period is drawn when the fact has a start and an end, or is a lasting state (membership, partnership).
    const period = startV !== null && (endV !== null || r.type === 'membership' || r.type === 'partnership');
    return { ...r, at, startV, endV, period };
  });
  const dated = items.filter((i) => i.at !== null || i.startV !== null);
  const undated = items.filter((i) => i.at === null && i.startV === null);
  head.appendChild(h('div', { class: 'counts' }, `${rows.length} facts`, undated.length ? ` · ${undated.length} undated` : ''));
  head.appendChild(h('div', { class: 'timeline-key muted small' },
    h('span', { class: 'key-dot' }), 'dated fact', h('span', { class: 'key-dot key-hollow' }), 'no date stated: its first source\'s date',
    h('span', { class: 'key-bar' }), 'period (arrow: still running)'));

  if (!dated.length) {
    holder.appendChild(message('info', rows.length ? 'None of these facts is dated.' : 'No facts match these filters.'));
  } else {
    const values = dated.flatMap((i) => [i.at, i.startV, i.endV]).filter((v) => v !== null);
    const thisYear = new Date().getFullYear() + 1;
    let lo = Math.floor(Math.min(...values));
    let hi = Math.floor(Math.max(...values)) + 1;
    // Open periods run to this year at most.
    if (dated.some((i) => i.period && i.endV === null)) hi = Math.max(hi, Math.min(thisYear, hi + 1));
    if (filters.from) lo = Math.max(lo, Number(filters.from));
    if (filters.to) hi = Math.min(hi, Number(filters.to) + 1);
    if (hi <= lo) hi = lo + 1;
    const x = (v) => LABEL_W + ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * CHART_W;

    // Grouped by type, then in time order inside each group.
    const groups = [];
    for (const t of FACT_TYPES) {
      const g = dated.filter((i) => i.type === t).sort((a, b) => (a.startV ?? a.at) - (b.startV ?? b.at));
      if (g.length) groups.push([t, g]);
    }
    const nRows = groups.reduce((n, [, g]) => n + g.length + 1, 0);
    const height = PAD_TOP + nRows * ROW + 10;
    const svg = s('svg', { viewBox: `0 0 ${LABEL_W + CHART_W + 20} ${height}`, class: 'timeline-svg', role: 'img',
      'aria-label': 'Timeline of facts' });
    svg.style.height = `${height}px`;

    // Year ticks: about ten, on whole years.
    const step = Math.max(1, Math.ceil((hi - lo) / 10));
    const ticks = s('g', { class: 'ticks' });
    for (let y = lo; y <= hi; y += step) {
      ticks.append(s('line', { x1: x(y), x2: x(y), y1: PAD_TOP - 8, y2: height - 6 }),
        s('text', { x: x(y), y: PAD_TOP - 14, 'text-anchor': 'middle' }, String(y)));
    }
    svg.appendChild(ticks);

    let row = 0;
    for (const [type, g] of groups) {
      const y0 = PAD_TOP + row * ROW;
      svg.appendChild(s('text', { x: 4, y: y0 + ROW * 0.7, class: 'group-label' }, `${humanize(type)} (${g.length})`));
      row += 1;
      for (const item of g) {
        const y = PAD_TOP + row * ROW;
        const cy = y + ROW / 2;
        const color = TYPE_COLORS[type] || '#888';
        const link = s('a', { href: route('fact', [item.fact_id]), class: ['tl-item', `tl-${item.modality}`], 'data-fact': item.fact_id });
        const when = item.period ? [item.start, item.end || 'now'].join(' – ') : (item.when || item.start);
        link.appendChild(s('title', {}, `${item.fact} (${when}${item.modality !== 'asserted' ? `, ${item.modality}` : ''})`));
        link.appendChild(s('rect', { x: 0, y, width: LABEL_W + CHART_W + 20, height: ROW, class: 'tl-row' }));
        link.appendChild(s('text', { x: 14, y: cy + 4, class: 'tl-label' }, truncate(item.fact, 58)));
        if (item.period) {
          const x1 = x(item.startV);
          const x2 = item.endV !== null ? x(item.endV + (item.end && item.end.length === 4 ? 1 : 0)) : x(hi);
          const bar = s('rect', { x: x1, y: cy - 6, width: Math.max(4, x2 - x1), height: 12, rx: 3, class: 'tl-bar' });
          bar.style.fill = color;
          link.appendChild(bar);
          if (item.endV === null) link.appendChild(s('path', { d: `M${x2},${cy - 6} l8,6 l-8,6 z`, class: 'tl-open', fill: color }));
        } else {
          // Hollow: the fact states no date, so the mark stands at the date of its first source.
          const sourceDated = !item.start;
          const mark = s('circle', { cx: x(item.at), cy, r: sourceDated ? 5 : 6, class: ['tl-mark', sourceDated && 'tl-source-dated'] });
          if (sourceDated) mark.style.stroke = color;
          else mark.style.fill = color;
          link.appendChild(mark);
        }
        svg.appendChild(link);
        row += 1;
      }
    }
    holder.appendChild(svg);
  }

  if (undated.length) {
    holder.appendChild(h('section', { class: 'undated' }, h('h3', {}, 'Undated'),
      h('ul', { class: 'plain-list' }, undated.map((i) => h('li', {}, h('span', { class: 'muted' }, `${humanize(i.type)}: `),
        h('a', { href: route('fact', [i.fact_id]) }, i.fact))))));
  }
  return null;
}
