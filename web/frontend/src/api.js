// Thin client for the diplograph JSON API (see helpers/web_contract.md in the project notes).

const TOKEN_KEY = 'diplograph.token';

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }

  /** A sentence a user can act on. */
  get friendly() {
    switch (this.status) {
      case 401: return 'The token is missing or wrong. Copy it from the line `diplograph serve` printed (or open the URL it printed, which carries it).';
      case 403: return `Refused: ${this.detail || 'this server is read-only'}. Nothing can be added through the browser.`;
      case 404: return `Not found: ${this.detail || 'no such item'}.`;
      case 413: return `Too large: ${this.detail || 'a file exceeds the server\'s upload limit; nothing was stored'}.`;
      case 0: return `The server could not be reached (${this.detail}).`;
      default: return this.detail || `The server answered ${this.status}.`;
    }
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === '') continue;
    q.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  } catch (err) {
    throw new ApiError(0, err.message);
  }
  let body = null;
  const type = response.headers.get('content-type') || '';
  if (type.includes('application/json')) body = await response.json().catch(() => null);
  else body = await response.text().catch(() => null);
  if (!response.ok) {
    let detail = body && typeof body === 'object' ? body.detail : body;
    // FastAPI validation errors come as a list of {loc, msg}.
    if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).slice(1).join('.')}: ${d.msg}`).join('; ');
    throw new ApiError(response.status, typeof detail === 'string' ? detail : null);
  }
  return body;
}

export const get = (path, params) => request(`${path}${query(params)}`);

export const api = {
  health: () => get('/api/health'),
  stats: () => get('/api/stats'),
  sources: () => get('/api/sources'),
  entities: (params) => get('/api/entities', params),
  entity: (kind, id) => get(`/api/entities/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`),
  graph: (params) => get('/api/graph', params),
  edges: (a, b) => get('/api/edges', { a, b }),
  map: (country, params) => get(`/api/map/${encodeURIComponent(country)}`, params),
  timeline: (params) => get('/api/timeline', params),
  facts: (params) => get('/api/facts', params),
  fact: (id) => get(`/api/facts/${encodeURIComponent(id)}`),
  // Document ids can be paths ("dir/a.txt"): keep the slashes, escape the rest.
  document: (id) => get(`/api/documents/${String(id).split('/').map(encodeURIComponent).join('/')}`),
  conflicts: () => get('/api/conflicts'),
  claims: (params) => get('/api/claims', params),
  job: (id) => get(`/api/jobs/${encodeURIComponent(id)}`),
  ingest: (formData, token) => request('/api/ingest', {
    method: 'POST',
    body: formData,
    headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
  }),
};

export function getToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

export function setToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch { /* storage disabled: the field still holds the token for this page */ }
}

// Cached once per page: these change only when documents are added (the ingest view refreshes them).
let healthPromise = null;
let sourcesPromise = null;
export function cachedHealth(refresh = false) {
  if (refresh || !healthPromise) healthPromise = api.health().catch((err) => { healthPromise = null; throw err; });
  return healthPromise;
}
export function cachedSources(refresh = false) {
  if (refresh || !sourcesPromise) sourcesPromise = api.sources().catch((err) => { sourcesPromise = null; throw err; });
  return sourcesPromise;
}
