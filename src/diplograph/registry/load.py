"""The reference registry: countries, groups, cities, organizations, projects, events, leaders.

Entries live in YAML files (src/diplograph/registry/data/*.yaml, schema in data/README.md).
`load_registry()` reads the package data plus optional user files that add or override entries
by id, validates them (a bad entry raises ValueError naming the file and the entry), and returns
a `Registry` with lookups by id, kind, name, membership and office.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import functools
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import yaml

try:  # libyaml parses the data files about ten times faster than the pure-Python loader
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pyyaml built without libyaml
    _Loader = yaml.SafeLoader

KINDS = ("country", "org", "group", "city", "person", "project", "event")
KIND_BY_FILE = {
    "countries": "country", "organizations": "org", "groups": "group", "cities": "city",
    "leaders": "person", "projects": "project", "events": "event",
}
VIAS = ("name", "alias", "acronym", "demonym", "former", "capital", "surname")

# ---------------------------------------------------------------------------------------------
# Folding: one character in, one character out, so offsets in folded text equal the original's.
# ---------------------------------------------------------------------------------------------

# Letters whose Unicode decomposition does not reach the Latin letter English texts use.
_SPECIAL_FOLD = {
    "ə": "a", "Ə": "a", "ı": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
    "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l",
}


def _fold_char(ch: str) -> str:
    special = _SPECIAL_FOLD.get(ch)
    if special:
        return special
    if ch == "+":
        return "+"                             # part of names: "OPEC+" is not "OPEC"
    if not ch.isalnum():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    low = base.lower()
    if len(low) == 1 and low.isalnum():
        return low
    low = ch.lower()
    return low if len(low) == 1 else ch


class _FoldTable(dict):
    """str.translate table: ASCII filled up front, other characters computed on first sight."""

    def __missing__(self, cp: int) -> str:
        value = _fold_char(chr(cp))
        self[cp] = value
        return value


_FOLD = _FoldTable({cp: _fold_char(chr(cp)) for cp in range(128)})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(match: re.Match) -> str:
    return _FOLD[ord(match.group())]


def fold(text: str) -> str:
    """Lower-case, strip diacritics, turn every non-alphanumeric character into a space ("+"
    excepted). The result has exactly len(text) characters: index i comes from text[i]."""
    if not text.isascii():
        # Replace the few non-ASCII characters first so translate() keeps its fast ASCII path
        # (about 8x faster than translating mixed text character by character).
        text = _NON_ASCII.sub(_fold_match, text)
    return text.translate(_FOLD)


def name_key(text: str) -> str:
    """The comparison key of a name: folded, with runs of spaces collapsed ("Côte d’Ivoire"
    and "Cote d'Ivoire" share one key)."""
    return " ".join(fold(text).split())


# ---------------------------------------------------------------------------------------------
# Dates: ISO 8601 prefixes compared as strings after padding to full dates.
# ---------------------------------------------------------------------------------------------

def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def date_bounds(value: Any) -> tuple[str, str]:
    """First and last day an ISO prefix (or year int, or date) covers: "2018" -> 2018-01-01..2018-12-31."""
    text = _iso(value) or ""
    if len(text) >= 10:
        return text[:10], text[:10]
    if len(text) == 7:
        return text + "-01", text + "-31"
    return text[:4] + "-01-01", text[:4] + "-12-31"


def _year(date: Any) -> int | None:
    text = _iso(date)
    if not text:
        return None
    try:
        return int(text[:4])
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------

@dataclass
class Entity:
    """One registry entry. Keys beyond the common ones are kept in `data`."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    former: list[dict] = field(default_factory=list)   # [{name, from, to}]
    data: dict = field(default_factory=dict)

    # -- convenience views of `data` --
    @property
    def capital(self) -> str | None:
        """A country's capital city name (None for other kinds)."""
        value = self.data.get("capital")
        return value if isinstance(value, str) else None

    @property
    def is_capital(self) -> bool:
        """For a city: whether it is its country's capital."""
        return self.data.get("capital") is True

    @property
    def country(self) -> str | None:
        """For cities (and persons with a nationality given): the country id."""
        return self.data.get("country")

    @property
    def region(self) -> str | None:
        return self.data.get("region")

    @property
    def alpha2(self) -> str | None:
        return self.data.get("alpha2")

    @property
    def official(self) -> str | None:
        return self.data.get("official")

    @property
    def members(self) -> list[str]:
        """Current members of a group or organization (see Registry.members_of for a year)."""
        return _members_at(self, None)

    @property
    def historical(self) -> dict | None:
        return self.data.get("historical")

    @property
    def surname(self) -> str | None:
        if self.kind != "person":
            return None
        return self.data.get("surname") or self.name.split()[-1]

    @property
    def terms(self) -> list[dict]:
        return self.data.get("terms") or []

    @property
    def certainty(self) -> str | None:
        return self.data.get("certainty")

    @property
    def text_match(self) -> bool:
        """False for entries kept as data but not matched in running text."""
        return self.data.get("text_match", True) is not False

    def all_names(self) -> Iterator[tuple[str, str]]:
        """(surface, via) for every name the entity is written as."""
        city_via = "capital" if self.kind == "city" and self.is_capital else None
        yield self.name, city_via or "name"
        official = self.official
        if official and official != self.name:
            yield official, "alias"
        for alias in self.aliases:
            yield alias, city_via or "alias"
        for acronym in self.acronyms:
            yield acronym, "acronym"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for former in self.former:
            yield former["name"], "former"
        if self.kind == "person":
            surname = self.surname
            if surname and surname != self.name:
                yield surname, "surname"


def _members_at(entity: Entity, year: int | None) -> list[str]:
    by_year = entity.data.get("members_by_year")
    if not by_year:
        return list(entity.data.get("members") or [])
    if year is None:
        current = [p for p in by_year if p.get("to") is None]
        periods = current or [max(by_year, key=lambda p: p.get("to") or 0)]
    else:
        periods = [p for p in by_year
                   if (p.get("from") is None or p["from"] <= year)
                   and (p.get("to") is None or year <= p["to"])]
    members: list[str] = []
    for period in periods:
        for m in period.get("members") or []:
            if m not in members:
                members.append(m)
    return members


# Office titles and which term roles answer them ("head of state" is a president or a monarch).
ROLE_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "head_of_state": ("head_of_state", "president", "king", "queen", "emir", "sultan", "monarch",
                      "supreme_leader", "grand_duke", "prince", "pope"),
    "head_of_government": ("head_of_government", "prime_minister", "chancellor", "premier"),
    "leader": ("head_of_state", "president", "king", "queen", "emir", "sultan", "monarch",
               "supreme_leader", "general_secretary", "prime_minister", "chancellor"),
    "president": ("president",),
    "prime_minister": ("prime_minister", "premier"),
    "foreign_minister": ("foreign_minister", "secretary_of_state"),
    "secretary_general": ("secretary_general", "general_secretary"),
    "general_secretary": ("general_secretary", "secretary_general"),
    "king": ("king", "monarch"),
    "queen": ("queen", "monarch"),
    "emir": ("emir",),
    "chancellor": ("chancellor",),
}


# get() without a kind: ids are unique within a kind only, because the spec's fixed
# organization ids may equal ISO codes (NAM is both Namibia and the Non-Aligned Movement).
KIND_ORDER = ("country", "org", "group", "city", "person", "project", "event")


class Registry:
    """All entities, indexed. Build it with load_registry(). An id is unique within its kind;
    pass `kind` to get() where a name could be two things (country NAM, org NAM)."""

    def __init__(self, entities: Iterable[Entity]):
        self._all: list[Entity] = list(entities)
        self._by_key: dict[tuple[str, str], Entity] = {(e.kind, e.id): e for e in self._all}
        self._by_id: dict[str, list[Entity]] = {}
        self._by_kind: dict[str, list[Entity]] = {}
        for entity in self._all:
            self._by_id.setdefault(entity.id, []).append(entity)
            self._by_kind.setdefault(entity.kind, []).append(entity)
        for same_id in self._by_id.values():
            same_id.sort(key=lambda e: KIND_ORDER.index(e.kind) if e.kind in KIND_ORDER else 99)
        self._surface_index: dict[str, list[tuple[str, str, str, str]]] | None = None
        self._surname_index: dict[str, list[str]] | None = None
        self.gazetteer_cache: Any = None   # set by registry.gazetteer for this registry
        self.warnings: list[str] = []      # data problems that did not stop loading

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._all)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str, kind: str | None = None) -> Entity | None:
        """The entity with this id (of this kind; without a kind, countries come first)."""
        if kind is not None:
            return self._by_key.get((kind, entity_id))
        found = self._by_id.get(entity_id)
        return found[0] if found else None

    def get_all(self, entity_id: str) -> list[Entity]:
        """Every entity with this id, one per kind."""
        return list(self._by_id.get(entity_id, ()))

    def by_kind(self, kind: str) -> list[Entity]:
        return list(self._by_kind.get(kind, ()))

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)

    def members_of(self, entity_id: str, year: int | None = None, kind: str | None = None) -> list[str]:
        """Member country ids of a group or organization in `year` (None: current members)."""
        for entity in self._by_id.get(entity_id, ()):
            if kind is not None and entity.kind != kind:
                continue
            if "members" in entity.data or "members_by_year" in entity.data:
                return _members_at(entity, year)
        return []

    def names(self, include_unmatched: bool = False) -> Iterator[tuple[str, str, str]]:
        """(surface, entity_id, via) for every name of every entity; entries marked
        `text_match: false` are left out unless include_unmatched."""
        for surface, entity_id, via, _kind in self.names_with_kind(include_unmatched):
            yield surface, entity_id, via

    def names_with_kind(self, include_unmatched: bool = False) -> Iterator[tuple[str, str, str, str]]:
        """(surface, entity_id, via, kind): names() with the kind that makes the id unique."""
        for entity in self._all:
            if not include_unmatched and not entity.text_match:
                continue
            for surface, via in entity.all_names():
                yield surface, entity.id, via, entity.kind

    # -- name lookup --
    def _surfaces(self) -> dict[str, list[tuple[str, str, str, str]]]:
        if self._surface_index is None:
            index: dict[str, list[tuple[str, str, str, str]]] = {}
            for item in self.names_with_kind(include_unmatched=True):
                key = name_key(item[0])
                if key:
                    index.setdefault(key, []).append(item)
            self._surface_index = index
        return self._surface_index

    def lookup(self, surface: str) -> list[tuple[str, str, str, str]]:
        """Exact (folded) matches of a whole surface: [(registered surface, entity_id, via, kind)]."""
        return list(self._surfaces().get(name_key(surface), ()))

    def search(self, name: str, limit: int = 20) -> list[Entity]:
        """Entities whose names match `name`: exact folded matches first, then names that start
        with it, then names containing it, then close spellings."""
        query = name_key(name)
        if not query:
            return []
        index = self._surfaces()
        ranked: list[tuple[tuple, tuple[str, str]]] = []
        for key, hits in index.items():
            if key == query:
                score = (0, 0)
            elif key.startswith(query):
                score = (1, len(key))
            elif query in key:
                score = (2, len(key))
            else:
                continue
            for _, entity_id, via, kind in hits:
                ranked.append(((*score, VIAS.index(via) if via in VIAS else 9), (kind, entity_id)))
        if not ranked and len(query) >= 4:
            for key in difflib.get_close_matches(query, list(index), n=5, cutoff=0.8):
                for _, entity_id, via, kind in index[key]:
                    ranked.append(((3, 0, 0), (kind, entity_id)))
        out: list[Entity] = []
        seen: set[tuple[str, str]] = set()
        for _, entity_key in sorted(ranked):
            if entity_key not in seen:
                seen.add(entity_key)
                out.append(self._by_key[entity_key])
                if len(out) >= limit:
                    break
        return out

    # -- persons --
    def persons_by_surname(self, surname: str) -> list[str]:
        """Person ids whose surname (folded) equals `surname`."""
        if self._surname_index is None:
            index: dict[str, list[str]] = {}
            for person in self._by_kind.get("person", ()):
                if person.surname:
                    index.setdefault(name_key(person.surname), []).append(person.id)
            self._surname_index = index
        return list(self._surname_index.get(name_key(surname), ()))

    def person_country(self, person_id: str, date: str | None = None) -> str | None:
        """The country (or organization, for org officials) a person stands for at `date`:
        only within a term of office. With no date: the most recent term's."""
        entity = self._by_key.get(("person", person_id))
        if entity is None:
            return None
        terms = entity.terms
        if not terms:
            return entity.data.get("country")
        if date:
            chosen = [t for t in terms if _term_covers(t, date)]
            if not chosen:
                return None
        else:
            chosen = terms
        best = max(chosen, key=_term_sort_key)
        return best.get("country") or best.get("org")

    def person_roles(self, person_id: str, date: str | None = None) -> list[str]:
        """Roles the person held at `date` (all roles, most recent first, without a date)."""
        entity = self._by_key.get(("person", person_id))
        if entity is None:
            return []
        terms = [t for t in entity.terms if not date or _term_covers(t, date)]
        return [t.get("role", "") for t in sorted(terms, key=_term_sort_key, reverse=True)]

    def office_holders(self, place: str, role: str, date: str | None = None,
                       place_kind: str | None = None) -> list[str]:
        """Persons holding `role` for a country or organization id at `date` (None: now, i.e.
        an open term), best first (exact role before equivalents, latest start first).
        `place_kind` ("country" or "org") says which of the two the id is. A term whose `title`
        names the place also counts ("President of the European Council" under org EU answers
        for the European Council)."""
        wanted = ROLE_EQUIVALENTS.get(role, (role,))
        role_words = role.replace("_", " ")
        place_entity = self.get(place, place_kind)
        place_names = [name_key(n) for n, via in place_entity.all_names() if via in ("name", "alias")] \
            if place_entity is not None and place_entity.kind == "org" else []
        found: list[tuple[int, str, str]] = []
        for person in self._by_kind.get("person", ()):
            for term in person.terms:
                term_role = term.get("role") or ""
                if place_kind == "country":
                    term_place = term.get("country")
                elif place_kind == "org":
                    term_place = term.get("org")
                else:
                    term_place = term.get("country") or term.get("org")
                if term_place == place and term_role in wanted:
                    rank = wanted.index(term_role)
                elif place_names and term.get("title") and role_words in name_key(term["title"]) and \
                        any(n in name_key(term["title"]) for n in place_names):
                    rank = len(wanted)
                else:
                    continue
                if date is None:
                    if term.get("to") is not None:
                        continue
                elif not _term_covers(term, date):
                    continue
                found.append((rank, _iso(term.get("from")) or "", person.id))
        found.sort(key=lambda f: (f[0], _neg(f[1])))
        out: list[str] = []
        for _, _, person_id in found:
            if person_id not in out:
                out.append(person_id)
        return out


def _neg(text: str) -> tuple:
    # sort descending on strings inside an ascending sort
    return tuple(-ord(c) for c in text)


def _term_covers(term: dict, date: str) -> bool:
    lo, hi = date_bounds(date)
    start = term.get("from")
    end = term.get("to")
    term_lo = date_bounds(start)[0] if start is not None else "0000-00-00"
    term_hi = date_bounds(end)[1] if end is not None else "9999-99-99"
    return term_lo <= hi and lo <= term_hi


def _term_sort_key(term: dict) -> tuple:
    # open terms are the most recent; then by start
    return (term.get("to") is None, _iso(term.get("from")) or "")


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

_COMMON_KEYS = {"id", "name", "aliases", "acronyms", "demonyms", "adjectives", "former",
                "certainty", "kind", "text_match", "notes", "note", "description", "source",
                "sources", "url", "wikidata", "official"}
_KIND_KEYS: dict[str, set[str]] = {
    "country": {"alpha2", "capital", "region", "historical", "members", "members_by_year"},
    "group": {"members", "members_by_year", "region"},
    "city": {"country", "capital", "region"},
    "org": {"org_kind", "region", "parent", "members", "members_by_year", "observers", "partners",
            "founded", "established", "dissolved", "headquarters", "hq", "seat", "successor",
            "predecessor", "country", "permanent_members", "candidates", "former_members",
            "co_chairs", "associate_members", "dialogue_partners", "org_members"},
    "project": {"project_kind", "countries", "region", "start", "end", "opened", "launched",
                "completed", "status", "operators", "operator", "length_km", "capacity", "org",
                "country", "members", "sector", "parts", "part_of", "started"},
    "event": {"event_kind", "host", "hosts", "place", "city", "country", "countries", "org",
              "first", "founded", "frequency", "editions", "start", "end", "region",
              "edition_patterns", "usual_host", "participants"},
    "person": {"surname", "terms", "country", "born", "died", "given_name", "role"},
}
_STR_LIST_KEYS = {"aliases", "acronyms", "demonyms", "adjectives", "members", "countries",
                  "observers", "partners", "hosts", "operators", "permanent_members", "candidates",
                  "co_chairs", "associate_members", "dialogue_partners", "org_members", "parts",
                  "participants", "edition_patterns"}
_STR_KEYS = {"id", "name", "official", "alpha2", "region", "org_kind", "parent", "project_kind",
             "event_kind", "surname", "notes", "note", "description", "url", "wikidata", "kind"}
_CERTAINTY = {"high", "medium", "low"}


class _Invalid(Exception):
    pass


def _check_str_list(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        raise _Invalid(f"'{key}' must be a list of strings, got the string {value!r}")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid(f"'{key}' must be a list of non-empty strings, got {value!r}")
    return list(value)


def _check_year(value: Any, key: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise _Invalid(f"'{key}' must be a year (integer) or null, got {value!r}")


def _check_date(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Invalid(f"'{key}' must be a date, got {value!r}")
    if isinstance(value, (int, _dt.date)):
        return _iso(value)
    if isinstance(value, str) and len(value) >= 4 and value[:4].lstrip("-").isdigit():
        return value
    raise _Invalid(f"'{key}' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or null, got {value!r}")


def _normalize(raw: Any, kind: str | None, partial: bool = False,
               unknown_ok: list[str] | None = None) -> dict:
    """Validate one raw YAML entry and return a clean dict; raise _Invalid with the reason.
    `partial` entries (overrides of an existing id) may omit the name. Unknown keys are an error,
    unless `unknown_ok` is a list: then they are kept and their names appended to it."""
    if not isinstance(raw, dict):
        raise _Invalid(f"an entry must be a mapping, got {type(raw).__name__}")
    entry = dict(raw)
    if not isinstance(entry.get("id"), str) or not entry["id"].strip():
        raise _Invalid("missing or empty 'id'")
    if "name" in entry or not partial:
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise _Invalid("missing or empty 'name'")
    if kind is None:
        raise _Invalid("no 'kind' (the file name does not say it: use countries.yaml, "
                       "organizations.yaml, ... or give kind: per entry)")
    if kind not in KINDS:
        raise _Invalid(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
    allowed = _COMMON_KEYS | _KIND_KEYS[kind]
    unknown = sorted(set(entry) - allowed)
    if unknown and unknown_ok is not None:
        unknown_ok.extend(unknown)
    elif unknown:
        raise _Invalid(f"unknown key(s) {unknown} for kind {kind} (allowed: {sorted(allowed)})")
    for key in _STR_LIST_KEYS & set(entry):
        entry[key] = _check_str_list(entry[key], key)
    for key in _STR_KEYS & set(entry):
        if entry[key] is not None and not isinstance(entry[key], str):
            raise _Invalid(f"'{key}' must be a string, got {entry[key]!r}")
    if "certainty" in entry and entry["certainty"] not in _CERTAINTY:
        raise _Invalid(f"'certainty' must be one of {sorted(_CERTAINTY)}, got {entry['certainty']!r}")
    if "text_match" in entry and not isinstance(entry["text_match"], bool):
        raise _Invalid("'text_match' must be true or false")
    if "former" in entry:
        former = entry["former"] or []
        if not isinstance(former, list):
            raise _Invalid("'former' must be a list of {name, from, to}")
        clean = []
        for item in former:
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise _Invalid(f"'former' items need a string 'name', got {item!r}")
            extra = set(item) - {"name", "from", "to"}
            if extra:
                raise _Invalid(f"'former' item {item['name']!r} has unknown key(s) {sorted(extra)}")
            clean.append({"name": item["name"], "from": _check_year(item.get("from"), "former.from"),
                          "to": _check_year(item.get("to"), "former.to")})
        entry["former"] = clean
    if "capital" in entry:
        expected = bool if kind == "city" else str
        if entry["capital"] is not None and not isinstance(entry["capital"], expected):
            raise _Invalid(f"'capital' must be {'true/false' if kind == 'city' else 'a city name'}"
                           f" for kind {kind}, got {entry['capital']!r}")
    if "members_by_year" in entry:
        periods = entry["members_by_year"]
        if not isinstance(periods, list) or not periods:
            raise _Invalid("'members_by_year' must be a non-empty list of {from, to, members}")
        for period in periods:
            if not isinstance(period, dict) or set(period) - {"from", "to", "members"}:
                raise _Invalid(f"'members_by_year' items are {{from, to, members}}, got {period!r}")
            _check_year(period.get("from"), "members_by_year.from")
            _check_year(period.get("to"), "members_by_year.to")
            period["members"] = _check_str_list(period.get("members"), "members_by_year.members")
    if "historical" in entry:
        hist = entry["historical"]
        if not isinstance(hist, dict) or set(hist) - {"from", "to", "successors"}:
            raise _Invalid("'historical' must be {from, to, successors}")
        _check_year(hist.get("from"), "historical.from")
        _check_year(hist.get("to"), "historical.to")
        hist["successors"] = _check_str_list(hist.get("successors"), "historical.successors")
    if "terms" in entry:
        terms = entry["terms"]
        if not isinstance(terms, list):
            raise _Invalid("'terms' must be a list")
        clean_terms = []
        for term in terms:
            if not isinstance(term, dict):
                raise _Invalid(f"a term must be a mapping, got {term!r}")
            if not isinstance(term.get("role"), str):
                raise _Invalid(f"a term needs a string 'role': {term!r}")
            if not (isinstance(term.get("country"), str) or isinstance(term.get("org"), str)):
                raise _Invalid(f"a term needs 'country' or 'org': {term!r}")
            extra = set(term) - {"role", "country", "org", "from", "to", "title", "certainty", "note", "notes"}
            if extra:
                raise _Invalid(f"a term has unknown key(s) {sorted(extra)}: {term!r}")
            term = dict(term)
            term["from"] = _check_date(term.get("from"), "terms.from")
            term["to"] = _check_date(term.get("to"), "terms.to")
            clean_terms.append(term)
        entry["terms"] = clean_terms
    if "former_members" in entry:
        items = entry["former_members"]
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and isinstance(i.get("id"), str) and not set(i) - {"id", "from", "to"}
                for i in items):
            raise _Invalid("'former_members' must be a list of {id, from, to}")
    for key in ("start", "end", "born", "died", "founded", "established", "dissolved", "opened",
                "launched", "completed", "first", "started"):
        if key in entry:
            entry[key] = _check_date(entry[key], key)
    return entry


def _entity_from(entry: dict, kind: str) -> Entity:
    data = {k: v for k, v in entry.items()
            if k not in ("id", "kind", "name", "aliases", "acronyms", "demonyms", "adjectives", "former")}
    demonyms = list(entry.get("demonyms") or [])
    for adjective in entry.get("adjectives") or []:   # organizations call them adjectives
        if adjective not in demonyms:
            demonyms.append(adjective)
    return Entity(id=entry["id"], kind=kind, name=entry["name"],
                  aliases=list(entry.get("aliases") or []), acronyms=list(entry.get("acronyms") or []),
                  demonyms=demonyms, former=list(entry.get("former") or []), data=data)


def _plain(value: Any) -> Any:
    """YAML values as JSON-able data: dates become ISO strings (the loader treats both alike)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _iso(value)
    return value


_CACHE_VERSION = "2"


def _cache_dir() -> Path | None:
    """Where parsed package YAML is kept between runs (parsing it costs most of a second);
    DIPLOGRAPH_CACHE=off disables the cache."""
    setting = os.environ.get("DIPLOGRAPH_CACHE", "")
    if setting.lower() in ("0", "off", "no", "false"):
        return None
    if setting and setting.lower() not in ("1", "on", "yes", "true"):
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "diplograph" / "registry"


def _parse_yaml(text: str, where: str, cache: bool) -> Any:
    folder = _cache_dir() if cache else None
    path = None
    if folder is not None:
        digest = hashlib.sha1((_CACHE_VERSION + text).encode("utf-8")).hexdigest()
        stem = Path(where).name.replace(".", "_")
        path = folder / f"{stem}-{digest}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    try:
        loaded = _plain(yaml.load(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise ValueError(f"{where}: not valid YAML: {exc}") from exc
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(loaded, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
            for old in folder.glob(f"{stem}-*.json"):   # earlier versions of this file
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass                               # a read-only home just means no cache
    return loaded


def _read_entries(text: str, where: str, cache: bool = False) -> list:
    loaded = _parse_yaml(text, where, cache)
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        raise ValueError(f"{where}: the top level must be a list of entries, got {type(loaded).__name__}")
    return loaded


def _describe(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and raw.get("id") is not None:
        return f"entry {index} (id {raw.get('id')!r})"
    if isinstance(raw, dict) and raw.get("name") is not None:
        return f"entry {index} (name {raw.get('name')!r})"
    return f"entry {index}"


def _package_files() -> list[tuple[str, str]]:
    """(file name, text) of the package's data files, sorted by name."""
    folder = resources.files("diplograph.registry") / "data"
    out = []
    for item in folder.iterdir():
        if item.name.endswith((".yaml", ".yml")) and item.is_file():
            out.append((item.name, item.read_text(encoding="utf-8")))
    return sorted(out)


def _user_files(extra: Sequence[Path | str]) -> list[Path]:
    files: list[Path] = []
    for item in extra:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise ValueError(f"{path}: no such registry file or directory")
    return files


def _kind_for(file_name: str) -> str | None:
    stem = file_name.rsplit(".", 1)[0]
    return KIND_BY_FILE.get(stem)


def load_registry(extra: Sequence[Path | str] = ()) -> Registry:
    """The package's registry data plus `extra` YAML files or directories of them. A user entry
    with a new id adds an entity; one with an existing id (of the same kind) overrides the keys
    it gives (lists are replaced, not merged). Raises ValueError naming the file and entry on any
    schema error in a user file; problems in package data that leave it usable are collected in
    `registry.warnings` instead, so one bad entry cannot stop every command."""
    entries: dict[tuple[str, str], tuple[dict, str]] = {}     # (kind, id) -> (entry, file)
    warnings: list[str] = []
    for file_name, text in _package_files():
        _merge_file(entries, file_name, text, package=True, warnings=warnings)
    for path in _user_files(extra):
        _merge_file(entries, str(path), path.read_text(encoding="utf-8"), package=False, warnings=warnings)
    registry = Registry(_entity_from(entry, kind) for (kind, _), (entry, _) in entries.items())
    registry.warnings = warnings
    return registry


def _merge_file(entries: dict[tuple[str, str], tuple[dict, str]], where: str, text: str, package: bool,
                warnings: list[str]) -> None:
    file_kind = _kind_for(Path(where).name)
    seen_here: set[tuple[str, str]] = set()
    for index, raw in enumerate(_read_entries(text, where, cache=package)):
        label = _describe(raw, index)
        kind = (raw.get("kind") if isinstance(raw, dict) and raw.get("kind") else None) or file_kind
        entity_id = raw.get("id") if isinstance(raw, dict) else None
        if kind is None and not package and isinstance(entity_id, str):
            kinds = sorted(k for k, i in entries if i == entity_id)
            if len(kinds) > 1:
                raise ValueError(f"{where}: {label}: id {entity_id!r} exists as {kinds}; "
                                 f"say which with kind:")
            kind = kinds[0] if kinds else None
        existing = entries.get((kind, entity_id)) if isinstance(entity_id, str) and kind else None
        unknown: list[str] | None = [] if package else None
        try:
            entry = _normalize(raw, kind, partial=existing is not None and not package, unknown_ok=unknown)
        except _Invalid as exc:
            raise ValueError(f"{where}: {label}: {exc}") from None
        if unknown:
            # The package must keep loading when a data file gains a key this loader does not
            # know yet; tests/registry/test_data_files.py reports such keys.
            warnings.append(f"{where}: {label}: unknown key(s) {unknown} kept as data")
        entity_key = (kind, entry["id"])
        if entity_key in seen_here:
            raise ValueError(f"{where}: {label}: duplicate id {entry['id']!r} within the file")
        seen_here.add(entity_key)
        if existing is None:
            entries[entity_key] = (entry, where)
        elif package:
            # Two package files define one (kind, id): keep the first (files load in name order)
            # so the package still works; tests/registry/test_data_files.py fails on this warning.
            warnings.append(f"{where}: {label}: {kind} id {entry['id']!r} is already defined in "
                            f"{existing[1]}; this entry is ignored")
        else:
            merged = dict(existing[0])
            merged.update(entry)
            entries[entity_key] = (merged, where)


def user_registry_paths() -> list[Path]:
    """Where users extend the registry without touching the package: the files or folders named
    in DIPLOGRAPH_REGISTRY (separated by the OS path separator; the CLI's --registry sets it, so
    worker processes see the same registry), plus ~/.config/diplograph/registry if it exists."""
    paths = [Path(p) for p in os.environ.get("DIPLOGRAPH_REGISTRY", "").split(os.pathsep) if p]
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "diplograph" / "registry"
    if config.is_dir():
        paths.insert(0, config)
    return paths


@functools.lru_cache(maxsize=1)
def get_registry() -> Registry:
    """The package registry with the user's additions, loaded once per process."""
    return load_registry(user_registry_paths())
