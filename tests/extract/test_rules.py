"""Each fact rule on sentences written for these tests: what it must find, and what it must not."""
from __future__ import annotations

import pytest

from diplograph.evaluate import fact_matches
from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def facts_of(text: str, date: str | None = "2024-05-06") -> list[dict]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date=date)
    return [f.as_record() for f in extract_facts(doc)]


def has(facts: list[dict], expected: dict, modality: str = "asserted") -> bool:
    return any(fact_matches(expected, f) and f["modality"] == modality for f in facts)


CASES = [
    # partnership
    ("Chile and Peru raised their relations to a comprehensive strategic partnership in March.",
     {"type": "partnership", "a": "CHL", "b": "PER", "level": "comprehensive_strategic_partnership"}),
    ("Mexico keeps a long list. The strategic partners of Mexico in Europe are the following:\n\n"
     "Southern flank\n\nSpain, Portugal and Greece - ties there are old.",
     {"type": "partnership", "a": "MEX", "b": "PRT", "level": "strategic_partnership"}),
    ("Kenya's government said Kenya-Rwanda relations now amount to a strategic partnership.",
     {"type": "partnership", "a": "KEN", "b": "RWA", "level": "strategic_partnership"}),
    ("Mongolia has treaties that raise relations to the level of alliance with two neighbours. "
     "These are Russia and China.",
     {"type": "partnership", "a": "MNG", "b": "CHN", "level": "alliance"}),
    # membership
    ("Ecuador was elected a non-permanent member of the UN Security Council for 2023-2024.",
     {"type": "membership", "member": "ECU", "org": "UNSC", "role": "non_permanent_member", "start": 2023}),
    ("Uganda chaired the Non-Aligned Movement from 2024 to 2027.",
     {"type": "membership", "member": "UGA", "org": "NAM", "role": "chair"}),
    ("Timor-Leste became a member of ASEAN in 2025.",
     {"type": "membership", "member": "TLS", "org": "ASEAN", "role": "member"}),
    # visit
    ("Brazilian President Luiz Inácio Lula da Silva paid a state visit to Angola in August 2023.",
     {"type": "visit", "visitor": "BRA", "host": "AGO", "start": 2023}),
    ("The Foreign Minister of Japan visited Egypt, Jordan and Israel in 2022.",
     {"type": "visit", "visitor": "JPN", "host": "JOR", "start": 2022}),
    # meeting
    ("The presidents of Argentina and Chile held talks in Santiago on 3 April 2024.",
     {"type": "meeting", "participants": ["ARG", "CHL"], "start": 2024}),
    # agreement
    ("Norway and Iceland signed an agreement on fisheries in Reykjavik on 12 June 2021.",
     {"type": "agreement", "parties": ["NOR", "ISL"], "start": 2021}),
    # participation
    ("The members of the Trans Adriatic Pipeline project are Greece, Albania and Italy.",
     {"type": "participation", "member": "ALB", "project": ["Trans Adriatic Pipeline", "TAP"]}),
    # hosting
    ("Qatar hosted the FIFA World Cup in 2022.",
     {"type": "hosting", "host": "QAT", "event": "FIFA World Cup"}),
    # claim
    ("Ghana has established diplomatic relations with more than 150 countries.",
     {"type": "claim", "subject": "GHA", "value": 150}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0][:40] for c in CASES])
def test_rule_finds(case):
    text, expected = case[0], case[1]
    should = case[2] if len(case) > 2 else True
    facts = facts_of(text)
    assert has(facts, expected) is should, facts


@pytest.mark.parametrize("text,expected,modality", [
    ("Senegal will chair the African Union next year.",
     {"type": "membership", "member": "SEN", "org": "AU", "role": "chair"}, "planned"),
    ("Switzerland is not a member of the European Union.",
     {"type": "membership", "member": "CHE", "org": "EU", "role": "member"}, "negated"),
    ("Azerbaijan is set to host the summit of the Non-Aligned Movement in Baku next year, while "
     "Serbia will sign an agreement with Hungary.",
     {"type": "agreement", "parties": ["SRB", "HUN"]}, "planned"),
])
def test_modality(text, expected, modality):
    facts = facts_of(text)
    assert has(facts, expected, modality), facts
    assert not has(facts, expected, "asserted"), facts


@pytest.mark.parametrize("text", [
    "The strategic importance of Georgia for transit grew as Armenia and Turkey talked about tariffs.",
    "Spain's tourism numbers rose by 12 percent in 2023, while Portugal saw 3 million visitors.",
    "Observers from France noted the weather in Italy was warm.",
])
def test_no_fact_in_text_without_one(text):
    facts = [f for f in facts_of(text) if f["type"] in (
        "partnership", "membership", "visit", "agreement", "participation", "hosting")]
    assert facts == []


def test_evidence_spans_are_exact():
    text = "Intro line\n\nChile and Peru raised their relations\nto a strategic partnership in 2019."
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text))
    facts = extract_facts(doc)
    assert facts
    for f in facts:
        for e in f.evidence:
            assert text[e.start:e.end] == e.text
