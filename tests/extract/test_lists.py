"""Fact sheets written as lists: each item on a line of its own is read with the line that
introduces the list (a partnership list, a list of memberships under a heading)."""
from __future__ import annotations

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare

SHEET = """BRIEFING NOTE 3 (2025)

Chile's partnerships in brief

Chile has signed documents on strategic partnership with the following states:
- Mexico (2007, upgraded to a comprehensive strategic partnership in 2019);
- Spain (2012);
- Vietnam (2016, broader cooperation).

Multilateral memberships:
• United Nations (since 1945)
• Organization of American States (founding member, 1948)
• OSCE (observer)
• Pacific Alliance (founding member, 2011; chairmanship in 2023)
"""


def facts_of(text: str) -> list[dict]:
    doc = prepare(RawDocument(id="sheet.txt", source="sheet.txt", original=text), date="2025-03-01")
    return [f.as_record() for f in extract_facts(doc)]


def test_each_list_item_is_its_own_sentence_and_fact():
    facts = facts_of(SHEET)
    partners = {(f["args"]["a"], f["args"]["b"], f["args"]["level"], f["time"]["start"])
                for f in facts if f["type"] == "partnership"}
    assert ("CHL", "MEX", "strategic_partnership", "2007") in partners
    # an item's own level is a further fact, dated by the date after it
    assert ("CHL", "MEX", "comprehensive_strategic_partnership", "2019") in partners
    assert ("CHL", "ESP", "strategic_partnership", "2012") in partners
    assert ("CHL", "VNM", "strategic_partnership", "2016") in partners


def test_memberships_listed_under_a_heading_belong_to_the_documents_country():
    facts = facts_of(SHEET)
    members = {(f["args"]["org"], f["args"]["role"], f["time"]["start"], f["time"]["end"])
               for f in facts if f["type"] == "membership" and f["args"]["member"] == "CHL"}
    assert ("UN", "member", "1945", None) in members
    assert ("OAS", "member", "1948", None) in members
    assert ("OSCE", "observer", None, None) in members
    assert any(org != "UN" and role == "chair" and start == "2023" for org, role, start, _ in members)


def test_list_evidence_is_exact():
    facts = facts_of(SHEET)
    for f in facts:
        for ev in f["evidence"]:
            assert SHEET[ev["start"]:ev["end"]] == ev["text"]


def test_a_heading_that_is_not_about_memberships_reads_no_list():
    text = "Recent events:\n• OSCE observers arrived in the region\n• UN agencies sent aid\n"
    assert not [f for f in facts_of(text) if f["type"] == "membership" and f["rule"] == "membership.list_item"]
