"""Loading, validation, user overrides and the Registry lookups."""
from __future__ import annotations


import pycountry
import pytest

from diplograph.registry.gazetteer import Gazetteer
from diplograph.registry.load import Entity, date_bounds, fold, load_registry, name_key


def test_fold_keeps_length_and_strips_diacritics():
    text = "Erdoğan, İstanbul, Türkiye, Əliyev, Côte d’Ivoire — Chișinău"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("erdogan  istanbul  turkiye  aliyev  cote d ivoire")
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire") == "cote d ivoire"


def test_date_bounds():
    assert date_bounds("2018") == ("2018-01-01", "2018-12-31")
    assert date_bounds("2018-05") == ("2018-05-01", "2018-05-31")
    assert date_bounds("2018-05-07") == ("2018-05-07", "2018-05-07")


def test_package_registry_has_the_kinds(package_registry):
    kinds = set(package_registry.kinds())
    assert {"country", "group", "city"} <= kinds
    aze = package_registry.get("AZE")
    assert isinstance(aze, Entity)
    assert aze.kind == "country" and aze.name == "Azerbaijan"
    assert aze.capital == "Baku" and aze.alpha2 == "AZ"
    assert "Azerbaijani" in aze.demonyms and "Azeri" in aze.demonyms
    assert package_registry.get("NOPE") is None


def test_every_iso_3166_country_is_present(package_registry):
    for country in pycountry.countries:
        entity = package_registry.get(country.alpha_3)
        assert entity is not None, country.alpha_3
        assert entity.kind == "country"
        assert entity.alpha2 == country.alpha_2


def test_countries_have_demonyms_and_capitals(package_registry):
    iso = [package_registry.get(c.alpha_3) for c in pycountry.countries]
    without_demonyms = [e.id for e in iso if not e.demonyms]
    assert len(without_demonyms) <= 25, without_demonyms      # only small territories
    un = package_registry.get("UN", "org")
    if un is not None and un.data.get("members"):             # every UN member state has them
        shared = {"COG", "DMA"}      # "Congolese" and "Dominican" go to COD and DOM
        assert [m for m in un.data["members"]
                if m not in shared and not package_registry.get(m, "country").demonyms] == []
    without_capital = [e.id for e in iso if not e.capital]
    assert len(without_capital) <= 25, without_capital
    for code, demonym in [("TUR", "Turks"), ("AZE", "Azerbaijanis"), ("GBR", "British"),
                          ("NLD", "Dutch"), ("CHE", "Swiss"), ("PHL", "Filipinos")]:
        assert demonym in package_registry.get(code).demonyms


def test_former_names_carry_years(package_registry):
    tur = package_registry.get("TUR")
    assert {"name": "Turkey", "from": 1923, "to": 2022} in tur.former
    mkd = package_registry.get("MKD")
    assert any(f["name"] == "Macedonia" and f["to"] == 2019 for f in mkd.former)
    swz = package_registry.get("SWZ")
    assert any(f["name"] == "Swaziland" and f["to"] == 2018 for f in swz.former)
    cze = package_registry.get("CZE")
    assert any(f["name"] == "Czech Republic" and f["to"] == 2016 for f in cze.former)


def test_historical_states(package_registry):
    for code, start, end in [("SUN", 1922, 1991), ("YUG", 1918, 2003), ("CSK", 1918, 1992),
                             ("DDR", 1949, 1990)]:
        entity = package_registry.get(code)
        assert entity.historical["from"] == start and entity.historical["to"] == end
        for successor in entity.historical["successors"]:
            assert package_registry.get(successor) is not None, (code, successor)
    assert "AZE" in package_registry.get("SUN").historical["successors"]


def test_group_members_by_year(package_registry):
    reg = package_registry
    assert len(reg.by_kind("group")) >= 15
    assert sorted(reg.members_of("caspian_littoral_states", 1990)) == ["IRN", "SUN"]
    assert sorted(reg.members_of("caspian_littoral_states", 2005)) == ["AZE", "IRN", "KAZ", "RUS", "TKM"]
    assert sorted(reg.members_of("caspian_littoral_states")) == ["AZE", "IRN", "KAZ", "RUS", "TKM"]
    assert "SUN" in reg.members_of("black_sea_states", 1985)
    assert "UKR" in reg.members_of("black_sea_states", 1995)
    assert "TWN" in reg.members_of("p5", 1960) and "CHN" not in reg.members_of("p5", 1960)
    assert "RUS" in reg.members_of("p5", 2010) and "SUN" not in reg.members_of("p5", 2010)
    assert reg.members_of("minsk_group_cochairs", 2030) == []
    assert reg.get("south_caucasus").members == ["ARM", "AZE", "GEO"]
    assert reg.members_of("AZE") == [] and reg.members_of("missing") == []


def test_cities(package_registry):
    reg = package_registry
    cities = reg.by_kind("city")
    assert sum(1 for c in cities if not c.is_capital) >= 150
    for country in reg.by_kind("country"):
        if country.capital and not country.historical:
            city = reg.get(country.capital)
            assert city is not None and city.kind == "city", country.id
            assert city.is_capital and city.country == country.id
    assert reg.get("Kyiv").country == "UKR" and "Kiev" in reg.get("Kyiv").aliases


def test_names_yields_every_via(fixture_registry):
    names = set(fixture_registry.names())
    for item in [("Baku", "Baku", "capital"), ("Burma", "MMR", "former"), ("Azeri", "AZE", "demonym"),
                 ("UK", "GBR", "acronym"), ("Turkey", "TUR", "alias"), ("Azerbaijan", "AZE", "name"),
                 ("Erdoğan", "Recep Tayyip Erdoğan", "surname")]:
        assert item in names, item


def test_search(package_registry):
    assert package_registry.search("Turkey")[0].id == "TUR"
    assert package_registry.search("turkiye")[0].id == "TUR"
    assert package_registry.search("Azerbaidjan")[0].id == "AZE"
    assert package_registry.search("Kiev")[0].id == "Kyiv"
    assert "caspian_littoral_states" in [e.id for e in package_registry.search("Caspian")]
    assert package_registry.search("") == []


def test_person_country_only_within_a_term(fixture_registry):
    reg = fixture_registry
    eu = reg.person_country("Donald Tusk", "2016-05")
    assert eu is not None and reg.get(eu).kind == "org"
    assert reg.person_country("Donald Tusk", "2010") == "POL"
    assert reg.person_country("Donald Tusk", "2021") is None     # between terms
    assert reg.person_country("Donald Tusk") == "POL"            # the most recent term
    assert reg.person_country("Heydar Aliyev", "2010") is None
    assert reg.person_country("Heydar Aliyev") == "AZE"
    assert reg.person_country("Nobody") is None


def test_office_holders(fixture_registry):
    reg = fixture_registry
    assert reg.office_holders("AZE", "president", "1999")[0] == "Heydar Aliyev"
    assert reg.office_holders("AZE", "president", "2018")[0] == "Ilham Aliyev"
    assert reg.office_holders("AZE", "head_of_state")[0] == "Ilham Aliyev"
    assert reg.office_holders("TUR", "prime_minister", "2010") == ["Recep Tayyip Erdoğan"]
    assert reg.office_holders("TUR", "prime_minister", "2020") == []
    assert sorted(reg.persons_by_surname("Aliyev")) == ["Heydar Aliyev", "Ilham Aliyev"]
    assert reg.persons_by_surname("Erdogan") == ["Recep Tayyip Erdoğan"]


def test_user_override_and_addition(tmp_path, package_registry):
    (tmp_path / "countries.yaml").write_text(
        "- id: AZE\n  aliases: [Land of Fire]\n"
        "- id: ATLANTIS\n  name: Atlantis\n  demonyms: [Atlantean]\n", encoding="utf-8")
    (tmp_path / "mine.yaml").write_text(
        "- {id: TESTORG, kind: org, name: Test Cooperation Forum, acronyms: [TCF]}\n", encoding="utf-8")
    reg = load_registry(extra=[tmp_path / "countries.yaml", tmp_path / "mine.yaml"])
    assert reg.get("AZE").aliases == ["Land of Fire"]          # lists are replaced
    assert reg.get("AZE").name == "Azerbaijan"                 # untouched keys stay
    assert reg.get("AZE").capital == "Baku"
    assert reg.get("ATLANTIS").kind == "country"
    assert reg.get("TESTORG").kind == "org"
    gazetteer = Gazetteer(reg)
    found = [(m.text, m.id) for m in gazetteer.find("The Land of Fire met an Atlantean envoy of the TCF.")]
    assert found == [("The Land of Fire", "AZE"), ("Atlantean", "ATLANTIS"), ("TCF", "TESTORG")]
    # the package registry is not changed by loading extras
    assert "Land of Fire" not in package_registry.get("AZE").aliases


def test_user_directory(tmp_path):
    (tmp_path / "groups.yaml").write_text(
        "- {id: test_trio, name: Test Trio, members: [AZE, GEO, TUR]}\n", encoding="utf-8")
    (tmp_path / "ignored.txt").write_text("not yaml", encoding="utf-8")
    reg = load_registry(extra=[tmp_path])
    assert reg.members_of("test_trio") == ["AZE", "GEO", "TUR"]


@pytest.mark.parametrize("content, message", [
    ("- {name: No Id}\n", "missing or empty 'id'"),
    ("- {id: NEWX}\n", "missing or empty 'name'"),
    ("- {id: NEWX, name: A}\n- {id: NEWX, name: B}\n", "duplicate id 'NEWX'"),
    ("- {id: NEWX, name: A, colour: blue}\n", "unknown key(s) ['colour']"),
    ("- {id: NEWX, name: A, aliases: Alpha}\n", "'aliases' must be a list"),
    ("- {id: NEWX, name: A, former: [{name: B, from: early}]}\n", "'former.from' must be a year"),
    ("- {id: NEWX, name: A, certainty: sure}\n", "'certainty' must be one of"),
    ("- {id: NEWX, name: A, members_by_year: [{from: 1990, members: AZE}]}\n", "must be a list"),
    ("- {id: NEWX, name: A, capital: 12}\n", "'capital' must be a city name"),
    ("{id: NEWX, name: A}\n", "the top level must be a list"),
    ("- [1, 2]\n", "an entry must be a mapping"),
])
def test_validation_errors_name_file_and_entry(tmp_path, content, message):
    path = tmp_path / "countries.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_registry(extra=[path])
    assert str(path) in str(info.value)
    assert message in str(info.value)
    if content.startswith("- {"):
        assert "entry" in str(info.value)


def test_validation_of_kinds_and_terms(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("- {id: NEWX, name: A}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'kind'"):
        load_registry(extra=[path])
    path.write_text("- {id: NEWX, name: A, kind: planet}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind 'planet'"):
        load_registry(extra=[path])
    path = tmp_path / "leaders.yaml"
    path.write_text("- {id: P, name: P Q, terms: [{role: president, from: 2001}]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs 'country' or 'org'"):
        load_registry(extra=[path])
    # ids are unique within a kind: the same id may be a country and an organization (NAM),
    # and then an override must say which one it means
    (tmp_path / "countries.yaml").write_text("- {id: ZZZ, name: Zedland}\n", encoding="utf-8")
    (tmp_path / "organizations.yaml").write_text("- {id: ZZZ, name: Zed Union}\n", encoding="utf-8")
    both = load_registry(extra=[tmp_path / "countries.yaml", tmp_path / "organizations.yaml"])
    assert both.get("ZZZ", "country").name == "Zedland" and both.get("ZZZ", "org").name == "Zed Union"
    assert [e.kind for e in both.get_all("ZZZ")] == ["country", "org"]
    (tmp_path / "fix.yaml").write_text("- {id: ZZZ, aliases: [Zed]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="say which with kind"):
        load_registry(extra=[tmp_path / "countries.yaml", tmp_path / "organizations.yaml",
                             tmp_path / "fix.yaml"])
    with pytest.raises(ValueError, match="no such registry file"):
        load_registry(extra=[tmp_path / "missing.yaml"])


