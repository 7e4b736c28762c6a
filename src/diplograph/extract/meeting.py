"""Meetings and talks between countries (a person stands for their country or organization).

Participants come from the structure around a meeting word, never from every country a sentence
names (a summit's host, a topic, a list of attendees):
- "P met Q (in City on DATE)", "P met with Q", "P received / welcomed / hosted Q", "Q was received
  by P", "P held talks with his Kenyan counterpart Q", "P's meeting with Q";
- "P and Q held talks / discussed ... / met", "the foreign ministers of A, B and C met";
- "talks / negotiations / a meeting between P and Q";
- "the two presidents met", "the two heads of state held talks / signed ..." (the pair named
  before); "he and President Q held talks" (he = the person of the sentences before);
- "P said at a joint press conference" (the other side: the foreign leader named just before);
- "the heads of the Caspian states met at the summit".
Not meetings: phone and video calls, matches between national teams, habitual meetings
("meets every year"), "discussed the war in Ukraine" (a topic), "a meeting of the Council".
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from diplograph.extract.common import TODAY, clause_before, modality, news_date, share_dates
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.extract.visit import reports_current_events
from diplograph.model import DateMention, Fact

TRIGGER = re.compile(
    r"\b(?:met|meets?|meeting|talks|negotiations|press (?:conference|statements?)|news conference|"
    r"discussed|discuss|exchanged views|consultations|received|receives|welcomed|welcomes|greeted|greets|"
    r"hosted|hosts|summit|"
    r"tête-à-tête|one-on-one|(?:spoke|talked|conferred|sat down) with|working (?:dinner|lunch|breakfast)|"
    r"courtesy call|(?:the two|both)\s+(?:heads of state|leaders|presidents|prime ministers|"
    r"foreign ministers)\s+(?:also\s+|then\s+|later\s+)?(?:signed|adopted|issued|reviewed|agreed))\b", re.I)
# A trigger that is itself "the two leaders signed ...": the pair named before met.
_PAIR_TRIGGER = re.compile(r"^(?:the two|both)\s", re.I)
_REMOTE = re.compile(r"\b(?:phone|telephone|video\s*(?:call|conference|link)|videoconference|virtual(?:ly)?|"
                     r"online|by video|(?:a|the)\s+(?:[\w-]+\s+)?call\b(?!\s+(?:for|to|on)\b))", re.I)
_SPORT = re.compile(r"\b(?:match|matches|football|soccer|(?:national|football|basketball|volleyball|hockey|rugby)"
                    r"\s+teams?|clubs?|tournament|championship|players|squads?|fixture|friendly game|qualifier|"
                    r"semi-final)\b", re.I)
_HABITUAL = re.compile(r"\b(?:meets?|met|meet)\s+(?:\w+\s+)?(?:regularly|annually|every year|each year|"
                       r"periodically|twice a year|once a year|every \w+ years?)\b|"
                       r"\b(?:regularly|annually|periodically)\s+(?:meets?|met|hold)\b|"
                       r"\b(?:ongoing|continuing|protracted|years of)\s+(?:peace\s+)?(?:talks|negotiations)\b|"
                       r"\b(?:have|has) been (?:in|holding) (?:peace\s+)?(?:talks|negotiations)\b", re.I)
_OCCASION = re.compile(r"\b(?i:on the sidelines of|during|at|within the framework of)\s+(?:the\s+)?"
                       r"((?:[A-Z0-9][\w-]*\s+){1,6}(?i:summit|forum|conference|assembly|session|meeting|"
                       r"games|congress|dialogue)|COP\d+)")
_PAIR_SUBJECT = re.compile(
    r"\b(?:the two|both)\s+(?:countries|nations|states|sides|heads of state|leaders|presidents|"
    r"prime ministers|foreign ministers|ministers|delegations|parties|men|women|governments)\b|"
    r"\bthe (?:sides|parties|leaders|presidents|heads of state|(?:foreign |prime )?ministers|delegations)\b",
    re.I)
_TITLE_AFTER = re.compile(
    r"^(?:\s*['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:counterparts?|presidents?|prime ministers?|premiers?|"
    r"(?:foreign |defence |defense |economy |energy )?ministers?|chancellor|kings?|queen|emir|sultan|"
    r"leaders?|heads? of state|heads? of government|delegations?|envoys?|speaker|chairman|secretary|"
    r"crown prince|prince|vice[- ]presidents?|officials?|(?:high |special )?representatives?|ambassadors?|"
    r"commissioner|secretary[- ]general|director[- ]general|chief|spokes\w+)\b",
    re.I)
_TITLED_LIST = re.compile(
    r"\b(?:heads(?: of state)?|leaders|presidents|prime ministers|premiers|(?:foreign |defence |defense )?"
    r"ministers|delegations|representatives|envoys|heads of government)\s+of\s+(?:the\s+)?"
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?$", re.I)
_PRONOUN = re.compile(r"(?:^|[\s,])(?:[Hh]e|[Ss]he)\s+(?:and|also|then|later|had|has|held|met|received|"
                      r"welcomed|discussed)\b")
_NOT_PARTY_BEFORE = {"in", "at", "into", "near", "across", "on", "about", "over", "regarding", "concerning",
                     "against", "towards", "toward", "within", "throughout", "inside", "from", "by", "to", "for"}
# "was received by Tunisian President P": the agent of a passive reception is a party.
_RECEIVED_BY = re.compile(r"\b(?:received|welcomed|greeted|hosted|met)\s+by\s+(?:the\s+)?$", re.I)
_OBJ_MARK = re.compile(r"^\s+(?:with|between)\b", re.I)
_OF_MARK = re.compile(r"^\s+of\b", re.I)
_VERB_OR_WITH = {"with", "met", "meets", "received", "welcomed", "hosted", "greeted", "by", "between"}
_LIST_GAP = re.compile(r"^(?:\s|,|\(|\)|-|–|['’]s\b|\b(?:and|or|as well as|plus|the|his|her|their|its|[\w]+['’]s|s|"
                       r"ministers?|foreign|prime|presidents?|leaders?|heads? of state|heads? of government|"
                       r"counterparts?|national|leader|delegations?|officials?|of|deputy|vice|speaker|king|emir|"
                       r"chancellor|premier|secretary|general|high|special|representative|commission|council|"
                       r"european)\b)*$", re.I)
_NEW_CLAUSE = re.compile(r"^(?:\s+[A-Z][\w-]*){0,3}\s+(?:also\s+|then\s+|later\s+)?(?:met|meets|held|holds|hosted|"
                         r"received|welcomed|said|says|signed|discussed|visited|travell?ed|arrived|told|added|"
                         r"noted|stressed|agreed|was|is|were|will|has|had)\b")
_TITLE_GAP = re.compile(r"^(?:\s|,|-|\b(?:the|a|an|his|her|their|visiting|delegations?|led|headed|by|of|for|and|"
                        r"ministers?|foreign|affairs|prime|president|deputy|first|vice|speaker|chairman|chairwoman|"
                        r"head|secretary|general|state|parliament|national|assembly|defen[cs]e|economy|energy|"
                        r"trade|finance|interior|high|special|representative|envoy|ambassador|extraordinary|"
                        r"plenipotentiary|mr|ms|h\.e\.)\b)*$", re.I)
# What may follow an intransitive "met": 'met in Tbilisi', 'met on Monday', 'met.'; not 'met the criteria'.
_MET_ALONE = re.compile(r"^\s*(?:[,.;:)]|$|(?:in|at|on|for|with|during|again|twice|later|briefly|separately|"
                        r"privately|behind|ahead|before|after|last|this|earlier|today|yesterday|face|"
                        r"informally|once|several|three|two|four|five)\b)", re.I)
_DIRECT = {"met", "meets", "meet", "received", "welcomed", "greeted", "hosted", "receives", "welcomes", "greets",
           "hosts"}
_WITH_ONLY = {"talks", "negotiations", "meeting", "consultations", "discussed", "discuss", "exchanged views",
              "press conference", "news conference", "press statement", "press statements", "tête-à-tête",
              "one-on-one", "working dinner", "working lunch", "working breakfast"}
_LEAD_SENTENCES = 6


def extract(ctx: DocContext) -> Iterator[Fact]:
    facts: list[Fact] = []
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        text = view.text
        if _REMOTE.search(text) or _HABITUAL.search(text):
            continue
        found: dict[frozenset, tuple[re.Match, list[Actor]]] = {}
        for m in TRIGGER.finditer(text):
            if _SPORT.search(text) and not _persons(view):
                break
            parts = _drop_offices(ctx, view, _participants(ctx, view, m))
            if len(parts) >= 2:
                found.setdefault(frozenset(a.id for a in parts), (m, parts))
        for ids, (m, parts) in found.items():
            # "hosted a summit where P welcomed the presidents of A, B": the fuller set is the meeting.
            if not any(ids < other for other in found):
                facts.append(_fact(ctx, view, m, parts))
    share_dates(facts, "participants")
    yield from facts


def _fact(ctx: DocContext, view: SentenceView, m: re.Match, parts: list[Actor]) -> Fact:
    text = view.text
    mod = modality(text, m.start())
    if mod == "asserted" and re.search(r"\bto\s+$", text[:m.start()]):
        mod = "planned"     # "are to discuss", "agreed to meet"
    if mod == "asserted" and re.match(r"^[^.;]{0,50}?\b(?:will be held|is (?:planned|scheduled|expected|due)|"
                                      r"are (?:planned|scheduled|expected|due))\b", text[m.end():], re.I):
        mod = "planned"
    date = _date(view, m)
    time = {"start": date.value, "end": None} if date else (
        _fallback_time(ctx, view, m) if mod == "asserted" else {"start": None, "end": None})
    occ = _OCCASION.search(text)
    persons = list(dict.fromkeys(a.person for a in parts if a.person))
    args = {"participants": sorted({a.id for a in parts}), "persons": persons, "place": _place(ctx, view, m),
            "occasion": occ.group(1).strip() if occ else None}
    return ctx.fact("meeting", args, view, rule="meeting", trigger=m.group(0), time=time, modality=mod,
                    confidence=0.75 if persons else 0.6)


# --- who met ---------------------------------------------------------------------------------------

def _participants(ctx: DocContext, view: SentenceView, m: re.Match) -> list[Actor]:
    text = view.text
    word = re.sub(r"\s+", " ", m.group(0).lower())
    pos, end = view.start + m.start(), view.start + m.end()
    actors = [a for a in view.actors if a.via != "city" and a.via != "focus"]
    parts: list[Actor] = []

    if _PAIR_TRIGGER.match(word):
        return _pair(ctx, view, [], before=pos)

    # "Q was received by P"
    passive = re.search(r"\b(?:was|were|been)\s+$", text[:m.start()]) and re.match(r"\s+(?:[\w-]+\s+){0,3}?by\b",
                                                                                   text[m.end():])
    if passive and word in _DIRECT:
        by = re.match(r"\s+(?:[\w-]+\s+){0,3}?by\b", text[m.end():])
        parts = _subject(ctx, actors, pos) + _object(ctx, actors, end + by.end())
        return _unique(parts)

    if word == "summit":
        # "a summit between P and Q"; else "the heads of the Caspian states ... at the summit"
        parts = _object(ctx, actors, end + mark.end()) if (mark := _OBJ_MARK.match(text[m.end():])) else []
        if len(parts) >= 2:
            return parts
        parts = _titled_list(ctx, view, actors)
        if parts:
            # "bringing together the presidents of A, B and C with P and Q": the guests too
            with_ = re.match(r"\s+(?:together\s+)?with\s+", ctx.text[parts[-1].end:view.end])
            if with_:
                parts = _unique(parts + _object(ctx, actors, parts[-1].end + with_.end()))
        return parts

    subject = _subject(ctx, actors, pos)
    if not subject and _PRONOUN.search(clause_before(text, m.start(), 8) + " " + text[m.start():m.end()]):
        subject = _antecedent(ctx, view)
    elif subject and re.search(r"\b(?:[Hh]e|[Ss]he)\s+and\s+(?:[\w-]+\s+){0,4}$",
                               text[:subject[0].start - view.start]):
        subject = _antecedent(ctx, view, exclude={a.id for a in subject}) + subject

    obj: list[Actor] = []
    mark = _OBJ_MARK.match(text[m.end():])
    if word.endswith(" with"):
        obj = _object(ctx, actors, end)
    elif mark:
        obj = _object(ctx, actors, end + mark.end())
    elif word in ("meeting", "talks", "consultations", "negotiations") and _OF_MARK.match(text[m.end():]):
        # "a meeting of the foreign ministers of A, B and C"
        of = _OF_MARK.match(text[m.end():])
        listed = _object(ctx, actors, end + of.end(), max_gap=40)
        obj = listed if len(listed) >= 2 else []
    elif word == "courtesy call":
        on = re.match(r"\s+on\b", text[m.end():])
        obj = _object(ctx, actors, end + on.end(), max_gap=40) if on else []
    elif word in _DIRECT:
        obj = _object(ctx, actors, end, max_gap=30)
        if subject == [] and obj and word != "met":
            # "(the president) received Rwanda's leader in Kampala": the receiver is at home.
            obj = obj + _home_city(ctx, view, m, obj)
    elif word in _WITH_ONLY:
        # "discussed bilateral relations with his Turkish counterpart": a person, not "with Turkey".
        later = re.match(r"^[^,;:.]{0,50}?\bwith\s+", text[m.end():])
        if later:
            obj = [a for a in _object(ctx, actors, end + later.end(), max_gap=25) if _strong(ctx, a)]

    if not subject and word in _WITH_ONLY | {"summit"}:
        # "At their meeting in Sochi, P and Q agreed ...", "Following talks with Q, P said ...":
        # the subject of the main clause after the opening phrase.
        opening = re.match(r"^(?:At|During|After|Following|In|Before|Ahead of|On)\b[^,;:.]{0,80},", text)
        if opening and opening.end() > m.end():
            subject = _object(ctx, actors, view.start + opening.end(), max_gap=20)

    if not obj and (word in _DIRECT - {"met", "meets", "meet"}
                    or word in ("met", "meets") and not _MET_ALONE.match(text[m.end():])):
        # "A and B welcomed the agreement", "A and B met the criteria": nobody met.
        return []

    # "P and Q held talks", "P met Q"
    parts = _unique(subject + obj)
    if len(parts) >= 2:
        return parts

    # "the two presidents met", "talks ... between the two countries"
    if (pm := _PAIR_SUBJECT.search(text)):
        pair = _pair(ctx, view, parts, before=view.start + pm.start(),
                     strict=bool(re.match(r"(?i)the two|both", pm.group(0))))
        if pair:
            return pair
    # "P said at a joint press conference": the foreign leader named just before
    if len(parts) == 1 and re.search(r"\bjoint (?:press|news) conference\b", text, re.I):
        other = _recent_person(ctx, view, exclude={parts[0].id})
        if other:
            return parts + other
    return parts


def _drop_offices(ctx: DocContext, view: SentenceView, parts: list[Actor]) -> list[Actor]:
    """'European Council President Charles Michel': the person's organization, not the body named
    in the title."""
    out = []
    for a in parts:
        if a.kind == "org" and a.via != "person":
            holder = next((b for b in view.actors if b.start >= a.end and b.via == "person"), None)
            if holder is not None and holder.id != a.id and holder.start - a.end <= 40 \
                    and not re.search(r"[,;]|\b(?:and|with|of)\b", ctx.text[a.end:holder.start]):
                continue
        out.append(a)
    return out


def _home_city(ctx: DocContext, view: SentenceView, m: re.Match, guests: list[Actor]) -> list[Actor]:
    ids = {g.id for g in guests}
    for a in view.actors:
        if a.via == "city" and a.start > view.start + m.end() and ctx.preceding_word(a.start) == "in" \
                and a.id not in ids:
            return [a]
    return []


def _agentive(ctx: DocContext, a: Actor) -> bool:
    """A person, a titled country ('the Turkish President', "Italy's foreign minister", 'the
    presidents of A, B'), or a country standing as a party; not a place, a topic or 'Turkish goods'."""
    if a.via == "person":
        return True
    if a.kind == "org" and not _TITLE_AFTER.match(ctx.text[a.end:a.end + 60]) \
            and not _co_party(ctx, a):
        return False
    word = ctx.preceding_word(a.start)
    if word in _NOT_PARTY_BEFORE and not (word == "by" and _RECEIVED_BY.search(ctx.text[max(0, a.start - 30):a.start])):
        return False
    if a.via == "demonym":
        return bool(_TITLE_AFTER.match(ctx.text[a.end:a.end + 60]))
    if a.via == "group":
        return bool(_TITLED_LIST.search(ctx.text[max(0, a.start - 40):a.start]))
    # A country name followed by a noun phrase of things ("Turkey's exports") is no party.
    after = ctx.text[a.end:a.end + 40]
    if re.match(r"^\s*['’]s\s+", after) and not _TITLE_AFTER.match(after):
        return False
    return True


def _co_party(ctx: DocContext, a: Actor) -> bool:
    """'The EU and Azerbaijan held talks': an organization joined by 'and' to a party."""
    return bool(re.match(r"\s+and\s+(?:the\s+)?[A-Z]", ctx.text[a.end:a.end + 20])
                or re.search(r"[A-Za-z]\s+and\s+(?:the\s+)?$", ctx.text[max(0, a.start - 20):a.start]))


def _strong(ctx: DocContext, a: Actor) -> bool:
    return a.via == "person" or bool(_TITLE_AFTER.match(ctx.text[a.end:a.end + 60])) \
        or bool(_TITLED_LIST.search(ctx.text[max(0, a.start - 40):a.start]))


def _subject(ctx: DocContext, actors: list[Actor], pos: int) -> list[Actor]:
    """The party (or list of parties) just before a meeting word in its clause."""
    before = [a for a in actors if a.end <= pos and _agentive(ctx, a)]
    if not before:
        return []
    near = before[-1]
    clause_gap = ctx.text[near.end:pos]
    if re.search(r"[;:]|\.\s", clause_gap) or len(clause_gap) > 120:
        return []
    strong = _strong(ctx, near)
    chunk = [near]
    i = len(before) - 1
    while i > 0:
        prev, cur = before[i - 1], before[i]
        if prev.start != cur.start and "," in ctx.text[prev.end:cur.start] \
                and ctx.preceding_word(prev.start) in _VERB_OR_WITH:
            break    # "Putin held talks with Xi, and Erdoğan met Sharif": Xi belongs to the clause before
        if prev.start == cur.start or _joined(ctx, prev, cur):
            # A named person joins a titled list only through "and" ("the presidents of A and B and
            # Prime Minister P met"), not through the comma that ends an opening phrase.
            if not strong or _strong(ctx, prev) or (re.search(r"\band\b", ctx.text[prev.end:cur.start])
                                                     and _strong_list(ctx, before, i - 1)):
                chunk.insert(0, prev)
                i -= 1
                continue
        break
    return _unique(chunk)


def _strong_list(ctx: DocContext, actors: list[Actor], i: int) -> bool:
    """'the presidents of A, B and C': a bare name inside a titled list is a party."""
    j = i
    while j >= 0:
        if _TITLED_LIST.search(ctx.text[max(0, actors[j].start - 40):actors[j].start]):
            return True
        if j == 0 or not _joined(ctx, actors[j - 1], actors[j]):
            return False
        j -= 1
    return False


def _object(ctx: DocContext, actors: list[Actor], pos: int, max_gap: int = 60) -> list[Actor]:
    """The party (or list) right after 'with', 'between' or a verb such as 'met'."""
    after = [a for a in actors if a.start >= pos]
    if not after:
        return []
    first = after[0]
    gap = ctx.text[pos:first.start]
    # "the delegation led by the Minister of Foreign Affairs of X": a title, however long, is no gap.
    titled = bool(_TITLE_GAP.match(gap)) and len(gap) <= 90
    if (len(gap) > max_gap and not titled) or re.search(r"[;:.]", gap) \
            or not (_agentive(ctx, first) or re.search(r"\bdelegations?\b", gap, re.I)):
        return []
    if re.search(r"\b(?:on|about|over|regarding|concerning|in|at)\s+(?:the\s+)?$", gap, re.I):
        return []
    chunk = [first]
    for prev, cur in zip(after, after[1:]):
        if cur.start == prev.start or (_joined(ctx, prev, cur, in_object=True) and _agentive(ctx, cur)):
            chunk.append(cur)
            continue
        break
    return _unique(chunk)


def _joined(ctx: DocContext, a: Actor, b: Actor, in_object: bool = False) -> bool:
    """Two mentions of one list or one noun phrase: 'A, B and C', 'Hungarian Prime Minister
    Viktor Orbán', 'his French and German counterparts, Barrot and Baerbock'."""
    gap = ctx.text[a.end:b.start]
    if a.id == b.id and len(gap) <= 40 and not re.search(r"[;:.]|\b(?:and|with|who|which|met|by)\b", gap):
        return True    # a title and its holder
    if "\n\n" in gap or len(gap) > 60 or not _LIST_GAP.match(gap):
        return False
    # "Putin held talks with Xi, and Erdoğan met Sharif": a new clause, not a longer list.
    return not (in_object and "," in gap and _NEW_CLAUSE.match(ctx.text[b.end:b.end + 40]))


def _titled_list(ctx: DocContext, view: SentenceView, actors: list[Actor]) -> list[Actor]:
    """'the heads of the five Caspian states ... at the summit': the titled list is who met."""
    if re.search(r"\b(?:attend(?:ed|ing)?|took part|participat\w*|invited|will|to host|hosted by)\b", view.text, re.I) \
            and not re.search(r"\bsigned\b", view.text, re.I):
        return []
    for i, a in enumerate(actors):
        if _TITLED_LIST.search(ctx.text[max(0, a.start - 40):a.start]):
            chunk = [a] + [b for b in actors[i + 1:] if b.start == a.start]
            j = i + len(chunk) - 1
            while j + 1 < len(actors) and _joined(ctx, actors[j], actors[j + 1]):
                chunk.append(actors[j + 1])
                j += 1
            return _unique(chunk)
    return []


def _pair(ctx: DocContext, view: SentenceView, known: list[Actor], before: int | None = None,
          strict: bool = True) -> list[Actor]:
    """The two parties that 'the two presidents' points back to: the two most recently named
    parties (places included: a leader 'arrived in Baku') before the phrase in this sentence or
    the ones before it in its paragraph, or one party of this sentence and the last other one.
    'The leaders' (not strict: no 'two') is a pair only when just two are in view."""
    found: list[Actor] = list(known)
    ids = {a.id for a in found}
    # Named people first: 'the ministers' are the two ministers named, not the countries they talked about.
    for v in reversed(ctx.sentences[max(0, view.index - 6):view.index + 1]):
        if v.span.paragraph < view.span.paragraph - 2:
            break
        for a in reversed([a for a in v.actors if v is not view or before is not None and a.end <= before]):
            if a.via == "person" and a.kind in ("country", "org") and a.id not in ids:
                found.append(a)
                ids.add(a.id)
    if len(found) >= 2:
        return found[:2] if strict or len(found) == 2 else []
    found = list(known)
    ids = {a.id for a in found}
    # "Relations with Kazakhstan were raised ..., when the two presidents signed": the other side
    # is the country the text is about.
    with_rel = [a for a in view.actors if a.kind == "country" and (before is None or a.end <= before)
                and re.search(r"\b(?:relations|ties|relationship)\s+with\s+(?:the\s+)?$",
                              ctx.text[max(0, a.start - 30):a.start], re.I)]
    if with_rel and ctx.focus and with_rel[-1].id != ctx.focus and not known:
        return [with_rel[-1], Actor(view.start, view.start, ctx.focus, "country", "focus")]
    for v in reversed(ctx.sentences[max(0, view.index - 4):view.index + 1]):
        if v.span.paragraph < view.span.paragraph - 1:
            break
        for a in reversed([a for a in v.actors if v is not view or before is not None and a.end <= before]):
            if a.via == "focus" or a.id in ids or a.kind != "country":
                continue
            if a.via != "city" and a.via != "person" and (not _agentive(ctx, a) or _topic_pair(ctx, a)) \
                    and not _DESTINATION_BEFORE.search(ctx.text[max(0, a.start - 40):a.start]):
                continue    # a visit's destination ("a state visit to Türkiye, where the two presidents") counts
            found.append(a)
            ids.add(a.id)
        if len(found) >= 2:
            break
    if not strict and len(found) > 2:
        return []
    return found[:2] if len(found) >= 2 else []


_DESTINATION_BEFORE = re.compile(r"\b(?:visits?|trip|tour|travel\w*|arriv\w+|came|went|flew)\s+(?:to|in)\s+(?:the\s+)?$",
                                 re.I)


def _topic_pair(ctx: DocContext, a: Actor) -> bool:
    """'the peace process between A and B', 'relations between A and B': a topic, not who met."""
    head = ctx.text[max(0, a.start - 60):a.start]
    between = re.search(r"(\w+)\s+between\s+(?:the\s+)?(?:[\w-]+\s+(?:and\s+)?)?$", head)
    return bool(between) and not re.match(r"(?i)talks|meetings?|negotiations|consultations|summit", between.group(1))


def _antecedent(ctx: DocContext, view: SentenceView, exclude: set[str] | None = None) -> list[Actor]:
    """'he' at the start of a sentence: the first person named in the sentences just before."""
    for v in reversed(ctx.sentences[max(0, view.index - 2):view.index]):
        persons = [a for a in v.actors if a.via == "person" and (not exclude or a.id not in exclude)]
        if persons:
            return [persons[0]]
    return []


def _recent_person(ctx: DocContext, view: SentenceView, exclude: set[str]) -> list[Actor]:
    for v in reversed(ctx.sentences[max(0, view.index - 5):view.index]):
        persons = [a for a in v.actors if a.via == "person" and a.id not in exclude and a.kind == "country"]
        if persons:
            return [persons[-1]]
    return []


def _persons(view: SentenceView) -> list[Actor]:
    return [a for a in view.actors if a.via == "person"]


def _unique(actors: list[Actor]) -> list[Actor]:
    best: dict[str, Actor] = {}
    for a in actors:
        if a.id not in best or (a.via == "person" and best[a.id].via != "person"):
            best[a.id] = a
    return sorted(best.values(), key=lambda a: a.start)


# --- when and where --------------------------------------------------------------------------------

def _date(view: SentenceView, m: re.Match) -> DateMention | None:
    """The date nearest the meeting word, not a 'since 2015' that dates something else."""
    dates = [d for d in view.dates if not re.match(r"(?i)since|until|till|by\b", d.text)
             and not re.search(r"(?i)\b(?:since|until|before|after|till)\s+$", view.text[:d.start - view.start])]
    if not dates:
        return None
    pos = view.start + m.start()
    return min(dates, key=lambda d: (abs(d.start - pos) - (5 if d.start >= pos else 0)))


def _fallback_time(ctx: DocContext, view: SentenceView, m: re.Match) -> dict:
    """An undated meeting: the date of the sentences just before in its paragraph ('In October
    2019 Baku hosted the summit. ... met X on the sidelines'), else, in a news report, the
    reported day."""
    for v in reversed(ctx.sentences[max(0, view.index - 2):view.index]):
        if v.span.paragraph != view.span.paragraph:
            break
        if v.dates:
            d = max(v.dates, key=lambda d: d.start)
            return {"start": d.value, "end": None}
    nd = news_date(ctx)
    if nd and not re.search(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:met|held|been)\b",
                            clause_before(view.text, m.end(), 10), re.I):
        if TODAY.search(view.text) or view.index < _LEAD_SENTENCES or _paragraph_undated(ctx, view) \
                or reports_current_events(ctx, view):
            return {"start": nd, "end": None}
    return {"start": None, "end": None}


def _paragraph_undated(ctx: DocContext, view: SentenceView) -> bool:
    for v in ctx.sentences[max(0, view.index - 6):view.index + 1]:
        if v.span.paragraph == view.span.paragraph and v.dates:
            return False
    return True


def _place(ctx: DocContext, view: SentenceView, m: re.Match) -> str | None:
    cities = [x for x in view.mentions if x.kind == "city"]
    after = [x for x in cities if x.start >= view.start + m.start() and ctx.preceding_word(x.start) in ("in", "at")]
    if after:
        return after[0].id
    inside = [x for x in cities if ctx.preceding_word(x.start) in ("in", "at")]
    if inside:
        return inside[0].id
    return cities[0].id if cities else None


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_REMOTE = gate(_REMOTE)
_HABITUAL = gate(_HABITUAL)
_SPORT = gate(_SPORT)
_OCCASION = gate(_OCCASION)
_PRONOUN = gate(_PRONOUN)
_PAIR_SUBJECT = gate(_PAIR_SUBJECT)
_TITLED_LIST = gate(_TITLED_LIST)
