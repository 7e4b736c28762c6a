"""Finding registry names in text in one pass.

All names of all entities go into ONE Aho-Corasick automaton, keyed by their folded form
(lower case, no diacritics, punctuation as spaces, space runs collapsed). The text is folded the
same way, character for character, so a match maps straight back to original offsets. Python
then only checks, per hit: word boundaries, the capitalization pattern (names need their capital
letters, acronyms their exact case, ALL-CAPS text passes), and picks the leftmost-longest
non-overlapping matches.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate

import ahocorasick

from ..model import Mention
from .load import Registry, _year, fold, get_registry, name_key

# Same-span ties: which kind of entity and which kind of name wins.
KIND_RANK = {"country": 0, "org": 1, "group": 2, "event": 3, "project": 4, "person": 5, "city": 6,
             "block": 9}
VIA_RANK = {"name": 0, "alias": 1, "capital": 1, "acronym": 2, "demonym": 3, "former": 4,
            "surname": 5}

# Phrases that contain a registry name but are not mentions of it ("Indian Ocean" is not India).
# They take part in leftmost-longest matching and produce nothing.
NOT_ENTITY_NAMES = (
    "Indian Ocean", "American Indian", "American Indians", "West Indies", "West Indian",
    "East Indies", "Gulf of Guinea", "New Guinea", "Niger Delta", "Niger River", "River Niger",
    "Congo River", "Congo Basin", "Lake Chad", "Jordan River", "Jordan Valley", "Dead Sea",
    "Baltic Sea", "Caribbean Sea", "Irish Sea", "South China Sea", "East China Sea",
    "Sea of Japan", "Arabian Sea", "Arabian Peninsula", "Korean Peninsula", "Iberian Peninsula",
    "Pan American", "Pan-American", "Inter-American", "Native American", "Native Americans",
    "African American", "African Americans", "Asian American", "Asian Americans",
    "North Pole", "South Pole", "Georgia Tech", "Georgia State University", "New Jersey",
    "New Mexico", "New South Wales", "New England", "Washington State", "Washington Post",
    "George Washington", "Bank of America", "Voice of America", "Captain America",
    "English Channel", "French fries", "Turkish delight", "Swiss cheese", "Dutch auction",
    "Chinese New Year", "Mexican wave", "Spanish flu", "Russian roulette", "Greek yogurt",
    "Indian summer", "Georgian architecture", "Georgian era", "Jordan Peterson", "Michael Jordan",
    "Chad Smith", "Turkey Point", "Guinea pig",
)

# Person surnames that are everyday capitalized words: matched only through an introduction.
SURNAME_STOPWORDS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
rice bush brown black white green young king long little hall ford price love moon park sun kim
lee li wang zhang chen liu yang page rose law rich bill case chase hope joy grant frank mark rock
stone wood woods field hill mills lane house street west east north south will best good major
new small strong lord bishop church power cook baker smith carter miller turner hunter fisher
cole bell nash duke earl prince knight noble day gold silver bond cash rule hard wise fox
""".split())

# Acronyms that are also English words: rejected inside ALL-CAPS runs ("TELL US MORE").
ENGLISH_WORD_ACRONYMS = frozenset("""
us is it am as at no on or in me we so to be do go he if my of up by an ok one all are and can
for has his its not our out the was who why aid aim act art eye fan gas jet key law map oil pet
sea sun tap top war win eco bad big cap cop
""".split())

_ARTICLE_KINDS = frozenset(("country", "org", "group", "project", "event"))
_SPACE_RUNS = re.compile("  +")
_WORD = re.compile(r"[^\W_]+")


# British and American spellings of words in organization names; both are written.
_SPELLINGS = (("ization", "isation"), ("izations", "isations"), ("Defense", "Defence"),
              ("Center", "Centre"), ("Labor", "Labour"), ("Program ", "Programme "),
              ("Cooperation", "Co-operation"), ("cooperation", "co-operation"))


def _spelling_variants(surface: str) -> list[str]:
    variants = []
    for a, b in _SPELLINGS:
        if a in surface:
            variants.append(surface.replace(a, b))
        elif b in surface:
            variants.append(surface.replace(b, a))
    return variants


# Capitalized words that may stand right before a bare surname without naming someone else.
_BEFORE_SURNAME_OK = frozenset("""
President Prime Minister Premier Mr Mrs Ms Dr Sheikh King Queen Emir Amir Sultan Prince Princess
Chancellor Secretary General Foreign Leader Chairman Chair Speaker Ambassador Counterpart Vice
Deputy Former Senator Sen Governor Mayor Pope Excellency Madam Mme Minister's President's The
A An And But As At By For From In Of On Or To With When While After Before Said Says Also Then
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Later Meanwhile However Today
Yesterday Earlier Finally First Also Both Here There Now Still Instead Moreover Indeed
""".split())
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”'‘’(\n]\s*)$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’\-]*) $")


def preceded_by_other_given_name(text: str, start: int, own_words: set[str]) -> bool:
    """Whether the surname at `start` follows a capitalized word that is not a title and not
    one of the person's own names: "Emine Erdoğan" is not Recep Tayyip Erdoğan."""
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not match:
        return False
    word = match.group(1)
    if not word[0].isupper() or word in _BEFORE_SURNAME_OK or word.isupper():
        return False
    if _SENTENCE_END.search(text, max(0, match.start() - 3), match.start()):
        return False                           # capitalized only because it starts a sentence
    return name_key(word) not in own_words


_EVENT_HEADS = {"summit", "forum", "games", "conference", "congress", "olympics", "dialogue", "assembly", "expo"}


class _Cand:
    """One registered surface of one entity, with what it takes to accept a match of it."""

    __slots__ = ("entity_id", "kind", "via", "surface", "acronym", "upper_words", "letters",
                 "trailing_dot", "english_word", "rank", "article")

    def __init__(self, entity_id: str, kind: str, via: str, surface: str):
        self.entity_id = entity_id
        self.kind = kind
        self.via = via
        self.surface = surface
        self.acronym = via == "acronym"
        words = _WORD.findall(surface)
        # names: the words whose first letter is capital in the registry must be capital in text
        self.upper_words = tuple(i for i, w in enumerate(words) if w[0].isupper())
        self.letters = "".join(words)
        self.trailing_dot = surface.endswith(".")
        self.english_word = self.acronym and self.letters.lower() in ENGLISH_WORD_ACRONYMS
        # multiword proper names take a preceding "the" into the mention ("the United Nations")
        self.article = (via in ("name", "alias", "former") and kind in _ARTICLE_KINDS
                        and len(words) > 1 and surface[:1].isupper())
        kind_rank = KIND_RANK["person"] + 2 if via == "surname" else KIND_RANK.get(kind, 8)
        self.rank = (kind_rank, VIA_RANK.get(via, 6))

    def case_ok(self, span: str) -> bool:
        if span == self.surface:
            return True
        if self.acronym:
            letters = "".join(_WORD.findall(span))
            if len(letters) != len(self.letters):
                return False
            if letters.isupper():
                return any(c.isupper() for c in self.letters)
            return all(a.isupper() == b.isupper() for a, b in zip(letters, self.letters))
        if not self.upper_words:
            return True
        words = _WORD.findall(span)
        if len(words) <= self.upper_words[-1]:
            return False
        upper = [words[i][0].isupper() for i in self.upper_words]
        if all(upper):
            return True
        # "the Caspian summit", "the European games": news writes an event's head word in lower
        # case; the name before it must keep its capitals.
        if (self.kind == "event" and len(upper) >= 2 and all(upper[:-1]) and self.upper_words[-1] == len(words) - 1
                and words[-1].lower() in _EVENT_HEADS):
            return True
        # Long names are often written with some words in lower case ("Cooperation Council of
        # Turkic speaking states"); three or more capitalized words cannot be a common phrase by
        # accident, so the first and most of them are enough.
        return len(upper) >= 3 and upper[0] and 2 * sum(upper) > len(upper)


class Gazetteer:
    """Finds every registry name in a text. Build once per registry (see get_gazetteer)."""

    def __init__(self, registry: Registry):
        self.registry = registry
        by_key: dict[str, list[_Cand]] = {}
        given_names = _given_names(registry)
        for surface, entity_id, via, kind in registry.names_with_kind():
            entity = registry.get(entity_id, kind)
            if entity is None:
                continue
            if via == "surname" and (name_key(surface) in SURNAME_STOPWORDS or name_key(surface) in given_names):
                continue                       # "Ali", "May": only through an introduction
            self._add(by_key, surface, entity_id, entity.kind, via)
            if entity.kind in ("org", "event", "project"):
                for variant in _spelling_variants(surface):
                    self._add(by_key, variant, entity_id, entity.kind, via)
        for phrase in NOT_ENTITY_NAMES:
            self._add(by_key, phrase, "", "block", "name")
        self._acronym_keys = frozenset(
            name_key(s) for s, _, via in registry.names() if via == "acronym")
        automaton = ahocorasick.Automaton()
        for key, cands in by_key.items():
            cands.sort(key=lambda c: c.rank)
            automaton.add_word(" " + key, (len(key) + 1, tuple(cands)))
        automaton.make_automaton()
        self._automaton = automaton
        self.size = len(by_key)

    @staticmethod
    def _add(by_key: dict[str, list[_Cand]], surface: str, entity_id: str, kind: str, via: str) -> None:
        key = name_key(surface)
        if len(key) < 2:
            return
        bucket = by_key.setdefault(key, [])
        if not any(c.entity_id == entity_id and c.surface == surface and c.via == via for c in bucket):
            bucket.append(_Cand(entity_id, kind, via, surface))

    def find(self, text: str, date: str | None = None) -> list[Mention]:
        """Mentions of registry entities in `text`, leftmost-longest, non-overlapping, in order.
        `date` (ISO prefix) picks group membership and which office holder a surname means."""
        return self._mentions(text, self.scan(text), date)

    def scan(self, text: str) -> list[tuple[int, int, tuple[_Cand, ...]]]:
        """Raw accepted matches: (start, end, candidates that passed the case checks, best
        first), reduced to leftmost-longest non-overlapping spans."""
        folded = fold(text)
        kept: list[int] = []
        removed: list[int] = []
        if "  " in folded:
            # Collapse space runs (punctuation, line breaks, double spaces) and keep the shifts:
            # a collapsed index c maps back to c + removed[k-1], k = runs kept before c.
            spans = [m.span() for m in _SPACE_RUNS.finditer(folded)]
            removed = list(accumulate(e - s - 1 for s, e in spans))
            kept = [s - (removed[i - 1] if i else 0) for i, (s, _) in enumerate(spans)]
            folded = _SPACE_RUNS.sub(" ", folded)
        n_runs = len(kept)
        bisect_left = bisect.bisect_left
        haystack = " " + folded + " "
        accepted: list[tuple[int, int, int, tuple[_Cand, ...]]] = []
        text_len = len(text)
        for end, (key_len, cands) in self._automaton.iter(haystack):
            if haystack[end + 1] != " ":
                continue                       # the name continues into a longer word
            start = end - key_len + 1          # name start in the collapsed text; `end` is its stop
            stop = end
            if n_runs:
                k = bisect_left(kept, start)
                if k:
                    start += removed[k - 1]
                if k < n_runs and kept[k] < end - 1:
                    stop += removed[bisect_left(kept, end - 1) - 1]   # runs inside the name
                elif k:
                    stop += removed[k - 1]
            span = text[start:stop]
            if _HARD_BREAK.search(span):
                # "Austria, Hungary" is a list, not "Austria-Hungary": punctuation that the
                # registered name lacks ends a name
                cands = tuple(c for c in cands if _HARD_BREAK.search(c.surface))
                if not cands:
                    continue
            if len(cands) == 1:
                ok = cands if cands[0].case_ok(span) else ()
            else:
                ok = tuple([c for c in cands if c.case_ok(span)])
                if len(ok) > 1 and ok[0].surface != span:
                    # written exactly as registered beats a case-insensitive reading: "GUAM" is
                    # the organization's acronym, not the island written in capitals
                    exact = [c for c in ok if c.surface == span]
                    if exact:
                        ok = tuple(exact + [c for c in ok if c.surface != span])
            if not ok:
                continue
            best = ok[0]
            if best.english_word and self._in_caps_run(text, start, stop):
                ok = tuple([c for c in ok if not c.english_word])
                if not ok:
                    continue
                best = ok[0]
            if best.trailing_dot and stop < text_len and text[stop] == "." and span[-1:] != ".":
                stop += 1                      # "U.S." keeps its final period
            accepted.append((start, -stop, len(accepted), ok))
        accepted.sort()
        chosen: list[tuple[int, int, tuple[_Cand, ...]]] = []
        last_end = -1
        for start, neg_stop, _, ok in accepted:
            if start >= last_end:
                if ok[0].article and start >= last_end + 4 and text[start - 1:start].isspace() \
                        and text[start - 4:start - 1].lower() == "the" \
                        and (start == 4 or not text[start - 5].isalnum()):
                    start -= 4                 # "the Republic of Azerbaijan" is one mention
                chosen.append((start, -neg_stop, ok))
                last_end = -neg_stop
        return chosen

    def _in_caps_run(self, text: str, start: int, stop: int) -> bool:
        """Whether a neighbouring word is an all-capitals ordinary word (a shouted headline)."""
        before = _WORD.findall(text[max(0, start - 30):start])
        after = _WORD.findall(text[stop:stop + 30])
        for word in (before[-1] if before else "", after[0] if after else ""):
            if len(word) >= 3 and word.isupper() and word.isalpha() and word.lower() not in self._acronym_keys:
                return True
        return False

    def _mentions(self, text: str, chosen: list[tuple[int, int, tuple[_Cand, ...]]],
                  date: str | None) -> list[Mention]:
        registry = self.registry
        year = _year(date)
        members_cache: dict[str, tuple[str, ...]] = {}
        out: list[Mention] = []
        for start, stop, cands in chosen:
            best = cands[0]
            if best.kind == "block":
                continue
            if best.kind == "person":
                best = self._pick_person(cands, date)
                if best.via == "surname":
                    entity = registry.get(best.entity_id, "person")
                    own = {w for n in ([entity.name, *entity.aliases] if entity else []) for w in name_key(n).split()}
                    if preceded_by_other_given_name(text, start, own):
                        continue
            kind = best.kind
            country = None
            members: tuple[str, ...] = ()
            if kind == "person":
                country = registry.person_country(best.entity_id, date) if date else None
                country = country or registry.person_country(best.entity_id)
            elif kind == "city":
                entity = registry.get(best.entity_id, "city")
                country = entity.country if entity else None
            elif kind == "group":
                members = members_cache.get(best.entity_id)
                if members is None:
                    members = tuple(registry.members_of(best.entity_id, year, kind="group"))
                    members_cache[best.entity_id] = members
            out.append(Mention(start, stop, text[start:stop], best.entity_id, kind, best.via,
                               country, members))
        return out

    def _pick_person(self, cands: tuple[_Cand, ...], date: str | None) -> _Cand:
        """Among same-surface persons, the one in office at `date`, else the most recent."""
        top = cands[0].rank
        persons = [c for c in cands if c.kind == "person" and c.rank == top]
        if len(persons) == 1:
            return persons[0]
        registry = self.registry
        if date:
            in_office = [c for c in persons if registry.person_country(c.entity_id, date)]
            if len(in_office) >= 1:
                persons = in_office

        def latest(c: _Cand) -> str:
            entity = registry.get(c.entity_id, "person")
            starts = [str(t.get("from") or "") for t in (entity.terms if entity else [])]
            opened = any(t.get("to") is None for t in (entity.terms if entity else []))
            return ("1" if opened else "0") + max(starts, default="")
        return max(persons, key=latest)


def _given_names(registry: Registry) -> set[str]:
    """Folded words that are given names somewhere in the registry's persons (a surname that is
    also someone's first name, like "Ali" or "Hassan", is too ambiguous to match alone)."""
    given: set[str] = set()
    for person in registry.by_kind("person"):
        surname_words = len((person.surname or "").split()) or 1
        for full in (person.name, *person.aliases):
            words = name_key(full).split()
            given.update(words[:-surname_words])
    return given


def get_gazetteer(registry: Registry | None = None) -> Gazetteer:
    """The gazetteer of `registry` (default: the package registry), built once and cached."""
    if registry is None:
        return _default_gazetteer()
    cached = getattr(registry, "gazetteer_cache", None)
    if cached is None:
        cached = Gazetteer(registry)
        registry.gazetteer_cache = cached
    return cached


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return get_gazetteer(get_registry())


_HARD_BREAK = re.compile(r"[,;:()!?\[\]]|\n\s*\n")


def reload_registry() -> None:
    """Forget the cached registry and automaton, so the next lookup reads the registry anew
    (after the user's registry files changed, e.g. through the CLI's --registry)."""
    get_registry.cache_clear()
    _default_gazetteer.cache_clear()
