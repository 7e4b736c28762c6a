// An entity's profile (#/entity/<kind>/<id>); the network's side panel shows the same content.
import { api } from './api.js';
import { h, fmtPeriod, humanize, message } from './dom.js';
import { route } from './routes.js';
import { TYPE_COLORS } from './theme.js';

function typeChip(type, count) {
  const chip = h('span', { class: 'chip' }, h('span', { class: 'swatch' }), humanize(type), count !== undefined ? h('b', {}, ` ${count}`) : null);
  chip.querySelector('.swatch').style.background = TYPE_COLORS[type] || '#999';
  return chip;
}

export { typeChip };

function factLink(id, text) {
  return h('a', { href: route('fact', [id]) }, text);
}

/** The profile's parts as DOM nodes: header, counts, partners, memberships, recent facts. */
export function profileContent(p, { compact = false } = {}) {
  const key = p.key || `${p.kind}:${p.id}`;
  const actions = h('div', { class: 'actions' },
    h('a', { class: 'btn btn-small', href: route('network', [], { entity: key }) }, 'Centre network'),
    h('a', { class: 'btn btn-small', href: route('timeline', [], { entity: key }) }, 'Timeline'),
    p.kind === 'country' ? h('a', { class: 'btn btn-small', href: route('map', [], { country: p.id }) }, 'Map') : null,
    h('a', { class: 'btn btn-small', href: route('facts', [], { entity: key }) }, 'Facts'),
    compact ? h('a', { class: 'btn btn-small', href: route('entity', [p.kind, p.id]) }, 'Profile') : null);

  const byType = Object.entries(p.by_type || {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const partners = p.partners || [];
  const memberships = p.memberships || [];
  const members = p.members || [];
  const recent = p.recent || [];
  const limit = compact ? 8 : Infinity;

  return [
    h('div', { class: 'profile-head' },
      h('h2', {}, p.name || p.id),
      h('div', { class: 'muted' }, `${humanize(p.kind)} · ${p.id}${p.region ? ` · ${p.region}` : ''} · ${p.facts} facts`)),
    actions,
    byType.length ? h('div', { class: 'chips' }, byType.map(([t, n]) => typeChip(t, n))) : null,
    partners.length ? h('section', {},
      h('h3', {}, `Partnerships (${partners.length})`),
      h('ul', { class: 'plain-list' }, partners.slice(0, limit).map((r) => h('li', {},
        factLink(r.fact_id, `${r.name || r.partner}`),
        h('span', { class: 'muted' }, ` ${humanize(r.level || 'partnership')} ${fmtPeriod(r.start, r.end)}`),
        r.modality && r.modality !== 'asserted' ? h('span', { class: `tag tag-${r.modality}` }, r.modality) : null)))) : null,
    memberships.length ? h('section', {},
      h('h3', {}, `Memberships (${memberships.length})`),
      h('ul', { class: 'plain-list' }, memberships.slice(0, limit).map((r) => h('li', {},
        factLink(r.fact_id, `${r.name || r.org}`),
        h('span', { class: 'muted' }, ` ${humanize(r.role || 'member')} ${fmtPeriod(r.start, r.end)}`),
        r.modality && r.modality !== 'asserted' ? h('span', { class: `tag tag-${r.modality}` }, r.modality) : null)))) : null,
    members.length ? h('section', {},
      h('h3', {}, `Members (${members.length})`),
      h('ul', { class: 'plain-list' }, members.slice(0, limit).map((r) => h('li', {},
        factLink(r.fact_id, `${r.name || r.member}`),
        h('span', { class: 'muted' }, ` ${humanize(r.role || 'member')} ${fmtPeriod(r.start, r.end)}`),
        r.modality && r.modality !== 'asserted' ? h('span', { class: `tag tag-${r.modality}` }, r.modality) : null)))) : null,
    recent.length ? h('section', {},
      h('h3', {}, 'Recent facts'),
      h('ul', { class: 'plain-list' }, recent.slice(0, limit).map((r) => h('li', {},
        h('span', { class: 'when' }, r.when || fmtPeriod(r.start, r.end, r.type) || '—'), ' ',
        factLink(r.fact_id, r.fact))))) : null,
  ];
}

export async function render(el, ctx) {
  const [kind, ...rest] = ctx.args;
  const id = rest.join('/');
  if (!kind || !id) {
    el.appendChild(message('error', 'No entity given.'));
    return;
  }
  el.appendChild(h('div', { class: 'page-head' }, h('a', { href: '#/network', class: 'back' }, '← Network')));
  try {
    const p = await api.entity(kind, id);
    if (!ctx.alive()) return;
    el.appendChild(h('article', { class: 'card profile' }, profileContent(p)));
  } catch (err) {
    el.appendChild(message('error', err.friendly || err.message));
  }
}
