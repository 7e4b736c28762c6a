#!/usr/bin/env python3
"""Screenshots of the web UI for the docs: docs/screenshots/{network,map,timeline,evidence,document}.png.

Builds a demo knowledge base from samples/docs into a temporary SQLite file, starts
`diplograph serve` on it, drives Debian's Chromium with Playwright at 1280x800 and saves the PNGs.
Needs the built UI (`make ui`) and /usr/bin/chromium (or --chromium PATH).

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "docs"
STATIC_INDEX = ROOT / "src" / "diplograph" / "web" / "static" / "index.html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}


def diplograph() -> list[str]:
    script = Path(sys.executable).with_name("diplograph")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from diplograph.cli import app; app()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, **params) -> object:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{base}{path}{'?' + query if query else ''}", timeout=10) as r:
        return json.loads(r.read())


def wait_up(base: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("diplograph serve exited before it answered")
        try:
            if get(base, "/api/health")["status"] == "ok":
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"diplograph serve did not answer on {base} within {timeout} s")


def settle(page, ms: int = 400) -> None:
    """Lets layouts and fonts finish before the picture is taken."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(ms)


def shoot(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    top = get(base, "/api/entities", kind="country", limit=1)[0]
    key = top["key"]
    # The evidence view of a well-attested fact: several sources, preferably all prose (a PDF's
    # evidence keeps its hard line breaks, faithful but a poorer picture), then the most sources.
    details = [get(base, f"/api/facts/{f['fact_id']}") for f in get(base, "/api/facts", sort="-sources", limit=20)["items"]]
    fact = max(details, key=lambda f: (f["sources"] > 1, not any(e["doc"].endswith(".pdf") for e in f["evidence"]),
                                       f["sources"], len(f["evidence"]), -f["fact_id"]))
    doc = fact["evidence"][0]["doc"]
    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
        page.set_default_timeout(20_000)

        def save(name: str) -> None:
            path = out / f"{name}.png"
            page.screenshot(path=str(path))
            saved.append(path)

        # Network: the whole KB, then the country with the most facts selected (its profile on the right).
        page.goto(f"{base}/#/network")
        page.wait_for_function("() => window.__diplographCy && window.__diplographCy.edges().length > 0")
        settle(page)
        pos = page.evaluate(f"""() => {{
            const n = window.__diplographCy.getElementById({json.dumps(key)});
            const box = document.querySelector('[data-testid=network-canvas]').getBoundingClientRect();
            const r = n.renderedPosition();
            return [box.left + r.x, box.top + r.y];
        }}""")
        page.mouse.click(*pos)
        page.locator(".details .profile-head").wait_for()
        settle(page)
        save("network")

        page.goto(f"{base}/#/map?country={top['id']}")
        page.locator("[data-testid=map-svg] path.country.related").first.wait_for()
        settle(page)
        # Hover the largest country with a partnership, at its name (the label lets the pointer
        # through to the country), so the tooltip shows in the picture; click it for its facts.
        x, y = page.evaluate("""() => {
            const partners = ['alliance', 'comprehensive_strategic_partnership', 'strategic_partnership'];
            const paths = [...document.querySelectorAll('[data-testid=map-svg] path.country.related')];
            const area = (p) => p.getBBox().width * p.getBBox().height;
            paths.sort((a, b) => partners.includes(b.dataset.relation) - partners.includes(a.dataset.relation)
                                 || area(b) - area(a));
            for (const p of paths) {
                const label = document.querySelector(`.map-labels text[data-country="${p.dataset.country}"]`);
                if (!label) continue;
                const r = label.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (document.elementFromPoint(x, y) === p) return [x, y];
            }
            return [0, 0];
        }""")
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        page.locator(".side-panel .edge-facts li").first.wait_for()
        settle(page)
        save("map")

        page.mouse.move(0, 0)   # no hover effect left over in the next pictures
        page.goto(f"{base}/#/timeline?entity={urllib.parse.quote(key)}")
        page.locator("[data-testid=timeline] .tl-item").first.wait_for()
        settle(page)
        save("timeline")

        page.goto(f"{base}/#/fact/{fact['fact_id']}")
        page.get_by_test_id("evidence-span").first.wait_for()
        settle(page)
        save("evidence")

        page.goto(f"{base}/#/document/{urllib.parse.quote(doc, safe='')}?fact={fact['fact_id']}")
        page.get_by_test_id("document-text").wait_for()
        settle(page, 600)
        save("document")
        browser.close()
    return saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    if not STATIC_INDEX.exists():
        raise SystemExit(f"the UI is not built ({STATIC_INDEX} is missing): run `make ui` first")
    if not Path(args.chromium).exists():
        raise SystemExit(f"no Chromium at {args.chromium} (apt-get install chromium, or pass --chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    # The demo KB lives in out/ (gitignored) under a short relative name, since the UI shows the
    # database URL and the documents' sources in the pictures.
    (ROOT / "out").mkdir(exist_ok=True)
    db_file = ROOT / "out" / "screenshots-demo.db"
    db_file.unlink(missing_ok=True)
    db = f"sqlite:///{db_file.relative_to(ROOT)}"
    try:
        subprocess.run([*diplograph(), "ingest", str(SAMPLES.relative_to(ROOT)), "--db", db], check=True, cwd=ROOT)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        # Read-only: the pictures need no token, and nothing can change the demo KB meanwhile.
        proc = subprocess.Popen([*diplograph(), "serve", "--db", db, "--port", str(port), "--read-only"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_up(base, proc)
            for path in shoot(base, args.out, args.chromium):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    finally:
        db_file.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
