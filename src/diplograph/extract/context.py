"""What every fact rule needs to know about a document: its sentences, the actors named in each,
dates, the document's focus country, and the shared decisions (modality, lists, time).

Actors are the countries (and organizations) a stretch of text stands for: a country name, a
demonym ("Turkish"), a person with a known country, a capital used as an actor, a group that
expands to its members, or a phrase such as "our country" that points back to the document's
focus country.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from diplograph.extract.prefilter import gate
from diplograph.extract.sentences import Sentence, split_sentences
from diplograph.model import DateMention, Document, Evidence, Fact, Mention

# Words that, just before a country name, make it a place or a topic rather than an actor.
PLACE_PREPOSITIONS = {"in", "at", "into", "near", "across", "throughout", "inside", "within"}
TOPIC_PREPOSITIONS = {"on", "about", "over", "regarding", "concerning", "against", "towards", "toward"}

_FOCUS_REF = re.compile(
    r"\b(?:[Oo]ur (?:country|state|republic|nation|government)|[Oo]ur|[Ww]e|[Uu]s)\b")
_PAIR_REF = re.compile(
    r"\b(?:the two (?:countries|nations|states|sides|heads of state|leaders|presidents|governments|"
    r"ministers|delegations|parties|partners)|both (?:countries|nations|sides|states|leaders|presidents)|"
    r"the (?:heads of state|presidents|leaders|parties|sides)|bilateral|our two countries|each other)\b", re.I)
_PRECEDING_WORD = re.compile(r"([A-Za-z]+)[\s,]*$")
_GLUE_WORD = re.compile(r"[A-Za-z][\w'’.]*")
# Words that may sit between two items of one list without ending it.
_LIST_GLUE = {"and", "or", "as", "well", "the", "etc", "also", "plus", "including", "namely", "of",
              "organization", "organisation", "republic", "state", "states", "countries", "fraternal",
              "friendly", "brotherly", "neighbouring", "neighboring", "finally", "lastly", "then"}


@dataclass(frozen=True)
class Actor:
    """A country or organization referred to at [start, end) of the cleaned text."""

    start: int
    end: int
    id: str                 # ISO alpha-3 or organization id
    kind: str               # country | org
    via: str                # name | demonym | person | city | group | focus | pair
    person: str | None = None
    mention: Mention | None = None


@dataclass(eq=False)   # identity equality: a sentence is itself, not its contents
class SentenceView:
    index: int
    span: Sentence
    text: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def countries(self) -> list[Actor]:
        return [a for a in self.actors if a.kind == "country"]

    def local(self, pos: int) -> int:
        return pos - self.span.start


class DocContext:
    def __init__(self, doc: Document, mentions: list[Mention], dates: list[DateMention]):
        self.doc = doc
        self.text = doc.text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self._mention_starts = [m.start for m in self.mentions]
        self._date_starts = [d.start for d in self.dates]
        self.focus = self._focus_country()
        self.sentences: list[SentenceView] = []
        for i, s in enumerate(split_sentences(self.text)):
            view = SentenceView(i, s, self.text[s.start:s.end])
            view.mentions = self.mentions_in(s.start, s.end)
            view.dates = self.dates_in(s.start, s.end)
            self.sentences.append(view)
        for view in self.sentences:
            view.actors = self._actors(view)
        self._preceding: dict[int, str] = {}
        self.last_level: str | None = None   # for "such partnerships" (set by the partnership rule)
        self.consumed: set[tuple[str, int]] = set()   # (fact type, sentence) already read as a list item

    # --- lookups -------------------------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        i = bisect.bisect_left(self._date_starts, start)
        out = []
        while i < len(self.dates) and self.dates[i].start < end:
            out.append(self.dates[i])
            i += 1
        return out

    def _focus_country(self) -> str | None:
        """The country the document is mostly about: the speaker's, when the text opens as an
        interview, a speech or a statement of an office holder ('Interview with the Foreign
        Minister of Georgia'), else the one named most often."""
        opening = self.doc.text[:200].split("\n\n", 1)[0]
        self.speaker = False
        if _SPEAKER_OPENING.search(opening):
            speaker = [m for m in self.mentions if m.start < len(opening)
                       and (m.kind == "person" and m.country and _kind_of(m.country) == "country"
                            or m.kind == "country" and m.via == "demonym")]
            ids = {m.country if m.kind == "person" else m.id for m in speaker}
            if len(ids) == 1:
                self.speaker = True
                return ids.pop()
        counts: Counter[str] = Counter()
        for m in self.mentions:
            if m.kind == "country":
                counts[m.id] += 1
            elif m.kind in ("person", "city") and m.country:
                counts[m.country] += 0.5
        return counts.most_common(1)[0][0] if counts else None

    def _actors(self, view: SentenceView) -> list[Actor]:
        actors: list[Actor] = []
        for m in view.mentions:
            if m.kind == "country":
                actors.append(Actor(m.start, m.end, m.id, "country", m.via, None, m))
            elif m.kind == "person" and m.country:
                # An official of an organization stands for the organization.
                kind = "org" if _kind_of(m.country) == "org" else "country"
                actors.append(Actor(m.start, m.end, m.country, kind, "person", m.id, m))
            elif m.kind == "city" and m.country:
                actors.append(Actor(m.start, m.end, m.country, "country", "city", None, m))
            elif m.kind == "group":
                for member in m.members:
                    actors.append(Actor(m.start, m.end, member, "country", "group", None, m))
            elif m.kind == "org":
                actors.append(Actor(m.start, m.end, m.id, "org", m.via, None, m))
        if self.focus:
            refs = list(_FOCUS_REF.finditer(view.text))
            if self.speaker:
                # in an interview or a speech, "I" is the office holder speaking for the country
                refs += list(re.finditer(r"\bI\b(?!\.)", view.text))
            for fm in refs:
                s, e = view.start + fm.start(), view.start + fm.end()
                if not any(a.start <= s < a.end for a in actors):
                    actors.append(Actor(s, e, self.focus, "country", "focus"))
        actors.sort(key=lambda a: (a.start, a.end))
        return actors

    # --- shared decisions ----------------------------------------------------------------
    def preceding_word(self, pos: int) -> str:
        word = self._preceding.get(pos)
        if word is None:       # asked again and again by every rule: remembered per offset
            m = _PRECEDING_WORD.search(self.text[max(0, pos - 30):pos])
            word = self._preceding[pos] = m.group(1).lower() if m else ""
        return word

    def is_place_or_topic(self, actor: Actor) -> bool:
        """'talks in Hanoi', 'discussed the situation in Afghanistan': not a participant."""
        if actor.via in ("person", "focus", "pair"):
            return False
        word = self.preceding_word(actor.start)
        return word in PLACE_PREPOSITIONS or word in TOPIC_PREPOSITIONS

    def pair_before(self, view: SentenceView, exclude: set[str] | None = None) -> list[str]:
        """The two parties a phrase like 'the two heads of state' points back to: the two most
        recently named distinct countries in this or the previous sentences of the paragraph (an
        organization counts when a person stands for it: 'Tokayev met Costa. The two sides ...')."""
        seen: list[str] = []
        for v in reversed(self.sentences[max(0, view.index - 6):view.index + 1]):
            if v.span.paragraph < view.span.paragraph - 2:
                break
            for a in reversed(v.actors):
                if a.kind != "country" and not (a.kind == "org" and a.via == "person"):
                    continue
                if a.via == "focus" or a.id in seen or (exclude and a.id in exclude):
                    continue
                seen.append(a.id)
        return seen[:2] if len(seen) >= 2 else []

    def country_pair_before(self, view: SentenceView) -> list[str]:
        """pair_before, when both parties are countries."""
        pair = self.pair_before(view)
        return pair if all(_kind_of(x) == "country" for x in pair) else []

    def refers_to_pair(self, text: str) -> bool:
        return bool(_PAIR_REF.search(text))

    def list_chunk(self, actors: list[Actor], index: int) -> list[Actor]:
        """The list that actors[index] belongs to: neighbours separated only by commas, 'and',
        parentheses and the like ('Italy, Great Britain, Hungary and Romania')."""
        chunk = [actors[index]]
        for step in (-1, 1):
            i = index
            while 0 <= i + step < len(actors):
                a, b = (actors[i + step], actors[i]) if step < 0 else (actors[i], actors[i + step])
                if a.start == b.start:     # a group's members share one span
                    pass
                elif not self.is_list_gap(a.end, b.start):
                    break
                chunk.append(actors[i + step])
                i += step
        chunk.sort(key=lambda a: (a.start, a.end))
        return chunk

    def is_list_gap(self, start: int, end: int) -> bool:
        gap = self.text[start:end]
        if len(gap) > 60 or "\n\n" in gap or ":" in gap or ";" in gap:
            return False
        words = [w.lower().strip(".’'") for w in _GLUE_WORD.findall(gap)]
        if not words:
            return True
        unknown = [w for w in words if w not in _LIST_GLUE]
        # Unresolved acronyms and names in parentheses ("Non-Aligned Movement-NAM") are tolerated.
        unknown = [w for w in unknown if not re.fullmatch(r"[a-z]{1,6}", w) or w.upper() in gap]
        return len(unknown) <= 1 and not any(w in _CLAUSE_WORDS for w in words)

    def in_topic_compound(self, a: Actor) -> bool:
        """'the Armenia-Azerbaijan conflict', 'the Russia-Ukraine war': countries in a dash compound
        whose head is not a relationship are a topic, not partners."""
        text = self.text
        end = a.end
        while end < len(text) and text[end] in "-–—/":
            nxt = re.match(r"[\w.’']+", text[end + 1:])
            if not nxt:
                break
            end = end + 1 + nxt.end()
        start = a.start
        while start > 0 and text[start - 1] in "-–—/":
            prev = re.search(r"[\w.’']+$", text[:start - 1])
            if not prev:
                break
            start = prev.start()
        if (start, end) == (a.start, a.end):
            return False
        return not RELATION_NOUN.match(text[end:end + 40])

    # --- building facts ------------------------------------------------------------------
    def evidence(self, *views: SentenceView) -> list[Evidence]:
        out: list[Evidence] = []
        for v in sorted(set(views), key=lambda v: v.start):
            out.append(self.doc.evidence(v.start, v.end))
        return out

    def fact(self, type_: str, args: dict, views: list[SentenceView] | SentenceView, *, rule: str,
             trigger: str = "", time: dict | None = None, modality: str = "asserted",
             confidence: float = 0.7) -> Fact:
        if isinstance(views, SentenceView):
            views = [views]
        if time is None:
            time = {"start": None, "end": None}
        return Fact(doc=self.doc.id, type=type_, args=args, time=time, modality=modality,
                    evidence=self.evidence(*views), confidence=confidence, rule=rule, trigger=trigger)


# The opening line of a text in which one office holder speaks for a country.
_SPEAKER_OPENING = re.compile(r"\b(?:interview|speech|remarks|address|statement|op-ed|article|press conference|"
                              r"briefing|lecture)\s+(?:with|by|of|delivered by)\b|^(?:interview|speech|remarks|"
                              r"statement)\b", re.I)


def _kind_of(entity_id: str) -> str | None:
    from diplograph.registry.load import get_registry
    return _kind_in(get_registry(), entity_id)


@functools.lru_cache(maxsize=1024)
def _kind_in(registry, entity_id: str) -> str | None:
    entity = registry.get(entity_id)
    return entity.kind if entity else None


RELATION_NOUN = re.compile(r"\s+(?:(?:bilateral|political|strategic|interstate|diplomatic|friendly|allied)\s+)?"
                            r"(?:relations|relationship|ties|partnership|cooperation|alliance|friendship|"
                            r"strategic|brotherhood)\b", re.I)

_CLAUSE_WORDS = {"is", "are", "was", "were", "has", "have", "had", "with", "which", "that", "who",
                 "but", "while", "whereas", "not", "cooperation", "relations", "signed", "said",
                 "to", "for", "by", "from", "in", "on", "at", "between"}


# Run on every sentence: behind exact prefilters (extract/prefilter.py).
_FOCUS_REF = gate(_FOCUS_REF)
_PAIR_REF = gate(_PAIR_REF)
