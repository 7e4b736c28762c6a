// A whole document (#/document/<id>) as originally written, with every evidence span highlighted.
import { api } from './api.js';
import { h, humanize, message, safeUrl } from './dom.js';
import { typeChip } from './entity.js';
import { route } from './routes.js';
import { TYPE_COLORS } from './theme.js';

/**
 * Splits text at every span boundary, so overlapping spans still give one <mark> per piece;
 * each piece knows which facts cover it. Returns [{start, end, facts: [span...]}].
 */
export function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(Math.max(0, Math.min(text.length, sp.start)));
    cuts.add(Math.max(0, Math.min(text.length, sp.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    out.push({ start: a, end: b, spans: spans.filter((sp) => sp.start <= a && sp.end >= b) });
  }
  return out;
}

export async function render(el, ctx) {
  const id = ctx.args.join('/');
  const focusFact = Number(ctx.params.get('fact')) || null;
  el.appendChild(h('div', { class: 'page-head' },
    h('a', { href: focusFact ? route('fact', [focusFact]) : '#/facts', class: 'back' }, focusFact ? `← Fact #${focusFact}` : '← Facts')));
  let doc;
  try {
    doc = await api.document(id);
  } catch (err) {
    if (ctx.alive()) el.appendChild(message('error', err.friendly || err.message));
    return null;
  }
  if (!ctx.alive()) return null;

  const spans = doc.spans || [];
  const text = doc.text || '';
  const body = h('div', { class: 'document-text', testid: 'document-text' });
  let firstFocus = null;
  for (const seg of segments(text, spans)) {
    const piece = text.slice(seg.start, seg.end);
    if (!seg.spans.length) {
      body.appendChild(document.createTextNode(piece));
      continue;
    }
    // A span's fact_id is its KB fact (null when the document's fact was not merged into one).
    const facts = [...new Set(seg.spans.map((sp) => sp.fact_id).filter((f) => f !== null && f !== undefined))];
    const isFocus = focusFact !== null && facts.includes(focusFact);
    const mark = h('mark', {
      class: ['doc-span', isFocus && 'focus', seg.spans.length > 1 && 'overlap'],
      testid: 'document-span', 'data-facts': facts.join(' '), tabindex: 0,
      title: seg.spans.map((sp) => `${humanize(sp.type)} (fact #${sp.fact_id})`).join('\n'),
    }, piece);
    mark.style.borderBottomColor = TYPE_COLORS[seg.spans[0].type] || '#999';
    const open = () => { if (facts.length) location.hash = route('fact', [isFocus ? focusFact : facts[0]]); };
    mark.addEventListener('click', open);
    mark.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') open(); });
    if (isFocus && !firstFocus) firstFocus = mark;
    body.appendChild(mark);
  }

  const factIds = [...new Set(spans.map((sp) => sp.fact_id).filter((f) => f !== null && f !== undefined))];
  const typeOf = new Map(spans.map((sp) => [sp.fact_id, sp.type]));
  const factList = h('ul', { class: 'plain-list doc-facts', testid: 'document-facts' }, factIds.map((fid) => h('li', { 'data-fact': fid },
    typeChip(typeOf.get(fid)), h('a', { href: route('fact', [fid]) }, `fact #${fid}`))));
  const url = safeUrl(doc.url);

  el.append(
    h('header', { class: 'view-head' }, h('h1', { class: 'doc-title' }, doc.id)),
    h('div', { class: 'doc-layout' },
      h('article', { class: 'card' }, body),
      h('aside', { class: 'side-panel' },
        h('dl', { class: 'doc-meta' },
          h('dt', {}, 'Source'), h('dd', {}, doc.source || '—'),
          url ? [h('dt', {}, 'URL'), h('dd', {}, h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url))] : null,
          h('dt', {}, 'Date'), h('dd', {}, doc.date ? `${doc.date}${doc.date_source ? ` (${humanize(doc.date_source)})` : ''}` : '—'),
          h('dt', {}, 'Language'), h('dd', {}, doc.language || '—'),
          h('dt', {}, 'Kind'), h('dd', {}, doc.kind || '—'),
          h('dt', {}, 'Length'), h('dd', {}, `${text.length.toLocaleString('en')} characters`)),
        h('h3', {}, `Facts in this document (${factIds.length})`),
        factIds.length ? factList : h('p', { class: 'muted' }, 'No fact was found in it.'))));

  // Fill in the descriptions without holding up the text.
  Promise.all(factIds.slice(0, 200).map((fid) => api.fact(fid).then((f) => [fid, f.fact]).catch(() => [fid, null])))
    .then((pairs) => {
      if (!ctx.alive()) return;
      for (const [fid, desc] of pairs) {
        const a = factList.querySelector(`li[data-fact="${fid}"] a`);
        if (a && desc) a.textContent = desc;
      }
    });
  if (firstFocus) requestAnimationFrame(() => firstFocus.scrollIntoView({ block: 'center' }));
  return null;
}
