"""The sample corpus and the extraction example sets are well-formed.

Checks only the data files (the extractor is tested elsewhere): every sample document has an
expected-facts file in the gold format of the evaluation (../shared/eval/README.md), ids are
canonical (ISO 3166 alpha-3 or an organization-like id), types and enumerations are those of
the spec, names the annotations rely on occur in the text, and the corpus covers what it was
written to cover (every fact type, every noise kind, the two disagreements, modality).
"""
from __future__ import annotations

import datetime as dt
import html
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pycountry
import pytest
import yaml

from diplograph.model import FACT_TYPES, MODALITIES

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "docs"
SAMPLES_ROOT = ROOT / "samples"
EXAMPLE_SETS = [ROOT / "tests" / "data" / "extract" / "dev.yaml", ROOT / "tests" / "data" / "extract" / "heldout.yaml"]
DOC_SUFFIXES = {".txt", ".html", ".pdf"}

ISO3 = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
ORG_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")       # UN, OSCE, G20, ECOWAS, UNHRC ...
TIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

ENUMS = {
    ("partnership", "level"): {"strategic_partnership", "comprehensive_strategic_partnership", "alliance"},
    ("membership", "role"): {"member", "observer", "partner", "chair", "non_permanent_member", "dialogue_partner"},
    ("visit", "kind"): {"state", "official", "working", None},
    ("agreement", "kind"): {"treaty", "convention", "agreement", "declaration", "joint_statement", "protocol",
                            "action_plan", "memorandum", "other"},
    ("cooperation", "domain"): {"energy", "defense", "transport", "trade", "investment", "justice", "climate",
                                "culture", "security", "other"},
    ("claim", "qualifier"): {"exact", "more_than", "nearly", "about"},
}
# per type: fields holding one country, fields holding a country or an organization, lists of either
COUNTRY = {"partnership": ["a", "b"], "membership": ["member"], "visit": ["visitor", "host"],
           "participation": ["member"], "hosting": ["host"], "claim": ["subject"]}
ORG = {"membership": ["org"]}
EITHER = {"cooperation": ["a", "b"]}
EITHER_LIST = {"meeting": ["participants"], "agreement": ["parties"]}
REQUIRED = {
    "partnership": ["a", "b", "level"], "membership": ["member", "org"], "visit": ["visitor", "host"],
    "meeting": ["participants"], "agreement": ["parties"], "participation": ["member", "project"],
    "hosting": ["host", "event"], "cooperation": ["a", "b", "domain"],
    "claim": ["subject", "measure", "value"],
}
ALLOWED = {
    "partnership": {"a", "b", "level", "start"},
    "membership": {"member", "org", "role", "start", "end"},
    "visit": {"visitor", "host", "person", "kind", "place", "start"},
    "meeting": {"participants", "persons", "place", "occasion", "start"},
    "agreement": {"parties", "title", "kind", "place", "start"},
    "participation": {"member", "project"},
    "hosting": {"host", "event", "place", "start"},
    "cooperation": {"a", "b", "domain", "start"},
    "claim": {"subject", "measure", "value", "qualifier", "as_of"},
}


def fact_problems(f: object) -> list[str]:
    """What is wrong with one gold-format fact (empty list: nothing)."""
    if not isinstance(f, dict):
        return [f"not a mapping: {f!r}"]
    t = f.get("type")
    if t not in FACT_TYPES:
        return [f"unknown type {t!r}"]
    out = []
    extra = set(f) - ALLOWED[t] - {"type", "modality"}
    if extra:
        out.append(f"{t}: unexpected keys {sorted(extra)}")
    out += [f"{t}: missing {k}" for k in REQUIRED[t] if f.get(k) in (None, "", [])]
    if f.get("modality", "asserted") not in MODALITIES:
        out.append(f"{t}: bad modality {f.get('modality')!r}")
    for (ty, key), allowed in ENUMS.items():
        if ty == t and key in f and f[key] not in allowed:
            out.append(f"{t}: {key}={f[key]!r} not in {sorted(map(str, allowed))}")
    for key in COUNTRY.get(t, []):
        if key in f and f[key] not in ISO3:
            out.append(f"{t}: {key}={f[key]!r} is not an ISO 3166 alpha-3 code")
    for key in ORG.get(t, []):
        if key in f and not ORG_ID.match(str(f[key])):
            out.append(f"{t}: {key}={f[key]!r} is not an organization id")
    for key in EITHER.get(t, []):
        if key in f and not (f[key] in ISO3 or ORG_ID.match(str(f[key]))):
            out.append(f"{t}: {key}={f[key]!r} is not a country or organization id")
    for key in EITHER_LIST.get(t, []):
        ids = f.get(key)
        if not isinstance(ids, list) or len(set(ids)) < 2:
            out.append(f"{t}: {key} must list at least two distinct ids")
        else:
            out += [f"{t}: {key} has bad id {x!r}" for x in ids if not (x in ISO3 or ORG_ID.match(str(x)))]
    if t in ("partnership", "cooperation") and f.get("a") == f.get("b"):
        out.append(f"{t}: a and b are the same")
    for key in ("project", "event"):
        if key in f:
            names = f[key] if isinstance(f[key], list) else [f[key]]
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                out.append(f"{t}: {key} must be a name or a list of names")
    if t == "claim" and not isinstance(f.get("value"), (int, float)):
        out.append(f"claim: value {f.get('value')!r} is not a number")
    if t == "claim" and not re.fullmatch(r"[a-z][a-z0-9_]*", str(f.get("measure"))):
        out.append(f"claim: measure {f.get('measure')!r} is not snake_case")
    for key in ("start", "end", "as_of"):
        v = f.get(key)
        if v is not None and not isinstance(v, dt.date) and not TIME.match(str(v)):
            out.append(f"{t}: {key}={v!r} is not an ISO 8601 prefix")
    return out


def test_fact_checker_rejects_bad_facts():
    good = {"type": "visit", "visitor": "AZE", "host": "ITA", "kind": "state", "start": "2025-09-30"}
    assert fact_problems(good) == []
    bad = [
        {"type": "visits", "visitor": "AZE", "host": "ITA"},                    # unknown type
        {"type": "visit", "visitor": "Azerbaijan", "host": "ITA"},              # name, not ISO3
        {"type": "visit", "visitor": "AZE", "host": "ITA", "kind": "private"},  # bad enum
        {"type": "membership", "member": "AZE", "org": "nato"},                 # org id casing
        {"type": "agreement", "parties": ["AZE"]},                              # one party
        {"type": "claim", "subject": "AZE", "measure": "Diplomatic relations", "value": "many"},
        {"type": "partnership", "a": "AZE", "b": "AZE", "level": "alliance"},
        {"type": "hosting", "host": "AZE", "event": ["COP29"], "start": "Nov 2024"},
        {"type": "visit", "visitor": "AZE", "host": "ITA", "modality": "hoped"},
        {"type": "visit", "visitor": "AZE", "host": "ITA", "date": "2024"},     # unknown key
    ]
    for f in bad:
        assert fact_problems(f), f


def sample_documents() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in DOC_SUFFIXES)


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.name + ".expected.yaml")


def load_expected(doc: Path) -> dict:
    return yaml.safe_load(expected_path(doc).read_text(encoding="utf-8"))


def plain_text(doc: Path) -> str:
    """The readable text of a sample, for checking that annotated names occur in it."""
    if doc.suffix == ".pdf":
        from pypdf import PdfReader

        raw = "\n".join(page.extract_text() or "" for page in PdfReader(str(doc)).pages)
        return re.sub(r"\s+", " ", raw.replace("-\n", "-"))
    text = doc.read_text(encoding="utf-8")
    if doc.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text)


def all_expected() -> dict[str, dict]:
    return {d.name: load_expected(d) for d in sample_documents()}


# ---------------------------------------------------------------- sample corpus


def test_corpus_has_the_promised_documents():
    docs = sample_documents()
    by_kind = Counter(d.suffix for d in docs if not d.name.endswith(".source.txt"))
    assert by_kind[".txt"] >= 9 and by_kind[".html"] >= 3 and by_kind[".pdf"] >= 1, by_kind
    assert (SAMPLES_ROOT / "README.md").is_file()


@pytest.mark.parametrize("doc", sample_documents(), ids=lambda p: p.name)
def test_sample_has_wellformed_expected_file(doc: Path):
    assert expected_path(doc).is_file(), f"{doc.name} has no {expected_path(doc).name}"
    exp = load_expected(doc)
    assert set(exp) <= {"doc", "date", "ignore_after", "facts", "optional"}, set(exp)
    assert exp["doc"] == doc.name
    date = exp.get("date")
    assert date is None or isinstance(date, (dt.date, int)) or TIME.match(str(date)), date
    assert isinstance(exp["facts"], list) and exp["facts"], "no facts"
    problems = [f"{p}  <- {f}" for f in exp["facts"] + (exp.get("optional") or []) for p in fact_problems(f)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("doc", [d for d in sample_documents() if d.suffix != ".pdf"], ids=lambda p: p.name)
def test_sample_text_is_plausible_size_and_ignore_after_is_in_it(doc: Path):
    words = len(plain_text(doc).split())
    assert 150 <= words <= 900, words              # article 150-500 words plus page chrome
    exp = load_expected(doc)
    if exp.get("ignore_after"):
        raw = doc.read_text(encoding="utf-8")
        cut = raw.find(exp["ignore_after"])
        assert cut > len(raw) // 2, "ignore_after must mark the chrome after the article"


@pytest.mark.parametrize("doc", sample_documents(), ids=lambda p: p.name)
def test_annotated_names_occur_in_the_text(doc: Path):
    text = plain_text(doc)
    exp = load_expected(doc)
    missing = []
    for f in exp["facts"] + (exp.get("optional") or []):
        names = [f.get("place"), f.get("person")] + list(f.get("persons") or [])
        missing += [n for n in names if n and n not in text]
    assert not missing, missing


def test_corpus_covers_every_fact_type_role_level_and_modality():
    facts = [f for e in all_expected().values() for f in e["facts"]]
    asserted = [f for f in facts if f.get("modality", "asserted") == "asserted"]
    assert {f["type"] for f in asserted} == set(FACT_TYPES)
    assert {f["level"] for f in asserted if f["type"] == "partnership"} == ENUMS[("partnership", "level")]
    roles = {f.get("role", "member") for f in asserted if f["type"] == "membership"}
    assert {"member", "chair", "non_permanent_member", "observer", "partner"} <= roles
    assert {"state", "official", "working"} <= {f.get("kind") for f in asserted if f["type"] == "visit"}
    kinds = {f.get("kind") for f in asserted if f["type"] == "agreement"}
    assert len(kinds) >= 6, kinds
    assert {"more_than", "nearly", "exact"} <= {f.get("qualifier") for f in asserted if f["type"] == "claim"}
    modalities = Counter(f.get("modality", "asserted") for f in facts)
    assert modalities["planned"] >= 5 and modalities["negated"] >= 4, modalities
    countries = Counter(f[k] for f in asserted for k in ("visitor", "host", "member", "subject", "a") if k in f)
    main_actors = {c for c, n in countries.items() if n >= 3}
    assert {"KAZ", "VNM", "POL", "BRA", "KEN", "IDN", "AZE"} <= main_actors, main_actors


def test_corpus_contains_the_two_disagreements():
    nam_ends = {str(f.get("end")) for e in all_expected().values() for f in e["facts"]
                if f["type"] == "membership" and f["member"] == "AZE" and f["org"] == "NAM" and f.get("role") == "chair"}
    assert {"2022", "2023"} <= nam_ends
    counts = {f["value"] for e in all_expected().values() for f in e["facts"]
              if f["type"] == "claim" and f["measure"] == "diplomatic_relations_count" and str(f.get("as_of")) == "2024"}
    assert len(counts) >= 2, counts


def test_each_noise_kind_appears_in_three_documents():
    texts = {d.name: d.read_text(encoding="utf-8") for d in sample_documents() if d.suffix == ".txt"}
    noise = {
        "font widget": lambda t: "+ ↺ − 16 px" in t,
        "share line": lambda t: re.search(r"^Share\b", t, re.M) is not None,
        "photo credit": lambda t: re.search(r"\bPhoto\b[^\n]*:", t) is not None,
        "related headlines": lambda t: re.search(r"^(Related|RELATED|More from)", t, re.M) is not None,
        "other script": lambda t: re.search(r"[\u0400-\u04ff\u0259\u1ea0-\u1ef9]", t) is not None,
    }
    for kind, present in noise.items():
        docs = [n for n, t in texts.items() if present(t)]
        assert len(docs) >= 3, (kind, docs)
    undated = [n for n, e in all_expected().items() if e.get("date") is None]
    assert undated, "one document must carry no date"


def _make_pdf_module():
    spec = importlib.util.spec_from_file_location("make_pdf", SAMPLES_ROOT / "make_pdf.py")
    mod = importlib.util.module_from_spec(spec)
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, True   # no __pycache__ in samples/
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.dont_write_bytecode = before
    return mod


def test_make_pdf_builds_the_committed_pdf_with_its_noise(tmp_path: Path):
    mk = _make_pdf_module()
    out = tmp_path / "paper.pdf"
    info = mk.build(SAMPLES_ROOT / "pdf_source" / "policy_paper.txt", out)
    assert mk.check(out, info) == []
    assert mk.check(SAMPLES / "policy_paper.pdf", info) == [], "committed PDF is stale: run make_pdf.py"
    assert out.read_bytes() == (SAMPLES / "policy_paper.pdf").read_bytes()


def test_make_pdf_check_catches_a_pdf_without_breaks(tmp_path: Path):
    mk = _make_pdf_module()
    src = tmp_path / "flat.txt"
    src.write_text("Title\n\nSeries\n\nJune 2024\n\nShort text.\n", encoding="utf-8")
    info = mk.build(src, tmp_path / "flat.pdf")
    problems = mk.check(tmp_path / "flat.pdf", info)
    assert len(problems) == 3, problems


# ---------------------------------------------------------------- extraction example sets


def load_examples(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.name)
def test_example_set_is_wellformed(path: Path):
    items = load_examples(path)
    assert isinstance(items, list) and len(items) >= 90, len(items)
    ids = [it.get("id") for it in items]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    problems = []
    for it in items:
        if set(it) != {"id", "text", "date", "facts", "note"}:
            problems.append(f"{it.get('id')}: keys {sorted(it)}")
            continue
        if not isinstance(it["text"], str) or not 1 <= len(re.findall(r"[.!?](\s|$)", it["text"].strip())) <= 3:
            problems.append(f"{it['id']}: text must be 1-3 sentences")
        d = it["date"]
        if not (d is None or isinstance(d, (dt.date, int)) or TIME.match(str(d))):
            problems.append(f"{it['id']}: bad date {d!r}")
        if not isinstance(it["facts"], list):
            problems.append(f"{it['id']}: facts must be a list")
            continue
        problems += [f"{it['id']}: {p}" for f in it["facts"] for p in fact_problems(f)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.name)
def test_example_set_spans_types_negatives_and_modality(path: Path):
    items = load_examples(path)
    facts = [f for it in items for f in it["facts"]]
    assert {f["type"] for f in facts} == set(FACT_TYPES)
    assert sum(1 for it in items if not it["facts"]) >= 10, "needs sentences with no fact"
    mods = Counter(f.get("modality", "asserted") for f in facts)
    assert mods["planned"] >= 4 and mods["negated"] >= 4, mods
    assert {f["level"] for f in facts if f["type"] == "partnership"} == ENUMS[("partnership", "level")]


def test_heldout_differs_from_dev():
    dev, held = (load_examples(p) for p in EXAMPLE_SETS)
    dev_texts = {it["text"] for it in dev}
    assert not dev_texts & {it["text"] for it in held}

    def grams(items: list[dict]) -> set[tuple[str, ...]]:
        out = set()
        for it in items:
            w = re.findall(r"\w+", it["text"].lower())
            out |= {tuple(w[i:i + 8]) for i in range(len(w) - 7)}
        return out

    shared = grams(dev) & grams(held)
    assert not shared, sorted(shared)[:5]
