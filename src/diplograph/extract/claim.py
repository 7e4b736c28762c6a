"""Figures a source claims: counts of diplomatic relations, partners, missions, documents
signed, votes, visits — with their qualifier ("more than", "nearly", "about").

The measure is named from the counted noun and its context, so that the knowledge base can
compare the same measure across sources: `diplomatic_relations_count`,
`strategic_partners_count`, `strategic_partners_in_eu_count`, `documents_signed`, ...
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import modality_around
from diplograph.extract.context import DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import Fact

_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "a hundred": 100, "dozens": 24, "a dozen": 12})
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
_QUALIFIERS = [
    ("more_than", r"more than|over|upwards of|in excess of|at least|no fewer than|no less than|above"),
    ("nearly", r"nearly|almost|close to|just under|up to|fewer than|less than"),
    ("about", r"about|around|approximately|some|roughly|an estimated|circa"),
]
_QUAL = "|".join(rx for _, rx in _QUALIFIERS)
_NUMBER = re.compile(
    rf"(?<![\w$€£.,-])(?:(?P<q>{_QUAL})\s+)?(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+|"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) +
    r")(?![\w%.,]\d|\s*(?:%|per ?cent|percent|million|billion|thousand|years?|months?|days?|km|"
    r"kilometers?|tons?|tonnes?|bcm|barrels?|USD|dollars?|euros?|manat|st\b|nd\b|rd\b|th\b))"
    r"(?=(?P<rest>(?:\s+[\w-]+){0,4}))", re.I)   # a look-ahead, so "2019 with 158 votes" still finds 158
_NOUNS = [
    ("embassies", r"embass\w+|consulates?|diplomatic missions?|missions?|representations?"),
    ("documents", r"documents?|agreements?|accords?|treat\w+|deals?|memorand\w+|items|contracts?|declarations?"),
    ("votes", r"votes?"),
    ("visits", r"visits?"),
    ("partners", r"partners?"),
    ("events", r"(?:international\s+|major\s+|global\s+|sporting\s+|high-level\s+)*(?:events|summits|conferences|forums)"),
    ("countries", r"countries|states|nations|governments|member states"),
]
_NOUN_RX = [(k, re.compile(rf"\b(?:{rx})\b", re.I)) for k, rx in _NOUNS]
# "Its strategic partners now number 25": the counted noun before the number.
_NOUN_FIRST = re.compile(r"\b(?P<noun>(?:comprehensive\s+)?strategic partners|partners|allies|embassies|"
                         r"diplomatic missions)\s+(?:now\s+)?(?:number|total|stand at|reach(?:ed)?|amount to)\s+"
                         r"(?:(?P<q>" + _QUAL + r")\s+)?(?P<n>\d+)\b", re.I)
# Money: "trade stood at about 16 billion dollars", "investments of $2 billion".
_MONEY = re.compile(r"(?:(?P<q>" + _QUAL + r")\s+)?(?:US\s?\$|\$|USD\s?)?\s?(?P<n>\d+(?:[.,]\d+)?)\s+"
                    r"(?P<unit>million|billion|bn)\b(?:\s+(?:US\s)?(?:dollars|USD|euros))?", re.I)
_MONEY_UNIT = re.compile(r"\b(?:million|billion|bn)\b", re.I)
_MONEY_WHAT = [("trade_volume_usd_bn", re.compile(r"\b(?:trade|turnover)\b", re.I)),
               ("investment_usd_bn", re.compile(r"\binvest\w*", re.I))]
_ORDINAL = re.compile(r"\b(?P<owner>[\w.]+(?:'s|’s))\s+(?P<ord>" + "|".join(_ORDINALS) +
                      r")\s+(?P<what>(?:comprehensive\s+)?strategic\s+partner|partner|ally)\b", re.I)
TRIGGER = re.compile(r"\d|\b(?:" + "|".join(list(_WORD_NUMBERS) + list(_ORDINALS)) + r")\b", re.I)
_DIGIT = re.compile(r"\d")
# A claim counts something: sentences without a counted noun are skipped before the costly patterns.
_COUNTED = re.compile(r"\b(?:embass|consulat|missions?|representations?|documents?|agreements?|accords?|treat|"
                      r"deals?|memorand|items|contracts?|declarations?|votes?|visits?|partners?|allies|countries|"
                      r"states|nations|governments|million|billion|bn|events|summits|conferences|forums)", re.I)


def extract(ctx: DocContext) -> Iterator[Fact]:
    last_measure: str | None = None
    facts: dict[tuple, Fact] = {}
    for view in ctx.sentences:
        # the cheaper tests first: a digit alone makes TRIGGER match, and the engine scans for one fast
        if not _COUNTED.search(view.text) or not (_DIGIT.search(view.text) or TRIGGER.search(view.text)):
            continue
        found = list(_ordinal_claims(ctx, view)) + list(_noun_first_claims(ctx, view))
        if found:
            last_measure = found[-1].args["measure"]
        found += list(_count_claims(ctx, view, last_measure)) + list(_money_claims(ctx, view))
        for fact in found:
            last_measure = fact.args["measure"]
            facts.setdefault((fact.args["subject"], fact.args["measure"], fact.args["value"]), fact)
    yield from _most_specific(facts)


def _most_specific(facts: dict[tuple, Fact]) -> Iterator[Fact]:
    """The same number for the same subject, once as 'strategic_partners_count' and once as
    'strategic_partners_in_epc_count', is one claim restated: keep the more specific measure."""
    for (subject, measure, value), fact in facts.items():
        base = measure.removesuffix("_count")
        if any(s == subject and v == value and m != measure and m.startswith(base + "_in_")
               for s, m, v in facts):
            continue
        yield fact


def _ordinal_claims(ctx: DocContext, view: SentenceView) -> Iterator[Fact]:
    for m in _ORDINAL.finditer(view.text):
        owner = [a for a in view.countries() if view.start + m.start() <= a.start < view.start + m.end("owner")]
        if not owner:
            continue
        what = re.sub(r"\s+", "_", m.group("what").lower())
        measure = {"partner": "partners", "ally": "allies"}.get(what, what + "s") + "_count"
        yield _claim(ctx, view, owner[0].id, measure, _ORDINALS[m.group("ord").lower()], "exact", m, "claim.ordinal")


def _noun_first_claims(ctx: DocContext, view: SentenceView) -> Iterator[Fact]:
    for m in _NOUN_FIRST.finditer(view.text):
        subject = _subject(ctx, view, m, "partners")
        if subject is None:
            continue
        noun = re.sub(r"\s+", "_", m.group("noun").lower())
        measure = {"diplomatic_missions": "embassies_abroad"}.get(noun, noun) + "_count"
        qualifier = _qualifier(m.group("q"))
        yield _claim(ctx, view, subject, measure, int(m.group("n")), qualifier, m, "claim.noun_first")


def _money_claims(ctx: DocContext, view: SentenceView) -> Iterator[Fact]:
    if not _MONEY_UNIT.search(view.text):
        return
    for m in _MONEY.finditer(view.text):
        window = view.text[max(0, m.start() - 60):m.start()]
        what = next((name for name, rx in _MONEY_WHAT if rx.search(window)), None)
        if what is None:
            continue
        value = float(m.group("n").replace(",", "."))
        if m.group("unit").lower() == "million":
            value = round(value / 1000, 3)
        subject = _subject(ctx, view, m, "money")
        if subject is None:
            continue
        if value == int(value):
            value = int(value)
        yield _claim(ctx, view, subject, what, value, _qualifier(m.group("q")), m, "claim.money")


def _qualifier(word: str | None) -> str:
    return next((k for k, rx in _QUALIFIERS if word and re.fullmatch(rx, word, re.I)), "exact")


def _count_claims(ctx: DocContext, view: SentenceView, last_measure: str | None) -> Iterator[Fact]:
    text = view.text
    for m in _NUMBER.finditer(text):
        raw = m.group("n").lower()
        value = _WORD_NUMBERS.get(raw)
        if value is None:
            value = int(raw.replace(",", ""))
        if 1800 <= value <= 2100 and raw.isdigit() and len(raw) == 4:
            continue            # a year
        if re.match(r"\s*(?:of|out of)\b", text[m.end("n"):]) and not re.match(
                r"\s+of\s+(?:these|them|those|our|its|their)\b", text[m.end("n"):]):
            pass
        if re.search(r"\bout of\s*$", text[:m.start()]):
            continue            # "176 votes out of 184": 184 is the base, not a claim
        if not m.group("q") and re.search(r"\b(?:the|these|those|both|our|their|its|his|her|all)\s*$",
                                          text[:m.start()], re.I):
            continue            # "the two governments", "the five littoral states": no count is claimed
        noun = _noun(m.group("rest"))
        if noun is None:
            continue
        measure = _measure(text, m, noun, last_measure, view, ctx)
        if measure is None:
            continue
        qualifier = _qualifier(m.group("q"))
        pair = _pair_subject(ctx, view, m) if measure == "documents_signed" else []
        if pair:
            # "the two countries have signed more than 100 documents": a figure of both
            for subject in pair:
                yield _claim(ctx, view, subject, measure, value, qualifier, m, f"claim.{noun}.pair")
            continue
        subject = _subject(ctx, view, m, noun)
        if subject is None:
            continue
        yield _claim(ctx, view, subject, measure, value, qualifier, m, f"claim.{noun}")


def _noun(rest: str) -> str | None:
    words = rest.split()
    for i in range(len(words)):
        chunk = " ".join(words[: i + 1])
        for key, rx in _NOUN_RX:
            if rx.fullmatch(words[i]) or rx.fullmatch(chunk.split()[-1]):
                return key
    return None


def _measure(text: str, m: re.Match, noun: str, last_measure: str | None, view: SentenceView,
             ctx: DocContext) -> str | None:
    before = text[max(0, m.start() - 80):m.start()].lower()
    after = text[m.end("n"):m.end("n") + 120].lower()
    window = before + " " + after
    org = _org_after(view, m)
    if noun == "embassies":
        if re.search(r"\bforeign\b|\bof foreign\b|\bin (?:the )?(?:country|our)\b", window) or re.search(
                r"\boperat\w+ in\b", after):
            return "foreign_embassies_and_consulates_count"
        return "embassies_abroad_count"
    if noun == "documents":
        return "documents_signed"
    if noun == "votes":
        org = org or _org_before(view, m)
        return f"{org.lower()}_election_votes" if org else "votes_received"
    if noun == "visits":
        kind = re.search(r"\b(state|official|working)\b", window)
        return f"{kind.group(1) if kind else 'official'}_visits_abroad" if "abroad" in window or "foreign" in window \
            else "visits_count"
    if noun == "events":
        # "has hosted more than 300 international events": only a count of what a place hosted
        return "events_hosted_count" if re.search(r"\bhost(?:ed|s|ing)?\b|\borgani[sz]ed\b|\bheld\b", before) else None
    if noun == "partners":
        if re.search(r"\bcomprehensive strategic\b", window):
            return "comprehensive_strategic_partners_count"
        if re.search(r"\bstrategic\b", window):
            return "strategic_partners_count" if not org else f"strategic_partners_in_{org.lower()}_count"
        return None
    # countries / states / nations: what relation is being counted
    if re.search(r"\bincluding\s*$", before) and last_measure and org:
        base = re.sub(r"_in_\w+$", "", last_measure.removesuffix("_count"))
        return f"{base}_in_{org.lower()}_count"
    if re.search(r"\bof (?:these|them|those)\b", after[:25]) and last_measure and org:
        base = last_measure.removesuffix("_count")
        base = re.sub(r"_in_\w+$", "", base)
        return f"{base}_in_{org.lower()}_count"
    if re.search(r"\bof our strategic partners\b", after[:40]) and org:
        return f"strategic_partners_in_{org.lower()}_count"
    if re.search(r"diplomatic (?:relations|ties)", window):
        return "diplomatic_relations_count"
    if re.search(r"comprehensive strategic partner", window):
        return "comprehensive_strategic_partners_count"
    if re.search(r"strategic partner", window):
        if org and re.search(r"represented in|members? of", after):
            return f"strategic_partners_in_{org.lower()}_count"
        return "strategic_partners_count"
    if re.search(r"\bsuch partnerships\b|\bpartnerships?\b", window):
        return "partnerships_count"
    if re.search(r"\bdiplomatic missions\b|\bembass", window):
        return "foreign_missions_count"
    if re.search(r"\brecogni[sz]\w+", window):
        return "recognitions_count"
    return None


def _org_before(view: SentenceView, m: re.Match) -> str | None:
    pos = view.start + m.start()
    before = [a for a in view.actors if a.kind == "org" and a.end <= pos]
    return before[-1].id if before else None


def _org_after(view: SentenceView, m: re.Match) -> str | None:
    pos = view.start + m.start()
    for a in view.actors:
        if a.kind == "org" and a.start >= pos:
            return a.id
    return None


_PAIR_WORDS = re.compile(r"\b(?:the two|both)\s+(?:countries|sides|states|nations|governments|presidents|leaders|"
                         r"heads of state)\b|\bthe (?:sides|parties)\b", re.I)


def _pair_subject(ctx: DocContext, view: SentenceView, m: re.Match) -> list[str]:
    """The pair 'the two countries' stands for, when it is the subject of the count."""
    if not _PAIR_WORDS.search(view.text[:m.start()]):
        return []
    named = list(dict.fromkeys(a.id for a in view.countries() if a.via not in ("focus", "group")
                               and a.end <= view.start + m.start()))
    pair = named if len(named) == 2 else ctx.country_pair_before(view)
    return list(pair) if len(pair) == 2 else []


def _subject(ctx: DocContext, view: SentenceView, m: re.Match, noun: str) -> str | None:
    pos = view.start + m.start()
    text = view.text
    if noun == "embassies":
        # "More than 80 embassies ... operate in X" counts missions hosted by X.
        after = [a for a in view.countries() if a.start > pos and ctx.preceding_word(a.start) == "in"]
        if after:
            return after[0].id
    if re.search(r"\b(?:our|we)\b", text[:m.start()], re.I) or re.search(r"\bof our\b", text[m.end("n"):m.end("n") + 12]):
        return ctx.focus
    countries = [a for a in view.countries() if a.via != "focus"]
    # a list after "with" / "to" ("including trips to Germany, Saudi Arabia and Japan") names
    # partners or destinations, every member of it
    objects: set[int] = set()
    for i, a in enumerate(countries):
        if ctx.preceding_word(a.start) in ("with", "to", "between", "among") and a.start not in objects:
            objects.update(c.start for c in ctx.list_chunk(countries, i) if c.start >= a.start)
    cands = [a for a in countries if a.start not in objects]
    before = [a for a in cands if a.end <= pos]
    if before:
        return before[0].id
    after = [a for a in cands if a.start > pos and ctx.preceding_word(a.start) not in ("in",)]
    if after:
        return after[0].id
    if cands:
        return cands[0].id
    return ctx.focus


def _claim(ctx: DocContext, view: SentenceView, subject: str, measure: str, value: int, qualifier: str,
           m: re.Match, rule: str) -> Fact:
    # "established relations in 1992 and have since signed ...": a starting point is no 'as of'
    dates = [d for d in view.dates
             if not re.search(r"\b(?:since|from|after)\s+(?:the\s+)?$", ctx.text[max(0, d.start - 12):d.start], re.I)
             and not re.match(r"(?:since|from)\b", d.text, re.I)
             and not re.match(r"[^.;]{0,25}?\b(?:(?:has|have)\s+(?:\w+\s+)?since|ever since|since then)\b",
                              ctx.text[d.end:d.end + 40], re.I)]
    as_of = None
    if dates:
        d = max(dates, key=lambda d: d.end_value or d.value)
        as_of = (d.end_value or d.value)[:4] if d.end_value else d.value
    elif ctx.doc.date:
        as_of = ctx.doc.date[:4]
    mod = modality_around(view.text, m.start(), m.end())
    return ctx.fact("claim", {"subject": subject, "measure": measure, "value": value, "qualifier": qualifier},
                    view, rule=rule, trigger=m.group(0).strip(), time={"as_of": as_of}, modality=mod,
                    confidence=0.7)


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
_COUNTED = gate(_COUNTED)
_ORDINAL = gate(_ORDINAL)
_NOUN_FIRST = gate(_NOUN_FIRST)
_MONEY_UNIT = gate(_MONEY_UNIT)
_MONEY = gate(_MONEY)
_NUMBER = gate(_NUMBER)
