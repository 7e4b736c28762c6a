"""The web app's JSON API over the sample corpus (samples/docs): every endpoint, its filters and
errors, the write protection, uploads and URL ingest jobs, the security headers and the docs."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from .conftest import BACKENDS, TOKEN, make_client, new_database, wait_job

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# A short news item of our own: Fiji and Iceland are linked by no sample document.
NEW_DOC = ("SUVA, 14 May 2024\n\nFiji and Iceland have established a strategic partnership, the two foreign "
           "ministries announced on Tuesday. Prime Minister Sitiveni Rabuka of Fiji paid an official visit to "
           "Iceland.\n")
EVERY_PATH = {"/api/health", "/api/stats", "/api/sources", "/api/entities", "/api/entities/{kind}/{entity_id}",
              "/api/graph", "/api/edges", "/api/map/{country}", "/api/timeline", "/api/facts", "/api/facts/{fact_id}",
              "/api/documents/{doc_id}", "/api/conflicts", "/api/claims", "/api/ingest", "/api/jobs/{job_id}"}


def ok(response, status: int = 200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:500]}"
    return response.json()


def fact_ids_of(client, entity: str) -> set[int]:
    page = ok(client.get("/api/facts", params={"entity": entity, "limit": 500, "modality": "asserted,planned,negated"}))
    return {f["fact_id"] for f in page["items"]}


# --- overview ---------------------------------------------------------------------------------------

def test_health(client):
    body = ok(client.get("/api/health"))
    assert body["status"] == "ok" and body["read_only"] is False
    assert body["version"] and body["db"].startswith("sqlite:///")


def test_stats_count_the_sample_corpus(client):
    body = ok(client.get("/api/stats"))
    assert body["documents"] == 15
    assert body["facts"] >= body["kb_facts"] > 100
    assert set(body["by_type"]) == {"partnership", "membership", "visit", "meeting", "agreement", "participation",
                                    "hosting", "cooperation", "claim"}
    assert sum(body["by_type"].values()) == body["kb_facts"]
    assert body["by_type"]["partnership"] >= 5 and body["by_type"]["membership"] >= 20
    first, last = body["years"]
    assert first <= 2005 and last >= 2025


def test_sources(client):
    rows = ok(client.get("/api/sources"))
    assert len(rows) == 15 and all(r["documents"] == 1 for r in rows)
    assert any(r["source"].endswith("10_shusha_declaration.txt") for r in rows)
    only = ok(client.get("/api/sources", params={"q": "SHUSHA"}))
    assert [Path(r["source"]).name for r in only] == ["10_shusha_declaration.txt"]


# --- entities ---------------------------------------------------------------------------------------

def test_entities_most_facts_first_with_names(client):
    rows = ok(client.get("/api/entities", params={"limit": 10}))
    assert len(rows) == 10
    assert [r["facts"] for r in rows] == sorted((r["facts"] for r in rows), reverse=True)
    by_key = {r["key"]: r for r in rows}
    assert by_key["country:AZE"]["name"] == "Azerbaijan" and by_key["country:KAZ"]["name"] == "Kazakhstan"
    assert all(r["key"] == f"{r['kind']}:{r['id']}" for r in rows)


def test_entities_search_by_name_id_and_kind(client):
    assert "country:AZE" in [r["key"] for r in ok(client.get("/api/entities", params={"q": "azerb"}))]
    # The registry name is "Türkiye": accents and case are ignored.
    assert "country:TUR" in [r["key"] for r in ok(client.get("/api/entities", params={"q": "TURKIYE"}))]
    orgs = ok(client.get("/api/entities", params={"kind": "org", "limit": 500}))
    assert orgs and all(r["kind"] == "org" for r in orgs)
    assert {"org:NAM", "org:NATO", "org:ASEAN"} <= {r["key"] for r in orgs}
    # Event ids the registry does not know are matched by their text.
    events = ok(client.get("/api/entities", params={"q": "nam summit"}))
    assert {"event:18th NAM Summit", "event:19th NAM Summit"} <= {r["key"] for r in events}


def test_entities_bad_parameters(client):
    assert client.get("/api/entities", params={"kind": "planet"}).status_code == 400
    assert client.get("/api/entities", params={"limit": 501}).status_code == 422
    assert client.get("/api/entities", params={"limit": "many"}).status_code == 422


def test_entity_profile(client):
    aze = ok(client.get("/api/entities/country/AZE"))
    assert aze["name"] == "Azerbaijan" and aze["kind"] == "country" and aze["facts"] > 20
    assert sum(aze["by_type"].values()) >= aze["facts"]
    assert ("TUR", "alliance") in {(p["partner"], p["level"]) for p in aze["partners"]}
    assert ("NAM", "chair") in {(m["org"], m["role"]) for m in aze["memberships"]}
    whens = [r["when"] for r in aze["recent"] if r["when"]]
    assert 0 < len(aze["recent"]) <= 20 and whens == sorted(whens, reverse=True)


def test_entity_ids_clash_across_kinds(client):
    """NAM is the Non-Aligned Movement (org) and Namibia (country): the kind tells them apart."""
    nam = ok(client.get("/api/entities/org/NAM"))
    assert nam["name"] == "Non-Aligned Movement" and nam["facts"] > 0
    assert {("AZE", "chair"), ("UGA", "chair")} <= {(m["member"], m["role"]) for m in nam["members"]}
    namibia = ok(client.get("/api/entities/country/NAM"))
    assert namibia["name"] == "Namibia" and namibia["facts"] == 0


def test_entity_profile_errors(client):
    assert client.get("/api/entities/country/XXQ").status_code == 404
    r = client.get("/api/entities/planet/AZE")
    assert r.status_code == 400 and "planet" in r.json()["detail"]


def test_entity_with_spaces_in_its_id(client):
    body = ok(client.get("/api/entities/project/Baku-Tbilisi-Kars railway"))
    assert body["facts"] >= 3


# --- graph ------------------------------------------------------------------------------------------

def test_graph_nodes_and_edges(client):
    g = ok(client.get("/api/graph"))
    nodes = {n["key"]: n for n in g["nodes"]}
    assert g["edges"] and not g["truncated"]
    for e in g["edges"]:
        assert e["source"] in nodes and e["target"] in nodes and e["source"] != e["target"]
        assert e["id"].startswith(f"e{e['fact_id']}-")
    assert len({e["id"] for e in g["edges"]}) == len(g["edges"])
    degree = {k: 0 for k in nodes}
    for e in g["edges"]:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    assert all(nodes[k]["degree"] == d for k, d in degree.items())
    alliance = [e for e in g["edges"] if e["type"] == "partnership" and e["level"] == "alliance"
                and {e["source"], e["target"]} == {"country:AZE", "country:TUR"}]
    assert alliance and alliance[0]["label"] == "alliance" and alliance[0]["start"].startswith("2021")
    assert nodes["country:AZE"]["name"] == "Azerbaijan"
    # Membership: member -> organization; participation: country -> project.
    assert any(e["source"] == "country:AZE" and e["target"] == "org:NAM" for e in g["edges"])
    assert any(e["target"] == "project:TANAP" for e in g["edges"])
    # An agreement of the five Caspian states is drawn as all ten pairs.
    caspian = {e["fact_id"] for e in g["edges"] if {e["source"], e["target"]} == {"country:IRN", "country:RUS"}}
    assert caspian and any(sum(e["fact_id"] == f for e in g["edges"]) == 10 for f in caspian)
    assert not any(e["type"] == "claim" for e in g["edges"])


def test_graph_filters(client):
    partnerships = ok(client.get("/api/graph", params={"types": "partnership"}))["edges"]
    assert partnerships and {e["type"] for e in partnerships} == {"partnership"}
    visits = ok(client.get("/api/graph", params={"types": "visit", "from": 2021, "to": 2022}))["edges"]
    assert visits and all(e["start"][:4] in ("2021", "2022") for e in visits)
    assert ("country:TUR", "country:AZE") in {(e["source"], e["target"]) for e in visits}
    strong = ok(client.get("/api/graph", params={"min_confidence": 0.9}))["edges"]
    assert strong and all(e["confidence"] >= 0.9 for e in strong)
    aze_facts = fact_ids_of(client, "country:AZE")
    around = ok(client.get("/api/graph", params={"entity": "country:AZE"}))
    assert around["edges"] and {e["fact_id"] for e in around["edges"]} <= aze_facts
    assert "country:AZE" in {n["key"] for n in around["nodes"]}
    source = next(r["source"] for r in ok(client.get("/api/sources")) if r["source"].endswith("10_shusha_declaration.txt"))
    shusha = ok(client.get("/api/graph", params={"source": source}))["edges"]
    assert shusha and {e["fact_id"] for e in shusha} <= {f["fact_id"] for f in ok(client.get(
        "/api/facts", params={"source": source, "limit": 500}))["items"]}
    planned = ok(client.get("/api/graph", params={"modality": "planned"}))["edges"]
    assert planned and {e["modality"] for e in planned} == {"planned"}


def test_graph_limit_takes_the_best_sourced(client):
    small = ok(client.get("/api/graph", params={"limit": 3}))
    assert len(small["edges"]) == 3 and small["truncated"] is True
    everything = ok(client.get("/api/graph"))["edges"]
    assert min(e["sources"] for e in small["edges"]) >= max(e["sources"] for e in everything[3:])


@pytest.mark.parametrize("params, status", [
    ({"types": "visit,war"}, 400), ({"from": 2020, "to": 2010}, 400), ({"limit": 999999}, 422),
    ({"limit": 0}, 422), ({"from": "abc"}, 422), ({"min_confidence": 2}, 422), ({"entity": "planet:X"}, 400),
    ({"modality": "rumoured"}, 400)])
def test_graph_bad_filters(client, params, status):
    r = client.get("/api/graph", params=params)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert detail if status == 422 else isinstance(detail, str) and detail


def test_edges_between_two_entities(client):
    rows = ok(client.get("/api/edges", params={"a": "country:AZE", "b": "country:TUR"}))
    types = {r["type"] for r in rows}
    assert {"partnership", "agreement", "visit"} <= types
    assert any("Shusha Declaration" in (r["args"].get("title") or "") for r in rows)
    for r in rows:
        keys = {e["key"] for e in r["entities"]}
        assert {"country:AZE", "country:TUR"} <= keys
    assert ok(client.get("/api/edges", params={"a": "country:AZE", "b": "country:VNM"})) == []
    assert client.get("/api/edges", params={"a": "country:AZE"}).status_code == 422
    assert client.get("/api/edges", params={"a": "planet:AZE", "b": "country:TUR"}).status_code == 400


# --- map and timeline -------------------------------------------------------------------------------

def test_map_strongest_relation_per_country(client):
    body = ok(client.get("/api/map/AZE"))
    assert body["country"] == "AZE" and body["name"] == "Azerbaijan"
    countries = body["countries"]
    assert countries["TUR"]["relation"] == "alliance" and countries["TUR"]["name"] == "Türkiye"
    assert countries["KAZ"]["relation"] == "strategic_partnership"
    assert countries["BGR"]["relation"] == "strategic_partnership"
    assert "AZE" not in countries
    assert all(c["facts"] and c["count"] >= len(c["facts"]) for c in countries.values())
    assert body["numeric"]["792"] == "TUR" and body["numeric"]["031"] == "AZE" and len(body["numeric"]) > 240
    # Before 2021 there was no alliance: the 2010 strategic partnership is the strongest.
    before = ok(client.get("/api/map/AZE", params={"from": 2010, "to": 2015}))["countries"]
    assert before["TUR"]["relation"] == "strategic_partnership"


def test_map_errors(client):
    assert client.get("/api/map/XXQ").status_code == 404
    assert client.get("/api/map/AZE", params={"from": 2020, "to": 2000}).status_code == 400


def test_timeline(client):
    rows = ok(client.get("/api/timeline", params={"entity": "country:AZE", "types": "visit,agreement"}))
    assert rows and {r["type"] for r in rows} <= {"visit", "agreement"}
    dated = [r["when"][:4] for r in rows if r["when"]]
    assert dated == sorted(dated)
    assert any("Shusha Declaration" in r["fact"] for r in rows)
    newest = ok(client.get("/api/timeline", params={"entity": "country:AZE", "order": "desc", "limit": 5}))
    years = [r["when"][:4] for r in newest if r["when"]]
    assert len(newest) == 5 and years == sorted(years, reverse=True)
    # Negated facts (Azerbaijan is not a NATO member) are not events.
    every = ok(client.get("/api/timeline", params={"entity": "country:AZE", "limit": 5000}))
    assert all(r["modality"] != "negated" for r in every)
    window = ok(client.get("/api/timeline", params={"types": "visit", "from": 2024, "to": 2024}))
    assert window and all(r["when"].startswith("2024") for r in window)
    assert client.get("/api/timeline", params={"order": "sideways"}).status_code == 422
    assert client.get("/api/timeline", params={"types": "gossip"}).status_code == 400
    assert client.get("/api/timeline", params={"limit": 5001}).status_code == 422


# --- facts and documents ----------------------------------------------------------------------------

def test_facts_paging_and_total(client):
    first = ok(client.get("/api/facts", params={"limit": 20}))
    assert first["total"] == ok(client.get("/api/stats"))["kb_facts"] and len(first["items"]) == 20
    second = ok(client.get("/api/facts", params={"limit": 20, "offset": 20}))
    assert not {f["fact_id"] for f in first["items"]} & {f["fact_id"] for f in second["items"]}
    seen = [f["last_seen"] for f in first["items"] + second["items"] if f["last_seen"]]
    assert seen == sorted(seen, reverse=True)
    item = first["items"][0]
    assert {"fact_id", "type", "fact", "args", "start", "end", "modality", "confidence", "sources", "first_seen",
            "last_seen", "entities"} <= set(item)
    by_sources = ok(client.get("/api/facts", params={"sort": "-sources", "limit": 50}))["items"]
    assert [f["sources"] for f in by_sources] == sorted((f["sources"] for f in by_sources), reverse=True)


def test_facts_search_and_filters(client):
    shusha = ok(client.get("/api/facts", params={"q": "shusha declaration"}))
    assert shusha["total"] >= 1 and all("shusha declaration" in str(f["args"]).lower() for f in shusha["items"])
    # A name finds the facts of the entity it names.
    named = ok(client.get("/api/facts", params={"q": "Azerbaijan", "limit": 500}))
    assert named["total"] >= len(fact_ids_of(client, "country:AZE")) - 5
    # Non-ASCII text is searchable although the arguments are stored as escaped JSON.
    assert any(f["args"].get("event") == "COP30" for f in ok(client.get("/api/facts", params={"q": "Belém"}))["items"])
    negated = ok(client.get("/api/facts", params={"modality": "negated", "entity": "country:AZE"}))["items"]
    assert ("NATO", "member") in {(f["args"]["org"], f["args"]["role"]) for f in negated if f["type"] == "membership"}
    visits = ok(client.get("/api/facts", params={"types": "visit", "from": 2021, "to": 2022, "limit": 500}))
    assert visits["total"] == len(visits["items"]) >= 2
    assert all(f["type"] == "visit" and f["start"][:4] in ("2021", "2022") for f in visits["items"])
    confident = ok(client.get("/api/facts", params={"min_confidence": 0.9}))["items"]
    assert all(f["confidence"] >= 0.9 for f in confident)


@pytest.mark.parametrize("params, status", [
    ({"limit": 501}, 422), ({"offset": -1}, 422), ({"sort": "-colour"}, 400), ({"types": "rumour"}, 400),
    ({"from": 2030, "to": 2020}, 400), ({"modality": "maybe"}, 400), ({"min_confidence": "high"}, 422)])
def test_facts_bad_filters(client, params, status):
    assert client.get("/api/facts", params=params).status_code == status


def test_fact_with_its_evidence(client):
    alliance = next(f for f in ok(client.get("/api/facts", params={"types": "partnership", "limit": 500}))["items"]
                    if f["args"].get("level") == "alliance" and {f["args"]["a"], f["args"]["b"]} == {"AZE", "TUR"})
    body = ok(client.get(f"/api/facts/{alliance['fact_id']}"))
    assert body["type"] == "partnership" and body["evidence"]
    assert {e["key"] for e in body["entities"]} == {"country:AZE", "country:TUR"}
    for ev in body["evidence"]:
        doc = ok(client.get(f"/api/documents/{ev['doc']}"))
        assert doc["text"][ev["start"]:ev["end"]] == ev["text"] and ev["matches_original"]
    assert client.get("/api/facts/987654").status_code == 404
    assert client.get("/api/facts/first").status_code == 422


def test_document_with_every_span(client):
    doc = ok(client.get("/api/documents/10_shusha_declaration.txt"))
    assert doc["date"] == "2021-06-15" and doc["kind"] == "text" and doc["source"].endswith("10_shusha_declaration.txt")
    original = (Path(__file__).resolve().parents[2] / "samples" / "docs" / "10_shusha_declaration.txt").read_text("utf-8")
    assert doc["text"] == original
    assert doc["spans"] and all(0 <= s["start"] < s["end"] <= len(original) for s in doc["spans"])
    linked = {s["fact_id"] for s in doc["spans"]}
    assert None not in linked
    for fact_id in list(linked)[:3]:
        assert any(e["doc"] == doc["id"] for e in ok(client.get(f"/api/facts/{fact_id}"))["evidence"])
    assert client.get("/api/documents/no_such_document.txt").status_code == 404


def test_conflicts_and_claims(client):
    found = ok(client.get("/api/conflicts"))
    nam = [c for c in found if c["kind"] == "period" and c["about"] == {"member": "AZE", "org": "NAM", "role": "chair"}]
    assert nam, found
    sides = nam[0]["sides"]
    assert {s["value"] for s in sides} >= {"2019–2022", "2019–2023"}
    assert all(s["evidence"] and s["documents"] for s in sides)
    checked = ok(client.get("/api/claims"))
    everything = ok(client.get("/api/claims", params={"include_unchecked": "true"}))
    assert len(everything) > len(checked)
    assert any(c["subject"] == "AZE" and c["measure"] == "unsc_election_votes" for c in everything)
    assert client.get("/api/claims", params={"include_unchecked": "perhaps"}).status_code == 422


# --- writing: refusals --------------------------------------------------------------------------------

def _count_documents(client) -> int:
    return ok(client.get("/api/stats"))["documents"]


def test_writes_need_the_right_token(writer):
    files = {"files": ("fiji.txt", NEW_DOC.encode(), "text/plain")}
    r = writer.post("/api/ingest", files=files)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer" and "token" in r.json()["detail"]
    r = writer.post("/api/ingest", files=files, headers={"Authorization": "Bearer not-the-token"})
    assert r.status_code == 401 and r.json()["detail"] == "wrong token"
    r = writer.post("/api/ingest", files=files, headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401
    assert _count_documents(writer) == 15


@pytest.mark.parametrize("options", [{"read_only": True, "token": TOKEN}, {}])
def test_read_only_and_tokenless_servers_refuse_writes(writable_kb, options):
    with make_client(writable_kb, **options) as c:
        assert ok(c.get("/api/health"))["read_only"] is True
        r = c.post("/api/ingest", files={"files": ("fiji.txt", NEW_DOC.encode())}, headers=AUTH)
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert _count_documents(c) == 15


def test_oversized_upload_is_refused_and_nothing_stored(writer):
    root = writer.app.state.jobs.root
    files = [("files", ("fiji.txt", NEW_DOC.encode(), "text/plain")),
             ("files", ("big.txt", b"Baku. " * 20_000, "text/plain"))]
    r = writer.post("/api/ingest", files=files, headers=AUTH)
    assert r.status_code == 413 and "big.txt" in r.json()["detail"]
    assert _count_documents(writer) == 15
    assert not any(p.is_file() for p in root.rglob("*")), "the upload left files behind"


@pytest.mark.parametrize("data, files, status", [
    ({"url": "file:///etc/passwd"}, None, 400), ({"url": "ftp://example.org/x.txt"}, None, 400),
    ({}, None, 400), ({"date": "14 May"}, {"files": ("a.txt", b"text")}, 400)])
def test_bad_ingest_requests(writer, data, files, status):
    r = writer.post("/api/ingest", data=data, files=files, headers=AUTH)
    assert r.status_code == status, r.text
    assert isinstance(r.json()["detail"], str)


def test_ingest_needs_a_form(writer):
    r = writer.post("/api/ingest", json={"url": "http://example.org"}, headers=AUTH)
    assert r.status_code == 400 and "multipart" in r.json()["detail"]


# --- writing: jobs ------------------------------------------------------------------------------------

def test_upload_then_see_the_facts(writer):
    r = writer.post("/api/ingest", files={"files": ("fiji_iceland.txt", NEW_DOC.encode(), "text/plain")}, headers=AUTH)
    accepted = ok(r, 202)
    assert accepted["status"] == "queued"
    job = wait_job(writer, accepted["job"])
    assert job["status"] == "done" and job["total"] == job["done"] == 1 and job["error"] is None
    (doc,) = job["documents"]
    assert doc["name"] == "fiji_iceland.txt" and doc["outcome"] == "new" and doc["facts"] >= 1 and doc["error"] is None
    facts = ok(writer.get("/api/facts", params={"entity": "country:FJI"}))["items"]
    assert ("partnership", "ISL") in {(f["type"], f["args"].get("b") if f["args"].get("a") == "FJI" else f["args"].get("a"))
                                      for f in facts}
    stored = ok(writer.get(f"/api/documents/{doc['doc_id']}"))
    assert stored["text"] == NEW_DOC and stored["source"] == "upload:fiji_iceland.txt"
    assert _count_documents(writer) == 16
    # The same file again: nothing new.
    again = wait_job(writer, ok(writer.post("/api/ingest", files={"files": ("fiji_iceland.txt", NEW_DOC.encode())},
                                            headers=AUTH), 202)["job"])
    assert again["documents"][0]["outcome"] == "unchanged"
    assert not any(p.is_file() for p in writer.app.state.jobs.root.rglob("*")), "uploads are deleted after the job"


def test_bad_file_is_reported_by_name_and_the_others_stored(writer):
    files = [("files", ("fiji.txt", NEW_DOC.encode(), "text/plain")),
             ("files", ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "application/pdf")),
             ("files", ("setup.exe", b"MZ\x90\x00", "application/octet-stream")),
             ("files", ("empty.txt", b"", "text/plain"))]
    job = wait_job(writer, ok(writer.post("/api/ingest", files=files, headers=AUTH), 202)["job"])
    assert job["status"] == "done" and job["total"] == job["done"] == 4
    outcome = {d["name"]: d for d in job["documents"]}
    assert outcome["fiji.txt"]["outcome"] == "new"
    for bad in ("broken.pdf", "setup.exe", "empty.txt"):
        assert outcome[bad]["outcome"] == "failed" and outcome[bad]["error"], outcome[bad]
    assert "unsupported file type" in outcome["setup.exe"]["error"]
    assert _count_documents(writer) == 16


def test_only_bad_files_fail_the_job(writer):
    job = wait_job(writer, ok(writer.post("/api/ingest", files={"files": ("x.docx", b"PK")}, headers=AUTH), 202)["job"])
    assert job["status"] == "failed" and "x.docx" in job["error"]


def test_client_file_names_are_not_paths(writer, tmp_path):
    name = "../../escaped.txt"
    job = wait_job(writer, ok(writer.post("/api/ingest", files={"files": (name, NEW_DOC.encode())}, headers=AUTH), 202)["job"])
    assert job["documents"][0]["doc_id"] == "escaped.txt" and job["documents"][0]["outcome"] == "new"
    assert not list(tmp_path.parent.rglob("escaped.txt"))


def test_document_markup_comes_back_as_json_text(writer):
    text = "VALLETTA, 2 June 2024\n\nTonga and Malta signed a memorandum on fisheries. <script>alert(1)</script>\n"
    job = wait_job(writer, ok(writer.post("/api/ingest", files={"files": ("markup.txt", text.encode())},
                                          headers=AUTH), 202)["job"])
    r = writer.get(f"/api/documents/{job['documents'][0]['doc_id']}")
    assert r.headers["content-type"] == "application/json"
    assert r.json()["text"] == text and "<script>alert(1)</script>" in r.json()["text"]


def test_ingest_from_a_url(writer, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "news.txt").write_text(NEW_DOC, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        job = wait_job(writer, ok(writer.post("/api/ingest", data={"url": f"{base}/news.txt", "date": "2024-05-14"},
                                              headers=AUTH), 202)["job"])
        missing = wait_job(writer, ok(writer.post("/api/ingest", data={"url": f"{base}/gone.txt"}, headers=AUTH), 202)["job"])
    finally:
        server.shutdown()
        server.server_close()
    (doc,) = job["documents"]
    assert job["status"] == "done" and doc["outcome"] == "new" and doc["facts"] >= 1, job
    stored = ok(writer.get(f"/api/documents/{doc['doc_id']}"))
    assert stored["url"] == f"{base}/news.txt" and stored["text"] == NEW_DOC
    assert missing["status"] == "failed" and "404" in missing["documents"][0]["error"]


def test_unknown_job(client):
    assert client.get("/api/jobs/0123456789abcdef").status_code == 404


# --- headers, docs, UI files ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/health", "/api/facts/987654", "/api/graph?types=x", "/docs", "/openapi.json",
                                  "/", "/api/nowhere"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_every_path(client):
    spec = ok(client.get("/openapi.json"))
    assert EVERY_PATH <= set(spec["paths"]), EVERY_PATH - set(spec["paths"])
    graph = {p["name"] for p in spec["paths"]["/api/graph"]["get"]["parameters"]}
    assert {"types", "from", "to", "min_confidence", "source", "entity", "limit"} <= graph
    assert "multipart/form-data" in spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]


def test_docs_page_works_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script" not in r.text.lower() and "https://" not in r.text and "cdn" not in r.text.lower()
    assert "/api/graph" in r.text and "/api/ingest" in r.text


def test_ui_files(sample_kb, tmp_path):
    static = tmp_path / "static"
    (static / "assets").mkdir(parents=True)
    (static / "index.html").write_text("<!doctype html><title>diplograph</title>", encoding="utf-8")
    (static / "assets" / "app-1234.js").write_text("console.log('hi')", encoding="utf-8")
    (static / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not served", encoding="utf-8")
    with make_client(sample_kb, static_dir=static) as c:
        page = c.get("/")
        assert page.status_code == 200 and "<title>diplograph</title>" in page.text
        assert page.headers["content-security-policy"] == CSP
        script = c.get("/assets/app-1234.js")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        assert c.get("/favicon.svg").status_code == 200
        for sneaky in ("/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                       "/assets/missing.js"):
            assert c.get(sneaky).status_code == 404, sneaky
    with make_client(sample_kb, static_dir=tmp_path / "not-built") as c:
        r = c.get("/")
        assert r.status_code == 503 and "make ui" in r.text
        assert ok(c.get("/api/health"))["status"] == "ok"


def test_unexpected_host_is_refused(sample_kb):
    with make_client(sample_kb, allowed_hosts=["127.0.0.1", "localhost"]) as c:
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 400
        assert c.get("/api/health", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "localhost"}).status_code == 200


def test_app_on_a_database_without_tables(tmp_path):
    from diplograph.kb.db import SchemaMissing
    with pytest.raises(SchemaMissing):
        make_client(f"sqlite:///{tmp_path / 'empty.db'}")


# --- SQLite and PostgreSQL --------------------------------------------------------------------------------

class TestBothBackends:
    """The same answers from a KB on SQLite and on PostgreSQL."""

    @pytest.fixture
    def api(self, any_kb):
        with make_client(any_kb, token=TOKEN) as c:
            yield c

    def test_stats_and_entities(self, api):
        stats = ok(api.get("/api/stats"))
        assert stats["documents"] == 15 and stats["by_type"]["partnership"] >= 5
        assert "country:TUR" in {r["key"] for r in ok(api.get("/api/entities", params={"q": "türk"}))}
        assert ok(api.get("/api/entities", params={"q": "100%_"})) == []

    def test_graph_map_timeline(self, api):
        edges = ok(api.get("/api/graph", params={"types": "partnership", "from": 2021, "to": 2021}))["edges"]
        assert ("alliance", {"country:AZE", "country:TUR"}) in [(e["level"], {e["source"], e["target"]}) for e in edges]
        assert ok(api.get("/api/map/AZE"))["countries"]["TUR"]["relation"] == "alliance"
        rows = ok(api.get("/api/timeline", params={"entity": "country:AZE", "types": "visit"}))
        assert rows and all(r["type"] == "visit" for r in rows)

    def test_facts_search_and_documents(self, api):
        found = ok(api.get("/api/facts", params={"q": "SHUSHA", "sort": "start"}))
        assert found["total"] >= 1
        assert ok(api.get("/api/facts", params={"q": "Belém"}))["total"] >= 1
        doc = ok(api.get("/api/documents/07_azerbaijan_nam_chairmanship.txt"))
        for s in doc["spans"][:5]:
            evidence = ok(api.get(f"/api/facts/{s['fact_id']}"))["evidence"]
            assert any(e["start"] == s["start"] and e["text"] == doc["text"][s["start"]:s["end"]] for e in evidence)

    @pytest.fixture(params=BACKENDS)
    def empty_api(self, request, tmp_path):
        with make_client(new_database(request, request.param, tmp_path, migrated=True), token=TOKEN) as c:
            yield c

    def test_upload_into_an_empty_kb(self, empty_api):
        assert ok(empty_api.get("/api/stats"))["years"] is None
        assert ok(empty_api.get("/api/graph"))["edges"] == []
        job = wait_job(empty_api, ok(empty_api.post("/api/ingest", files={"files": ("fiji_iceland.txt", NEW_DOC.encode())},
                                                    headers=AUTH), 202)["job"])
        assert job["status"] == "done" and job["documents"][0]["outcome"] == "new"
        assert ok(empty_api.get("/api/facts", params={"entity": "country:ISL"}))["total"] >= 1
        assert ok(empty_api.get("/api/stats"))["documents"] == 1


# --- the serve command ---------------------------------------------------------------------------------------

def _serve(monkeypatch, *args: str):
    """`diplograph serve ...` in this process, with uvicorn.run replaced: returns (output, app, host, port)."""
    import uvicorn
    from typer.testing import CliRunner

    from diplograph.cli import app as cli
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_kw: seen.update(app=app, host=host, port=port))
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 0, result.output
    return result.output, seen["app"], seen["host"], seen["port"]


def test_serve_on_a_fresh_path_prints_a_token(monkeypatch, tmp_path):
    import re

    from fastapi.testclient import TestClient
    output, app, host, port = _serve(monkeypatch, "--db", f"sqlite:///{tmp_path / 'new.db'}", "--port", "8123")
    assert (host, port) == ("127.0.0.1", 8123)
    token = re.search(r"http://127\.0\.0\.1:8123/#token=(\S+)", output).group(1)
    assert len(token) >= 20 and f"upload token: {token}" in output
    with TestClient(app, base_url="http://127.0.0.1:8123") as c:
        assert ok(c.get("/api/stats"))["documents"] == 0          # the tables were created
        assert c.post("/api/ingest", data={"url": "http://127.0.0.1:9/x"}).status_code == 401
        assert c.post("/api/ingest", data={"url": "http://127.0.0.1:9/x"},
                      headers={"Authorization": f"Bearer {token}"}).status_code == 202
        assert c.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400


def test_serve_read_only_and_given_token(monkeypatch, sample_kb):
    from fastapi.testclient import TestClient
    output, app, _host, _port = _serve(monkeypatch, "--db", sample_kb, "--read-only")
    assert "token" not in output and "read-only" in output
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert ok(c.get("/api/health"))["read_only"] is True and ok(c.get("/api/stats"))["documents"] == 15
    output, app, _host, _port = _serve(monkeypatch, "--db", sample_kb, "--token", "mine", "--max-upload-mb", "0.01")
    assert "#token=mine" in output
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.post("/api/ingest", files={"files": ("big.txt", b"x" * 20_000)}, headers={"Authorization": "Bearer mine"})
        assert r.status_code == 413


# --- conflicts and claims of one entity -----------------------------------------------------------------

def test_conflicts_of_one_entity(client):
    everything = ok(client.get("/api/conflicts"))
    nam = ok(client.get("/api/conflicts", params={"entity": "org:NAM"}))
    assert nam and len(nam) < len(everything)
    assert all("NAM" in c["about"].values() for c in nam)
    assert [c["id"] for c in nam] == list(range(1, len(nam) + 1))
    # The same conflicts as the whole KB's, whether the entity comes with its kind or bare.
    strip = lambda cs: [{k: v for k, v in c.items() if k != "id"} for c in cs]  # noqa: E731
    assert strip(nam) == strip([c for c in everything if "NAM" in c["about"].values()])
    assert ok(client.get("/api/conflicts", params={"entity": "NAM"})) == nam
    kaz = ok(client.get("/api/conflicts", params={"entity": "country:KAZ"}))
    assert kaz and all(c["about"].get("subject") == "KAZ" or "KAZ" in c["about"].values() for c in kaz)
    assert ok(client.get("/api/conflicts", params={"entity": ""})) == everything


def test_claims_of_one_subject(client):
    everything = ok(client.get("/api/claims", params={"include_unchecked": "true"}))
    for subject in ("AZE", "KAZ"):
        mine = ok(client.get("/api/claims", params={"subject": subject, "include_unchecked": "true"}))
        assert mine and mine == [c for c in everything if c["subject"] == subject]
    assert ok(client.get("/api/claims", params={"subject": "country:KAZ", "include_unchecked": "true"})) == \
        [c for c in everything if c["subject"] == "KAZ"]
    checked = ok(client.get("/api/claims"))
    assert ok(client.get("/api/claims", params={"subject": "AZE"})) == [c for c in checked if c["subject"] == "AZE"]


@pytest.mark.parametrize("path, name", [("/api/conflicts", "entity"), ("/api/claims", "subject")])
def test_one_entity_unknown_and_malformed(client, path, name):
    for unknown in ("ZZZ", "country:ZZZ", "O'Brien; DROP TABLE kb_facts", "100%_"):
        assert ok(client.get(path, params={name: unknown, "include_unchecked": "true"})) == []
    for bad in ("planet:X", "country:", "x" * 300, "AZE\x00", "country:A\tZE"):
        r = client.get(path, params={name: bad})
        assert r.status_code == 400 and isinstance(r.json()["detail"], str) and r.json()["detail"], r.text
    assert ok(client.get("/api/stats"))["kb_facts"] > 0           # nothing was dropped


def test_one_entity_on_both_backends(any_kb):
    with make_client(any_kb, token=TOKEN) as api:
        aze = ok(api.get("/api/conflicts", params={"entity": "country:AZE"}))
        assert [c["about"] for c in aze if c["kind"] == "period"] == [{"member": "AZE", "org": "NAM", "role": "chair"}]
        kaz = ok(api.get("/api/claims", params={"subject": "KAZ", "include_unchecked": "true"}))
        assert {c["measure"] for c in kaz} >= {"diplomatic_relations_count"}
        assert ok(api.get("/api/conflicts", params={"entity": "country:ZZZ"})) == []
        for bad in ("planet:X", "AZE\x00"):
            assert api.get("/api/claims", params={"subject": bad}).status_code == 400
            assert api.get("/api/conflicts", params={"entity": bad}).status_code == 400


def test_control_characters_in_any_parameter_are_bad_input(client):
    for url in ("/api/facts?entity=country:AZ%00E", "/api/facts?q=a%00b", "/api/graph?source=x%01",
                "/api/facts/1%00"):
        r = client.get(url)
        assert r.status_code == 400, url
        assert "control characters" in r.json()["detail"]
