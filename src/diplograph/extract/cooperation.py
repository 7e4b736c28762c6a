"""Cooperation between two actors (countries or organizations) in a named domain.

Phrasings handled: "X and Y agreed to expand cooperation on transit freight", "X develops
cooperation with NATO", "a memorandum on cooperation in renewable energy", "a strategic
partnership in the field of energy", "Hungarian and Azerbaijani culture ministers ... cultural
cooperation programme", "talks between P and Q focused on trade and the defence industry",
"no cooperation on security" (negated). The domain comes from the words the cooperation is
about; a sentence that names none gives `other`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import modality, pick_date, time_of
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import Fact

TRIGGER = re.compile(r"\b(?:cooperat\w+|co-operat\w+|collaborat\w+|partnership (?:in|on) the (?:field|area|sphere)s? of|"
                     r"(?:talks|discussions|negotiations|consultations)\b[^.;]{0,80}?\b(?:focused|centred|centered) on|"
                     r"discussed)\b", re.I)
DOMAINS = [
    ("energy", r"energy|oil|gas|pipelines?|electricity|power|renewables?|hydrocarbons?|solar|wind|hydrogen"),
    ("defense", r"defen[cs]e|military|arms|armed forces|defen[cs]e industry|weapons"),
    ("transport", r"transport\w*|transit|logistics|railways?|corridors?|connectivity|shipping|freight|ports?"),
    ("trade", r"trade|commerce|commercial|exports?|imports?|customs|agricultur\w+|economic"),
    ("investment", r"invest\w*|financ\w+|funds?"),
    ("justice", r"justice|legal|judicial|law enforcement|extradition|prosecutors?|courts?"),
    ("climate", r"climate|environment\w*|emissions|green transition"),
    ("culture", r"cultur\w+|humanitarian|education\w*|science|scientific|youth|sports?|tourism|heritage"),
    ("security", r"security|terroris\w+|counter-terrorism|extremism|cyber\w*|border protection"),
]
_DOMAIN = [(d, re.compile(rf"\b(?:{rx})\b", re.I)) for d, rx in DOMAINS]
# The words a cooperation is about: "cooperation in/on/for X", "X cooperation", "in the field of X".
_ABOUT_AFTER = re.compile(r"^\s*(?:(?:in|on|for|over)\s+(?:the\s+)?(?:(?:field|area|sphere|domain)s?\s+of\s+)?)"
                          r"([\w\s,-]{3,60}?)(?=[.;]|\s+(?:and|with|between|for|in)\s+(?:the\s+)?[A-Z]|$)", re.I)
_ABOUT_BEFORE = re.compile(r"([\w-]+(?:\s+and\s+[\w-]+)?)\s+$")
_ROLE_AFTER_DEMONYM = re.compile(r"[-–]|\s+(?:and\s+[A-Z]\w+\s+)?(?:[a-z]+\s+)?(?:side|government|counterpart|"
                                 r"President|president|delegations?|leaders?|ministers?|ministries|officials|"
                                 r"authorities|companies|firms|agencies)\b")


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        m = TRIGGER.search(view.text)
        if not m or _inside_name(view, m):
            continue
        actors = _actors(ctx, view)
        ids = list(dict.fromkeys(a.id for a in actors))
        if len(ids) < 2 and ctx.refers_to_pair(view.text):
            ids = list(dict.fromkeys(ids + ctx.pair_before(view)))
        if len(ids) != 2:
            continue
        if len(actors) == 2 and actors[0].start - view.start < 3 and \
                ctx.text[actors[0].end:actors[1].start].strip() == ",":
            continue       # "Georgia, Belarus - cooperation with these countries": a list, not a pair
        mod = modality(view.text, m.start())
        if re.search(r"\bno\s+(?:\w+\s+)?$", view.text[:m.start()], re.I):
            mod = "negated"
        domains = _domains(view.text, m)
        if domains == ["other"] and not re.search(r"cooperat\w+\s+(?:between|with)\b", view.text, re.I):
            continue       # cooperation with no subject named and no explicit pair: too vague
        date = pick_date(view, view.start + m.start())
        a, b = ids
        for d in domains[:3]:
            yield ctx.fact("cooperation", {"a": a, "b": b, "domain": d}, view, rule="cooperation",
                           trigger=m.group(0), modality=mod, confidence=0.6 if d != "other" else 0.5,
                           time=time_of(date) if date and not date.end_value else {"start": None, "end": None})


def _inside_name(view: SentenceView, m: re.Match) -> bool:
    """'Shanghai Cooperation Organisation': the trigger is part of a name the registry knows."""
    pos = view.start + m.start()
    return any(x.start <= pos < x.end for x in view.mentions)


def _actors(ctx: DocContext, view: SentenceView) -> list[Actor]:
    out = []
    for a in view.actors:
        if a.via in ("city", "focus") or ctx.is_place_or_topic(a) or ctx.in_topic_compound(a):
            continue
        if a.via == "demonym" and not _ROLE_AFTER_DEMONYM.match(ctx.text[a.end:a.end + 50]):
            continue
        out.append(a)
    return out


def _domains(text: str, m: re.Match) -> list[str]:
    """Domains named right after or before the trigger, else anywhere in the sentence."""
    about = _ABOUT_AFTER.match(text[m.end():])
    near = about.group(1) if about else ""
    before = _ABOUT_BEFORE.search(text[:m.start()])
    near += " " + (before.group(1) if before else "")
    if m.group(0).lower().startswith(("talks", "discussions", "negotiations", "consultations", "discussed")):
        near += " " + text[m.end():m.end() + 80]
    found = [d for d, rx in _DOMAIN if rx.search(near)]
    if not found:
        found = [d for d, rx in _DOMAIN if rx.search(text)]
    return found or ["other"]


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
