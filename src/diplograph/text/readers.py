"""Reading inputs: files, directories, stdin, URLs and JSONL corpora into RawDocuments.

Every input that cannot be read becomes a ReadError with the reason and the batch goes on.
`original` is always the decoded input (HTML source for HTML, the text layer for PDF).
"""
from __future__ import annotations

import json
import os
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from email.message import Message
from pathlib import Path
from typing import Any

from ..model import RawDocument, ReadError
from .encoding import InputError, decode_bytes
from .html import html_has_text, html_metadata
from .pdf import read_pdf

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
URL_TIMEOUT = 20  # seconds
USER_AGENT = "diplograph/0.1 (+https://github.com/diplograph)"

KIND_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "corpus",
}
SUPPORTED = ", ".join(sorted(KIND_BY_SUFFIX))


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {_size(size)}, over the {_size(max_bytes)} limit"


def _is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower():
        return True
    return head.startswith("<") and any(t in head for t in ("<body", "<p>", "<div", "<head"))


def _document(source: str, doc_id: str, data: bytes, kind: str, *,
              url: str | None = None, charset: str | None = None) -> RawDocument:
    """Decode `data` of the given kind into a RawDocument; raises InputError."""
    meta: dict[str, Any] = {}
    if kind == "pdf":
        original, meta = read_pdf(data)
    else:
        original = _decode(data, charset)
        if not original.strip():
            raise InputError("empty file (only whitespace)")
        if kind == "html":
            meta = _html_meta(original)
    return RawDocument(id=doc_id, source=source, original=original, kind=kind, url=url,
                       meta=meta, bytes_read=len(data))


def _html_meta(original: str) -> dict[str, Any]:
    """Checks that a page has text at all; its title and date for RawDocument.meta."""
    if not html_has_text(original):
        raise InputError("HTML without any text (malformed or empty page)")
    found = html_metadata(original)
    return {key: found[name] for key, name in (("title", "title"), ("html_date", "date"))
            if found.get(name)}


def _decode(data: bytes, charset: str | None) -> str:
    """Decode with the charset a server declared, else detect it."""
    if charset:
        try:
            text = data.decode(charset)
            return text[1:] if text.startswith("\ufeff") else text
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(_too_big(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew while being read, or a special file without a size
        raise InputError(_too_big(len(data), max_bytes))
    return data


def _read_file(path: Path, source: str, max_bytes: int) -> RawDocument:
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"unsupported file type '{path.suffix or path.name}' "
                         f"(supported: {SUPPORTED})")
    if kind == "corpus":
        raise InputError("a .jsonl corpus holds many documents; read it with iter_inputs")
    return _document(source, path.name, _read_bytes(path, max_bytes), kind)


def _read_stdin(max_bytes: int) -> RawDocument:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("no standard input")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input is over the {_size(max_bytes)} limit")
    if data.lstrip()[:5] == b"%PDF-":
        kind = "pdf"
    else:
        kind = "html" if _looks_like_html(decode_bytes(data)) else "text"
    return _document("-", "stdin", data, kind)


def _read_url(url: str, max_bytes: int) -> RawDocument:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            data = response.read(max_bytes + 1)
            headers: Message = response.headers
    except urllib.error.HTTPError as exc:
        raise InputError(f"HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise InputError(f"unreachable URL: no answer within {URL_TIMEOUT} s") from None
        raise InputError(f"unreachable URL ({reason})") from None
    except (socket.timeout, TimeoutError):
        raise InputError(f"unreachable URL: no answer within {URL_TIMEOUT} s") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"unreachable URL ({exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"response is over the {_size(max_bytes)} limit")
    if not data:
        raise InputError("empty response")
    content_type = headers.get_content_type()
    charset = headers.get_content_charset()
    if content_type == "application/pdf" or data[:5] == b"%PDF-":
        kind = "pdf"
    elif content_type in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif content_type.startswith("text/"):
        kind = "text"
    else:
        kind = "html" if _looks_like_html(_decode(data, charset)) else "text"
    return _document(url, url, data, kind, url=url, charset=charset)


def read_one(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file, URL or "-" (stdin). Raises InputError with the reason (for workers that
    read files in parallel; directories and .jsonl corpora go through iter_inputs)."""
    if path == "-":
        return _read_stdin(max_bytes)
    if _is_url(path):
        return _read_url(path, max_bytes)
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory; read it with iter_inputs")
    if not target.exists():
        raise InputError("no such file or directory")
    return _read_file(target, path, max_bytes)


def expand_inputs(paths: Sequence[str]) -> Iterator[str | ReadError]:
    """Every single input behind PATHs: files (directories walked recursively in sorted order,
    hidden entries and unsupported extensions skipped), URLs, "-" and .jsonl corpora as given.
    Paths that do not exist or cannot be listed come out as ReadErrors."""
    for path in paths:
        if path == "-" or _is_url(path):
            yield path
            continue
        target = Path(path)
        try:
            is_dir = target.is_dir()
            exists = is_dir or target.exists()
        except OSError as exc:
            yield ReadError(path, f"cannot read ({exc.strerror or exc})")
            continue
        if not exists:
            yield ReadError(path, "no such file or directory")
        elif is_dir:
            yield from _walk(target)
        else:
            yield path


def _walk(directory: Path) -> Iterator[str | ReadError]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except PermissionError:
        yield ReadError(str(directory), "permission denied")
        return
    except OSError as exc:
        yield ReadError(str(directory), f"cannot read ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in KIND_BY_SUFFIX:
            yield entry.path


def iter_inputs(paths: Sequence[str], *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    """Every document behind PATHs (files, directories, "-", http(s) URLs, .jsonl corpora),
    in order; each input that cannot be read is a ReadError(source, reason) instead."""
    for item in expand_inputs(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        if item.lower().endswith(".jsonl") and not _is_url(item):
            yield from _iter_corpus(Path(item), item, max_bytes)
            continue
        try:
            yield read_one(item, max_bytes=max_bytes)
        except InputError as exc:
            yield ReadError(item, str(exc))


def _iter_corpus(path: Path, source: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """A JSONL corpus: one JSON object per line with "id", "text" or "html", and optionally
    "url" and "date". Blank lines are skipped; a bad line is a ReadError naming its number."""
    try:
        handle = path.open("rb")
    except PermissionError:
        yield ReadError(source, "permission denied")
        return
    except OSError as exc:
        yield ReadError(source, f"cannot read ({exc.strerror or exc})")
        return
    any_line = False
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"{source}#{number}"
            if not raw.strip():
                continue
            any_line = True
            try:
                yield _corpus_document(raw, path.name, number, where, max_bytes)
            except InputError as exc:
                yield ReadError(where, f"line {number}: {exc}")
    if not any_line:
        yield ReadError(source, "empty file")


def _corpus_document(raw: bytes, file_name: str, number: int, where: str,
                     max_bytes: int) -> RawDocument:
    if len(raw) > max_bytes:
        raise InputError(_too_big(len(raw), max_bytes).replace("file", "document", 1))
    try:
        record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    kind, original = None, None
    for field, field_kind in (("text", "text"), ("html", "html")):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            kind, original = field_kind, value
            break
    if original is None:
        raise InputError("no 'text' or 'html' field with text")
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{file_name}#{number}"
    url = record.get("url") if isinstance(record.get("url"), str) else None
    date = record.get("date")
    date = str(date) if date not in (None, "") else None
    meta: dict[str, Any] = {}
    if kind == "html":
        meta = _html_meta(original)
    return RawDocument(id=doc_id, source=where, original=original, kind=kind, date=date,
                       url=url, meta=meta, bytes_read=len(raw))
