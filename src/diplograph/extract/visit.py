"""Visits of a country's leader or delegation to another country.

Phrasings handled: "X paid an official visit to Y", "X visited Y, Z and W in 2018", "the state
visit of the Italian President to Baku on 30 September", "President P, who is in Y for a State
visit", "P arrived in City", "the presidents of A, B and C made official visits to Y",
"P was welcomed by Q ... official visit to the country" (host = Q's country), "Y hosted P".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import TODAY, modality, news_date, pick_date, time_of
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.model import Fact

TRIGGER = re.compile(r"\b(?:visit(?:s|ed|ing)?|arriv(?:ed|es|ing|al)|trip|tour(?:ed)?|travel(?:l)?ed)\b", re.I)
_KIND = re.compile(r"\b(state|official|working|private|friendly)\s+visits?\b", re.I)
_HOST_PREP = re.compile(r"^\s*(?:to|in|of|at)\s+(?:the\s+)?$", re.I)
_RECEIVED = re.compile(r"\b(?:welcomed|received|hosted|greeted|met)\b(?:\s+\w+){0,4}?\s+by\b", re.I)
_HOST_VERB = re.compile(r"\b(?:hosted|received|welcomed)\b", re.I)
_ANAPHORIC_HOST = re.compile(r"\bvisits?\s+(?:to|in)\s+(?:the|our|my|this|that)\s+(country|capital|state|city)\b", re.I)
_GENERIC = re.compile(r"\b(?:numerous|many|several|mutual|reciprocal|frequent|regular|exchange of)\s+visits\b", re.I)
_NOT_A_VISIT = re.compile(r"\bvisit(?:ed|ing)?\s+(?:the\s+)?(?:website|site|page|exhibition|museum|grave|"
                          r"memorial|monument|mausoleum|stand|pavilion)\b", re.I)


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        countries = [a for a in view.countries()]
        if not countries:
            continue
        for m in TRIGGER.finditer(view.text):
            if _NOT_A_VISIT.search(view.text[m.start():m.end() + 30]):
                continue
            yield from _visits(ctx, view, m)
            break


def _visits(ctx: DocContext, view: SentenceView, m: re.Match) -> Iterator[Fact]:
    text = view.text
    pos = view.start + m.start()
    after_pos = view.start + m.end()
    actors = [a for a in view.countries() if a.via != "focus" or a.start >= after_pos]
    kind_m = _KIND.search(text[max(0, m.start() - 25):m.end() + 2])
    kind = kind_m.group(1).lower() if kind_m and kind_m.group(1).lower() in ("state", "official", "working") else None

    hosts = _hosts_after(ctx, view, actors, after_pos)
    visitors = [a for a in actors if a.end <= pos]
    received = _RECEIVED.search(text)
    if received:
        # "P was welcomed (to the capital) by Q": Q's country hosts, P visits.
        agent = [a for a in actors if a.start >= view.start + received.end()][:1]
        subj = [a for a in actors if a.end <= view.start + received.start()][:1]
        if agent and subj and agent[0].id != subj[0].id:
            hosts, visitors = agent, subj
    elif not visitors and _HOST_VERB.search(text[:m.start()]):
        pass
    if not hosts:
        ana = _ANAPHORIC_HOST.search(text)
        if ana and visitors:
            # "a visit to the country": the other country named in the sentence hosts.
            others = [a for a in actors if a.id not in {v.id for v in visitors}]
            if ana.group(0).lower().find("our") >= 0 and ctx.focus:
                hosts = [Actor(view.start, view.start, ctx.focus, "country", "focus")]
            elif others:
                hosts = others[:1]
    if not hosts or not visitors:
        return
    if _GENERIC.search(text) and not any(v.via == "person" for v in visitors):
        return
    # Visitors: the list the nearest visitor belongs to ("the presidents of A, B and C").
    visitor_list = _visitor_list(ctx, visitors)
    mod = modality(text, m.start())
    date = pick_date(view, pos)
    time = time_of(date) if date else {"start": None, "end": None}
    if date is None and TODAY.search(text) and news_date(ctx):
        time = {"start": news_date(ctx), "end": None}
    for v in visitor_list:
        for h in hosts:
            if v.id == h.id:
                continue
            place = _place(ctx, view, h.id)
            args = {"visitor": v.id, "host": h.id, "person": v.person, "kind": kind, "place": place}
            yield ctx.fact("visit", args, view, rule="visit", trigger=m.group(0), time=time,
                           modality=mod, confidence=0.8 if v.via == "person" else 0.7)


def _hosts_after(ctx: DocContext, view: SentenceView, actors: list[Actor], pos: int) -> list[Actor]:
    for i, a in enumerate(actors):
        if a.start < pos:
            continue
        gap = ctx.text[pos:a.start]
        # "visit to Y", "visits to the UK", "for a State visit from ... in Y"
        if len(gap) <= 45 and re.search(r"\b(?:to|in)\s+(?:the\s+)?$", gap, re.I) or _HOST_PREP.match(gap):
            chunk = ctx.list_chunk(actors, i)
            return [c for c in chunk if c.start >= a.start]
    # "P, who is in Y for a State visit": the place named before the trigger.
    for a in reversed(actors):
        if a.end <= pos and ctx.preceding_word(a.start) == "in" and a.via != "person":
            return [a]
    return []


def _visitor_list(ctx: DocContext, visitors: list[Actor]) -> list[Actor]:
    persons = [v for v in visitors if v.via == "person"]
    if persons:
        # A named person is the visitor; other countries before the trigger are usually context.
        near = persons[-1]
        idx = visitors.index(near)
        chunk = ctx.list_chunk(visitors, idx)
        return _dedupe(chunk)
    last = visitors[-1]
    chunk = ctx.list_chunk(visitors, len(visitors) - 1)
    subject = [v for v in visitors if ctx.preceding_word(v.start) not in ("with", "and", "to", "in", "from")]
    if len(chunk) == 1 and subject and subject[0] is not last:
        return [subject[0]]
    return _dedupe(chunk)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def _place(ctx: DocContext, view: SentenceView, host: str) -> str | None:
    for mention in view.mentions:
        if mention.kind == "city" and mention.country == host:
            return mention.id
    if re.search(r"\bthe capital\b", view.text, re.I):
        reg = _registry()
        entity = reg.get(host) if reg else None
        return entity.data.get("capital") if entity else None
    # The city of the host named in the previous sentence ("talks in Hanoi ... State visit").
    if view.index > 0:
        for mention in ctx.sentences[view.index - 1].mentions:
            if mention.kind == "city" and mention.country == host:
                return mention.id
    return None


def _registry():
    try:
        from diplograph.registry.load import get_registry
        return get_registry()
    except ImportError:
        return None
