"""Query results for people and programs: a Rich table, JSON or CSV."""
from __future__ import annotations

import csv
import html
import json
import math
import re
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):   # numpy scalars
        return value.item()
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: TextIO, *, columns: Sequence[str] | None = None,
               title: str | None = None, markup_columns: Sequence[str] = ()) -> None:
    """rows as fmt (table | json | csv). `markup_columns` hold Rich markup (tables only; other
    formats get the plain text)."""
    columns = list(columns or (list(rows[0]) if rows else []))
    if fmt == "json":
        out.write(json.dumps([{k: _plain(r.get(k)) for k in columns} for r in rows], ensure_ascii=False,
                             indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for r in rows:
            writer.writerow([";".join(map(str, v)) if isinstance(v, (list, tuple)) else _cell(v)
                             for v in (r.get(k) for k in columns)])
        return
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[(_cell(r.get(c)) if c in markup_columns else escape(_cell(r.get(c)))) for c in columns])
    width = None if out.isatty() else 200
    console = Console(file=out, width=width)
    if rows:
        console.print(table)
    else:
        console.print("(nothing found)")


# A tag (or comment) of an HTML source, e.g. "<a href='...'>", "</p>", "<!-- x -->".
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)


def display_text(text: Any) -> str:
    """Evidence as a reader sees it in a table: spans of HTML documents are cut from the HTML
    source, so they may hold tags and entities ("&rsquo;"). Tags are dropped, entities decoded and
    whitespace runs made one space. For display only: JSON keeps the exact span."""
    if text is None:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", str(text))).split())


def readable_conflicts(conflicts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A copy of kb.conflicts.find_conflicts' result with every evidence text made readable
    (display_text), for tables; the result itself is left as it is."""
    return [{**c, "sides": [{**s, "evidence": [{**e, "text": display_text(e.get("text"))} for e in s["evidence"]]}
                            for s in c["sides"]]} for c in conflicts]
