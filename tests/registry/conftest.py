"""A registry with small test leaders and organizations added on top of the package data.

Organizations are added only when the package does not already have one of that name, so the
tests run the same whether or not organizations.yaml exists yet.
"""
from __future__ import annotations

import pytest

from diplograph.registry.load import get_registry, load_registry

LEADERS = """
- id: Ilham Aliyev
  name: Ilham Aliyev
  surname: Aliyev
  certainty: high
  terms: [{country: AZE, role: president, from: 2003-10-31, to: null}]
- id: Heydar Aliyev
  name: Heydar Aliyev
  surname: Aliyev
  certainty: high
  terms: [{country: AZE, role: president, from: 1993-06-15, to: 2003-10-31}]
- id: Recep Tayyip Erdoğan
  name: Recep Tayyip Erdoğan
  surname: Erdoğan
  certainty: high
  terms:
    - {country: TUR, role: prime_minister, from: 2003-03-14, to: 2014-08-28}
    - {country: TUR, role: president, from: 2014-08-28, to: null}
- id: Donald Tusk
  name: Donald Tusk
  surname: Tusk
  certainty: high
  terms:
    - {country: POL, role: prime_minister, from: 2007-11-16, to: 2014-09-22}
    - {org: {eu}, role: president, from: 2014-12-01, to: 2019-11-30}
    - {country: POL, role: prime_minister, from: 2023-12-13, to: null}
"""

# (id, name, aliases, acronyms) of organizations the tests need.
ORGS = [
    ("NATO", "North Atlantic Treaty Organization", [], ["NATO"]),
    ("UN", "United Nations", [], ["UN"]),
    ("UNSC", "United Nations Security Council", ["UN Security Council"], ["UNSC"]),
    ("EU", "European Union", [], ["EU"]),
    ("EUCO_TEST", "European Council", [], []),
    ("AFDB_TEST", "African Development Bank", [], ["AfDB"]),
]


def org_id_named(registry, name: str) -> str | None:
    for _surface, entity_id, _via, kind in registry.lookup(name):
        if kind == "org":
            return entity_id
    return None


@pytest.fixture(scope="session")
def package_registry():
    return get_registry()


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory, package_registry):
    folder = tmp_path_factory.mktemp("registry_fixture")
    lines = []
    for org_id, name, aliases, acronyms in ORGS:
        if org_id_named(package_registry, name) is None and package_registry.get(org_id, "org") is None:
            lines.append(f"- {{id: {org_id}, name: {name}, aliases: {aliases}, acronyms: {acronyms}, "
                         f"org_kind: other}}")
    (folder / "organizations.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    eu = org_id_named(package_registry, "European Union") or "EU"
    (folder / "leaders.yaml").write_text(LEADERS.replace("{eu}", eu), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def fixture_registry(fixture_dir):
    return load_registry(extra=[fixture_dir])
