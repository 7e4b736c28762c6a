import http.server
import io
import json
import socket
import sys
import threading
from pathlib import Path

import pytest

from diplograph.model import RawDocument, ReadError
from diplograph.text import readers
from diplograph.text.encoding import InputError
from diplograph.text.readers import expand_inputs, iter_inputs, read_one

ARTICLE_TEXT = "The ministers met in Geneva on Monday.\nThey agreed on a ferry line.\n"
PAGE = ("<html><head><title>Ferry talks</title></head><body><article><h1>Ferry talks</h1>"
        "<p>The ministers of two lakeside states met in Geneva on Monday and agreed to open a "
        "ferry line between their ports before the summer season begins.</p></article>"
        "</body></html>")


def read_all(paths, **kwargs):
    return list(iter_inputs([str(p) for p in paths], **kwargs))


def only(items):
    assert len(items) == 1, items
    return items[0]


# -- plain files -----------------------------------------------------------------------------

def test_text_file(tmp_path):
    path = tmp_path / "004_example.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    doc = only(read_all([path]))
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.kind, doc.original, doc.source) == (
        "004_example.txt", "text", ARTICLE_TEXT, str(path))
    assert doc.bytes_read == len(ARTICLE_TEXT.encode())


@pytest.mark.parametrize("suffix", [".md", ".text", ".TXT"])
def test_other_text_suffixes(tmp_path, suffix):
    path = tmp_path / f"note{suffix}"
    path.write_text("Some words here.", encoding="utf-8")
    assert only(read_all([path])).kind == "text"


def test_legacy_encoding_file(tmp_path):
    text = "Министр иностранных дел провёл переговоры с коллегой о транспортном коридоре."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    assert only(read_all([path])).original == text


def test_html_file_keeps_source_and_reads_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(read_all([path]))
    assert doc.kind == "html" and doc.original == PAGE
    assert doc.meta["title"] == "Ferry talks"


def test_pdf_file(tmp_path, make_pdf):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["The delegations signed a memorandum on water management."],
                              title="Report"))
    doc = only(read_all([path]))
    assert doc.kind == "pdf" and "memorandum on water" in doc.original
    assert doc.meta["title"] == "Report"


# -- bad inputs ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t", "empty file (only whitespace)"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes"),
    ("garbage.txt", b"\x80\x01\x02\x03\x04\x05\x06" * 20, "undecodable bytes"),
    ("nothing.html", b"<html><head><script>x()</script></head><body></body></html>",
     "HTML without any text"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "corrupt PDF"),
])
def test_bad_file_becomes_read_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    error = only(read_all([path]))
    assert isinstance(error, ReadError)
    assert error.source == str(path)
    assert error.reason.startswith(reason), error.reason


def test_truncated_and_encrypted_pdfs(tmp_path, make_pdf, make_encrypted_pdf):
    data = make_pdf(["Some text on the first page of the file."])
    (tmp_path / "a_truncated.pdf").write_bytes(data[: len(data) // 2])
    (tmp_path / "b_locked.pdf").write_bytes(make_encrypted_pdf(data, "secret"))
    errors = read_all([tmp_path])
    assert [e.reason.split(" (")[0] for e in errors] == ["corrupt PDF", "encrypted PDF"]


def test_size_limit_names_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 3000, encoding="utf-8")
    error = only(read_all([path], max_bytes=10 * 1024))
    assert error.reason == "file is 14.6 KB, over the 10.0 KB limit"


def test_missing_path(tmp_path):
    error = only(read_all([tmp_path / "nope.txt"]))
    assert error.reason == "no such file or directory"


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)
    # tests may run as root, for whom chmod 000 changes nothing
    monkeypatch.setattr(Path, "open", refuse)
    assert only(read_all([path])).reason == "permission denied"


def test_unsupported_extension_named_explicitly(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    error = only(read_all([path]))
    assert error.reason.startswith("unsupported file type '.pptx' (supported: ")


def test_iteration_continues_after_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fine text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read_all([tmp_path / "missing.txt", tmp_path / "empty.txt", good])
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "RawDocument"]


def test_read_one_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_one(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_one(str(tmp_path))
    (tmp_path / "c.jsonl").write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="iter_inputs"):
        read_one(str(tmp_path / "c.jsonl"))
    (tmp_path / "ok.txt").write_text("Readable.", encoding="utf-8")
    assert read_one(str(tmp_path / "ok.txt")).original == "Readable."


# -- directories ------------------------------------------------------------------------------

def test_directory_is_walked_sorted_recursive_skipping_hidden_and_unsupported(tmp_path):
    (tmp_path / "b.txt").write_text("Bee.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Ay.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.htm").write_text("<p>See.</p>", encoding="utf-8")
    docs = read_all([tmp_path])
    assert [d.id for d in docs] == ["a.md", "b.txt", "c.htm"]
    assert [d.kind for d in docs] == ["text", "text", "html"]
    assert list(expand_inputs([str(tmp_path)])) == [
        str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(sub / "c.htm")]


# -- stdin ------------------------------------------------------------------------------------

class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data, kind", [
    (b"Plain words from a pipe.\n", "text"),
    (PAGE.encode(), "html"),
    (b"<!DOCTYPE html>\n<html><body><p>Piped page with a paragraph.</p></body></html>", "html"),
])
def test_stdin_is_sniffed(monkeypatch, data, kind):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    doc = only(read_all(["-"]))
    assert (doc.kind, doc.source, doc.original) == (kind, "-", data.decode())


def test_stdin_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    assert only(read_all(["-"])).reason == "empty file"


# -- URLs -------------------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(make_pdf):
    _Handler.routes = {
        "/article": ("text/html; charset=utf-8", PAGE.encode()),
        "/legacy": ("text/html; charset=windows-1251",
                    "<p>Министр провёл переговоры о сотрудничестве.</p>".encode("cp1251")),
        "/note": ("text/plain", b"A plain note about the talks."),
        "/report": ("application/pdf", make_pdf(["A memorandum was signed on Friday."])),
        "/unknown": ("application/octet-stream", b"Untyped but plain text."),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_by_content_type(server):
    names = ["article", "legacy", "note", "report", "unknown"]
    docs = read_all([f"{server}/{n}" for n in names])
    assert [d.kind for d in docs] == ["html", "html", "text", "pdf", "text"]
    for name, doc in zip(names, docs):
        assert doc.id == doc.url == doc.source == f"{server}/{name}"
    assert docs[0].original == PAGE and docs[0].meta["title"] == "Ferry talks"
    assert "Министр" in docs[1].original
    assert "memorandum" in docs[3].original


def test_url_http_error(server):
    error = only(read_all([f"{server}/missing"]))
    assert error.reason == "HTTP error 404 Not Found"


def test_unreachable_url():
    with socket.socket() as sock:          # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = only(read_all([f"http://127.0.0.1:{port}/page"]))
    assert error.reason.startswith("unreachable URL (")


# -- JSONL corpora ----------------------------------------------------------------------------

def test_jsonl_corpus(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "First document text.", "url": "https://example.org/a",
                    "date": "2020-05-01"}),
        "",
        json.dumps({"html": PAGE}),
        "{not json",
        json.dumps({"id": "x", "title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "b2", "text": "   "}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all([path])
    first, second, bad_json, no_text, not_object, blank_text = items
    assert (first.id, first.original) == ("a1", "First document text.")
    assert (first.url, first.date, first.kind, first.source) == (
        "https://example.org/a", "2020-05-01", "text", f"{path}#1")
    assert (second.id, second.kind) == ("corpus.jsonl#3", "html")
    assert second.meta["title"] == "Ferry talks"
    assert bad_json.source == f"{path}#4"
    assert bad_json.reason.startswith("line 4: not valid JSON")
    assert no_text.reason == "line 5: no 'text' or 'html' field with text"
    assert not_object.reason == "line 6: not a JSON object"
    assert blank_text.reason.startswith("line 7: no 'text'")


def test_empty_jsonl(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert only(read_all([path])).reason == "empty file"


def test_jsonl_in_a_directory(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "f", "text": "Feed item."}) + "\n",
                                         encoding="utf-8")
    assert [d.id for d in read_all([tmp_path])] == ["f"]


def test_default_size_limit_is_fifty_megabytes():
    assert readers.DEFAULT_MAX_BYTES == 50 * 1024 * 1024
