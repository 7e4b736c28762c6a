"""End-to-end tests of the browser UI: a KB built from samples/docs by `diplograph ingest`,
served by `diplograph serve` in a subprocess, driven through Debian's Chromium by Playwright.

The UI is built by Vite into src/diplograph/web/static/; when that is missing the tests build it
once (npm ci && npm run build). Without Chromium (or Playwright) the tests are skipped on a
developer machine and fail in CI (CI=true), so a CI image that lost its browser is noticed.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "web" / "frontend"
STATIC_INDEX = ROOT / "src" / "diplograph" / "web" / "static" / "index.html"
SAMPLES = ROOT / "samples" / "docs"
CHROMIUM = Path("/usr/bin/chromium")
# Flags for a headless run in a container with no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TOKEN = "testtoken"
IN_CI = os.environ.get("CI", "").lower() == "true"
WAIT_MS = 15_000

# A document linking two countries the samples never link (Fiji and Iceland).
NEW_DOC = ("SUVA, 14 May 2024 - Fiji and Iceland have established a strategic partnership, the two foreign "
           "ministries announced on Tuesday.\nPrime Minister Sitiveni Rabuka of Fiji paid an official visit to "
           "Iceland, where he was received in Reykjavik by the Icelandic prime minister.\n")
XSS = """<script>window.__xss=1</script><img src=x onerror="window.__xss=2">"""
# The markup sits inside an agreement's title, so it reaches the fact's description and its evidence too.
XSS_DOC = (f"NUKU'ALOFA, 2 June 2024 - Tonga and Malta signed a memorandum of understanding on maritime cooperation "
           f"{XSS} during talks in Valletta.\n")


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the end-to-end tests must run in CI)")
    pytest.skip(reason)


def _diplograph() -> list[str]:
    script = Path(sys.executable).with_name("diplograph")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from diplograph.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str, **params) -> object:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=10) as r:
        return json.loads(r.read())


def _post_file(base: str, name: str, text: str, token: str = TOKEN) -> dict:
    """POST /api/ingest with one file (multipart by hand: the test needs no HTTP client library)."""
    boundary = "diplograph-e2e-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
    req = urllib.request.Request(f"{base}/api/ingest", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def _wait_job(base: str, job: str, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _get(base, f"/api/jobs/{job}")
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} did not finish in {timeout} s")


# --- fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ui_built() -> Path:
    """The built UI; built here once when missing, so `make test` works on a fresh clone."""
    if not STATIC_INDEX.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(f"the web UI is not built ({STATIC_INDEX} is missing) and npm is not installed: install "
                        "Node.js 20+ and npm, then run `make ui` (npm ci && npm run build in web/frontend)")
        for step in (["ci", "--no-audit", "--no-fund"], ["run", "build"]):
            done = subprocess.run([npm, *step], cwd=FRONTEND, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                pytest.fail(f"`npm {' '.join(step)}` in {FRONTEND} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        assert STATIC_INDEX.exists(), f"the build did not write {STATIC_INDEX}"
    return STATIC_INDEX


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, ui_built):
    """`diplograph serve` over a KB of samples/docs, on a free port, with a known token."""
    tmp = tmp_path_factory.mktemp("e2e")
    db = f"sqlite:///{tmp / 'kb.db'}"
    done = subprocess.run([*_diplograph(), "ingest", str(SAMPLES), "--db", db],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, f"ingest failed:\n{done.stderr[-3000:]}"
    port = _free_port()
    log = open(tmp / "serve.log", "w+")
    proc = subprocess.Popen([*_diplograph(), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
                             "--token", TOKEN], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(base, "/api/health")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise AssertionError(f"`diplograph serve` did not come up:\n{log.read()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def page(server, chromium):
    """A fresh page; fails the test if the page throws or logs an error (a CSP violation included).
    (server before chromium: the browser closes first, so the server has no open connection to
    wait for when it stops.)"""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    pg.base = server
    yield pg
    context.close()
    # A 401 answered on purpose shows up as a failed resource load: that is not a UI problem.
    real = [p for p in problems if "status of 401" not in p]
    assert not real, "\n".join(real)


def _edge_count(pg) -> int:
    text = pg.get_by_test_id("edge-count").inner_text()
    return int(text.replace(",", ""))


def _wait_edge_count(pg, expected: int | None = None) -> int:
    if expected is None:
        pg.wait_for_function("() => /^\\d+$/.test(document.querySelector('[data-testid=edge-count]')?.textContent)")
    else:
        pg.wait_for_function("n => document.querySelector('[data-testid=edge-count]')?.textContent === String(n)",
                             arg=expected)
    return _edge_count(pg)


# --- the views -----------------------------------------------------------------------------------

def test_network_draws_the_graph(page):
    page.goto(f"{page.base}/#/network")
    n = _wait_edge_count(page)
    api = _get(page.base, "/api/graph", limit=2000)
    assert n == len(api["edges"]) > 0
    # cytoscape draws on canvases inside the container, and holds as many edges as the counter says.
    assert page.get_by_test_id("network-canvas").locator("canvas").count() > 0
    assert page.evaluate("() => window.__diplographCy.edges().length") == n
    assert page.get_by_test_id("legend").is_visible()


def test_year_filter_changes_the_network(page):
    page.goto(f"{page.base}/#/network")
    everything = _wait_edge_count(page)
    page.get_by_test_id("filter-from").fill("2022")
    page.get_by_test_id("filter-to").fill("2023")
    page.get_by_test_id("apply-filters").click()
    expected = len(_get(page.base, "/api/graph", **{"from": 2022, "to": 2023, "limit": 2000})["edges"])
    assert 0 < expected < everything
    assert _wait_edge_count(page, expected) == expected
    assert "from=2022" in page.url and "to=2023" in page.url
    # Only the 'visit' type: the counter follows again.
    page.get_by_test_id("filter-types").locator("input[type=checkbox]").evaluate_all(
        "boxes => boxes.forEach(b => { b.checked = b.value === 'visit'; })")
    page.get_by_test_id("apply-filters").click()
    visits = len(_get(page.base, "/api/graph", types="visit", **{"from": 2022, "to": 2023, "limit": 2000})["edges"])
    assert _wait_edge_count(page, visits) == visits


def test_fact_evidence_from_the_facts_table(page):
    page.goto(f"{page.base}/#/facts?sort=-sources")
    table = page.get_by_test_id("facts-table")
    first = table.get_by_test_id("fact-row").first
    first.wait_for()
    fact_id = int(first.get_attribute("data-fact"))
    first.locator("td").nth(1).click()          # a click anywhere on the row opens the fact
    page.wait_for_url(f"**/#/fact/{fact_id}")
    spans = page.get_by_test_id("evidence-span")
    spans.first.wait_for()
    api = _get(page.base, f"/api/facts/{fact_id}")
    assert api["evidence"], "the most-sourced fact has evidence"
    assert spans.count() == len(api["evidence"])
    assert [spans.nth(i).inner_text() for i in range(spans.count())] == [e["text"] for e in api["evidence"]]
    assert spans.first.evaluate("el => el.tagName") == "MARK"
    # The evidence leads to the whole document, every span highlighted, this fact's in focus.
    page.get_by_test_id("evidence").first.get_by_test_id("evidence-doc").click()
    page.get_by_test_id("document-text").wait_for()
    doc = _get(page.base, f"/api/documents/{urllib.parse.quote(api['evidence'][0]['doc'])}")
    assert page.get_by_test_id("document-text").inner_text().strip() == doc["text"].strip()
    assert page.locator("mark.doc-span.focus").count() > 0


def test_upload_with_token_adds_facts(page):
    assert not _get(page.base, "/api/edges", a="country:FJI", b="country:ISL"), "the samples must not link them"
    page.goto(f"{page.base}/#token={TOKEN}")
    page.wait_for_url("**/#/ingest")                      # the token is taken out of the address bar
    token = page.get_by_test_id("upload-token")
    assert token.input_value() == TOKEN
    assert page.evaluate("() => sessionStorage.getItem('diplograph.token')") == TOKEN

    page.get_by_test_id("upload-input").set_input_files(
        files=[{"name": "fiji_iceland.txt", "mimeType": "text/plain", "buffer": NEW_DOC.encode()}])
    # A wrong token is refused with a message that says what to do.
    token.fill("wrong")
    page.get_by_test_id("upload-submit").click()
    page.get_by_text("token is missing or wrong").wait_for()

    token.fill(TOKEN)
    page.get_by_test_id("upload-submit").click()
    page.locator("[data-testid=job-status] [data-status=done]").wait_for()
    outcome = page.get_by_test_id("job-document")
    assert "new" in outcome.inner_text()
    page.get_by_test_id("new-fact").first.wait_for()
    assert any("FJI" in t and "ISL" in t for t in page.get_by_test_id("new-fact").all_inner_texts())
    assert _get(page.base, "/api/edges", a="country:FJI", b="country:ISL"), "the facts are in the KB"

    # ... and the network centred on Fiji now shows the edge.
    page.goto(f"{page.base}/#/network?entity=country:FJI")
    assert _wait_edge_count(page) > 0
    assert page.evaluate("() => window.__diplographCy.getElementById('country:ISL').nonempty()")


def test_document_markup_shows_as_text(page):
    job = _post_file(page.base, "tonga_malta.txt", XSS_DOC)
    state = _wait_job(page.base, job["job"])
    assert state["status"] == "done", state
    doc_id = state["documents"][0]["doc_id"]

    page.goto(f"{page.base}/#/document/{urllib.parse.quote(doc_id, safe='')}")
    text = page.get_by_test_id("document-text")
    text.wait_for()
    assert XSS in text.inner_text()
    assert text.locator("script, img").count() == 0
    # Its fact's evidence and description carry the markup too, again as text.
    page.get_by_test_id("document-facts").locator("a").first.click()
    page.get_by_test_id("evidence-span").first.wait_for()
    assert XSS in page.get_by_test_id("evidence").first.inner_text()
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{page.base}/#/facts?q=maritime")
    page.get_by_test_id("fact-row").first.wait_for()
    assert XSS in page.get_by_test_id("facts-table").inner_text()
    page.wait_for_timeout(200)   # an onerror handler would run by now
    assert page.evaluate("() => window.__xss") is None


def test_map_draws_countries(page):
    page.goto(f"{page.base}/#/map")
    svg = page.get_by_test_id("map-svg")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=map-svg] path.country').length > 100")
    chosen = svg.locator("path.country.chosen")
    assert chosen.count() >= 1
    top = _get(page.base, "/api/entities", kind="country", limit=1)[0]
    assert chosen.first.get_attribute("data-country") == top["id"]
    related = _get(page.base, f"/api/map/{top['id']}")["countries"]
    drawn = set(svg.locator("path.country.related").evaluate_all("ps => ps.map(p => p.dataset.country)"))
    assert drawn and drawn <= set(related)
    # Clicking a related country lists the facts linking the two.
    svg.locator("path.country.related").first.dispatch_event("click")
    page.locator(".side-panel .edge-facts li a").first.wait_for()


def test_timeline_conflicts_and_claims_render(page):
    page.goto(f"{page.base}/#/timeline?entity=country:AZE")
    page.get_by_test_id("timeline").locator("svg .tl-item").first.wait_for()
    api = _get(page.base, "/api/timeline", entity="country:AZE", types="visit,agreement,membership", limit=500)
    dated = [r for r in api if r["when"] or r["start"]]
    assert page.get_by_test_id("timeline").locator("svg .tl-item").count() == len(dated)
    page.get_by_test_id("nav-conflicts").click()
    page.get_by_test_id("conflict").first.wait_for()
    assert page.get_by_test_id("conflict").count() == len(_get(page.base, "/api/conflicts"))
    page.get_by_test_id("nav-claims").click()
    page.get_by_test_id("claims-table").locator("tbody tr").first.wait_for()
