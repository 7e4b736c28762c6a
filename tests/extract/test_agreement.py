"""Agreement rule on sentences written for these tests: parties, one fact per document, titles,
kinds, places and dates, and what is not an agreement."""
from __future__ import annotations

import pytest

from diplograph.extract import extract_facts
from diplograph.model import RawDocument
from diplograph.text.prepare import prepare


def agreements(text: str, date: str | None = "2024-05-06", modality: str = "asserted") -> list[dict]:
    doc = prepare(RawDocument(id="t.txt", source="t.txt", original=text), date=date)
    return [{**f.args, "start": f.time.get("start"), "rule": f.rule} for f in extract_facts(doc)
            if f.type == "agreement" and f.modality == modality]


def parties(text: str, **kw) -> list[tuple[str, ...]]:
    return sorted(tuple(a["parties"]) for a in agreements(text, **kw))


PARTIES = [
    ("Norway and Iceland signed an agreement on fisheries in Reykjavik.", [("ISL", "NOR")]),
    ("Chile signed a free trade agreement with China in 2005.", [("CHL", "CHN")]),
    ("An agreement on visa-free travel was signed between Georgia and Armenia in Tbilisi.", [("ARM", "GEO")]),
    ("Chile's President Gabriel Boric and his Argentine counterpart Alberto Fernández signed a joint "
     "declaration.", [("ARG", "CHL")]),
    ("Indonesian and Vietnamese ministers signed a memorandum on fisheries.", [("IDN", "VNM")]),
    # an organization as a party
    ("Ghana and Togo signed a trade agreement with the European Union in Brussels.", [("EU", "GHA", "TGO")]),
    # capitals standing for their states
    ("Tokyo and Seoul issued a joint statement on energy cooperation.", [("JPN", "KOR")]),
    # passive, participle and relative forms
    ("The Treaty of Asuncion, signed in 1991 by Argentina, Brazil, Paraguay and Uruguay, created a "
     "common market.", [("ARG", "BRA", "PRY", "URY")]),
    ("In 2009, the Nakhchivan Agreement was signed by Azerbaijan, Kazakhstan, Kyrgyzstan and Turkey, "
     "founding the Turkic Council.", [("AZE", "KAZ", "KGZ", "TUR")]),
    ("The agreement was signed by the foreign ministers of Chile and Peru.", [("CHL", "PER")]),
    # groups, also named by their number and kind only
    ("The Caspian littoral states adopted the Tehran Convention, the region's first environmental treaty, "
     "in 2003.", [("AZE", "IRN", "KAZ", "RUS", "TKM")]),
    ("The Convention on the Legal Status of the Caspian Sea was signed by the heads of the five littoral "
     "states in Aktau.", [("AZE", "IRN", "KAZ", "RUS", "TKM")]),
    # parties inside a title in capitals
    ("THE AGREEMENT ON TRADE BETWEEN THE REPUBLIC OF CHILE AND THE REPUBLIC OF PERU was signed in Lima.",
     [("CHL", "PER")]),
    # "with A and with B": two bilateral documents
    ("Kenya signed memorandums with Uganda and with Tanzania on the pipeline.", [("KEN", "TZA"), ("KEN", "UGA")]),
    ("Mali and Niger signed bilateral memorandums on the road with Algeria's transport ministry.",
     [("DZA", "MLI"), ("DZA", "NER")]),
    # the speaker's country
    ("\"Hungary, with which we signed a strategic partnership declaration in 2014, remains a friend,\" "
     "the Azerbaijani president said.", [("AZE", "HUN")]),
    ("Signed in 2019 by Chile and Peru, the Lima Declaration set out a common agenda.", [("CHL", "PER")]),
    ("Peru hosted the Chilean president in Lima, and the two signed an agreement on water.", [("CHL", "PER")]),
    ("Chile signed an agreement with its neighbour Peru on water.", [("CHL", "PER")]),
    ("Several agreements were signed during the visit of the Peruvian president to Chile.", [("CHL", "PER")]),
    # a named document that raised a relation
    ("In 2021 relations between Chile and Peru were elevated to an alliance by the Lima Declaration.",
     [("CHL", "PER")]),
]


@pytest.mark.parametrize("text,expected", PARTIES, ids=[c[0][:50] for c in PARTIES])
def test_parties(text, expected):
    assert parties(text) == expected


def test_several_documents_in_one_sentence():
    found = agreements("The ministers of Chile and Argentina signed an agreement on energy and a joint "
                       "statement on migration, along with protocols on customs.")
    assert sorted((a["kind"], a["title"]) for a in found) == [
        ("agreement", "agreement on energy"), ("joint_statement", "joint statement on migration"),
        ("protocol", "protocols on customs")]
    assert all(a["parties"] == ["ARG", "CHL"] for a in found)


def test_documents_of_one_signing_over_two_clauses():
    found = agreements(
        "President Tokayev of Kazakhstan held talks with President Mirziyoyev of Uzbekistan in Tashkent. "
        "The leaders also signed an agreement on the demarcation of the border, closing an old file, and "
        "adopted a joint statement on the work of the \"Central Asia\" trade centre.")
    assert sorted(a["kind"] for a in found) == ["agreement", "joint_statement"]
    assert all(a["parties"] == ["KAZ", "UZB"] for a in found)     # not the Central Asian states of the title


def test_the_pair_named_before():
    found = agreements("Serbian President Aleksandar Vučić held talks with Ilham Aliyev in Belgrade. The two "
                       "countries signed a Joint Action Plan for 2024–2026 and a memorandum of understanding "
                       "on cooperation in renewable energy.")
    assert sorted((a["kind"], tuple(a["parties"])) for a in found) == [
        ("action_plan", ("AZE", "SRB")), ("memorandum", ("AZE", "SRB"))]
    plan = next(a for a in found if a["kind"] == "action_plan")
    assert plan["title"] == "Joint Action Plan for 2024–2026"
    assert plan["start"] == "2024-05-06"      # the report's date, not the plan's period


def test_counted_documents_of_one_signing():
    found = agreements("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi. "
                       "Ministers from both sides signed four memorandums of understanding.")
    assert [(a["title"], a["kind"], a["parties"]) for a in found] == [
        ("four memorandums of understanding", "memorandum", ["ETH", "KEN"])]


def test_title_kind_place_and_date():
    [a] = agreements("The foreign ministers of Norway and Sweden signed the \"Oslo Declaration on Arctic "
                     "Cooperation\" in Stockholm on 3 May 2021.")
    assert (a["title"], a["kind"], a["place"], a["start"]) == (
        "Oslo Declaration on Arctic Cooperation", "declaration", "Stockholm", "2021-05-03")
    [b] = agreements("Chile and Peru signed the 2019 Lima Declaration.")
    assert (b["title"], b["kind"], b["place"], b["start"]) == ("2019 Lima Declaration", "declaration", "Lima", "2019")
    [c] = agreements("Prosecutors of Chile and Peru signed a cooperation programme for 2024–2025.")
    assert (c["kind"], c["title"]) == ("other", "cooperation programme for 2024–2025")


def test_headline_and_report_are_one_agreement():
    text = ("Chile and Peru sign Lima Declaration on trade\n\nLIMA, June 3, 2021 — Chilean President "
            "Sebastián Piñera and Peruvian President Francisco Sagasti signed a declaration on trade in Lima "
            "on Thursday.")
    found = agreements(text, date="2021-06-03")
    assert len(found) == 1 and found[0]["parties"] == ["CHL", "PER"]
    assert found[0]["title"] == "Lima Declaration on trade"


NOT_AGREEMENTS = [
    # running totals are claims
    "Chile and Bolivia have signed more than 40 agreements since 1990.",
    "Officials said Chile and Peru have signed 95 intergovernmental agreements.",
    # places and topics are not parties
    "Chile signed an agreement on the situation in Venezuela.",
    # a body named "Treaty Organization" is not a document
    "Armenia and Belarus signed nothing at the Collective Security Treaty Organization meeting.",
    # one party only
    "Peru signed the Paris Agreement in 2016.",
    # a list of other articles' headlines
    "More news - Chile and Peru sign trade deal - Bolivia hosts summit - Ecuador votes",
]


@pytest.mark.parametrize("text", NOT_AGREEMENTS, ids=[t[:50] for t in NOT_AGREEMENTS])
def test_not_agreements(text):
    assert agreements(text) == []


def test_founded_organization_is_not_a_party():
    [a] = agreements("Azerbaijan, Kazakhstan, Kyrgyzstan and Turkey signed the Nakhchivan Agreement in 2009, "
                     "founding the Turkic Council.")
    assert a["parties"] == ["AZE", "KAZ", "KGZ", "TUR"] and a["start"] == "2009"


def test_modality():
    assert parties("Serbia will sign an agreement with Hungary next month.", modality="planned") == [("HUN", "SRB")]
    assert parties("Serbia will sign an agreement with Hungary next month.") == []
    assert parties("The draft treaty between Armenia and Azerbaijan has not been signed.", modality="negated") \
        == [("ARM", "AZE")]
    assert parties("The draft treaty between Armenia and Azerbaijan has not been signed.") == []


def test_an_organ_signs_for_its_organization():
    assert parties("The European Commission and Azerbaijan signed a memorandum of understanding on energy.") \
        == [("AZE", "EU")]


def test_the_date_of_the_documents_own_clause():
    [a] = agreements("Kazakhstan and the European Union signed a memorandum on raw materials in 2022; "
                     "Uzbekistan is expected to sign one next year.")
    assert a["start"] == "2022"
    [b] = agreements("Kazakhstan and Uzbekistan signed a strategic partnership treaty in 2013, which was "
                     "ratified in 2014.")
    assert b["start"] == "2013"


def test_the_agreement_named_before():
    found = agreements("Kazakh Foreign Minister Murat Nurtleu met EU foreign policy chief Josep Borrell in "
                       "Brussels. The talks focused on the Enhanced Partnership and Cooperation Agreement. The "
                       "agreement, signed in Astana in December 2015, entered into force in 2020.")
    assert [(a["parties"], a["start"], a["place"]) for a in found] == [(["EU", "KAZ"], "2015-12", "Astana")]


def test_documents_signed_earlier_are_not_this_signing():
    assert agreements("Azerbaijan and Georgia discussed the implementation of agreements signed earlier.") == []


def test_a_bilateral_document_with_one_party_named():
    assert parties("Peruvian President Dina Boluarte arrived in Santiago on Monday. Chile signed a bilateral "
                   "agreement on water.") == [("CHL", "PER")]
    # one party and no pair to complete it: nothing
    assert parties("Chile signed a bilateral agreement on water.") == []
