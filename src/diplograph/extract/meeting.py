"""Meetings and talks between countries (a person stands for their country or organization).

Phrasings handled: "P and Q held talks in City", "talks between P and Q", "P met Q", "a joint
news conference with his Uzbek counterpart Q", "P and Q made press statements after bilateral
talks", "the two heads of state discussed ..." (the pair named before).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import TODAY, modality, news_date, pick_date, time_of
from diplograph.extract.context import DocContext, SentenceView
from diplograph.model import Fact

TRIGGER = re.compile(
    r"\b(?:met|meets?|meeting|talks|negotiations|press (?:conference|statements?)|news conference|"
    r"discussed|exchanged views|consultations|phone (?:call|conversation)|telephone (?:call|conversation)|"
    r"received|counterpart|summit|tête-à-tête|one-on-one|videoconference|video call)\b", re.I)
_OCCASION = re.compile(r"\b(?:on the sidelines of|during|at|within the framework of)\s+(?:the\s+)?"
                       r"((?:[A-Z0-9][\w-]*\s+){0,6}(?:Summit|Forum|Conference|Assembly|Session|Meeting|"
                       r"Games|Congress|Dialogue|COP\d+))", re.I)
_NOT_MEETING = re.compile(r"\b(?:will|would|plan|intend|expected to)\b[^.]{0,30}\b(?:meet|talks)\b", re.I)


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        m = TRIGGER.search(view.text)
        if not m:
            continue
        participants, persons = _participants(ctx, view)
        if len(participants) < 2:
            pair = ctx.pair_before(view) if ctx.refers_to_pair(view.text) else []
            if not pair:
                continue
            participants = list(dict.fromkeys(participants + pair))[:max(2, len(participants))]
            if len(participants) < 2:
                continue
        mod = modality(view.text, m.start())
        date = pick_date(view, view.start + m.start())
        time = time_of(date) if date else {"start": None, "end": None}
        if date is None and news_date(ctx) and (TODAY.search(view.text) or view.index < 6):
            # News reports are about the day they report on.
            time = {"start": news_date(ctx), "end": None}
        occ = _OCCASION.search(view.text)
        args = {"participants": sorted(participants), "persons": persons, "place": _place(view),
                "occasion": occ.group(1).strip() if occ else None}
        yield ctx.fact("meeting", args, view, rule="meeting", trigger=m.group(0), time=time,
                       modality=mod, confidence=0.75 if persons else 0.6)


def _participants(ctx: DocContext, view: SentenceView) -> tuple[list[str], list[str]]:
    ids: list[str] = []
    persons: list[str] = []
    for a in view.actors:
        if a.via == "city" or (a.via not in ("person", "demonym") and ctx.is_place_or_topic(a)):
            continue
        if a.via == "focus" or a.kind != "country":
            continue    # organizations take part only through a named official (a person)
        if a.via == "demonym" and not _demonym_is_actor(ctx, a):
            continue
        if a.id not in ids:
            ids.append(a.id)
        if a.person and a.person not in persons:
            persons.append(a.person)
    return ids, persons


def _demonym_is_actor(ctx: DocContext, a) -> bool:
    """'his Uzbek counterpart', 'the Turkish President', 'the Turkish delegation' name an actor;
    'Turkish goods' does not."""
    after = ctx.text[a.end:a.end + 40]
    return bool(re.match(r"\s+(?:[A-Z][\w-]+\s+){0,3}?(?:counterpart|President|president|Prime Minister|"
                         r"prime minister|Foreign Minister|foreign minister|Minister|minister|delegation|"
                         r"leader|side|King|Emir|Chancellor|Premier|head of state|government|officials?)\b",
                         after))


def _place(view: SentenceView) -> str | None:
    for mention in view.mentions:
        if mention.kind == "city":
            return mention.id
    return None
