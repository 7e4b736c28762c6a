"""Participation rule on sentences written for these tests: each phrasing it reads, what it must
leave alone, and the modality it gives."""
from __future__ import annotations

import pytest

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def participations(text: str, kind: str = "text") -> set[tuple[str, str, str]]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text, kind=kind), date="2024-05-06")
    return {(f.args["member"], f.args["project"], f.modality) for f in extract_facts(doc)
            if f.type == "participation"}


def members(text: str, project_word: str, modality: str = "asserted", kind: str = "text") -> set[str]:
    """The countries found taking part in the project whose name contains `project_word`."""
    return {m for m, p, mod in participations(text, kind) if project_word.lower() in p.lower() and mod == modality}


POSITIVE = [
    # project as subject
    ("The Lobito Corridor brings together Angola, Zambia and the Democratic Republic of the Congo.",
     "Lobito", {"AGO", "ZMB", "COD"}),
    ("The Development Road links Iraq and Turkey.", "Development Road", {"IRQ", "TUR"}),
    ("The Middle Corridor connects China with Europe.", "Middle Corridor", {"CHN"}),
    ("The Trans-Saharan Gas Pipeline, built by Nigeria, Niger and Algeria, is far from finished.",
     "Trans-Saharan", {"NGA", "NER", "DZA"}),
    ("The TANAP gas pipeline, owned by Azerbaijani and Turkish companies, opened in 2018.",
     "TANAP", {"AZE", "TUR"}),
    ("The TAPI project is being implemented with the participation of Turkmenistan, Afghanistan, "
     "Pakistan and India.", "TAPI", {"TKM", "AFG", "PAK", "IND"}),
    ("The EastMed pipeline is a joint project of Israel, Cyprus and Greece.", "EastMed", {"ISR", "CYP", "GRC"}),
    ("The TAPI pipeline runs through Afghanistan and Pakistan to India.", "TAPI", {"AFG", "PAK", "IND"}),
    # subject + predicate
    ("Hungary, Romania and Bulgaria take part in the Vertical Gas Corridor.", "Vertical",
     {"HUN", "ROU", "BGR"}),
    ("Japan and India are financing the Chabahar port.", "Chabahar", {"JPN", "IND"}),
    ("Azerbaijan and Turkey are co-financing the Kars-Igdir-Nakhchivan railway.", "Kars", {"AZE", "TUR"}),
    ("Poland joined the Three Seas Initiative in 2016.", "Three Seas", {"POL"}),
    ("Kazakhstan has become an active participant of the Middle Corridor.", "Middle Corridor", {"KAZ"}),
    ("Georgia is an important hub on the Middle Corridor.", "Middle Corridor", {"GEO"}),
    ("Kazakhstan, along with Azerbaijan and Georgia, is developing the Middle Corridor.", "Middle Corridor",
     {"KAZ", "AZE", "GEO"}),
    ("Uzbekistan announced its participation in the Trans-Afghan railway.", "Trans-Afghan", {"UZB"}),
    ("Armenia is a key link in both the North–South and the East–West transport corridors.", "North",
     {"ARM"}),
    ("Armenia is a key link in both the North–South and the East–West transport corridors.", "East",
     {"ARM"}),
    ("Egypt is the flagship partner of Japan's Lobito Corridor through the Trans-Afghan railway.",
     "Trans-Afghan", {"EGY"}),
    # members lists
    ("Members of the Lobito Corridor project are Angola, Zambia and the Democratic Republic of the Congo.",
     "Lobito", {"AGO", "ZMB", "COD"}),
    ("The shareholders of the Caspian Pipeline Consortium include Russia and Kazakhstan.", "Caspian Pipeline",
     {"RUS", "KAZ"}),
    ("The countries involved in the TAPI project are Turkmenistan, Afghanistan, Pakistan and India.", "TAPI",
     {"TKM", "AFG", "PAK", "IND"}),
    ("The Caspian Pipeline Consortium has three main shareholders. They are Russia, Kazakhstan and the "
     "United States.", "Caspian Pipeline", {"RUS", "KAZ", "USA"}),
    ("The members of the TAPI project are Turkmenistan, Afghanistan,\n\nPakistan and India.", "TAPI",
     {"TKM", "AFG", "PAK", "IND"}),
    # relative clauses
    ("The Middle Corridor, in which Kazakhstan, Azerbaijan and Georgia participate, is growing.",
     "Middle Corridor", {"KAZ", "AZE", "GEO"}),
    ("Chile is one of the users of the Lobito Corridor, which it develops with Angola and Zambia.",
     "Lobito", {"CHL", "AGO", "ZMB"}),
    # owners and names
    ("Officials praised China's Belt and Road Initiative.", "Belt and Road", {"CHN"}),
    ("Officials discussed the China–Pakistan Economic Corridor.", "Pakistan", {"CHN", "PAK"}),
    ("Officials inspected the Kenya–Uganda Crude Oil Pipeline.", "Uganda", {"KEN", "UGA"}),
]


@pytest.mark.parametrize("text,project,expected", POSITIVE, ids=[c[0][:50] for c in POSITIVE])
def test_finds_members(text, project, expected):
    assert members(text, project) == expected


def test_en_dashes_of_the_text_resolve_to_the_registry_id():
    found = participations("Iran and Russia are financing the Rasht–Astara railway.")
    assert {p for _, p, _ in found} == {"Qazvin-Rasht-Astara railway"}


def test_hyphenated_names_broken_over_pdf_lines():
    text = ("The Baku-Tbilisi-\nKars railway, built jointly by Azer-\nbaijan, Georgia and Tür-\nkiye, "
            "opened in 2017.\n")
    assert members(text, "Kars", kind="pdf") == {"AZE", "GEO", "TUR"}


NEGATIVE = [
    # the next project is only described: the first one is financed, not the corridor
    ("Iran and Russia are financing the Rasht–Astara railway, the missing link of the North–South corridor.",
     "North"),
    # a place the route passes, by preposition only
    ("The Zangezur corridor through Armenia's Syunik province is disputed.", "Zangezur"),
    ("The Lapis Lazuli corridor connects Afghanistan with Turkey through Turkmenistan and Georgia.", "Lapis"),
    # talks about a project, a topic
    ("Egypt hosted talks on the Lobito Corridor.", "Lobito"),
    ("Critics in Russia attacked the Middle Corridor.", "Middle Corridor"),
    # a demonym that only describes a thing
    ("The Ethiopia–Kenya Electricity Highway carries Ethiopian hydropower into the Kenyan grid.", "Highway"),
    # an unnamed pipeline: no project to attach the builders to
    ("The 182-kilometre pipeline, built by Bulgaria and Greece, links the Trans Adriatic Pipeline with "
     "the Bulgarian grid.", "Trans Adriatic"),
    ("The Middle Corridor, the strategy of the European Union, is growing.", "Middle Corridor"),
]


@pytest.mark.parametrize("text,project", NEGATIVE, ids=[c[0][:50] for c in NEGATIVE])
def test_leaves_alone(text, project):
    found = members(text, project)
    if project == "Lapis":
        assert found == {"AFG", "TUR"}      # the ends, not the transit countries
    elif project == "Highway":
        assert found == {"ETH", "KEN"}      # from the name only, not from the grid and hydropower
    else:
        assert not found


MODALITY = [
    ("Greece is not a member of the Three Seas Initiative.", "Three Seas", {"GRC"}, "negated"),
    ("Georgia has no stake in the Trans-Caspian gas pipeline project.", "Trans-Caspian", {"GEO"}, "negated"),
    ("Turkmenistan will join the Lapis Lazuli corridor next year.", "Lapis", {"TKM"}, "planned"),
    ("The Nabucco pipeline was to be built by Austria and Romania.", "Nabucco", {"AUT", "ROU"}, "planned"),
    ("There was talk of a Trans-Caspian Gas Pipeline linking Turkmenistan and Azerbaijan.", "Trans-Caspian",
     {"TKM", "AZE"}, "planned"),
]


@pytest.mark.parametrize("text,project,expected,modality", MODALITY, ids=[c[0][:50] for c in MODALITY])
def test_modality(text, project, expected, modality):
    assert members(text, project, modality) == expected
    assert not members(text, project, "asserted") & expected
