// DOM helpers. Every string given here ends up as a text node or an attribute value, never as HTML:
// document and API text may contain markup, and it must show as the literal characters it is.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'testid') el.setAttribute('data-testid', value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return el;
}

/** h('a', {href: '#/x', class: 'btn'}, 'text', childNode, [more]) -> HTMLElement */
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

/** Same as h() for SVG elements. */
export function s(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces el's content with children (strings as text; null/undefined/false skipped, unlike el.append). */
export function fill(el, ...children) {
  return append(clear(el), children);
}

/** Only http(s) URLs from documents become links; anything else (javascript:, data:) stays text. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? '' : Number(n).toLocaleString('en');
}

export function fmtConfidence(c) {
  return c === null || c === undefined ? '' : Number(c).toFixed(2);
}

// Facts that hold over a period; the others (visits, meetings, agreements ...) happen at a time.
const LASTING = new Set(['partnership', 'membership', 'participation', 'cooperation']);

/** "2018 – 2021", "since 2018" (a lasting fact), "2018" (an event), "until 2021" or "". */
export function fmtPeriod(start, end, type = null) {
  if (start && end && start !== end) return `${start} – ${end}`;
  if (start && end) return String(start);
  if (start) return type && !LASTING.has(type) ? String(start) : `since ${start}`;
  if (end) return `until ${end}`;
  return '';
}

export function humanize(value) {
  return value === null || value === undefined ? '' : String(value).replace(/_/g, ' ');
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A status line: kind is 'info' | 'error' | 'ok' | 'warn'. */
export function message(kind, ...children) {
  return h('div', { class: ['message', `message-${kind}`], role: kind === 'error' ? 'alert' : 'status' }, children);
}
