// Adding documents through the browser: files and/or a URL, sent with the server's token,
// then the job is polled until every document has its outcome.
import { ApiError, api, cachedHealth, cachedSources, getToken, setToken } from './api.js';
import { clear, h, message, fill } from './dom.js';
import { typeChip } from './entity.js';
import { route } from './routes.js';

const POLL_MS = 500;

function fmtBytes(n) {
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(n % 2 ** 20 ? 1 : 0)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}

function outcomeRow(d) {
  const facts = h('ul', { class: 'plain-list new-facts' });
  const li = h('li', { class: ['outcome', `outcome-${d.outcome}`], testid: 'job-document' },
    h('div', { class: 'outcome-head' },
      h('span', { class: `status status-${d.outcome === 'failed' ? 'warn' : d.outcome === 'new' || d.outcome === 'replaced' ? 'ok' : 'none'}` }, d.outcome),
      d.doc_id ? h('a', { href: route('document', [d.doc_id]), class: 'doc-link' }, d.name || d.doc_id) : h('span', {}, d.name),
      h('span', { class: 'muted' }, ` ${d.facts ?? 0} fact${d.facts === 1 ? '' : 's'}`)),
    d.error ? h('div', { class: 'error-text' }, d.error) : null,
    facts);
  return { li, facts };
}

/** Lists the facts found in a newly stored document, with links to them. */
async function listFacts(docId, ul, alive) {
  try {
    const doc = await api.document(docId);
    const ids = [...new Set((doc.spans || []).map((sp) => sp.fact_id).filter((f) => f !== null && f !== undefined))].slice(0, 50);
    const facts = await Promise.all(ids.map((id) => api.fact(id).catch(() => null)));
    if (!alive()) return;
    for (const f of facts.filter(Boolean)) {
      ul.appendChild(h('li', { testid: 'new-fact' }, typeChip(f.type), h('a', { href: route('fact', [f.fact_id]) }, f.fact)));
    }
  } catch { /* the outcome line already says how many facts there are */ }
}

export async function render(el, ctx) {
  const notice = h('div', { class: 'notice-area' });
  const tokenInput = h('input', { type: 'password', testid: 'upload-token', value: getToken(), autocomplete: 'off',
    placeholder: 'token printed by diplograph serve', 'aria-label': 'Token' });
  const showToken = h('input', { type: 'checkbox', 'aria-label': 'Show token' });
  showToken.addEventListener('change', () => { tokenInput.type = showToken.checked ? 'text' : 'password'; });
  tokenInput.addEventListener('change', () => setToken(tokenInput.value.trim()));
  const files = h('input', { type: 'file', multiple: true, testid: 'upload-input',
    accept: '.txt,.md,.html,.htm,.xhtml,.pdf,.jsonl,text/plain,text/html,application/pdf' });
  const url = h('input', { type: 'url', testid: 'upload-url', placeholder: 'https://…', 'aria-label': 'URL' });
  const date = h('input', { type: 'text', testid: 'upload-date', placeholder: 'YYYY[-MM[-DD]] (optional)', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', 'aria-label': 'Date' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'upload-submit' }, 'Add to the knowledge base');
  const status = h('div', { class: 'job-status', testid: 'job-status', 'aria-live': 'polite' });
  const outcomes = h('ul', { class: 'outcomes', testid: 'job-documents' });

  const form = h('form', { class: 'card upload-form' },
    h('label', { class: 'form-row' }, h('span', {}, 'Token'), h('span', { class: 'token-row' }, tokenInput,
      h('label', { class: 'check-line small' }, showToken, ' show'))),
    h('label', { class: 'form-row' }, h('span', {}, 'Files'), files),
    h('label', { class: 'form-row' }, h('span', {}, 'or URL'), url),
    h('label', { class: 'form-row' }, h('span', {}, 'Date'), date),
    h('p', { class: 'muted small form-note' }, 'Texts, HTML pages and PDFs. A document already stored with the same content is left as it is; a changed one replaces its old facts.'),
    h('div', { class: 'form-actions' }, submit));

  el.append(h('header', { class: 'view-head' }, h('h1', {}, 'Add documents')), notice, form,
    h('section', { class: 'job' }, status, outcomes));

  let polling = null;
  const stop = () => { if (polling) clearTimeout(polling); polling = null; };

  let maxBytes = null;
  try {
    const health = await cachedHealth();
    if (!ctx.alive()) return stop;
    maxBytes = health.max_upload_bytes || null;
    if (maxBytes) form.querySelector('.form-note').append(` Each file at most ${fmtBytes(maxBytes)}.`);
    if (health.read_only) {
      notice.appendChild(message('warn', 'This server is read-only (started with --read-only): documents cannot be added from the browser.'));
      for (const c of form.querySelectorAll('input, button')) c.disabled = true;
    }
  } catch (err) {
    notice.appendChild(message('error', err.friendly || err.message));
  }

  function showJob(job) {
    const label = { queued: 'Queued…', running: 'Working…', done: 'Done.', failed: 'Failed.' }[job.status] || job.status;
    fill(status, 
      h('span', { class: `status status-${job.status === 'done' ? 'ok' : job.status === 'failed' ? 'warn' : 'none'}`, 'data-status': job.status }, job.status),
      ` ${label} `,
      job.total ? h('progress', { max: job.total, value: job.done }) : null,
      job.total ? ` ${job.done} of ${job.total} document${job.total === 1 ? '' : 's'}` : '',
      job.error ? h('div', { class: 'error-text' }, job.error) : null);
  }

  async function poll(jobId) {
    let job;
    try {
      job = await api.job(jobId);
    } catch (err) {
      if (ctx.alive()) clear(status).appendChild(message('error', err.friendly || err.message));
      return;
    }
    if (!ctx.alive()) return;
    showJob(job);
    if (job.status === 'done' || job.status === 'failed') {
      clear(outcomes);
      for (const d of job.documents || []) {
        const { li, facts } = outcomeRow(d);
        outcomes.appendChild(li);
        if (d.doc_id && d.facts && d.outcome !== 'failed') listFacts(d.doc_id, facts, ctx.alive);
      }
      submit.disabled = false;
      // New documents change the counts, the sources and the entities.
      cachedSources(true).catch(() => {});
      window.dispatchEvent(new Event('kb-changed'));
      return;
    }
    polling = setTimeout(() => poll(jobId), POLL_MS);
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    stop();
    clear(notice);
    clear(outcomes);
    const token = tokenInput.value.trim();
    setToken(token);
    if (!files.files.length && !url.value.trim()) {
      notice.appendChild(message('error', 'Choose one or more files, or give a URL.'));
      return;
    }
    if (!token) {
      notice.appendChild(message('error', 'The token is needed: `diplograph serve` prints it (or the URL it prints carries it).'));
      return;
    }
    // The server refuses an oversized file (413) anyway; saying so before sending saves the upload.
    const tooBig = maxBytes ? [...files.files].filter((f) => f.size > maxBytes) : [];
    if (tooBig.length) {
      notice.appendChild(message('warn', `Too large: ${tooBig.map((f) => `${f.name} (${fmtBytes(f.size)})`).join(', ')}; `
        + `this server takes files of at most ${fmtBytes(maxBytes)} (diplograph serve --max-upload-mb).`));
      return;
    }
    const body = new FormData();
    for (const f of files.files) body.append('files', f, f.name);
    if (url.value.trim()) body.append('url', url.value.trim());
    if (date.value.trim()) body.append('date', date.value.trim());
    submit.disabled = true;
    fill(status, 'Sending…');
    try {
      const job = await api.ingest(body, token);
      if (!ctx.alive()) return;
      showJob({ status: job.status, total: 0, done: 0 });
      poll(job.job);
    } catch (err) {
      submit.disabled = false;
      clear(status);
      const text = err instanceof ApiError ? err.friendly : err.message;
      notice.appendChild(message(err.status === 413 || err.status === 401 || err.status === 403 ? 'warn' : 'error', text));
    }
  });

  return stop;
}
