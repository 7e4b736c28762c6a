"""The country report (diplograph.export.report): one self-contained, well-formed HTML file built
from the sample corpus, on SQLite and PostgreSQL (the `backend` fixtures of conftest.py)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from diplograph.export.report import (RELATION_COLOUR, UnknownCountry, bar_chart, build_report, resolve_country,
                                      world_map, write_report)
from diplograph.kb import queries
from diplograph.kb.db import make_engine
from diplograph.registry.load import get_registry

from .conftest import SAMPLES
from .kbtools import run_cli

SECTIONS = ("partners", "map", "visits", "agreements", "memberships", "conflicts", "claims", "evidence")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FIXED = datetime(2025, 1, 2, 3, 4, tzinfo=timezone.utc)


class PageCheck(HTMLParser):
    """Parses a page and records what a self-contained, well-formed file must not have."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.external: list[str] = []     # (tag attr=value) loading something over the network
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name == "id":
                self.ids.add(value)
            if name in ("src", "href", "xlink:href", "srcset", "data") and re.match(r"\s*(https?:)?//", value):
                self.external.append(f"<{tag} {name}={value}>")
            if name == "href" and value.startswith("#"):
                self.links.append(value[1:])
            if name == "style" and re.search(r"url\(\s*['\"]?\s*(https?:)?//", value):
                self.external.append(f"<{tag} style={value}>")

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        # CSS may not import anything either
        if self.stack and self.stack[-1] == "style" and re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", data):
            self.external.append("style: " + data[:80])


def check_page(page: str) -> PageCheck:
    checker = PageCheck()
    checker.feed(page)
    checker.close()
    assert page.startswith("<!DOCTYPE html>")
    assert not checker.problems, checker.problems[:5]
    assert checker.stack == [], checker.stack
    assert not checker.external, checker.external
    assert "script" not in checker.tags and "<script" not in page.lower()
    assert not [t for t in checker.tags if t in ("link", "img", "iframe", "object", "embed")]
    missing = sorted(set(checker.links) - checker.ids)
    assert not missing, f"links to nothing: {missing[:5]}"
    return checker


def section(page: str, anchor: str) -> str:
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


def expected_partners(country: str) -> dict[str, str]:
    """Partner -> strongest level, from the sample corpus' expected facts."""
    rank = {"alliance": 0, "comprehensive_strategic_partnership": 1, "strategic_partnership": 2}
    found: dict[str, str] = {}
    for path in SAMPLES.glob("*.expected.yaml"):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8")).get("facts") or []:
            if fact.get("type") != "partnership" or fact.get("modality", "asserted") != "asserted":
                continue
            if country in (fact["a"], fact["b"]):
                other = fact["b"] if fact["a"] == country else fact["a"]
                if other not in found or rank[fact["level"]] < rank[found[other]]:
                    found[other] = fact["level"]
    return found


@pytest.fixture(scope="module")
def aze_page(sample_db) -> str:
    engine = make_engine(sample_db)
    try:
        return build_report(engine, "AZE", generated=FIXED)
    finally:
        engine.dispose()


def test_sample_report_has_every_section_and_is_self_contained(aze_page):
    checker = check_page(aze_page)
    for anchor in SECTIONS:
        assert f'<section id="{anchor}">' in aze_page
    header = aze_page[:aze_page.index("</header>")]
    assert "Azerbaijan" in header and "AZE" in header and "2025-01-02" in header
    assert "documents with facts" in header and "period the facts cover" in header
    # charts: pygal's bars, the map and the membership timeline, all inline
    assert aze_page.count("<svg") >= 5
    assert {"fact-" + str(n) for n in re.findall(r'href="#fact-(\d+)"', aze_page)} <= checker.ids


def test_known_partners_are_listed_and_coloured_on_the_map(aze_page, sample_db):
    expected = expected_partners("AZE")
    assert {"TUR", "BGR", "KAZ"} <= set(expected)
    reg = get_registry()
    partners = section(aze_page, "partners")
    engine = make_engine(sample_db)
    try:
        with engine.connect() as conn:
            rows = queries.partners(conn, "AZE")
    finally:
        engine.dispose()
    for row in rows:   # every partnership row cites its KB fact
        assert f'href="#fact-{row["fact_id"]}"' in partners
    the_map = section(aze_page, "map")
    for partner, level in expected.items():
        entity = reg.get(partner, "country")
        assert entity.name in partners and f'<span class="id">{partner}</span>' in partners
        colour = RELATION_COLOUR[level]
        assert re.search(rf'<g class="{entity.alpha2.lower()} country[^"]*" style="fill:{colour}">', the_map), partner
    # a country with no fact about AZE stays grey
    assert not re.search(r'<g class="(jp|ar) country[^"]*" style=', the_map)
    assert re.search(r'<g class="az country[^"]*" style="fill:#', the_map)


def test_sample_report_sections_show_the_kb(aze_page):
    visits = section(aze_page, "visits")
    assert "incoming" in visits and "outgoing" in visits and "Visits per year" in visits
    agreements = section(aze_page, "agreements")
    assert "Shusha Declaration" in agreements and "Agreements per year" in agreements
    memberships = section(aze_page, "memberships")
    assert "Non-Aligned Movement" in memberships and ">chair<" in memberships and "negated" in memberships
    assert 'aria-label="Membership periods"' in memberships
    conflicts = section(aze_page, "conflicts")
    assert "2019–2022" in conflicts and "2019–2023" in conflicts          # NAM chair, two sources disagree
    assert "KAZ diplomatic_relations_count" not in conflicts               # not about AZE
    claims = section(aze_page, "claims")
    assert "unsc election votes" in claims and "not checkable" in claims
    evidence = section(aze_page, "evidence")
    assert "Movement&rsquo;s" not in evidence and "Movement’s" in evidence   # HTML sources shown as read


@pytest.fixture
def xss_db(empty_db, tmp_path) -> str:
    from diplograph.kb.store import ingest
    (tmp_path / "news.txt").write_text(
        "Tbilisi, 5 March 2023\n\nGeorgia and Armenia signed a Joint Declaration on strategic partnership in "
        "Tbilisi <script>alert(1)</script> on 4 March 2023.\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Ties</title></head><body><article><h1>Georgia and Armenia</h1>"
        "<p>Tbilisi, 6 March 2023</p><p>Georgia and Armenia signed a Joint Declaration on strategic partnership "
        "in Tbilisi on 4 March 2023, a text quoting &lt;script&gt;alert(2)&lt;/script&gt; as unsafe markup.</p>"
        "</article></body></html>", encoding="utf-8")
    summary = ingest([str(tmp_path / "news.txt"), str(tmp_path / "page.html")], empty_db, workers=1)
    assert summary.failed == 0
    return empty_db


def test_markup_in_evidence_is_shown_as_text(xss_db):
    engine = make_engine(xss_db)
    try:
        page = build_report(engine, "Georgia")
    finally:
        engine.dispose()
    check_page(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page        # the text document, as written
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page        # the HTML page, as a reader saw it
    assert "Armenia" in section(page, "partners")


def test_country_without_facts_gets_a_report_saying_so(sample_db):
    engine = make_engine(sample_db)
    try:
        page = build_report(engine, "FJI")
    finally:
        engine.dispose()
    check_page(page)
    assert "No facts about Fiji (FJI) in this knowledge base" in page
    assert "<section" not in page


def test_unknown_country_is_an_error(sample_db):
    engine = make_engine(sample_db)
    try:
        with pytest.raises(UnknownCountry, match="Narnia"):
            build_report(engine, "Narnia")
    finally:
        engine.dispose()


def test_cli_report(sample_db, tmp_path):
    out = tmp_path / "aze.html"
    done = run_cli("report", "Azerbaijan", "--db", sample_db, "-o", str(out))
    assert done.returncode == 0, done.stderr
    check_page(out.read_text(encoding="utf-8"))
    unknown = run_cli("report", "Narnia", "--db", sample_db, "-o", str(tmp_path / "n.html"))
    assert unknown.returncode == 2 and "not a country" in unknown.stderr
    assert not (tmp_path / "n.html").exists()


def test_cli_report_on_a_database_without_tables(fresh_url, tmp_path):
    done = run_cli("report", "AZE", "--db", fresh_url, "-o", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "no knowledge base" in done.stderr


def test_write_report_default_name(sample_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write_report(sample_db, "tur")
    assert path == Path("report-TUR.html") and "Türkiye" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text, country", [("AZE", "AZE"), ("aze", "AZE"), ("Azerbaijan", "AZE"),
                                           ("azerbaijan", "AZE"), ("Turkey", "TUR"), ("the UK", "GBR")])
def test_resolve_country(text, country):
    assert resolve_country(text).id == country


@pytest.mark.parametrize("text", ["Narnia", "", "EU", "Baku"])
def test_resolve_country_refuses_non_countries(text):
    with pytest.raises(UnknownCountry):
        resolve_country(text)


def test_charts_carry_no_script_and_escape_labels():
    svg = bar_chart(["<b>x</b>", "2021"], [("in <i>", [1, 2], "#123456")], title="a & b")
    assert "<script" not in svg and "<!--" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg
    the_map = world_map({"fr": ("#abcdef", "France <script>")})
    assert re.search(r'<g class="fr country[^"]*" style="fill:#abcdef"><title>France &lt;script&gt;</title>', the_map)
    assert "metadata" not in the_map and "c2pa" not in the_map and "http://c2pa" not in the_map and 'class="aq ' not in the_map


def test_hand_made_edge_cases(empty_db):
    """An organization as a partner, a planned chairmanship, a visit and an agreement with no
    date of their own, a negated membership: each shown for what it is."""
    from diplograph.kb.store import store_result

    from .kbtools import make_result
    facts = [("partnership", {"a": "GEO", "b": "EU", "level": "strategic_partnership"}, {}, "asserted"),
             ("partnership", {"a": "GEO", "b": "POL", "level": "comprehensive_strategic_partnership"},
              {"start": "2016"}, "asserted"),
             ("membership", {"member": "GEO", "org": "OSCE", "role": "chair"}, {"start": "2027", "end": "2027"},
              "planned"),
             ("membership", {"member": "GEO", "org": "CSTO", "role": "member"}, {}, "negated"),
             ("visit", {"visitor": "JPN", "host": "GEO", "person": None, "kind": "official", "place": None}, {},
              "asserted"),
             ("agreement", {"parties": ["GEO", "ARM"], "title": "Protocol on <borders>", "kind": "protocol",
                            "place": None}, {}, "asserted")]
    engine = make_engine(empty_db)
    try:
        store_result(engine, make_result("edge.txt", "2021-05-04", facts))
        page = build_report(engine, "GEO")
    finally:
        engine.dispose()
    check_page(page)
    partners = section(page, "partners")
    assert '<td colspan="7">Organizations · 1 partner</td>' in partners and "European Union" in partners
    poland_region = get_registry().get("POL", "country").region
    assert partners.index(f"{poland_region} · 1 partner") < partners.index("Organizations · 1 partner")
    memberships = section(page, "memberships")
    assert "planned" in memberships and "negated" in memberships and 'stroke-dasharray="5 3"' in memberships
    assert "CSTO · member" not in memberships       # a denial has no bar
    visits = section(page, "visits")
    assert "reported 2021-05-04" in visits and "Japan" in visits
    agreements = section(page, "agreements")
    assert "Protocol on &lt;borders&gt;" in agreements and "No signing date" in agreements
    the_map = section(page, "map")
    assert re.search(rf'<g class="pl country[^"]*" style="fill:{RELATION_COLOUR["comprehensive_strategic_partnership"]}">',
                     the_map)
    assert re.search(rf'<g class="jp country[^"]*" style="fill:{RELATION_COLOUR["visit"]}">', the_map)
    assert re.search(rf'<g class="am country[^"]*" style="fill:{RELATION_COLOUR["agreement"]}">', the_map)
