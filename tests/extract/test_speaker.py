"""Interviews and speeches: 'we', 'our country' and 'I' are the speaker's country, named in
the opening line, even when another country is named more often."""
from __future__ import annotations

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare

INTERVIEW = """Interview with the Foreign Minister of Armenia, 14 May 2025

Question: How are relations with France?

Answer: France is our strategic partner. Last year I visited Paris three times, and France
opened a defence office in Yerevan. France and Armenia also work together in the OSCE.
"""


def facts_of(text: str) -> list[dict]:
    doc = prepare(RawDocument(id="interview.txt", source="interview.txt", original=text))
    return [f.as_record() for f in extract_facts(doc)]


def test_the_speakers_country_is_we_and_i():
    facts = facts_of(INTERVIEW)
    partners = {(f["args"]["a"], f["args"]["b"], f["args"]["level"]) for f in facts if f["type"] == "partnership"}
    assert ("ARM", "FRA", "strategic_partnership") in partners
    visits = [f for f in facts if f["type"] == "visit"]
    assert [(v["args"]["visitor"], v["args"]["host"], v["time"]["start"]) for v in visits] == [("ARM", "FRA", "2024")]
    for f in facts:
        for ev in f["evidence"]:
            assert INTERVIEW[ev["start"]:ev["end"]] == ev["text"]


def test_the_date_at_the_end_of_the_title_line_dates_the_document():
    doc = prepare(RawDocument(id="interview.txt", source="interview.txt", original=INTERVIEW))
    assert (doc.date, doc.date_source) == ("2025-05-14", "byline")


def test_without_a_speaker_i_is_nobody():
    text = "Armenia and France held talks in Yerevan. I visited Paris last year, the reporter wrote."
    doc = prepare(RawDocument(id="r.txt", source="r.txt", original=text), date="2025-05-14")
    assert not [f for f in extract_facts(doc) if f.type == "visit" and f.args["host"] == "FRA"]
