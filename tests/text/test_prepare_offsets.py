"""prepare() maps cleaned text straight back to the original (plain text needs no composition
with an identity map; HTML composes the two maps)."""
from __future__ import annotations

from diplograph.model import CleanText, RawDocument
from diplograph.text.clean import clean_text
from diplograph.text.prepare import prepare

TEXT = ("Lisbon, 4 June 2023\n\nThe foreign ministers of Portugal and Brazil met in Lisbon\n"
        "on Sunday.   They signed an agree-\nment on culture.\n\nShare\nFacebook\n")
HTML = ("<html><head><title>Talks</title></head><body><article><h1>Talks in Lisbon</h1>"
        "<p>The foreign ministers of Portugal and Brazil met in Lisbon on Sunday.</p>"
        "<p>They signed an agreement on culture.</p></article></body></html>")


def test_plain_text_offsets_are_those_of_clean_text():
    doc = prepare(RawDocument(id="t", source="t", original=TEXT))
    composed = CleanText.identity(TEXT).compose(clean_text(TEXT))
    assert doc.text == composed.text
    assert list(doc.clean.offsets) == list(composed.offsets)
    assert doc.clean.original_length == composed.original_length == len(TEXT)


def test_html_offsets_point_into_the_html():
    from diplograph.text.html import html_to_text
    doc = prepare(RawDocument(id="h", source="h", original=HTML, kind="html"))
    base = html_to_text(HTML)
    composed = base.compose(clean_text(base.text))
    assert doc.text == composed.text and list(doc.clean.offsets) == list(composed.offsets)
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert HTML[doc.clean.offsets[i]] == ch
