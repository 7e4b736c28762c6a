// One fact (#/fact/<id>): what it says, how well it is attested, and every piece of evidence in context.
import { api } from './api.js';
import { fmtConfidence, fmtPeriod, h, humanize, message } from './dom.js';
import { typeChip } from './entity.js';
import { route } from './routes.js';

function argValue(value) {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value === null || value === undefined ? '—' : String(value);
}

function entityLink(e) {
  return h('a', { href: route('entity', [e.kind, e.id]), class: 'entity-link' }, e.name && e.name !== e.id ? `${e.name} (${e.id})` : e.id);
}

function argCell(value, entityOf) {
  const items = Array.isArray(value) ? value : [value];
  if (items.length && items.every((v) => typeof v === 'string' && entityOf.has(v))) {
    return items.map((v, i) => [i ? ', ' : '', entityLink(entityOf.get(v))]);
  }
  return argValue(value);
}

/** One evidence item: the document's words around the span, the span itself in a <mark>. */
export function evidenceBlock(ev, factId) {
  const cutBefore = ev.start > (ev.before || '').length;
  return h('li', { class: 'evidence card', testid: 'evidence' },
    h('div', { class: 'evidence-meta' },
      h('a', { class: 'doc-link', href: route('document', [ev.doc], { fact: factId }), testid: 'evidence-doc' }, ev.doc),
      ev.source && ev.source !== ev.doc ? h('span', { class: 'muted' }, ev.source) : null,
      ev.doc_date ? h('span', { class: 'muted' }, ev.doc_date) : null,
      h('span', { class: 'muted' }, `chars ${ev.start}–${ev.end}`),
      ev.modality && ev.modality !== 'asserted' ? h('span', { class: `tag tag-${ev.modality}` }, ev.modality) : null,
      ev.confidence !== undefined && ev.confidence !== null ? h('span', { class: 'muted' }, `confidence ${fmtConfidence(ev.confidence)}`) : null,
      ev.matches_original === false ? h('span', { class: 'tag tag-negated', title: 'The stored span differs from the original text at these offsets' }, 'offset mismatch') : null),
    h('blockquote', { class: 'evidence-text' },
      cutBefore ? '…' : '', ev.before || '',
      h('mark', { testid: 'evidence-span' }, ev.text),
      ev.after || '', ev.after ? '…' : ''));
}

export async function render(el, ctx) {
  const id = ctx.args[0];
  el.appendChild(h('div', { class: 'page-head' }, h('a', { href: '#/facts', class: 'back' }, '← Facts')));
  let f;
  try {
    f = await api.fact(id);
  } catch (err) {
    if (ctx.alive()) el.appendChild(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;

  const evidence = f.evidence || [];
  const docs = new Set(evidence.map((e) => e.doc));
  const args = Object.entries(f.args || {});
  // Arguments that name an entity link to its profile, with its name.
  const entityOf = new Map((f.entities || []).map((e) => [e.id, e]));
  el.append(
    h('article', { class: 'card fact-card' },
      h('div', { class: 'fact-type' }, typeChip(f.type), f.modality !== 'asserted' ? h('span', { class: `tag tag-${f.modality}` }, f.modality) : null,
        h('span', { class: 'muted' }, `fact #${f.fact_id}`)),
      h('h1', { class: 'fact-title', testid: 'fact-title' }, f.fact),
      h('dl', { class: 'fact-meta' },
        h('div', {}, h('dt', {}, 'Period'), h('dd', {}, fmtPeriod(f.start, f.end, f.type) || 'not stated')),
        h('div', {}, h('dt', {}, 'Sources'), h('dd', { testid: 'fact-sources' }, String(f.sources ?? docs.size))),
        h('div', {}, h('dt', {}, 'Statements'), h('dd', {}, String(f.statements ?? evidence.length))),
        h('div', {}, h('dt', {}, 'Confidence'), h('dd', {}, fmtConfidence(f.confidence))),
        h('div', {}, h('dt', {}, 'First seen'), h('dd', {}, f.first_seen || '—')),
        h('div', {}, h('dt', {}, 'Last seen'), h('dd', {}, f.last_seen || '—'))),
      args.length ? h('table', { class: 'args-table' }, h('tbody', {}, args.map(([k, v]) =>
        h('tr', {}, h('th', {}, humanize(k)), h('td', {}, argCell(v, entityOf)))))) : null),
    h('h2', { class: 'section-title' }, `Evidence (${evidence.length} from ${docs.size} document${docs.size === 1 ? '' : 's'})`),
    evidence.length
      ? h('ol', { class: 'evidence-list' }, evidence.map((ev) => evidenceBlock(ev, f.fact_id)))
      : message('info', 'No evidence is stored for this fact.'));
  return null;
}
