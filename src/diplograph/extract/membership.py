"""Membership of countries in organizations, with roles and periods.

Phrasings handled: "X is a member of O", "X became a member of O in 2011", "X joined O",
"X was elected a member of O for 2017-2019", "non-permanent membership in the UN Security
Council in 2012-2013", "X chaired O from 2019 to 2023", "X will chair O" (planned), "O1, O2 and
O3, of which it is (not) a member", "organizations of which it is a member, including O1, O2",
"X has O1, O2, O3 ... as a member", "observer status in O", "dialogue partner of O".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import modality, pick_date
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.model import Fact

TRIGGER = re.compile(
    r"\b(?:members?(?:hip)?|joined|join(?:s|ing)?|accession|acceded|admitted|chair(?:s|ed|ing|man|"
    r"manship|mans|person|personship)?|presidency|presided|observers?|dialogue partners?|"
    r"non-permanent)\b", re.I)
_ROLE = [
    ("non_permanent_member", re.compile(r"\bnon-?\s?permanent\b", re.I)),
    ("chair", re.compile(r"\b(?:chair\w*|presidency|presided|presiding)\b", re.I)),
    ("observer", re.compile(r"\bobservers?\b", re.I)),
    ("dialogue_partner", re.compile(r"\bdialogue partners?\b", re.I)),
    ("partner", re.compile(r"\bpartner (?:country|state) of\b", re.I)),
]
# Org right after the trigger: "member of the O", "joined O", "chairmanship in O".
_GOVERNS_AFTER = re.compile(
    r"^(?:[\w-]+ ){0,3}?(?:of|in|to|at|with)?\s*(?:the\s+)?$|^\s*(?:the\s+)?$", re.I)
_WHICH_MEMBER = re.compile(r"\b(?:of|in) which (?:it|we|they|the country|[A-Z]\w+) (?:is|are|was|were|has been|"
                           r"have been|had been|is not|are not|was not|were not|has not been)\s+(?:not\s+)?"
                           r"(?:a |an )?(?:full |founding |active )?(?:members?|observers?)\b", re.I)
_AS_MEMBER = re.compile(r"\bas (?:a |an )?(?:full |founding )?(?:members?|observers?)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|such as|namely|among them|in particular)\b[:\s]*", re.I)
_COUNT_MEMBERS = re.compile(r"\b\d+\s+(?:member\s+)?(?:states|countries|nations)\b[^.]{0,20}\bmembers?\b", re.I)


def extract(ctx: DocContext) -> Iterator[Fact]:
    for view in ctx.sentences:
        orgs = [a for a in view.actors if a.kind == "org"]
        if not orgs or not TRIGGER.search(view.text):
            continue
        done: set[tuple[str, str]] = set()
        for fact in _facts(ctx, view, orgs):
            key = (fact.args["org"], fact.args["role"])
            if key not in done:
                done.add(key)
                yield fact


def _facts(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[Fact]:
    text = view.text
    # "O1, O2 and O3, of which it is (not) a member" / "... of which it is a member, including O1, O2"
    found_which = False
    for m in _WHICH_MEMBER.finditer(text):
        # The relative clause carries its own modality: "will develop ties with O, of which it is
        # not a member" is a negated membership, not a planned one.
        mod = "negated" if re.search(r"\bnot\b", m.group(0)) else "asserted"
        role = "observer" if "observer" in m.group(0).lower() else "member"
        after = text[m.end():]
        inc = _INCLUDING.search(after[:40])
        if inc:
            first = _first_org_at(orgs, view.start + m.end() + inc.end())
        else:
            first = _last_org_before(orgs, view.start + m.start())
        if first is None:
            continue
        member = _member(ctx, view, view.start + m.start(), exclude_after=True)
        if not member:
            continue
        found_which = True
        chunk = ctx.list_chunk(orgs, orgs.index(first))
        for org in chunk:
            yield _fact(ctx, view, member, org, role, mod, m, "membership.of_which")
    if found_which:
        return

    # "X has O1, O2 ... as a member"
    for m in _AS_MEMBER.finditer(text):
        before = [o for o in orgs if o.end <= view.start + m.start()]
        if not before:
            continue
        member = _member(ctx, view, before[0].start)
        if not member:
            continue
        # The list closest to "as a member", read backwards through the parenthesised names.
        chunk = _chain_back(ctx, before)
        mod = modality(text, m.start())
        for org in chunk:
            yield _fact(ctx, view, member, org, "member", mod, m, "membership.as_member")
        return

    for m in TRIGGER.finditer(text):
        word = m.group(0).lower()
        pos = view.start + m.end()
        org = _first_org_at(orgs, pos, max_gap=50)
        if org is None or not _governed(ctx.text[pos:org.start]):
            continue
        if _COUNT_MEMBERS.search(text[max(0, m.start() - 40):m.end()]):
            continue    # "of which 120 states are members": no member named
        member = _member(ctx, view, view.start + m.start())
        if not member:
            continue
        role = _role(text[max(0, m.start() - 30):m.end() + 5], word)
        mod = modality(text, m.start())
        chunk = ctx.list_chunk(orgs, orgs.index(org))
        chunk = [o for o in chunk if o.start >= org.start]
        for o in chunk:
            yield _fact(ctx, view, member, o, role, mod, m, "membership.trigger_org")


def _governed(gap: str) -> bool:
    """Words between a trigger and an organization that keep the organization its object."""
    return bool(re.fullmatch(r"\s*(?:(?:of|in|to|at|with|over|for)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?"
                             r"(?:of\s+)?(?:the\s+)?", gap, re.I)) and not re.search(
        r"\b(?:states|countries|nations|session|meeting|summit|and)\b", gap, re.I)


def _first_org_at(orgs: list[Actor], pos: int, max_gap: int = 40) -> Actor | None:
    for o in orgs:
        if o.start >= pos:
            return o if o.start - pos <= max_gap else None
    return None


def _last_org_before(orgs: list[Actor], pos: int) -> Actor | None:
    before = [o for o in orgs if o.end <= pos]
    return before[-1] if before and pos - before[-1].end <= 60 else None


def _chain_back(ctx: DocContext, before: list[Actor]) -> list[Actor]:
    chunk = [before[-1]]
    for a in reversed(before[:-1]):
        if ctx.is_list_gap(a.end, chunk[0].start) or _paren_gap(ctx.text[a.end:chunk[0].start]):
            chunk.insert(0, a)
        else:
            break
    return chunk


def _paren_gap(gap: str) -> bool:
    return len(gap) <= 40 and bool(re.fullmatch(r"[\s,()\-–—/]*(?:[\w-]+[\s,()\-–—/]*){0,3}", gap))


def _member(ctx: DocContext, view: SentenceView, pos: int, exclude_after: bool = False) -> str | None:
    """The country that is the member: the subject of the clause before the trigger, or the
    document's focus for 'it', 'we', 'our country'."""
    cands = [a for a in view.countries() if a.end <= pos and a.via not in ("city",)]
    cands = [a for a in cands if ctx.preceding_word(a.start) not in ("with", "to", "against", "in", "between")]
    if cands:
        # The clause subject is usually the first country of the sentence.
        return cands[0].id
    if re.search(r"\b(?:it|we|our country|the country|our state)\b", view.text[:pos - view.start], re.I):
        return ctx.focus
    # A nominal trigger before its subject: "After its membership in O in 2012, X ..."
    later = [a for a in view.countries() if a.start >= pos and a.via not in ("city", "focus")
             and ctx.preceding_word(a.start) not in ("with", "to", "against", "in", "between", "of")]
    return later[0].id if later else None


def _role(window: str, word: str) -> str:
    for role, rx in _ROLE:
        if rx.search(window):
            return role
    return "member"


def _fact(ctx: DocContext, view: SentenceView, member: str, org: Actor, role: str, mod: str,
          m: re.Match, rule: str) -> Fact:
    date = pick_date(view, view.start + m.start(), want_period=True)
    start = end = None
    if date is not None:
        if date.end_value:
            start, end = date.value, date.end_value
        elif re.search(r"\b(?:joined|became|admitted|acceded|accession|since|elected|join)\b", view.text, re.I):
            start = date.value
    if role == "member" and org.id == "UNSC" and re.search(r"non-?\s?permanent", view.text, re.I):
        role = "non_permanent_member"
    conf = 0.85 if rule != "membership.trigger_org" else 0.8
    return ctx.fact("membership", {"member": member, "org": org.id, "role": role}, view, rule=rule,
                    trigger=m.group(0), time={"start": start, "end": end}, modality=mod, confidence=conf)
