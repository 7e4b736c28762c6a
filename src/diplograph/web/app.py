"""The web app: a JSON API over the knowledge base, the browser UI's files, and ingest jobs.

    app = create_app("sqlite:///diplograph.db", token="s3cret")
    uvicorn.run(app)                     # what `diplograph serve` does

Reading needs no token; writing (POST /api/ingest) needs `Authorization: Bearer <token>`, and a
server without a token (or started read-only) refuses every write with 403. Every response
carries a Content-Security-Policy that allows only this origin's scripts, and no inline ones:
document text reaches the page as JSON and the UI puts it in with textContent.
"""
from __future__ import annotations

import hmac
import html
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from diplograph.kb import browse
from diplograph.kb.browse import BadFilter

STATIC_DIR = Path(__file__).resolve().parent / "static"
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("diplograph")
    except Exception:  # noqa: BLE001 - running from a source tree that is not installed
        return "0.0.0"


# --- response models (for /openapi.json and /docs; extra keys pass through) -------------------------

class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Health(Open):
    status: str
    version: str
    read_only: bool
    db: str = Field(description="The database URL, password hidden.")
    max_upload_bytes: int


class Stats(Open):
    documents: int
    facts: int = Field(description="Facts as stated per document.")
    kb_facts: int = Field(description="Facts merged across documents.")
    by_type: dict[str, int]
    years: Optional[list[int]] = Field(description="[first, last] year the KB covers, or null when empty.")


class SourceRow(Open):
    source: str
    documents: int


class EntityRow(Open):
    key: str = Field(description='"<kind>:<id>", e.g. "country:AZE".')
    id: str
    kind: str
    name: str
    facts: int


class Profile(Open):
    key: str
    id: str
    kind: str
    name: str
    region: Optional[str]
    facts: int
    by_type: dict[str, int]
    partners: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    members: list[dict[str, Any]] = Field(description="For an organization: its members (membership facts).")
    recent: list[dict[str, Any]] = Field(description="Timeline rows, newest first.")


class Node(Open):
    key: str
    id: str
    kind: str
    name: str
    degree: int


class Edge(Open):
    id: str
    fact_id: int
    source: str
    target: str
    type: str
    level: Optional[str]
    modality: str
    confidence: float
    start: Optional[str]
    end: Optional[str]
    sources: int
    label: str


class Graph(Open):
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool = Field(description="True when the limit left facts out.")


class FactItem(Open):
    fact_id: int
    type: str
    fact: str = Field(description="One line saying what the fact states.")
    args: dict[str, Any]
    start: Optional[str]
    end: Optional[str]
    modality: str
    confidence: float
    sources: int
    first_seen: Optional[str]
    last_seen: Optional[str]
    entities: list[dict[str, Any]] = Field(description="The entities the fact involves, with names and roles.")


class FactsPage(Open):
    total: int
    offset: int
    limit: int
    items: list[FactItem]


class FactDetail(Open):
    fact_id: int
    type: str
    fact: str
    args: dict[str, Any]
    identity: dict[str, Any]
    start: Optional[str]
    end: Optional[str]
    modality: str
    first_seen: Optional[str]
    last_seen: Optional[str]
    sources: int
    statements: int
    confidence: float
    entities: list[dict[str, Any]]
    evidence: list[dict[str, Any]] = Field(description="Every piece of evidence, with context before and after.")


class MapCountry(Open):
    relation: str
    facts: list[int] = Field(description="Up to 20 fact ids, best-sourced first (/api/edges lists all).")
    count: int
    name: str


class MapResult(Open):
    country: str
    name: str
    countries: dict[str, MapCountry]
    numeric: dict[str, str] = Field(description="ISO 3166-1 numeric code -> alpha-3, for every country.")


class TimelineRow(Open):
    fact_id: int
    type: str
    when: Optional[str]
    start: Optional[str]
    end: Optional[str]
    fact: str
    modality: str
    sources: int


class Span(Open):
    start: int
    end: int
    fact_id: Optional[int] = Field(description="The KB fact the span is evidence for.")
    type: str


class DocumentOut(Open):
    id: str
    source: str
    url: Optional[str]
    date: Optional[str]
    date_source: Optional[str]
    language: Optional[str]
    kind: str
    text: str = Field(description="The document exactly as read (HTML source for HTML): span offsets index it.")
    spans: list[Span]


class JobAccepted(Open):
    job: str
    status: str


class JobDocument(Open):
    name: str
    outcome: str = Field(description="new | unchanged | replaced | failed")
    facts: int
    error: Optional[str]
    doc_id: Optional[str]


class JobStatus(Open):
    job: str
    status: str = Field(description="queued | running | done | failed")
    total: int
    done: int
    documents: list[JobDocument]
    error: Optional[str]


class ErrorOut(BaseModel):
    detail: str


ERRORS = {400: {"model": ErrorOut, "description": "A filter value is not allowed"},
          404: {"model": ErrorOut, "description": "No such item"}}


# --- middleware --------------------------------------------------------------------------------------

class SecurityHeaders:
    """Adds the security headers to every response (a plain ASGI middleware, so streamed and
    file responses get them too); API answers are not cached."""

    def __init__(self, app: Any, allowed_hosts: list[str] | None = None):
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts is not None and not self._host_ok(scope):
            # A page on another site that rebinds its DNS name to this machine must not read the KB.
            response = PlainTextResponse("unexpected Host header", status_code=400)
            await response(scope, receive, self._wrap(send, scope))
            return
        if _has_control_chars(scope):
            # PostgreSQL refuses NUL bytes in text: a parameter with control characters is bad input.
            response = JSONResponse({"detail": "control characters are not allowed in the path or query"},
                                    status_code=400)
            await response(scope, receive, self._wrap(send, scope))
            return
        await self.app(scope, receive, self._wrap(send, scope))

    def _host_ok(self, scope: dict) -> bool:
        host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower().strip("[]") in self.allowed_hosts

    @staticmethod
    def _wrap(send: Any, scope: dict) -> Any:
        is_api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in dict(SECURITY_HEADERS)]
                headers += SECURITY_HEADERS
                if is_api:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)
        return send_with_headers


def _has_control_chars(scope: dict) -> bool:
    from urllib.parse import unquote_to_bytes
    raw = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
    for part in (raw, scope.get("query_string", b"")):
        decoded = unquote_to_bytes(part.replace(b"+", b" "))
        if any(b < 32 and b not in (9, 10, 13) for b in decoded):
            return True
    return False


# --- shared parameters -------------------------------------------------------------------------------

def connection(request: Request) -> Iterator[Connection]:
    """A connection to the app's knowledge base for one request."""
    with request.app.state.engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]
TypesQ = Annotated[Optional[str], Query(description="Comma-separated fact types: " + ", ".join(browse.FACT_TYPES),
                                        examples=["partnership,visit"])]
FromQ = Annotated[Optional[int], Query(alias="from", ge=0, le=9999, description="From this year (facts whose period overlaps).")]
ToQ = Annotated[Optional[int], Query(alias="to", ge=0, le=9999, description="Up to this year.")]
EntityQ = Annotated[Optional[str], Query(description='Only facts involving this entity: "<kind>:<id>", e.g. country:AZE.')]
ConfQ = Annotated[Optional[float], Query(ge=0.0, le=1.0, description="Only facts whose best source has at least this confidence.")]
SourceQ = Annotated[Optional[str], Query(description="Only facts stated in documents with this source (see /api/sources).")]



# --- the app -----------------------------------------------------------------------------------------

def create_app(db_url: str | None, *, token: str | None = None, read_only: bool = False,
               max_upload_bytes: int = 20 * 2**20, static_dir: str | Path | None = None,
               allowed_hosts: list[str] | None = None, upload_dir: str | Path | None = None) -> FastAPI:
    """The web app over the knowledge base at `db_url` (which must exist: `diplograph db upgrade`).
    Writes need `token`; with no token or `read_only` they are refused. `allowed_hosts` (e.g.
    ["127.0.0.1", "localhost"]) makes requests with another Host header fail."""
    from diplograph.kb.db import describe_url, open_for_reading, resolve_url
    from diplograph.web.jobs import JobManager

    url = resolve_url(db_url)
    engine = open_for_reading(url)
    static_root = Path(static_dir).resolve() if static_dir is not None else STATIC_DIR
    writable = token is not None and not read_only
    jobs = JobManager(engine, max_bytes=max_upload_bytes, folder=Path(upload_dir) if upload_dir else None)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        jobs.shutdown()
        engine.dispose()

    app = FastAPI(title="diplograph", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Facts about foreign relations, each with the words of its sources. "
                              "Read endpoints need no token; POST /api/ingest needs `Authorization: Bearer <token>`.")
    app.state.engine = engine
    app.state.jobs = jobs
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)

    @app.exception_handler(BadFilter)
    async def _bad_filter(_request: Request, exc: BadFilter) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError) -> JSONResponse:
        msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return JSONResponse({"detail": f"the database could not answer: {msg}"}, status_code=503)

    def not_found(what: str) -> HTTPException:
        return HTTPException(status_code=404, detail=what)

    # --- read endpoints ---

    @app.get("/api/health", response_model=Health, tags=["read"])
    def health() -> dict[str, Any]:
        """Whether the server is up, its version and whether it accepts uploads."""
        return {"status": "ok", "version": _version(), "read_only": not writable, "db": describe_url(url),
                "max_upload_bytes": max_upload_bytes}

    @app.get("/api/stats", response_model=Stats, tags=["read"])
    def stats(conn: Conn) -> dict[str, Any]:
        """Counts of documents and facts, KB facts by type, and the years covered."""
        return browse.stats(conn)

    @app.get("/api/sources", response_model=list[SourceRow], tags=["read"])
    def sources(conn: Conn, q: Annotated[Optional[str], Query(description="Part of the source, case ignored.")] = None,
                limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["sources"])] = 1000) -> list[dict[str, Any]]:
        """The documents' sources (file paths, URLs, upload:<name>) and how many documents each has."""
        return browse.sources(conn, q, limit)

    @app.get("/api/entities", response_model=list[EntityRow], tags=["read"])
    def entities(conn: Conn,
                 q: Annotated[Optional[str], Query(description="Part of the id, name, alias or acronym.")] = None,
                 kind: Annotated[Optional[str], Query(description="One of: " + ", ".join(browse.ENTITY_KINDS))] = None,
                 limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["entities"])] = 50) -> list[dict[str, Any]]:
        """Entities that occur in the KB, most facts first."""
        return browse.entities(conn, q, browse.check_kind(kind), limit)

    @app.get("/api/entities/{kind}/{entity_id:path}", response_model=Profile, responses=ERRORS, tags=["read"])
    def entity(conn: Conn, kind: str, entity_id: Annotated[str, PathParam(description="e.g. AZE, NATO, TANAP")]) -> dict[str, Any]:
        """One entity's profile: facts by type, partners, memberships (or members), newest facts."""
        browse.check_kind(kind)
        found = browse.entity_profile(conn, kind, entity_id)
        if found is None:
            raise not_found(f"no entity {kind}:{entity_id} in the knowledge base or the registry")
        return found

    @app.get("/api/graph", response_model=Graph, responses=ERRORS, tags=["read"])
    def graph(conn: Conn, types: TypesQ = None, year_from: FromQ = None, year_to: ToQ = None,
              min_confidence: ConfQ = None, source: SourceQ = None, entity: EntityQ = None,
              modality: Annotated[Optional[str], Query(description="Comma-separated modalities (default asserted,planned).")] = None,
              limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["graph"], description="At most this many edges.")] = 2000) -> dict[str, Any]:
        """The relation network: one edge per pair of entities a fact links (every pair of an
        agreement's parties or a meeting's participants), best-sourced facts first."""
        browse.check_years(year_from, year_to)
        return browse.graph(conn, types=browse.parse_types(types), year_from=year_from, year_to=year_to,
                            min_confidence=min_confidence, source=source or None, entity=browse.parse_entity(entity),
                            modalities=browse.parse_modalities(modality) or ("asserted", "planned"), limit=limit)

    @app.get("/api/edges", response_model=list[FactItem], responses=ERRORS, tags=["read"])
    def edges(conn: Conn, a: Annotated[str, Query(description='An entity, "<kind>:<id>".')],
              b: Annotated[str, Query(description="Another entity.")],
              limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["edges"])] = 500) -> list[dict[str, Any]]:
        """Every fact linking two entities, oldest first."""
        ea, eb = browse.parse_entity(a), browse.parse_entity(b)
        if ea is None or eb is None:
            raise BadFilter("give both entities, a and b")
        return browse.edges_between(conn, ea, eb, limit)

    @app.get("/api/map/{country}", response_model=MapResult, responses=ERRORS, tags=["read"])
    def country_map(conn: Conn, country: str, year_from: FromQ = None, year_to: ToQ = None) -> dict[str, Any]:
        """The strongest relation of a country with every other country (for the world map)."""
        browse.check_years(year_from, year_to)
        country = country.strip()
        if not browse.is_country(country):
            raise not_found(f"{country!r} is not a known country id (ISO 3166 alpha-3, e.g. AZE)")
        return browse.map_relations(conn, country, year_from, year_to)

    @app.get("/api/timeline", response_model=list[TimelineRow], responses=ERRORS, tags=["read"])
    def timeline(conn: Conn, entity: EntityQ = None, types: TypesQ = None, year_from: FromQ = None,
                 year_to: ToQ = None,
                 order: Annotated[str, Query(pattern="^(asc|desc)$", description="asc: oldest first; desc: newest first.")] = "asc",
                 limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["timeline"])] = 500) -> list[dict[str, Any]]:
        """Facts in time order (negated ones left out); facts with no date come last."""
        browse.check_years(year_from, year_to)
        return browse.timeline(conn, entity=browse.parse_entity(entity), types=browse.parse_types(types),
                               year_from=year_from, year_to=year_to, limit=limit, newest_first=order == "desc")

    @app.get("/api/facts", response_model=FactsPage, responses=ERRORS, tags=["read"])
    def facts(conn: Conn, q: Annotated[Optional[str], Query(description="Text in the fact's arguments, or an entity's name.")] = None,
              types: TypesQ = None, entity: EntityQ = None, year_from: FromQ = None, year_to: ToQ = None,
              min_confidence: ConfQ = None, source: SourceQ = None,
              modality: Annotated[Optional[str], Query(description="Comma-separated: asserted, planned, negated.")] = None,
              offset: Annotated[int, Query(ge=0)] = 0,
              limit: Annotated[int, Query(ge=1, le=browse.MAX_LIMIT["facts"])] = 50,
              sort: Annotated[str, Query(description="One of " + ", ".join(browse.SORTS) + "; '-' first for descending.")] = "-last_seen") -> dict[str, Any]:
        """A page of facts matching the filters, with the total."""
        browse.check_years(year_from, year_to)
        return browse.facts(conn, q=q, types=browse.parse_types(types), entity=browse.parse_entity(entity),
                            year_from=year_from, year_to=year_to, min_confidence=min_confidence, source=source or None,
                            modalities=browse.parse_modalities(modality), offset=offset, limit=limit, sort=sort)

    @app.get("/api/facts/{fact_id}", response_model=FactDetail, responses=ERRORS, tags=["read"])
    def fact(conn: Conn, fact_id: int,
             context: Annotated[int, Query(ge=0, le=2000, description="Characters of context around each span.")] = 160) -> dict[str, Any]:
        """One fact with every piece of its evidence."""
        found = browse.fact_detail(conn, fact_id, context)
        if found is None:
            raise not_found(f"no fact with id {fact_id}")
        return found

    @app.get("/api/documents/{doc_id:path}", response_model=DocumentOut, responses=ERRORS, tags=["read"])
    def document(conn: Conn, doc_id: str) -> dict[str, Any]:
        """A document's original text with every evidence span in it."""
        found = browse.document(conn, doc_id)
        if found is None:
            raise not_found(f"no document with id {doc_id!r}")
        return found

    def entity_id(value: str | None) -> str | None:
        """The id of an entity filter ("country:AZE" or "AZE"; None: no filter). Control characters
        are refused like other malformed values (PostgreSQL cannot even compare text with a NUL)."""
        parsed = browse.parse_entity(value)
        if parsed is None:
            return None
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in parsed[1]):
            raise BadFilter(f"entity {value!r} contains control characters")
        return parsed[1]

    @app.get("/api/conflicts", responses=ERRORS, tags=["read"])
    def conflicts(conn: Conn, entity: Annotated[Optional[str], Query(
            description='Only conflicts about facts involving this entity: "<kind>:<id>" or an id, e.g. country:AZE.')] = None
                  ) -> list[dict[str, Any]]:
        """Facts the sources disagree on (periods, figures, partnership levels), both sides with evidence.
        With `entity`, only that entity's (worked out for it alone: much faster than the whole KB)."""
        from diplograph.kb.conflicts import find_conflicts
        return find_conflicts(conn, entity=entity_id(entity))

    @app.get("/api/claims", responses=ERRORS, tags=["read"])
    def claims(conn: Conn, include_unchecked: bool = False, subject: Annotated[Optional[str], Query(
            description='Only claims about this subject: an id or "<kind>:<id>", e.g. AZE.')] = None) -> list[dict[str, Any]]:
        """Sources' figures (e.g. number of strategic partners) checked against the KB."""
        from diplograph.kb.claims import check_claims
        return check_claims(conn, include_unchecked=include_unchecked, subject=entity_id(subject))

    @app.get("/api/jobs/{job_id}", response_model=JobStatus, responses=ERRORS, tags=["ingest"])
    def job(job_id: str) -> dict[str, Any]:
        """An ingest job's progress and each document's outcome."""
        found = jobs.get(job_id)
        if found is None:
            raise not_found(f"no job {job_id!r} (jobs are kept in memory until the server stops)")
        return found

    # --- write endpoints ---

    def check_token(request: Request) -> None:
        if not writable:
            raise HTTPException(403, "read-only: this server accepts no uploads (started with --read-only or without a token)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "a token is needed: send the header 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})

    ingest_body = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object",
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "Documents: .txt, .md, .html, .htm, .xhtml, .pdf or .jsonl corpora."},
            "url": {"type": "string", "description": "An http(s) URL to fetch and ingest."},
            "date": {"type": "string", "description": "Document date YYYY[-MM[-DD]] when the text gives none."}}}}}}}

    @app.post("/api/ingest", status_code=202, response_model=JobAccepted, tags=["ingest"], openapi_extra=ingest_body,
              responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                         400: {"model": ErrorOut}})
    async def ingest(request: Request) -> JSONResponse:
        """Upload files and/or give a URL; they are ingested in the background (see /api/jobs/{job}).
        A file over the size limit refuses the whole upload with 413 and nothing is stored."""
        from diplograph.web.jobs import JobInput, UploadRejected, receive_multipart
        check_token(request)
        content_type = request.headers.get("content-type", "")
        folder = jobs.new_folder()
        try:
            length = int(request.headers.get("content-length") or 0)
            if length > max_upload_bytes * 100 + 2**20:
                raise UploadRejected(413, f"upload of {length} bytes is too large (each file at most "
                                          f"{max_upload_bytes} bytes); nothing was stored")
            if content_type.lower().startswith("multipart/form-data"):
                form = await receive_multipart(content_type, request.stream(), folder, max_bytes=max_upload_bytes)
                inputs, fields = form.files, form.fields
            elif content_type.lower().startswith("application/x-www-form-urlencoded"):
                data = await request.form()
                inputs, fields = [], {k: str(v) for k, v in data.items()}
            else:
                raise UploadRejected(400, "send multipart/form-data with 'files' and/or 'url'")
            url_value = (fields.get("url") or "").strip()
            if url_value:
                parts = urlsplit(url_value)
                if parts.scheme not in ("http", "https") or not parts.netloc:
                    raise UploadRejected(400, f"url must be an http:// or https:// address, not {url_value[:100]!r}")
                inputs.append(JobInput(name=url_value, url=url_value))
            date = (fields.get("date") or "").strip() or None
            if date is not None and not _DATE.fullmatch(date):
                raise UploadRejected(400, "date must be YYYY, YYYY-MM or YYYY-MM-DD")
            if not inputs:
                raise UploadRejected(400, "nothing to ingest: send one or more 'files' and/or a 'url'")
        except UploadRejected as exc:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)
            return JSONResponse({"detail": exc.detail}, status_code=exc.status)
        except BaseException:
            import shutil
            shutil.rmtree(folder, ignore_errors=True)
            raise
        new_job = jobs.submit(inputs, date=date, folder=folder)
        return JSONResponse({"job": new_job.id, "status": "queued"}, status_code=202)

    # --- documentation that works offline, and the UI's files ---

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(render_docs(app.openapi()))

    def ui_missing() -> PlainTextResponse:
        return PlainTextResponse(
            f"The web UI is not built ({static_root / 'index.html'} is missing). Build it with `make ui` "
            "(needs npm), then reload. The JSON API works without it: see /docs.", status_code=503)

    def static_file(relative: str) -> Path | None:
        """A file under the static folder (None for anything outside it or missing)."""
        if not relative or "\x00" in relative or relative.startswith(("/", "\\")):
            return None
        candidate = (static_root / relative).resolve()
        if not candidate.is_relative_to(static_root) or not candidate.is_file():
            return None
        return candidate

    @app.get("/", include_in_schema=False)
    def index():
        page = static_file("index.html")
        if page is None:
            return ui_missing()
        return FileResponse(page, media_type="text/html", headers={"Cache-Control": "no-cache"})

    @app.get("/assets/{path:path}", include_in_schema=False)
    def assets(path: str):
        found = static_file(f"assets/{path}")
        if found is None:
            raise not_found(f"no file /assets/{path}")
        # Vite puts a content hash in asset names: they never change.
        return FileResponse(found, headers={"Cache-Control": "public, max-age=31536000, immutable"})

    @app.get("/{name}", include_in_schema=False)
    def top_level_file(name: str):
        found = static_file(name) if name != "index.html" else None
        if found is None:
            raise not_found(f"no file /{name}")
        return FileResponse(found, headers={"Cache-Control": "no-cache"})

    return app


# --- /docs: the OpenAPI description as plain HTML (no scripts, nothing from other sites) ------------

def render_docs(spec: dict[str, Any]) -> str:
    """An HTML page listing every operation of `spec` with its parameters and responses."""
    e = html.escape
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{e(spec['info']['title'])} API</title>",
           "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
           "code,pre{font:13px ui-monospace,monospace;background:#f4f4f4;padding:.1em .3em}"
           "h2{border-top:1px solid #ddd;padding-top:1rem;font-size:1.1rem}.m{font-weight:700;color:#06c}"
           "table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;"
           "vertical-align:top}</style></head><body>",
           f"<h1>{e(spec['info']['title'])} {e(spec['info'].get('version', ''))}</h1>",
           f"<p>{e(spec['info'].get('description', ''))}</p>",
           "<p>The machine-readable description is <a href='/openapi.json'>/openapi.json</a> (OpenAPI 3).</p>"]
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            out.append(f"<h2 id='{e(op.get('operationId', ''))}'><span class='m'>{e(method.upper())}</span> "
                       f"<code>{e(path)}</code></h2>")
            if op.get("summary"):
                out.append(f"<p><b>{e(op['summary'])}</b></p>")
            if op.get("description"):
                out.append(f"<p>{e(op['description'])}</p>")
            params = op.get("parameters", [])
            if params:
                out.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr>")
                for p in params:
                    schema = p.get("schema", {})
                    kinds = [s.get("type") for s in schema.get("anyOf", [])] or [schema.get("type")]
                    typ = " | ".join(str(k) for k in kinds if k)
                    limits = ", ".join(f"{k} {schema[k]}" for k in ("minimum", "maximum", "pattern") if k in schema)
                    default = f" (default {schema['default']!r})" if "default" in schema else ""
                    req = " <i>required</i>" if p.get("required") else ""
                    out.append(f"<tr><td><code>{e(p['name'])}</code>{req}</td><td>{e(p.get('in', ''))}</td>"
                               f"<td>{e(typ)}{e(default)}{(' ' + e(limits)) if limits else ''}</td>"
                               f"<td>{e(p.get('description', ''))}</td></tr>")
                out.append("</table>")
            body = op.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                props = content.get("schema", {}).get("properties", {})
                out.append(f"<p>Body <code>{e(media)}</code>: "
                           + ", ".join(f"<code>{e(k)}</code> ({e(v.get('description', v.get('type', '')))})"
                                       for k, v in props.items()) + "</p>")
            codes = ", ".join(f"<code>{e(code)}</code> {e(r.get('description', ''))}"
                              for code, r in op.get("responses", {}).items())
            out.append(f"<p>Responses: {codes}</p>")
    out.append("</body></html>")
    return "".join(out)
