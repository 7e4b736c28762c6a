"""Hosting of summits, forums, conferences and games.

Phrasings handled:
- active: "X hosted E", "City hosted E1 in 2015 and E2 in 2017", "City played host to E",
  "X staged / organised / convened E", "X will host E" / "is set to host" / "offered to host"
  (planned), "X will not host E" (negated), "plans to hold E in City" (planned);
- relative: "X, which hosted E in its capital", "E, which X hosted in City in 2023", "E, which X
  has held every year since 2023";
- passive: "E was held in City", "E, held in City this week", "E hosted by X", "E took place in
  City", "E held on 13-18 September on the island of Margarita (Venezuela)";
- "X opened / wrapped up / closed E in City", when City is in X;
- editions: "City1 hosted the first summit in 2002, City2 the second in 2007 and City3 the third
  in 2010", "the first summit was held in City1 in 2002, the second in City2 in 2007";
- "X hosted the G20's leaders in Bali" (the organization's summit).

Events are registry events (with their ordinal: "the 43rd ASEAN Summit" -> "43rd ASEAN Summit"),
capitalized names ending in Summit, Forum, Games ..., "COP29", and lower-case summits named by an
organization or an ordinal: "the 18th summit of the Non-Aligned Movement" -> "18th NAM Summit",
"the bloc's 19th summit" (the organization named last), "the first summit" (the series named
before in the document: "first Caspian Summit"). A city as host stands for its country; "in its
capital" is the host's capital. Sessions of UN organs (General Assembly, Security Council) are
held at the UN, not hosted by the country of a city named nearby.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.membership import _antecedent, _modality, _org_info, _orgs
from diplograph.extract.prefilter import gate
from diplograph.model import DateMention, Fact

_ORD = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
        r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
        r"\d+(?:st|nd|rd|th))")
_EVENT_HEAD = (r"(?:Summit|Forum|Games|Conference|Congress|Olympics|Olympiad|Expo|Championships?|Festival|"
               r"Dialogue|Assembly|Session|Meeting|Cup|Grand Prix|Biennale|Exhibition|Week|Council|Contest)")
_EVENT = re.compile(
    r"((?:(?:the\s+)?(?:" + _ORD + r"|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)\s+)?"
    r"(?:[A-Z][\w'’.–-]*\s+|of\s+the\s+|of\s+|on\s+|for\s+|and\s+|\d{4}\s+){0,8}?" + _EVENT_HEAD +
    r"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}){0,3}|COP\s?\d+)")
_HEAD_WORD = re.compile(_EVENT_HEAD + r"|COP\s?\d")


def _event_matches(view: SentenceView) -> list[re.Match]:
    """_EVENT's matches in a sentence, computed once: the pattern is costly and most sentences
    name no event head at all."""
    cached = getattr(view, "_event_matches", None)
    if cached is None:
        cached = list(_EVENT.finditer(view.text)) if _HEAD_WORD.search(view.text) else []
        view._event_matches = cached
    return cached


_GENERIC = re.compile(
    r"\b(?P<ord>" + _ORD + r"\s+)?(?:(?:informal|extraordinary|special|annual|online|inaugural|jubilee|"
    r"leaders['’]?|heads-of-state)\s+)?(?P<head>summit|forum|conference|games|congress)\b", re.I)
# Capitalized words before a lower-case head: "the EU–Central Asia summit" (an org before the head is
# read by _generic_events: "the SCO summit").
_CAP_LOWER = re.compile(r"(?<![\w'’])((?:[A-Z][\w'’.–-]*\s+){2,4})(summit|forum)\b")
_LEAD_ORD = re.compile(r"(?:\b(?:the|an?)\s+)?(?:(?P<ord>" + _ORD + r")\s+|(?P<year>\d{4})\s+)$", re.I)
# Words that make an event's name a session of a UN organ, not something a country hosts.
_UN_SESSION = re.compile(r"\b(?:General Assembly|Security Council)\b", re.I)

TRIGGER = re.compile(r"\b(?:host\w*|held|hold|holds|took place|take place|takes place|organi[sz]\w+|venue|"
                     r"staged?|stages|convened?|convenes|opened|opens|began|begins|kicked off|kicks off|"
                     r"under way|wrapped up|closed|concluded)\b", re.I)
# "leaders gathered in City for E", "the G20 leaders met in City": read only where an event or
# leaders are named, since "met" and "arrived" are everywhere.
_GATHER_WORD = re.compile(r"\b(?:gather\w*|assembled|converged|arrived|met|meet)\b", re.I)
_ACTIVE = re.compile(r"\b(?:host(?:s|ed|ing)?|play(?:s|ed)? host to|organi[sz](?:e|es|ed|ing)|stag(?:e|es|ed|ing)|"
                     r"convene[sd]?|hold(?:s|ing)?|held|opened|wrapped up|closed|concluded)\b", re.I)
_PASSIVE = re.compile(r"\b(?:(?:was|were|is|are|will be|to be|has been|had been|being)\s+)?(?:held|hosted|staged|"
                      r"organi[sz]ed|convened)\b|\b(?:took|take|takes|will take|to take)\s+place\b|"
                      # "the summit opened in Samarkand on Thursday": an event that begins somewhere
                      r"\b(?:opened|opens|began|begins|kicked off|kicks off|got under way|gets under way)(?=\s+in\s)",
                      re.I)
_OPENING = {"opened", "wrapped up", "closed", "concluded"}
_PLACE_PREP = re.compile(r"\s*(?:(?:on|from|between)\s+[^,;]{1,30}?\s+|of\s+\d{4}\s+)?"
                         r"(?:last year\s+|this year\s+|this week\s+)?(?:in|at|on the island of)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:city|port|town|resort|capital|"
                         r"island) of\s+)?(?:the\s+)?", re.I)


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    name: str
    head: str = ""        # summit, forum, games ... (for editions and "the summit")


def extract(ctx: DocContext) -> Iterator[Fact]:
    # Summits named by their organization in earlier sentences ("the bloc's 19th summit" ->
    # "19th NAM Summit"), by sentence index, so that a later "the 18th summit" is of that series.
    seen_series: dict[int, list[Event]] = {}
    found: list[Fact] = []
    for view in ctx.sentences:
        gathering = _gathering(view.text)
        if not TRIGGER.search(view.text) and not _GENERIC.search(view.text) and not gathering:
            continue
        events = _events(ctx, view, seen_series)
        generic = [e for e in events if e.head and re.search(r"\b[A-Z0-9]{2,}\s+" + e.head.capitalize() + "$", e.name)]
        if generic:
            seen_series[view.index] = generic
        if not (TRIGGER.search(view.text) or gathering) or not events and not re.search(
                r"\b(?:leaders|heads of state)\b", view.text):
            continue
        seen: set[tuple[str, str, str]] = set()
        for fact in _facts(ctx, view, events):
            key = (fact.args["host"], fact.args["event"].lower(), fact.modality)
            if key not in seen:
                seen.add(key)
                found.append(fact)
    _join_mentions(found)
    yield from found


def _gathering(text: str) -> bool:
    return bool(_GATHER_WORD.search(text)) and bool(_HEAD_WORD.search(text) or _GENERIC.search(text)
                                                    or re.search(r"\b(?:leaders|heads of state)\b", text))


def _base_name(name: str) -> str:
    return re.sub(r"^(?:" + _ORD + r"|\d{4})\s+", "", name, flags=re.I).lower()


def _join_mentions(facts: list[Fact]) -> None:
    """'The first EU–Central Asia summit opened in Samarkand on Thursday ... Uzbekistan, the host of
    the summit, ...': an undated statement of the same host and event takes the dated one's name,
    date and place, so the two merge."""
    for f in facts:
        if f.time.get("start"):
            continue
        dated = [g for g in facts if g is not f and g.time.get("start") and g.modality == f.modality
                 and g.args["host"] == f.args["host"] and _base_name(g.args["event"]) == _base_name(f.args["event"])]
        if len({g.args["event"] for g in dated}) == 1:
            f.args["event"] = dated[0].args["event"]
            f.args["place"] = f.args.get("place") or dated[0].args.get("place")
            f.time = dict(dated[0].time)


# --- events ------------------------------------------------------------------------------------
def _head(name: str) -> str:
    m = re.search(r"\b(summit|forum|games|conference|congress|session|meeting|dialogue|assembly|week|cup|"
                  r"expo|festival|olympiad|olympics)\b", name, re.I)
    if m:
        return m.group(1).lower()
    return "conference" if name.upper().startswith("COP") else ""


def _with_ordinal(ctx: DocContext, start: int, name: str) -> tuple[int, str]:
    """'the 43rd ASEAN Summit': the ordinal or year written before a registry event's name."""
    m = _LEAD_ORD.search(ctx.text[max(0, start - 20):start])
    if not m:
        return start, name
    lead = m.group("ord") or m.group("year")
    return start - len(m.group(0)), f"{lead} {name}"


def _events(ctx: DocContext, view: SentenceView, seen_series: dict[int, list[Event]]) -> list[Event]:
    found: list[Event] = []
    for x in view.mentions:
        if x.kind == "event":
            s, name = _with_ordinal(ctx, x.start, x.id)
            found.append(Event(s, x.end, name, _head(x.id)))
    for e in _event_matches(view):
        s, t = view.start + e.start(1), view.start + e.end(1)
        lead = re.match(r"(?:(?:of|on|for|and)\s+(?:the\s+)?)+", e.group(1))
        if lead:
            s += lead.end()
        name = re.sub(r"^(?:the|The)\s+", "", ctx.text[s:t]).strip()
        if len(name.split()) < 2 and not name.startswith("COP"):
            continue    # a bare "Summit" is not a name
        bare = re.fullmatch(r"(" + _ORD + r")\s+(" + _EVENT_HEAD + r")", name, re.I)
        if bare:
            # "the 18th Summit": an edition of the series named before ("17th NAM Summit").
            prior = [f for f in found if f.end <= s and f.head == bare.group(2).lower()]
            base = re.sub(r"^(?:" + _ORD + r"|\d{4})\s+", "", prior[-1].name, flags=re.I) if prior else \
                _series(ctx, view, bare.group(2).lower(), seen_series, before=s)
            if base:
                name = f"{bare.group(1)} {base}"
        if not any(f.start <= s < f.end or s <= f.start < t for f in found):
            found.append(Event(s, t, re.sub(r"^COP\s", "COP", name), _head(name)))
    for e in _CAP_LOWER.finditer(view.text):
        s, t = view.start + e.start(1), view.start + e.end()
        if any(f.start <= s < f.end or s <= f.start < t for f in found):
            continue
        if e.group(1).split()[0] in ("The", "A", "An", "In", "At", "On", "This", "That"):
            s += len(e.group(1).split()[0]) + 1
            if s >= view.start + e.start(2) - 1:
                continue
        s2, name = _with_ordinal(ctx, s, ctx.text[s:t])
        found.append(Event(s2, t, name, e.group(2).lower()))
    found.extend(_generic_events(ctx, view, found, seen_series))
    found.extend(_org_meetings(ctx, view, found))
    found = [e for e in found if not _UN_SESSION.search(e.name)]
    return sorted(found, key=lambda e: e.start)


_HOSTED_ORG = re.compile(r"\b(?:host(?:s|ed|ing)?(?:\s+of)?|play(?:s|ed|ing)?\s+host\s+to|stag(?:e|es|ed|ing))\s+"
                         r"(?:the\s+|this\s+year['’]s\s+|last\s+year['’]s\s+)?$", re.I)
_SUMMIT_ORG_KINDS = {"forum", "economic", "regional", "alliance", "movement", "other"}


def _org_meetings(ctx: DocContext, view: SentenceView, named: list[Event]) -> list[Event]:
    """'Indonesia hosted the G20 in Bali', 'Kazakhstan's hosting of the SCO': a group of states
    hosted stands for its summit ('G20 Summit')."""
    out = []
    for x in view.mentions:
        if x.kind != "org" or not _HOSTED_ORG.search(ctx.text[max(view.start, x.start - 40):x.start]):
            continue
        if any(f.start <= x.start < f.end or x.start <= f.start < x.end for f in named):
            continue
        if re.match(r"\s*(?:['’]s\s+)?(?:[\w-]+\s+){0,2}?(?:summit|forum|games|conference|meeting|session|"
                    r"members?|delegations?|leaders|secretariat|headquarters|office)\b", ctx.text[x.end:x.end + 40], re.I):
            continue     # "hosted the SCO summit" is read as a named event; "the OSCE office" is not an event
        kind = _org_info(x.id)[2]
        if kind not in _SUMMIT_ORG_KINDS:
            continue
        out.append(Event(x.start, x.end, f"{x.id} Summit", "summit"))
    return out


def _generic_events(ctx: DocContext, view: SentenceView, named: list[Event],
                    seen_series: dict[int, list[Event]]) -> list[Event]:
    """Lower-case summits: named by the organization before or after them ('the SCO summit',
    'the bloc's 19th summit', 'an informal summit of the organisation') or by the series named
    earlier in the document ('the first summit' after 'the Fifth Caspian Summit')."""
    out: list[Event] = []
    orgs = None
    for m in _GENERIC.finditer(view.text):
        if m.group("head")[0].isupper() and not m.group("ord"):
            continue
        s, e = view.start + m.start(), view.start + m.end()
        if any(f.start <= s < f.end or s <= f.start < e for f in named):
            continue
        if orgs is None:
            orgs = _orgs(ctx, view)
        head = m.group("head").lower()
        ordinal = (m.group("ord") or "").strip()
        org = None
        before = [o for o in orgs if o.end <= s and re.fullmatch(
            r"(?:['’]s)?\s+(?:(?:informal|extraordinary|special|annual|online|leaders['’]?)\s+)?", ctx.text[o.end:s])]
        its = re.search(r"\b(?:its|their)\s+(?:" + _ORD + r"\s+)?(?:[a-z]+\s+)?$", ctx.text[max(view.start, s - 30):s])
        if before:
            org, s = before[-1], before[-1].start
            lead = _LEAD_ORD.search(ctx.text[max(0, s - 20):s])
            if lead and not ordinal:
                ordinal = lead.group("ord") or lead.group("year")
                s -= len(lead.group(0))
        elif its:
            prior = [o for o in orgs if o.end <= s]
            org = prior[-1] if prior else None
        else:
            after = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[e:e + 12])
            if after:
                org = next((o for o in orgs if e < o.start <= e + after.end()), None)
                if org is not None:
                    e = org.end
        if org is not None:
            more = re.match(r"(?:\s+[A-Z][\w'’-]*){1,3}", ctx.text[org.end:view.end]) if org.end >= e else None
            if more:
                e = org.end + more.end()
                base = f"{org.id}{more.group(0)} {head.capitalize()}"
            else:
                base = f"{org.id} {head.capitalize()}"
        else:
            if not ordinal and not re.search(r"\bthe\s+$", ctx.text[max(0, s - 5):s], re.I):
                continue
            base = _series(ctx, view, head, seen_series)
            if base is None:
                if not ordinal:
                    continue
                base = head
        out.append(Event(s, e, f"{ordinal} {base}".strip(), head))
    return out


def _series(ctx: DocContext, view: SentenceView, head: str, seen_series: dict[int, list[Event]],
            before: int | None = None) -> str | None:
    """The name, without its ordinal, of the last event of this kind named in the document before
    this sentence (within a few paragraphs): 'Caspian Summit' for 'the second summit'."""
    for v in reversed(ctx.sentences[max(0, view.index - 15):view.index + 1]):
        names = [x.id for x in v.mentions if x.kind == "event" and _head(x.id) == head
                 and (before is None or v is not view or x.end <= before)]
        names += [re.sub(r"^(?:the|The)\s+", "", m.group(1)) for m in _event_matches(v)
                  if _head(m.group(1)) == head and len(m.group(1).split()) >= 2]
        if v is not view:
            names += [e.name for e in seen_series.get(v.index, ()) if e.head == head]
        for name in reversed(names):
            base = re.sub(r"^(?:" + _ORD + r"|\d{4})\s+", "", name, flags=re.I).strip()
            if len(base.split()) >= 2:
                return base
    return None


# --- places and hosts ----------------------------------------------------------------------------
def _is_city(a: Actor) -> bool:
    return a.via == "city" and a.mention is not None


def _subject_host(ctx: DocContext, view: SentenceView, pos: int) -> tuple[str | None, str | None]:
    """(country, city) of the subject of the clause before `pos`: a country, a city (standing for
    its country), a person, or 'it' / 'we'."""
    text = view.text
    lp = pos - view.start
    cut = 0
    for m in re.finditer(r"[;:]|\s[-–—]\s|\b(?:but|while|whereas|although|though|when|because)\b|"
                         r",\s+and\s+(?=(?:it|they|we|its|the|[A-Z]))", text[:lp]):
        cut = m.end()
    cstart = view.start + cut
    pron = re.search(r"\b(?:it|we|the country|our country)\b", text[cut:lp], re.I)
    cands = [a for a in view.actors if cstart <= a.start and a.end <= pos and a.kind == "country"
             and a.via not in ("focus", "pair", "group")
             and ctx.preceding_word(a.start) not in ("with", "to", "by", "from", "of", "in", "at", "for",
                                                    "between", "against", "on", "than", "over")]
    if pron and (not cands or cstart + pron.start() < cands[0].start):
        ante = _antecedent(ctx, view, cstart + pron.start())
        return (ante[0] if ante else None), None
    if not cands:
        return None, None
    a = cands[0]
    if ctx.text[a.end:a.end + 20].lstrip().startswith(("Embassy", "embassy")):
        return None, None   # "the Italian Embassy in Baku hosted a reception"
    return a.id, (a.mention.id if _is_city(a) else None)


def _place_after(ctx: DocContext, view: SentenceView, pos: int, host: str | None = None,
                 limit: int | None = None) -> tuple[str | None, str | None]:
    """The country and city named after 'in' / 'at' / 'on the island of' right after `pos`."""
    end = limit or view.end
    desc = re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}(?:conference|summit|forum|talks|meeting|games)\b", ctx.text[pos:end])
    if desc:
        pos += desc.end()
    m = _PLACE_PREP.match(ctx.text[pos:end])
    if not m:
        return None, None
    at = pos + m.end()
    if re.match(r"(?:its|their|the) capital\b", ctx.text[at:at + 20], re.I) and host:
        return host, _capital_of(host)
    ment = next((x for x in view.mentions if at <= x.start <= at + 2), None)
    if ment is not None and ment.kind == "city":
        return ment.country, ment.id
    if ment is not None and ment.kind == "country":
        return ment.id, None
    # An unknown place followed by its country in parentheses: "Margarita (Venezuela)".
    paren = re.match(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s*\(([^)]{2,40})\)", ctx.text[at:end])
    if paren:
        inside = [a for a in view.countries() if at + paren.start(2) <= a.start < at + paren.end(2)]
        if inside:
            return inside[0].id, paren.group(1)
    return None, None


def _city_in_name(view: SentenceView, event: Event, host: str) -> str | None:
    """'the Tbilisi Silk Road Forum', 'the Astana International Forum': a city of the host in the
    event's name is where it is held."""
    inside = next((x.id for x in view.mentions if x.kind == "city" and x.country == host
                   and event.start <= x.start < event.end), None)
    return inside or _city_named(event.name, host)


@functools.lru_cache(maxsize=256)
def _city_named(name: str, host: str) -> str | None:
    """A city of `host` in a registry event's name ('Astana International Forum' is one mention,
    so its city is looked up in the name itself)."""
    from diplograph.registry.resolve import find_mentions
    words = name.split()
    for k in (2, 1):
        found = next((x.id for x in find_mentions(" ".join(words[:k])) if x.kind == "city" and x.country == host), None)
        if found:
            return found
    return None


def _capital_of(country: str) -> str | None:
    try:
        from diplograph.registry.load import get_registry
        e = get_registry().get(country, "country")
    except Exception:      # a registry problem must not stop extraction
        return None
    return e.capital if e is not None else None


def _date_after(ctx: DocContext, view: SentenceView, pos: int, stop: int | None = None,
                near: int | None = None) -> DateMention | None:
    """The date of the hosting: the first date after `pos` in the clause, else the nearest
    date before it in the clause."""
    stop = stop or view.end
    for m in re.finditer(r"[;]|,\s+(?!(?:on|in|from|since|every|between)\b)(?=[a-z])|\s[-–—]\s", ctx.text[pos:stop]):
        stop = pos + m.start()
        break
    after = [d for d in view.dates if pos <= d.start < stop]
    if after:
        return after[0]
    cut = view.start
    for m in re.finditer(r"[;:,]", ctx.text[view.start:pos]):
        cut = view.start + m.end()
    before = [d for d in view.dates if cut <= d.start and d.end <= pos]
    if before:
        return before[-1]
    opening = [d for d in view.dates if d.start - view.start <= 12 and d.end <= pos]
    if opening:
        return opening[0]
    if near is not None:
        # "signed in Aktau on 12 August 2018, at the Fifth Caspian Summit hosted by X": the date
        # just before the event.
        close = [d for d in view.dates if d.end <= near and near - d.end <= 12]
        return close[-1] if close else None
    return None


def _time(date: DateMention | None) -> dict:
    if date is None:
        return {"start": None, "end": None}
    return {"start": date.value, "end": date.end_value}


# --- the rules ---------------------------------------------------------------------------------
def _facts(ctx: DocContext, view: SentenceView, events: list[Event]) -> Iterator[Fact]:
    text = view.text
    used: set[int] = set()      # events already given a host by a rule
    for m in _PASSIVE.finditer(text):
        yield from _passive(ctx, view, events, m, used)
    for m in _ACTIVE.finditer(text):
        yield from _active(ctx, view, events, m, used)
    for m in _VENUE.finditer(text):
        yield from _venue(ctx, view, events, m)
    for m in _GATHERED.finditer(text):
        yield from _gathered(ctx, view, events, m, used)


_VENUE = re.compile(r"\b(?:was|is|will be|has been|have been|had been|became|becomes|has become|had become|remains|"
                    r"remained)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:host\s+city|venue|host)\s+"
                    r"(?:of|for|to)\s+", re.I)
# "a venue for major international events, from the Asian Games in 2006 to the World Cup in 2022"
_VENUE_LIST = re.compile(r"(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:events|gatherings|summits|forums|competitions|tournaments|"
                         r"conferences|championships)\s*,?\s*(?:from|including|such as|like|among them)\s+(?:the\s+)?",
                         re.I)


def _venue(ctx: DocContext, view: SentenceView, events: list[Event], m: re.Match) -> Iterator[Fact]:
    """'City was the venue of E', 'X will be the host of E', 'City has become a venue for major
    events, from E1 in 2006 to E2 in 2022'."""
    end = view.start + m.end()
    event = next((e for e in events if e.start >= end and re.fullmatch(r"(?:the\s+)?", ctx.text[end:e.start])), None)
    listed = [event] if event is not None else []
    if event is None:
        first = next((e for e in events if e.start >= end), None)
        if first is None or not _VENUE_LIST.fullmatch(ctx.text[end:first.start]):
            return
        listed = [first]
        for e in events:
            if e.start > listed[-1].start and re.fullmatch(r"(?:\s+(?:in|of)\s+\d{4})?\s*(?:,|and|to|,\s*and)\s+(?:the\s+)?",
                                                            ctx.text[listed[-1].end:e.start]):
                listed.append(e)
    host, city = _subject_host(ctx, view, view.start + m.start())
    if not host:
        return
    mod = _modality(view.text, m.start())
    if re.match(r"will", m.group(0), re.I) and mod == "asserted":
        mod = "planned"
    for i, ev in enumerate(listed):
        limit = listed[i + 1].start if i + 1 < len(listed) else None
        date = _date_after(ctx, view, ev.end, limit)
        yield _make(ctx, view, host, ev, city or _city_in_name(view, ev, host), date, mod, "hosting.venue",
                    m.group(0).strip())


_GATHERED = re.compile(r"\b(?:gathered|gather|assembled|converged|convened|arrived|met|meet)\s+in\s+(?:the\s+)?", re.I)


def _gathered(ctx: DocContext, view: SentenceView, events: list[Event], m: re.Match, used: set[int]) -> Iterator[Fact]:
    """'Leaders gathered in Addis Ababa for the African Union summit': where they gathered hosted it."""
    at = view.start + m.end()
    place = next((a for a in view.actors if a.start == at and a.kind == "country" and a.via not in ("focus", "person")),
                 None)
    if place is None:
        return
    after = re.match(r"(?:\s+(?:on|in|last|this)\s+[\w-]+(?:\s+\d+)?)?\s+for\s+(?:the\s+|an?\s+|its\s+)?",
                     ctx.text[place.end:view.end])
    if after:
        ev = next((e for e in events if place.end < e.start <= place.end + after.end()), None)
    else:
        ev = _leaders_of(ctx, view, view.start + m.start())
    if ev is None or ev.start in used:
        return
    used.add(ev.start)
    city = place.mention.id if _is_city(place) else None
    date = _date_after(ctx, view, ev.end)
    mod = _modality(view.text, m.start())
    yield _make(ctx, view, place.id, ev, city or _city_in_name(view, ev, place.id), date, mod, "hosting.gathered",
                m.group(0).strip(), conf=0.7)


def _leaders_of(ctx: DocContext, view: SentenceView, pos: int) -> Event | None:
    """'The G20 leaders met in Antalya': the summit of the group whose leaders gathered."""
    lead = re.search(r"(?:['’]s\s+)?\s*(?:leaders|heads of state(?: and government)?)\s+$", ctx.text[view.start:pos])
    if not lead:
        return None
    at = view.start + lead.start()
    org = next((x for x in view.mentions if x.kind == "org" and x.end == at), None)
    if org is None or _org_info(org.id)[2] not in _SUMMIT_ORG_KINDS:
        return None
    return Event(org.start, org.end, f"{org.id} Summit", "summit")


def _make(ctx: DocContext, view: SentenceView, host: str, event: Event, place: str | None, date, mod: str,
          rule: str, trigger: str, conf: float = 0.75) -> Fact:
    time = _time(date)
    year = re.search(r"\b(19|20)\d\d\b", event.name)
    if year and (date is None or (date.relative and not time["start"].startswith(year.group(0)))):
        # "the 2023 BRICS summit ... in August": the year of the name dates it.
        time = {"start": year.group(0) + (time["start"][4:] if time["start"] else ""), "end": None}
    return ctx.fact("hosting", {"host": host, "event": event.name, "place": place}, view, rule=rule,
                    trigger=trigger, time=time, modality=mod, confidence=conf)


def _passive(ctx: DocContext, view: SentenceView, events: list[Event], m: re.Match, used: set[int]) -> Iterator[Fact]:
    """'E was held in City', 'E, held in City', 'E hosted by X', 'E took place in City',
    'E, which X hosted in City' (handled by _active), then editions after it."""
    pos = view.start + m.start()
    end = view.start + m.end()
    word = m.group(0).lower()
    event = next((e for e in reversed(events) if e.end <= pos and re.fullmatch(
        r"\s*(?:\([^)]*\)\s*)?,?\s*(?:which\s+|that\s+)?", ctx.text[e.end:pos])), None)
    if event is None:
        # "the summit, which opened on Tuesday, was held in ..." is left alone; so is a date
        # between the event and the verb: "E on 13-18 September was held in".
        return
    if re.fullmatch(r"held|hosted|staged|organi[sz]ed|convened", word) and not re.match(
            r"\s+(?:in|at|on|by|from|during|last|this|every|annually|each|between|under|for)\b",
            ctx.text[end:end + 12]):
        return      # "E, hosted an informal summit": the past tense of another subject, not a participle
    mod = _modality(view.text, m.start())
    if re.match(r"(?:to be|to take)", word):
        mod = "planned" if mod == "asserted" else mod
    by = re.match(r"\s+by\s+(?:the\s+)?", ctx.text[end:end + 12])
    if by and "hosted" in word:
        host_actor = next((a for a in view.countries() if a.start == end + by.end()), None)
        if host_actor is None:
            return
        host, city = host_actor.id, (host_actor.mention.id if _is_city(host_actor) else None)
        if city is None:
            # "signed ... in the Kazakh port of Aktau ..., at the Fifth Caspian Summit hosted by
            # Kazakhstan": a city of the host named in the sentence is the place.
            city = next((x.id for x in view.mentions if x.kind == "city" and x.country == host), None)
    else:
        host, city = _place_after(ctx, view, end)
    if not host:
        return
    date = _date_after(ctx, view, end, near=event.start)
    used.add(event.start)
    city = city or _city_in_name(view, event, host)
    yield _make(ctx, view, host, event, city, date, mod, "hosting.passive", m.group(0))
    yield from _editions_passive(ctx, view, event, end, mod)


def _active(ctx: DocContext, view: SentenceView, events: list[Event], m: re.Match, used: set[int]) -> Iterator[Fact]:
    """'X hosted E (in City)', 'E, which X hosted', 'Y, which hosted E', 'X wrapped up E in City',
    'decided to hold E in X', then editions after it."""
    pos = view.start + m.start()
    end = view.start + m.end()
    word = m.group(0).lower()
    text = view.text
    if word in ("held", "hosted", "staged", "organised", "organized", "convened") and re.search(
            r"\b(?:was|were|is|are|be|been|being)\s+$", ctx.text[max(view.start, pos - 12):pos]):
        return      # passive: read by _passive
    if word == "hosted" and re.match(r"\s+by\b", ctx.text[end:end + 5]):
        return
    mod = _modality(text, m.start())
    if word in ("hold",) and mod == "asserted":
        mod = "planned"       # "decided to hold E in X": hold in the infinitive is a plan
    # "E, which X hosted (in City)": the event is the antecedent, X the host.
    rel = re.search(r"(?:,\s*|\s)(?:which|that)\s+(?P<who>[^,;]{1,60}?)\s+(?:(?:has|have|had|will|is|was|"
                    r"are|were)\s+(?:also\s+)?(?:set\s+to\s+|due\s+to\s+|going\s+to\s+|been\s+)?)?$",
                    ctx.text[view.start:pos])
    if rel:
        rel_at = view.start + rel.start()
        ante = next((e for e in reversed(events) if e.end <= rel_at and rel_at - e.end <= 3), None)
        if ante is not None:
            who_s, who_e = view.start + rel.start("who"), view.start + rel.end("who")
            hosts = [a for a in view.actors if who_s <= a.start < who_e and a.kind == "country"]
            host, city = (hosts[0].id, hosts[0].mention.id if _is_city(hosts[0]) else None) if hosts \
                else (None, None)
            if not hosts and re.search(r"\b(?:it|we)\b", rel.group("who"), re.I):
                ante_c = _antecedent(ctx, view, who_s)
                host = ante_c[0] if ante_c else None
            p_host, p_city = _place_after(ctx, view, end, host)
            host = host or p_host
            if host and p_host == host:
                city = p_city or city
            if not host:
                return
            date = _date_after(ctx, view, end)
            used.add(ante.start)
            city = city or _city_in_name(view, ante, host)
            yield _make(ctx, view, host, ante, city, date, mod, "hosting.relative", m.group(0))
            return
    # "X hosted E1 (in City) (in 2015) and E2 in 2017".
    gap = re.compile(r"\s*(?:of\s+)?(?:the\s+|an?\s+|its\s+|their\s+)?(?:(?:next|last|upcoming|forthcoming|annual|informal|"
                     r"extraordinary|special|inaugural|jubilee|regular|online|virtual|high-level|anniversary)\s+){0,2}")
    first = next((e for e in events if e.start >= end and gap.fullmatch(ctx.text[end:e.start])), None)
    if first is None:
        first = _leaders_event(ctx, view, end)
        if first is None:
            return
    objects = [first]
    place_from: dict[int, int] = {}     # an event -> where its place phrase starts (after an apposition)
    for e in events:
        if e.start <= objects[-1].start:
            continue
        between = ctx.text[objects[-1].end:e.start]
        if re.fullmatch(r",\s*(?:the\s+|an?\s+)?", between) and re.match(r"\s*,\s*(?:in|at|on|from|which)\b",
                                                                      ctx.text[e.end:e.end + 12]):
            # "COP29, the UN climate conference, in Baku": the second name is an apposition.
            place_from[objects[-1].start] = e.end + ctx.text[e.end:e.end + 3].index(",") + 1
            break
        if re.fullmatch(r"(?:\s+(?:in|on)\s+[^,;]{1,25}?)?(?:,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?", between):
            objects.append(e)
        else:
            break
    subject, subject_city = _subject_host(ctx, view, pos)
    # ", which hosted E": the antecedent of the relative pronoun is the host.
    rel_host = re.search(r",\s*(?:which|who|that)\s+(?:(?:has|have|had|will|is|was)\s+(?:also\s+)?"
                         r"(?:set\s+to\s+|due\s+to\s+)?)?$", ctx.text[view.start:pos])
    if rel_host:
        at = view.start + rel_host.start()
        ante = [a for a in view.actors if a.end <= at and at - a.end <= 2]
        if ante and ante[-1].kind == "country":
            subject = ante[-1].id
            subject_city = ante[-1].mention.id if _is_city(ante[-1]) else None
        elif ante:
            return
    for i, ev in enumerate(objects):
        if ev.start in used:
            continue
        limit = objects[i + 1].start if i + 1 < len(objects) else None
        p_host, p_city = _place_after(ctx, view, place_from.get(ev.start, ev.end), subject, limit)
        host, city = subject, subject_city
        if word in _OPENING:
            # "X wrapped up E in City": X hosted E only if City is in X.
            if not host or p_host != host or not p_city:
                continue
            city = p_city
        elif word in ("held", "hold", "holds", "holding"):
            # "X held E in City", "decided to hold E in X": the host is where it is held.
            host = p_host or host
            city = p_city if p_host else city
        else:
            if host is None:
                host = p_host
            if p_host == host and p_city:
                city = p_city
        if not host:
            continue
        city = city or _city_in_name(view, ev, host)
        date = _date_after(ctx, view, place_from.get(ev.start, ev.end), limit)
        rule = "hosting." + re.sub(r"\W+", "_", word)
        yield _make(ctx, view, host, ev, city, date, mod, rule, m.group(0))
        if i == len(objects) - 1 and word.startswith("host"):
            yield from _editions_active(ctx, view, ev, mod, m.group(0))


def _leaders_event(ctx: DocContext, view: SentenceView, end: int) -> Event | None:
    """'hosted the group's leaders in Bali': the organization's summit. The organization must be
    the whole phrase before 'leaders' ('the EU and Armenian leaders' is no summit)."""
    m = re.match(r"\s*(?:the\s+)?", ctx.text[end:end + 8])
    at = end + m.end()
    org = next((o for o in _orgs(ctx, view) if o.start == at or (o.via == "anaphor" and o.start == end + 1)), None)
    if org is None:
        return None
    # Only the possessive ("the G20's leaders", "the group's leaders"): "hosted the EU leaders"
    # is as often a dinner or a meeting as the organization's summit.
    possessive = ctx.text[org.start:org.end].endswith(("'s", "’s"))
    tail = re.match(("" if possessive else r"['’]s") + r"\s+(?:leaders|heads of state(?: and government)?)\b",
                    ctx.text[org.end:org.end + 40])
    if not tail:
        return None
    return Event(org.start, org.end + tail.end(), f"{org.id} Summit", "summit")


_EDITION = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+)(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+the\s+"
                      r"(?P<ord>" + _ORD + r")(?=\W)")
_EDITION_PASSIVE = re.compile(r"(?:,\s*|\s+and\s+|,\s+and\s+)the\s+(?P<ord>" + _ORD + r")(?=\s+in\s)")


def _edition_event(ev: Event, ordinal: str) -> Event:
    base = re.sub(r"^(?:" + _ORD + r"|\d{4})\s+", "", ev.name, flags=re.I)
    return Event(ev.start, ev.end, f"{ordinal} {base}", ev.head)


def _editions_active(ctx: DocContext, view: SentenceView, ev: Event, mod: str, trigger: str) -> Iterator[Fact]:
    """'City1 hosted the first summit in 2002, City2 the second in 2007 and City3 the third'."""
    pos = ev.end
    while True:
        # Skip the date of the previous edition: "... in 2002, Tehran the second in 2007".
        d = re.match(r"\s+(?:in|on)\s+[^,;]{1,25}?(?=,|\s+and\s)", ctx.text[pos:view.end])
        start = pos + (d.end() if d else 0)
        m = _EDITION.match(ctx.text[start:view.end])
        if not m:
            return
        at = start + m.start("place")
        place = next((x for x in view.mentions if x.start == at), None)
        host = None
        city = None
        if place is not None and place.kind == "city":
            host, city = place.country, place.id
        elif place is not None and place.kind == "country":
            host = place.id
        if not host:
            return
        e_end = start + m.end()
        date = next((x for x in view.dates if e_end <= x.start <= e_end + 5), None)
        yield _make(ctx, view, host, _edition_event(ev, m.group("ord")), city, date, mod, "hosting.edition",
                    trigger, 0.7)
        pos = e_end


def _editions_passive(ctx: DocContext, view: SentenceView, ev: Event, pos: int, mod: str) -> Iterator[Fact]:
    """'the first summit was held in City1 in 2002, the second in City2 in 2007, ...'."""
    if not re.match(r"(?:" + _ORD + r"|\d{4})\s", ev.name, re.I):
        return
    while True:
        d = re.match(r"[^,;]{0,60}?(?=,|\s+and\s)", ctx.text[pos:view.end])
        if not d:
            return
        start = pos + d.end()
        m = _EDITION_PASSIVE.match(ctx.text[start:view.end])
        if not m:
            return
        at = start + m.end()
        host, city = _place_after(ctx, view, at)
        if not host:
            return
        date = next((x for x in view.dates if at < x.start <= at + 40 and not re.search(r"[,;]", ctx.text[at:x.start])),
                    None)
        yield _make(ctx, view, host, _edition_event(ev, m.group("ord")), city, date, mod, "hosting.edition",
                    m.group(0).strip(), 0.7)
        pos = at


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_GATHER_WORD = gate(_GATHER_WORD)
_HEAD_WORD = gate(_HEAD_WORD)
_GENERIC = gate(_GENERIC)
_CAP_LOWER = gate(_CAP_LOWER)
_UN_SESSION = gate(_UN_SESSION)
_PASSIVE = gate(_PASSIVE)
_ACTIVE = gate(_ACTIVE)
_VENUE = gate(_VENUE)
