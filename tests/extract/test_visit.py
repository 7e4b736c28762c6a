"""The visit rule on sentences written for these tests: phrasings it must read, and look-alikes
(tourists, troops, calls, meetings in a third country) it must leave alone."""
from __future__ import annotations

import pytest

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def visits(text: str, date: str | None = "2024-05-10") -> list[dict]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date=date)
    return [f.as_record() for f in extract_facts(doc) if f.type == "visit"]


def pairs(text: str, date: str | None = "2024-05-10", modality: str = "asserted") -> set[tuple]:
    return {(f["args"]["visitor"], f["args"]["host"], f["time"]["start"])
            for f in visits(text, date) if f["modality"] == modality}


@pytest.mark.parametrize("text,expected", [
    # demonym + title as visitor, a city as host (-> its country), date from the sentence
    ("The official visit of the Chilean President to Lima on 30 September 2023 was a success.",
     ("CHL", "PER", "2023-09-30")),
    ("Portuguese Prime Minister Luís Montenegro arrived in Madrid in May 2023.", ("PRT", "ESP", "2023-05")),
    ("President Emmanuel Macron paid a working visit to Germany in 2022.", ("FRA", "DEU", "2022")),
    ("Japanese Foreign Minister Yoko Kamikawa visited Manila in March 2024.", ("JPN", "PHL", "2024-03")),
    # direct object, a date range gives its start
    ("Olaf Scholz visited Kenya on 13–19 November.", ("DEU", "KEN", "2023-11-13")),
    # "on Monday" resolved against the document date
    ("Narendra Modi visited Austria on Monday.", ("IND", "AUT", "2024-05-06")),
    # presence: "was in City for talks / for a state visit"
    ("Last month, Egyptian Foreign Minister Sameh Shoukry was in Amman for talks with his Jordanian counterpart.",
     ("EGY", "JOR", "2024-04")),
    ("Joe Biden, who was in Hanoi for a state visit, praised the new partnership.", ("USA", "VNM", "2024-05-10")),
    # arrival on a visit; an undated lead sentence of a news report takes the document date
    ("Erdoğan arrived in Budapest on a two-day official visit.", ("TUR", "HUN", "2024-05-10")),
    # pronoun: the visitor named after "his visit"
    ("During his visit to Belgrade in April 2024 Viktor Orbán opened a new bridge.", ("HUN", "SRB", "2024-04")),
    # passive
    ("Chile was visited by the Argentine foreign minister in June 2023.", ("ARG", "CHL", "2023-06")),
    # the receiver hosts the "visiting" minister
    ("Bayramov received the visiting Serbian minister in Baku on 12 February.", ("SRB", "AZE", "2024-02-12")),
    # talks in the host's city: the other side visited
    ("Serbian President Aleksandar Vučić held talks with Viktor Orbán in Belgrade in March 2024.",
     ("HUN", "SRB", "2024-03")),
    # a monarch named by title and country
    ("The King of Jordan travelled to Cairo in December 2016.", ("JOR", "EGY", "2016-12")),
])
def test_visit_phrasings(text, expected):
    assert expected in pairs(text), visits(text)


def test_several_hosts_and_kinds_in_one_sentence():
    facts = visits("Tokayev has paid state visits to China and Turkey and a working visit to Germany this year.")
    kinds = {f["args"]["host"]: f["args"]["kind"] for f in facts}
    assert kinds == {"CHN": "state", "TUR": "state", "DEU": "working"}, facts
    assert all(f["time"]["start"] == "2024" for f in facts)


def test_several_visitors():
    found = pairs("Tokayev and Mirziyoyev paid visits to China in 2023.")
    assert found == {("KAZ", "CHN", "2023"), ("UZB", "CHN", "2023")}


def test_return_visit_goes_back_to_the_first_visitor():
    found = pairs("Mirziyoyev visited Kazakhstan in March 2023. Tokayev made a return visit in May 2023.")
    assert ("UZB", "KAZ", "2023-03") in found and ("KAZ", "UZB", "2023-05") in found


def test_welcomed_by_gives_the_host_and_no_reverse_visit():
    found = pairs("Erdoğan was welcomed to the capital on Monday by Mirziyoyev, marking the start of a "
                  "three-day official visit to the country.")
    assert found == {("TUR", "UZB", "2024-05-06")}


def test_later_mention_of_the_same_visit_takes_its_date():
    text = ("Poland's president Andrzej Duda arrived in Vilnius on Sunday.\n\n"
            "Analysts said much later that his first visit to the country since 2012 mattered.")
    facts = visits(text)
    assert {f["time"]["start"] for f in facts} == {"2024-05-05"}, facts


@pytest.mark.parametrize("text,modality", [
    ("Kazakh President Kassym-Jomart Tokayev will pay a state visit to Mongolia next month.", "planned"),
    ("A visit by the Georgian prime minister to Armenia is scheduled for June.", "planned"),
    ("The Belarusian foreign minister's visit to Tbilisi, announced last week, was cancelled on Friday.",
     "negated"),
    ("Modi's planned visit to Russia was postponed.", "negated"),
])
def test_visit_modality(text, modality):
    facts = visits(text)
    assert facts and all(f["modality"] == modality for f in facts), facts


@pytest.mark.parametrize("text", [
    "Russian tourists visited Antalya in record numbers last summer.",
    "Turkish troops arrived in Qatar in 2017.",
    "Aliyev visited Shusha on Monday.",                       # a trip at home
    "Aliyev received the credentials of the new Italian ambassador.",
    "Aliyev welcomed the decision of the European Union.",
    "Ilham Aliyev met Vladimir Putin in Ashgabat on 11 October 2019.",   # a third country's city
    "Xi Jinping and Tokayev held talks in Astana before the SCO summit opened.",
    "Visitors from Turkey and Russia made up most of the tourists in Baku last summer.",
    "Dozens of countries sent delegations to the Baku forum, including Turkey and Hungary.",
    "Aliyev has made nearly 30 official visits abroad since 2020.",
    "Italian visitors can visit the website of the embassy in Baku.",
    "Armenia and Azerbaijan have no diplomatic relations, and no visit between the two capitals is planned.",
])
def test_no_visit(text):
    assert [f for f in visits(text) if f["modality"] == "asserted"] == []


def test_visit_evidence_is_exact():
    text = "Intro.\n\nHungarian Prime Minister Viktor Orbán\narrived in Baku on Tuesday."
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date="2024-03-14")
    facts = [f for f in extract_facts(doc) if f.type == "visit"]
    assert facts and all(text[e.start:e.end] == e.text for f in facts for e in f.evidence)
    assert facts[0].args["person"] == "Viktor Orbán" and facts[0].args["place"] == "Baku"


def test_place_of_departure_is_not_the_host():
    assert pairs("Xi Jinping travelled from Moscow to Budapest on 8 May.") == {("CHN", "HUN", "2024-05-08")}


def test_a_place_of_speaking_is_not_a_host():
    assert visits("Speaking in Berlin, Aliyev recalled his first visit to Europe.") == []


def test_an_undated_later_paragraph_of_a_news_report_takes_the_report_date():
    text = ("ASTANA, July 4, 2024 (Wire) - Leaders opened the summit in Astana on Thursday.\n\n"
            "The host spoke first. Security was the main theme. Trade came next. The talks ran late. "
            "A declaration was adopted.\n\n"
            "Xi Jinping then travelled to Dushanbe for a state visit to Tajikistan, his second trip there "
            "since 2019.")
    assert pairs(text, date=None) == {("CHN", "TJK", "2024-07-04")}


def test_planned_visit_without_a_date_gets_no_report_date():
    facts = visits("Tokayev is expected to visit Beijing.")
    assert facts and facts[0]["modality"] == "planned" and facts[0]["time"]["start"] is None
