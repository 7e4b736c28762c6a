"""The `diplograph` command. Thin: it parses options and wires the stages together."""
from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn writing about foreign relations into sourced facts.")
err = Console(stderr=True)


@app.callback()
def _root() -> None:
    """diplograph: facts about foreign relations, each tied to the words of its source."""


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter("use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, '-' (stdin), http(s) URLs or .jsonl corpora.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl records or a readable table.")] = OutputFormat.jsonl,
    date: Annotated[Optional[str], typer.Option(help="Document date (YYYY[-MM[-DD]]); overrides what the text says.",
                                                callback=_check_date)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    explain: Annotated[bool, typer.Option(help="Show the rule and words behind each fact.")] = False,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out facts below this confidence.")] = 0.0,
    summary: Annotated[bool, typer.Option(help="Print a summary: documents, facts by type, top partners.")] = False,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes (0 = one per core).")] = 0,
    max_mb: Annotated[float, typer.Option(help="Refuse input files larger than this many MB.")] = 50.0,
) -> None:
    """Extract facts with exact evidence from documents."""
    from diplograph.export.jsonl import write_result
    from diplograph.export.table import facts_table, print_summary
    from diplograph.model import ReadError
    from diplograph.pipeline import run
    from diplograph.text.readers import iter_inputs

    inputs = list(iter_inputs(paths, max_bytes=int(max_mb * 1024 * 1024)))
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = ok = 0
    rows, all_facts = [], []
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("extract", total=len(inputs))
            for result in run(inputs, workers=workers or None if len(inputs) > 1 else 1, date=date,
                              min_confidence=min_confidence):
                progress.advance(task)
                if isinstance(result, ReadError):
                    failed += 1
                    err.print(f"[red]error[/red]: {result.source}: {result.reason}", highlight=False, soft_wrap=True)
                    continue
                ok += 1
                all_facts.extend(result.facts)
                if format is OutputFormat.jsonl:
                    write_result(result, out, explain=explain)
                else:
                    rows.extend((result.doc.id, f) for f in result.facts)
        if format is OutputFormat.table:
            Console(file=out, width=200 if output else None).print(facts_table(rows, explain=explain))
    finally:
        if output:
            out.close()
    if summary:
        print_summary(err if format is OutputFormat.jsonl and not output else Console(), ok, failed, all_facts)
        if output:
            Console().print(f"facts written to {output}")
    raise typer.Exit(1 if failed else 0)


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
