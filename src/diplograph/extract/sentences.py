"""Sentence and paragraph boundaries in cleaned text.

A regex splitter is enough here: cleaned text has paragraphs separated by blank lines and the
only traps are abbreviations ("U.S.", "Dr.", "Sept.") and initials, which are listed below.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Words after which a period does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "jr", "sr",
    "gen", "col", "lt", "gov", "sen", "rep", "amb", "hon", "rev", "pres", "min", "dept", "co", "corp",
    "inc", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "approx", "art", "para", "fig", "vol", "pp",
}

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*[ \t]*\n\s*|[.!?]+[\"'”’)\]]*\s+|[ \t]*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"'”’)\]]*\s+$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int   # index of the paragraph the sentence belongs to


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as spans without surrounding white space."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    spans: list[Sentence] = []
    start = 0
    for m in _boundaries(text):
        if "\n" not in m.group(0):
            if not _ends_sentence(text, start, m):
                continue
        elif not _line_break_ends_sentence(text, m):
            continue
        _append(spans, text, start, m.end(), breaks)
        start = m.end()
    _append(spans, text, start, len(text), breaks)
    return spans


_BOUNDARY_START = re.compile(r"[.!?\n]")


def _boundaries(text: str):
    """_BOUNDARY.finditer(text), trying the pattern only where a match can start.

    Every match opens with [.!?] or with the run of spaces and tabs before a line break, and
    ends after all the white space that follows, so trying _BOUNDARY at each punctuation mark
    and at the start of each such run, left to right, going on after each match, gives the
    same matches without the engine stepping through every character."""
    match = _BOUNDARY.match
    pos = 0
    for cand in _BOUNDARY_START.finditer(text):
        start = cand.start()
        if text[start] == "\n":
            while start > pos and text[start - 1] in " \t":
                start -= 1
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def _ends_sentence(text: str, start: int, m: re.Match) -> bool:
    before = text[max(start, m.start() - 12):m.end()]
    w = _WORD_BEFORE.search(before)
    if w:
        word = w.group(1).lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):   # initialisms such as "U.S" in "U.S. President"
            nxt = text[m.end():m.end() + 1]
            return not nxt[:1].isupper() if word in _ABBREVIATIONS else True
    nxt = text[m.end():m.end() + 2]
    # A sentence starts with a capital, a digit or an opening quote; "e.g. the" does not.
    return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"'“‘(«-–—")


def _line_break_ends_sentence(text: str, m: re.Match) -> bool:
    """A line break the cleaner kept ends a sentence unless the next line plainly continues it."""
    if "\n\n" in m.group(0) or m.group(0).strip(" \t\n") or m.start() == 0:
        return True
    nxt = text[m.end():m.end() + 1]
    prev = text[m.start() - 1]
    if _LIST_ITEM.match(text, m.end()):
        return True     # the cleaner keeps list items on lines of their own: each is a unit
    if nxt.islower() or nxt == "(" or prev in ",;(-–":
        return False
    # "joined the\nWorld Trade Organization": a line never ends a sentence on a function word
    last_word = re.search(r"(\w+)\W*$", text[max(0, m.start() - 20):m.start()])
    return not (last_word and last_word.group(1).lower() in _FUNCTION_WORDS)


_LIST_ITEM = re.compile(r"(?:[-–—•▪●◦*·‣]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from",
                   "as", "that", "which", "who", "its", "their", "his", "her", "our", "between", "into"}


def _append(spans: list[Sentence], text: str, start: int, end: int, breaks: list[int]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, bisect.bisect_right(breaks, start)))
