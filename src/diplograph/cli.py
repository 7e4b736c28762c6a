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


# --- knowledge base ---
# Thin commands over diplograph.kb: ingest into SQLite or PostgreSQL, then query, check, export.

db_app = typer.Typer(no_args_is_help=True, help="Manage the knowledge base database (migrations).")
app.add_typer(db_app, name="db")
query_app = typer.Typer(no_args_is_help=True, help="Ask the knowledge base: partners, timeline, memberships, agreements, "
                                                    "one fact's evidence, how two countries are connected.")
app.add_typer(query_app, name="query")

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="Database URL: sqlite:///file.db or postgresql+psycopg://user@host/db "
                 "(default: $DIPLOGRAPH_DB, else sqlite:///diplograph.db here).")]


class KBFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def _kb_fail(exc: Exception) -> None:
    """Database problems end the command with one clear line, not a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from diplograph.kb.db import DatabaseBusy, SchemaMissing
    if isinstance(exc, (DatabaseBusy, SchemaMissing)):
        err.print(f"[red]error[/red]: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    if isinstance(exc, SQLAlchemyError):
        msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        err.print(f"[red]error[/red]: database: {msg}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    raise exc


def _kb_read(db: Optional[str], fn, *args, **kwargs):
    """fn(connection, *args) on the existing knowledge base at `db` (read only)."""
    from diplograph.kb.db import open_for_reading
    try:
        engine = open_for_reading(db)
    except Exception as exc:  # noqa: BLE001 - turned into one message by _kb_fail
        _kb_fail(exc)
    try:
        with engine.connect() as conn:
            return fn(conn, *args, **kwargs)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001
        _kb_fail(exc)
    finally:
        engine.dispose()


def _print_rows(rows: list[dict], fmt: "KBFormat", kind: str, title: Optional[str] = None,
                drop: tuple[str, ...] = ()) -> None:
    from diplograph.kb.queries import COLUMNS
    from diplograph.kb.render import write_rows
    columns = [c for c in COLUMNS[kind] if c not in drop]
    write_rows(rows, fmt.value, sys.stdout, columns=columns, title=title)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None,
               revision: Annotated[str, typer.Option(help="Target revision.")] = "head") -> None:
    """Create the knowledge base tables or migrate them to the newest schema."""
    from diplograph.kb.db import describe_url, resolve_url, upgrade
    try:
        rev = upgrade(db, revision)
    except Exception as exc:  # noqa: BLE001
        _kb_fail(exc)
    typer.echo(f"{describe_url(resolve_url(db))} is at revision {rev}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, '-', URLs or .jsonl corpora, as for extract.")],
    db: DbOption = None,
    date: Annotated[Optional[str], typer.Option(help="Document date (YYYY[-MM[-DD]]) when the text gives none.",
                                                callback=_check_date)] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Leave out facts below this confidence.")] = 0.0,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes (0 = one per core).")] = 0,
    max_mb: Annotated[float, typer.Option(help="Refuse input files larger than this many MB.")] = 50.0,
    registry: RegistryOption = None,
) -> None:
    """Extract facts and store them in the knowledge base, one transaction per document.

    Documents already stored with the same content are skipped; changed ones replace their old facts."""
    _use_registry(registry)
    from diplograph.kb.db import describe_url, resolve_url
    from diplograph.kb.store import ingest as kb_ingest
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[doc]}"), console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("ingest", total=None, doc="")
    try:
        with progress:
            summary = kb_ingest(paths, db, workers=workers or None, date=date, min_confidence=min_confidence,
                                max_bytes=int(max_mb * 1024 * 1024),
                                on_total=lambda n: progress.update(task, total=n),
                                on_document=lambda doc, _status: progress.update(task, advance=1, doc=doc[-40:]))
    except Exception as exc:  # noqa: BLE001
        _kb_fail(exc)
    for source, reason in summary.errors:
        err.print(f"[red]error[/red]: {source}: {reason}", highlight=False, soft_wrap=True)
    err.print(f"{describe_url(resolve_url(db))}: documents new {summary.new}, unchanged {summary.unchanged}, "
              f"replaced {summary.replaced}, failed {summary.failed}; facts added {summary.facts_added}"
              + (f", removed {summary.facts_removed}" if summary.facts_removed else ""), highlight=False, soft_wrap=True)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def conflicts(db: DbOption = None,
              format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
              entity: Annotated[Optional[str], typer.Option(help="Only conflicts about facts involving this entity id, e.g. AZE or NATO.")] = None) -> None:
    """Facts the sources disagree on: periods, figures, partnership levels - with both sides' evidence."""
    import json

    from diplograph.kb.conflicts import find_conflicts
    found = _kb_read(db, find_conflicts, entity=entity.strip() if entity else None)
    if format is ReportFormat.json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    from diplograph.kb.queries import conflict_rows
    from diplograph.kb.render import readable_conflicts, write_rows
    # Tables show evidence without HTML tags and entities; the JSON above keeps the exact spans.
    rows = [{**r, "evidence": [e[:300] for e in r["evidence"][:3]]} for r in conflict_rows(readable_conflicts(found))]
    write_rows(rows, "table", sys.stdout, title=f"{len(found)} conflicts",
               columns=["conflict", "kind", "summary", "value", "modality", "documents", "evidence"])


@app.command()
def claims(db: DbOption = None,
           format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.table,
           all: Annotated[bool, typer.Option("--all", help="Also list claims the KB cannot check.")] = False,
           subject: Annotated[Optional[str], typer.Option(help="Only claims about this subject, e.g. AZE.")] = None) -> None:
    """Check sources' figures (e.g. number of strategic partners) against what the KB knows."""
    from diplograph.kb.claims import check_claims
    rows = _kb_read(db, check_claims, include_unchecked=all, subject=subject.strip() if subject else None)
    _print_rows(rows, KBFormat(format.value), "claims", title="claims checked against the knowledge base")


@app.command("export")
def export_kb(db: DbOption = None,
              format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
              output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None) -> None:
    """Write the merged knowledge base facts, one per line (JSONL with evidence, or CSV)."""
    from diplograph.kb.export import write_csv, write_jsonl
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        n = _kb_read(db, write_jsonl if format is ExportFormat.jsonl else write_csv, out)
    finally:
        if output:
            out.close()
    if output:
        err.print(f"{n} facts written to {output}")


@app.command()
def report(country: Annotated[str, typer.Argument(help="Country id or name, e.g. AZE or Azerbaijan.")],
           db: DbOption = None,
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="The HTML file (default: report-<ID>.html).")] = None) -> None:
    """One self-contained HTML report on a country: partners, map, visits, agreements, memberships, conflicts, claims."""
    from rich.markup import escape

    from diplograph.export.report import UnknownCountry, default_path, resolve_country, write_report
    from diplograph.kb.db import SchemaMissing
    try:
        entity = resolve_country(country)
        path = write_report(db, entity.id, output or default_path(entity.id))
    except (UnknownCountry, SchemaMissing) as exc:
        err.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    except Exception as exc:  # noqa: BLE001 - database problems: one line, by _kb_fail
        _kb_fail(exc)
    err.print(f"report on {escape(entity.name)} ({entity.id}) written to {escape(str(path))}", highlight=False)


QueryFormat = Annotated[KBFormat, typer.Option("--format", "-f")]


@query_app.command("partners")
def query_partners(country: Annotated[str, typer.Argument(help="Country id, e.g. AZE.")], db: DbOption = None,
                   level: Annotated[Optional[str], typer.Option(help="strategic_partnership, comprehensive_strategic_partnership or alliance.")] = None,
                   at: Annotated[Optional[int], typer.Option(help="Only partnerships that held in this year.")] = None,
                   format: QueryFormat = KBFormat.table) -> None:
    """The country's partners, by level."""
    from diplograph.kb import queries
    _print_rows(_kb_read(db, queries.partners, country, level, at), format, "partners", title=f"partners of {country}")


@query_app.command("timeline")
def query_timeline(country: Annotated[str, typer.Argument()], db: DbOption = None,
                   type: Annotated[Optional[str], typer.Option("--type", help="One fact type, e.g. visit.")] = None,
                   from_: Annotated[Optional[int], typer.Option("--from", help="From this year.")] = None,
                   to: Annotated[Optional[int], typer.Option("--to", help="Up to this year.")] = None,
                   limit: Annotated[int, typer.Option(min=0, help="At most this many rows (0 = all).")] = 0,
                   format: QueryFormat = KBFormat.table) -> None:
    """What involved the country, in time order."""
    from diplograph.kb import queries
    rows = _kb_read(db, queries.timeline, country, type, from_, to, limit=limit or None)
    _print_rows(rows, format, "timeline", title=f"timeline of {country}",
                drop=("start", "first_seen") if format is KBFormat.table else ())


@query_app.command("memberships")
def query_memberships(country: Annotated[str, typer.Argument()], db: DbOption = None,
                      format: QueryFormat = KBFormat.table) -> None:
    """Organizations the country belongs to, chairs or observes."""
    from diplograph.kb import queries
    _print_rows(_kb_read(db, queries.memberships, country), format, "memberships", title=f"memberships of {country}")


@query_app.command("agreements")
def query_agreements(a: Annotated[str, typer.Argument(help="A party, e.g. AZE.")],
                     b: Annotated[Optional[str], typer.Argument(help="Another party (optional).")] = None,
                     db: DbOption = None, format: QueryFormat = KBFormat.table) -> None:
    """Agreements between the parties."""
    from diplograph.kb import queries
    _print_rows(_kb_read(db, queries.agreements, a, b), format, "agreements",
                title=f"agreements of {a}" + (f" and {b}" if b else ""))


@query_app.command("fact")
def query_fact(fact_id: Annotated[int, typer.Argument(help="A KB fact id (the fact_id column of other queries).")],
               db: DbOption = None, context: Annotated[int, typer.Option(min=0, help="Characters of context.")] = 160,
               format: QueryFormat = KBFormat.table) -> None:
    """Every piece of evidence for one fact, its span highlighted in its document."""
    from rich.markup import escape

    from diplograph.kb import queries
    fact, rows = _kb_read(db, lambda conn: (queries.kb_fact(conn, fact_id), queries.fact_evidence(conn, fact_id, context)))
    if fact is None:
        err.print(f"no fact with id {fact_id}")
        raise typer.Exit(1)
    if format is not KBFormat.table:
        _print_rows(rows, format, "fact")
        return
    console = Console(width=None if sys.stdout.isatty() else 200)
    when = f"{fact['start'] or ''}–{fact['end'] or ''}" if fact["end"] else (fact["start"] or "")
    console.print(f"[bold]fact {fact_id}[/bold]: {escape(fact['fact'])} {escape(when)} ({fact['modality']}; "
                  f"{fact['sources']} sources, first seen {fact['first_seen'] or '?'}, last seen {fact['last_seen'] or '?'})")
    for r in rows:
        flat = lambda t: escape(" ".join(str(t).split()))  # noqa: E731 - one line per context
        console.print(f"\n[cyan]{escape(r['doc'])}[/cyan] ({r['doc_date'] or 'no date'}) [{r['start']}:{r['end']}]")
        console.print(f"…{flat(r['before'])} [bold reverse]{flat(r['text'])}[/bold reverse] {flat(r['after'])}…")


@query_app.command("path")
def query_path(a: Annotated[str, typer.Argument(help="From, e.g. AZE.")], b: Annotated[str, typer.Argument(help="To, e.g. ITA.")],
               db: DbOption = None, max_hops: Annotated[int, typer.Option(min=1, max=12)] = 6,
               format: QueryFormat = KBFormat.table) -> None:
    """How two countries are connected: a shortest chain of facts."""
    from diplograph.kb import queries
    rows = _kb_read(db, queries.path, a, b, max_hops)
    if not rows and format is KBFormat.table:
        err.print(f"no connection between {a} and {b} within {max_hops} steps")
        raise typer.Exit(1)
    _print_rows(rows, format, "path", title=f"{a} → {b}")


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
          token: Annotated[Optional[str], typer.Option(help="Token that uploads must send (default: a new random one, printed).")] = None,
          read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every upload (no token).")] = False,
          max_upload_mb: Annotated[float, typer.Option(min=0.001, help="Largest file an upload may carry, in MB.")] = 20.0,
          registry: RegistryOption = None) -> None:
    """Browse the knowledge base in a web browser: network, map, timeline, facts with their evidence, uploads."""
    _use_registry(registry)
    import secrets

    from sqlalchemy import inspect

    from diplograph.kb.db import describe_url, make_engine, resolve_url, upgrade
    url = resolve_url(db)
    try:
        engine = make_engine(url)
        try:
            empty = not inspect(engine).get_table_names()
        finally:
            engine.dispose()
        if empty:
            # A new path gets the tables, so serving comes before the first ingest.
            upgrade(url)
        if not read_only and not token:
            token = secrets.token_urlsafe(24)
        from diplograph.web.app import create_app
        loopback = host in ("127.0.0.1", "localhost", "::1")
        web_app = create_app(url, token=None if read_only else token, read_only=read_only,
                             max_upload_bytes=int(max_upload_mb * 2**20),
                             allowed_hosts=["127.0.0.1", "localhost", "::1"] if loopback else None)
    except Exception as exc:  # noqa: BLE001
        _kb_fail(exc)
    import uvicorn
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    page = f"http://{shown}:{port}/"
    typer.echo(f"diplograph: serving {describe_url(url)} at {page}" + (" (read-only)" if read_only else ""))
    if token and not read_only:
        typer.echo(f"open {page}#token={token}")
        typer.echo(f"upload token: {token}")
    typer.echo("Ctrl-C stops the server.")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")



def main() -> None:  # pragma: no cover - entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
