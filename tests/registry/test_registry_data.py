"""Every package data file passes strict validation, and ids it refers to exist.

Files written by other parts of the project (organizations, projects, events, leaders) are
checked too when present; a missing file is skipped.
"""
from __future__ import annotations

import pytest

from diplograph.registry import load
from diplograph.registry.load import KIND_BY_FILE

FILES = dict(load._package_files())
ALL_NAMES = sorted(f"{stem}.yaml" for stem in KIND_BY_FILE)


def strict_entries(file_name: str) -> list[dict]:
    """Parse and validate one file as if it were a user file: unknown keys are errors."""
    if file_name not in FILES:
        pytest.skip(f"{file_name} not present")
    kind = KIND_BY_FILE[file_name.rsplit(".", 1)[0]]
    out = []
    seen = set()
    for index, raw in enumerate(load._read_entries(FILES[file_name], file_name)):
        try:
            entry = load._normalize(raw, raw.get("kind") or kind if isinstance(raw, dict) else kind)
        except load._Invalid as exc:
            pytest.fail(f"{file_name}: {load._describe(raw, index)}: {exc}")
        assert entry["id"] not in seen, f"{file_name}: duplicate id {entry['id']!r}"
        seen.add(entry["id"])
        out.append(entry)
    return out


@pytest.mark.parametrize("file_name", ALL_NAMES)
def test_file_is_valid(file_name):
    entries = strict_entries(file_name)
    assert entries, f"{file_name} is empty"


def test_package_loads_without_warnings(package_registry):
    assert package_registry.warnings == []


def test_no_surface_names_two_entities_of_one_kind(package_registry):
    """One name written the same way should not point at two entities of the same kind
    (the gazetteer would have to guess)."""
    clashes = []
    for key, hits in package_registry._surfaces().items():
        by_kind: dict[str, set[str]] = {}
        for surface, entity_id, via, kind in hits:
            if via == "surname":
                continue               # shared surnames are resolved by date and context
            by_kind.setdefault(kind, set()).add(entity_id)
        clashes += [(key, kind, sorted(ids)) for kind, ids in by_kind.items() if len(ids) > 1]
    assert clashes == []


def country_ids(registry) -> set[str]:
    return {c.id for c in registry.by_kind("country")}


def test_group_and_city_references(package_registry):
    countries = country_ids(package_registry)
    for group in package_registry.by_kind("group"):
        members = set(group.data.get("members") or [])
        for period in group.data.get("members_by_year") or []:
            members |= set(period["members"])
        assert members and members <= countries, (group.id, members - countries)
    for city in package_registry.by_kind("city"):
        assert city.country in countries, city.id


@pytest.mark.parametrize("kind, keys", [
    ("org", ("members", "observers", "partners", "candidates", "associate_members",
             "dialogue_partners", "permanent_members", "co_chairs")),
    ("project", ("countries",)),
    ("event", ("participants",)),
])
def test_other_files_refer_to_known_countries(package_registry, kind, keys):
    entities = package_registry.by_kind(kind)
    if not entities:
        pytest.skip(f"no {kind} entries")
    countries = country_ids(package_registry)
    unknown = []
    for entity in entities:
        for key in keys:
            unknown += [(entity.id, key, c) for c in entity.data.get(key) or [] if c not in countries]
        for period in entity.data.get("members_by_year") or []:
            unknown += [(entity.id, "members_by_year", c) for c in period["members"] if c not in countries]
    assert unknown == []


def test_leader_terms_refer_to_known_places(package_registry):
    persons = package_registry.by_kind("person")
    if not persons:
        pytest.skip("leaders.yaml not present")
    countries = country_ids(package_registry)
    orgs = {o.id for o in package_registry.by_kind("org")}
    unknown = []
    for person in persons:
        assert person.data.get("certainty") in ("high", "medium"), person.id
        for term in person.terms:
            if term.get("country") and term["country"] not in countries:
                unknown.append((person.id, term["country"]))
            if term.get("org") and orgs and term["org"] not in orgs:
                unknown.append((person.id, term["org"]))
    assert unknown == []
