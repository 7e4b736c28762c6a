"""The one-pass mention finder: name table, offsets, boundaries, case rules, longest match."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diplograph.registry.gazetteer import Gazetteer, get_gazetteer
from diplograph.registry.load import get_registry

TABLE = yaml.safe_load((Path(__file__).parent / "names_table.yaml").read_text(encoding="utf-8"))
CASES = [(section, text, expected) for section, rows in TABLE.items() for text, expected in rows]
SPEC_ORG_IDS = ("UN UNSC UNGA ECOSOC UNESCO OSCE NAM OIC OTS EU NATO CIS GUAM BSEC ECO CSTO SCO GCC "
                "LAS AU OAS COE ISESCO EPC ISDB WTO ASEAN BRICS G20 EAEU CICA").split()


def has_organizations() -> bool:
    return bool(get_registry().by_kind("org")) and get_registry().get("NATO", "org") is not None


def mentions(text: str, date: str | None = None, gazetteer: Gazetteer | None = None):
    return (gazetteer or get_gazetteer()).find(text, date)


def test_the_name_table_is_big_enough():
    assert len(CASES) >= 200


@pytest.mark.parametrize("section, name, expected", CASES, ids=[f"{s}:{t}" for s, t, _ in CASES])
def test_name_table(section, name, expected):
    if section == "organizations" and not has_organizations():
        pytest.skip("organizations.yaml not present")
    sentence = f"Reports quoted {name} on Tuesday."
    found = mentions(sentence)
    if expected is None:
        assert found == [], found
        return
    assert len(found) == 1, found
    mention = found[0]
    assert mention.id == expected
    assert mention.text == name                 # the whole name, nothing more
    assert sentence[mention.start:mention.end] == name


def spec_org_names():
    registry = get_registry()
    out = []
    for org_id in SPEC_ORG_IDS:
        entity = registry.get(org_id, "org")
        if entity is None:
            continue
        for surface in [entity.name, *entity.acronyms, *(f["name"] for f in entity.former)]:
            out.append((org_id, surface))
    return out


@pytest.mark.skipif(not has_organizations(), reason="organizations.yaml not present")
def test_every_spec_org_id_exists():
    missing = [org_id for org_id in SPEC_ORG_IDS if get_registry().get(org_id, "org") is None]
    assert missing == []


@pytest.mark.skipif(not has_organizations(), reason="organizations.yaml not present")
@pytest.mark.parametrize("org_id, surface", spec_org_names())
def test_spec_org_names_and_acronyms_resolve(org_id, surface):
    found = mentions(f"Delegates of the {surface} met again.")
    assert [(m.text.removeprefix("the "), m.id, m.kind) for m in found] == [(surface, org_id, "org")]


def test_offsets_survive_diacritics_and_line_breaks():
    text = "Ölkə: Türkiye, Turkiye and Great \nBritain;  Bosnia  and Herzegovina — Côte d’Ivoire."
    found = mentions(text)
    assert [(m.text, m.id) for m in found] == [
        ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Great \nBritain", "GBR"),
        ("Bosnia  and Herzegovina", "BIH"), ("Côte d’Ivoire", "CIV")]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_longest_leftmost_and_articles():
    found = mentions("Talks in the Republic of Azerbaijan and in Bosnia and Herzegovina.")
    assert [(m.text, m.id) for m in found] == [("the Republic of Azerbaijan", "AZE"),
                                               ("Bosnia and Herzegovina", "BIH")]
    found = mentions("Papua New Guinea, Guinea-Bissau, Equatorial Guinea and Guinea.")
    assert [m.id for m in found] == ["PNG", "GNB", "GNQ", "GIN"]
    found = mentions("Both Koreas: North Korea and South Korea; the Democratic Republic of the Congo.")
    assert [m.id for m in found] == ["PRK", "KOR", "COD"]


def test_un_security_council_is_one_mention(fixture_registry):
    found = Gazetteer(fixture_registry).find("The UN Security Council met; the UN did not.")
    assert [(m.text, m.id) for m in found] == [("The UN Security Council", "UNSC"), ("UN", "UN")]


def test_possessives_and_word_boundaries():
    found = mentions("Turkey's position, Azerbaijan’s view, the Americas, Pakistani envoys, Nigeria.")
    assert [(m.text, m.id) for m in found] == [("Turkey", "TUR"), ("Azerbaijan", "AZE"),
                                               ("Pakistani", "PAK"), ("Nigeria", "NGA")]


def test_capitalization_rules():
    assert mentions("we ate turkey in china with a chad") == []
    assert [m.id for m in mentions("TURKEY AND CHINA SIGN DEAL")] == ["TUR", "CHN"]
    assert [m.id for m in mentions("the Caspian Littoral States met")] == ["caspian_littoral_states"]
    assert [m.id for m in mentions("Georgia and Jordan")] == ["GEO", "JOR"]


def test_acronyms_are_case_sensitive():
    assert mentions("let us go to the uk and the usa") == []
    assert [(m.text, m.id) for m in mentions("The US, the U.S. and the UK.")] == [
        ("US", "USA"), ("U.S.", "USA"), ("UK", "GBR")]
    # an acronym that is an English word is not read inside a shouted headline
    assert mentions("PLEASE TELL US MORE") == []


def test_blocked_phrases_are_not_mentions():
    assert mentions("The Indian Ocean and the South China Sea border the Korean Peninsula.") == []
    assert [m.id for m in mentions("Indian and Chinese ships")] == ["IND", "CHN"]


def test_cities_carry_their_country():
    found = mentions("From Baku to Kiev via Istanbul.")
    assert [(m.id, m.kind, m.via, m.country) for m in found] == [
        ("Baku", "city", "capital", "AZE"), ("Kyiv", "city", "capital", "UKR"),
        ("Istanbul", "city", "name", "TUR")]


def test_groups_carry_members_for_the_date():
    text = "The Caspian littoral states signed a convention."
    assert sorted(mentions(text, "1990")[0].members) == ["IRN", "SUN"]
    assert sorted(mentions(text, "2018-08-12")[0].members) == ["AZE", "IRN", "KAZ", "RUS", "TKM"]
    assert sorted(mentions(text)[0].members) == ["AZE", "IRN", "KAZ", "RUS", "TKM"]


def test_persons_by_name_and_surname_use_the_date(fixture_registry):
    gazetteer = Gazetteer(fixture_registry)
    found = gazetteer.find("Erdogan met Ilham Aliyev.", "2018")
    assert [(m.text, m.id, m.via, m.country) for m in found] == [
        ("Erdogan", "Recep Tayyip Erdoğan", "surname", "TUR"),
        ("Ilham Aliyev", "Ilham Aliyev", "name", "AZE")]
    assert gazetteer.find("Aliyev spoke.", "1999")[0].id == "Heydar Aliyev"
    assert gazetteer.find("Aliyev spoke.", "2012")[0].id == "Ilham Aliyev"
    # a leader out of office still stands for his country (the latest term's)
    assert gazetteer.find("Heydar Aliyev", "2020")[0].country == "AZE"


def test_mentions_are_sorted_and_do_not_overlap():
    text = ("The Azerbaijani and Turkish delegations, the EU, NATO observers and envoys from "
            "South Korea met in Baku with the Caspian littoral states and Central Asian countries.")
    found = mentions(text)
    assert len(found) >= 6
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for m in found:
        assert text[m.start:m.end] == m.text


def test_get_gazetteer_is_cached():
    assert get_gazetteer() is get_gazetteer()
    registry = get_registry()
    assert get_gazetteer(registry) is get_gazetteer()


def test_plus_is_part_of_a_name():
    assert [m.text for m in mentions("The UAE and the U.K.+ talks")] == ["UAE", "U.K."]
    found = mentions("Kosovo+ and Kosovo")
    assert [m.text for m in found] == ["Kosovo"]          # "Kosovo+" is a different word


def test_exact_case_beats_capitals_reading(tmp_path):
    (tmp_path / "organizations.yaml").write_text(
        "- {id: TESTGUM, name: Test Guam Forum, acronyms: [GUAMX]}\n", encoding="utf-8")
    (tmp_path / "countries.yaml").write_text(
        "- {id: GUAMXLAND, name: Guamx}\n", encoding="utf-8")
    from diplograph.registry.load import load_registry
    gazetteer = Gazetteer(load_registry(extra=[tmp_path]))
    assert [(m.text, m.id) for m in gazetteer.find("GUAMX and Guamx")] == [
        ("GUAMX", "TESTGUM"), ("Guamx", "GUAMXLAND")]


def test_long_names_tolerate_some_lower_case_words():
    found = mentions("Member of the Caspian littoral States and of the Republic of azerbaijan.")
    assert [m.id for m in found] == ["caspian_littoral_states"]   # 2 capitals of 2 required
    found = mentions("the Union of Soviet socialist republics")
    assert [m.id for m in found] == ["SUN"]


def test_surname_after_another_given_name_is_someone_else(fixture_registry):
    gazetteer = Gazetteer(fixture_registry)
    found = gazetteer.find("He came with his wife Emine Erdoğan. Later Erdoğan spoke.", "2020")
    assert [(m.text, m.start) for m in found] == [("Erdoğan", 43)]


def test_an_events_head_word_may_be_lower_case_but_not_its_name():
    found = {(m.id, m.kind) for m in mentions("Leaders met at the Caspian summit in Aktau.")}
    assert ("Caspian Summit", "event") in found
    assert not [m for m in mentions("leaders met at a caspian summit.") if m.kind == "event"]
