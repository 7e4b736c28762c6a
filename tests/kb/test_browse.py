"""kb.browse, the web app's queries, on SQLite and PostgreSQL: over the sample corpus, and over
small hand-made KBs where the exact answer is known (time overlap, n-ary edges, ids shared by
two kinds, ranking by sources)."""
from __future__ import annotations

import pytest

from diplograph.kb import browse
from diplograph.kb.browse import BadFilter
from diplograph.kb.db import make_engine

from .kbtools import make_result, store_all


def run(url: str, fn, *args, **kwargs):
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return fn(conn, *args, **kwargs)
    finally:
        engine.dispose()


def store(url: str, *results) -> None:
    store_all(url, *results)


@pytest.fixture
def small_kb(empty_db) -> str:
    """Facts whose answers are known: periods open and closed, an undated document, a
    twelve-party agreement, NAM as organization and as country, one fact stated twice."""
    twelve = ["AZE", "TUR", "GEO", "KAZ", "UZB", "KGZ", "TKM", "HUN", "ITA", "FRA", "DEU", "ESP"]
    store(empty_db,
          make_result("a.txt", "2020-05-01", [
              ("partnership", {"a": "AZE", "b": "ITA", "level": "strategic_partnership"}, {"start": "2010", "end": None}, "asserted"),
              ("visit", {"visitor": "ITA", "host": "AZE", "person": None, "kind": "official", "place": None},
               {"start": "2010-03", "end": None}, "asserted"),
              ("membership", {"member": "AZE", "org": "UNSC", "role": "non_permanent_member"},
               {"start": "2012", "end": "2013"}, "asserted"),
              ("membership", {"member": "AZE", "org": "NAM", "role": "member"}, {"start": "2011", "end": None}, "asserted"),
              ("membership", {"member": "AZE", "org": "NATO", "role": "member"}, {"start": None, "end": None}, "negated"),
              ("agreement", {"parties": twelve, "title": "Twelve-party declaration on 100% clean energy", "kind": "declaration",
                             "place": None}, {"start": "2019-04-02", "end": None}, "asserted"),
              ("agreement", {"parties": ["AZE", "TUR", "GEO", "KAZ"], "title": "Quadrilateral transport protocol",
                             "kind": "protocol", "place": None}, {"start": "2018-01-10", "end": None}, "asserted"),
              ("agreement", {"parties": ["NAM", "AZE"], "title": "Namibia memorandum", "kind": "memorandum",
                             "place": None}, {"start": "2019-05-05", "end": None}, "asserted"),
          ]),
          make_result("b.txt", "2021-01-01", [
              ("partnership", {"a": "AZE", "b": "ITA", "level": "strategic_partnership"}, {"start": "2010", "end": None}, "asserted"),
              ("partnership", {"a": "AZE", "b": "TUR", "level": "alliance"}, {"start": "2021", "end": None}, "asserted"),
          ]),
          make_result("undated.txt", None, [
              ("cooperation", {"a": "AZE", "b": "HUN", "domain": "energy"}, {"start": None, "end": None}, "asserted"),
          ]))
    return empty_db


# --- parsing filters ------------------------------------------------------------------------------------

def test_parse_filters():
    assert browse.parse_types(None) is None and browse.parse_types(" ,") is None
    assert browse.parse_types("Visit, agreement,visit") == ("visit", "agreement")
    with pytest.raises(BadFilter, match="unknown fact type 'war'"):
        browse.parse_types("visit,war")
    assert browse.parse_entity("country:AZE") == ("country", "AZE")
    assert browse.parse_entity("org:NAM") == ("org", "NAM")
    assert browse.parse_entity("NATO") == ("org", "NATO")
    assert browse.parse_entity("NAM") == ("country", "NAM")        # a bare id: countries first, as the KB
    assert browse.parse_entity("event:18th NAM Summit") == ("event", "18th NAM Summit")
    for bad in ("planet:Mars", "country:"):
        with pytest.raises(BadFilter):
            browse.parse_entity(bad)
    assert browse.parse_modalities("asserted,planned") == ("asserted", "planned")
    with pytest.raises(BadFilter):
        browse.parse_modalities("rumoured")
    with pytest.raises(BadFilter, match="after"):
        browse.check_years(2020, 2010)
    browse.check_years(2010, 2010)
    assert browse.parse_sort("-sources") == ("sources", True) and browse.parse_sort(None) == ("last_seen", True)
    with pytest.raises(BadFilter):
        browse.parse_sort("colour")
    with pytest.raises(BadFilter):
        browse.check_kind("planet")


def test_iso_numeric():
    numeric = browse.iso_numeric()
    assert numeric["792"] == "TUR" and numeric["031"] == "AZE" and numeric["516"] == "NAM"
    assert len(numeric) >= 249


# --- over the sample corpus -----------------------------------------------------------------------------------

def test_stats_and_sources(sample_db):
    stats = run(sample_db, browse.stats)
    assert stats["documents"] == 15 and sum(stats["by_type"].values()) == stats["kb_facts"] > 100
    assert stats["years"][0] <= 2005 and stats["years"][1] >= 2025
    sources = run(sample_db, browse.sources)
    assert len(sources) == 15 and all(s["documents"] == 1 for s in sources)
    assert len(run(sample_db, browse.sources, "caspian")) == 1


def test_entities_and_profile(sample_db):
    top = run(sample_db, browse.entities, limit=5)
    assert {"country:AZE", "country:KAZ"} <= {e["key"] for e in top}
    assert [e["facts"] for e in top] == sorted((e["facts"] for e in top), reverse=True)
    assert [e["key"] for e in run(sample_db, browse.entities, "kazakh")][0] == "country:KAZ"
    projects = run(sample_db, browse.entities, None, "project", 50)
    assert "project:TANAP" in {e["key"] for e in projects} and all(e["kind"] == "project" for e in projects)
    profile = run(sample_db, browse.entity_profile, "country", "KAZ")
    assert profile["name"] == "Kazakhstan" and profile["facts"] >= 20
    assert ("UZB", "alliance") in {(p["partner"], p["level"]) for p in profile["partners"]}
    assert run(sample_db, browse.entity_profile, "country", "QQQ") is None


def test_graph_map_and_facts_on_the_samples(sample_db):
    g = run(sample_db, browse.graph, types=("partnership",))
    pairs = {(e["level"], frozenset((e["source"], e["target"]))) for e in g["edges"]}
    assert ("alliance", frozenset(("country:KAZ", "country:UZB"))) in pairs
    m = run(sample_db, browse.map_relations, "KAZ")
    assert m["countries"]["UZB"]["relation"] == "alliance"
    assert m["countries"]["CHN"]["relation"] == "comprehensive_strategic_partnership"
    page = run(sample_db, browse.facts, q="caspian", limit=500)
    assert page["total"] == len(page["items"]) >= 2
    doc = run(sample_db, browse.document, "06_caspian_convention.txt")
    assert doc["spans"] and all(doc["text"][s["start"]:s["end"]] for s in doc["spans"])
    assert run(sample_db, browse.document, "nothing.txt") is None


# --- over a small KB with known answers ----------------------------------------------------------------------

def _fact(items, fact_type, **args):
    return next(f for f in items if f["type"] == fact_type and all(f["args"].get(k) == v for k, v in args.items()))


def test_time_filter_keeps_open_relations(small_kb):
    """A partnership from 2010 with no end still holds in 2018-2020; a 2010 visit does not; a
    2012-2013 membership does not; a fact with no time at all is left out by any time filter."""
    page = run(small_kb, browse.facts, year_from=2018, year_to=2020, limit=500)
    kinds = {(f["type"], f["args"].get("org") or f["args"].get("b") or f["args"].get("host")) for f in page["items"]}
    assert ("partnership", "ITA") in kinds and ("membership", "NAM") in kinds
    assert ("visit", "AZE") not in kinds and ("membership", "UNSC") not in kinds
    assert ("cooperation", "HUN") not in kinds
    assert page["total"] == len(page["items"])
    assert ("cooperation", "HUN") in {(f["type"], f["args"].get("b")) for f in run(small_kb, browse.facts, limit=500)["items"]}
    early = run(small_kb, browse.facts, year_from=2012, year_to=2012, limit=500)["items"]
    assert _fact(early, "membership", org="UNSC") and _fact(early, "partnership", b="ITA")
    # Before a relation began it is not there.
    assert not [f for f in run(small_kb, browse.facts, year_to=2009, limit=500)["items"] if f["type"] == "partnership"]


def test_graph_edges_for_n_ary_facts(small_kb):
    g = run(small_kb, browse.graph, types=("agreement",))
    by_fact: dict[int, list] = {}
    for e in g["edges"]:
        by_fact.setdefault(e["fact_id"], []).append(e)
    sizes = sorted(len(v) for v in by_fact.values())
    # Four parties: every pair (6); twelve parties (more than MAX_CLIQUE): a star of 11; Namibia and AZE: 1.
    assert browse.MAX_CLIQUE < 12 and sizes == [1, 6, 11]
    star = next(v for v in by_fact.values() if len(v) == 11)
    hubs = {e["source"] for e in star}
    assert len(hubs) == 1
    focused = run(small_kb, browse.graph, types=("agreement",), entity=("country", "TUR"))
    tur_star = [e for e in focused["edges"] if len(
        [x for x in focused["edges"] if x["fact_id"] == e["fact_id"]]) == 11]
    assert tur_star and all(e["source"] == "country:TUR" for e in tur_star)
    # The Namibia memorandum is not an edge of the Non-Aligned Movement.
    nam_org = run(small_kb, browse.graph, entity=("org", "NAM"))
    assert {e["type"] for e in nam_org["edges"]} == {"membership"}


def test_graph_limit_takes_the_best_sourced_first(small_kb):
    one = run(small_kb, browse.graph, limit=1)
    (edge,) = one["edges"]
    assert one["truncated"] is True
    assert edge["sources"] == 2 and {edge["source"], edge["target"]} == {"country:AZE", "country:ITA"}
    assert run(small_kb, browse.graph, types=("claim",)) == {"nodes": [], "edges": [], "truncated": False}
    assert not run(small_kb, browse.graph, source="test/undated.txt", types=("partnership",))["edges"]
    only_b = run(small_kb, browse.graph, source="test/b.txt")["edges"]
    assert {frozenset((e["source"], e["target"])) for e in only_b} == {
        frozenset(("country:AZE", "country:ITA")), frozenset(("country:AZE", "country:TUR"))}


def test_entities_split_an_id_shared_by_two_kinds(small_kb):
    found = {e["key"]: e for e in run(small_kb, browse.entities, "NAM")}
    assert found["org:NAM"]["facts"] == 1 and found["org:NAM"]["name"] == "Non-Aligned Movement"
    assert found["country:NAM"]["facts"] == 1 and found["country:NAM"]["name"] == "Namibia"
    orgs = run(small_kb, browse.entities, None, "org", 50)
    assert "country:NAM" not in {e["key"] for e in orgs} and "org:NAM" in {e["key"] for e in orgs}
    # LIKE wildcards in q are plain text.
    assert run(small_kb, browse.entities, "%") == []
    assert run(small_kb, browse.facts, q="100%")["total"] == 1
    assert run(small_kb, browse.facts, q="m_m")["total"] == 0   # "_" is no wildcard ("memorandum")


def test_map_and_edges(small_kb):
    m = run(small_kb, browse.map_relations, "AZE")
    assert m["countries"]["TUR"]["relation"] == "alliance"
    assert m["countries"]["ITA"]["relation"] == "strategic_partnership" and m["countries"]["ITA"]["count"] == 3
    assert m["countries"]["GEO"]["relation"] == "agreement"
    assert m["countries"]["HUN"]["relation"] == "agreement"   # the declaration outranks the cooperation
    assert "NAM" in m["countries"] and "AZE" not in m["countries"]
    before = run(small_kb, browse.map_relations, "AZE", 2010, 2010)["countries"]
    assert set(before) == {"ITA"} and before["ITA"]["count"] == 2
    rows = run(small_kb, browse.edges_between, ("country", "AZE"), ("country", "ITA"))
    assert [r["type"] for r in rows] == ["partnership", "visit", "agreement"]
    assert all({"country:AZE", "country:ITA"} <= {e["key"] for e in r["entities"]} for r in rows)


def test_timeline_across_types(small_kb):
    rows = run(small_kb, browse.timeline, entity=("country", "AZE"))
    assert all(r["modality"] != "negated" for r in rows)
    dated = [r["when"] for r in rows if r["when"]]
    assert dated == sorted(dated) and rows[-1]["when"] is None      # the undated fact comes last
    newest = run(small_kb, browse.timeline, entity=("country", "AZE"), limit=2, newest_first=True)
    assert [r["when"][:4] for r in newest] == ["2021", "2019"]
    with_negated = run(small_kb, browse.timeline, entity=("country", "AZE"), include_negated=True)
    assert len(with_negated) == len(rows) + 1


def test_facts_detail_and_document(small_kb):
    page = run(small_kb, browse.facts, sort="-sources", limit=2)
    assert page["total"] == 10 and page["items"][0]["sources"] == 2   # 8 + 2 (one shared with a.txt) + 1
    second = run(small_kb, browse.facts, sort="-sources", limit=2, offset=2)
    assert not {f["fact_id"] for f in page["items"]} & {f["fact_id"] for f in second["items"]}
    detail = run(small_kb, browse.fact_detail, page["items"][0]["fact_id"])
    assert {e["doc"] for e in detail["evidence"]} == {"a.txt", "b.txt"}
    assert all(e["matches_original"] for e in detail["evidence"])
    assert run(small_kb, browse.fact_detail, 10**9) is None
    doc = run(small_kb, browse.document, "b.txt")
    assert len(doc["spans"]) == 2 and {s["type"] for s in doc["spans"]} == {"partnership"}
    assert detail["fact_id"] in {s["fact_id"] for s in doc["spans"]}
