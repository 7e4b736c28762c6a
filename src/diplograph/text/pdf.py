"""The text layer of a PDF, read with pypdf.

The returned string is the document's `original`: pages in order, joined by a blank line.
Hard wraps, hyphenation and broken headings stay as pypdf gives them; text/clean.py repairs
them with an offset map back to this string.
"""
from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from .encoding import InputError

PAGE_SEPARATOR = "\n\n"

# pypdf logs every recoverable oddity of a damaged file; the reader reports its own reason.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _open(data: bytes) -> PdfReader:
    if not data:
        raise InputError("empty file")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("corrupt PDF: no %PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise InputError(f"encrypted PDF that cannot be opened here ({exc})") from None
            if not opened:
                raise InputError("encrypted PDF (needs a password)")
        len(reader.pages)  # forces the page tree to load: a broken one fails here
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError("encrypted PDF (needs a password)") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError, AssertionError, OSError) as exc:
        raise InputError(f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    return reader


def pdf_to_text(data: bytes) -> str:
    """The text layer of the PDF in `data`, pages joined by "\\n\\n".

    Raises InputError: "corrupt PDF ...", "encrypted PDF (needs a password)" (a PDF that
    opens with the empty password is read), "no text layer (scanned PDF?)".
    """
    return read_pdf(data)[0]


def read_pdf(data: bytes) -> tuple[str, dict[str, Any]]:
    """The text layer (as pdf_to_text) and the document information: "title" and
    "pdf_date" (ISO date of creation) where present."""
    reader = _open(data)
    try:
        page_list = list(reader.pages)
    except Exception as exc:  # a broken page tree: pypdf raises many kinds
        raise InputError(f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    pages: list[str] = []
    failures = 0
    for page in page_list:
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # one damaged page should not lose the others
            failures += 1
            pages.append("")
    if failures and failures == len(page_list):
        raise InputError("corrupt PDF: no page could be read")
    if not any(p.strip() for p in pages):
        raise InputError("no text layer (scanned PDF?)")
    return PAGE_SEPARATOR.join(pages), _metadata(reader)


def _metadata(reader: PdfReader) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    try:
        info = reader.metadata
        if not info:
            return meta
        if info.title and str(info.title).strip():
            meta["title"] = str(info.title).strip()
        created = info.creation_date
        if created is not None:
            meta["pdf_date"] = created.date().isoformat()
    except Exception:  # malformed information dictionaries and date strings raise
        pass
    return meta
