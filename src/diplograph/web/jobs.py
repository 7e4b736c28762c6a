"""Ingest jobs of the web app: uploaded files and URLs, read, extracted and stored one document
at a time in a background thread.

Uploads are streamed to a folder of their own under a name made from the client's file name
by keeping only its last path component and safe characters (the client's name is never a
path). A file over the size limit stops the upload there: the request is answered 413 and
everything received is deleted. Each document is then read by the project's readers
(text.readers, the same for files and URLs), extracted (pipeline.process_document) and stored
(kb.store.store_result, its own transaction), so a bad file is reported by name and the others
are stored. One worker thread: jobs run one after another, like `diplograph ingest` with
--workers 1.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

MAX_FILES = 100              # files per upload request
MAX_FIELD_BYTES = 64 * 1024  # a form field (url, date)
JOBS_KEPT = 200              # finished jobs remembered for /api/jobs/{id}
_SAFE_CHARS = re.compile(r"[^\w.\- ()+,]", re.UNICODE)


class UploadRejected(Exception):
    """The upload as a whole is refused (the app answers with `status` and `detail`)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def safe_name(client_name: str | None, index: int) -> str:
    """A file name for an upload: the last component of the client's name, with only letters,
    digits and a few punctuation marks kept, never hidden, never empty, at most 120 characters
    (the extension kept)."""
    base = unicodedata.normalize("NFC", client_name or "")
    base = base.replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_CHARS.sub("_", base).strip(" .")
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[:110] + dot + suffix[:9]) if dot and len(suffix) <= 9 else base[:120]
    return base or f"upload-{index + 1}"


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"


# --- receiving an upload -----------------------------------------------------------------------

@dataclass
class JobInput:
    name: str                     # what the job reports it as (the client's file name, or the URL)
    path: Path | None = None      # the saved upload
    url: str | None = None
    error: str | None = None      # refused before reading (e.g. unsupported file type)


@dataclass
class ReceivedForm:
    files: list[JobInput] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


async def receive_multipart(content_type: str, stream: AsyncIterator[bytes], folder: Path, *,
                            max_bytes: int, max_files: int = MAX_FILES) -> ReceivedForm:
    """Parse a multipart/form-data body as it arrives, writing each file part into `folder`
    (one subfolder per file, under its safe name). Raises UploadRejected (413 when a file passes
    `max_bytes`, 400 for a malformed body); the caller deletes `folder` then."""
    from python_multipart.exceptions import FormParserError
    from python_multipart.multipart import MultipartParser, parse_options_header

    from diplograph.text.readers import KIND_BY_SUFFIX, SUPPORTED

    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise UploadRejected(400, "multipart/form-data body without a boundary")
    form = ReceivedForm()
    state: dict[str, Any] = {"headers": [], "name": b"", "value": b""}
    part: dict[str, Any] = {}

    def on_part_begin() -> None:
        part.clear()
        state["headers"] = []

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["name"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"].append((state["name"].lower(), state["value"]))
        state["name"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        disposition = next((v for k, v in state["headers"] if k == b"content-disposition"), b"")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise UploadRejected(400, "a form part has no name (Content-Disposition)")
        part["field"] = options[b"name"].decode("utf-8", "replace")
        if b"filename" not in options:
            part["data"] = bytearray()
            return
        index = len(form.files)
        if index >= max_files:
            raise UploadRejected(400, f"too many files in one upload (at most {max_files})")
        client = options[b"filename"].decode("utf-8", "replace")
        shown = client.replace("\\", "/").rsplit("/", 1)[-1][:255] or f"upload-{index + 1}"
        item = JobInput(name=shown)
        name = safe_name(client, index)
        if Path(name).suffix.lower() not in KIND_BY_SUFFIX:
            item.error = f"unsupported file type '{Path(name).suffix or name}' (supported: {SUPPORTED})"
        else:
            target = folder / f"{index:03d}" / name
            target.parent.mkdir(parents=True)
            item.path = target
            part["handle"] = target.open("xb")
        form.files.append(item)
        part["file"] = item
        part["size"] = 0

    def on_part_data(data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if "file" in part:
            part["size"] += len(chunk)
            if part["size"] > max_bytes:
                raise UploadRejected(413, f"{part['file'].name} is larger than the upload limit of "
                                          f"{_size(max_bytes)}; nothing was stored")
            if "handle" in part:
                part["handle"].write(chunk)
        elif "data" in part:
            if len(part["data"]) + len(chunk) > MAX_FIELD_BYTES:
                raise UploadRejected(400, f"form field {part['field']!r} is too long")
            part["data"] += chunk

    def on_part_end() -> None:
        if "handle" in part:
            part.pop("handle").close()
        if "file" in part and part["size"] == 0 and part["file"].error is None:
            part["file"].error = "empty file"
        if "data" in part:
            form.fields[part["field"]] = part["data"].decode("utf-8", "replace")

    callbacks = {"on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
                 "on_header_field": on_header_field, "on_header_value": on_header_value,
                 "on_header_end": on_header_end, "on_headers_finished": on_headers_finished}
    parser = MultipartParser(boundary, callbacks)
    try:
        async for chunk in stream:
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise UploadRejected(400, f"malformed multipart/form-data body ({exc})") from None
    finally:
        if "handle" in part:
            part.pop("handle").close()
    return form


# --- jobs ----------------------------------------------------------------------------------------

@dataclass
class Job:
    id: str
    inputs: list[JobInput]
    date: str | None = None
    folder: Path | None = None
    status: str = "queued"
    total: int = 0
    done: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"job": self.id, "status": self.status, "total": self.total, "done": self.done,
                "documents": [dict(d) for d in self.documents], "error": self.error}


class JobManager:
    """Queued ingest jobs, run one at a time by one worker thread."""

    def __init__(self, engine: Engine, *, max_bytes: int, folder: Path | None = None,
                 on_stored: Callable[[], None] | None = None):
        self.engine = engine
        self.max_bytes = max_bytes
        self.root = Path(tempfile.mkdtemp(prefix="diplograph-uploads-", dir=folder))
        self.on_stored = on_stored
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="diplograph-ingest")

    def new_folder(self) -> Path:
        """A fresh folder for one upload's files."""
        path = self.root / uuid.uuid4().hex
        path.mkdir()
        return path

    def submit(self, inputs: list[JobInput], *, date: str | None = None, folder: Path | None = None) -> Job:
        job = Job(id=uuid.uuid4().hex[:16], inputs=inputs, date=date, folder=folder, total=len(inputs))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.as_dict() if job is not None else None

    def wait(self, job_id: str, timeout: float = 30.0) -> dict[str, Any] | None:
        """The job once it has finished (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.get(job_id)
            if found is None or found["status"] in ("done", "failed"):
                return found
            time.sleep(0.02)
        return self.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.status in ("done", "failed")]
        for job in finished[:max(0, len(self._jobs) - JOBS_KEPT)]:
            del self._jobs[job.id]

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

    def _record(self, job: Job, name: str, outcome: str, facts: int = 0, error: str | None = None,
                doc_id: str | None = None) -> None:
        with self._lock:
            job.documents.append({"name": name, "outcome": outcome, "facts": facts, "error": error,
                                  "doc_id": doc_id})
            job.done += 1

    def _run(self, job: Job) -> None:
        self._update(job, status="running")
        try:
            for item in job.inputs:
                self._run_input(job, item)
            failed = sum(d["outcome"] == "failed" for d in job.documents)
            if job.documents and failed == len(job.documents):
                self._update(job, status="failed", error="no document could be ingested: "
                             + "; ".join(f"{d['name']}: {d['error']}" for d in job.documents[:5]))
            else:
                self._update(job, status="done")
        except Exception as exc:  # noqa: BLE001 - a job that breaks says why instead of hanging "running"
            self._update(job, status="failed", error=f"{type(exc).__name__}: {exc}")
        finally:
            self._update(job, finished=time.time())
            if job.folder is not None:
                shutil.rmtree(job.folder, ignore_errors=True)

    def _run_input(self, job: Job, item: JobInput) -> None:
        from diplograph.model import ReadError
        from diplograph.text.encoding import InputError
        from diplograph.text.readers import iter_inputs, read_one

        if item.error is not None:
            self._record(job, item.name, "failed", error=item.error)
            return
        if item.url is not None:
            try:
                raw = read_one(item.url, max_bytes=self.max_bytes)
            except InputError as exc:
                self._record(job, item.name, "failed", error=str(exc))
                return
            self._store(job, item.name, raw)
            return
        assert item.path is not None
        if item.path.suffix.lower() == ".jsonl":
            # A corpus: one document per line; the job counts each.
            first = True
            for raw in iter_inputs([str(item.path)], max_bytes=self.max_bytes):
                if not first:
                    self._update(job, total=job.total + 1)
                first = False
                if isinstance(raw, ReadError):
                    where = raw.source.replace(str(item.path), item.name)
                    self._record(job, where, "failed", error=raw.reason)
                    continue
                raw.source = raw.source.replace(str(item.path), f"upload:{item.name}")
                self._store(job, f"{item.name} {raw.id}", raw)
            return
        try:
            raw = read_one(str(item.path), max_bytes=self.max_bytes)
        except InputError as exc:
            self._record(job, item.name, "failed", error=str(exc))
            return
        # The stored document is named after the upload, not the temporary file.
        raw.source = f"upload:{item.path.name}"
        self._store(job, item.name, raw)

    def _store(self, job: Job, name: str, raw: Any) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        from diplograph.kb.db import DatabaseBusy
        from diplograph.kb.schema import TABLES
        from diplograph.kb.store import content_hash, store_result
        from diplograph.model import ReadError
        from diplograph.pipeline import process_document

        docs = TABLES["documents"]
        with self.engine.connect() as conn:
            stored = conn.execute(select(docs.c.content_hash, docs.c.n_facts).where(docs.c.id == raw.id)).first()
        if stored is not None and stored.content_hash == content_hash(raw.original):
            # Already stored with this content: nothing to extract.
            self._record(job, name, "unchanged", stored.n_facts, doc_id=raw.id)
            return
        result = process_document(raw, job.date)
        if isinstance(result, ReadError):
            self._record(job, name, "failed", error=result.reason, doc_id=raw.id)
            return
        try:
            outcome = store_result(self.engine, result)
        except (SQLAlchemyError, ValueError, DatabaseBusy) as exc:
            # The driver's message without the SQL statement SQLAlchemy appends.
            msg = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
            self._record(job, name, "failed", error=f"could not be stored: {type(exc).__name__}: {msg}",
                         doc_id=raw.id)
            return
        self._record(job, name, outcome.status, len(result.facts), doc_id=outcome.doc_id)
        if self.on_stored is not None:
            self.on_stored()
