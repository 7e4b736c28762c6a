"""Cleaning plain text: repair PDF hard wraps and hyphenation, drop page chrome, keep offsets.

clean_text() only ever deletes characters or replaces whitespace (a joined line break becomes
" " mapped to the "\\n"; a paragraph break becomes "\\n\\n" mapped to the break characters).
Every other cleaned character is the original character, so original[offsets[i]] == text[i]
for every non-whitespace character, and offsets strictly increase.

The rules, in the order they run:
 1. Lines are split on any line break; their leading and trailing spaces are dropped.
 2. The document is "hard-wrapped" (PDF text, wrapped e-mail) when many lines end mid-sentence
    and run straight into the next line; otherwise every line is a paragraph (web text).
 3. Dropped anywhere: share/social lines (Whatsapp, Facebook, Share, Print, "Follow us"),
    photo credits ("Photo: ...", "© Reuters"), font-size widgets ("+ ↺ − 16 px", "A A A"),
    lone interface words ("Advertisement"), "Read more: <headline>" lines, and in wrapped
    text page numbers and running headers (a capitalized line repeated 3+ times, standing
    alone between pages); those two may sit inside a sentence, which then goes on.
 4. Dropped at the top, before the first line of prose: site names that look like a domain
    ("Example.com"), a short line right before a title that is repeated, repeated title
    lines (the first copy stays), section labels ("Analytics", "Politics", "News"; in web text
    any one-word line after the title). Lines that look like dates are always kept, as a
    paragraph of their own: the date detector reads the cleaned text.
 5. "Read more"/"Related" headers drop the headline list under them; a share block or such a
    header in the last third of the text drops everything after it, unless a paragraph of
    running text (40+ words) follows it.
 6. Line breaks are repaired: inside a paragraph lines are joined with one space; a blank line
    falls mid-sentence (and is joined) when the line before lacks final punctuation and the
    next starts in lower case, or the line before ends with a comma, article, preposition or
    conjunction, or (wrapped text) the line before runs to full width; a title broken over
    several short lines at the top becomes one line; list items stay on their own lines.
 7. Words hyphenated across a line break are rejoined ("trans-\\nportation" ->
    "transportation") unless the hyphen is real: the next part is capitalized or a number
    ("Ag-\\nQoyunlu", "North-\\nSouth", "2019-\\n2022"); else the document decides (the
    hyphenated form occurs elsewhere, or the joined one does); else a prefix that keeps its
    hyphen ("non-", "self-", "anti-"); else they are joined.
 8. Paragraphs in another language than the document's are dropped (language.py, cautious).
 9. A tail of short title-like lines without final punctuation after the last sentence (a
    list of related headlines) is dropped, unless the text has no sentence at all.
10. Inside a line, runs of whitespace become one space; soft hyphens and zero-width spaces go.
"""
from __future__ import annotations

import re
from array import array
from collections import Counter

import numpy as np

from ..model import CleanText
from .language import detect_language, is_other_language

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SEGMENT = re.compile(f"[^{_BREAKS}]+")
_BREAK = re.compile(f"\r\n|[{_BREAKS}]")
_INVISIBLE = "\xad\u200b\u2060\ufeff"
# whitespace that needs rewriting: two or more characters, any non-space whitespace, invisibles
_FOLD = re.compile(f" [\\s{_INVISIBLE}]+|[^\\S ][\\s{_INVISIBLE}]*|[{_INVISIBLE}][\\s{_INVISIBLE}]*")

_CLOSERS = "\"'”’»)]›"
_LIST_ITEM = re.compile(r"(?:[-–—•▪●◦*·‣]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_HYPHENATED_WORD = re.compile(r"\w+(?:-\w+)*")
_TRAILING_LETTERS = re.compile(r"[^\W_]+$")
_LEADING_LETTERS = re.compile(r"[^\W_]+")

# A blank line after these words (or a comma) is inside a sentence.
CONTINUATION_WORDS = frozenset("""
a an the of to in on at by for with from into onto upon and or nor but as than that which
whose whom who its their his her our your my this these those between among within without
about over under after before during including such both either via per against towards
toward through across along around beyond despite amid""".split())

# Prefixes that keep their hyphen at a line break when the document does not decide.
KEEP_HYPHEN_PREFIXES = frozenset({"non", "self", "anti", "cross", "well", "semi", "pseudo",
                                  "quasi", "neo", "pan", "vice", "ex"})
# "ex-" keeps its hyphen only before these (ex-president; "ex-\nport" is "export").
EX_PARTNERS = frozenset({"president", "minister", "prime", "foreign", "ambassador", "chairman",
                         "head", "member", "soviet", "officer", "chief", "leader", "deputy",
                         "secretary", "communist", "colonial", "husband", "wife", "governor"})

SOCIAL_WORDS = frozenset("""whatsapp facebook twitter telegram share shares print linkedin vk
vkontakte instagram youtube tweet pinterest reddit viber tiktok threads bluesky messenger
odnoklassniki skype email e mail copy link follow us on in this article the to subscribe rss
x ok and or page via news our channel""".split())
SOCIAL_STRONG = frozenset("""whatsapp facebook twitter telegram share print linkedin vk
vkontakte instagram youtube tweet pinterest reddit viber tiktok odnoklassniki subscribe""".split())

CHROME_LINES = frozenset("""advertisement|advertising|sponsored|sponsored content|ad|
scroll to continue|scroll to continue with content|continue reading|click here|subscribe|
sign up|log in|login|comments|leave a comment|loading|back to top|top|menu|search|
print version|print this page|font size|text size|listen|listen to this article|
copy link|link copied""".replace("\n", "").split("|"))

SECTION_LABELS = frozenset("""analytics|analysis|politics|policy|news|world|world news|economy|
business|society|opinion|opinions|interview|interviews|region|regions|official|official news|
culture|sport|sports|science|technology|tech|health|latest news|top news|breaking news|
exclusive|editorial|editorials|feature|features|columns|column|blogs|commentary|diplomacy|
multimedia|video|videos|gallery|photo|photos|press release|press releases|statements|
events|articles|article|publications|main news|home|local|national|international|defense|
defence|security|energy|finance|markets|asia|europe|africa|americas|middle east|caucasus|
central asia""".replace("\n", "").split("|"))

READ_MORE_HEADERS = frozenset("""read more|read also|also read|see also|related|related news|
related articles|related stories|related posts|related content|related topics|more on this topic|
more on the topic|on the same topic|you may also like|you might also like|you may be interested|
recommended|recommended for you|most read|most popular|popular|popular news|latest|
latest news|more news|other news|more stories|news feed|trending|tags|more from this author|
other articles|similar articles|similar news|читайте также|по теме|смотрите также""".replace(
    "\n", "").split("|"))
_READ_MORE_INLINE = re.compile(
    r"(?:read (?:more|also)|also read|see also|related|more)\s*[:»>|—–-]+\s*\S", re.I)

_PHOTO_CREDIT = re.compile(
    r"[(\[]?\s*(?:photos?|photograph|images?|picture|pic|foto|фото|credits?)"
    r"(?:\s+(?:credits?|by|source))?(?:\s*[:/|©]|\s+[—–-]\s)", re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)\s|copyright\b)", re.I)
_WIDGET_TOKEN = re.compile(r"(?:[+\-−–—↺↻⟲⟳×✕|/·•]|[AaАа][+\-−]?|\d{1,3}(?:px|pt|%)?|px|pt|%)")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?", re.I)
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/?", re.I)

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
           r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йя]|июн\w*|июл\w*|август\w*|сентябр\w*|"
           r"октябр\w*|ноябр\w*|декабр\w*|yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|"
           r"sentyabr|oktyabr|noyabr|dekabr|ocak|şubat|nisan|mayıs|haziran|temmuz|ağustos|"
           r"eylül|ekim|kasım|aralık")
_DATE_LIKE = re.compile(
    rf"\b(?:\d{{1,2}}\.?\s*(?:{_MONTHS})\b|(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{4}}-\d{{1,2}}-\d{{1,2}}|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?:19|20)\d\d\b)")   # matched on casefolded text
_DIGIT = re.compile(r"\d")

# Join decisions between two consecutive kept lines.
SPACE, HYPHEN_DROP, HYPHEN_KEEP, LINE, PARA = range(5)


class _Line:
    __slots__ = ("s", "e", "text", "indent", "index", "gap", "drop", "chrome", "alone")

    def __init__(self, s: int, e: int, text: str, indent: bool, index: int):
        self.s, self.e, self.text, self.indent, self.index = s, e, text, indent, index
        self.gap = 0          # line breaks between this line and the next non-blank one
        self.drop = False     # removed from the output
        self.chrome = False   # removed as page chrome: the text on both sides is not continuous
        self.alone = False    # a paragraph of its own (a date line at the top)


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their stripped spans and the line breaks after each."""
    lines: list[_Line] = []
    breaks = 0
    prev_end = 0
    for m in _SEGMENT.finditer(text):
        run = text[prev_end:m.start()]           # nothing but line breaks
        breaks += len(run) if "\r" not in run else len(_BREAK.findall(run))
        prev_end = m.end()
        seg = m.group()
        body = seg.strip()
        if not body or not body.strip(_INVISIBLE):
            continue
        if lines:
            lines[-1].gap = breaks
        breaks = 0
        lead = len(seg) - len(seg.lstrip())
        s = m.start() + lead
        lines.append(_Line(s, s + len(body), body, lead > 0, len(lines)))
    return lines


def _blank_between(a: _Line, b: _Line) -> bool:
    """Whether a blank line (or a removed line) separates two kept lines."""
    return a.gap >= 2 or b.index - a.index > 1


def _normalized(line: str) -> str:
    return " ".join(line.casefold().split())


def _ends_sentence(line: str) -> bool:
    """Ends with . ! ? or …, possibly followed by closing quotes or brackets."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…"


def _ends_terminal(line: str) -> bool:
    """Ends a sentence or a clause that introduces what follows (: ;)."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".!?…:;"


def _is_date_like(line: str) -> bool:
    """A short line with a date or a year in it ("13 December 2025, 14:12", "2019")."""
    return (len(line) <= 60 and _DIGIT.search(line) is not None
            and _DATE_LIKE.search(line.casefold()) is not None)


_LETTERS = re.compile(r"[^\W\d_]+")


def _is_social(line: str) -> bool:
    """A line made only of share/social words ("Share", "Whatsapp", "Follow us on Telegram")."""
    if len(line) > 80:
        return False
    first = _LETTERS.match(line.casefold())
    if first is None or first.group() not in SOCIAL_WORDS:
        return False      # cheap rejection of ordinary lines
    tokens = _LETTERS.findall(line.casefold())
    return (0 < len(tokens) <= 8 and all(t in SOCIAL_WORDS for t in tokens)
            and any(t in SOCIAL_STRONG for t in tokens))


def _is_widget(line: str) -> bool:
    """A font-size or similar widget: "+ ↺ − 16 px", "A A A", "A- A A+"."""
    tokens = line.split()
    return (len(tokens) >= 2 and len(line) <= 40
            and all(_WIDGET_TOKEN.fullmatch(t) for t in tokens)
            and not all(t.isdigit() for t in tokens))


def _is_photo_credit(line: str) -> bool:
    """"Photo: AFP", "Photo credit: ...", "(Image: ...)", "© Reuters", "Copyright 2024 ..."."""
    if len(line) > 160 or len(line.split()) > 15:
        return False
    return _PHOTO_CREDIT.match(line) is not None or _COPYRIGHT.match(line) is not None


def _is_chrome_word(line: str) -> bool:
    """Lone interface words: "Advertisement", "Continue reading", "Back to top"."""
    return len(line) <= 40 and _normalized(line).strip(" .:…»>|-") in CHROME_LINES


_READ_MORE_PREFIX = re.compile(r"(?:more (?:from|on|in|about)|related|read (?:more|also)|see also|also read|"
                               r"latest (?:from|in)|other (?:news|stories|articles) (?:from|in|on))\b", re.I)


def _is_read_more_header(line: str) -> bool:
    """'Related', 'Read more', and named ones such as 'More from <section>' (a short line)."""
    if len(line) <= 40 and _normalized(line).strip(" .:…»>|-") in READ_MORE_HEADERS:
        return True
    return len(line) <= 60 and len(line.split()) <= 7 and not _ends_terminal(line) and \
        _READ_MORE_PREFIX.match(line.strip(" »>|-")) is not None


def _is_read_more_inline(line: str) -> bool:
    return len(line) <= 200 and _READ_MORE_INLINE.match(line) is not None


def _is_title_like(line: str) -> bool:
    """A short line without final punctuation: a headline, a label, a name."""
    if len(line) > 120 or len(line.split()) > 15:
        return False
    if line[-1] in ".,:;" or line[-1] in _CLOSERS:
        return False
    return not _is_date_like(line)


def _is_prose(line: _Line, nxt: _Line | None, wrapped: bool, width: float) -> bool:
    """A line that is clearly running text (ends the top region of a page): long, or a
    sentence, or in wrapped text a full-width line that runs on into the next."""
    n = len(line.text.split())
    if n >= 15:
        return True
    if n >= 6 and _ends_sentence(line.text):
        return True
    return (wrapped and n >= 6 and len(line.text) >= 0.7 * width and nxt is not None
            and line.gap == 1 and (nxt.text[:1].islower() or _ends_continuation(line.text)))


def _ends_continuation(line: str) -> bool:
    """Ends with a comma, or with an article, preposition or conjunction."""
    if line.endswith(","):
        return True
    tail = line[-16:].rsplit(None, 1)[-1]
    return tail.isalpha() and tail.casefold() in CONTINUATION_WORDS


def _width(lines: list[_Line]) -> float:
    lengths = sorted(len(l.text) for l in lines)
    if not lengths:
        return 0.0
    return float(lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))])


def _is_wrapped(lines: list[_Line]) -> bool:
    """Many lines stop mid-sentence and run on directly in the next line."""
    if len(lines) < 4:
        return False
    runs_on = 0
    for a in lines[:-1]:
        if a.gap == 1 and len(a.text) <= 160 and not _ends_terminal(a.text):
            runs_on += 1
    return runs_on >= max(2, 0.2 * len(lines))


# -- line-level chrome ------------------------------------------------------------------------

def _drop(line: _Line) -> None:
    line.drop = True
    line.chrome = True


def _mark_chrome(text: str, lines: list[_Line], wrapped: bool, width: float) -> None:
    last_third = len(text) * 2 / 3
    cut: int | None = None
    for i, line in enumerate(lines):
        t = line.text
        if _is_social(t):
            _drop(line)
            if line.s >= last_third:
                cut = i
                break
        elif _is_read_more_header(t):
            _drop(line)
            if line.s >= last_third:
                cut = i
                break
            # the headline list under the header: title-like lines until running text
            for nxt in lines[i + 1:i + 13]:
                if not _is_title_like(nxt.text):
                    break
                _drop(nxt)
        elif (_is_widget(t) or _is_photo_credit(t) or _is_chrome_word(t)
              or _is_read_more_inline(t)):
            _drop(line)
    if cut is not None and not any(
            len(l.text) > 200 and _ends_sentence(l.text) and len(l.text.split()) >= 40
            for l in lines[cut + 1:]):
        # (unless a paragraph of running text follows: then the block sat inside the article)
        for line in lines[cut:]:
            _drop(line)
    if wrapped:
        _mark_page_furniture(lines)
    _mark_top(lines, wrapped, width)


def _mark_page_furniture(lines: list[_Line]) -> None:
    """Page numbers and running headers/footers of paginated text: lines that stand alone
    (a blank line or the text's edge on one side, nothing running on into the next line)."""

    def standalone(i: int) -> bool:
        before = i == 0 or lines[i - 1].gap >= 2
        after = i == len(lines) - 1 or lines[i].gap >= 2
        if i + 1 < len(lines) and lines[i + 1].text[:1].islower():
            # the next line continues this one, unless this one interrupts a sentence
            # that went on from the line before (a header in the middle of a sentence)
            if not after or i == 0 or _ends_terminal(lines[i - 1].text):
                return False
        return before or after

    counts = Counter(l.text for i, l in enumerate(lines)
                     if len(l.text) <= 80 and " " in l.text and standalone(i))
    for i, line in enumerate(lines):
        if line.drop:
            continue
        if _PAGE_NUMBER.fullmatch(line.text):
            if standalone(i):
                line.drop = True      # not chrome: the sentence around it may go on
        elif (counts.get(line.text, 0) >= 3 and standalone(i) and not line.text[0].islower()
              and not _ends_sentence(line.text) and not _ends_continuation(line.text)):
            line.drop = True


def _mark_top(lines: list[_Line], wrapped: bool, width: float) -> None:
    """Site names, repeated titles and section labels above the first line of prose."""
    top: list[_Line] = []
    for i, line in enumerate(lines[:15]):
        if _is_prose(line, lines[i + 1] if i + 1 < len(lines) else None, wrapped, width):
            break
        top.append(line)
    kept = [l for l in top if not l.drop]
    if not kept:
        return
    seen: dict[str, _Line] = {}
    repeated: set[str] = set()
    for k, line in enumerate(kept):
        following = kept[k + 1].text if k + 1 < len(kept) else (
            lines[line.index + 1].text if line.index + 1 < len(lines) else "")
        if (not _is_title_like(line.text) or _ends_continuation(line.text)
                or following[:1].islower()):
            continue                       # a fragment of a sentence, not a title
        key = _normalized(line.text)
        if key in seen:
            repeated.add(key)
            _drop(line)
        else:
            seen[key] = line
    kept = [l for l in kept if not l.drop]
    for pos, line in enumerate(kept):
        t = line.text
        if _is_date_like(t):
            # a dateline of its own ("13 December 2025, 14:12"), not a wrapped fragment
            line.alone = (len(t.split()) <= 6 and not t[0].islower() and t[-1] not in "-,"
                          and not _ends_continuation(t))
            continue
        words = t.split()
        if _DOMAIN.fullmatch(t):
            _drop(line)                    # "Example.com" alone: the site's name
        elif (pos == 0 and len(words) <= 3 and len(kept) > 1
              and _normalized(kept[1].text) in repeated and not _ends_terminal(t)):
            _drop(line)                    # the site's name above a repeated title
        elif (len(words) <= 3 and len(t) <= 30 and t[0].isupper() and t[-1] not in ".,;!?"
              and not any(c.isdigit() for c in t)):
            label = _normalized(t).strip(" :|»>-")
            if label in SECTION_LABELS and len(kept) > 1:
                _drop(line)
            elif not wrapped and pos > 0 and len(words) == 1:
                _drop(line)                # a one-word label under the title


# -- joining lines ----------------------------------------------------------------------------

class _Hyphens:
    """Decides whether a hyphen at a line break is real, using the document's own words."""

    def __init__(self, text: str):
        self.text = text
        self._counts: Counter | None = None

    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(_HYPHENATED_WORD.findall(self.text.casefold()))
        return self._counts

    def decide(self, before: str, after: str) -> int:
        last_word = before[:-1].rsplit(None, 1)[-1] if len(before) > 1 else ""
        head_m = _TRAILING_LETTERS.search(last_word)
        tail_m = _LEADING_LETTERS.match(after)
        if head_m is None or tail_m is None:
            return SPACE
        head, tail = head_m.group(), tail_m.group()
        if tail[0].isupper() or tail[0].isdigit() or head[-1].isdigit():
            return HYPHEN_KEEP             # Ag-Qoyunlu, North-South, 2019-2022
        counts = self.counts()
        joined = counts.get((head + tail).casefold(), 0)
        hyphened = counts.get(f"{head}-{tail}".casefold(), 0)
        if joined or hyphened:
            return HYPHEN_KEEP if hyphened > joined else HYPHEN_DROP
        prefix = head.casefold()
        if prefix in KEEP_HYPHEN_PREFIXES and (prefix != "ex" or tail.casefold() in EX_PARTNERS):
            return HYPHEN_KEEP
        return HYPHEN_DROP


def _top_heading(kept: list[_Line], width: float, wrapped: bool) -> int:
    """Number of leading lines that form one title broken over short lines (0 or >= 2).

    Title lines are short (under 60% of the text width), hold no sentence break, end without
    punctuation, hyphen or comma, and are followed by a full-width line of running text."""
    n = 0
    words = 0
    for i, line in enumerate(kept[:8]):
        t = line.text
        if (len(t) >= 0.6 * width or _ends_sentence(t) or _is_date_like(t)
                or _LIST_ITEM.match(t) or t[-1] in ":,-" or ". " in t):
            break
        if i and not wrapped:
            # web text: only lines that visibly continue the previous one
            if _blank_between(kept[i - 1], line) or not (
                    t[0].islower() or _ends_continuation(kept[i - 1].text)):
                break
        words += len(t.split())
        n += 1
    if n < 2 or n >= len(kept) or words > 25:
        return 0
    return n if len(kept[n].text) >= 0.6 * width else 0


def _decide(a: _Line, b: _Line, wrapped: bool, width: float,
            a_starts_para: bool, hyphens: _Hyphens) -> int:
    pt, nt = a.text, b.text
    if a.alone or b.alone:
        return PARA
    blank = _blank_between(a, b)
    if pt.endswith("\xad"):
        return HYPHEN_DROP
    if (pt.endswith("-") and len(pt) >= 2 and pt[-2].isalnum() and nt[0].isalnum()
            and (not blank or nt[0].islower())):
        return hyphens.decide(pt, nt)
    ends_terminal = _ends_terminal(pt)
    if _LIST_ITEM.match(nt) and (ends_terminal or blank or _LIST_ITEM.match(pt) or pt.rstrip()[-1:] in ":;,"):
        # each item of a list (after its introducing colon, or after another item) is a line
        return PARA if blank else LINE
    if blank:
        if ends_terminal:
            return PARA
        if nt[0].islower() or _ends_continuation(pt):
            return SPACE
        if wrapped and len(pt) >= 0.75 * width and (nt[0].isalnum() or nt[0] in "\"“‘«("):
            return SPACE
        return PARA
    if wrapped:
        if ends_terminal and (b.indent or len(pt) < 0.7 * width):
            return PARA
        if (not ends_terminal and a_starts_para and len(pt) < 0.5 * width
                and nt[0].isupper() and not _ends_continuation(pt)):
            return PARA                    # a heading line of its own
        return SPACE
    if not ends_terminal and (nt[0].islower() or _ends_continuation(pt)
                              or (nt[0] == "(" and len(pt) >= 40)):
        return SPACE
    return PARA


# -- paragraph-level filters ------------------------------------------------------------------

def _paragraph_text(para: list[_Line]) -> str:
    return " ".join(l.text for l in para)


_Para = tuple  # (lines, joins): joins[k] is the decision between lines[k] and lines[k + 1]


def _filter_paragraphs(paras: list[_Para], language: str | None) -> list[_Para]:
    """Drops paragraphs in another language, then the tail of related headlines."""
    if language:
        paras = [p for p in paras
                 if not is_other_language(_paragraph_text(p[0][:4])[:300], language)]
    # The tail: short title-like pieces after the last sentence. A piece is a paragraph, or
    # the lines of one after a line that ends a sentence (web lines joined by mistake).
    cut: tuple[int, int] | None = None       # (paragraph, first line dropped)
    for p_index in range(len(paras) - 1, -1, -1):
        lines = paras[p_index][0]
        start = len(lines)
        while start > 0:
            piece_start = start - 1
            while piece_start > 0 and not _ends_sentence(lines[piece_start - 1].text):
                piece_start -= 1
            piece = lines[piece_start:start]
            if len(piece) > 2 or not _is_title_like(_paragraph_text(piece)):
                break
            start = piece_start
        if start < len(lines):
            cut = (p_index, start)
        if start > 0:
            break
    if cut is None:
        return paras
    p_index, start = cut
    kept = paras[:p_index]
    if start:
        lines, joins = paras[p_index]
        kept.append((lines[:start], joins[:start - 1]))
    if not any(_ends_sentence(_paragraph_text(p[0])) or len(_paragraph_text(p[0]).split()) >= 15
               for p in kept):
        return paras                        # nothing but short lines: keep them all
    return kept


# -- output -----------------------------------------------------------------------------------

class _Writer:
    """Builds the cleaned text from source slices; the offset map is computed at the end in
    one vectorized pass (a slice starting at source position p maps to p, p+1, ...)."""

    def __init__(self, text: str):
        self.src = text
        self.parts: list[str] = []
        self.starts: list[int] = []      # source position of each part's first character

    def _slice(self, s: int, e: int) -> None:
        self.parts.append(self.src[s:e])
        self.starts.append(s)

    def _char(self, ch: str, pos: int) -> None:
        self.parts.append(ch)
        self.starts.append(pos)

    def line(self, s: int, e: int) -> None:
        pos = s
        for m in _FOLD.finditer(self.src, s, e):
            if m.start() > pos:
                self._slice(pos, m.start())
            run = m.group()
            ws = next((k for k, ch in enumerate(run) if ch not in _INVISIBLE), None)
            if ws is not None and m.start() > s and m.end() < e:
                self._char(" ", m.start() + ws)
            pos = m.end()
        if e > pos:
            self._slice(pos, e)

    def separator(self, a_end: int, b_start: int, sep: str) -> None:
        """" ", "\\n" or "\\n\\n" mapped to the break characters between two lines (the
        first line break, then the next one or the character after it); "\\n\\n" shrinks to
        "\\n" where the gap holds a single character."""
        first = _BREAK.search(self.src, a_end, b_start)
        p1 = first.start() if first else a_end
        if len(sep) == 1:
            self._char(sep, p1)
            return
        second = _BREAK.search(self.src, first.end(), b_start) if first else None
        if second is not None and self.src[p1:second.start()].strip():
            # removed lines lie between: take the break next to the following line instead, so
            # a span on either side of the separator maps onto kept text only
            last = max(m.start() for m in _BREAK.finditer(self.src, first.end(), b_start))
            pair = (p1, last)
        elif second is not None:
            pair = (p1, second.start())
        elif p1 + 1 < b_start:
            pair = (p1, p1 + 1)
        elif a_end < p1:
            pair = (a_end, p1)
        else:
            self._char("\n", p1)
            return
        self._char("\n", pair[0])
        self._char("\n", pair[1])

    def result(self) -> CleanText:
        text = "".join(self.parts)
        lengths = np.fromiter(map(len, self.parts), dtype=np.int64, count=len(self.parts))
        starts = np.asarray(self.starts, dtype=np.int64)
        out_starts = np.cumsum(lengths) - lengths
        offsets = np.arange(len(text), dtype=np.int64) + np.repeat(starts - out_starts, lengths)
        packed = array("q")
        packed.frombytes(offsets.tobytes())
        return CleanText(text, packed, len(self.src))


def clean_text(text: str, language: str | None = None) -> CleanText:
    """Clean `text` (see the module's rules) with an offset map back into it.

    `language` is the document's ISO 639-1 language if known; otherwise it is detected."""
    lines = _lines(text)
    if not lines:
        return CleanText("", array("q"), len(text))
    width = _width(lines)
    wrapped = _is_wrapped(lines)
    _mark_chrome(text, lines, wrapped, width)
    kept = [l for l in lines if not l.drop]
    if not kept:
        return CleanText("", array("q"), len(text))

    # decisions between consecutive kept lines
    hyphens = _Hyphens(text)
    heading = _top_heading(kept, width, wrapped)
    decisions: list[int] = []
    starts_para = True
    for k in range(len(kept) - 1):
        a, b = kept[k], kept[k + 1]
        if k + 1 < heading:
            decision = SPACE
        elif k + 1 == heading:
            decision = PARA
        elif b.index - a.index > 1 and any(l.chrome for l in lines[a.index + 1:b.index]):
            decision = PARA
        else:
            decision = _decide(a, b, wrapped, width, starts_para, hyphens)
        decisions.append(decision)
        starts_para = decision in (PARA, LINE)

    # paragraphs: runs of lines joined by SPACE or hyphen decisions; LINE stays inside one
    paras: list[list[_Line]] = [[kept[0]]]
    joins: list[list[int]] = [[]]
    for line, decision in zip(kept[1:], decisions):
        if decision == PARA:
            paras.append([line])
            joins.append([])
        else:
            paras[-1].append(line)
            joins[-1].append(decision)
    kept_paras = _filter_paragraphs(list(zip(paras, joins)), language or detect_language(text))

    out = _Writer(text)
    previous: _Line | None = None
    for para, para_joins in kept_paras:
        if previous is not None:
            out.separator(previous.e, para[0].s, "\n\n")
        for i, line in enumerate(para):
            decision = para_joins[i - 1] if i else None
            if decision == SPACE:
                out.separator(para[i - 1].e, line.s, " ")
            elif decision == LINE:
                out.separator(para[i - 1].e, line.s, "\n")
            drop_hyphen = i + 1 < len(para) and para_joins[i] == HYPHEN_DROP
            out.line(line.s, line.e - 1 if drop_hyphen else line.e)
        previous = para[-1]
    return out.result()
