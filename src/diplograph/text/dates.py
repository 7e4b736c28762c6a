"""Document dates and the dates written in running text.

Two jobs:

* `detect_document_date` decides when a document was written, from (in order of trust) a date
  given with the input, a header field near the top ("Date: ...", "Published ..."), a byline
  ("13 March 2024, 10:15"), a dateline ("PARIS, March 3 (Agency) -"), the HTML metadata, the
  URL, and finally the text itself ("this year, 2017").
* `find_dates` lists every date or period written in the text, resolved to ISO 8601 prefixes
  (YYYY, YYYY-MM, YYYY-MM-DD), using the document date for relative expressions ("last year",
  "on Monday", "30 September").

Everything is plain regular expressions so a document costs well under a few milliseconds;
dateparser is only consulted for odd header or given strings that the patterns do not read.
Month names must be capitalised (as English writes them) so that "may" and "march" as words
never become dates.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from diplograph.model import DateMention

__all__ = ["detect_document_date", "find_dates", "year_of", "resolve_relative", "normalize_date"]

HEAD_CHARS = 600          # bylines, headers and datelines are only looked for this near the top
MIN_YEAR, MAX_YEAR = 1800, 2100

# --- vocabulary ---------------------------------------------------------------------------

_MONTHS_FULL = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_MONTH_NUM = {name: i + 1 for i, name in enumerate(_MONTHS_FULL)}
_MONTH_NUM.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                   "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS_FULL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_NUM = {name: i for i, name in enumerate(_WEEKDAYS_FULL)}
_WEEKDAY_ABBR = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _alts(words: list[str], *, lower: bool = False) -> str:
    """A fast alternation: grouped by a literal first character, so `re` can skip ahead.

    Title case and upper case (plus lower case when asked); lower-case "may"/"march" are words,
    not months, so month names never get it."""
    forms = set()
    for w in words:
        forms.update((w[0].upper() + w[1:], w.upper()))
        if lower:
            forms.add(w)
    by_first: dict[str, list[str]] = {}
    for f in forms:
        by_first.setdefault(f[0], []).append(f[1:])

    def rest(r: str) -> str:
        return r"\s+".join(re.escape(part) for part in r.split(" "))

    groups = [re.escape(c) + "(?:" + "|".join(rest(r) for r in sorted(rs, key=len, reverse=True)) + ")"
              for c, rs in sorted(by_first.items())]
    return "(?:" + "|".join(groups) + ")"


_MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_MONTH_FULL = rf"{_alts(_MONTHS_FULL)}\b"
_MONTH = rf"(?:{_alts(_MONTHS_FULL)}\b|{_alts(_MONTH_ABBR)}\b\.?)"
_WD_FULL = rf"{_alts(_WEEKDAYS_FULL)}\b"
_WD_ANY = rf"(?:{_alts(_WEEKDAYS_FULL)}\b|{_alts(_WEEKDAY_ABBR)}\b\.?)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
# "... of the current year", "... last year": fixes the year of a date written without one;
# "... of the same year" takes the year the narrative last named.
_TAIL = (r",?\s+(?:of\s+)?(?i:this|last|next|the\s+current|the\s+present|the\s+coming|current"
         r"|the\s+same|that)\s+year\b")
_RANGE_CONN = r"(?:\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+)"
_Y_OR_TAIL = rf"(?:(?:\s*,\s*|\s+)(?P<y>{_YEAR})(?!\d)|(?P<tail>{_TAIL}))?"

# Scanners find where a date may start; the anchored matchers below then read it. Every
# scanner begins with a literal character so `re` can skip text quickly.
_SCAN_DIGITS = re.compile(r"\d+")
_SCAN_MONTH = re.compile(_alts(_MONTHS_FULL + _MONTH_ABBR) + r"\b")
_SCAN_WEEKDAY = re.compile(_WD_FULL)
_SCAN_REL_DAY = re.compile(
    _alts(["today", "tonight", "yesterday", "tomorrow", "this morning", "this afternoon",
           "this evening"], lower=True) + r"\b")
_SCAN_UNIT = re.compile(_alts(["year", "month", "week"], lower=True) + r"\b")
_SCAN_AGO = re.compile(_alts(["ago"], lower=True) + r"\b")
_SCAN_CENTURY = re.compile(_alts(["century"], lower=True) + r"\b")
_SCAN_SHORT_DECADE = re.compile(r"['’](?P<yy>[3-9]0)s\b")

_RX_DMY = re.compile(
    rf"(?P<d>\d\d?){_ORD}(?!\d),?\s+(?:of\s+)?(?P<m>{_MONTH}){_Y_OR_TAIL}")
_RX_MDY = re.compile(
    rf"(?P<m>{_MONTH})\s+(?:the\s+)?(?P<d>\d\d?){_ORD}(?![\d\w]){_Y_OR_TAIL}")
_RX_DAYRANGE_DM = re.compile(
    rf"(?P<d1>\d\d?){_ORD}(?!\d){_RANGE_CONN}(?P<d2>\d\d?){_ORD}(?!\d),?\s+"
    rf"(?:of\s+)?(?P<m>{_MONTH}){_Y_OR_TAIL}")
_RX_DAYRANGE_MD = re.compile(
    rf"(?P<m>{_MONTH})\s+(?P<d1>\d\d?){_ORD}(?!\d){_RANGE_CONN}(?P<d2>\d\d?){_ORD}(?![\d\w])"
    rf"{_Y_OR_TAIL}")
_RX_MY = re.compile(rf"(?P<m>{_MONTH})(?:,?\s+|\s+of\s+)(?P<y>{_YEAR})(?![\d\w])")
_RX_MONTH_ALONE = re.compile(rf"(?P<m>{_MONTH_FULL})(?![\s,]*\d)(?P<tail>{_TAIL})?")
_RX_MONTH_PRE = re.compile(
    r"(?:\b(?P<rel>last|this|next|the\s+current)\s+year,?\s+in"
    r"|\b(?P<pre>last|this|next|in|since|from|to|until|till|by|during|through|throughout|before|after"
    r"|between"
    r"|end\s+of|beginning\s+of|start\s+of|middle\s+of))?"
    r"(?:\s+|^)(?P<q>(?:early|late|mid)(?:-|\s+))?$", re.I)
_RX_ISO = re.compile(
    rf"(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?![\d]|[.]\d)")
_RX_ISO_YM = re.compile(rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])(?![\d\-])")
_RX_NUMERIC = re.compile(
    rf"(?P<a>\d\d?)(?P<s>[./-])(?P<b>\d\d?)(?P=s)(?P<y>{_YEAR})(?![\d]|[.]\d)")
_RX_YEAR_RANGE = re.compile(
    rf"(?P<y1>{_YEAR})(?P<conn>\s*[-–—/]\s*|\s+(?i:to|until|till|through|and)\s+)"
    rf"(?P<y2>{_YEAR}|\d\d)(?![\w%]|[.,]\d)")
_RX_YEAR = re.compile(rf"(?P<y>{_YEAR})(?![\w%]|[.,:/]\d|['’]s\b)")
_RX_DECADE = re.compile(r"(?P<y>1[89]\d0|20\d0)['’]?s\b")
_RX_PERIOD_PRE = re.compile(r"(?:\b[Tt]he\s+)?(?:\b(?i:early|mid|late)(?:-|\s+))?$")
_ROMAN = {"XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}
_CENTURY_WORDS = {"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "twenty-first": 21, "twenty first": 21}
_RX_CENTURY_PRE = re.compile(
    r"(?:\b[Tt]he\s+)?(?:\b(?i:early|mid|late)(?:-|\s+))?"
    r"(?:(?<![\w.])(?P<n>1[0-9]|2[01])(?:st|nd|rd|th)|\b(?P<r>XVIII|XVII|XVI|XIX|XXI|XX|XV)(?:st|th)?"
    r"|\b(?P<w>(?i:sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first)))\s+$")
_RX_WD_BEFORE = re.compile(rf"\b{_WD_ANY},?\s+(?:the\s+)?$")
_RX_REL_PERIOD_PRE = re.compile(
    r"(?:\b(?P<q>earlier|later|early|late|so\s+far)\s+)?"
    r"\b(?P<w>this|last|next|the\s+current|the\s+present|the\s+coming|current)\s+$", re.I)
_RX_AGO_PRE = re.compile(
    r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<u>years?|months?|weeks?|days?)\s+$", re.I)
_RX_FROM_BETWEEN = re.compile(r"\b(?P<w>[Ff]rom|[Bb]etween)\s+$")

# Words around a four-digit number that show it is a count, an amount or a label, not a year.
_NOT_YEAR_BEFORE = {
    "no", "nos", "number", "numbers", "resolution", "resolutions", "article", "articles", "art",
    "paragraph", "para", "section", "page", "pages", "p", "pp", "decree", "order", "law", "code",
    "chapter", "item", "point", "flight", "room", "tel", "phone", "fax", "box", "index", "iso",
    "version", "model", "route", "usd", "eur", "azn", "rub", "us$", "$", "€", "£", "¥", "₼",
    "approximately", "nearly", "almost", "some", "than", "exactly", "total",
}
_NOT_YEAR_AFTER = {
    "million", "billion", "trillion", "thousand", "hundred", "percent", "per", "people", "persons",
    "participants", "delegates", "troops", "soldiers", "servicemen", "refugees", "students",
    "members", "votes", "states", "countries", "companies", "projects", "items", "cases",
    "copies", "documents", "times", "years", "months", "weeks", "days", "hours", "minutes",
    "km", "kilometers", "kilometres", "miles", "m", "meters", "metres", "hectares", "ha", "tons",
    "tonnes", "t", "barrels", "cubic", "mw", "gw", "kw", "kwh", "units", "dollars", "euros",
    "manats", "rubles", "usd", "eur", "azn", "pages", "words", "kg", "sq", "square", "feet", "ft",
    "seats", "employees", "workers", "visitors", "tourists", "vehicles", "ships", "aircraft",
}
_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|to\s+be\s+held|scheduled|planned|plans?\s+to|forthcoming|upcoming|next)\b",
    re.I)
_PREP_BEFORE_EVENT = {"on", "in", "of", "since", "from", "until", "till", "by", "before", "after",
                      "to", "between", "and", "through", "during", "at", "as", "than"}


# --- small helpers --------------------------------------------------------------------------

def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if y is None or not MIN_YEAR - 1000 <= y <= MAX_YEAR:
        return False
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _parse_iso(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO 8601 prefix, or None."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return (y, mo, d) if _valid(y, mo, d) else None


def _month(token: str) -> int:
    return _MONTH_NUM[token.rstrip(".").lower()]


def year_of(iso: str | None) -> int | None:
    """The year of an ISO 8601 prefix ("2018-04-30" -> 2018), None if there is none."""
    parsed = _parse_iso(iso)
    return parsed[0] if parsed else None


def _closest_year(m: int, d: int | None, doc: tuple) -> int | None:
    """Year for a month (and day) written without one: the one nearest the document date."""
    dy, dm, dd = doc
    if dm is None:
        return dy if _valid(dy, m, d) else None
    ref = date(dy, dm, dd or 15)
    best: tuple[int, int] | None = None
    for y in (dy, dy - 1, dy + 1):          # ties keep the document's own year
        if not _valid(y, m, d):
            continue
        dist = abs((date(y, m, d or 15) - ref).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else None


def _year_by_rule(rule, m: int | None, d: int | None, doc: tuple) -> int | None:
    dy, dm, _ = doc
    if rule == "closest" and m is not None:
        return _closest_year(m, d, doc)
    if isinstance(rule, tuple) and rule[0] == "off":
        return dy + rule[1]
    if rule == "this":
        return dy
    if rule in ("last", "next") and m is not None and dm is not None:
        if rule == "last":
            return dy if m < dm else dy - 1
        return dy if m > dm else dy + 1
    return None


def _tail_rule(tail: str | None):
    """The year rule a trailing "last year" / "of the current year" sets."""
    if not tail:
        return "closest"
    t = tail.lower()
    if "same" in t or "that" in t:
        return "same"
    if "last" in t:
        return ("off", -1)
    if "next" in t or "coming" in t:
        return ("off", 1)
    return ("off", 0)


# --- candidates -----------------------------------------------------------------------------

@dataclass
class _Cand:
    start: int
    end: int
    lo: list                   # [year|None, month|None, day|None]
    hi: list | None = None     # end of a period
    rule: object = None        # how to fill a missing year from the document date
    relative: bool = False
    kind: str = "date"         # date | year | month | rel | weekday | period


_COMBINABLE = {"date", "year", "month"}


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\s\w]*[\w$€£¥₼]+[.$]?)\W*$", text[max(0, pos - 25):pos])
    return m.group(1).lower().strip(".") if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s*([%\w]+)", text[pos:pos + 25])
    return m.group(1).lower() if m else ""


_RX_NUMBER_PAIR = re.compile(r"\s*(?:[-–—]|to|and|or)\s*[\d][\d,.]*\s*([%\w]+)")


def _year_ok(text: str, start: int, end: int) -> bool:
    """Whether the four-digit number at [start, end) reads as a year, not a count or label."""
    before = text[max(0, start - 12):start]
    if re.search(r"[$€£¥₼]\s*$", before) or re.search(r"\d[ \t]+$|\d\s*[-–—/]\s*$", before):
        return False
    if _prev_word(text, start) in _NOT_YEAR_BEFORE:
        return False
    nxt = _next_word(text, end)
    if nxt in _NOT_YEAR_AFTER or nxt.startswith("%"):
        return False
    # "from 1900 to 2000 tons": the unit after the second number counts the first one too.
    m = _RX_NUMBER_PAIR.match(text, end)
    if m and m.group(1).lower() in _NOT_YEAR_AFTER:
        return False
    return True


def _start_ok(text: str, pos: int, banned: str) -> bool:
    """The character before `pos` is none of `banned` (nor a letter or digit)."""
    if pos == 0:
        return True
    ch = text[pos - 1]
    return not (ch.isalnum() or ch == "_" or ch in banned)


def _window(text: str, pos: int, width: int = 40) -> str:
    return text[max(0, pos - width):pos]


def _day_cand(text: str, m: re.Match, relative: bool) -> _Cand | None:
    """A day-month(-year) candidate from _RX_DMY or _RX_MDY, with a weekday before it kept."""
    d = int(m.group("d"))
    if not 1 <= d <= 31 or not m.group("m")[0].isupper():
        return None
    y = int(m.group("y")) if m.group("y") else None
    if y is None and not relative:
        return None
    start = m.start()
    wd = _RX_WD_BEFORE.search(_window(text, start, 16))
    if wd:
        start -= len(wd.group(0))
    return _Cand(start, m.end(), [y, _month(m.group("m")), d], rule=_tail_rule(m.group("tail")))


def _range_cand(m: re.Match, relative: bool) -> _Cand | None:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if not 1 <= d1 < d2 <= 31 or not m.group("m")[0].isupper():
        return None
    y = int(m.group("y")) if m.group("y") else None
    if y is None and not relative:
        return None
    mo = _month(m.group("m"))
    return _Cand(m.start(), m.end(), [y, mo, d1], [None, mo, d2], rule=_tail_rule(m.group("tail")),
                 kind="period")


def _digit_candidates(text: str, p: int, run: int, relative: bool, add) -> None:
    """Dates that start with the digits at `p` (a run of `run` digits)."""
    if run <= 2:
        if not _start_ok(text, p, ".,/:-–"):
            return
        m = _RX_DMY.match(text, p)
        if m:
            c = _day_cand(text, m, relative)
            if c:
                add(c)
        m = _RX_DAYRANGE_DM.match(text, p)
        if m:
            c = _range_cand(m, relative)
            if c:
                add(c)
        m = _RX_NUMERIC.match(text, p)
        if m:
            a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
            d, mo = (a, b) if b <= 12 else (b, a)     # day first unless impossible ("04/30/2018")
            if _valid(y, mo, d):
                add(_Cand(p, m.end(), [y, mo, d]))
        return
    if run != 4:
        return
    if _start_ok(text, p, ".-/"):
        m = _RX_ISO.match(text, p)
        if m:
            lo = [int(m.group("y")), int(m.group("m")), int(m.group("d"))]
            if _valid(*lo):
                add(_Cand(p, m.end(), lo))
        m = _RX_ISO_YM.match(text, p)
        if m:
            y, mo = int(m.group("y")), int(m.group("m"))
            if mo <= y % 100:       # "2011-12" reads better as the period 2011-2012
                add(_Cand(p, m.end(), [y, mo, None]))
    if not _start_ok(text, p, "$€£¥₼#+/.,:"):
        return
    m = _RX_YEAR_RANGE.match(text, p)
    if m:
        c = _year_range_cand(text, m)
        if c:
            add(c)
    m = _RX_YEAR.match(text, p)
    if m and _year_ok(text, p, m.end()):
        add(_Cand(p, m.end(), [int(m.group("y")), None, None], kind="year"))
    m = _RX_DECADE.match(text, p)
    if m:
        y = int(m.group("y"))
        lo, hi = (y, y + 99) if y % 100 == 0 and y < 2000 else (y, y + 9)   # "the 1900s": a century
        pre = _RX_PERIOD_PRE.search(_window(text, p, 20))
        add(_Cand(p - len(pre.group(0)), m.end(), [lo, None, None], [hi, None, None], kind="period"))


def _year_range_cand(text: str, m: re.Match) -> _Cand | None:
    y1 = int(m.group("y1"))
    raw2 = m.group("y2")
    conn = m.group("conn").strip().lower()
    pm = _RX_FROM_BETWEEN.search(_window(text, m.start(), 12))
    pre = pm.group("w").lower() if pm else ""
    if len(raw2) == 2:
        if conn not in ("-", "–", "—", "/"):
            return None
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if not y1 < y2 <= min(y1 + 200, MAX_YEAR):
        return None
    if conn == "and" and pre != "between":
        return None                        # "in 1997 and 2025" are two years, not a period
    if conn == "/" and y2 != y1 + 1:
        return None
    if not _year_ok(text, m.start(), m.start() + 4) or _next_word(text, m.end()) in _NOT_YEAR_AFTER:
        return None
    start = m.start() - len(pm.group(0)) if pm and (pre == "from" or conn == "and") else m.start()
    return _Cand(start, m.end(), [y1, None, None], [y2, None, None], kind="period")


def _month_candidates(text: str, p: int, relative: bool, add) -> None:
    """Dates that start with the month name at `p`."""
    if not _start_ok(text, p, ""):
        return
    m = _RX_MDY.match(text, p)
    # "5 June 15 countries": the day on the left belongs to this month, the number on the right not.
    if m and not re.search(r"\d(?:st|nd|rd|th)?,?\s+(?:of\s+)?$", _window(text, p, 8)):
        c = _day_cand(text, m, relative)
        if c:
            add(c)
    m = _RX_DAYRANGE_MD.match(text, p)
    if m:
        c = _range_cand(m, relative)
        if c:
            add(c)
    m = _RX_MY.match(text, p)
    if m and _year_ok(text, m.start("y"), m.end("y")):
        add(_Cand(p, m.end(), [int(m.group("y")), _month(m.group("m")), None]))
    if not relative:
        return
    m = _RX_MONTH_ALONE.match(text, p)
    if not m:
        return
    tail = m.group("tail")
    pre_m = _RX_MONTH_PRE.search(_window(text, p, 40))
    pre = rel = ""
    start = p
    if pre_m:
        rel = (pre_m.group("rel") or "").lower()
        pre = (pre_m.group("pre") or "").lower()
        if pre_m.group("q"):
            start = p - len(pre_m.group("q"))
    if rel:                               # "last year in October"
        rule = _tail_rule(rel + " year")
        start = p - len(pre_m.group(0).lstrip())
    elif tail:                            # "October last year"
        rule = _tail_rule(tail)
    elif pre in ("last", "next", "this"):  # "last October"
        rule = pre
        start = p - len(pre_m.group(0).lstrip())
    elif pre or (pre_m and pre_m.group("q")):
        rule = "closest"                  # "in October", "since early October"
    else:
        return                            # a bare month name is too often part of a name
    add(_Cand(start, m.end(), [None, _month(m.group("m")), None], rule=rule, kind="month"))


def _candidates(text: str, doc: tuple | None, *, relative: bool = True) -> list[_Cand]:
    out: list[_Cand] = []
    add = out.append
    for m in _SCAN_DIGITS.finditer(text):
        _digit_candidates(text, m.start(), m.end() - m.start(), relative, add)
    for m in _SCAN_MONTH.finditer(text):
        _month_candidates(text, m.start(), relative, add)
    for m in _SCAN_CENTURY.finditer(text):
        c = _RX_CENTURY_PRE.search(_window(text, m.start(), 30))
        if not c:
            continue
        if c.group("n"):
            n = int(c.group("n"))
        elif c.group("r"):
            n = _ROMAN[c.group("r")]
        else:
            n = _CENTURY_WORDS[re.sub(r"\s+", " ", c.group("w").lower())]
        add(_Cand(m.start() - len(c.group(0)), m.end(), [(n - 1) * 100, None, None],
                  [(n - 1) * 100 + 99, None, None], kind="period"))
    for m in _SCAN_SHORT_DECADE.finditer(text):
        if _start_ok(text, m.start(), ""):
            y = 1900 + int(m.group("yy"))      # "the '90s"; "'20s" is left out as ambiguous
            pre = _RX_PERIOD_PRE.search(_window(text, m.start(), 20))
            add(_Cand(m.start() - len(pre.group(0)), m.end(), [y, None, None], [y + 9, None, None],
                      kind="period"))
    for m in _SCAN_SAME_YEAR.finditer(text):
        # "later that year", "the same year": the year the narrative last named (see _finish)
        add(_Cand(m.start(), m.end(), [None, None, None], rule="same", kind="rel"))
    if relative and doc is not None:
        _relative_candidates(text, doc, add)
    return out


_SCAN_SAME_YEAR = re.compile(r"\b(?:(?:[Ll]ater|[Ee]arlier)\s+(?:in\s+)?that\s+(?:same\s+)?year|"
                             r"(?:[Tt]he|[Tt]hat)\s+same\s+year|[Ii]n\s+that\s+year|"
                             r"(?:(?<=signed )|(?<=agreed )|(?<=joined )|(?<=adopted ))that\s+year)\b")


def _relative_candidates(text: str, doc: tuple, add) -> None:
    """Words resolved against the document date: "yesterday", "last year", "on Monday"."""
    dy, dm, dd = doc
    full = date(dy, dm, dd) if dm and dd else None

    for m in _SCAN_REL_DAY.finditer(text):
        if not _start_ok(text, m.start(), ""):
            continue
        w = re.sub(r"\s+", " ", m.group(0).lower())
        start = m.start()
        shift = {"yesterday": -1, "tomorrow": 1}.get(w, 0)
        around = re.search(r"\b[Tt]he\s+day\s+(?:before|after)\s+$", _window(text, start, 30))
        if around and shift:
            shift *= 2
            start -= len(around.group(0))
        if full is not None:
            t = full + timedelta(days=shift)
            lo = [t.year, t.month, t.day]
        elif shift == 0 or dm is None:
            lo = [dy, dm, None]          # coarse document date: keep its precision
        else:
            continue
        add(_Cand(start, m.end(), lo, relative=True, kind="rel"))

    for m in _SCAN_UNIT.finditer(text):
        pm = _RX_REL_PERIOD_PRE.search(_window(text, m.start(), 40))
        if not pm:
            continue
        w = re.sub(r"\s+", " ", pm.group("w").lower())
        if w in ("last", "next") and re.search(
                r"\bthe\s+$", _window(text, m.start() - len(pm.group(0)), 5), re.I):
            continue   # "the last year" is a span of time, "the next year" the narrative's
        unit = m.group(0).lower()
        off = {"last": -1, "next": 1, "the coming": 1}.get(w, 0)
        start = m.start() - len(pm.group(0))
        if unit == "year":
            add(_Cand(start, m.end(), [dy + off, None, None], relative=True, kind="rel"))
        elif unit == "month" and dm is not None:
            mi = dy * 12 + dm - 1 + off
            add(_Cand(start, m.end(), [mi // 12, mi % 12 + 1, None], relative=True, kind="rel"))
        elif unit == "week" and full is not None:
            monday = full - timedelta(days=full.weekday()) + timedelta(weeks=off)
            sunday = monday + timedelta(days=6)
            add(_Cand(start, m.end(), [monday.year, monday.month, monday.day],
                      [sunday.year, sunday.month, sunday.day], relative=True, kind="rel"))

    for m in _SCAN_AGO.finditer(text):
        pm = _RX_AGO_PRE.search(_window(text, m.start(), 30))
        if not pm:
            continue
        n_raw = pm.group("n").lower()
        n = int(n_raw) if n_raw.isdigit() else _NUMBER_WORDS[n_raw]
        unit = pm.group("u").lower().rstrip("s")
        if unit == "year":
            lo = [dy - n, None, None]
        elif unit == "month" and dm is not None:
            mi = dy * 12 + dm - 1 - n
            lo = [mi // 12, mi % 12 + 1, None]
        elif unit in ("week", "day") and full is not None:
            t = full - timedelta(days=n * (7 if unit == "week" else 1))
            lo = [t.year, t.month, t.day]
        else:
            continue
        add(_Cand(m.start() - len(pm.group(0)), m.end(), lo, relative=True, kind="rel"))

    if full is None:
        return
    for m in _SCAN_WEEKDAY.finditer(text):
        if not _start_ok(text, m.start(), ""):
            continue
        pm = re.search(r"\b(?P<pre>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+$", _window(text, m.start(), 6))
        pre = pm.group("pre").lower() if pm else ""
        target = _WEEKDAY_NUM[m.group(0).lower()]
        back = (full.weekday() - target) % 7
        if pre == "next":
            t = full + timedelta(days=(target - full.weekday()) % 7 or 7)
        else:
            if pre in ("last", "past") and back == 0:
                back = 7
            t = full - timedelta(days=back)
        start = m.start() - len(pm.group(0)) if pm else m.start()
        add(_Cand(start, m.end(), [t.year, t.month, t.day], relative=True, kind="weekday"))


def _select(cands: list[_Cand], n: int) -> list[_Cand]:
    """Non-overlapping candidates, longest first (earlier start breaks ties)."""
    taken = bytearray(n + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_RX_GAP = re.compile(r"\s*(?:[-–—]|(?P<w>to|until|till|through|and))\s*", re.I)


def _combine(text: str, chosen: list[_Cand]) -> list[_Cand]:
    """Join "30 September - 2 October 2025", "from June 2016 to March 2017" into periods."""
    out: list[_Cand] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None and a.kind in _COMBINABLE and b.kind in _COMBINABLE and a.hi is None \
                and b.hi is None:
            gap = _RX_GAP.fullmatch(text, a.end, b.start)
            if gap:
                word = (gap.group("w") or "-").lower()
                pm = re.search(r"\b(from|between)\s+$", text[max(0, a.start - 9):a.start], re.I)
                pre = pm.group(1).lower() if pm else ""
                fine_grained = a.lo[1] is not None and b.lo[1] is not None
                ok = (word == "-" or (word == "and" and pre == "between")
                      or (word not in ("and", "-") and (pre == "from" or fine_grained)))
                if ok and not (a.kind == "year" and b.kind == "year"):
                    lo, hi = list(a.lo), list(b.lo)
                    rule = a.rule or b.rule
                    if lo[0] is None and hi[0] is not None:
                        lo[0] = hi[0]
                        if (lo[1] or 0, lo[2] or 0) > (hi[1] or 0, hi[2] or 0):
                            lo[0] -= 1
                    elif hi[0] is None and lo[0] is not None:
                        hi[0] = lo[0]
                        if (hi[1] or 0, hi[2] or 0) < (lo[1] or 0, lo[2] or 0):
                            hi[0] += 1
                    start = a.start - len(pm.group(0)) if pm else a.start
                    out.append(_Cand(start, b.end, lo, hi, rule=rule,
                                     relative=a.relative or b.relative, kind="period"))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_RX_SPAN_WORDS = re.compile(r"\s(?:to|until|till|through|and)\s|[-–—]")


def _finish(text: str, c: _Cand, doc: tuple | None, narrative_year: int | None) -> DateMention | None:
    lo = list(c.lo)
    hi = list(c.hi) if c.hi else None
    relative = c.relative
    if lo[0] is None and c.rule == "same":
        if narrative_year is None:      # "of the same year" with no year named before it
            return None
        lo[0] = narrative_year
    if lo[0] is None:
        if doc is None:
            return None
        y = _year_by_rule(c.rule or "closest", lo[1], lo[2], doc)
        if y is None:
            return None
        lo[0] = y
        relative = True
    if hi is not None and hi[0] is None:
        hi[0] = lo[0]
        if (hi[1] or 0, hi[2] or 0) < (lo[1] or 0, lo[2] or 0):
            hi[0] += 1
    if not _valid(*lo) or (hi is not None and not _valid(*hi)):
        return None
    start = c.start
    # "since 2011", "from 10 to 11 May": the word says where a period opens, so it belongs to
    # the mention.
    is_span = hi is not None and _RX_SPAN_WORDS.search(text, start, c.end)
    pm = re.search(r"\b(?:[Ss]ince|[Ff]rom|[Bb]etween)\s+$" if is_span else r"\b[Ss]ince\s+$",
                   text[max(0, start - 9):start])
    if pm:
        start -= len(pm.group(0))
    return DateMention(start, c.end, text[start:c.end], _fmt(*lo),
                       _fmt(*hi) if hi is not None else None, relative)


def find_dates(text: str, doc_date: str | None = None) -> list[DateMention]:
    """Every date or period in `text`, with offsets into `text`, sorted by start.

    Relative expressions ("last year", "on Monday", "30 September") are resolved against
    `doc_date` and marked relative=True; without a document date they are left out."""
    doc = _parse_iso(doc_date)
    chosen = _combine(text, _select(_candidates(text, doc), len(text)))
    out = []
    narrative_year = None            # the year the text last named, for "the same year"
    for c in chosen:
        dm = _finish(text, c, doc, narrative_year)
        if dm is not None:
            out.append(dm)
            if not dm.relative:
                narrative_year = int((dm.end_value or dm.value)[:4])
    return out


def resolve_relative(expr: str, doc_date: str | None) -> str | None:
    """The ISO value of one date expression ("last year", "30 September", "2018-04-30")."""
    found = find_dates(expr, doc_date)
    if not found:
        return None
    return max(found, key=lambda d: d.end - d.start).value


# --- document date --------------------------------------------------------------------------

_RX_WD_AT = re.compile(rf"{_WD_ANY},?\s+(?:the\s+)?")
_PARSE_AT = (_RX_ISO, _RX_NUMERIC, _RX_DMY, _RX_MDY, _RX_MY)


def _date_at(s: str, pos: int, *, need_year: bool = True) -> tuple[tuple, int] | None:
    """The date written at s[pos:] (a weekday before it allowed), as ((y, m, d), end)."""
    best = None
    wd = _RX_WD_AT.match(s, pos)
    if wd:
        pos = wd.end()
    for rx in _PARSE_AT:
        m = rx.match(s, pos)
        if not m:
            continue
        if rx is _RX_ISO:
            parts = (int(m.group("y")), int(m.group("m")), int(m.group("d")))
        elif rx is _RX_NUMERIC:
            a, b = int(m.group("a")), int(m.group("b"))
            d, mo = (a, b) if b <= 12 else (b, a)
            parts = (int(m.group("y")), mo, d)
        else:
            if not m.group("m")[0].isupper():
                continue
            y = int(m.group("y")) if m.group("y") else None
            d = int(m.group("d")) if "d" in rx.groupindex else None
            if rx is not _RX_MY and m.group("tail"):
                continue
            parts = (y, _month(m.group("m")), d)
        if parts[0] is None and (need_year or not 1 <= (parts[2] or 0) <= 31):
            continue
        if parts[0] is not None and not _valid(*parts):
            continue
        end = m.end()
        if best is None or end > best[1]:
            best = (parts, end)
    return best


def normalize_date(value: str | None) -> str | None:
    """An ISO 8601 prefix for a date string given by a user or page metadata."""
    if not value or not isinstance(value, str):
        return None
    s = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", s)
    if m:
        parts = _parse_iso(s)
        return _fmt(*parts) if parts else None
    s2 = re.sub(rf"^{_WD_ANY},?\s*", "", s)
    found = _date_at(s2, 0)
    if found and found[1] >= len(s2.rstrip()) - 12:   # allow a trailing time
        return _fmt(*found[0])
    return _dateparser_full(s)


_RX_HAS_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def _dateparser_full(s: str) -> str | None:
    """Last resort for odd strings (other languages): dateparser, full dates only.

    Only tried on a short string with a year and a word our patterns do not know (a month name
    in another language): dateparser takes tens of milliseconds a call."""
    if len(s) > 60 or not _RX_HAS_YEAR.search(s):
        return None
    words = re.findall(r"[^\W\d_]{3,}", s)
    if not any(w.lower().rstrip(".") not in _MONTH_NUM and w.lower() not in _WEEKDAY_NUM for w in words):
        return None
    try:
        import dateparser  # imported lazily: it is slow to import and rarely needed
    except ImportError:  # pragma: no cover
        return None
    try:
        dt = dateparser.parse(s, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                           "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False})
    except Exception:  # dateparser raises many kinds of errors on odd input
        return None
    if dt is None or not MIN_YEAR <= dt.year <= MAX_YEAR:
        return None
    return _fmt(dt.year, dt.month, dt.day)


def _head(text: str) -> str:
    head = text[:HEAD_CHARS]
    nl = text.find("\n", HEAD_CHARS, HEAD_CHARS + 80)
    return text[:nl] if nl != -1 else head


_RX_HEADER = re.compile(
    # a label starts a line or a "|" field, or (joined to a title line by cleaning) follows a space
    # when it has a colon: "... at thirty-two Published: 2024-06-14 | ..."
    r"(?:^|(?<=[|•·\n])|(?<=\s)(?=(?i:published|posted|publication\s+date|release\s+date|issued)"
    r"(?:\s+on)?[ \t]*:))[ \t]*(?P<label>(?i:date|dated|published(?:\s+on)?|publication\s+date|"
    r"posted(?:\s+on)?|release\s+date|issued(?:\s+on)?|created|last\s+updated|updated(?:\s+on)?))"
    r"[ \t]*(?P<sep>[:\-–—])?[ \t]*", re.M)


def _header_date(head: str) -> str | None:
    found: list[tuple[bool, str]] = []
    for m in _RX_HEADER.finditer(head):
        pos = m.end()
        wd = re.match(rf"{_WD_ANY},?\s*", head[pos:])
        if wd:
            pos += wd.end()
        got = _date_at(head, pos)
        if got:
            value = _fmt(*got[0])
        else:
            line = head[pos:].split("\n", 1)[0].strip()
            value = _dateparser_full(line) if 0 < len(line) <= 40 and m.group("sep") else None
        if value:
            found.append(("updated" in m.group("label").lower(), value))
    found.sort(key=lambda f: f[0])            # a publication date beats an update date
    return found[0][1] if found else None


_RX_TIME = re.compile(r"\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\b")
_RX_RESIDUE_NOISE = re.compile(
    rf"{_WD_ANY}|\d{{1,2}}[:.]\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?|\b(?:GMT|UTC|AM|PM)\b|[+-]\d{{1,2}}"
    r"|\b(?i:updated|published|posted|by|at|on)\b")


def _byline_date(head: str) -> str | None:
    cands = [c for c in _candidates(head, None, relative=False)
             if c.kind == "date" and c.hi is None and c.lo[0] is not None and c.lo[1] is not None]
    for c in _select(cands, len(head)):
        y, mo, d = c.lo
        if _prev_word(head, c.start) in _PREP_BEFORE_EVENT:
            continue     # "on 28 May 1918 ...": the date of an event, not of the page
        line_start = head.rfind("\n", 0, c.start) + 1
        line_end = head.find("\n", c.end)
        line_end = len(head) if line_end == -1 else line_end
        seg_start = max(line_start, *(head.rfind(sep, 0, c.start) + 1 for sep in "|•·"))
        seg_end = min([line_end] + [p for p in (head.find(sep, c.end, line_end) for sep in "|•·")
                                    if p != -1])
        after = head[c.end:seg_end]
        if _RX_TIME.match(after) and d is not None:
            return _fmt(y, mo, d)
        if re.match(r"\s*[a-z]", after):
            continue     # a sentence goes on after the date
        residue = _RX_RESIDUE_NOISE.sub(" ", head[seg_start:c.start] + " " + after)
        words = re.findall(r"[^\W\d_]+", residue)
        if d is None:
            if not words:
                return _fmt(y, mo)
            continue
        if len(words) <= 5 and not re.search(r"[.!?]\s+\S", residue):
            return _fmt(y, mo, d)
        if not after.strip() and re.search(r",\s*$", head[seg_start:c.start]) and not head[:line_start].strip():
            return _fmt(y, mo, d)   # a title line that ends with its date: "Interview with ..., 3 March 2025"
    return None


_RX_DATELINE_PLACE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){0,3})"
    r"(?:[ \t]*\((?P<ag>[^()\n]{1,25})\))?[ \t]*,[ \t]*", re.M)
# After the date of a dateline: an optional year, then the agency in brackets, or ", AGENCY"
# and a stop, or straight away a dash, colon or line end.
_RX_DATELINE_AFTER = re.compile(
    rf"(?:,?[ \t]+(?P<y>{_YEAR})(?!\d))?[ \t]*"
    r"(?:\([^()\n]{1,30}\)"
    r"|[,/][ \t]*[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*)?/?[ \t]*(?:[-–—:.,]|\n|$)"
    r"|(?:[-–—:]|\n|$))")
_RX_REL_DATELINE = re.compile(
    r"\b(?P<rel>(?i:(?:late\s+|early\s+)?(?:today|tonight|yesterday|tomorrow|this\s+morning|"
    r"this\s+afternoon|this\s+evening)))[ \t]*[,(–—-]?[ \t]*(?:(?i:on)\s+)?")


def _dateline(head: str) -> tuple[tuple, int] | None:
    """((y|None, m, d), day shift) of a dateline; the shift turns "yesterday, 10 May" into 11 May."""
    for m in _RX_DATELINE_PLACE.finditer(head):
        first = m.group("place").split()[0].lower().rstrip(".")
        if first in _WEEKDAY_NUM or first in _WEEKDAY_ABBR or first in _MONTH_NUM:
            continue
        got = _date_at(head, m.end(), need_year=False)
        if not got or got[0][2] is None:
            continue
        (y, mo, d), end = got
        after = _RX_DATELINE_AFTER.match(head, end)
        if not after:
            continue
        if y is None and after.group("y"):
            y = int(after.group("y"))
        return (y, mo, d), 0
    for m in _RX_REL_DATELINE.finditer(head):
        got = _date_at(head, m.end(), need_year=False)
        if not got or got[0][2] is None:
            continue
        rel = m.group("rel").lower()
        shift = 1 if "yesterday" in rel else -1 if "tomorrow" in rel else 0
        return got[0], shift
    return None


_SCAN_YEAR_WORD = re.compile(_alts(["year"], lower=True) + r"\b")
_RX_ANCHOR_BEFORE = re.compile(
    r"\b(?P<w>this|the\s+current|the\s+present|current|last|the\s+previous|next|the\s+coming)\s+$",
    re.I)
_RX_YEAR_AFTER = re.compile(rf"\s*(?P<sep>,|\(|[-–—])?\s*(?P<y>{_YEAR})(?![\d\w])")
_RX_YEAR_BEFORE = re.compile(
    rf"(?<![\d\w])(?P<y>{_YEAR})\s*(?:,|\(|[-–—])?\s*(?:(?:which\s+is|i\.e\.)\s+)?"
    r"(?:the\s+current|the\s+present)\s+$", re.I)
_ANCHOR_SHIFT = {"this": 0, "the current": 0, "the present": 0, "current": 0, "last": 1,
                 "the previous": 1, "next": -1, "the coming": -1}


def _year_anchors(text: str):
    """Each "this year" / "the current year" / "last year" the text says about its own time:
    (the anchor word, the year it names or None)."""
    for m in _SCAN_YEAR_WORD.finditer(text):
        window = _window(text, m.start(), 40)
        before = _RX_ANCHOR_BEFORE.search(window)
        if not before:
            continue
        w = re.sub(r"\s+", " ", before.group("w").lower())
        if w in ("last", "next") and re.search(r"\bthe\s+$", window[:before.start()], re.I):
            continue                     # "the last year" is a span of time
        named = None
        after = _RX_YEAR_AFTER.match(text, m.end())
        # "last year, 2016" needs the comma; "this year 2017" is clear without one.
        if after and (after.group("sep") or _ANCHOR_SHIFT[w] == 0):
            named = int(after.group("y")) + _ANCHOR_SHIFT[w]
        elif w in ("the current", "the present"):
            b = _RX_YEAR_BEFORE.search(window)
            if b:
                named = int(b.group("y"))
        yield w, named


def _stated_current_year(text: str) -> int | None:
    """A year the text itself calls this year ("this year, 2017"; "in 2024, the current year")."""
    votes = Counter(y for _, y in _year_anchors(text) if y is not None)
    return votes.most_common(1)[0][0] if votes else None


def _past_mentions(text: str) -> list[tuple[tuple, int]]:
    """Explicit (y, m, d) dates/years in the text that do not read as plans or deadlines."""
    out = []
    for c in _select(_candidates(text, None, relative=False), len(text)):
        if c.lo[0] is None or c.hi is not None:
            continue
        if _prev_word(text, c.start) in ("by", "until", "till", "before"):
            continue
        sentence_start = max(text.rfind(".", 0, c.start), text.rfind("\n\n", 0, c.start), c.start - 100)
        if _FUTURE_WORDS.search(text, sentence_start + 1, c.start):
            continue
        out.append((tuple(c.lo), c.start))
    return out


def _year_for_dateline(text: str, mo: int, d: int, support: tuple | None) -> int | None:
    """The year of a dateline written without one, or None when nothing in the text supports one."""
    stated = _stated_current_year(text)
    if stated:
        return stated
    if support is not None:          # a date from the page metadata or URL
        return _closest_year(mo, d, support)
    mentions = _past_mentions(text)
    if not mentions:
        return None
    counts = Counter(p[0] for p, _ in mentions)
    y0 = max(counts)
    dated = [p for p, _ in mentions if p[0] == y0 and p[1] is not None]
    if dated:
        if mo <= 2 and max(p[1] for p in dated) >= 11:
            return y0 + 1            # a January dateline after December events
        return y0
    return y0 if counts[y0] >= 3 else None


def _date_from_text(text: str) -> str | None:
    stated = _stated_current_year(text)
    if stated:
        return str(stated)
    # The text speaks from its own present ("the current year", "last year") and dates past
    # events to the day: the latest such day is the best estimate of the year of writing.
    if next(_year_anchors(text), None) is None:
        return None
    mentions = _past_mentions(text)
    days = [p[0] for p, _ in mentions if p[2] is not None]
    months = [p[0] for p, _ in mentions if p[1] is not None]
    if not days:
        return None
    y = max(days)
    return str(y) if y >= max(months) else None


_RX_URL_PATH = re.compile(
    r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?=[/?#]|$)")
_RX_URL_SLUG = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<s>[-_]?)(?P<m>0[1-9]|1[0-2])(?P=s)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    m = _RX_URL_PATH.search(path)
    if m:
        parts = (int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None)
        if _valid(*parts):
            return _fmt(*parts)
    for m in _RX_URL_SLUG.finditer(path):
        if not m.group("s") and not re.search(r"[/_-]$", path[:m.start()]):
            continue     # eight bare digits are only a date when they stand alone in the path
        parts = (int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if _valid(*parts):
            return _fmt(*parts)
    return None


def detect_document_date(text: str, *, url: str | None = None, meta: dict | None = None,
                         given: str | None = None) -> tuple[str | None, str | None]:
    """(ISO 8601 prefix, source) of the date the document was written, or (None, None).

    Sources by precedence: given > header > byline > dateline > html-meta > url > text."""
    if given:
        value = normalize_date(given)
        if value:
            return value, "given"
    head = _head(text)
    value = _header_date(head)
    if value:
        return value, "header"
    value = _byline_date(head)
    if value:
        return value, "byline"
    meta_value = normalize_date((meta or {}).get("html_date"))
    url_value = _url_date(url)
    line = _dateline(head)
    if line:
        (y, mo, d), shift = line
        if y is None:
            support = _parse_iso(meta_value or url_value)
            y = _year_for_dateline(text, mo, d, support)
        if y is not None and _valid(y, mo, d):
            t = date(y, mo, d) + timedelta(days=shift)
            return _fmt(t.year, t.month, t.day), "dateline"
    if meta_value:
        return meta_value, "html-meta"
    if url_value:
        return url_value, "url"
    value = _date_from_text(text)
    if value:
        return value, "text"
    return None, None
