"""Visits of a country's leader or delegation to another country.

Phrasings handled (each a "frame" that names a visitor and a host):
- movement: "X paid an official visit to Y", "X visited Y, Z and W in 2018", "X arrived in City",
  "X travelled/flew to City", "X's trip to Y", "a return visit to Y", "X and Y paid visits to Z";
- "the official visit of the Italian President to Baku" (visitor after "of", host after "to");
- passive: "Y was visited by the Pakistani foreign minister";
- presence: "X was in City for talks", "X, who was in City for a state visit";
- receiving: "P was welcomed in City by Q ... visit" (host = Q's country), "Q received the visiting
  Serbian minister in City", "Y hosted P on a visit";
- talks in the host's city: "H held talks with G in City-of-H" (G visited H), never when the city
  belongs to neither side or the talks were at a summit;
- pronouns: "During his visit to Belgrade ... Aliyev signed", "It was his first trip to ..." (the
  person of the previous sentence).
A city stands for its country (the host); a date range gives its start; a sentence without a date
in a news report takes the document date when it reports the day's events.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import TODAY, clause_before, modality, news_date, share_dates
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import DateMention, Fact

TRIGGER = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|arriv(?:ed|es|ing|al)|trips?|tour(?:ed|ing)?|travel(?:l)?(?:ed|ing)|travels|"
    r"flew|landed|headed|stopped(?:\s+over)?|made\s+(?:a\s+)?stops?|stay|(?:was|were|is|are)\s+in|talks\s+between|(?:held|hold|holds|holding)\s+talks|met|meets|"
    r"received|receives|welcomed|welcomes|hosted|hosts)\b", re.I)
# Words that mean somebody went somewhere (the other trigger words only support them).
# "landed in", "headed to", "stopped in" only count with a country or its city right after (see _destination).
_MOVE = re.compile(r"visit(?:s|ed|ing)?|arriv(?:ed|es|ing|al)|trips?|tour(?:ed|ing)?|"
                   r"travel(?:l)?(?:ed|ing)|travels|flew|landed|headed|stopped(?:\s+over)?|made\s+(?:a\s+)?stops?|stay",
                   re.I)
_GUEST_TO_CITY = re.compile(r"\s+(?:at\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4})?(?:in|to)\s+(?:the\s+)?")
_CAME_FOR_TALKS = re.compile(r"^(?:\s+in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?(?:\s+(?:on|last|this)\s+[\w-]+)?\s+"
                             r"for\s+(?:talks|a meeting|meetings|consultations|negotiations|a dinner|dinner)\b")
_BARE_MOVE = re.compile(r"landed|headed|stopped|made\s|stay", re.I)
_VISIT_WORD = re.compile(r"\b(?:visit(?:s|ed|ing)?|arriv(?:ed|es|ing|al)|trips?|travel(?:l)?ed|flew)\b", re.I)
_KIND = re.compile(r"\b(state|official|working)\s+visits?\b", re.I)
_NOT_A_VISIT = re.compile(r"^visit(?:ed|ing|s)?\s+(?:the\s+)?(?:website|site|page|exhibition|museum|grave|"
                          r"memorial|monument|mausoleum|stand|pavilion|tomb|cemetery|alley)\b", re.I)
_GENERIC = re.compile(r"\b(?:numerous|many|several|mutual|reciprocal|frequent|regular|dozens of|"
                      r"hundreds of|exchange of|exchanged)\s+(?:high-level\s+|official\s+|state\s+)?visits\b|"
                      r"\bvisits\s+abroad\b", re.I)
_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|postponed|called off|scrapped|did not take place|"
                        r"was not made|never took place)\b", re.I)
_PLANNED_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:(?:is|are)\s+(?:planned|scheduled|expected|due|set)|"
                            r"(?:was|were|has been|have been)\s+announced)\b", re.I)
_PERFECT = re.compile(r"\b(?:has|have|had|'s)\s+(?:\w+\s+)?(?:paid|made|visited|been|travel(?:l)?ed|toured)\b",
                      re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.I)
_ANAPHORIC_HOST = re.compile(r"^\s*(?:to|in)\s+(?:the|our|my|this|that)\s+(country|capital|state|city|republic)\b",
                             re.I)
_RETURN = re.compile(r"\breturn(?:ed)?\s+(?:the\s+)?visit\b|\breturn visit\b", re.I)
_PRONOUN_BEFORE = re.compile(r"\b(?:his|her|He|She)\b")
_RECEIVED_BY = re.compile(r"\b(?:welcomed|received|hosted|greeted|met)\b(?:\s+[\w’'-]+){0,6}?\s+by\b", re.I)
_TALKS = re.compile(r"(?:held|hold|holds|holding)\s+talks|met|meets", re.I)
_EVENT = re.compile(r"\b(?:summit|sidelines|forum|conference|session|assembly|games|congress|ceremony|"
                    r"championship|olympics|cop\d+|expo)\b", re.I)
# Nouns after a demonym or country that are not a state's envoys ("Russian tourists", "Turkish troops").
_NOT_ENVOY = re.compile(
    r"^(?:\s*['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:tourists?|visitors?|students?|compan(?:y|ies)|firms?|teams?|clubs?|"
    r"players?|fans|citizens|nationals|pilgrims|investors|businessm[ae]n|businesses|artists?|troops|forces|"
    r"soldiers|peacekeepers|refugees|migrants|ships?|vessels?|warships?|aircraft|planes?|jets?|athletes|"
    r"musicians|scientists|bloggers|drones?|cargo|goods|embassy)\b", re.I)
# Filler that may stand between a movement word and its destination ("arrived in the capital of").
_DEST_FILLER = {"to", "in", "into", "at", "of", "the", "a", "an", "his", "her", "their", "its", "first", "second",
                "official", "state", "working", "visit", "visits", "trip", "tour", "brief", "short", "historic",
                "on", "by", "road", "air", "plane", "later", "then", "also", "capital", "city", "neighbouring",
                "neighboring", "fraternal", "friendly", "brotherly", "landmark", "week", "long", "day", "days",
                "and", "from", "for"}
_DEST_PREP = {"to", "in", "into", "at"}
_HOST_NOUN = re.compile(r"^\s+(?:capital|city|port|town|resort|island|province|region|republic|parliament)\b",
                        re.I)
_VISIT_VERBS_DIRECT = re.compile(r"^(?:visit|visits|visited|visiting|tour|toured|touring)$", re.I)
_LEAD_SENTENCES = 6
_SPEECH_BEFORE = re.compile(r"\b(?:speaking|spoke|said|says|told|telling|interview|remarks|addressing|speech|"
                            r"reporters|journalists|conference|forum|summit)\b[^.;]*$", re.I)


@dataclass
class _Frame:
    visitors: list[Actor]
    hosts: list[Actor]
    trigger: re.Match
    kind: str | None = None
    rule: str = "visit"
    place: str | None = None


# A headline without its verb: "Aliyev in Rome for talks with Meloni" (short, no final stop).
_HEADLINE_IN = re.compile(r"\bin(?=\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:for|on)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
                          r"(?:talks|visit|meetings?|consultations|negotiations|summit)\b)")


def _headline_ins(text: str) -> list[re.Match]:
    if len(text) > 120 or text.rstrip()[-1:] in ".!?" or " in " not in text:
        return []
    return list(_HEADLINE_IN.finditer(text))


def extract(ctx: DocContext) -> Iterator[Fact]:
    facts: list[Fact] = []
    for view in ctx.sentences:
        if not TRIGGER.search(view.text) and not _headline_ins(view.text):
            continue
        facts.extend(_sentence_visits(ctx, view, facts))
    share_dates(facts, "visitor", "host")
    yield from facts


# --- one sentence ------------------------------------------------------------------------------

def _sentence_visits(ctx: DocContext, view: SentenceView, earlier: list[Fact]) -> list[Fact]:
    text = view.text
    actors = [a for a in view.countries()]
    frames: list[_Frame] = []
    for m in [*TRIGGER.finditer(text), *_headline_ins(text)]:
        word = m.group(0).lower()
        if word.startswith("visit") and _NOT_A_VISIT.match(text[m.start():m.start() + 60]):
            continue
        if _MOVE.fullmatch(word):
            frame = _movement(ctx, view, actors, m, earlier)
        elif word.split()[0] in ("was", "were", "is", "are", "in"):
            frame = _presence(ctx, view, actors, m)
        elif _TALKS.fullmatch(word):
            frame = _talks_in_host_city(ctx, view, actors, m)
        elif word.startswith("talks"):
            frame = _talks_between(ctx, view, actors, m)
        else:
            frame = _receiving(ctx, view, actors, m)
        if frame and frame.visitors and frame.hosts:
            frames.append(frame)
    if not frames:
        return []
    if _GENERIC.search(text) and not any(v.via == "person" for f in frames for v in f.visitors):
        return []
    sentence_kinds = {k.group(1).lower() for k in _KIND.finditer(text)}
    out: dict[tuple[str, str], Fact] = {}
    # Frames whose words fix the direction ("welcomed by", "visit of X to Y") go first, so that a
    # looser frame of the same sentence cannot add the reverse visit.
    frames.sort(key=lambda f: f.rule == "visit")
    for frame in frames:
        m = frame.trigger
        kind = frame.kind or (next(iter(sentence_kinds)) if len(sentence_kinds) == 1 else None)
        mod = _modality(ctx, view, m)
        date = _date(view, m, frame.hosts)
        time = {"start": date.value, "end": date.end_value} if date else (
            _news_time(ctx, view, m) if mod == "asserted" else {"start": None, "end": None})
        if mod == "asserted" and date and _after_document(ctx, date):
            mod = "planned"
        for v in frame.visitors:
            for h in frame.hosts:
                if (h.id, v.id) in out:
                    continue
                if v.id == h.id or (v.id, h.id) in out:
                    if (v.id, h.id) in out and kind and not out[(v.id, h.id)].args.get("kind"):
                        out[(v.id, h.id)].args["kind"] = kind
                    continue
                place = frame.place or _place(ctx, view, h)
                args = {"visitor": v.id, "host": h.id, "person": v.person, "kind": kind, "place": place}
                out[(v.id, h.id)] = ctx.fact("visit", args, view, rule=frame.rule, trigger=m.group(0),
                                             time=dict(time), modality=mod,
                                             confidence=0.8 if v.via == "person" else 0.7)
    return list(out.values())


def _movement(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match,
              earlier: list[Fact]) -> _Frame | None:
    text = view.text
    pos, end = view.start + m.start(), view.start + m.end()
    word = m.group(0).lower()
    kind_m = re.search(r"\b(state|official|working)\s+$", text[max(0, m.start() - 25):m.start()], re.I)
    kind = kind_m.group(1).lower() if kind_m and word.startswith("visit") else None
    after = text[m.end():]
    # "Y was visited by X": the subject is the host.
    if word == "visited" and _PASSIVE_BEFORE.search(text[:m.start()]) and re.match(r"\s+by\b", after):
        by = view.start + m.end() + re.match(r"\s+by\b", after).end()
        visitors = _envoys_after(ctx, actors, by)
        hosts = [a for a in actors if a.end <= pos and a.via not in ("person", "focus")][-1:]
        return _Frame(visitors, hosts, m, kind, "visit-passive")
    # "began a tour of the Western Balkans": what a tour is "of" is where it goes
    tour_of = re.match(r"\s+of\s+", after) if word in ("tour", "tours") else None
    if tour_of:
        # a tour "of the Western Balkans" need not reach every member of the group
        hosts = [h for h in _destination(ctx, view, actors, end + tour_of.end(), direct=True) if h.via != "group"]
        return _Frame(_visitors_before(ctx, view, actors, pos, hosts), hosts, m, kind, "visit-tour")
    # "the visit of the Italian President to Baku", "a visit by the Georgian prime minister to Yerevan"
    of = re.match(r"\s+(?:of|by)\s+", after)
    if of and word in ("visit", "visits", "trip", "tour"):
        to = re.search(r"\s(?:to|in)\s+(?:the\s+)?", after[of.end():of.end() + 80])
        if to:
            cut = end + of.end() + to.start()
            visitors = [a for a in _envoys_after(ctx, actors, end + of.end()) if a.end <= cut]
            hosts = _destination(ctx, view, actors, cut)
            if visitors and hosts:
                return _Frame(_dedupe(visitors), hosts, m, kind, "visit-of")
        if word == "tour":
            hosts = _destination(ctx, view, actors, end)
            return _Frame(_visitors_before(ctx, view, actors, pos, hosts), hosts, m, kind)
        return None
    hosts = _destination(ctx, view, actors, end, direct=bool(_VISIT_VERBS_DIRECT.match(word)))
    if not hosts and _BARE_MOVE.match(word):
        return None   # "headed by", "stopped at nothing": these words need their destination right after
    if not hosts:
        hosts = _anaphoric_host(ctx, view, actors, m)
    if not hosts and not re.match(r"\s+(?:to|in)\s+(?:the\s+)?[A-Z]", after):
        # "P, who is in Y for a State visit", "arrived in Y on a working visit": the place before.
        hosts = _place_before(ctx, actors, pos)
    visitors = _visitors_before(ctx, view, actors, pos, hosts)
    if not visitors:
        # "the visiting Serbian minister", "during his visit to Belgrade ... Aliyev signed".
        visitors = _visitors_other(ctx, view, actors, m, hosts)
    if visitors and not hosts and _RETURN.search(text):
        hosts = _returned_host(earlier, visitors[0].id)
    return _Frame(visitors, hosts, m, kind)


def _presence(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match) -> _Frame | None:
    """'P was in Baku for talks', 'P, who was in Hanoi for a state visit'."""
    end = view.start + m.end()
    first = next((a for a in actors if a.start >= end), None)
    if first is None or ctx.text[end:first.start].strip().lower() not in ("", "the"):
        return None
    if first.via == "person" or first.kind != "country":
        return None
    if first.via == "demonym" and not _HOST_NOUN.match(ctx.text[first.end:first.end + 20]):
        return None
    rest = ctx.text[first.end:view.end]
    if not re.match(r"^(?:\s*,)?(?:\s+(?:on|last|this)\s+[\w-]+(?:\s+\d+)?)?\s+(?:for|on)\s+(?:an?\s+|the\s+|his\s+|her\s+|"
                    r"their\s+)?(?:[\w-]+\s+){0,3}?(?:talks|visit|trip|meetings?|negotiations|consultations)\b",
                    rest, re.I):
        return None
    hosts = [first]
    visitors = _visitors_before(ctx, view, actors, view.start + m.start(), hosts)
    return _Frame(visitors, hosts, m, None, "visit-presence")


def _talks_in_host_city(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match) -> _Frame | None:
    """'H held talks with G in City-of-H' and 'G met H in City-of-H': G visited H's country."""
    text = view.text
    if _EVENT.search(text) or re.search(r"\b(?:phone|telephone|video|virtual|online)\b", text, re.I):
        return None
    pos, end = view.start + m.start(), view.start + m.end()
    if _PASSIVE_BEFORE.search(text[:m.start()]):
        return None
    before = [a for a in actors if a.end <= pos and _is_envoy(ctx, a) and a.via != "city"]
    if not before:
        return None
    # the nearest party, named by its person where one stands next to it ("the president of X")
    subj = [next((a for a in reversed(before) if a.id == before[-1].id and a.via == "person"), before[-1])]
    obj_start = end
    if m.group(0).lower().endswith("talks") or m.group(0).lower() in ("met", "meets"):
        w = re.match(r"\s+with\b", text[m.end():])
        if not w and re.match(r"\s+in\s", text[m.end():]):
            return _pair_met_in_city(ctx, view, actors, m, before)
        if not w and m.group(0).lower().endswith("talks"):
            return None
        obj_start = end + (w.end() if w else 0)
    obj = _envoys_after(ctx, actors, obj_start)
    if not obj or len({a.id for a in obj}) != 1:
        return None
    gap = ctx.text[obj_start:obj[0].start]
    if len(gap) > 40 or re.search(r"[,;]|\b(?:and|who|which)\b", gap):
        return None
    cities = [a for a in actors if a.via == "city" and a.start > obj[0].end
              and ctx.preceding_word(a.start) == "in"]
    if len(cities) != 1:
        return None
    host = cities[0]
    sides = {subj[0].id, obj[0].id}
    if len(sides) != 2 or host.id not in sides:
        return None
    guest = obj[0] if subj[0].id == host.id else subj[0]
    return _Frame([guest], [host], m, None, "visit-talks", place=host.mention.id if host.mention else None)


def _pair_met_in_city(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match,
                      before: list[Actor]) -> _Frame | None:
    """'Greek Prime Minister M and Turkish President E met in Athens': the side that is not at
    home came."""
    pos = view.start + m.start()
    last = before[-1]
    clause = [a for a in before if not re.search(r"[;:]|\.\s|,\s*(?:and|but|while)\b", ctx.text[a.end:pos])]
    ids = list(dict.fromkeys(a.id for a in clause))
    if len(ids) != 2 or not re.search(r"\band\b", ctx.text[clause[0].end:last.start]):
        return None
    at = view.start + m.end() + re.match(r"\s+in\s+(?:the\s+)?", view.text[m.end():]).end()
    city = next((a for a in actors if a.via == "city" and a.start == at), None)
    if city is None or city.id not in ids:
        return None
    guest = next(a for a in reversed(clause) if a.id != city.id)
    guest = next((a for a in clause if a.id == guest.id and a.via == "person"), guest)
    return _Frame([guest], [city], m, None, "visit-met-in-city", place=city.mention.id if city.mention else None)


def _talks_between(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match) -> _Frame | None:
    """'Talks between the Ethiopian prime minister and the Egyptian president took place in Cairo':
    the side whose city it is hosted, the other side visited."""
    text = view.text
    if _EVENT.search(text) or re.search(r"\b(?:phone|telephone|video|virtual|online)\b", text, re.I):
        return None
    sides = _envoys_after(ctx, actors, view.start + m.end())
    ids = list(dict.fromkeys(a.id for a in sides))
    if len(ids) != 2 or sides[0].start - (view.start + m.end()) > 40:
        return None
    rest = ctx.text[sides[-1].end:view.end]
    held = re.match(r"^(?:\s+[\w-]+){0,3}?\s+(?:took place|were held|was held|were hosted|happened)\s+in\s+", rest)
    if not held:
        return None
    at = sides[-1].end + held.end()
    city = next((a for a in actors if a.via == "city" and a.start == at), None)
    if city is None or city.id not in ids:
        return None
    guest = next(a for a in sides if a.id != city.id)
    return _Frame([guest], [city], m, None, "visit-talks-between", place=city.mention.id if city.mention else None)


def _receiving(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match) -> _Frame | None:
    """'P was welcomed in City by Q at the start of a visit' (Q's country hosts), 'Q received the
    visiting minister', 'Y hosted P on a state visit'. Without a word of travel nobody visits."""
    text = view.text
    travel_word = bool(_VISIT_WORD.search(text))
    pos, end = view.start + m.start(), view.start + m.end()
    if not travel_word:
        # "Egypt hosted the King of Jordan in Cairo for talks": the host's own city or "for talks"
        # right after the guest says the guest came; "hosted a conference" does not.
        if m.group(0).lower() not in ("hosted", "hosts", "received", "receives", "welcomed", "welcomes") \
                or _PASSIVE_BEFORE.search(text[:m.start()]):
            return None
        host = [a for a in actors if a.end <= pos and a.via != "focus" and _is_envoy(ctx, a)][-1:]
        guests = [a for a in _envoys_after(ctx, actors, end) if not host or a.id != host[0].id][:1]
        if not host or not guests or not _titled(ctx, guests[0]) or guests[0].start - end > 40 \
                or re.search(r"[,;]|\b(?:and|who|which)\b", ctx.text[end:guests[0].start]):
            return None
        # "the King of Jordan": the guest's words run on to the country named in the title
        guest_end = guests[0].end
        for a in actors:
            if a.id == guests[0].id and a.start >= guest_end and a.start - guest_end <= 5:
                guest_end = a.end
        if (title := _TITLE_AFTER.match(ctx.text[guest_end:guest_end + 50])):
            guest_end += title.end()      # "his Cambodian counterpart"
        after = ctx.text[guest_end:view.end]
        # "... in Cairo", "... to Bangkok", "... at the Chancellery in Berlin"
        city = next((a for a in actors if a.via == "city" and a.start >= guest_end
                     and _GUEST_TO_CITY.fullmatch(ctx.text[guest_end:a.start])), None)
        if (city is not None and city.id == host[0].id) or _CAME_FOR_TALKS.match(after):
            place = city.mention.id if city is not None and city.id == host[0].id and city.mention else None
            return _Frame(guests, host, m, None, "visit-hosted-talks", place=place)
        return None
    by = _RECEIVED_BY.match(text, m.start())
    if by and _PASSIVE_BEFORE.search(text[:m.start()]):
        agent = _envoys_after(ctx, actors, view.start + by.end())[:1]
        subj = [a for a in actors if a.end <= pos and _is_envoy(ctx, a) and a.via != "city"][-1:]
        if agent and subj and agent[0].id != subj[0].id:
            return _Frame(subj, agent, m, None, "visit-welcomed")
        return None
    host = [a for a in actors if a.end <= pos and a.via != "focus"][-1:]
    guests = [a for a in _envoys_after(ctx, actors, end) if not host or a.id != host[0].id]
    guests = [a for a in guests if _titled(ctx, a)]
    if host and guests and ctx.text[end:guests[0].start].count(",") == 0 and guests[0].start - end < 60:
        return _Frame(_dedupe(ctx.list_chunk(guests, 0)), host, m, None, "visit-received")
    return None


# --- finding the parts of a frame -------------------------------------------------------------------

def _destination(ctx: DocContext, view: SentenceView, actors: list[Actor], pos: int,
                 direct: bool = False) -> list[Actor]:
    """The place right after a movement word: 'to Y', 'in City', 'visited Y', 'to the Turkish capital'
    ('travelled from Moscow to Beijing': the place of departure is passed over)."""
    for i, a in enumerate(actors):
        if a.start < pos:
            continue
        gap = ctx.text[pos:a.start]
        if re.search(r"\bfrom\s+(?:the\s+)?$", gap, re.I) and len(gap) <= 60:
            pos = a.end
            continue
        if "\n\n" in gap or len(gap) > 60:
            return []
        words = [w.lower() for w in re.findall(r"[\w’'-]+", gap)]
        words = [w for w in words if not re.fullmatch(r"(?:\d+|[a-z]+-(?:day|long|week))", w)]
        if any(w not in _DEST_FILLER for w in words):
            return []
        if re.search(r"[;:()]", gap):
            return []
        preps = [w for w in words if w in _DEST_PREP]
        if not preps and not (direct and not words or direct and words == ["the"]):
            return []
        if a.via == "person" or a.kind != "country" or a.via == "focus" and not _focus_ok(ctx, a):
            return []
        if a.via == "demonym" and not _HOST_NOUN.match(ctx.text[a.end:a.end + 20]):
            return []
        chunk = [c for c in ctx.list_chunk(actors, i) if c.start >= a.start and c.via not in ("person",)
                 and (c.via != "focus" or _focus_ok(ctx, c))
                 and (c.via != "demonym" or _HOST_NOUN.match(ctx.text[c.end:c.end + 20]))]
        return _dedupe(chunk)
    return []


def _focus_ok(ctx: DocContext, a: Actor) -> bool:
    return bool(re.match(r"\s*(?:country|state|republic|capital)\b", ctx.text[a.end:a.end + 15], re.I))


def _anaphoric_host(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match) -> list[Actor]:
    """'a visit to the country' / 'to our country': the country the sentence otherwise names."""
    ana = _ANAPHORIC_HOST.match(view.text[m.end():])
    if not ana:
        return []
    if ana.group(0).lower().find("our") >= 0 and ctx.focus:
        return [Actor(view.start, view.start, ctx.focus, "country", "focus")]
    visitors = _visitors_before(ctx, view, actors, view.start + m.start(), [])
    vids = {v.id for v in visitors}
    others = [a for a in actors if a.id not in vids and a.via != "focus"]
    return others[:1] if visitors else []


def _place_before(ctx: DocContext, actors: list[Actor], pos: int) -> list[Actor]:
    for a in reversed(actors):
        if a.end > pos:
            continue
        if pos - a.end > 60 or re.search(r"[;.]\s", ctx.text[a.end:pos]):
            return []
        # "P, who is in Y for a visit", "arrived in Y on a working visit"; not "speaking in Y".
        if a.via != "person" and a.via != "focus" and ctx.preceding_word(a.start) == "in" \
                and not _SPEECH_BEFORE.search(ctx.text[max(0, a.start - 40):a.start]):
            if a.via == "demonym" and not _HOST_NOUN.match(ctx.text[a.end:a.end + 20]):
                continue
            return [a]
    return []


def _is_envoy(ctx: DocContext, a: Actor) -> bool:
    """Can this mention be a state's envoy: a person, a titled demonym, a country as subject; not
    'Russian tourists', 'Turkish troops', 'in Baku'."""
    if a.via == "person":
        return True
    if a.via == "focus":
        return False
    if _NOT_ENVOY.match(ctx.text[a.end:a.end + 40]):
        return False
    word = ctx.preceding_word(a.start)
    if word in ("in", "at", "into", "near", "across", "on", "about", "over", "against", "between", "within"):
        return False
    return True


_TITLE_AFTER = re.compile(
    r"^(?:\s*['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:counterpart|president|prime minister|premier|minister|chancellor|"
    r"king|queen|emir|sultan|leader|head of state|head of government|delegation|envoy|speaker|chairman|"
    r"secretary|crown prince|prince|vice[- ]president|officials?)\b", re.I)


def _titled(ctx: DocContext, a: Actor) -> bool:
    """A person, or a country named with an office: 'the Serbian minister', 'Italy's president'."""
    return a.via == "person" or bool(_TITLE_AFTER.match(ctx.text[a.end:a.end + 50]))


def _envoys_after(ctx: DocContext, actors: list[Actor], pos: int) -> list[Actor]:
    """The first envoy named after `pos` (with the list it heads): 'by the Pakistani foreign minister'."""
    for i, a in enumerate(actors):
        if a.start < pos or a.via in ("city", "focus"):
            continue
        if not _is_envoy(ctx, a) and ctx.preceding_word(a.start) not in ("visiting",):
            continue
        chunk = [c for c in ctx.list_chunk(actors, i) if c.start >= a.start and c.via != "city"]
        return _prefer_persons(chunk)
    return []


def _visitors_before(ctx: DocContext, view: SentenceView, actors: list[Actor], pos: int,
                     hosts: list[Actor]) -> list[Actor]:
    host_ids = {h.id for h in hosts}
    cands = [a for a in actors if a.end <= pos and a.via not in ("city", "focus") and _is_envoy(ctx, a)]
    cands = [a for a in cands if a.id not in host_ids]
    if not cands:
        # "I visited Baku twice", "we paid a visit to Rome": the document's own country, when
        # the pronoun is the subject right before the verb
        own = [a for a in actors if a.via == "focus" and a.end <= pos and a.id not in host_ids
               and re.fullmatch(r"(?:\s+(?:also|have|has|had|recently|then|already|\w+ly|made|paid|"
                                r"an?|official|state|working))*\s*", ctx.text[a.end:pos])
               and ctx.text[a.start:a.end] in ("I", "We", "we")]
        return own[-1:]
    persons = [a for a in cands if a.via == "person"]
    if persons:
        near = persons[-1]
        return _prefer_persons(ctx.list_chunk(cands, cands.index(near)))
    last = cands[-1]
    chunk = ctx.list_chunk(cands, len(cands) - 1)
    subject = [v for v in cands if ctx.preceding_word(v.start) not in ("with", "and", "to", "from", "of")]
    if len(chunk) == 1 and subject and subject[0] is not last:
        return [subject[0]]
    return _prefer_persons(chunk)


def _visitors_other(ctx: DocContext, view: SentenceView, actors: list[Actor], m: re.Match,
                    hosts: list[Actor]) -> list[Actor]:
    """'the visiting Serbian minister'; 'during his visit to City, P signed'; 'his first trip to
    Y' after a sentence about P."""
    text = view.text
    host_ids = {h.id for h in hosts}
    if m.group(0).lower() == "visiting":
        after = _envoys_after(ctx, actors, view.start + m.end())
        return [a for a in after if a.id not in host_ids][:1]
    if not _PRONOUN_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
        return []
    later = [a for a in actors if a.start >= view.start + m.end() and a.via == "person" and a.id not in host_ids]
    if later:
        return later[:1]
    for prev in reversed(ctx.sentences[max(0, view.index - 2):view.index]):
        persons = [a for a in prev.actors if a.via == "person"]
        if persons:
            return [persons[0]] if persons[0].id not in host_ids else []
    return []


def _returned_host(earlier: list[Fact], visitor: str) -> list[Actor]:
    """'X made a return visit': X goes to the country whose visit X's country received."""
    for f in reversed(earlier):
        if f.args.get("host") == visitor and f.modality == "asserted":
            return [Actor(0, 0, f.args["visitor"], "country", "name")]
    return []


def _prefer_persons(actors: list[Actor]) -> list[Actor]:
    """One actor per country, a named person rather than the demonym next to them."""
    best: dict[str, Actor] = {}
    for a in actors:
        if a.id not in best or (a.via == "person" and best[a.id].via != "person"):
            best[a.id] = a
    return sorted(best.values(), key=lambda a: a.start)


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen, out = set(), []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


# --- modality and time ------------------------------------------------------------------------------

def _modality(ctx: DocContext, view: SentenceView, m: re.Match) -> str:
    text = view.text
    mod = modality(text, m.start())
    if mod == "asserted" and _CANCELLED.search(text[m.start():]):
        return "negated"
    if mod == "asserted" and _PLANNED_AFTER.match(text[m.end():]):
        return "planned"
    if mod == "asserted" and re.search(r"\b(?:invit\w+|asked|urged)\b[^.;]{0,80}?\bto\s+(?:pay\s+(?:an?\s+)?(?:[\w-]+\s+)?)?$",
                                       text[:m.start()], re.I):
        return "planned"    # "invited his Serbian colleague to visit Baku": not yet a visit
    if mod == "asserted" and re.match(r"^[^.;]{0,80}?\b(?:was|were|has been|have been)\s+(?:officially\s+)?"
                                      r"(?:denied|dismissed|ruled out|refuted)\b", text[m.end():], re.I):
        return "negated"    # "reports of a visit ... were denied"
    if mod == "asserted" and re.search(r"\b(?:planned|proposed|possible|potential|expected|upcoming|forthcoming|"
                                       r"anticipated|mooted|rumou?red|prospective|likely|hoped-for)\s+"
                                       r"(?:(?:state|official|working|first|two-day|three-day)\s+)?$",
                                       text[:m.start()], re.I):
        return "planned"    # "a planned visit by the Iranian president"
    return mod


def _date(view: SentenceView, m: re.Match, hosts: list[Actor]) -> DateMention | None:
    """The date nearest the trigger or the host ('visited Rome in 2018', 'On 3 May P arrived'), not a
    'since 2012' that dates something else."""
    dates = [d for d in view.dates if not re.match(r"(?i)since|until|till|by\b", d.text)
             and not re.search(r"(?i)\b(?:since|until|before|after)\s+$", view.text[:d.start - view.start])]
    if not dates:
        return None
    anchors = [view.start + m.start()] + [h.end for h in hosts if h.end > view.start + m.start()]

    def dist(d: DateMention) -> int:
        return min(abs(d.start - a) if d.start >= a else abs(a - d.end) + 5 for a in anchors)
    return min(dates, key=dist)


def _news_time(ctx: DocContext, view: SentenceView, m: re.Match) -> dict:
    """An undated sentence: the date of the sentence just before in its paragraph ('In February
    P went to Brussels. Later that month Q arrived in Tbilisi'); else a news report's lead
    sentence ('X arrived in Y') tells of the reported day."""
    none = {"start": None, "end": None}
    for prev in reversed(ctx.sentences[max(0, view.index - 2):view.index]):
        if prev.span.paragraph != view.span.paragraph:
            break
        dates = [d for d in prev.dates if not re.match(r"(?i)since|until|till|by\b", d.text)]
        if dates:
            return {"start": dates[-1].value, "end": None}
    nd = news_date(ctx)
    if not nd:
        return none
    if _PERFECT.search(clause_before(view.text, m.end(), 12)):
        return none
    if TODAY.search(view.text) or view.index < _LEAD_SENTENCES or reports_current_events(ctx, view):
        return {"start": nd, "end": None}
    return none


def reports_current_events(ctx: DocContext, view: SentenceView) -> bool:
    """Whether an undated sentence of a news report still tells of the reported days: the last
    date the text named before it (not a 'since 2019') is in the month of the report."""
    nd = news_date(ctx)
    if not nd:
        return False
    i = bisect.bisect_left(ctx.dates, view.start, key=lambda d: d.start)
    while i > 0:
        i -= 1
        if not re.match(r"(?i)since|until|till|by\b", ctx.dates[i].text):
            return ctx.dates[i].value[:7] == nd[:7]
    return True


def _after_document(ctx: DocContext, date: DateMention) -> bool:
    d = ctx.doc.date
    if not d or len(d) < 7 or ctx.doc.date_source in (None, "text"):
        return False
    n = min(len(d), len(date.value))
    return date.value[:n] > d[:n]


def _place(ctx: DocContext, view: SentenceView, host: Actor) -> str | None:
    if host.via == "city" and host.mention is not None:
        return host.mention.id
    for mention in view.mentions:
        if mention.kind == "city" and mention.country == host.id:
            return mention.id
    if re.search(r"\bthe capital\b", view.text, re.I):
        reg = _registry()
        entity = reg.get(host.id) if reg else None
        return entity.data.get("capital") if entity else None
    # The city of the host named in the previous sentence ("talks in Hanoi ... State visit").
    if view.index > 0:
        for mention in ctx.sentences[view.index - 1].mentions:
            if mention.kind == "city" and mention.country == host.id:
                return mention.id
    return None


def _registry():
    try:
        from diplograph.registry.load import get_registry
        return get_registry()
    except ImportError:
        return None


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_GENERIC = gate(_GENERIC)
_KIND = gate(_KIND)
_PASSIVE_BEFORE = gate(_PASSIVE_BEFORE)
_RETURN = gate(_RETURN)
_EVENT = gate(_EVENT)
_VISIT_WORD = gate(_VISIT_WORD)
_PRONOUN_BEFORE = gate(_PRONOUN_BEFORE)
_SPEECH_BEFORE = gate(_SPEECH_BEFORE)
_CANCELLED = gate(_CANCELLED)
_PERFECT = gate(_PERFECT)
