"""The meeting rule on sentences written for these tests: who met (from the structure around the
meeting word), and the look-alikes it must leave alone (topics, places, calls, matches)."""
from __future__ import annotations

import pytest

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def meetings(text: str, date: str | None = "2024-05-10") -> list[dict]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date=date)
    return [f.as_record() for f in extract_facts(doc) if f.type == "meeting"]


def sets(text: str, date: str | None = "2024-05-10", modality: str = "asserted") -> set[tuple]:
    return {(tuple(sorted(f["args"]["participants"])), f["time"]["start"])
            for f in meetings(text, date) if f["modality"] == modality}


@pytest.mark.parametrize("text,expected", [
    ("Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Dar es Salaam "
     "on 3 May 2024.", (("KEN", "TZA"), "2024-05-03")),
    ("Talks between Emmanuel Macron and Olaf Scholz in Paris focused on defence.", (("DEU", "FRA"), "2024-05-10")),
    ("Indian Prime Minister Narendra Modi held talks with his Japanese counterpart Fumio Kishida in Tokyo "
     "in 2023.", (("IND", "JPN"), "2023")),
    ("Lavrov and Fidan discussed the war in Ukraine on 2 May.", (("RUS", "TUR"), "2024-05-02")),
    ("On the sidelines of the G20 summit in New Delhi, attended by leaders of Brazil, Canada and Mexico, "
     "Erdoğan met Joe Biden on 9 September 2023.", (("TUR", "USA"), "2023-09-09")),
    ("Museveni received Rwandan President Paul Kagame in Kampala on Monday.", (("RWA", "UGA"), "2024-05-06")),
    ("The foreign ministers of Chile, Peru and Colombia met in Lima in March 2024.",
     (("CHL", "COL", "PER"), "2024-03")),
    ("Georgian Prime Minister Irakli Kobakhidze was received by Ilham Aliyev in 2024.", (("AZE", "GEO"), "2024")),
    ("Aliyev met NATO Secretary General Jens Stoltenberg in Brussels in March 2024.",
     (("AZE", "NATO"), "2024-03")),
    ("At their meeting in Sochi, Putin and Erdoğan agreed to extend the deal.", (("RUS", "TUR"), "2024-05-10")),
    ("The Azerbaijani and Armenian foreign ministers met in Berlin in 2024.", (("ARM", "AZE"), "2024")),
])
def test_meeting_phrasings(text, expected):
    assert expected in sets(text), meetings(text)


def test_the_two_presidents_are_the_pair_named_before():
    text = "Romanian President Klaus Iohannis arrived in Sofia on Monday. The two presidents held talks."
    assert sets(text) == {(("BGR", "ROU"), "2024-05-06")}


def test_he_is_the_person_of_the_sentence_before():
    text = ("President Kassym-Jomart Tokayev of Kazakhstan arrived in Tashkent on Wednesday. "
            "On Thursday he and President Shavkat Mirziyoyev held talks.")
    assert (("KAZ", "UZB"), "2024-05-09") in sets(text)


def test_joint_press_conference_takes_the_foreign_leader_named_before():
    text = ("Erdoğan flew to Baku for a one-day visit on 15 June 2021.\n\n"
            "\"We are one nation,\" Aliyev said at a joint press conference.")
    assert (("AZE", "TUR"), "2021-06-15") in sets(text, date="2021-06-15")


def test_undated_meeting_takes_the_date_of_its_paragraph():
    text = ("The summit opened in Kampala in January 2024. The foreign minister Jeyhun Bayramov met "
            "Ugandan President Yoweri Museveni on the sidelines.")
    assert sets(text, date=None) == {(("AZE", "UGA"), "2024-01")}


def test_the_host_city_and_summit_list_are_not_participants():
    facts = meetings("Xi Jinping and Kazakh President Tokayev held talks in Astana before the SCO summit "
                     "of China, Russia and India opened.")
    assert [f["args"]["participants"] for f in facts] == [["CHN", "KAZ"]]
    assert facts[0]["args"]["place"] == "Astana"


def test_a_fuller_set_of_one_sentence_wins():
    text = ("In July it hosted a summit in Shusha, where Ilham Aliyev welcomed the presidents of Turkey, "
            "Kazakhstan and Uzbekistan and Hungarian Prime Minister Viktor Orbán.")
    assert [f["args"]["participants"] for f in meetings(text)] == [["AZE", "HUN", "KAZ", "TUR", "UZB"]]


@pytest.mark.parametrize("text,modality", [
    ("Aliyev and Pashinyan did not meet in Granada.", "negated"),
    ("Erdoğan will meet Putin in Sochi next week.", "planned"),
])
def test_meeting_modality(text, modality):
    facts = meetings(text)
    assert facts and all(f["modality"] == modality for f in facts), facts


@pytest.mark.parametrize("text", [
    "Putin and Pezeshkian discussed the Caspian transit routes in a telephone call on Tuesday.",
    "The ministers discussed defence cooperation between Pakistan and Turkey.",
    "The national football teams of Turkey and Azerbaijan met in a friendly match in Baku on Tuesday.",
    "The troika of presidencies formed by Egypt, Brazil and Chile has met regularly since 2023.",
    "The meeting of the NATO foreign ministers was held in Brussels.",
    "Leaders of Kazakhstan, Kyrgyzstan and Tajikistan attended the summit in Astana.",
    "Bayramov thanked his Georgian counterpart for the support.",
    "Georgia received gas from Azerbaijan and Russia in 2023.",
    "Aliyev welcomed the decision of the European Union.",
    "He held talks at State House on trade and security in the Horn of Africa.",
])
def test_no_meeting(text):
    assert [f for f in meetings(text) if f["modality"] == "asserted"] == []


def test_since_dates_do_not_date_the_talks():
    text = "Aliyev and Radev also held talks in Sofia, praising the partnership kept since 2015."
    assert sets(text, date="2022-10-03") == {(("AZE", "BGR"), "2022-10-03")}


def test_two_meetings_in_one_sentence_stay_apart():
    text = "On the sidelines, Putin held talks with Xi Jinping, and Erdoğan met Shehbaz Sharif on 4 July 2024."
    assert {f["args"]["participants"].__str__() for f in meetings(text)} == {"['CHN', 'RUS']", "['PAK', 'TUR']"}


def test_the_leaders_with_many_leaders_in_view_is_no_pair():
    text = ("Xi Jinping, Vladimir Putin and Shehbaz Sharif attended the opening in Astana on 4 July 2024. "
            "Tokayev hosted a dinner for the guests. The leaders discussed security in Afghanistan.")
    assert [f for f in meetings(text) if "AFG" in f["args"]["participants"]] == []
    assert not any(set(f["args"]["participants"]) == {"KAZ", "PAK"} for f in meetings(text))


def test_a_delegation_led_by_a_titled_minister_and_the_sides_after():
    text = ("On 14 May 2024, Minister of Foreign Affairs Jeyhun Bayramov received the delegation led by the "
            "Minister of Foreign Affairs of Slovakia Juraj Blanár.\n\n"
            "Blanár said Slovakia supports the peace process between Azerbaijan and Armenia. "
            "The ministers also exchanged views on regional security.")
    assert sets(text, date=None) == {(("AZE", "SVK"), "2024-05-14")}


def test_an_office_in_a_title_is_not_a_participant():
    facts = meetings("Aliyev met European Council President Charles Michel in Brussels on 4 May 2024.")
    assert [f["args"]["participants"] for f in facts] == [["AZE", "EU"]]


@pytest.mark.parametrize("text", [
    "Georgia and Armenia met the criteria for the programme.",
    "Georgia and Armenia welcomed the agreement.",
    "Armenia and Azerbaijan have been in negotiations since 2020.",
])
def test_no_meeting_without_a_counterpart(text):
    assert meetings(text) == []
