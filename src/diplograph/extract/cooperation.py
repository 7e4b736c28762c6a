"""Cooperation between two actors in a named domain.

Phrasings handled: "X and Y agreed to expand cooperation in energy and transport", "X develops
cooperation with NATO", "defence cooperation between X and Y", "X-Y trade ties". A domain is
named only when the sentence names it; otherwise the domain is `other`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import modality, pick_date, time_of
from diplograph.extract.context import DocContext, SentenceView
from diplograph.model import Fact

TRIGGER = re.compile(r"\b(?:cooperat\w+|co-operat\w+|collaborat\w+)\b", re.I)
DOMAINS = [
    ("energy", r"energy|oil|gas|pipelines?|electricity|power|renewables?|hydrocarbons?"),
    ("defense", r"defen[cs]e|military|arms|armed forces|defen[cs]e industry"),
    ("transport", r"transport\w*|transit|logistics|railways?|corridors?|connectivity|shipping"),
    ("trade", r"trade|economic|economy|commerce|commercial|exports?|imports?|customs|agricultur\w+|tourism"),
    ("investment", r"invest\w*|financ\w+"),
    ("justice", r"justice|legal|judicial|law enforcement|extradition"),
    ("climate", r"climate|environment\w*|green|emissions"),
    ("culture", r"cultur\w+|humanitarian|education\w*|science|scientific|youth|sports?|tourism"),
    ("security", r"security|terroris\w+|counter-terrorism|extremism|cyber\w*|border"),
]
_DOMAIN = [(d, re.compile(rf"\b(?:{rx})\b", re.I)) for d, rx in DOMAINS]


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        m = TRIGGER.search(view.text)
        if not m:
            continue
        actors = [a for a in view.actors if a.via not in ("city",) and not ctx.is_place_or_topic(a)
                  and (a.via != "demonym" or _adjective_of_relation(ctx, a))]
        ids = list(dict.fromkeys(a.id for a in actors))
        if len(ids) != 2:
            continue
        mod = modality(view.text, m.start())
        window = view.text[max(0, m.start() - 60):m.end() + 80]
        domains = [d for d, rx in _DOMAIN if rx.search(window)] or ["other"]
        date = pick_date(view, view.start + m.start())
        for d in domains[:4]:
            a, b = ids
            yield ctx.fact("cooperation", {"a": a, "b": b, "domain": d}, view, rule="cooperation",
                           trigger=m.group(0), modality=mod, confidence=0.6,
                           time=time_of(date) if date and not date.end_value else {"start": None, "end": None})


def _adjective_of_relation(ctx: DocContext, a) -> bool:
    """'Turkish-Uzbek cooperation', 'the Turkish side': a demonym that stands for an actor."""
    after = ctx.text[a.end:a.end + 30]
    return bool(re.match(r"[-–]|\s+(?:side|government|counterpart|President|president|delegation|leaders?)", after))
