"""From a document as read to a document ready for extraction: main text (HTML), cleaning
with an offset map back to the original, language and date."""
from __future__ import annotations

from array import array

from diplograph.model import CleanText, Document, RawDocument
from diplograph.text.clean import clean_text
from diplograph.text.dates import detect_document_date
from diplograph.text.language import detect_language


def prepare(raw: RawDocument, *, date: str | None = None) -> Document:
    """`date` (the user's --date) overrides whatever the document says."""
    if raw.kind == "html":
        from diplograph.text.html import html_metadata, html_to_text
        base = html_to_text(raw.original)
        meta = {**html_metadata(raw.original), **raw.meta}
        inner = clean_text(base.text)
        # inner's offsets point into base.text; base's into the HTML (CleanText.compose, in C)
        cleaned = CleanText(inner.text, array("q", map(base.offsets.__getitem__, inner.offsets)),
                            base.original_length)
    else:
        # plain text is its own original: cleaning it already maps into it
        cleaned = clean_text(raw.original)
        meta = dict(raw.meta)
    language = detect_language(cleaned.text[:5000]) if cleaned.text.strip() else None
    given = date or raw.date
    doc_date, source = detect_document_date(cleaned.text, url=raw.url, meta=meta, given=given)
    return Document(raw=raw, clean=cleaned, date=doc_date, date_source=source, language=language)
