"""Partnership levels between two countries: strategic partnership, comprehensive strategic
partnership, alliance.

Phrasings handled: "X and Y elevated their relations to a comprehensive strategic
partnership", "X-Y relations ... strategic partnership", "the strategic partner countries of our
state are as follows:" followed by lists (also under headings), "... to the level of alliance.
These are Turkey, Uzbekistan and Kazakhstan.", "formed such partnerships with A, B and C",
"Turkish-Uzbek cooperation has reached a strategic level", "one of our closest strategic partners".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import modality, pick_date, time_of
from diplograph.extract.context import RELATION_NOUN, Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import Fact

LEVELS = [
    ("comprehensive_strategic_partnership",
     re.compile(r"\bcomprehensive strategic (?:(?:cooperative|political|economic) )?partner(?:ship)?s?\b", re.I)),
    # "the Alliance" with a capital names NATO, not a level of relations.
    ("alliance", re.compile(r"\b(?:(?<!the )(?<!The )Alliance|alliance|allian(?:ce|t) relations|[Aa]llied "
                            r"(?:[Rr]elations|[Tt]ies|[Nn]ations)|allies|ally)\b")),
    ("strategic_partnership", re.compile(
        r"\b(?<!comprehensive )strategic (?:(?:cooperative|political|economic) )?(?:partner(?:ship)?s?|level|ally|allies)\b",
        re.I)),
]
_SUCH = re.compile(r"\bsuch (?:a )?(?:partnerships?|relations|ties|partners|status)\b", re.I)
TRIGGER = re.compile(r"strategic (?:(?:cooperative|political|economic) )?(?:partner|level|ally|allies)|"
                     r"allian|allies|\bally\b|allied|"
                     r"such (?:a )?(?:partnership|relations|ties|partners)", re.I)
# A level named right after these words is the level reached ("to the level of alliance").
_REACHED = re.compile(r"(?:level of|to (?:a|an|the)|elevat\w+|upgrad\w+|rais\w+|reached|establish\w*|"
                      r"formed|form|into)\s+(?:a |an |the )?$", re.I)
_INTRO_END = re.compile(r"(?::|\bas follows:?|\bare:?|\binclude:?)\s*$", re.I)
_FOLLOW_LIST = re.compile(r"^\s*(?:these|they|those|such countries|such states|among them)\s+"
                          r"(?:are|were|include|included)\b|^\s*namely\b", re.I)
# Names such as "Supreme Council for Strategic Partnership" are bodies, not levels.
_IN_NAME = re.compile(r"(?:Council|Commission|Committee|Group|Forum|Platform|Centre|Center|Institute)"
                      r"\s+(?:for|on|of)\s+(?:the\s+)?$")
# "a strategic partnership in the field of energy" is sectoral cooperation, not a relation level.
_SECTORAL = re.compile(r"^\s*(?:in|on) the (?:field|area|sphere|domain)s? of\b|^\s*in (?:energy|trade|defen[cs]e)\b|"
                       r"^\s*on (?!the\b|a\b|an\b)[a-z]", re.I)
# Countries after these words are not the partners themselves ("clubs from Turkey").
_NOT_PARTNER_WORDS = {"from", "in", "at", "on", "about", "over", "against", "regarding", "into"}
_DOC_TITLE = re.compile(r"\b(?:Agreement|Treaty|Declaration|Charter|Memorandum|Protocol)\s+(?:on|of)\s+(?:the\s+)?$")
_CLAUSES = re.compile(r";\s+|,?\s+\b(?:while|whereas)\b\s+|,\s+but\s+")
_NOT_A_LEVEL = re.compile(r"\b(?:NATO|military)\s+allies\b|\ballies of\b", re.I)
HYPHEN_PAIR = re.compile(r"^[\-–—]$")


def _levels_in(text: str, ctx: DocContext) -> list[tuple[int, str, re.Match]]:
    found = []
    for level, rx in LEVELS:
        for m in rx.finditer(text):
            if _IN_NAME.search(text[:m.start()]) or _NOT_A_LEVEL.search(text[max(0, m.start() - 10):m.end() + 4]):
                continue
            if _SECTORAL.search(text[m.end():m.end() + 40]):
                continue
            found.append((m.start(), level, m))
    for m in _SUCH.finditer(text):
        if ctx.last_level:
            found.append((m.start(), ctx.last_level, m))
    return sorted(found, key=lambda x: x[0])


def _choose_level(text: str, found: list[tuple[int, str, re.Match]]) -> tuple[int, str, re.Match]:
    """The level a sentence asserts: the one named as reached, else the highest named."""
    for item in found:
        if _REACHED.search(text[:item[0]]):
            return item
    order = {"comprehensive_strategic_partnership": 0, "alliance": 1, "strategic_partnership": 2}
    return min(found, key=lambda x: order[x[1]])


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        if not TRIGGER.search(view.text) or ("partnership", view.index) in ctx.consumed:
            continue
        found = _levels_in(view.text, ctx)
        if not found:
            continue
        # A list the sentence introduces ("... are as follows:", "These are A, B and C.")
        pos, level, m = _choose_level(view.text, found)
        ctx.last_level = level
        if _INTRO_END.search(view.text) or (
                view.index + 1 < len(ctx.sentences) and _FOLLOW_LIST.search(ctx.sentences[view.index + 1].text)):
            listed = list(_list_facts(ctx, view, level, pos, m))
            if listed:
                yield from listed
                continue
        # Otherwise each clause with a level speaks for itself ("A and B are X, while C and D are Y").
        for c_start, c_end in _clause_spans(view.text):
            in_clause = [f for f in found if c_start <= f[0] < c_end]
            if not in_clause:
                continue
            pos, level, m = _choose_level(view.text, in_clause)
            ctx.last_level = level
            clause = (view.start + c_start, view.start + c_end)
            yield from _pairs(ctx, view, level, pos, m, clause)
            # A level named in the title of a document the clause mentions was reached too:
            # "builds on the Agreement on Strategic Partnership signed in 2010".
            for other_pos, other_level, other_m in in_clause:
                if other_level != level and _DOC_TITLE.search(view.text[:other_pos]):
                    yield from _pairs(ctx, view, other_level, other_pos, other_m, clause)


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSES.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# A date beyond one of these belongs to another clause: "reaffirmed the partnership and agreed
# to meet in Cairo in December".
_OTHER_CLAUSE = re.compile(r";|\band\s+(?:also\s+)?(?:agreed|decided|will|plans?|planned|announced|discussed|"
                           r"held|met|invited)\b|\bwhile\b|\bbut\b", re.I)


def _time(view: SentenceView, pos: int) -> dict:
    own = [d for d in view.dates
           if not _OTHER_CLAUSE.search(view.text[min(pos, view.local(d.start)):max(pos, view.local(d.start))])]
    date = pick_date(SentenceView(view.index, view.span, view.text, view.actors, view.mentions, own),
                     view.start + pos) if own else None
    return time_of(date) if date and not date.end_value else {"start": None, "end": None}


def _list_facts(ctx: DocContext, view: SentenceView, level: str, pos: int, m: re.Match) -> Iterator[Fact]:
    distinct = list(dict.fromkeys(a.id for a in _partner_actors(ctx, view, view.start, view.end)))
    subject = distinct[0] if distinct else ctx.focus
    mod = modality(view.text, pos)
    for item_view, actor in _following_list(ctx, view):
        if not subject or actor.id == subject:
            continue
        # "- Uzbekistan (2021, allied relations)": an item may date the relation, or name a level
        # of its own, which is a further fact
        own = [x for x in _levels_in(item_view.text, ctx) if x[2].group(0) not in ("such",)]
        item_years = [d for d in item_view.dates if not d.end_value]
        # the item's first date, when no level is named before it: "(2005, upgraded to ...)"
        first = item_years[0] if item_years and (not own or item_view.local(item_years[0].start) < own[0][0]) else None
        time = time_of(first) if first is not None else _time(view, pos)
        yield ctx.fact("partnership", _args(subject, actor.id, level), [view, item_view],
                       time=time, confidence=0.8, rule="partnership.list_after",
                       trigger=m.group(0), modality=mod)
        if own and _is_list_item(item_view.text):
            i_pos, i_level, i_m = _choose_level(item_view.text, own)
            if i_level != level:
                later = [d for d in item_years if item_view.local(d.start) >= i_m.end()]
                i_time = time_of(later[0]) if later else _time(item_view, i_pos)
                yield ctx.fact("partnership", _args(subject, actor.id, i_level), [view, item_view],
                               time=i_time, confidence=0.75, rule="partnership.list_item_level",
                               trigger=i_m.group(0), modality=modality(item_view.text, i_pos))


def _is_list_item(text: str) -> bool:
    return bool(re.match(r"(?:[-–—•▪●◦*·‣]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)", text))


def _partner_actors(ctx: DocContext, view: SentenceView, start: int, end: int) -> list[Actor]:
    """Countries of the clause that can be partners: not places, topics or origins, and
    capitals only where they stand for their government."""
    out = []
    for a in view.countries():
        if not (start <= a.start < end) or not _is_country(a.id):
            continue
        if a.via == "city" and not _is_actor_city(ctx, a):
            continue
        if a.via not in ("person", "focus") and ctx.preceding_word(a.start) in _NOT_PARTNER_WORDS:
            continue
        if ctx.in_topic_compound(a):
            continue
        if a.via == "demonym" and not re.match(r"[-–]|\s+(?:side|government|President|president|leader|Prime|"
                                               r"counterpart|partners?|relations|ties)", ctx.text[a.end:a.end + 20]):
            continue
        out.append(a)
    return out


def _is_country(code: str) -> bool:
    from diplograph.registry.load import get_registry
    entity = get_registry().get(code)
    return entity is not None and entity.kind == "country"


def _pairs(ctx: DocContext, view: SentenceView, level: str, pos: int, m: re.Match,
           clause: tuple[int, int]) -> Iterator[Fact]:
    countries = _partner_actors(ctx, view, *clause)
    explicit = [a for a in countries if a.via != "focus"]
    distinct = list(dict.fromkeys(a.id for a in countries))
    time = _time(view, pos)
    mod = modality(view.text, pos)
    base = dict(trigger=m.group(0), modality=mod, time=time)

    # "X-Y relations", "Turkish-Uzbek cooperation": an explicit pair.
    pair = _hyphen_pair(ctx, view, clause)
    if pair:
        yield ctx.fact("partnership", _args(pair[0], pair[1], level), view, confidence=0.85,
                       rule="partnership.hyphen_pair", **base)
        return
    if len(distinct) == 2:
        yield ctx.fact("partnership", _args(distinct[0], distinct[1], level), view, confidence=0.8,
                       rule="partnership.two_countries", **base)
        return
    if len(distinct) > 2:
        subject = _subject(ctx, view, countries)
        for other in _objects(ctx, view, countries, subject):
            yield ctx.fact("partnership", _args(subject.id, other.id, level), view, confidence=0.7,
                           rule="partnership.subject_list", **base)
        return
    # One country or none: "the two countries had been strategic partners since 2013" points back
    # to the pair; "relations with Beijing have been ..." has the document's country as subject.
    if ctx.refers_to_pair(view.text) or re.search(r"\b(?:their|the) (?:relationship|relations|ties)\b", view.text, re.I):
        pair_ids = ctx.country_pair_before(view)
        if len(pair_ids) == 2 and (not distinct or distinct[0] in pair_ids):
            yield ctx.fact("partnership", _args(pair_ids[0], pair_ids[1], level), view, confidence=0.65,
                           rule="partnership.pair_before", **base)
            return
    if len(explicit) == 1 and ctx.focus and explicit[0].id != ctx.focus and \
            ctx.preceding_word(explicit[0].start) == "with":
        yield ctx.fact("partnership", _args(ctx.focus, explicit[0].id, level), view, confidence=0.6,
                       rule="partnership.with_focus", **base)


def _args(a: str, b: str, level: str) -> dict:
    a, b = sorted((a, b))
    return {"a": a, "b": b, "level": level}


def _is_actor_city(ctx: DocContext, a: Actor) -> bool:
    """A capital used for its government ("Baku and Ankara signed") rather than as a place."""
    return a.mention is not None and a.mention.via == "capital" and not ctx.is_place_or_topic(a)


_OBJECT_WORDS = ("with", "to", "and", "including", "between", "among")


def _subject(ctx: DocContext, view: SentenceView, countries: list[Actor]) -> Actor:
    # Every member of a list headed by "with" / "including" is a partner, not the subject:
    # "The country has established strategic partnerships with China, Russia and France".
    objects: set[int] = set()
    for i, a in enumerate(countries):
        if ctx.preceding_word(a.start) in _OBJECT_WORDS and a.start not in objects:
            objects.update(c.start for c in ctx.list_chunk(countries, i) if c.start >= a.start)
    for a in countries:
        if a.start in objects:
            continue
        if ctx.preceding_word(a.start) not in _OBJECT_WORDS and not ctx.is_place_or_topic(a):
            return a
    focus = [a for a in countries if a.via == "focus"]
    if focus:
        return focus[0]
    if ctx.focus and re.search(r"\b(?:the country|it|we|our country|the state|the republic)\b",
                               view.text[:view.local(countries[0].start)], re.I):
        return Actor(countries[0].start, countries[0].start, ctx.focus, "country", "focus")
    return countries[0]


def _objects(ctx: DocContext, view: SentenceView, countries: list[Actor], subject: Actor) -> list[Actor]:
    """The partners of the subject: the list after 'with', 'including', 'are' ..., or every other."""
    others = [a for a in countries if a.id != subject.id and a.start >= subject.end]
    if not others:
        others = [a for a in countries if a.id != subject.id]
    seen, out = set(), []
    for a in others:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def _hyphen_pair(ctx: DocContext, view: SentenceView, clause: tuple[int, int]) -> tuple[str, str] | None:
    """'Vietnam-U.S. relations', 'Turkish-Uzbek cooperation': two countries joined by a dash and
    followed by a word for their relationship (not 'the Armenia-Azerbaijan conflict')."""
    cs = [a for a in view.countries() if clause[0] <= a.start < clause[1] and _is_country(a.id)]
    for a, b in zip(cs, cs[1:]):
        if a.id != b.id and b.start - a.end == 1 and ctx.text[a.end] in "-–—/" and a.via != "person" \
                and RELATION_NOUN.match(ctx.text[b.end:b.end + 40]):
            return a.id, b.id
    return None


def _following_list(ctx: DocContext, view: SentenceView) -> Iterator[tuple[SentenceView, Actor]]:
    """Countries listed after an introducing sentence, paragraph by paragraph, skipping short
    headings: 'The strategic partners are as follows:' / 'European direction' / 'Italy, Hungary -
    ...'. A paragraph that neither starts with a list nor is a heading ends the list."""
    follow = _FOLLOW_LIST
    i, headings = view.index + 1, 0
    while i < len(ctx.sentences):
        nxt = ctx.sentences[i]
        paragraph = [v for v in ctx.sentences[i:i + 60] if v.span.paragraph == nxt.span.paragraph]
        cs = [a for a in nxt.countries() if a.via not in ("focus", "group")]
        if follow.search(nxt.text) or (cs and cs[0].start - nxt.start <= 3):
            if cs:
                ctx.consumed.add(("partnership", nxt.index))
                for a in ctx.list_chunk(cs, 0):
                    yield nxt, a
            headings = 0
            if follow.search(nxt.text) and not _INTRO_END.search(view.text):
                return          # "These are A, B and C." closes the list
            i += len(paragraph) if nxt.span.paragraph != view.span.paragraph else 1
        elif _is_heading(nxt.text) and headings < 2 and len(paragraph) == 1:
            headings += 1
            i += 1
        else:
            return


def _starts_with_list(ctx: DocContext, view: SentenceView, cs: list[Actor]) -> bool:
    return cs[0].start - view.start <= 3


def _is_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and not re.search(r"[.!?:;]$", text.strip())


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_IN_NAME = gate(_IN_NAME)
_NOT_A_LEVEL = gate(_NOT_A_LEVEL)
_SECTORAL = gate(_SECTORAL)
_SUCH = gate(_SUCH)
_REACHED = gate(_REACHED)
_INTRO_END = gate(_INTRO_END)
_FOLLOW_LIST = gate(_FOLLOW_LIST)
_DOC_TITLE = gate(_DOC_TITLE)
_CLAUSES = gate(_CLAUSES)
