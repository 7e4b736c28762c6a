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
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.model import Fact

LEVELS = [
    ("comprehensive_strategic_partnership",
     re.compile(r"\bcomprehensive strategic (?:partner(?:ship)?s?|cooperative partnership)\b", re.I)),
    ("alliance", re.compile(r"\b(?:alliance|allian(?:ce|t) relations|allied (?:relations|ties|nations)|"
                            r"allies|ally)\b", re.I)),
    ("strategic_partnership", re.compile(
        r"\b(?<!comprehensive )strategic (?:partner(?:ship)?s?|level|ally|allies)\b", re.I)),
]
_SUCH = re.compile(r"\bsuch (?:a )?(?:partnerships?|relations|ties|partners|status)\b", re.I)
TRIGGER = re.compile(r"strategic (?:partner|level|ally|allies)|allian|allies|\bally\b|allied|"
                     r"such (?:a )?(?:partnership|relations|ties|partners)", re.I)
# A level named right after these words is the level reached ("to the level of alliance").
_REACHED = re.compile(r"(?:level of|to (?:a|an|the)|elevat\w+|upgrad\w+|rais\w+|reached|establish\w*|"
                      r"formed|form|into)\s+(?:a |an |the )?$", re.I)
_INTRO_END = re.compile(r"(?::|\bas follows:?|\bare:?|\binclude:?)\s*$", re.I)
_FOLLOW_LIST = re.compile(r"^\s*(?:these|they|those|such countries|such states|among them)\s+"
                          r"(?:are|were|include|included)\b|^\s*namely\b", re.I)
# Names such as "Supreme Council for Strategic Partnership" are bodies, not levels.
_IN_NAME = re.compile(r"(?:Council|Commission|Committee|Group|Forum|Charter|Declaration|Agreement|Treaty)"
                      r"\s+(?:for|on|of)\s+(?:the\s+)?$")
_NOT_A_LEVEL = re.compile(r"\b(?:NATO|military)\s+allies\b|\ballies of\b", re.I)
HYPHEN_PAIR = re.compile(r"^[\-–—]$")


def _levels_in(text: str, ctx: DocContext) -> list[tuple[int, str, re.Match]]:
    found = []
    for level, rx in LEVELS:
        for m in rx.finditer(text):
            if _IN_NAME.search(text[:m.start()]) or _NOT_A_LEVEL.search(text[max(0, m.start() - 10):m.end() + 4]):
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
        pos, level, m = _choose_level(view.text, found)
        ctx.last_level = level
        mod = modality(view.text, pos)
        yield from _pairs(ctx, view, level, pos, m, mod)


def _pairs(ctx: DocContext, view: SentenceView, level: str, pos: int, m: re.Match, mod: str) -> Iterator[Fact]:
    countries = [a for a in view.countries() if a.via != "city" or _is_actor_city(ctx, a)]
    distinct = list(dict.fromkeys(a.id for a in countries))
    date = pick_date(view, view.start + pos)
    time = time_of(date) if date and not date.end_value else {"start": None, "end": None}
    trigger = m.group(0)
    base = dict(rule="partnership", trigger=trigger, modality=mod)

    # A list introduced by this sentence and given after it.
    if _INTRO_END.search(view.text) or (
            view.index + 1 < len(ctx.sentences) and _FOLLOW_LIST.search(ctx.sentences[view.index + 1].text)):
        subject = distinct[0] if distinct else ctx.focus
        listed = list(_following_list(ctx, view))
        if subject and listed:
            for item_view, actor in listed:
                if actor.id != subject:
                    yield ctx.fact("partnership", _args(subject, actor.id, level), [view, item_view],
                                   time=time, confidence=0.8, **{**base, "rule": "partnership.list_after"})
            return

    # "X-Y relations", "Turkish-Uzbek cooperation": an explicit pair.
    pair = _hyphen_pair(ctx, view)
    if pair:
        yield ctx.fact("partnership", _args(pair[0], pair[1], level), view, time=time, confidence=0.85,
                       **{**base, "rule": "partnership.hyphen_pair"})
        return

    if len(distinct) == 2:
        yield ctx.fact("partnership", _args(distinct[0], distinct[1], level), view, time=time,
                       confidence=0.8, **{**base, "rule": "partnership.two_countries"})
        return
    if len(distinct) > 2:
        subject = _subject(ctx, view, countries)
        for other in _objects(ctx, view, countries, subject):
            yield ctx.fact("partnership", _args(subject.id, other.id, level), view, time=time,
                           confidence=0.7, **{**base, "rule": "partnership.subject_list"})


def _args(a: str, b: str, level: str) -> dict:
    a, b = sorted((a, b))
    return {"a": a, "b": b, "level": level}


def _is_actor_city(ctx: DocContext, a: Actor) -> bool:
    """A capital used for its government ("Baku and Ankara signed") rather than as a place."""
    return a.mention is not None and a.mention.via == "capital" and not ctx.is_place_or_topic(a)


def _subject(ctx: DocContext, view: SentenceView, countries: list[Actor]) -> Actor:
    for a in countries:
        word = ctx.preceding_word(a.start)
        if word not in ("with", "to", "and", "including", "between", "among") and not ctx.is_place_or_topic(a):
            return a
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


def _hyphen_pair(ctx: DocContext, view: SentenceView) -> tuple[str, str] | None:
    cs = view.countries()
    for a, b in zip(cs, cs[1:]):
        if a.id != b.id and b.start - a.end == 1 and ctx.text[a.end] in "-–—/" and a.via != "person":
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
        cs = [a for a in nxt.countries() if a.via != "focus"]
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
