"""The `diplograph extract` command end to end: outputs, options, bad input and exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.model import FACT_TYPES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "docs"
runner = CliRunner()

TEXT = ("Baku, 12 March 2024\n\nPresident Ilham Aliyev paid an official visit to Italy on 11 March 2024. "
        "Azerbaijan and Italy signed a Joint Declaration on the strategic partnership in Rome.\n")


def run_cli(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_jsonl_has_document_record_then_facts(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run_cli("extract", str(doc), "--workers", "1")
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    assert recs[0]["type"] == "document" and recs[0]["id"] == "note.txt"
    assert recs[0]["date"] == "2024-03-12" and recs[0]["date_source"]
    facts = recs[1:]
    assert {f["type"] for f in facts} >= {"visit", "partnership", "agreement"}
    for f in facts:
        assert f["doc"] == "note.txt" and f["type"] in FACT_TYPES
        for e in f["evidence"]:
            assert TEXT[e["start"]:e["end"]] == e["text"]


def test_sample_corpus_spans_are_exact_in_the_original_files():
    result = run_cli("extract", str(SAMPLES), "--workers", "2")
    assert result.exit_code == 0, result.output
    recs = records(result.stdout)
    docs = {r["id"]: r for r in recs if r["type"] == "document"}
    assert len(docs) >= 15
    originals = {}
    for r in docs.values():
        if r["kind"] == "pdf":
            from diplograph.text.readers import read_one
            originals[r["id"]] = read_one(r["source"]).original
        else:
            originals[r["id"]] = Path(r["source"]).read_text(encoding="utf-8")
    facts = [r for r in recs if r["type"] != "document"]
    assert len(facts) > 60
    for f in facts:
        for e in f["evidence"]:
            assert originals[f["doc"]][e["start"]:e["end"]] == e["text"]


def test_table_format_and_explain(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = run_cli("extract", str(doc), "--format", "table", "--explain", "--workers", "1")
    assert result.exit_code == 0
    assert "visit" in result.stdout and "partnership" in result.stdout
    assert "rule" in result.stdout


def test_explain_adds_rule_to_jsonl(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    recs = records(run_cli("extract", str(doc), "--explain", "--workers", "1").stdout)
    assert all(r.get("rule") for r in recs[1:])


def test_min_confidence_filters(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT, encoding="utf-8")
    everything = records(run_cli("extract", str(doc), "--workers", "1").stdout)[1:]
    none = records(run_cli("extract", str(doc), "--min-confidence", "1.0", "--workers", "1").stdout)[1:]
    assert everything and none == []


def test_date_option_overrides_text(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Turkey hosted the summit last year.", encoding="utf-8")
    rec = records(run_cli("extract", str(doc), "--date", "2020-05-01", "--workers", "1").stdout)[0]
    assert rec["date"] == "2020-05-01" and rec["date_source"] == "given"


def test_stdin_and_output_file(tmp_path):
    out = tmp_path / "facts.jsonl"
    result = run_cli("extract", "-", "-o", str(out), stdin=TEXT)
    assert result.exit_code == 0
    recs = records(out.read_text(encoding="utf-8"))
    assert recs[0]["type"] == "document" and len(recs) > 1


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    corrupt = tmp_path / "broken.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "c1", "text": "Chile and Peru signed an agreement."}\nnot json\n', encoding="utf-8")
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "diplograph.cli", "extract", str(good), str(empty), str(binary), str(corrupt),
         str(corpus), str(missing), "--workers", "1"],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    for name in ("empty.txt", "binary.txt", "broken.pdf", "missing.txt", "corpus.jsonl"):
        assert name in proc.stderr, proc.stderr
    assert "line 2" in proc.stderr
    ids = [r["id"] for r in records(proc.stdout) if r["type"] == "document"]
    assert ids == ["good.txt", "c1"]


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Azerbaijan and Turkey. " * 50_000, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(big), "--max-mb", "0.5", "--workers", "1"])
    assert result.exit_code == 1
    assert "limit" in result.stderr


@pytest.mark.parametrize("args", [["extract"], ["extract", "x.txt", "--format", "xml"],
                                  ["extract", "x.txt", "--date", "yesterday"], ["nonsense"]])
def test_usage_errors_exit_2(args):
    assert run_cli(*args).exit_code == 2


def test_summary_names_top_partners():
    result = runner.invoke(app, ["extract", str(SAMPLES), "--summary", "--workers", "1", "-o", "/dev/null"])
    assert result.exit_code == 0
    assert "Facts by type" in result.output and "Top partners of" in result.output


def test_resolve_jsonl_one_line_per_name_in_order():
    result = run_cli("resolve", "Turkic Council", "the UK", "Qwertyland", "--format", "jsonl")
    assert result.exit_code == 0
    rows = records(result.stdout)
    assert [r["text"] for r in rows] == ["Turkic Council", "the UK", "Qwertyland"]
    assert [r["id"] for r in rows] == ["OTS", "GBR", None]
    assert all(r["why"] for r in rows)


def test_resolve_uses_context_and_input_file(tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps({"text": "Mattarella", "context": "Italian President Sergio Mattarella spoke."}) + "\n"
        + json.dumps({"text": "Macedonia", "date": "2010"}) + "\n"
        + "{broken\n", encoding="utf-8")
    result = run_cli("resolve", "--input", str(queries), "--format", "jsonl")
    rows = records(result.stdout)
    assert rows[0]["id"] == "Sergio Mattarella" and rows[0]["country"] == "ITA"
    assert rows[1]["id"] == "MKD"
    assert rows[2]["id"] is None
    assert result.exit_code == 1 and "line 3" in result.stderr


def test_registry_show_and_search():
    shown = run_cli("registry", "show", "OTS")
    assert shown.exit_code == 0 and "Turkic Council" in shown.stdout
    assert run_cli("registry", "show", "NOPE").exit_code == 1
    found = run_cli("registry", "search", "Turkic")
    assert found.exit_code == 0 and "OTS" in found.stdout


@pytest.fixture
def restore_registry(monkeypatch):
    """--registry changes this process's registry; put the package registry back afterwards."""
    from diplograph.registry.gazetteer import reload_registry
    monkeypatch.delenv("DIPLOGRAPH_REGISTRY", raising=False)
    yield
    monkeypatch.delenv("DIPLOGRAPH_REGISTRY", raising=False)
    reload_registry()


def test_user_registry_file_adds_names(tmp_path, restore_registry):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- id: CASPIAN_FORUM\n  name: Caspian Policy Forum\n  kind: org\n  acronyms: [CPFX]\n",
                     encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Kazakhstan became a member of the CPFX in 2021.", encoding="utf-8")
    before = records(run_cli("extract", str(doc), "--workers", "1").stdout)
    after = records(run_cli("--registry", str(extra), "extract", str(doc), "--workers", "1").stdout)
    assert not any(r.get("args", {}).get("org") == "CASPIAN_FORUM" for r in before)
    assert any(r.get("args", {}).get("org") == "CASPIAN_FORUM" for r in after), after


def test_bad_user_registry_file_is_a_usage_error(tmp_path, restore_registry):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: no id here\n", encoding="utf-8")
    result = run_cli("--registry", str(bad), "resolve", "Turkey")
    assert result.exit_code == 2
