// Facts the sources disagree on (kb.conflicts): each conflict with its sides and their evidence.
import { api } from './api.js';
import { h, humanize, message } from './dom.js';
import { route } from './routes.js';

export async function render(el, ctx) {
  const list = h('div', { class: 'conflicts-list', testid: 'conflicts-list' });
  const head = h('header', { class: 'view-head' }, h('h1', {}, 'Conflicts'));
  el.append(head,
    h('p', { class: 'intro muted' }, 'Where sources disagree: different periods for the same membership, different figures for the same claim, different partnership levels for the same year.'),
    list);
  let rows;
  try {
    rows = await api.conflicts();
  } catch (err) {
    if (ctx.alive()) list.appendChild(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;
  head.appendChild(h('div', { class: 'counts' }, `${rows.length} conflict${rows.length === 1 ? '' : 's'}`));
  if (!rows.length) list.appendChild(message('ok', 'No conflicts: the sources agree.'));
  for (const c of rows) {
    list.appendChild(h('article', { class: 'card conflict', testid: 'conflict' },
      h('div', { class: 'conflict-head' },
        h('span', { class: 'tag' }, humanize(c.kind)), h('span', { class: 'tag' }, humanize(c.type)),
        h('h2', {}, c.summary)),
      h('div', { class: 'sides' }, (c.sides || []).map((side, i) => h('section', { class: 'side' },
        h('h3', {}, `Side ${i + 1}: `, h('span', { class: 'side-value' }, side.value ?? '—'),
          side.modality && side.modality !== 'asserted' ? h('span', { class: `tag tag-${side.modality}` }, side.modality) : null),
        h('div', { class: 'muted small' },
          side.kb_fact_id ? h('a', { href: route('fact', [side.kb_fact_id]) }, `fact #${side.kb_fact_id}`) : null,
          ` · ${(side.documents || []).length} document${(side.documents || []).length === 1 ? '' : 's'}`),
        h('ul', { class: 'plain-list' }, (side.evidence || []).map((ev) => h('li', {},
          h('a', { href: route('document', [ev.doc], side.kb_fact_id ? { fact: side.kb_fact_id } : null), class: 'doc-link' }, ev.doc), ': ',
          h('q', {}, ev.text)))))))));
  }
  return null;
}
