"""The hosting rule on sentences written for these tests: who hosted which event where and when,
modality, and sentences that must give no hosting (or not the wrong host)."""
from __future__ import annotations

import pytest

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def hostings(text: str, date: str | None = "2024-05-06") -> list[dict]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date=date)
    return [f.as_record() for f in extract_facts(doc) if f.type == "hosting"]


def find(facts: list[dict], host: str, event_part: str, modality: str = "asserted") -> dict | None:
    return next((f for f in facts if f["args"]["host"] == host and event_part.lower() in f["args"]["event"].lower()
                 and f["modality"] == modality), None)


@pytest.mark.parametrize("text,host,event,place,start", [
    ("Qatar hosted the FIFA World Cup in 2022.", "QAT", "FIFA World Cup", None, "2022"),
    ("Dubai hosted COP28 in late 2023.", "ARE", "COP28", "Dubai", "2023"),
    ("Kyrgyzstan hosted the SCO summit in Bishkek in June 2019.", "KGZ", "SCO Summit", "Bishkek", "2019-06"),
    ("Lima played host to the APEC summit in November 2024.", "PER", "APEC Summit", "Lima", "2024-11"),
    ("The 2023 BRICS summit was held in Johannesburg in August.", "ZAF", "BRICS Summit", "Johannesburg", "2023-08"),
    ("The Arab League summit took place in Jeddah, Saudi Arabia, in May 2023.", "SAU", "Arab League Summit",
     "Jeddah", "2023-05"),
    ("The 15th summit of the Economic Cooperation Organization, hosted by Turkmenistan, opened in Ashgabat.",
     "TKM", "15th ECO Summit", "Ashgabat", None),
    ("The Vilnius summit, which Lithuania hosted in July 2023, agreed a new plan.", "LTU", "Vilnius summit",
     "Vilnius", "2023-07"),
    ("The Munich Security Conference, which Germany hosts every February, opened on Friday.", "DEU",
     "Munich Security Conference", "Munich", None),
    ("Baku was the venue of the Eurovision Song Contest in 2012.", "AZE", "Eurovision Song Contest", "Baku", "2012"),
    ("Egypt hosted the COP27 climate conference in Sharm el-Sheikh in 2022.", "EGY", "COP27", "Sharm el-Sheikh",
     "2022"),
    ("Chile wrapped up the 30th APEC Summit in Santiago on Friday.", "CHL", "APEC", "Santiago", None),
    ("The 11th Summit of the Non-Aligned Movement, held on 2-4 October on the island of Mahé "
     "(Seychelles), adopted a final document.", "SYC", "NAM Summit", "Mahé", None),
])
def test_finds(text, host, event, place, start):
    facts = hostings(text)
    f = find(facts, host, event)
    assert f is not None, facts
    assert f["args"]["place"] == place, f
    if start:
        assert f["time"]["start"].startswith(start), f


def test_several_events_and_a_relative_host():
    facts = hostings("Tashkent hosted the first Asian Forum in 2015 and the 4th Islamic Solidarity Games in 2021.")
    assert find(facts, "UZB", "first Asian Forum")["time"]["start"] == "2015"
    assert find(facts, "UZB", "Islamic Solidarity Games")["time"]["start"] == "2021"
    facts = hostings("Mexico will host COP31 next year, taking over from Peru, which hosted COP20 in its capital.")
    assert find(facts, "PER", "COP20")["args"]["place"] == "Lima"
    assert find(facts, "MEX", "COP31", "planned") is not None
    assert find(facts, "MEX", "COP20") is None


def test_editions():
    text = ("The Fifth Baltic Summit was held in Riga in 2018. Four earlier summits had prepared it. "
            "Tallinn hosted the first summit in 2002, Vilnius the second in 2006 and Warsaw the third in 2010.")
    facts = hostings(text)
    assert find(facts, "EST", "first Baltic Summit")["time"]["start"] == "2002"
    assert find(facts, "LTU", "second Baltic Summit")["args"]["place"] == "Vilnius"
    assert find(facts, "POL", "third Baltic Summit")["time"]["start"] == "2010"
    facts = hostings("The first Central Asia–China summit was held in Xi'an in May 2023, and the second in "
                     "Astana in June 2025.")
    assert find(facts, "CHN", "first Central Asia–China summit") is not None
    assert find(facts, "KAZ", "second Central Asia–China summit")["time"]["start"] == "2025-06"


def test_summits_named_by_their_organization():
    text = ("Senegal now chairs the African Union: the bloc's 38th summit, held in Dakar this week, handed it the "
            "gavel. Ghana had taken the post at the 37th summit, which it hosted in Accra in 2023.")
    facts = hostings(text, date="2025-02-20")
    assert find(facts, "SEN", "38th AU Summit")["args"]["place"] == "Dakar"
    assert find(facts, "GHA", "37th AU Summit")["args"]["place"] == "Accra"
    facts = hostings("India held the G20 presidency in 2023 and hosted the group's leaders in New Delhi that "
                     "September.")
    assert find(facts, "IND", "G20 Summit") is not None
    facts = hostings("Japan chaired the G7 in 2023 and hosted its summit in Hiroshima in May 2023.")
    assert find(facts, "JPN", "G7 Summit")["args"]["place"] == "Hiroshima"


@pytest.mark.parametrize("text,host,event,modality", [
    ("Egypt will host the next Arab League summit in Cairo.", "EGY", "Arab League Summit", "planned"),
    ("Serbia will not host the next European Games.", "SRB", "European Games", "negated"),
    ("Tokyo is also set to host the 2030 Asian Games in Nagoya.", "JPN", "Asian Games", "planned"),
    ("Belarus offered to host the sixth summit of the CSTO in Minsk.", "BLR", "CSTO Summit", "planned"),
    ("The final document decided to hold the 20th Summit of the Non-Aligned Movement in Uganda.", "UGA",
     "NAM Summit", "planned"),
])
def test_modality(text, host, event, modality):
    facts = hostings(text)
    assert find(facts, host, event, modality) is not None, facts
    assert find(facts, host, event, "asserted") is None, facts


@pytest.mark.parametrize("text", [
    "The 78th session of the UN General Assembly was held in New York.",
    "A special session of the UN General Assembly on the pandemic was convened by Azerbaijan in 2020.",
    "Azerbaijan's president attended the NATO summit in Vilnius.",
    "The Italian Embassy in Baku hosted a reception.",
    "France and Germany discussed the summit held in Brussels.",
    "Azerbaijan held talks with Georgia at the OSCE summit in Astana.",
    "Indonesia held the G20 presidency in 2022 at a time of war in Ukraine.",
    "Hungary, which holds the rotating presidency of the EU Council, hosted an informal meeting in Budapest.",
    "Kazakhstan hosted the EU and Armenian leaders for dinner.",
])
def test_no_wrong_hosting(text):
    facts = hostings(text)
    wrong = [f for f in facts if f["args"]["host"] in ("USA", "AZE", "LTU", "BEL", "KAZ", "UKR", "IDN", "ARM")
             or "Council" in f["args"]["event"] or "Assembly" in f["args"]["event"]]
    assert wrong == [], facts


def test_the_host_is_the_subject_not_another_country():
    facts = hostings("China organised the Belt and Road Forum for heads of state from Kazakhstan and Russia.")
    assert {f["args"]["host"] for f in facts} == {"CHN"}
    facts = hostings("Russia hosted the St. Petersburg International Economic Forum, where Indonesian and "
                     "Turkish delegations signed deals.")
    assert {f["args"]["host"] for f in facts} == {"RUS"}


def test_evidence_is_exact():
    text = "Intro.\n\nThe 2023 BRICS summit\nwas held in Johannesburg."
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text))
    facts = [f for f in extract_facts(doc) if f.type == "hosting"]
    assert facts and all(text[e.start:e.end] == e.text for f in facts for e in f.evidence)
