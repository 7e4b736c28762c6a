"""Exact shortcuts for the regexes the rules run on every sentence (`gate(pattern)`).

A pattern like `\\b(?:host\\w*|held|...)\\b` under IGNORECASE costs the `re` engine tens of
microseconds per sentence: it tries every alternative at every character. Two facts read from
the pattern itself make most of that work unnecessary, without changing any result:

- required literals: every match contains one of a few strings ("host", "held", ...), so a
  sentence whose folded form (fold()) holds none of them has no match (a few `in` tests, or
  one Aho-Corasick pass for many strings);
- anchors: every match starts with one of a few words (or a digit), so `search` and
  `finditer` need to try the pattern only where those words start, in order: the leftmost
  match is the one found at the first such place that gives one, and since such matches are
  never empty, each next search goes on where the last match ended, as the engine's does.

Both are computed from the parsed pattern (so they follow any edit of it); a construct that is
not understood only makes a shortcut weaker or absent, never wrong. Case-insensitive matching
is respected: fold() maps the few characters the engine equates with ASCII letters beyond
str.lower() (dotted and dotless i, long s, Kelvin sign), and non-ASCII letters with other
case equivalents are not used as literals.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator

import ahocorasick

try:   # the regex parser of the standard library (private, stable from 3.11 on)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - another Python: no prefilter, the regex alone decides
    _c = _p = None

# Characters that the regex engine (IGNORECASE) equates with an ASCII letter but that str.lower()
# does not turn into it: dotted and dotless i, long s, the Kelvin sign.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-cased text in which every character the regex engine would match case-insensitively
    against an ASCII letter is that letter, and every run of white space is one space: a match
    of any pattern in `text` shows in fold(text) as the folded literals of the pattern."""
    return _SPACES.sub(" ", text.translate(_FOLD).lower())


_MAX_SET = 64          # the most strings one exact piece may stand for
_MAX_CLASS = 8         # the most characters a character class may stand for
_MAX_ANCHORS = 1024    # the most words a match may start with


class _Inexact(Exception):
    pass


try:   # characters the engine equates beyond plain lower-casing (Greek, Cyrillic variants ...)
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover
    _EXTRA_CASES = None


def _no_case(ch: str) -> bool:
    """Whether fold() turns every character the engine matches against `ch` (IGNORECASE)
    into fold(ch)."""
    if ch.isascii() or unicodedata.category(ch)[0] in "PSZ":
        return True
    lower = ch.lower()
    return _EXTRA_CASES is not None and len(lower) == 1 and ord(lower) not in _EXTRA_CASES \
        and ord(ch) not in _EXTRA_CASES


def _squeeze(s: str) -> str:
    while "  " in s:
        s = s.replace("  ", " ")
    return s


def _char_set(op, av, icase: bool) -> set[str]:
    """The folded characters a LITERAL or IN item matches (white space as " "), or _Inexact."""
    if op is _c.LITERAL:
        chars = [chr(av)]
    elif op is _c.IN:
        chars = []
        space = False
        for o, a in av:
            if o is _c.LITERAL:
                chars.append(chr(a))
            elif o is _c.RANGE and a[1] - a[0] < _MAX_CLASS * 4:
                chars.extend(chr(x) for x in range(a[0], a[1] + 1))
            elif o is _c.CATEGORY and a is _c.CATEGORY_SPACE:
                space = True
            else:
                raise _Inexact
        if space:
            if any(not ch.isspace() for ch in chars):
                raise _Inexact         # white space or something else: no single literal
            return {" "}
    else:
        raise _Inexact
    out: set[str] = set()
    for ch in chars:
        if ch.isspace():
            out.add(" ")
        elif icase and not _no_case(ch):
            raise _Inexact
        else:
            out.add(fold(ch))
    if " " in out and len(out) > 1 or len(out) > _MAX_CLASS:
        raise _Inexact
    return out


def _exact(items, icase: bool) -> set[str]:
    """All the (folded) strings a sequence matches, if few; else _Inexact."""
    out = {""}
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue        # zero-width: the strings around it stay contiguous
        piece = _piece(op, av, icase)
        out = {_squeeze(a + b) for a in out for b in piece}
        if len(out) > _MAX_SET:
            raise _Inexact
    return out


def _piece(op, av, icase: bool) -> set[str]:
    if op in (_c.LITERAL, _c.IN):
        return _char_set(op, av, icase)
    if op is _c.SUBPATTERN:
        return _exact(av[3], _flags(icase, av))
    if op is _c.BRANCH:
        piece: set[str] = set()
        for b in av[1]:
            piece |= _exact(b, icase)
        return piece
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, inner = av[0], av[1], _exact(av[2], icase)
        if inner <= {" ", ""}:
            # white space repeated is one space in folded text
            return {" "} if lo >= 1 and inner == {" "} else {"", " "}
        if lo == 0 and hi == 1:
            return inner | {""}
        if lo == hi and lo <= 3:
            piece = {""}
            for _ in range(lo):
                piece = {_squeeze(a + b) for a in piece for b in inner}
            return piece
    raise _Inexact


def _flags(icase: bool, av) -> bool:
    add, remove = av[1], av[2]
    if add & _c.SRE_FLAG_IGNORECASE:
        return True
    if remove & _c.SRE_FLAG_IGNORECASE:
        return False
    return icase


def _minimal(keys: set[str]) -> frozenset[str] | None:
    """Drop strings that contain another one (testing the shorter suffices); None when a
    string is empty or only white space (no constraint)."""
    if not keys or any(not k.strip() for k in keys):
        return None
    out = [k for k in keys if not any(o != k and o in k for o in keys)]
    return frozenset(out)


def _score(keys: frozenset[str] | None) -> tuple:
    """Higher is more selective: longer shortest string (spaces count little), fewer strings."""
    if keys is None:
        return (-1, 0)
    return (min(len(k.strip()) + 0.5 * (len(k) - len(k.strip())) for k in keys), -len(keys))


def _required(items, icase: bool) -> frozenset[str] | None:
    """Strings one of which every match of the sequence contains (None: no constraint)."""
    best: frozenset[str] | None = None
    run: set[str] = {""}     # the strings the current stretch of exact items matches

    def consider(cand: frozenset[str] | None) -> None:
        nonlocal best
        if _score(cand) > _score(best):
            best = cand

    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        try:
            piece = _piece(op, av, icase)
        except _Inexact:
            consider(_minimal(run))
            run = {""}
            consider(_required_item(op, av, icase))
            continue
        if len(run) * len(piece) > _MAX_SET:
            consider(_minimal(run))
            run = {""}
            consider(_minimal(piece))
        run = {_squeeze(a + b) for a in run for b in piece}
    consider(_minimal(run))
    return best


def _required_item(op, av, icase: bool) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _required(av[3], _flags(icase, av))
    if op is _c.BRANCH:
        keys: set[str] = set()
        for b in av[1]:
            r = _required(b, icase)
            if r is None:
                return None
            keys |= r
        return _minimal(keys)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2], icase)
    if op is _c.ATOMIC_GROUP:
        return _required(av, icase)
    return None


_ANY_DIGIT = "\x00"   # in a prefix: any character the engine's \d matches


def _prefixes(items, icase: bool) -> set[str]:
    """Folded strings one of which every match of the sequence starts with ("" among them:
    nothing known; a string may end in _ANY_DIGIT)."""
    out = {""}
    items = list(items)
    for i, (op, av) in enumerate(items):
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        try:
            piece, exact = _piece(op, av, icase), True
        except _Inexact:
            piece, exact = _item_prefixes(op, av, icase), False
            if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] == 0:
                # an optional part: the match starts with it or with what follows it
                piece = _prefixes(av[2], icase) | _prefixes(items[i + 1:], icase)
        grown = {_squeeze(a + b) for a in out for b in piece}
        if len(grown) > _MAX_ANCHORS:
            break
        out = grown
        if not exact:
            break
    return out


def _item_prefixes(op, av, icase: bool) -> set[str]:
    if op is _c.SUBPATTERN:
        return _prefixes(av[3], _flags(icase, av))
    if op is _c.BRANCH:
        out: set[str] = set()
        for b in av[1]:
            out |= _prefixes(b, icase)
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _prefixes(av[2], icase)
    if op is _c.ATOMIC_GROUP:
        return _prefixes(av, icase)
    if op is _c.IN and av in ([(_c.CATEGORY, _c.CATEGORY_DIGIT)], [(_c.CATEGORY, _c.CATEGORY_UNI_DIGIT)]):
        return {_ANY_DIGIT}
    return {""}


def _word_start(items) -> bool:
    """Whether every match starts right after a non-word character (or at the start): the
    pattern opens with \\b, or with a look-behind that rules out a word character."""
    if not items:
        return False
    op, av = items[0]
    if op is _c.AT:
        return av in (_c.AT_BOUNDARY, _c.AT_UNI_BOUNDARY)
    if op is _c.ASSERT_NOT and av[0] == -1:
        inner = list(av[1])
        return len(inner) == 1 and inner[0][0] is _c.IN and all(o is not _c.NEGATE for o, _ in inner[0][1]) \
            and any(o is _c.CATEGORY and a in (_c.CATEGORY_WORD, _c.CATEGORY_UNI_WORD) for o, a in inner[0][1])
    if op is _c.SUBPATTERN:
        return _word_start(list(av[3]))
    if op is _c.BRANCH:
        return all(_word_start(list(b)) for b in av[1])
    return False


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _parse(regex: re.Pattern):
    if _p is None or not isinstance(regex.pattern, str):
        return None
    return _parse_source(regex.pattern, regex.flags)


@functools.lru_cache(maxsize=1024)
def _parse_source(source: str, flags: int):
    try:
        parsed = _p.parse(source, flags)
    except Exception:       # noqa: BLE001 - a pattern this parser does not read: no prefilter
        return None
    return list(parsed), bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)


def required_literals(regex: re.Pattern) -> frozenset[str] | None:
    """Strings one of which is in fold(text) whenever the pattern finds a match in `text`;
    None when no such set is known."""
    parsed = _parse(regex)
    try:
        return _required(*parsed) if parsed else None
    except Exception:       # noqa: BLE001 - an unknown construct means no prefilter, not an error
        return None


def match_anchors(regex: re.Pattern) -> frozenset[str] | None:
    """Lower-cased words (no white space; _ANY_DIGIT for a digit) one of which every match
    of the pattern starts with, as lower() of the text shows them; None when not known."""
    parsed = _parse(regex)
    try:
        starts = _prefixes(*parsed) if parsed else {""}
    except Exception:       # noqa: BLE001 - an unknown construct means no anchors, not an error
        return None
    anchors = set()
    for start in starts:
        word = start.split(" ")[0]
        # a digit can only end a prefix: the word before it, else the digit itself
        word = word.split(_ANY_DIGIT)[0] or (_ANY_DIGIT if word.startswith(_ANY_DIGIT) else "")
        if not word:
            return None
        anchors.add(word)
    # a word that starts with another anchor adds no place to try
    return frozenset(w for w in anchors if not any(o != w and w.startswith(o) for o in anchors))


def opens_at_word_start(regex: re.Pattern) -> bool:
    """Whether every match starts where no word character precedes it (\\b or a look-behind
    excluding word characters first)."""
    parsed = _parse(regex)
    try:
        return bool(parsed) and _word_start(parsed[0])
    except Exception:       # noqa: BLE001
        return False


# --- the tests on the text ---------------------------------------------------------------------
# Each sentence meets many patterns: its folded and lower-cased forms and word starts are kept
# for the texts seen last.
_FOLDED: dict[str, str] = {}
_LOWER: dict[str, str] = {}
_WORD_STARTS: dict[str, list[int]] = {}
_DIGIT_RX = re.compile(r"\d")
_WORD_START_RX = re.compile(r"\b\w")
_KEEP = 512


def _folded(text: str) -> str:
    folded = _FOLDED.get(text)
    if folded is None:
        if len(_FOLDED) >= _KEEP:
            _FOLDED.clear()
        folded = _FOLDED[text] = fold(text)
    return folded


def _lower(text: str) -> str:
    low = _LOWER.get(text)
    if low is None:
        if len(_LOWER) >= _KEEP:
            _LOWER.clear()
        low = _LOWER[text] = text.translate(_FOLD).lower()     # same length as text
    return low


def _word_starts(text: str) -> list[int]:
    starts = _WORD_STARTS.get(text)
    if starts is None:
        if len(_WORD_STARTS) >= _KEEP:
            _WORD_STARTS.clear()
        starts = _WORD_STARTS[text] = [m.start() for m in _WORD_START_RX.finditer(text)]
    return starts


# Below this length the regex engine is about as quick as the tests themselves.
_SHORT = 48


def _any_of(keys: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether a folded text holds one of `keys`: `in` for a few keys, one
    Aho-Corasick pass for many (a hundred `in` scans cost more than the regex they save)."""
    if len(keys) <= 4:
        def test(folded: str) -> bool:
            for k in keys:
                if k in folded:
                    return True
            return False
        return test
    automaton = ahocorasick.Automaton()
    for k in keys:
        automaton.add_word(k, k)
    automaton.make_automaton()

    def test_many(folded: str) -> bool:
        for _ in automaton.iter(folded):
            return True
        return False
    return test_many


class Gated:
    """A compiled pattern behind exact shortcuts, with the pattern's methods and results.

    - the prefilter: a text whose fold() holds none of the required literals has no match;
    - anchors: every match starts where one of a few words (or a digit) starts, so search and
      finditer try the pattern only there, in order, instead of at every character: the
      leftmost match is the one found at the first such place that gives one, and as matches
      are never empty each next search goes on where the last match ended."""

    __slots__ = ("regex", "keys", "_test", "_anchored", "_digits", "_few", "_automaton", "_by_head",
                 "_word_start", "pattern", "flags", "groups", "groupindex")

    def __init__(self, regex: re.Pattern, keys: frozenset[str] | None, anchors: frozenset[str] | None,
                 word_start: bool = False):
        self.regex = regex
        self.pattern, self.flags = regex.pattern, regex.flags
        self.groups, self.groupindex = regex.groups, regex.groupindex
        self.keys = tuple(sorted(keys, key=len)) if keys else ()
        self._test = _any_of(self.keys) if self.keys else None
        self._anchored = anchors is not None
        self._digits = anchors is not None and _ANY_DIGIT in anchors
        words = sorted(anchors - {_ANY_DIGIT}) if anchors is not None else []
        self._few = tuple(words) if len(words) <= 3 else None
        self._automaton = self._by_head = None
        if word_start and any(len(w) <= 2 for w in words):
            # short words ("a", "in") hide inside many others: look at word starts instead
            by_head: dict[str, list[str]] = {}
            for w in words:
                by_head.setdefault(w[0], []).append(w)
            self._by_head = {k: tuple(v) for k, v in by_head.items()}
        elif self._few is None:
            self._automaton = ahocorasick.Automaton()
            for w in words:
                self._automaton.add_word(w, len(w))
            self._automaton.make_automaton()
        self._word_start = word_start

    def possible(self, text: str) -> bool:
        """False only when the pattern cannot match in `text`."""
        if self._test is None or len(text) < _SHORT:
            return True
        folded = _FOLDED.get(text)
        return self._test(folded if folded is not None else _folded(text))

    def _starts(self, text: str) -> list[int]:
        """Where a match may start, in order."""
        low = _LOWER.get(text)
        if low is None:
            low = _lower(text)
        if self._by_head is not None:
            by_head, digits = self._by_head, self._digits
            found = []
            for i in _word_starts(text):
                heads = by_head.get(low[i])
                if heads is not None and low.startswith(heads, i) or digits and text[i].isdecimal():
                    found.append(i)
            return found
        starts = {m.start() for m in _DIGIT_RX.finditer(text)} if self._digits else set()
        if self._few is not None:
            for w in self._few:
                i = low.find(w)
                while i >= 0:
                    starts.add(i)
                    i = low.find(w, i + 1)
        else:
            starts.update(end - size + 1 for end, size in self._automaton.iter(low))
        if self._word_start:
            starts = [i for i in starts if i == 0 or not _is_word(text[i - 1])]
        return sorted(starts) if len(starts) > 1 else list(starts)

    def search(self, text: str, *args) -> re.Match | None:
        if self._anchored and not args:
            match = self.regex.match
            for start in self._starts(text):
                m = match(text, start)
                if m is not None:
                    return m
            return None
        return self.regex.search(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args) -> Iterator[re.Match]:
        if self._anchored and not args:
            return self._finditer(text)
        return self.regex.finditer(text, *args) if self.possible(text) else iter(())

    def _finditer(self, text: str) -> Iterator[re.Match]:
        match = self.regex.match
        pos = 0
        for start in self._starts(text):
            if start >= pos:
                m = match(text, start)
                if m is not None:
                    yield m
                    pos = m.end()

    def match(self, text: str, *args) -> re.Match | None:
        return self.regex.match(text, *args) if self.possible(text) else None

    def fullmatch(self, text: str, *args) -> re.Match | None:
        return self.regex.fullmatch(text, *args) if self.possible(text) else None

    def findall(self, text: str, *args) -> list:
        return self.regex.findall(text, *args) if self.possible(text) else []

    def sub(self, repl, text: str, count: int = 0) -> str:
        return self.regex.sub(repl, text, count) if self.possible(text) else text

    def split(self, text: str, maxsplit: int = 0) -> list:
        return self.regex.split(text, maxsplit)

    def subn(self, repl, text: str, count: int = 0) -> tuple[str, int]:
        return self.regex.subn(repl, text, count)

    def __repr__(self) -> str:
        return f"Gated({self.regex!r})"


def gate(regex: re.Pattern) -> re.Pattern | Gated:
    """`regex` behind its shortcuts, or `regex` itself when it has none."""
    if isinstance(regex, Gated):
        return regex
    keys, anchors = required_literals(regex), match_anchors(regex)
    if keys is None and anchors is None:
        return regex
    word_start = anchors is not None and opens_at_word_start(regex) and \
        all(a == _ANY_DIGIT or _is_word(a[0]) for a in anchors)      # digits are word characters
    return Gated(regex, keys, anchors, word_start)
