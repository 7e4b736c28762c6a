"""Schema and consistency checks for the hand-written registry data: organizations, projects,
events and leaders. They read the YAML directly (not through the loader) so that a data error
is reported against the file that holds it."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "diplograph" / "registry" / "data"
FILES = ("organizations", "projects", "events", "leaders")

HISTORICAL = {"SUN", "YUG", "CSK", "DDR"}
ISO3 = {c.alpha_3 for c in pycountry.countries}
VALID_COUNTRY = ISO3 | HISTORICAL

FIXED_ORG_IDS = set("""UN UNSC UNGA ECOSOC UNESCO OSCE NAM OIC OTS EU NATO CIS GUAM BSEC ECO CSTO SCO GCC LAS
AU OAS COE ISESCO EPC ISDB WTO ASEAN BRICS G20 EAEU CICA""".split())
# Fixed by the spec although it equals Namibia's alpha-3 code; the kind tells them apart.
ORG_IDS_THAT_ARE_ISO = {"NAM"}

ORG_KINDS = {"universal", "un_body", "regional", "alliance", "economic", "development_bank", "fund",
             "forum", "movement", "court", "other"}
REGIONS = {"global", "Europe", "Eurasia", "Asia", "Asia-Pacific", "Oceania", "Africa", "Americas",
           "Middle East"}
PROJECT_KINDS = {"pipeline", "railway", "corridor", "initiative", "port", "other"}
EVENT_KINDS = {"summit", "forum", "conference", "games", "cop", "exhibition", "other"}
PLACEHOLDERS = {"n", "ordinal", "year", "city", "adjective"}
COUNTRY_ROLES = {"president", "vice_president", "prime_minister", "chancellor", "foreign_minister", "king",
                 "queen", "emperor", "emir", "sultan", "grand_duke", "crown_prince", "supreme_leader",
                 "general_secretary", "head_of_state", "pope", "other"}
ORG_ROLES = {"secretary_general", "deputy_secretary_general", "commission_president",
             "european_council_president", "parliament_president", "high_representative", "commissioner",
             "director_general", "managing_director", "high_commissioner", "president"}
# Offices that one person holds at a time (other roles, e.g. commissioner, have many holders).
SINGLE_HOLDER = (COUNTRY_ROLES | ORG_ROLES) - {"commissioner", "other", "vice_president"}
HEAD_ROLES = {"president", "prime_minister", "chancellor", "king", "queen", "emperor", "emir", "sultan",
              "grand_duke", "supreme_leader", "general_secretary", "head_of_state", "pope"}
# Upper-case words an acronym must not be: they occur in headlines and ordinary text.
COMMON_WORDS = {"A", "I", "IT", "AS", "AT", "US", "IN", "ON", "OR", "AN", "NO", "IS", "ME", "WE", "HE", "BE",
                "DO", "GO", "SO", "TO", "UP", "OF", "BY", "IF", "MY", "CAN", "CE", "THE", "AND", "FOR", "NOT",
                "ALL", "ONE", "NEW", "NOW", "OUR", "WAR", "AID", "ACT", "ART", "ARE", "ECA", "CPC"}

ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR_KEYS = ("founded", "dissolved", "started", "opened")


# The C loader builds the same objects as yaml.safe_load, several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load(name: str) -> list[dict]:
    path = DATA / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SafeLoader)


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict]]:
    return {name: load(name) for name in FILES}


def by_id(entries):
    return {e["id"]: e for e in entries}


def as_date(v, end=False):
    """A term boundary as a date: full dates as they are, partial ones at the start (or end) of
    the month or year they name."""
    if isinstance(v, dt.date):
        return v
    parts = [int(p) for p in v.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return dt.date(y, m, 1)
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def blur_days(v) -> int:
    """How far a term boundary may be off: a year-only date by a year, a month by a month; a
    handover between full dates by a week."""
    if isinstance(v, str) and len(v) == 4:
        return 366
    if isinstance(v, str) and len(v) == 7:
        return 31
    return 7


def iso3_refs(name: str, entry: dict):
    """Every (where, code) pair of an entry that must be a country code."""
    for key in ("members", "observers", "partners", "dialogue_partners", "associate_members", "candidates",
                "permanent_members", "co_chairs", "countries", "participants"):
        for code in entry.get(key) or []:
            yield key, code
    for span in entry.get("members_by_year") or []:
        for code in span["members"]:
            yield "members_by_year", code
    for fm in entry.get("former_members") or []:
        yield "former_members", fm["id"]
    if entry.get("usual_host"):
        yield "usual_host", entry["usual_host"]
    for term in entry.get("terms") or []:
        if "country" in term:
            yield "terms", term["country"]


# ---------------------------------------------------------------- every file

@pytest.mark.parametrize("name", FILES)
def test_file_loads_small_and_is_a_list(name):
    path = DATA / f"{name}.yaml"
    assert path.stat().st_size < 400_000
    entries = load(name)
    assert isinstance(entries, list) and entries


@pytest.mark.parametrize("name", FILES)
def test_common_keys(name):
    for e in load(name):
        where = f"{name}:{e.get('id')!r}"
        assert isinstance(e.get("id"), str) and e["id"].strip() == e["id"] and e["id"], where
        assert isinstance(e.get("name"), str) and e["name"], where
        for key in ("aliases", "acronyms"):
            assert isinstance(e.get(key), list), f"{where} {key}"
            assert all(isinstance(s, str) and s.strip() == s and s for s in e[key]), f"{where} {key}"
            assert len({s.casefold() if key == "aliases" else s for s in e[key]}) == len(e[key]), \
                f"{where} duplicate {key}"
        assert e["name"] not in e["aliases"], where
        assert isinstance(e.get("former"), list), where
        for f in e["former"]:
            assert isinstance(f["name"], str) and f["name"], where
            for k in ("from", "to"):
                assert f.get(k) is None or isinstance(f[k], int) and 1800 <= f[k] <= 2030, f"{where} {f}"
            if f.get("from") is not None and f.get("to") is not None:
                assert f["from"] <= f["to"], f"{where} {f}"
        assert e.get("certainty", "high") in {"high", "medium"}, where
        for k in YEAR_KEYS:
            if k in e:
                assert isinstance(e[k], int) and 1800 <= e[k] <= 2030, f"{where} {k}"


def test_ids_unique_across_files(data):
    seen: dict[str, str] = {}
    for name, entries in data.items():
        for e in entries:
            assert e["id"] not in seen, f"{e['id']!r} in {name} and {seen.get(e['id'])}"
            seen[e["id"]] = name


def test_names_resolve_to_one_entry(data):
    """A full name or alias (compared case-insensitively) must not point at two entries."""
    owner: dict[str, str] = {}
    clashes = []
    for name, entries in data.items():
        for e in entries:
            strings = {e["name"], *e["aliases"], *(f["name"] for f in e["former"])}
            for s in {s.casefold() for s in strings}:
                if s in owner and owner[s] != e["id"]:
                    clashes.append((s, owner[s], e["id"]))
                owner.setdefault(s, e["id"])
    assert not clashes, clashes[:10]


def test_acronyms_distinctive_and_unique(data):
    owner: dict[str, str] = {}
    for name, entries in data.items():
        for e in entries:
            for a in e["acronyms"]:
                assert any(c.isupper() for c in a), f"{e['id']}: {a!r} has no capital"
                assert a not in COMMON_WORDS, f"{e['id']}: {a!r} is an ordinary word"
                if a not in ORG_IDS_THAT_ARE_ISO:
                    assert a not in ISO3, f"{e['id']}: {a!r} is an ISO alpha-3 country code"
                assert a not in owner, f"acronym {a!r} on {owner.get(a)} and {e['id']}"
                owner[a] = e["id"]


def test_country_codes_valid(data):
    bad = [(name, e["id"], key, code) for name, entries in data.items() for e in entries
           for key, code in iso3_refs(name, e) if code not in VALID_COUNTRY]
    assert not bad, bad[:10]


def test_country_lists_have_no_duplicates(data):
    for entries in data.values():
        for e in entries:
            for key in ("members", "observers", "partners", "dialogue_partners", "countries", "participants"):
                values = e.get(key) or []
                assert len(set(values)) == len(values), f"{e['id']} {key}"


# ---------------------------------------------------------------- organizations

def test_fixed_org_ids_present(data):
    missing = FIXED_ORG_IDS - set(by_id(data["organizations"]))
    assert not missing, missing


def test_org_ids_are_not_country_codes(data):
    for e in data["organizations"]:
        if e["id"] not in ORG_IDS_THAT_ARE_ISO:
            assert e["id"] not in ISO3, e["id"]


def test_org_fields(data):
    orgs = by_id(data["organizations"])
    assert len(orgs) >= 170
    for e in orgs.values():
        assert e["org_kind"] in ORG_KINDS, e["id"]
        assert e["region"] in REGIONS, e["id"]
        if "parent" in e:
            assert e["parent"] in orgs and e["parent"] != e["id"], e["id"]
        for o in e.get("org_members") or []:
            assert o in orgs, e["id"]
        for key in ("observers", "partners", "dialogue_partners", "associate_members"):
            overlap = set(e.get(key) or []) & set(e.get("members") or [])
            assert not overlap, f"{e['id']} {key} also members: {overlap}"


def test_members_by_year_consistent(data):
    for e in data["organizations"]:
        spans = e.get("members_by_year")
        if not spans:
            continue
        for span in spans:
            assert isinstance(span["from"], int), e["id"]
            assert span["to"] is None or isinstance(span["to"], int) and span["from"] <= span["to"], e["id"]
        for a, b in zip(spans, spans[1:]):
            assert a["to"] is not None and b["from"] == a["to"] + 1, f"{e['id']}: gap or overlap {a} {b}"
        assert spans[-1]["to"] is None, e["id"]
        assert set(spans[-1]["members"]) == set(e["members"]), f"{e['id']}: members differ from last span"


def test_former_members_left(data):
    for e in data["organizations"]:
        for fm in e.get("former_members") or []:
            assert isinstance(fm["from"], int) and isinstance(fm["to"], int) and fm["from"] <= fm["to"], e["id"]


def test_membership_facts(data):
    """Spot checks of well-known facts, so that a slip in a list is caught."""
    orgs = by_id(data["organizations"])
    assert len(orgs["UN"]["members"]) == 193
    assert len(orgs["EU"]["members"]) == 27 and "GBR" not in orgs["EU"]["members"]
    assert len(orgs["NATO"]["members"]) == 32 and {"FIN", "SWE"} <= set(orgs["NATO"]["members"])
    assert len(orgs["OSCE"]["members"]) == 57
    assert len(orgs["COE"]["members"]) == 46 and "RUS" not in orgs["COE"]["members"]
    assert len(orgs["OIC"]["members"]) == 57
    assert len(orgs["LAS"]["members"]) == 22
    assert len(orgs["AU"]["members"]) == 55
    assert len(orgs["OECD"]["members"]) == 38
    assert len(orgs["G20"]["members"]) == 19 and set(orgs["G20"]["org_members"]) == {"EU", "AU"}
    assert set(orgs["G7"]["members"]) == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert set(orgs["GCC"]["members"]) == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}
    assert set(orgs["GUAM"]["members"]) == {"GEO", "UKR", "AZE", "MDA"}
    assert set(orgs["OTS"]["members"]) == {"AZE", "KAZ", "KGZ", "TUR", "UZB"}
    assert set(orgs["OTS"]["observers"]) == {"HUN", "TKM"}
    assert "GEO" not in orgs["CIS"]["members"] and "AZE" in orgs["CIS"]["members"]
    assert len(orgs["BSEC"]["members"]) == 13 and len(orgs["ECO"]["members"]) == 10
    brics_2024 = next(s for s in orgs["BRICS"]["members_by_year"] if s["from"] <= 2024 <= (s["to"] or 9999))
    assert {"EGY", "ETH", "IRN", "ARE"} <= set(brics_2024["members"]) and "IDN" not in brics_2024["members"]
    nato_2000 = next(s for s in orgs["NATO"]["members_by_year"] if s["from"] <= 2000 <= (s["to"] or 9999))
    assert len(nato_2000["members"]) == 19


def test_former_names(data):
    orgs = by_id(data["organizations"])

    def former(org_id):
        return {f["name"]: (f["from"], f["to"]) for f in orgs[org_id]["former"]}

    assert former("OTS")["Turkic Council"] == (2009, 2021)
    assert former("OTS")["Cooperation Council of Turkic Speaking States"] == (2009, 2021)
    assert "Cooperation Council of Turkic-speaking countries" in former("OTS")
    assert former("OIC")["Organization of the Islamic Conference"][1] == 2011
    assert former("AU")["Organization of African Unity"] == (1963, 2002)
    assert former("OSCE")["Conference on Security and Co-operation in Europe"] == (1975, 1994)
    assert "European Economic Community" in former("EU")
    # British and American spellings both resolve
    assert "Organisation of Islamic Cooperation" in {orgs["OIC"]["name"], *orgs["OIC"]["aliases"]}
    assert "Organization of Islamic Cooperation" in orgs["OIC"]["aliases"]
    assert "Arab League" in orgs["LAS"]["aliases"]


# ---------------------------------------------------------------- projects and events

def test_projects(data):
    projects = by_id(data["projects"])
    orgs = by_id(data["organizations"])
    assert len(projects) >= 40
    for e in projects.values():
        assert e["project_kind"] in PROJECT_KINDS, e["id"]
        if "org" in e:
            assert e["org"] in orgs, e["id"]
        if "part_of" in e:
            assert e["part_of"] in projects, e["id"]
        for p in e.get("parts") or []:
            assert p in projects, e["id"]
    sgc = projects["Southern Gas Corridor"]
    assert set(sgc["countries"]) >= {"AZE", "GEO", "TUR", "GRC", "ALB", "ITA"}
    assert "Trans-Caspian International Transport Route" in projects["Middle Corridor"]["aliases"]
    assert "TITR" in projects["Middle Corridor"]["acronyms"]
    # dash variants are not listed: the loader folds en dashes to hyphens before matching
    from diplograph.registry.load import fold
    assert fold("Baku–Tbilisi–Kars railway") == fold("Baku-Tbilisi-Kars railway")


def test_events(data):
    events = by_id(data["events"])
    orgs = by_id(data["organizations"])
    assert len(events) >= 40
    for e in events.values():
        assert e["event_kind"] in EVENT_KINDS, e["id"]
        if e.get("org") is not None:
            assert e["org"] in orgs, f"{e['id']}: unknown org {e['org']}"
        for pattern in e.get("edition_patterns") or []:
            names = set(re.findall(r"\{(\w+)\}", pattern))
            assert names and names <= PLACEHOLDERS, f"{e['id']}: {pattern!r}"
    assert "COP{n}" in events["UN Climate Change Conference"]["edition_patterns"]
    assert events["NAM Summit"]["org"] == "NAM"


# ---------------------------------------------------------------- leaders

def test_leader_entries(data):
    orgs = by_id(data["organizations"])
    for e in data["leaders"]:
        who = e["id"]
        assert e["name"] == who
        assert e.get("certainty") in {"high", "medium"}, who
        surname = e.get("surname")
        assert isinstance(surname, str) and surname, who
        assert any(surname in s for s in [e["name"], *e["aliases"]]), f"{who}: surname {surname!r}"
        assert surname not in e["aliases"], f"{who}: a bare surname is resolved by coreference"
        assert e["terms"], who
        for t in e["terms"]:
            assert ("country" in t) != ("org" in t), f"{who}: {t}"
            if "org" in t:
                assert t["org"] in orgs and t["role"] in ORG_ROLES, f"{who}: {t}"
            else:
                assert t["role"] in COUNTRY_ROLES, f"{who}: {t}"
            for k in ("from", "to"):
                v = t[k]
                if v is None and k == "to":
                    continue
                assert isinstance(v, dt.date) or isinstance(v, str) and ISO_PREFIX.match(v), f"{who}: {t}"
            start = as_date(t["from"])
            assert dt.date(1940, 1, 1) <= start <= dt.date(2026, 1, 1), f"{who}: {t}"
            if t["to"] is not None:
                assert start <= as_date(t["to"], end=True), f"{who}: {t}"


def test_one_holder_at_a_time(data):
    """Two people may not both hold a single-holder office open-endedly, and terms of the same
    office must not overlap by more than a handover (partial dates blur by up to a month)."""
    offices = defaultdict(list)
    for e in data["leaders"]:
        for t in e["terms"]:
            if t["role"] in SINGLE_HOLDER:
                # the EU's three presidents share org and role; the title tells the offices apart
                office = (t.get("country") or t.get("org"), t["role"],
                          t.get("title", "") if t.get("org") == "EU" else "")
                end = as_date(t["to"], end=True) if t["to"] is not None else dt.date(2100, 1, 1)
                # a boundary known only to the year (or month) may blur by that much
                blur = max(blur_days(t["from"]), blur_days(t["to"]))
                offices[office].append((as_date(t["from"]), end, e["id"], t.get("title", ""), blur))
    problems = []
    for office, terms in offices.items():
        terms.sort()
        for (s1, e1, p1, t1, b1), (s2, e2, p2, t2, b2) in zip(terms, terms[1:]):
            # acting and interim holders overlap the substantive holder they stand in for
            if "Acting" in t1 + t2 or "Interim" in t1 + t2:
                continue
            if e1 - s2 > dt.timedelta(days=max(b1, b2)):
                problems.append((office, p1, p2))
    assert not problems, problems


REQUIRED_COUNTRIES = set("""ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA
AUT BEL BGR HRV CYP CZE DNK EST FIN GRC HUN IRL LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE
AZE ARM GEO KAZ KGZ TJK TKM UZB ARE QAT KWT BHR OMN IRN PAK ISR UKR BLR MDA SRB VNM EGY""".split())


def test_required_countries_have_current_leaders(data):
    current = defaultdict(set)
    for e in data["leaders"]:
        for t in e["terms"]:
            if "country" in t and t["to"] is None:
                current[t["country"]].add(t["role"])
    missing = sorted(c for c in REQUIRED_COUNTRIES if not current[c] & HEAD_ROLES)
    assert not missing, missing


def test_required_org_offices_are_filled(data):
    current = {(t["org"], t["role"]): e["id"] for e in data["leaders"] for t in e["terms"]
               if "org" in t and t["to"] is None}
    assert current[("UN", "secretary_general")] == "António Guterres"
    assert current[("NATO", "secretary_general")] == "Mark Rutte"
    assert ("OTS", "secretary_general") in current
    eu_titles = {t.get("title") for e in data["leaders"] for t in e["terms"]
                 if t.get("org") == "EU" and t["to"] is None}
    for title in ("President of the European Commission", "President of the European Council",
                  "President of the European Parliament"):
        assert title in eu_titles, title
    assert ("EU", "high_representative") in current


def test_known_terms(data):
    leaders = by_id(data["leaders"])
    heydar = leaders["Heydar Aliyev"]["terms"][0]
    assert (heydar["country"], heydar["role"], heydar["from"].year, heydar["to"].year) == \
        ("AZE", "president", 1993, 2003)
    ilham = [t for t in leaders["Ilham Aliyev"]["terms"] if t["role"] == "president"]
    assert ilham[0]["from"] == dt.date(2003, 10, 31) and ilham[0]["to"] is None
    assert "Recep Tayyip Erdogan" in leaders["Recep Tayyip Erdoğan"]["aliases"]
    assert leaders["Recep Tayyip Erdoğan"]["surname"] == "Erdoğan"
