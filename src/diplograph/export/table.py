"""Readable output for people: a Rich table of facts, and the corpus summary `make demo` prints."""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from diplograph.model import Fact


def describe(fact: Fact) -> str:
    """One line saying what the fact states."""
    a = fact.args
    t = fact.type
    if t == "partnership":
        return f"{a['a']} ↔ {a['b']}: {a['level'].replace('_', ' ')}"
    if t == "membership":
        return f"{a['member']} {a['role'].replace('_', ' ')} of {a['org']}"
    if t == "visit":
        who = f"{a.get('person')} ({a['visitor']})" if a.get("person") else a["visitor"]
        kind = f" {a['kind']}" if a.get("kind") else ""
        place = f", {a['place']}" if a.get("place") else ""
        return f"{who}{kind} visit to {a['host']}{place}"
    if t == "meeting":
        return " – ".join(a["participants"]) + (f" in {a['place']}" if a.get("place") else "")
    if t == "agreement":
        return f"{a.get('title') or a.get('kind')}: " + ", ".join(a["parties"])
    if t == "participation":
        return f"{a['member']} in {a['project']}"
    if t == "hosting":
        return f"{a['host']} hosts {a['event']}" + (f" ({a['place']})" if a.get("place") else "")
    if t == "cooperation":
        return f"{a['a']} – {a['b']}: {a['domain']}"
    if t == "claim":
        q = "" if a.get("qualifier") in (None, "exact") else a["qualifier"].replace("_", " ") + " "
        return f"{a['subject']} {a['measure']} = {q}{a['value']}"
    return str(a)


def _when(fact: Fact) -> str:
    t = fact.time
    if t.get("as_of"):
        return f"as of {t['as_of']}"
    if t.get("start") and t.get("end"):
        return f"{t['start']}–{t['end']}"
    return t.get("start") or ""


def facts_table(rows: list[tuple[str, Fact]], *, explain: bool = False) -> Table:
    table = Table(show_lines=False, expand=False)
    for col in ("doc", "type", "fact", "when", "modality", "conf"):
        table.add_column(col, overflow="fold")
    if explain:
        table.add_column("rule / words", overflow="fold")
    for doc, f in rows:
        row = [doc, f.type, describe(f), _when(f), f.modality, f"{f.confidence:.2f}"]
        if explain:
            row.append(f"{f.rule}: “{f.trigger}” in “{f.evidence[0].text[:160] if f.evidence else ''}”")
        table.add_row(*row)
    return table


def print_summary(console: Console, documents: int, failed: int, facts: list[Fact]) -> None:
    by_type = Counter(f.type for f in facts)
    console.print(f"[bold]{documents}[/bold] documents read, [bold]{failed}[/bold] failed, "
                  f"[bold]{len(facts)}[/bold] facts")
    t = Table(title="Facts by type")
    t.add_column("type")
    t.add_column("facts", justify="right")
    for k, v in by_type.most_common():
        t.add_row(k, str(v))
    console.print(t)
    mentioned: Counter[str] = Counter()
    for f in facts:
        if f.type == "partnership":
            mentioned.update([f.args["a"], f.args["b"]])
        else:
            for v in f.args.values():
                if isinstance(v, str) and len(v) == 3 and v.isupper():
                    mentioned[v] += 1
    if not mentioned:
        return
    top = mentioned.most_common(1)[0][0]
    partners = Counter()
    for f in facts:
        if f.type == "partnership" and f.modality == "asserted" and top in (f.args["a"], f.args["b"]):
            other = f.args["b"] if f.args["a"] == top else f.args["a"]
            partners[(other, f.args["level"])] += len(f.evidence)
    p = Table(title=f"Top partners of {top} (the most-mentioned country)")
    p.add_column("partner")
    p.add_column("level")
    p.add_column("statements", justify="right")
    for (other, level), n in partners.most_common(15):
        p.add_row(other, level.replace("_", " "), str(n))
    console.print(p)
