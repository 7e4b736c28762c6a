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


registry_app = typer.Typer(no_args_is_help=True, help="Look into the reference data: countries, organizations, people ...")
app.add_typer(registry_app, name="registry")

RegistryOption = Annotated[Optional[list[Path]], typer.Option(
    "--registry", help="Extra registry YAML files or folders that add or override entries (repeatable).")]


@app.callback()
def _root(registry: RegistryOption = None) -> None:
    """diplograph: facts about foreign relations, each tied to the words of its source."""
    _use_registry(registry)


def _use_registry(paths: Optional[list[Path]]) -> None:
    """Make the user's registry files part of every lookup, in this process and its workers."""
    if not paths:
        return
    import os

    from diplograph.registry.gazetteer import reload_registry
    from diplograph.registry.load import load_registry
    for p in paths:
        if not p.exists():
            raise typer.BadParameter(f"{p} does not exist", param_hint="--registry")
    try:
        load_registry(paths)          # validate now, so a bad file is one clear error
    except ValueError as exc:
        err.print(f"[red]error[/red]: registry: {exc}", highlight=False)
        raise typer.Exit(2) from exc
    os.environ["DIPLOGRAPH_REGISTRY"] = os.pathsep.join(str(p.resolve()) for p in paths)
    reload_registry()


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
    registry: RegistryOption = None,
) -> None:
    """Extract facts with exact evidence from documents."""
    _use_registry(registry)
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
            # A table piped to a file or another program gets room instead of the 80-column default.
            width = None if (not output and out.isatty()) else 220
            Console(file=out, width=width).print(facts_table(rows, explain=explain))
    finally:
        if output:
            out.close()
    if summary:
        print_summary(err if format is OutputFormat.jsonl and not output else Console(), ok, failed, all_facts)
        if output:
            Console().print(f"facts written to {output}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def resolve(
    texts: Annotated[Optional[list[str]], typer.Argument(help="Names to resolve, e.g. 'Turkic Council' 'Mattarella'.")] = None,
    context: Annotated[Optional[str], typer.Option(help="The sentence or text the names appear in.")] = None,
    date: Annotated[Optional[str], typer.Option(help="Date of the text (YYYY[-MM[-DD]]), for office holders.",
                                                callback=_check_date)] = None,
    input: Annotated[Optional[Path], typer.Option("--input", help="JSONL file of {text, context, date} objects.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    registry: RegistryOption = None,
) -> None:
    """Resolve names to canonical ids, saying why (one answer per name, in order)."""
    import json

    from diplograph.registry.resolve import resolve_name
    _use_registry(registry)
    queries: list[tuple[str, Optional[str], Optional[str]]] = [(t, context, date) for t in texts or []]
    failed = 0
    if input is not None:
        try:
            lines = input.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {input}: {exc.strerror}", param_hint="--input") from exc
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                queries.append((str(obj["text"]), obj.get("context"), obj.get("date")))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                err.print(f"[red]error[/red]: {input} line {n}: not a JSON object with a 'text' field ({exc})",
                          highlight=False)
                queries.append(("", None, None))
                failed += 1
    if not queries:
        raise typer.BadParameter("give names to resolve or --input FILE")
    rows = []
    for text, ctx, when in queries:
        r = resolve_name(text, context=ctx, date=when)
        rows.append({"text": text, "id": r.id, "kind": r.kind, "name": r.name, "country": r.country, "why": r.why})
    if format is OutputFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        from rich.table import Table
        table = Table()
        for col in ("text", "id", "kind", "name", "why"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(row["text"], row["id"] or "—", row["kind"] or "", row["name"] or "", row["why"])
        Console().print(table)
    raise typer.Exit(1 if failed else 0)


@registry_app.command("show")
def registry_show(entity_id: Annotated[str, typer.Argument(help="A canonical id: AZE, OTS, 'Ilham Aliyev' ...")],
                  registry: RegistryOption = None) -> None:
    """Everything the registry holds about one id."""
    import yaml

    from diplograph.registry.load import get_registry
    _use_registry(registry)
    entities = get_registry().get_all(entity_id)
    if not entities:
        err.print(f"no registry entry has the id {entity_id!r} (try: diplograph registry search NAME)")
        raise typer.Exit(1)
    for e in entities:
        record = {"id": e.id, "kind": e.kind, "name": e.name, "aliases": e.aliases, "acronyms": e.acronyms,
                  "demonyms": e.demonyms, "former": e.former, **{k: v for k, v in e.data.items() if k not in (
                      "id", "name", "aliases", "acronyms", "demonyms", "former")}}
        typer.echo(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip())
        typer.echo("---")


@registry_app.command("search")
def registry_search(name: Annotated[str, typer.Argument(help="A name or part of one.")],
                    limit: Annotated[int, typer.Option(min=1)] = 20, registry: RegistryOption = None) -> None:
    """Entries whose names contain NAME."""
    from rich.table import Table

    from diplograph.registry.load import get_registry
    _use_registry(registry)
    found = get_registry().search(name)[:limit]
    if not found:
        err.print(f"nothing in the registry matches {name!r}")
        raise typer.Exit(1)
    table = Table()
    for col in ("id", "kind", "name"):
        table.add_column(col)
    for e in found:
        table.add_row(e.id, e.kind, e.name)
    Console().print(table)


def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
