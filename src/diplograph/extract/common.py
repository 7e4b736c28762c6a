"""Decisions shared by the fact rules: modality, the time of a fact, and small text tests."""
from __future__ import annotations

import re

from diplograph.extract.context import SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import DateMention, Fact

_PLANNED = re.compile(
    r"\b(?:will|shall|'ll|would|is (?:set|due|expected|scheduled|going|planned|slated|to be)|"
    r"are (?:set|due|expected|scheduled|going|planned|slated|to be)|(?:plans?|planning|intends?|intending|"
    r"aims?|seeks?|hopes?|wishes|wants|prepares?|preparing|decided|agreed|proposed|offered|invited) to|"
    r"intention to|plan to|decision to|forthcoming|upcoming|future|next|"
    r"to be (?:held|signed|hosted)|might|could|should|candidacy|bid to|"
    r"taken a decision to|has decided|have decided|"
    r"(?:a|an|the|its|their)\s+(?:planned|proposed|possible|potential|prospective|mooted))\b", re.I)
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|neither|nor|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|hasn['’]t|haven['’]t|"
    r"didn['’]t|doesn['’]t|don['’]t|won['’]t|cannot|can['’]t|denied|denies|refused|rejected|"
    r"without (?:entering|joining)|outside)\b", re.I)
_CLAUSE_START = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|, (?:and|which|who|as)\b|\.\s", re.I)


def clause_before(text: str, pos: int, max_words: int = 9) -> str:
    """The words of the clause just before `pos` (at most `max_words`)."""
    head = text[:pos]
    cut = 0
    for m in _CLAUSE_START.finditer(head):
        cut = m.end()
    words = head[cut:].split()
    return " ".join(words[-max_words:])


def modality(text: str, pos: int, *, window: int = 9) -> str:
    """Modality of the fact whose trigger is at `pos` of `text` (a sentence): words of the same
    clause just before the trigger decide: 'will chair' is planned, 'is not a member' negated."""
    before = clause_before(text, pos, window)
    if _NEGATED.search(before):
        return "negated"
    if _PLANNED.search(before):
        return "planned"
    return "asserted"


_PLANNED_AFTER = re.compile(r"^(?:[\w$.,'’-]+\s+){0,8}?(?:will|shall|would|is to be|are to be|are expected to|"
                            r"is expected to|are due to|is due to|could|might)\b", re.I)
_NEGATED_AFTER = re.compile(r"^(?:[\w$.,'’-]+\s+){0,6}?(?:(?:is|are|was|were|has|have|had|do|does|did)\s+not|"
                            r"never)\b", re.I)


def modality_around(text: str, start: int, end: int) -> str:
    """Modality of a statement whose key words run from `start` to `end` and whose verb may
    come after them ("50 deals will be signed"): the clause before decides first, then the
    words right after."""
    before = modality(text, start)
    if before != "asserted":
        return before
    after = text[end:end + 90].lstrip()
    cut = re.search(r"[.;:]|\bbut\b", after)
    after = after[:cut.start()] if cut else after
    if _NEGATED_AFTER.search(after):
        return "negated"
    if _PLANNED_AFTER.search(after):
        return "planned"
    return "asserted"


def pick_date(view: SentenceView, pos: int, *, want_period: bool = False,
              after_only: bool = False) -> DateMention | None:
    """The date mention of the sentence that belongs to the trigger at cleaned offset `pos`:
    a period if one is wanted and present, else the nearest date (dates after the trigger
    are preferred at equal distance, as in 'visited Rome in 2018')."""
    dates = view.dates
    if not dates:
        return None
    if want_period:
        periods = [d for d in dates if d.end_value]
        if periods:
            return min(periods, key=lambda d: abs(d.start - pos))
    if after_only:
        dates = [d for d in dates if d.start >= pos]
        if not dates:
            return None
    return min(dates, key=lambda d: (abs(d.start - pos) - (5 if d.start >= pos else 0)))


def time_of(date: DateMention | None) -> dict:
    if date is None:
        return {"start": None, "end": None}
    return {"start": date.value, "end": date.end_value}


def news_date(ctx) -> str | None:
    """The document date, when it is precise enough to date the events of a news report."""
    d = ctx.doc.date
    if d and len(d) >= 7 and ctx.doc.date_source not in (None, "text"):
        return d
    return None


TODAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening|week)|tonight|on (?:Monday|Tuesday|Wednesday|"
                   r"Thursday|Friday|Saturday|Sunday)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                   r"Sunday|yesterday)\b", re.I)


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
_PLANNED = gate(_PLANNED)
_NEGATED = gate(_NEGATED)
TODAY = gate(TODAY)
_CLAUSE_START = gate(_CLAUSE_START)


def share_dates(facts: list[Fact], *keys: str) -> None:
    """A later undated mention of the same event ('the visit', 'the talks') takes the date of a
    dated one with the same modality and the same values of `keys`."""
    for f in facts:
        if f.time.get("start"):
            continue
        same = [g for g in facts if g is not f and g.time.get("start") and g.modality == f.modality
                and all(g.args.get(k) == f.args.get(k) for k in keys)]
        if same:
            f.time = dict(same[0].time)
