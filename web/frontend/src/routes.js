// Hash routes: '#/<view>/<args...>?<params>'.

/** '#/entity/country/AZE?from=2018' -> {name: 'entity', args: ['country', 'AZE'], params} */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '');
  const qIndex = raw.indexOf('?');
  const path = qIndex >= 0 ? raw.slice(0, qIndex) : raw;
  const params = new URLSearchParams(qIndex >= 0 ? raw.slice(qIndex + 1) : '');
  const parts = path.split('/').filter(Boolean);
  const name = parts.length ? parts[0] : 'network';
  // Document ids may contain '/', so everything after the view name is kept in order.
  const args = parts.slice(1).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return { name, args, params };
}

/** Builds '#/<name>/<args...>?<params>' with every piece escaped. */
export function route(name, args = [], params = null) {
  const path = [name, ...args.map((a) => encodeURIComponent(String(a)))].join('/');
  const q = params ? new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ).toString() : '';
  return `#/${path}${q ? `?${q}` : ''}`;
}

/** Navigates to a route (a hashchange re-renders the view). */
export function go(name, args = [], params = null) {
  location.hash = route(name, args, params);
}
