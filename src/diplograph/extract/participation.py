"""Participation of countries in corridors, pipelines, railways and initiatives.

Phrasings handled: "Members of the P project are A, B and C", "A, B and C participate in P",
"We take an active part in the implementation of the North-South and East-West transport
corridors" (the speaker's country; coordinated names split), "X joined P", "P, which connects /
involves A, B and C", "the countries participating in P".
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import modality
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.model import Fact

TRIGGER = re.compile(r"\b(?:participa\w*|take[sn]? (?:an? \w+ )?part|took (?:an? \w+ )?part|taking (?:an? \w+ )?part|"
                     r"members? of|joined|join|involv\w+|partners? in|connects|links|unites|parties to|"
                     r"shareholders?|stakeholders?)\b", re.I)
_HEAD = r"(?:transport |energy |transit |gas |oil |economic |international )?(?:corridors?|pipelines?|railways?|routes?|projects?|initiatives?)"
# Capitalised or hyphenated names of projects the registry does not list: "Lapis Lazuli corridor".
_NAMED = re.compile(r"((?:[A-Z][\w'’]*[\s-]+){0,5}?(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)+|[A-Z][\w'’]*)\s+" + _HEAD + r")\b")
_ELLIPSIS = re.compile(r"\b([A-Z][\w]*-[A-Z][\w]*)\s+and\s+([A-Z][\w]*-[A-Z][\w]*)\s+(" + _HEAD + r")", re.I)


@dataclass(frozen=True)
class Project:
    start: int
    end: int
    name: str


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        m = TRIGGER.search(view.text)
        if not m:
            continue
        projects = _projects(ctx, view)
        if not projects:
            continue
        mod = modality(view.text, m.start())
        yield from _facts(ctx, view, projects, m, mod)


def _projects(ctx: DocContext, view: SentenceView) -> list[Project]:
    found: list[Project] = []
    for mention in view.mentions:
        if mention.kind == "project":
            found.append(Project(mention.start, mention.end, mention.id))
    for e in _ELLIPSIS.finditer(view.text):
        head = e.group(3).rstrip("s")
        for g in (1, 2):
            found.append(Project(view.start + e.start(g), view.start + e.end(g), f"{e.group(g)} {head}"))
    for n in _NAMED.finditer(view.text):
        s, e = view.start + n.start(1), view.start + n.end(1)
        if not any(p.start <= s < p.end or s <= p.start < e for p in found):
            name = n.group(1).strip()
            if name.split()[0] in ("The", "This", "These", "That", "Our", "Its", "A", "An"):
                continue
            found.append(Project(s, e, name))
    found.sort(key=lambda p: p.start)
    # Resolve elliptical names through the registry where it knows them.
    return [_resolved(p) for p in found]


def _resolved(p: Project) -> Project:
    from diplograph.registry.resolve import resolve_name
    r = resolve_name(p.name)
    if r.id and r.kind == "project":
        return Project(p.start, p.end, r.id)
    return p


def _facts(ctx: DocContext, view: SentenceView, projects: list[Project], m: re.Match, mod: str) -> Iterator[Fact]:
    text = view.text
    countries = [a for a in view.countries() if a.via not in ("city", "person") or a.via == "person"]
    trig_pos = view.start + m.start()
    members: list[Actor] = []
    rule = "participation"
    # "Members of P are A, B and C" / "countries participating in P are A, B"
    are = re.search(r"\b(?:are|include|includes|were|comprise)\b:?", text[m.end():])
    if are:
        after = view.start + m.end() + are.end()
        later = [a for a in countries if a.start >= after]
        if later:
            members = ctx.list_chunk(later, 0)
            rule = "participation.members_are"
    if not members:
        before = [a for a in countries if a.end <= trig_pos and a.via != "city"]
        if before:
            members = ctx.list_chunk(before, len(before) - 1)
            rule = "participation.subject"
        elif re.search(r"\b(?:we|our country|the country)\b", text[:m.start()], re.I) and ctx.focus:
            members = [Actor(view.start, view.start, ctx.focus, "country", "focus")]
            rule = "participation.speaker"
    if not members:
        return
    targets = [p for p in projects if p.start >= trig_pos] or projects[-1:]
    # Coordinated projects right after the trigger all count ("North-South and East-West corridors").
    first = targets[0]
    chosen = [first] + [p for p in targets[1:] if p.start - first.end < 80 and
                        re.fullmatch(r"[\s,]*(?:and|as well as|,)?[\s\w-]{0,25}", ctx.text[first.end:p.start] or " ")]
    seen = set()
    for a in members:
        for p in chosen:
            if (a.id, p.name) in seen:
                continue
            seen.add((a.id, p.name))
            yield ctx.fact("participation", {"member": a.id, "project": p.name}, view, rule=rule,
                           trigger=m.group(0), modality=mod, confidence=0.75,
                           time={"start": None, "end": None})
