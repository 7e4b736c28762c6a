"""Hosting of summits, forums, conferences and games.

Phrasings handled: "X hosted E", "E was held in City (Country)", "E held on 13-18 September
last year on the island of Margarita (Venezuela)", "X will host E" / "decided to hold E in X"
(planned), "E took place in City", "the Baku Forum of ..." (an event named after a city is held
there, when the sentence presents it as having happened).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import modality, pick_date, time_of
from diplograph.extract.context import DocContext, SentenceView
from diplograph.model import Fact

_EVENT_HEAD = (r"(?:Summit|Forum|Games|Conference|Congress|Olympics|Olympiad|Expo|Championships?|Festival|"
               r"Dialogue|Assembly|Session|Meeting|Cup|Grand Prix|Biennale|Exhibition|Week|Council)")
_EVENT = re.compile(
    r"((?:(?:the\s+)?(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:[A-Z][\w'’.-]*\s+|of\s+the\s+|of\s+|on\s+|for\s+|and\s+|\d{4}\s+){0,8}?" + _EVENT_HEAD +
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,6})?|COP\s?\d+)")
TRIGGER = re.compile(r"\b(?:host\w*|held|hold|took place|take place|organi[sz]\w+|venue|staged|convened)\b", re.I)
_IN_PLACE = re.compile(r"\b(?:in|on the island of|at)\s+(?:the\s+)?(?=[A-Z])")


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    name: str


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        m = TRIGGER.search(view.text)
        if not m:
            continue
        events = _events(ctx, view)
        if not events:
            continue
        yield from _facts(ctx, view, events, m)


def _events(ctx: DocContext, view: SentenceView) -> list[Event]:
    found = [Event(x.start, x.end, x.id) for x in view.mentions if x.kind == "event"]
    for e in _EVENT.finditer(view.text):
        s, t = view.start + e.start(1), view.start + e.end(1)
        name = re.sub(r"^(?:the|The)\s+", "", e.group(1)).strip()
        if len(name.split()) < 2 and not name.startswith("COP"):
            continue    # a bare "Summit" is not a name
        if not any(f.start <= s < f.end or s <= f.start < t for f in found):
            found.append(Event(s, t, name))
    return sorted(found, key=lambda e: e.start)


def _facts(ctx: DocContext, view: SentenceView, events: list[Event], m: re.Match) -> Iterator[Fact]:
    text = view.text
    verb = m.group(0).lower()
    for match in TRIGGER.finditer(text):
        pos = view.start + match.start()
        verb = match.group(0).lower()
        if verb.startswith("host") or verb in ("organized", "organised", "staged", "convened"):
            # "X hosted E": the host before the verb, the event after it.
            host = _country_before(ctx, view, pos)
            event = next((e for e in events if e.start >= pos), None)
            place = _city(view, host)
            if verb in ("host", "hosts", "hosting") and not host:
                continue
        else:
            # "E was held in Place", "to hold E in Place"
            event = next((e for e in reversed(events) if e.end <= pos), None) if verb in (
                "held", "took place", "take place", "staged", "convened") else next(
                (e for e in events if e.start >= pos), None)
            if event is None:
                continue
            host, place = _place_after(ctx, view, max(pos, event.end))
        if not host or event is None:
            continue
        mod = modality(text, match.start())
        if verb == "hold" and mod == "asserted":
            mod = "planned"       # "decided to hold E in X": hold in the infinitive is a plan
        date = pick_date(view, pos)
        time = time_of(date) if date else {"start": None, "end": None}
        yield ctx.fact("hosting", {"host": host, "event": event.name, "place": place}, view,
                       rule=f"hosting.{verb.replace(' ', '_')}", trigger=match.group(0), time=time,
                       modality=mod, confidence=0.75)


def _country_before(ctx: DocContext, view: SentenceView, pos: int) -> str | None:
    before = [a for a in view.countries() if a.end <= pos]
    if not before:
        return None
    subject = [a for a in before if ctx.preceding_word(a.start) not in ("with", "to", "and", "by")]
    return (subject or before)[0].id


def _city(view: SentenceView, host: str | None) -> str | None:
    for x in view.mentions:
        if x.kind == "city" and (host is None or x.country == host):
            return x.id
    return None


def _place_after(ctx: DocContext, view: SentenceView, pos: int) -> tuple[str | None, str | None]:
    """The country and city named after 'in' / 'on the island of' following `pos`."""
    rest = ctx.text[pos:view.end]
    for pm in _IN_PLACE.finditer(rest):
        at = pos + pm.end()
        mentions = [x for x in view.mentions if at <= x.start <= at + 2]
        cands = [a for a in view.countries() if at <= a.start <= at + 40]
        if mentions and mentions[0].kind == "city":
            return mentions[0].country, mentions[0].id
        if cands:
            return cands[0].id, None
        # An unknown place followed by its country in parentheses: "Margarita (Venezuela)".
        paren = re.match(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*\(([^)]{2,40})\)", ctx.text[at:view.end])
        if paren:
            inside = [a for a in view.countries() if at + paren.start(2) <= a.start < at + paren.end(2)]
            if inside:
                return inside[0].id, paren.group(1)
    return None, None
