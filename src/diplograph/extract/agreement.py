"""Agreements signed or adopted by two or more parties, with title, kind, place and date.

Phrasings handled: "X and Y signed an agreement on ...", "the heads of state signed a Joint
Declaration" (parties from the sentence or the pair named before), "the Convention was signed by
the heads of the five littoral states in Aktau" (a group expands to its members), "a memorandum
of understanding between X and Y was signed", titles in quotes or capitals.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import TODAY, modality, news_date, pick_date, time_of
from diplograph.extract.context import DocContext, SentenceView
from diplograph.model import Fact

_KINDS = [
    ("joint_statement", r"joint (?:statement|communiqu[eé]|press statement)|communiqu[eé]"),
    ("declaration", r"declarations?"),
    ("memorandum", r"memorand(?:um|a)(?: of understanding)?|MoUs?"),
    ("action_plan", r"action plans?|plan of action|roadmaps?|road maps?"),
    ("protocol", r"protocols?"),
    ("convention", r"conventions?"),
    ("treaty", r"treat(?:y|ies)|pact"),
    ("agreement", r"agreements?|accords?|deals?|contracts?|charters?"),
]
_DOC = re.compile("|".join(f"(?P<{k}>\\b(?:{rx})\\b)" for k, rx in _KINDS), re.I)
_SIGN = re.compile(r"\b(?:sign(?:ed|ing|s)?|adopt(?:ed|ion)|conclu(?:ded|sion)|ratif(?:ied|ication)|"
                   r"inked|initial(?:l)?ed|endorsed|approved|exchanged)\b", re.I)
TRIGGER = re.compile(r"\b(?:sign|adopt|conclu|ratif|inked|initial|endorsed)", re.I)
_QUOTED = re.compile(r"[\"“«']([^\"”»']{6,160})[\"”»']")
_TITLE = re.compile(r"\b((?:Joint |Intergovernmental |Bilateral |Framework |Strategic |Comprehensive )*"
                    r"(?:Agreement|Treaty|Convention|Declaration|Memorandum|Protocol|Action Plan|Joint Statement|"
                    r"Communiqu[eé]|Charter|Roadmap|Program(?:me)?)"
                    r"(?:\s+(?:of|on|for|between|about|concerning|regarding|in|and|the|to|with|[A-Z][\w'’-]*|\d+))*)")
_COUNT_OF = re.compile(r"\b(\d+|[a-z]+ty|ten|eleven|twelve|dozens?)\s+(?:[\w-]+\s+){0,3}?(?:documents|agreements|accords|"
                       r"deals|items|memoranda)", re.I)


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        doc_m = _DOC.search(view.text)
        sign_m = _SIGN.search(view.text)
        if not doc_m or not sign_m:
            continue
        kind = doc_m.lastgroup or "other"
        parties = _parties(ctx, view)
        if len(parties) < 2:
            continue
        mod = modality(view.text, sign_m.start())
        date = pick_date(view, view.start + sign_m.start())
        time = time_of(date) if date and not date.end_value else {"start": None, "end": None}
        if date is None and news_date(ctx) and (TODAY.search(view.text) or view.index < 6):
            time = {"start": news_date(ctx), "end": None}
        args = {"parties": sorted(parties), "title": _title(view.text, doc_m), "kind": kind,
                "place": _place(view, parties)}
        yield ctx.fact("agreement", args, view, rule="agreement", trigger=sign_m.group(0), time=time,
                       modality=mod, confidence=0.75)


def _parties(ctx: DocContext, view: SentenceView) -> list[str]:
    ids: list[str] = []
    for a in view.actors:
        if a.via in ("city", "focus") or ctx.is_place_or_topic(a):
            continue
        if a.via == "demonym" and not re.match(r"[\s-]+(?:[A-Z]\w+|side|government|counterpart|president|"
                                               r"delegation|leaders?|ministers?)", ctx.text[a.end:a.end + 20]):
            continue
        if a.id not in ids:
            ids.append(a.id)
    if len(ids) < 2 and ctx.refers_to_pair(view.text):
        ids = list(dict.fromkeys(ids + ctx.pair_before(view)))
    return ids


def _title(text: str, doc_m: re.Match) -> str:
    q = _QUOTED.search(text)
    if q and _DOC.search(q.group(1)):
        return q.group(1).strip()
    t = _TITLE.search(text)
    if t:
        return t.group(1).strip(" ,")
    # Lower-case title: the noun phrase around the document word ("agreements comprising 25 items").
    tail = re.match(r"[\w\s,-]{0,40}?(?=[,.;]|\bwhich\b|\bthat\b|$)", text[doc_m.start():])
    return (tail.group(0) if tail else doc_m.group(0)).strip()


def _place(view: SentenceView, parties: list[str]) -> str | None:
    for mention in view.mentions:
        if mention.kind == "city":
            return mention.id
    return None
