"""Agreements signed or adopted by two or more parties, with title, kind, place and date.

Phrasings handled:
- "X and Y signed an agreement on ...", "X signed a memorandum with Y", "a treaty between X and Y";
- several documents in one sentence: "signed an agreement on A and a joint statement on B, along
  with protocols on C" gives one agreement per document, each with its kind and title;
- counted documents: "the parties signed four memorandums of understanding" (one fact, titled so);
- passive and participle forms: "the Convention ... was signed by the heads of the five littoral
  states in Aktau" (a group, also one named only by its number and kind, expands to its members),
  "the Nakhchivan Agreement, signed in 2009 by A, B, C and D", "which the two governments signed";
- references back: "the two heads of state / both sides / the leaders signed ..." (the pair, or the
  parties of the agreement just before), "The agreement, signed in Astana in 2015, ...";
- separate bilateral documents: "X signed memorandums with A and with B", "A and B signed
  bilateral memorandums with X" (one agreement per pair);
- organizations as parties (ECOWAS, the EU), capitals standing for their states ("Baku and
  Islamabad issued a joint statement"), titles in quotes or capitals, the kind from the title.

Not agreements: counts of documents over a period ("more than 90 agreements since 1992" is a
claim), actors that are only places or topics of the document, organizations the document founds.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import TODAY, modality, news_date, pick_date, time_of
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import DateMention, Fact

_KINDS = [
    ("joint_statement", r"joint (?:statement|communiqu[eé]|press statement)s?|communiqu[eé]s?"),
    ("declaration", r"declarations?"),
    ("memorandum", r"memorand(?:um|ums|a)(?: of understanding)?|MoUs?"),
    ("action_plan", r"action plans?|plans? of action|roadmaps?|road maps?"),
    ("protocol", r"protocols?"),
    ("convention", r"conventions?"),
    ("treaty", r"treat(?:y|ies)|pacts?"),
    ("agreement", r"agreements?|accords?|deals?|contracts?|charters?"),
    ("other", r"(?:cooperation )?program(?:me)?s? of cooperation|cooperation program(?:me)?s?|"
              r"(?:framework|intergovernmental|interstate|inter-governmental|bilateral) documents?"),
]
# "Collective Security Treaty Organization", "Treaty Council": a body, not a document
_DOC = re.compile("|".join(f"(?P<{k}>\\b(?:{rx})\\b)" for k, rx in _KINDS), re.I)
_BODY_AFTER = re.compile(r"\s+(?-i:Organi[sz]ation|Council|Commission|Secretariat|Bureau|Body|Parliament)\b")
_SIGN = re.compile(r"\b(?:put\s+(?:their|its|his|her)\s+signatures?\s+(?:on|to|under)|"
                   r"(?:struck|strikes|sealed|seals|clinched|clinches|penned|pens)(?=\s+(?:an?|the|their|its|two|\d+|new)\s)|"
                   r"sign(?:ed|ing|s)?|adopt(?:ed|s|ing)?|conclu(?:ded|des|de)|ratif(?:ied|ies|y)|"
                   r"inked|initial(?:l)?ed|endorsed|issued|exchanged)\b", re.I)
TRIGGER = re.compile(r"\b(?:sign|adopt|conclu|ratif|inked|initial|endorsed|issued|exchanged|elevated|raised|struck|"
                     r"strikes|seal|clinch|penned|pens|"
                     r"upgraded|formali[sz]ed|enshrined|sealed|codified|governed|cemented)", re.I)
# "relations ... were elevated to an alliance by the Shusha Declaration": a named document that made
# or rules a relation between two countries
_INSTRUMENT = re.compile(
    r"\b(?:elevated|raised|upgraded|formali[sz]ed|enshrined|sealed|codified|governed|cemented)\b[^.;]{0,60}?"
    r"\b(?:by|in|through|under|with)\s+(?:the\s+)?(?P<title>(?:[A-Z][\w'’-]*\s+){1,4}"
    r"(?:Declaration|Treaty|Agreement|Accord|Pact|Convention|Charter|Memorandum)(?:\s+(?:on|of)\s+(?:[A-Z][\w'’-]*\s*)+)?)")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ON_DATE = re.compile(rf"\s+on\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}\b|"
                      r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|the\s+\d{1,2}(?:st|nd|rd|th)\b)")
_QUOTED = re.compile(r"[\"“«]([^\"”»]{6,200})[\"”»]")
_DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "two",
                "both", "each", "all", "any", "another", "other", "new", "further"}
_TITLE_WORD_STOP = {"signed", "adopted", "concluded", "ratified", "issued", "inked", "initialled", "initialed",
                    "endorsed", "exchanged", "sign", "signs", "signing", "adopt", "and", "with", "on", "of", "in",
                    "at", "by", "to", "for", "also", "then", "have", "has", "had", "was", "were", "is", "are",
                    "be", "been", "will", "would", "later", "jointly", "together", "from", "as", "up"}
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a number of": 3}
# A count of documents that is a running total, not one signing: "more than 90 agreements since 1992".
_QUALIFIED_COUNT = re.compile(r"\b(?:more than|over|about|around|nearly|almost|some|at least|up to|roughly|"
                              r"approximately|dozens of|hundreds of|scores of|numerous|many|a total of|in total)\s*"
                              r"(?:\d[\d,]*\s*)?(?:[\w-]+\s+){0,3}$", re.I)
_RUNNING_TOTAL = re.compile(r"^[^.;]{0,40}?\b(?:since|so far|to date|over the years|in total|altogether|"
                            r"over the past|in the past)\b", re.I)
_WHEN_WORDS = (r"(?:\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
               r"May|June|July|August|September|October|November|December|the sidelines|the margins|behalf|"
               r"the occasion|the eve)")
_TITLE_END = re.compile(
    r",|;|:|\.(?:\s|$)|\s(?:which|that|who|signed|adopted|concluded|ratified|issued|was|were|is|are|has|have|"
    r"had|will|would|entered|remains|(?-i:in\s+(?:the\s+)?(?=[A-Z\d]))|in\s+(?=(?:late|early|mid)\b)|"
    r"on\s+(?=" + _WHEN_WORDS + r")|at|during|after|before|with|by|along|together|"
    r"and\s+(?:(?:a|an|the|two|three|four|five|several|\d+)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?=(?:" + "|".join(rx for _, rx in _KINDS) + r")\b)|and\s+(?:signed|adopted|agreed|issued|approved|"
    r"also|then|discussed|held|praised|called|said)|to\s+(?!the\b|\d)|as|under|when|where|"
    r"while|since|until|from|near|closing|opening|marking|covering|committing|founding|establishing|"
    r"last|next|this|earlier|later|yesterday|today|tomorrow)\b", re.I)
_PAIR_WORDS = re.compile(
    r"\b(?:the two (?:countries|nations|states|sides|heads of state|leaders|presidents|governments|"
    r"ministers|delegations|parties|partners|prime ministers|foreign ministers|neighbou?rs|allies)|both (?:countries|"
    r"nations|sides|states|leaders|presidents|governments)|our two countries|the sides|the neighbou?rs|the pair|"
    r"the allies)\b", re.I)
_GROUP_WORDS = re.compile(
    r"\b(?:the (?:leaders|heads of state|presidents|parties|governments|ministers|delegations|signatories|"
    r"countries|states|nations)|they|the two(?=\s+(?:(?:have|has|had|also|then|later)\s+)*(?:sign|adopt|conclu|ink|"
    r"issu|initial|ratif)))\b", re.I)
_CLAUSE_CUT = re.compile(r";|\bwhere\b|\bwhen\b|\bwhile\b|\bwhereas\b|\bbut\b|\bafter which\b|"
                         r"\b(?:said|says|told|noted|added|stated|announced|reported)\b(?: that)?|"
                         r",\s*(?:and|as)\b|—|–\s", re.I)
_BY_END = re.compile(r"\s(?:in|at|on|during|after|before|which|who|hosted|under|as|to)\s|;|\.(?:\s|$)|"
                     r",\s*(?:and\s+)?(?:which\b|[a-z]+(?:ed|ing)\b)", re.I)
_LOCAL_GROUP = re.compile(
    r"\b(?:the\s+)?(?P<num>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(?P<words>(?:[A-Za-z-]+\s+){0,2}?)(?P<noun>states|countries|nations|republics|member states)\b", re.I)
_DEMONYM_OK = re.compile(r"[\s-]+(?:[A-Z]\w+|side|government|counterpart|president|delegation|leaders?|"
                         r"ministers?|officials?|parliament|authorities)")
_ANAPHOR_TITLE = re.compile(r"(?:the|this|that)\s+(?:document|agreement|treaty|declaration|memorandum|"
                            r"convention|protocol|accord|pact)$", re.I)
# "agreements signed earlier": not this signing, and not dated by the report
_EARLIER = re.compile(r"\s+(?:earlier|previously|before|in the past|over the years|so far|to date|in recent years)\b",
                      re.I)
_HEADLINE_LIST = re.compile(r"(?:^|\s)[-•·|]\s+[A-Z]")


@dataclass
class _Doc:
    start: int            # local offsets of the title in the sentence
    end: int
    kind: str
    title: str
    verb: re.Match | None = None
    passive: bool = False
    bilateral: bool = False


def extract(ctx: DocContext) -> Iterator[Fact]:
    facts: list[Fact] = []
    last_parties: tuple[int, list[str]] | None = None    # sentence index, parties of the last agreement
    last_dated: tuple[int, Fact] | None = None            # sentence index, the last dated agreement
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        if not _SIGN.search(view.text):
            fact = _instrument(ctx, view)
            if fact:
                facts.append(fact)
            continue
        if len(_HEADLINE_LIST.findall(view.text)) >= 2:
            continue    # a list of other articles' headlines
        for fact in _sentence(ctx, view, last_parties):
            if not fact.time.get("start") and last_dated and view.index - last_dated[0] == 1 \
                    and last_dated[1].args["parties"] == fact.args["parties"] \
                    and last_dated[1].modality == fact.modality == "asserted" \
                    and ctx.sentences[last_dated[0]].span.paragraph == view.span.paragraph:
                # "... adopted a Joint Declaration (dated). In addition, the sides signed agreements
                # on ...": the same signing
                fact.time = dict(last_dated[1].time)
            facts.append(fact)
            last_parties = (view.index, fact.args["parties"])
            if fact.time.get("start"):
                last_dated = (view.index, fact)
    for f in _merge(facts):
        f.time.pop("from_report", None)
        yield f


# --- documents -----------------------------------------------------------------------------------
def _documents(ctx: DocContext, view: SentenceView) -> list[_Doc]:
    text = view.text
    docs: list[_Doc] = []
    for m in _DOC.finditer(text):
        if _BODY_AFTER.match(text, m.end()):
            continue
        if any(d.start <= m.start() < d.end for d in docs):
            continue     # part of the title of the document before ("Agreement on the Protocol ...")
        kind = m.lastgroup or "other"
        start = _title_start(text, m.start())
        end = _title_end(text, m.end())
        q = _quoted_around(text, m.start())
        if q:
            start, end = q
        if _counted_total(text, start, m, end):
            continue
        title = text[start:end].strip(" ,")
        if re.fullmatch(r"[\"“«].*[\"”»]", title):
            title = title[1:-1]
        docs.append(_Doc(start, end, kind, title, bilateral=bool(re.search(r"\bbilateral\b", text[start:m.start()], re.I))))
    return docs


def _title_start(text: str, pos: int) -> int:
    """Where a document's title begins: capitalised words and modifiers before its noun
    ("the Enhanced Partnership and Cooperation Agreement", "four memorandums", "a cooperation agreement")."""
    start = pos
    taken = 0
    for w in reversed(list(re.finditer(r"[\w'’-]+", text[max(0, pos - 120):pos]))):
        w_start, w_end = w.start() + max(0, pos - 120), w.end() + max(0, pos - 120)
        if text[w_end:start].strip():
            break     # punctuation between: the title stops there
        word = w.group(0)
        low = word.lower()
        if low == "and" and text[start:start + 1].isupper() and _capital_before(text, w_start):
            start = w_start
            continue
        if low in _DETERMINERS or low in _TITLE_WORD_STOP or taken >= 6:
            break
        start = w_start
        taken += 1
    return start


def _capital_before(text: str, pos: int) -> bool:
    m = re.search(r"([\w'’-]+)\s*$", text[:pos])
    return bool(m and m.group(1)[:1].isupper())


def _title_end(text: str, pos: int) -> int:
    """Where a document's title ends: 'of understanding', 'on ...', 'for ...', 'between ...' phrases
    up to a clause boundary, a place, a date or the next document."""
    rest = text[pos:]
    m = re.match(r"\s+(?:of understanding|on|of|for|between|about|concerning|regarding|in the field of|"
                 r"in the fields of|in the area of|to)\b", rest, re.I)
    if text[pos - 1:pos].isupper() and re.match(r"\s+[A-Z]{2,}", rest):
        caps = re.match(r"(?:\s+(?:[A-Z][A-Z'’-]+|OF|ON|AND|THE|BETWEEN|FOR|IN))+", rest)
        return pos + caps.end() if caps else pos
    if not m or _ON_DATE.match(rest):
        return pos      # nothing hangs on the noun: "a cooperation agreement", "an agreement on 6 August"
    if m.group(0).strip().lower() == "of understanding":
        pos += m.end()
        rest = text[pos:]
        if not re.match(r"\s+(?:on|for|between|about|concerning|regarding|in the field of|to)\b", rest, re.I):
            return pos
    # skip the first preposition so that "on" in "agreement on trade" does not end the title
    first = re.match(r"\s+\w+(?:\s+(?:the\s+)?(?:field|fields|area)\s+of)?", rest)
    cut = _TITLE_END.search(rest, first.end() if first else 0)
    end = pos + (cut.start() if cut else len(rest))
    return end


def _quoted_around(text: str, pos: int) -> tuple[int, int] | None:
    for q in _QUOTED.finditer(text):
        inner = q.group(1)
        # a quoted title, not a quoted remark: short, no signing verb, the document word near its start
        if q.start(1) <= pos < q.end(1) and not _SIGN.search(inner) and len(inner.split()) <= 25 \
                and len(text[q.start(1):pos].split()) <= 6 and not re.search(r"[,.;]\s", text[q.start(1):pos]):
            return q.start(1), q.end(1)
    return None


def _counted_total(text: str, start: int, m: re.Match, end: int) -> bool:
    """'more than 90 intergovernmental agreements since 1992', 'dozens of documents': a claim."""
    if not m.group(0).lower().endswith(("s", "a", "ies")) or m.group(0).lower() in ("memorandum",):
        return False
    before = text[max(0, start - 40):m.start()]
    if _QUALIFIED_COUNT.search(before):
        return True
    num = re.search(r"\b(\d[\d,]*)\s+(?:[\w-]+\s+){0,3}$", before)
    # "have signed 95 agreements": a running total in the perfect tense
    if num and int(num.group(1).replace(",", "")) >= 10 and re.search(
            r"\b(?:have|has|had)\s+(?:\w+\s+)?(?:signed|concluded|adopted|ratified)\s+[^,;]*$", text[max(0, start - 80):start],
            re.I):
        return True
    if (num or re.search(r"\b(?:%s)\s+(?:[\w-]+\s+){0,3}$" % "|".join(_NUMBER_WORDS), before, re.I)) \
            and _RUNNING_TOTAL.match(text[m.end():]):
        return True
    return bool(_RUNNING_TOTAL.match(text[m.end():])) and not re.search(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$",
                                                                          before)


# --- one sentence --------------------------------------------------------------------------------
def _sentence(ctx: DocContext, view: SentenceView, last_parties) -> Iterator[Fact]:
    text = view.text
    docs = _documents(ctx, view)
    if not docs:
        return
    verbs = list(_SIGN.finditer(text))
    for d in docs:
        d.verb, d.passive = _verb_for(text, d, verbs, docs)
    # "the Tehran Convention, the region's first binding environmental treaty": one document
    docs = [d for i, d in enumerate(docs) if d.verb is not None and not (
        i and re.fullmatch(r"\s*,\s*(?:the|a|an|its|their)\s+[^,;]{0,60}", text[docs[i - 1].end:d.start], re.I)
        and not re.search(r"\b(?:and|along|together|as well as|plus)\b", text[docs[i - 1].end:d.start], re.I))]
    if not docs:
        return
    groups = _local_groups(ctx, view)
    # an organization named only to say whose members act ("member states of X") is not a party
    actors = [a for a in view.actors if _usable(ctx, view, a) and not any(s <= a.start < e for s, e, _ in groups)]
    previous: list[str] = []
    for d in docs:
        for parties, rule in _parties(ctx, view, d, docs, actors, groups, last_parties):
            if len(parties) < 2 and previous and not parties:
                # "signed an agreement on X ... and adopted a joint statement on Y": same signatories
                parties, rule = previous, "agreement.same_sentence"
            if len(parties) < 2:
                continue
            previous = parties
            mod = modality(text, d.verb.start())
            if mod == "asserted" and d.start > d.verb.start() and re.search(
                    r"\b(?:not|never)\b", text[d.verb.end():d.start]):
                mod = "negated"
            args = {"parties": sorted(parties), "title": _clean_title(d.title), "kind": _kind(d),
                    "place": _place(ctx, view, d)}
            yield ctx.fact("agreement", args, view, rule=rule, trigger=d.verb.group(0),
                           time=_time(ctx, view, d), modality=mod, confidence=0.75)


def _instrument(ctx: DocContext, view: SentenceView) -> Fact | None:
    m = _INSTRUMENT.search(view.text)
    if not m or not re.search(r"\b(?:relations|ties|relationship|partnership|alliance|cooperation)\b", view.text, re.I):
        return None
    t0, t1 = m.start("title"), m.end("title")
    ids = list(dict.fromkeys(a.id for a in view.actors if a.kind == "country" and _usable(ctx, view, a)
                             and not t0 <= view.local(a.start) < t1))
    if len(ids) != 2:
        return None
    title = m.group("title").strip()
    kind = next((k for k, rx in _KINDS if re.search(rf"\b(?:{rx})\b", title, re.I)), "other")
    years = [d for d in view.dates if not d.end_value]
    time = time_of(years[0]) if len(years) == 1 else {"start": None, "end": None}
    place = next((c.id for c in view.mentions if c.kind == "city" and t0 <= view.local(c.start) < t1), None)
    return ctx.fact("agreement", {"parties": sorted(ids), "title": title, "kind": kind, "place": place}, view,
                    rule="agreement.instrument", trigger=m.group(0)[:40], time=time,
                    modality=modality(view.text, m.start()), confidence=0.65)


def _verb_for(text: str, d: _Doc, verbs: list[re.Match], docs: list[_Doc]) -> tuple[re.Match | None, bool]:
    """The signing verb of a document: before it ('signed a treaty') or after it ('the treaty was
    signed', 'the agreement, signed in 2015', 'which the two governments signed')."""
    before = [v for v in verbs if v.end() <= d.start]
    after = [v for v in verbs if v.start() >= d.end]
    if before and re.fullmatch(r"[^,.;:]{0,40}", text[before[-1].end():d.start]):
        return before[-1], False      # "signed a treaty ..., which was ratified later": the first verb
    if after:
        v = after[0]
        gap = text[d.end:v.start()]
        if re.fullmatch(r"(?:[^;.]{0,80}?,)?\s*(?:,\s*)?(?:(?:which|that)\s+[^,.;]{0,60}?|(?:was|were|has been|have been|had been|"
                        r"is|are|has|have|had|will|would|be|is to be|to be|being|been|jointly|also|later|then|yet|still|"
                        r"first|formally|finally|not|never|yet)\s+|\s)*", gap, re.I):
            passive = not re.search(r"\b(?:which|that)\b", gap) or bool(re.search(r"\b(?:was|were|been|be|is|are)\s*$", gap))
            return v, passive
    if before:
        v = before[-1]
        gap = text[v.end():d.start]
        others = [o for o in docs if v.end() <= o.start < d.start]
        # "signed an agreement on X and a joint statement on Y": documents after one verb
        if len(gap) < 40 or (others and all(_coordinated(text, o, n) for o, n in zip(others, others[1:] + [d]))):
            return v, False
    return None, False


def _coordinated(text: str, a: _Doc, b: _Doc) -> bool:
    gap = text[a.end:b.start]
    return len(gap) < 60 and bool(re.search(r"\b(?:and|along with|together with|as well as)\b|,", gap, re.I))


def _usable(ctx: DocContext, view: SentenceView, a: Actor) -> bool:
    if a.via == "focus":
        # "with which we signed a declaration": the speaker's country, as the signing subject only
        return bool(re.match(r"\s+(?:(?:have|has|had|also|jointly|recently|already|successfully)\s+)*"
                             r"(?:sign|adopt|conclu|ratif|initial)", ctx.text[a.end:a.end + 40], re.I))
    if a.via == "city":
        # a capital stands for its state only as an actor: "Baku and Islamabad issued ..."
        if not (a.mention and a.mention.via == "capital"):
            return False
        return ctx.preceding_word(a.start) not in ("in", "at", "to", "from", "of", "near", "via", "visit",
                                                    "into", "for", "on") and ctx.text[a.end:a.end + 2] not in ("'s", "’s")
    if ctx.is_place_or_topic(a):
        return False
    if a.via == "group" and a.mention is not None and a.mention.via == "demonym" and not re.match(
            r"\s+(?:countries|states|nations|republics|leaders|presidents|heads|governments)\b", ctx.text[a.end:a.end + 20]):
        return False      # "a Central Asian country" is one of them, not all
    if a.via == "demonym":
        # "Indonesian and Vietnamese ministers": the words after the last demonym decide
        tail = re.match(r"(?:\s*(?:,|and|-)\s*[A-Z][\w'’]+)*", ctx.text[a.end:a.end + 60])
        if not _DEMONYM_OK.match(ctx.text, a.end + tail.end()):
            return False
    return True


def _local_groups(ctx: DocContext, view: SentenceView) -> list[tuple[int, int, list[str]]]:
    """'the five littoral states' in a sentence about the Caspian: a registry group named by its
    number and kind, with the word that sets it apart elsewhere in the sentence."""
    found: list[tuple[int, int, list[str]]] = []
    if not _LOCAL_GROUP.search(view.text) and not re.search(r"\bmember", view.text, re.I):
        return found
    from diplograph.registry.load import get_registry
    reg = get_registry()
    sentence_words = set(re.findall(r"[a-z]+", view.text.lower()))
    for m in _LOCAL_GROUP.finditer(view.text):
        num = m.group("num").lower()
        count = int(num) if num.isdigit() else _NUMBER_WORDS.get(num)
        words = m.group("words").lower().split()
        noun = m.group("noun").lower().split()[-1]
        if not words:
            continue
        hits = []
        for g in reg.by_kind("group"):
            members = g.members
            if count and len(members) != count:
                continue
            for surface, _via in g.all_names():
                sw = surface.lower().split()
                if sw[-1] != noun or not set(words) <= set(sw):
                    continue
                if set(sw[:-1]) <= sentence_words:
                    hits.append(g)
                    break
        if len({g.id for g in hits}) == 1:
            found.append((view.start + m.start(), view.start + m.end(), list(hits[0].members)))
    # "the eight member states of the X Organization": the organization's members
    for m in re.finditer(r"\b(?:(?P<num>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+)?"
                         r"(?:member states|member countries|members|member nations)\s+of\s+(?:the\s+)?", view.text, re.I):
        org = next((x for x in view.mentions if x.kind == "org" and
                    view.start + m.end() - 4 <= x.start <= view.start + m.end()), None)
        if org is None:
            continue
        members = reg.members_of(org.id, kind="org")
        num = (m.group("num") or "").lower()
        count = int(num) if num.isdigit() else _NUMBER_WORDS.get(num)
        if members and (not count or count == len(members)):
            found.append((view.start + m.start(), org.end, list(members)))
    return found


def _clause_start(text: str, pos: int) -> int:
    cut = 0
    for m in _CLAUSE_CUT.finditer(text[:pos]):
        cut = m.end()
    return cut


def _in_titles(docs: list[_Doc], view: SentenceView, a: Actor) -> _Doc | None:
    lp = view.local(a.start)
    return next((d for d in docs if d.start <= lp < d.end), None)


def _parties(ctx, view, d: _Doc, docs, actors, groups, last_parties) -> Iterator[tuple[list[str], str]]:
    text = view.text
    v = d.verb
    ids: list[str] = []
    rule = "agreement"

    def add(xs):
        for x in xs:
            x = _signatory(x)
            if x not in ids:
                ids.append(x)

    def outside_titles(a: Actor) -> bool:
        t = _in_titles(docs, view, a)
        if t is None:
            return True
        # "Treaty ... between the Republic of Kazakhstan and the Republic of Uzbekistan": parties
        return bool(re.search(r"\bbetween\b", text[t.start:view.local(a.start)], re.I))

    # the documents' own "between A and B"
    add([a.id for a in actors if (t := _in_titles(docs, view, a)) is d and outside_titles(a)])
    # subject: the clause before an active verb, or before a relative 'which X signed'
    if not d.passive or re.search(r"\b(?:which|that)\b", text[d.end:v.start()]):
        lo = _clause_start(text, v.start()) if not d.passive else d.end
        subj = [a for a in actors if lo <= view.local(a.start) < v.start() and outside_titles(a)
                and not _after_founding(text, view.local(a.start))]
        add(a.id for a in subj)
        add(m for s, e, members in groups if lo <= s - view.start < v.start() for m in members)
    # "signed by A, B and C"
    # "signed by A, B and C", also "Signed in 2019 by A and B, the declaration ..."
    by = re.compile(r"\bby\s+", re.I).search(text, v.end(), v.end() + 60)
    if by and (d.passive or d.start < v.start() or by.start() < d.start) and \
            not re.search(r"[;,]|\b(?:and|which)\b", text[v.end():by.start()]):
        end = _BY_END.search(text, by.end() + 1)
        hi = end.start() if end else len(text)
        add(a.id for a in actors if by.end() <= view.local(a.start) < hi and outside_titles(a))
        add(m for s, e, members in groups if by.end() <= s - view.start < hi for m in members)
    # "with X" / "between X and Y" after the document (or between verb and document)
    withs = _with_lists(ctx, view, d, actors)
    for w in withs:
        add(w)
    if d.passive and not ids and re.search(r"(?:^|,)\s*(?:(?:the|a|an|several|two|three|four|five|\d+|new)\s+)*$",
                                         text[:d.start], re.I) and not _EARLIER.match(text, v.end()):
        # "After talks between A and B, agreements were signed": the actors of the sentence
        add(a.id for a in actors if outside_titles(a) and not _after_founding(text, view.local(a.start)))
    if len(ids) < 2 and not d.passive and not re.search(r"\b(?:which|that)\b", text[d.end:v.start()]):
        # "X, the president of A, and Y, the prime minister of B, signed ...": the clause cut at
        # ", and" was inside the subject
        wide = [a for a in actors if view.local(a.start) < v.start() and outside_titles(a)
                and not _after_founding(text, view.local(a.start))
                and ctx.preceding_word(a.start) not in ("of", "in", "to", "into", "from", "at", "on")
                and not re.search(r"[;:]|\b(?:where|when|while|but|said|says|told)\b", text[view.local(a.end):v.start()])]
        if len({a.id for a in wide} | set(ids)) >= 2:
            add(a.id for a in wide)
    if len(ids) == 1 and not d.passive:
        # "..., where he and President M signed": 'he' is the person named earlier in the sentence.
        lo = _clause_start(text, v.start())
        if re.search(r"\b(?:he|she)\s+and\b", text[lo:v.start()], re.I):
            ante = [a for a in actors if view.local(a.end) <= lo and a.id not in ids and a.via in ("person", "demonym")]
            if ante:
                add([ante[-1].id])
                rule = "agreement.pronoun"
    if not ids and d.passive and _ANAPHOR_TITLE.search(text[:d.end].strip()) is None \
            and d.title[:1].isupper() and not _EARLIER.match(text, v.end()):
        # "Serbia and Azerbaijan have been strategic partners since 2013 and the Declaration on
        # Strategic Partnership signed that year ...": the only two countries of the sentence
        two = list(dict.fromkeys(a.id for a in actors if a.kind == "country" and outside_titles(a)
                                 and a.via not in ("city", "focus")))
        if len(two) == 2:
            add(two)
            rule = "agreement.sentence_pair"
    if len(ids) < 2:
        ref_lo = _clause_start(text, v.start())
        subject_text = text[ref_lo:max(v.start(), d.start)] if not d.passive else text[v.end():]
        bilateral_one = len(ids) == 1 and re.search(r"\bbilateral\b", text, re.I)
        if _PAIR_WORDS.search(subject_text) or _ANAPHOR_TITLE.search(text[:d.end].strip()) or bilateral_one:
            # "the two sides signed", "The agreement, signed in 2015, ...", "X signed a bilateral
            # agreement": the pair the text is about (holding X, when X is named)
            pair = _pair(ctx, view)
            if pair and (not ids or ids[0] in pair):
                add(pair)
                rule = "agreement.pair"
        elif _GROUP_WORDS.search(subject_text) and last_parties and view.index - last_parties[0] <= 6:
            add(last_parties[1])
            rule = "agreement.same_parties"
        elif _GROUP_WORDS.search(subject_text) or re.search(r"\bboth\b", subject_text, re.I):
            pair = _pair(ctx, view)
            if pair:
                add(pair)
                rule = "agreement.pair"
    # separate bilateral documents: "X signed memorandums with A and with B",
    # "A and B signed bilateral memorandums with X"
    if len(withs) >= 2 or (d.bilateral and len(withs) == 1 and len(ids) - len(withs[0]) >= 2):
        others = [x for x in ids if not any(x in w for w in withs)]
        if len(withs) >= 2 and len(others) >= 1:
            for w in withs:
                for x in w:
                    yield sorted(set(others[:1] + [x])), "agreement.bilateral"
            return
        if len(withs) == 1 and len(withs[0]) == 1:
            for x in others:
                yield sorted({x, withs[0][0]}), "agreement.bilateral"
            return
    # "X has signed strategic partnership agreements with A, B and C": a summary of separate
    # documents signed at unknown times, not one signing: no agreement fact.
    if len(withs) == 1 and len(withs[0]) >= 2 and _PLURAL_DOC.search(d.title) \
            and len([x for x in ids if x not in withs[0]]) == 1:
        return
    yield ids, rule


_PLURAL_DOC = re.compile(r"\b(?:agreements|accords|treaties|memorand(?:ums|a)|declarations|deals|protocols|"
                         r"conventions|charters)\b", re.I)



def _signatory(actor_id: str) -> str:
    """An organ of a regional organization (its commission, council, assembly) signs for the
    organization: 'the European Commission' is a party as the EU."""
    from diplograph.registry.load import get_registry
    entity = get_registry().get(actor_id, "org")
    if entity is not None and entity.data.get("parent") and entity.data.get("org_kind") == "regional":
        return entity.data["parent"]
    return actor_id


def _after_founding(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:found(?:ing|ed)|establish(?:ing|ed)|creat(?:ing|ed)|setting up|set up|"
                          r"launching|launched)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", text[max(0, pos - 40):pos], re.I))


def _with_lists(ctx, view, d: _Doc, actors: list[Actor]) -> list[list[str]]:
    """The 'with' parties of a document; 'with A and with B' are two lists."""
    text = view.text
    lo = min(d.end, d.verb.end()) if d.verb.start() < d.start else d.end
    region_end = len(text)
    nxt = re.compile(r";|\.(?:\s|$)|\bwhich\b|\bwhere\b|\bwhile\b|,\s*(?:and\s+)?(?:the|a|an)\s+\w+\s+(?:was|were|is)\b",
                     re.I).search(text, d.end)
    if nxt:
        region_end = nxt.start()
    lists: list[list[str]] = []
    for w in re.finditer(r"\b(?:with|between)\s+", text[:region_end]):
        if w.start() < lo:
            continue
        if re.match(r"(?:the\s+)?(?:aim|goal|view|purpose|participation|support|help)\b", text[w.end():], re.I):
            continue
        after = [a for a in actors if view.local(a.start) >= w.end()]
        if not after:
            continue
        first = after[0]
        gap = text[w.end():view.local(first.start)]
        # "with Peru", "with its neighbour Peru", "with the government of Peru"
        if not re.fullmatch(r"(?:(?!(?:signed|which|that|and|on|for|about|regarding|to|after|before|during)\b)"
                            r"[a-z-]+\s+){0,4}(?:(?:of|from|in)\s+(?:the\s+)?)?", gap):
            continue
        chunk = [a for a in ctx.list_chunk(after, 0)]
        # stop the list where the next "with" starts a list of its own
        nxt_with = re.compile(r"\bwith\b", re.I).search(text, view.local(first.end))
        if nxt_with:
            chunk = [a for a in chunk if view.local(a.start) < nxt_with.start()]
        if w.group(0).lower().startswith("between"):
            lists.append([a.id for a in chunk])
            continue
        lists.append(list(dict.fromkeys(a.id for a in chunk)))
    out = [l for l in lists if l]
    return out


def _pair(ctx: DocContext, view: SentenceView) -> list[str]:
    """The two countries (or a country and an organization) a text is about around this sentence:
    the two most named in it and the sentences just before, if they stand out; else the two most
    recently named."""
    here = list(dict.fromkeys(a.id for a in view.actors if a.via in ("person", "name", "alias", "acronym", "demonym")
                              and not ctx.is_place_or_topic(a)))
    if len(here) == 2:
        return here       # "X held talks with Y, and the two governments signed ..."
    weights: dict[str, float] = {}
    for v in ctx.sentences[max(0, view.index - 6):view.index + 1]:
        if v.span.paragraph < view.span.paragraph - 3:
            continue
        for a in v.actors:
            if a.via == "focus" or (a.via == "city" and not (a.mention and a.mention.via == "capital")):
                continue
            if a.via == "group":
                continue
            w = {"person": 2.0, "city": 0.5}.get(a.via, 1.0)
            weights[a.id] = weights.get(a.id, 0) + w
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    if len(ranked) >= 2 and (len(ranked) == 2 or ranked[1][1] > ranked[2][1]):
        return [ranked[0][0], ranked[1][0]]
    return ctx.pair_before(view)


# --- arguments -----------------------------------------------------------------------------------
def _kind(d: _Doc) -> str:
    m = None
    for m in _DOC.finditer(d.title):
        pass
    return (m.lastgroup if m else None) or d.kind


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,.;:")
    return re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)


def _time(ctx: DocContext, view: SentenceView, d: _Doc) -> dict:
    noun = _DOC.search(view.text, d.start)
    noun_at = noun.start() if noun and noun.start() < d.end else d.start
    # dates after the document's noun belong to its title ("Action Plan for 2024-2026"); a date
    # before it ("the 2009 Nakhchivan Agreement") dates the document
    dates = [x for x in view.dates if not (view.start + noun_at <= x.start < view.start + d.end)
             and not x.end_value and not re.search(r"\bsince\s*$", ctx.text[max(0, x.start - 8):x.start])]
    # only dates of the document's own clause: "signed X in 2013; Y is to sign one next year"
    lo = _clause_start(view.text, min(d.verb.start(), d.start))
    if re.search(r"\bwhen$", view.text[:lo], re.I):
        # "... in December 2022, when the two presidents signed T": the clause before dates it
        lo = _clause_start(view.text, lo - 4)
    cut = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|,\s*(?:and|which|who)\b", re.I).search(
        view.text, max(d.end, d.verb.end()))
    hi = cut.start() if cut else len(view.text)
    dates = [x for x in dates if lo <= x.start - view.start < hi]
    sub = SentenceView(view.index, view.span, view.text, view.actors, view.mentions, dates)
    date: DateMention | None = pick_date(sub, view.start + d.verb.start())
    if date is not None:
        return time_of(date)
    if news_date(ctx) and (TODAY.search(view.text) or view.index < 6 or _AFTER_THE_TALKS.search(view.text)) \
            and not _EARLIER.match(view.text, d.verb.end()):
        return {"start": news_date(ctx), "end": None, "from_report": True}
    return {"start": None, "end": None}


# In a news report, what was signed "following the talks" was signed on the day reported.
_AFTER_THE_TALKS = re.compile(r"^(?:Following|After|At the end of|Upon the conclusion of|During|Within the framework of|"
                              r"As part of|On the sidelines of)\s+(?:the|this|today['’]s)\s+(?:talks|meeting|negotiations|"
                              r"visit|summit|session)\b", re.I)


def _place(ctx: DocContext, view: SentenceView, d: _Doc) -> str | None:
    cities = [m for m in view.mentions if m.kind == "city"]
    for m in cities:
        lp = view.local(m.start)
        if d.start <= lp < d.end:
            continue
        if ctx.preceding_word(m.start) in ("in", "at") or re.search(r"\b(?:in|at)\s+the\s+[\w\s-]{0,30}$",
                                                                     ctx.text[max(0, m.start - 40):m.start]):
            return m.id
    # "the Nakhchivan Agreement", "the Shusha Declaration": named after the place of signing
    for m in cities:
        if d.start <= view.local(m.start) < d.end and m.text[:1].isupper():
            return m.id
    return None


# --- one fact per document ---------------------------------------------------------------------------
def _generic(title: str) -> bool:
    return bool(re.fullmatch(r"(?:(?:the|a|an|this|that|joint|bilateral|new)\s+)*(?:%s)(?:\s+on)?"
                             % "|".join(rx for _, rx in _KINDS), title.strip(), re.I))


def _fold(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def _same(a: Fact, b: Fact) -> bool:
    if sorted(a.args["parties"]) != sorted(b.args["parties"]) or a.modality != b.modality:
        return False
    ya, yb = (a.time.get("start") or "")[:4], (b.time.get("start") or "")[:4]
    if ya and yb and ya != yb:
        return False
    if a.args["kind"] != b.args["kind"]:
        return False
    ta, tb = _fold(a.args["title"]), _fold(b.args["title"])
    return _generic(a.args["title"]) or _generic(b.args["title"]) or ta in tb or tb in ta


def _merge(facts: list[Fact]) -> list[Fact]:
    """The same document named twice in a text (a headline and the report, 'the memorandum' after
    'a memorandum of understanding') is one agreement with the fuller title and date."""
    out: list[Fact] = []
    for f in facts:
        twin = next((g for g in out if _same(g, f)), None)
        if twin is None:
            out.append(f)
            continue
        if len(_fold(f.args["title"])) > len(_fold(twin.args["title"])) and not _generic(f.args["title"]):
            twin.args["title"] = f.args["title"]
        if not twin.args.get("place") and f.args.get("place"):
            twin.args["place"] = f.args["place"]
        ts, fs = twin.time.get("start"), f.time.get("start")
        # a date the text gives beats the report's own date ("on Thursday" after a headline)
        if fs and (not ts or (len(fs) > len(ts) and fs.startswith(ts)) or
                   (twin.time.get("from_report") and not f.time.get("from_report"))):
            twin.time = dict(f.time)
        for ev in f.evidence:
            if all((ev.start, ev.end) != (e.start, e.end) for e in twin.evidence):
                twin.evidence.append(ev)
        twin.evidence.sort(key=lambda e: e.start)
    return out


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_SIGN = gate(_SIGN)
_HEADLINE_LIST = gate(_HEADLINE_LIST)
_DOC = gate(_DOC)
_QUOTED = gate(_QUOTED)
_QUALIFIED_COUNT = gate(_QUALIFIED_COUNT)
_INSTRUMENT = gate(_INSTRUMENT)
_LOCAL_GROUP = gate(_LOCAL_GROUP)
_CLAUSE_CUT = gate(_CLAUSE_CUT)
_PAIR_WORDS = gate(_PAIR_WORDS)
_ANAPHOR_TITLE = gate(_ANAPHOR_TITLE)
_GROUP_WORDS = gate(_GROUP_WORDS)
