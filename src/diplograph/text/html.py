"""HTML to the article's text, with every character's offset into the HTML source.

The HTML is walked with the standard library's tolerant parser, which reports where each tag
and text run starts, so every output character can point at its source character:
- text maps character for character; an entity (&amp;, &#233;) maps its k-th decoded
  character to the k-th character of the entity's source, so the first points at the "&";
- runs of whitespace become one " " mapped to the run's first character; <br> becomes "\\n"
  mapped to its "<";
- blocks (p, div, li, h1, tr, ...) are separated by "\\n\\n" mapped to the first two characters
  of the tag that ended or started the block; table cells in a row are separated by " ";
- script, style, nav, footer, aside, form, noscript, head (and header outside an article) are
  skipped entirely.
Which blocks are the article is decided by trafilatura: a block is kept when its text appears
in trafilatura's extraction; if trafilatura finds nothing, every body block is kept.
"""
from __future__ import annotations

import html as html_lib
import logging
import re
from array import array
from html.parser import HTMLParser
from typing import Any

import ahocorasick
import numpy as np

from ..model import CleanText

# Elements whose content is never article text.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "head", "title", "nav", "footer", "aside",
    "form", "button", "select", "textarea", "svg", "math", "iframe", "object", "canvas",
    "dialog", "menu",
})
# Skipped elements that are page sections: they also end the block before them (a <script>
# or <style> inside a paragraph does not).
SKIPPED_SECTIONS = frozenset({"head", "nav", "footer", "aside", "form", "dialog", "menu", "header"})
# <header> is page chrome outside an article but holds the headline and date inside one.
CONDITIONALLY_SKIPPED = frozenset({"header"})
ARTICLE_CONTAINERS = frozenset({"article", "main"})
BLOCKS = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
CELLS = frozenset({"td", "th"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# Invisible characters that only split words: soft hyphen, zero-width space, word joiner, BOM.
INVISIBLE = frozenset("\xad\u200b\u2060\ufeff")

_WS = frozenset(" \t\n\r\f\v\xa0\u2009\u200a\u202f\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008")
_NON_KEY = re.compile(r"[\W_]+")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


# Stands for a <br> inside a block until whitespace is collapsed (a private-use character).
_BR = "\ue000"


class _Block:
    """Text pieces of one block; piece k's characters sit at starts[k], starts[k] + 1, ...
    in the source (raw text, an entity's decoding, or one character standing for a tag)."""

    __slots__ = ("pieces", "starts", "boundary")

    def __init__(self, boundary: int | None):
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.boundary = boundary          # position of the tag that started this block


def _hidden(attrs) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and "display:none" in value.replace(" ", "").lower():
            return True
    return False


class _Walker(HTMLParser):
    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[str] = []
        self.skip_depth = 0
        self.article_depth = 0
        self.blocks: list[_Block] = []
        self.current = _Block(None)

    # -- positions -------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- structure -------------------------------------------------------------------------
    def _skips(self, tag: str) -> bool:
        return tag in SKIPPED or (tag in CONDITIONALLY_SKIPPED and not self.article_depth)

    def _break(self, pos: int) -> None:
        if self.current.pieces:
            self.blocks.append(self.current)
            self.current = _Block(pos)
        elif self.current.boundary is None:
            self.current.boundary = pos

    def handle_starttag(self, tag: str, attrs) -> None:
        pos = self._pos()
        if tag in BLOCKS or tag in SKIPPED_SECTIONS:
            self._break(pos)
        elif tag in CELLS and self.current.pieces and not self.skip_depth:
            self._add(" ", pos)
        elif tag == "br" and not self.skip_depth:
            self._add(_BR, pos)
        if tag in VOID:
            return
        self.stack.append(tag)
        if self._skips(tag) or _hidden(attrs):
            self.skip_depth += 1
            self.stack[-1] = "\0" + tag   # marks an element that opened a skipped region
        elif tag in ARTICLE_CONTAINERS:
            self.article_depth += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        # Close up to the matching open element; a stray end tag closes nothing.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].lstrip("\0") == tag:
                for closed in self.stack[i:]:
                    if closed.startswith("\0"):
                        self.skip_depth -= 1
                    elif closed in ARTICLE_CONTAINERS:
                        self.article_depth -= 1
                del self.stack[i:]
                break
        if tag in BLOCKS or tag in SKIPPED_SECTIONS:
            self._break(pos)
        elif tag == "br" and not self.skip_depth:   # "</br>" is read as <br> by browsers
            self._add(_BR, pos)

    # -- text ------------------------------------------------------------------------------
    def _add(self, text: str, pos: int) -> None:
        self.current.pieces.append(text)
        self.current.starts.append(pos)

    def handle_data(self, data: str) -> None:
        if self.skip_depth or not data:
            return
        # The parser hands data through unchanged, so it sits at the current position.
        self._add(data.replace(_BR, " "), self._pos())

    def _entity(self, name_len: int) -> None:
        if self.skip_depth:
            return
        pos = self._pos()
        end = pos + name_len
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[pos:end]
        decoded = html_lib.unescape(raw)
        if not decoded:
            return
        if len(decoded) > len(raw):   # never happens for valid entities; keep offsets sound
            decoded = raw
        self._add(decoded.replace(_BR, " "), pos)

    def handle_entityref(self, name: str) -> None:
        self._entity(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._entity(2 + len(name))

    def close(self) -> None:
        super().close()
        if self.current.pieces:
            self.blocks.append(self.current)
            self.current = _Block(None)


_FOLDABLE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace()) + _BR + "".join(INVISIBLE)
_FOLD_CLASS = "[" + re.escape(_FOLDABLE) + "]"
# runs that need rewriting: not a single plain space
_FOLD = re.compile(f" {_FOLD_CLASS}+|[^\\S ]{_FOLD_CLASS}*|[{_BR}{''.join(INVISIBLE)}]{_FOLD_CLASS}*")


def _finish(block: _Block) -> tuple[str, np.ndarray | None]:
    """The block's text with whitespace runs collapsed to one space (a newline where a <br>
    stood), its ends trimmed and invisible characters dropped; and each character's offset."""
    text = "".join(block.pieces)
    left = len(text) - len(text.lstrip(_FOLDABLE))
    right = len(text.rstrip(_FOLDABLE))
    if left >= right:
        return "", None
    lengths = np.fromiter(map(len, block.pieces), dtype=np.int64, count=len(block.pieces))
    starts = np.asarray(block.starts, dtype=np.int64)
    source = np.arange(len(text), dtype=np.int64) + np.repeat(
        starts - (np.cumsum(lengths) - lengths), lengths)
    parts: list[str] = []
    picks: list[np.ndarray] = []
    pos = left
    for m in _FOLD.finditer(text, left, right):
        if m.start() > pos:
            parts.append(text[pos:m.start()])
            picks.append(np.arange(pos, m.start()))
        run = m.group()
        br = run.find(_BR)
        if br >= 0:
            parts.append("\n")
            picks.append(np.array([m.start() + br]))
        else:
            ws = next((k for k, ch in enumerate(run) if ch not in INVISIBLE), None)
            if ws is not None:
                parts.append(" ")
                picks.append(np.array([m.start() + ws]))
        pos = m.end()
    if right > pos:
        parts.append(text[pos:right])
        picks.append(np.arange(pos, right))
    if not parts:
        return "", None
    return "".join(parts), source[np.concatenate(picks)]


def _key(text: str) -> str:
    return _NON_KEY.sub("", text.casefold())


def _extracted_keys(html: str) -> list[str] | None:
    """Normalized lines of trafilatura's extraction, or None when it finds nothing."""
    try:
        import trafilatura
        # on very large pages the fallback extractors cost seconds: use the main one alone
        extracted = trafilatura.extract(html, favor_precision=False, include_tables=True,
                                        include_comments=False, output_format="txt",
                                        fast=len(html) > 1_000_000)
    except Exception:  # trafilatura raises on some broken pages; fall back to all blocks
        return None
    if not extracted or not extracted.strip():
        return None
    return [k for k in (_key(line) for line in extracted.splitlines()) if k]


def _main_blocks(keys: list[str], extracted: list[str]) -> list[bool]:
    """For each block key, whether the block is part of the extracted main text: its text is
    a line of the extraction, or (12+ characters) occurs inside it, or the block holds a
    whole extracted paragraph (25+ characters) plus chrome around it. Aho-Corasick keeps this
    linear on pages with thousands of blocks."""
    lines = set(extracted)
    main = [k in lines for k in keys]
    pending = {i: k for i, k in enumerate(keys) if not main[i]}
    if pending:
        inside = ahocorasick.Automaton()
        for i, k in pending.items():
            if len(k) >= 12:
                inside.add_word(k, k)
        if len(inside):
            inside.make_automaton()
            found = {k for line in extracted for _, k in inside.iter(line)}
            for i, k in pending.items():
                main[i] = k in found
        holders = ahocorasick.Automaton()
        for line in extracted:
            if len(line) >= 25:
                holders.add_word(line, True)
        if len(holders):
            holders.make_automaton()
            for i, k in pending.items():
                if not main[i] and next(holders.iter(k), None) is not None:
                    main[i] = True
    return main


def _blocks(html: str) -> list[tuple[int | None, str, np.ndarray]]:
    """(position of the opening tag, text, offsets) of every non-empty block."""
    walker = _Walker(html)
    try:
        walker.feed(html)
        walker.close()
    except (AssertionError, ValueError, IndexError):
        # the parser gives up on a few pathological inputs; keep what it read so far
        if walker.current.pieces:
            walker.blocks.append(walker.current)
    blocks = []
    for block in walker.blocks:
        text, offs = _finish(block)
        if text:
            blocks.append((block.boundary, text, offs))
    return blocks


def html_has_text(html: str) -> bool:
    """Whether the page has any visible text outside scripts, navigation and the like
    (cheap: no main-content extraction)."""
    return bool(_blocks(html))


def html_to_text(html: str) -> CleanText:
    """The main text of an HTML page, blocks separated by "\\n\\n", with offsets into `html`.

    Empty when the page holds no text at all (the reader reports that as an error)."""
    blocks = _blocks(html)
    if not blocks:
        return CleanText("", array("q"), len(html))
    extracted = _extracted_keys(html)
    if extracted is not None:
        flags = _main_blocks([_key(b[1]) for b in blocks], extracted)
        kept = [b for b, is_main in zip(blocks, flags) if is_main]
        if kept:
            blocks = kept
    out: list[str] = []
    offsets = array("q")
    last = -1
    for boundary, text, offs in blocks:
        if out:
            # "\n\n" maps to the tag that opened this block; it lies after the previous text
            pos = boundary if boundary is not None and boundary > last else None
            if pos is not None and pos + 1 < offs[0]:
                out.append("\n\n")
                offsets.extend((pos, pos + 1))
            else:
                out.append("\n")
                offsets.append(last + 1)
        out.append(text)
        offsets.frombytes(offs.astype(np.int64).tobytes())
        last = int(offs[-1])
    return CleanText("".join(out), offsets, len(html))


def html_metadata(html: str) -> dict[str, Any]:
    """Title and publication date of a page (trafilatura's metadata, dates via htmldate):
    {"title": str|None, "date": "YYYY-MM-DD"|None, "sitename": ..., "author": ...}."""
    meta: dict[str, Any] = {"title": None, "date": None, "sitename": None, "author": None}
    try:
        import trafilatura
        found = trafilatura.extract_metadata(
            html, date_config={"original_date": True, "extensive_search": False})
    except Exception:  # broken markup: no metadata rather than no document
        found = None
    if found is not None:
        for key in meta:
            value = getattr(found, key, None)
            meta[key] = value.strip() if isinstance(value, str) and value.strip() else None
    if meta["title"] is None:
        match = re.search(r"<title[^>]*>(.*?)</title\s*>", html, re.I | re.S)
        if match:
            title = " ".join(html_lib.unescape(match.group(1)).split())
            meta["title"] = title or None
    return meta
