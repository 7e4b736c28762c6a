// The filter bar shared by the network, map, timeline and facts views. Its state lives in the
// route's query string, so a filtered view can be bookmarked and the back button undoes a filter.
import { api, cachedSources } from './api.js';
import { clear, debounce, h, humanize } from './dom.js';
import { FACT_TYPES, TYPE_COLORS } from './theme.js';

/** Route params -> API query params (only the ones that are set). */
export function apiFilters(params, keys = ['types', 'from', 'to', 'min_confidence', 'source', 'entity']) {
  const out = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

function yearInput(testid, value, placeholder) {
  return h('input', {
    type: 'number', min: 1900, max: 2100, step: 1, inputmode: 'numeric', class: 'year-input',
    testid, value: value || '', placeholder, 'aria-label': placeholder,
  });
}

/**
 * An entity picker: type a name or id, choose among the KB's entities. `value` is a key
 * ("country:AZE"); the picker keeps it in `input.dataset.key`.
 */
export function entityPicker({ value = '', placeholder = 'Entity…', kind = '', testid = 'filter-entity', onPick } = {}) {
  const input = h('input', { type: 'search', class: 'entity-input', placeholder, testid, autocomplete: 'off',
    'aria-label': placeholder });
  input.dataset.key = value || '';
  input.value = value || '';
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
  const box = h('div', { class: 'entity-picker' }, input, list);

  if (value) {
    const [k, ...rest] = value.split(':');
    api.entity(k, rest.join(':')).then((e) => { if (input.dataset.key === value) input.value = e.name; }).catch(() => {});
  }

  function pick(entity) {
    input.dataset.key = entity ? entity.key : '';
    input.value = entity ? entity.name : '';
    list.hidden = true;
    if (onPick) onPick(entity);
  }

  const suggest = debounce(async () => {
    const q = input.value.trim();
    if (!q) { list.hidden = true; input.dataset.key = ''; return; }
    let rows = [];
    try { rows = await api.entities({ q, kind, limit: 12 }); } catch { rows = []; }
    clear(list);
    for (const e of rows) {
      list.appendChild(h('li', { role: 'option' },
        h('button', { type: 'button', onmousedown: (ev) => { ev.preventDefault(); pick(e); } },
          h('span', { class: 'sugg-name' }, e.name),
          h('span', { class: 'sugg-meta' }, `${e.kind} · ${e.id} · ${e.facts} facts`))));
    }
    if (!rows.length) list.appendChild(h('li', { class: 'sugg-empty' }, 'No entity matches.'));
    list.hidden = false;
  }, 150);

  input.addEventListener('input', () => { input.dataset.key = ''; suggest(); });
  input.addEventListener('blur', () => { setTimeout(() => { list.hidden = true; }, 150); });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      const first = list.querySelector('button');
      if (!input.dataset.key && first && !list.hidden) { ev.preventDefault(); first.dispatchEvent(new MouseEvent('mousedown')); }
    } else if (ev.key === 'Escape') list.hidden = true;
  });
  box.getKey = () => (input.value.trim() ? input.dataset.key : '');
  return box;
}

/**
 * Builds the bar. `show` lists the controls: types, years, confidence, source, entity, modality, q.
 * `onApply(values)` gets {types, from, to, min_confidence, source, entity, modality, q} (unset ones omitted;
 * every type ticked gives no `types` unless `allMeansNone` is false). Reset calls onApply({}).
 */
export function filterBar(params, show, onApply, { typeChoices = FACT_TYPES, entityLabel = 'Centre on', allMeansNone = true } = {}) {
  const parts = [];
  const get = {};

  if (show.includes('q')) {
    const q = h('input', { type: 'search', class: 'search-input', placeholder: 'Search facts…', value: params.get('q') || '',
      testid: 'filter-q', 'aria-label': 'Search facts' });
    parts.push(h('label', { class: 'field field-grow' }, q));
    get.q = () => q.value.trim();
  }

  if (show.includes('types')) {
    const chosen = new Set((params.get('types') || '').split(',').filter(Boolean));
    const all = chosen.size === 0;  // no types filter: everything offered is on
    const boxes = typeChoices.map((t) => {
      const cb = h('input', { type: 'checkbox', value: t, checked: all || chosen.has(t) });
      return h('label', { class: 'type-check', title: humanize(t) },
        cb, h('span', { class: 'swatch', 'data-type': t }), humanize(t));
    });
    for (const label of boxes) label.querySelector('.swatch').style.background = TYPE_COLORS[label.querySelector('input').value];
    const group = h('fieldset', { class: 'type-checks', testid: 'filter-types' }, h('legend', {}, 'Fact types'), boxes);
    parts.push(group);
    get.types = () => {
      const on = boxes.map((b) => b.querySelector('input')).filter((cb) => cb.checked).map((cb) => cb.value);
      // All checked means no filter (and keeps URLs short).
      return on.length === typeChoices.length && allMeansNone ? '' : on.join(',');
    };
  }

  if (show.includes('modality')) {
    const sel = h('select', { testid: 'filter-modality', 'aria-label': 'Modality' },
      h('option', { value: '' }, 'any modality'),
      ['asserted', 'planned', 'negated'].map((m) => h('option', { value: m, selected: params.get('modality') === m }, m)));
    parts.push(h('label', { class: 'field' }, h('span', {}, 'Modality'), sel));
    get.modality = () => sel.value;
  }

  if (show.includes('years')) {
    const from = yearInput('filter-from', params.get('from'), 'from');
    const to = yearInput('filter-to', params.get('to'), 'to');
    parts.push(h('label', { class: 'field' }, h('span', {}, 'Years'), h('span', { class: 'year-range' }, from, '–', to)));
    get.from = () => from.value.trim();
    get.to = () => to.value.trim();
  }

  if (show.includes('confidence')) {
    const value = params.get('min_confidence') || '0';
    const out = h('output', {}, Number(value).toFixed(2));
    const range = h('input', { type: 'range', min: 0, max: 1, step: 0.05, value, testid: 'filter-confidence',
      'aria-label': 'Minimum confidence' });
    range.addEventListener('input', () => { out.textContent = Number(range.value).toFixed(2); });
    parts.push(h('label', { class: 'field' }, h('span', {}, 'Min. confidence'), h('span', { class: 'range-row' }, range, out)));
    get.min_confidence = () => (Number(range.value) > 0 ? range.value : '');
  }

  if (show.includes('source')) {
    const current = params.get('source') || '';
    const sel = h('select', { testid: 'filter-source', class: 'source-select', 'aria-label': 'Source' },
      h('option', { value: '' }, 'all sources'));
    if (current) sel.appendChild(h('option', { value: current, selected: true }, current));
    cachedSources().then((rows) => {
      for (const r of rows) {
        if (r.source === current) continue;
        sel.appendChild(h('option', { value: r.source }, `${r.source} (${r.documents})`));
      }
    }).catch(() => {});
    parts.push(h('label', { class: 'field' }, h('span', {}, 'Source'), sel));
    get.source = () => sel.value;
  }

  if (show.includes('entity')) {
    const picker = entityPicker({ value: params.get('entity') || '', placeholder: 'any entity' });
    parts.push(h('label', { class: 'field' }, h('span', {}, entityLabel), picker));
    get.entity = () => picker.getKey();
  }

  function apply() {
    const values = {};
    for (const [key, fn] of Object.entries(get)) {
      const v = fn();
      if (v !== '' && v !== null && v !== undefined) values[key] = v;
    }
    onApply(values);
  }

  const applyBtn = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'apply-filters' }, 'Apply');
  const resetBtn = h('button', { type: 'button', class: 'btn', onclick: () => onApply({}) }, 'Reset');
  const form = h('form', { class: 'filter-bar', onsubmit: (ev) => { ev.preventDefault(); apply(); } },
    parts, h('div', { class: 'filter-actions' }, applyBtn, resetBtn));
  return form;
}
