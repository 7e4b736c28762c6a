import html as html_lib
import re

from diplograph.text import html as html_module
from diplograph.text.clean import clean_text
from diplograph.text.html import html_has_text, html_metadata, html_to_text

ARTICLE = """<!DOCTYPE html><html><head><title>Ports deal signed | Lakeside Herald</title>
<meta property="article:published_time" content="2023-06-12T08:30:00+00:00">
<style>p { color: red; } .hidden-style-marker {}</style>
<script>window.secretScriptMarker = "<p>never shown</p>";</script></head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li></ul></nav>
<div class="page">
<article>
<h1>Ports deal signed</h1>
<p>The transport ministers of Ruritania and Freedonia signed a ports agreement in Strelsau
   on Monday, opening two new ferry lines across the lake &amp; a rail spur.</p>
<p>Under the deal, each side will invest in terminals and customs posts&nbsp;&#8212; and a
   joint committee will meet twice a year to review the caf&eacute; and ferry figures.</p>
<div class="newsletter-signup">Sign up for our daily newsletter and never miss a story</div>
<p>Officials said the first ferries could sail before the end of the season,<br>weather
   permitting, according to the &#x201C;port authority&#x201D;.</p>
</article>
<div class="related-posts"><h3>More stories</h3><ul><li><a href="/x">Storm closes mountain
pass</a></li><li><a href="/y">Football club wins cup</a></li></ul></div>
</div>
<footer><p>Copyright Lakeside Herald. All rights reserved.</p></footer>
</body></html>"""

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def source_matches(html: str, offset: int, ch: str) -> bool:
    """html[offset] is ch, or offset lies in an entity whose decoding has ch at that place."""
    if html[offset] == ch:
        return True
    start = html.rfind("&", 0, offset + 1)
    m = _ENTITY.match(html, start) if start >= 0 else None
    if m is None or not start <= offset < m.end():
        return False
    decoded = html_lib.unescape(m.group())
    return offset - start < len(decoded) and decoded[offset - start] == ch


def assert_sound(html: str, clean) -> None:
    offsets = list(clean.offsets)
    assert len(offsets) == len(clean.text)
    assert all(a < b for a, b in zip(offsets, offsets[1:])), "offsets must strictly increase"
    for i, ch in enumerate(clean.text):
        if ch.isspace():
            continue
        assert source_matches(html, offsets[i], ch), (i, ch, html[offsets[i]:offsets[i] + 10])


def test_offsets_map_back_to_the_source():
    clean = html_to_text(ARTICLE)
    assert "signed a ports agreement in Strelsau on Monday" in clean.text
    assert_sound(ARTICLE, clean)


def test_main_content_only():
    text = html_to_text(ARTICLE).text
    for chrome in ("World desk", "newsletter", "Storm closes", "Football club", "Copyright",
                   "Lakeside Herald"):
        assert chrome not in text
    assert text.startswith("Ports deal signed\n\n")
    assert text.rstrip().endswith("“port authority”.")


def test_script_and_style_never_in_output():
    for page in (ARTICLE, "<p>Visible text here.</p><script>var leaked = 1;</script>",
                 "<div>Shown<style>.x{color:red}</style> text</div><noscript>js off</noscript>"):
        text = html_to_text(page).text
        assert "secretScriptMarker" not in text and "leaked" not in text
        assert "color" not in text and "js off" not in text
    assert html_to_text(
        "<div>Shown<style>.x{color:red}</style> text</div>").text == "Shown text"


def test_entities_are_decoded_and_map_to_their_first_character():
    page = "<p>Trade &amp; energy: caf&eacute; &#233;t&#xE9; &mdash; fine&nbsp;print</p>"
    clean = html_to_text(page)
    assert clean.text == "Trade & energy: café été — fine print"
    amp = clean.text.index("&")
    assert page[clean.offsets[amp]:clean.offsets[amp] + 5] == "&amp;"
    dash = clean.text.index("—")
    assert page[clean.offsets[dash]:].startswith("&mdash;")
    assert_sound(page, clean)


def test_blocks_are_separated_and_separators_point_at_tags(monkeypatch):
    # every block, whatever the main-content extraction would choose
    monkeypatch.setattr(html_module, "_extracted_keys", lambda html: None)
    page = "<div><h2>Title line</h2><p>First paragraph.</p><ul><li>One</li><li>Two</li></ul></div>"
    clean = html_to_text(page)
    assert clean.text == "Title line\n\nFirst paragraph.\n\nOne\n\nTwo"
    for i, ch in enumerate(clean.text):
        if ch == "\n":
            assert page[clean.offsets[i]] in "<" + "abcdefghijklmnopqrstuvwxyz/0123456789"
    assert_sound(page, clean)


def test_line_break_and_whitespace_runs():
    page = "<p>first   line\n\t here<br/>second line</p>"
    clean = html_to_text(page)
    assert clean.text == "first line here\nsecond line"
    assert page[clean.offsets[clean.text.index("\n")]] == "<"


def test_table_cells_are_kept_and_separated():
    page = ("<table><tr><th>Partner</th><th>Since</th></tr>"
            "<tr><td>Freedonia</td><td>2019</td></tr></table>")
    assert html_to_text(page).text == "Partner Since\n\nFreedonia 2019"


def test_malformed_html_still_reads():
    page = ("<p>Unclosed <b>bold <i>italic</p></span></div>"
            "<div><nav>menu <a>link</div><p>After the broken nav.</p>"
            "<p>AT&T and x &amp y &unknown; ok</p><p <broken attr='>'>tail</p>")
    clean = html_to_text(page)
    assert "Unclosed bold italic" in clean.text
    assert "After the broken nav." in clean.text
    assert "menu" not in clean.text
    assert "AT&T and x & y &unknown; ok" in clean.text
    assert_sound(page, clean)


def test_hidden_elements_are_skipped():
    page = '<p>Shown.</p><div hidden>secret one</div><p style="display: none">secret two</p>'
    assert html_to_text(page).text == "Shown."


def test_page_without_text():
    for page in ("<html><head><title>t</title></head><body></body></html>",
                 "<script>only()</script>", "<<<>>>"[:0] + "<div><br></div>"):
        assert html_to_text(page).text == ""
        assert not html_has_text(page)
    assert html_has_text("<p>x</p>")


def test_falls_back_to_all_blocks_when_extraction_finds_nothing():
    clean = html_to_text("<div>Short note.</div><div>Another.</div>")
    assert clean.text == "Short note.\n\nAnother."


def test_metadata_title_and_date():
    meta = html_metadata(ARTICLE)
    assert meta["title"].startswith("Ports deal signed")
    assert meta["date"] == "2023-06-12"
    assert html_metadata("<html><head><title>Only &amp; title</title></head></html>")[
        "title"] == "Only & title"


def test_composes_with_cleaning_to_source_evidence():
    html_clean = html_to_text(ARTICLE)
    cleaned = clean_text(html_clean.text, "en")
    composed = html_clean.compose(cleaned)
    sentence = "joint committee will meet twice a year"
    start = composed.text.index(sentence)
    o_start, o_end = composed.to_original(start, start + len(sentence))
    assert ARTICLE[o_start:o_end] == sentence
