"""Membership of countries in organizations, with roles and periods.

Phrasings handled:
- "X is a (full/founding) member of O1, O2 and O3", "A, B and C are members of O", "X, a member
  of O since 1995,", "X, a NATO member since 1999,", "X sits/sat on O from 2017 to 2019";
- joining: "X joined / rejoined / acceded to / was admitted to O in 2001", "A, B and C joined O on
  1 January 2024", "X, which joined the bloc in 1995", "X became a member in 2001" (the
  organization of the previous sentence), "both joined O: A in 1999 and B in 2001",
  "O admitted X", "joined O as an observer";
- founding: "A, B, C and D signed the T in 2009, founding O", "O was founded by A, B and C",
  "the T signed by A, B and C created O", "A, B, C and D form O", "O comprises A, B and C";
- elections: "X was elected to O for 2022-2024", "X was elected a non-permanent member of the
  UN Security Council for 2012-2013";
- chairs: "X chaired O from 2019 to 2023", "X held the OSCE chairmanship in 2010", "X took over
  the BRICS chairmanship", "X assumed the chairmanship of O", "the rotating presidency of the
  Council of the EU" (see _normalize), "E under Russia's chairmanship", "chaired O ..., when Y
  took over";
- observers and partners: "observer status in O", "X has been an observer in the organisation
  since 2018, and Y since 2021", "dialogue partner of O", "NATO's Partnership for Peace"
  (partner of NATO), "after years as an observer" (an observer period that ended);
- lists: "O1, O2 and O3, of which it is (not) a member", "organizations of which it is a
  member, including O1, O2", "X has O1, O2, O3 ... as a member";
- modality: "is not a member", "has not joined", "Membership of O is not on the agenda for X"
  (negated); "will chair", "is (also) set to take over", "bid to join" (planned).

Anaphora: "the bloc", "the organisation", "the Movement", "the Alliance" ... stand for the
organization named last (in the sentence, else in the two sentences before); "it", "we",
"the country" stand for the subject country of the sentences before (else the document's focus).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import modality as _base_modality
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import DateMention, Fact

TRIGGER = re.compile(
    r"\b(?:members?(?:hip)?|(?:re)?join(?:s|ed|ing)?|accession|acceded?|admit(?:ted|s)?|chair\w*|"
    r"presiden(?:cy|cies)|presided|observers?|partners?|partnership|non-permanent|elected|seat|"
    r"sits?|sat|sitting|belongs?|found(?:ed|ing|ers?)|co-founded|established|created|set up|"
    r"forms?|formed|comprises?|took over|takes? over|taking over|helm|candidate)\b", re.I)

# Words before a country that make it the object of a preposition, not the clause subject.
_PREPS = {"with", "to", "against", "in", "between", "from", "of", "for", "by", "on", "at", "than",
          "among", "like", "unlike", "including", "into", "towards", "toward", "over", "about",
          "across", "near", "within", "via", "through", "under", "after", "before", "as", "beyond"}
_PRONOUN = re.compile(r"\b(?:it|we|our country|our state|the country|the state|the republic)\b", re.I)
_PLURAL_PRONOUN = re.compile(r"\b(?:both(?: countries| states| nations)?|they|the two countries|"
                             r"all (?:three|four|five|six|of them))\b", re.I)
_ADVERBS = re.compile(r"\b(?:also|now|already|still|currently|again|once again|officially|formally|"
                      r"further|soon|even|then)\s+", re.I)
_CONCESSIVE = re.compile(r"\b(?:although|though|but|whereas|while)\b|,\s*yet\b|;", re.I)
_PLANNED_EXTRA = re.compile(r"\b(?:appl(?:y|ies|ied|ying|ication)\s+(?:for|to)|aspir\w+|candidate\s+(?:for|to)|"
                            r"membership bid|bid for|wants to|want to|ready to|expects? to|(?-i:can|may|must)|"
                            r"in order to|so as to)\b", re.I)
_NEG_AFTER = re.compile(r"^[^.;:]{0,40}?\b(?:is|was|are|were|remains?|has been)\s+(?:not|no longer|"
                        r"off)\b", re.I)

# Org nouns that refer back to the organization named last: "the bloc", "the Movement".
_ORG_ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:regional|international|intergovernmental|economic|security|military|"
    r"whole|same)\s+)?(bloc|organi[sz]ation|alliance|movement|association|grouping|group|union|forum|"
    r"body|commonwealth|community|platform)(?:['’]s)?\b(?!\s+(?:of|for|on)\b)", re.I)
_ANAPHOR_NAME_WORD = {"organisation": "organi", "organization": "organi", "alliance": "alliance",
                      "movement": "movement", "association": "association", "union": "union",
                      "forum": "forum", "commonwealth": "commonwealth", "community": "community"}


@dataclass(frozen=True)
class _Cand:
    members: tuple[str, ...]
    org: str
    role: str
    modality: str
    pos: int              # cleaned offset of the trigger
    trigger: str
    rule: str
    date: DateMention | None = None
    end_date: str | None = None
    single_term: bool = False   # "chaired O in 2010": the term is the year given


# --- registry lookups ------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _org_info(org_id: str) -> tuple[str, str | None, str | None]:
    """(name, parent, org_kind) of an organization from the registry."""
    try:
        from diplograph.registry.load import get_registry
        e = get_registry().get(org_id, "org")
    except Exception:      # a registry problem must not stop extraction
        e = None
    if e is None:
        return org_id, None, None
    return e.name, e.data.get("parent"), e.data.get("org_kind")


@functools.lru_cache(maxsize=512)
def _event_org(event_id: str) -> str | None:
    """The organization whose event this is ('G20 Summit' -> G20), from the registry."""
    try:
        from diplograph.registry.load import get_registry
        e = get_registry().get(event_id, "event")
    except Exception:      # a registry problem must not stop extraction
        e = None
    org = e.data.get("org") if e is not None else None
    return org if isinstance(org, str) else None


def _normalize(org_id: str, role: str) -> tuple[str, str]:
    """Map a body of an organization to the organization where the role is really the
    organization's. Chairing the rotating presidency of a governing body (the Council of the
    EU) is chairing the organization: member POL, org EU, role chair. A "Partnership" programme
    of an organization (NATO's Partnership for Peace) makes its members partners of the parent.
    UN bodies, courts and banks keep their own identity (a UNSC seat is not a UN chair)."""
    name, parent, kind = _org_info(org_id)
    if not parent or kind in ("un_body", "court", "fund", "development_bank", "economic"):
        return org_id, role
    if "partnership" in name.lower():
        return parent, "partner"
    if role == "chair":
        return parent, "chair"
    return org_id, role


# --- shared decisions --------------------------------------------------------------------------
def _modality(text: str, pos: int) -> str:
    """Modality of the trigger at `pos` of the sentence: the clause just before it decides, read
    after a concessive break ('is not a member of O, although it has worked with O as a
    partner') and without adverbs ('is also set to chair' is 'is set to chair')."""
    head = text[:pos]
    cut = 0
    for m in _CONCESSIVE.finditer(head):
        cut = m.end()
    head = _ADVERBS.sub("", head[cut:])
    mod = _base_modality(head, len(head))
    if mod == "asserted" and _PLANNED_EXTRA.search(" ".join(head.split()[-4:])):
        mod = "planned"
    if mod == "asserted" and re.search(r"(?:^|[-–—:|]\s)(?:[A-Z][\w’'-]*\s+){1,3}to\s+$", head):
        mod = "planned"     # headline style: "Kyrgyzstan to chair CSTO next year"
    return mod


def _is_subject(ctx: DocContext, a: Actor) -> bool:
    """A country actor that can be a clause subject: not the object of a preposition, and a city
    only when it is a capital standing for its country ('Baku chaired ...')."""
    if a.kind != "country" or a.via == "pair":
        return False
    if a.via == "city" and (a.mention is None or a.mention.via != "capital"):
        return False
    if a.via == "focus":
        return False
    word = ctx.preceding_word(a.start)
    return word not in _PREPS


def _chunk_ids(ctx: DocContext, actors: list[Actor], a: Actor, limit: int | None = None,
               lo: int | None = None) -> list[str]:
    """The ids of the list of countries `a` belongs to (from `lo`, before `limit`)."""
    chunk = ctx.list_chunk(actors, actors.index(a))
    out: list[str] = []
    for x in chunk:
        if limit is not None and x.end > limit or lo is not None and x.start < lo:
            continue
        if x.via == "city" and (x.mention is None or x.mention.via != "capital"):
            continue
        if x.id not in out:
            out.append(x.id)
    return out


def _clause_start(text: str, pos: int) -> int:
    """Offset (in the sentence) where the clause holding `pos` starts."""
    cut = 0
    for m in re.finditer(r"[;:]|\s[-–—]\s|\b(?:but|while|whereas|although|though|when|because|before|after|"
                         r"until|unless|if|once)\b(?!\s+(?:\d|years?|months?|decades?)\b)|"
                         r",\s+and\s+(?=(?:it|they|we|its|the|[A-Z]))", text[:pos]):
        cut = m.end()
    return cut


def _antecedent(ctx: DocContext, view: SentenceView, pos: int) -> list[str]:
    """The country a pronoun at `pos` stands for: the subject of the sentence so far, else the
    subject of one of the sentences before in the paragraph, else the document's focus. None
    when the sentence before is about an organization ('NATO was founded ... It admitted ...')."""
    same = [a for a in view.countries() if a.end <= pos and _is_subject(ctx, a) and a.via != "group"]
    if same:
        return [same[-1].id]
    for v in reversed(ctx.sentences[max(0, view.index - 3):view.index]):
        if v.span.paragraph < view.span.paragraph - 1:
            break
        subj = [a for a in v.countries() if _is_subject(ctx, a)]
        orgs = [a for a in v.actors if a.kind == "org"]
        if subj:
            if orgs and orgs[0].start < subj[0].start and ctx.preceding_word(orgs[0].start) not in _PREPS \
                    and orgs[0].start - v.start < 5:
                return []   # the sentence before opens with an organization: 'it' may be it
            return [subj[0].id]
    return [ctx.focus] if ctx.focus else []


def _subjects(ctx: DocContext, view: SentenceView, pos: int, *, allow_by: bool = False) -> tuple[list[str], str]:
    """The member countries of a trigger at cleaned offset `pos`, and how they were found:
    'relative' (X, which joined ...), 'list' / 'single' (the clause subject), 'pronoun',
    'plural-pronoun', 'after' (a nominal trigger: 'the accession of X to O')."""
    text = view.text
    lp = pos - view.start
    countries = view.countries()
    # "X, which joined O" / "X, who chairs O": the antecedent just before ", which".
    rel = None
    for m in re.finditer(r",\s*(?:which|who|that)\b", text[:lp]):
        if not re.search(r"[,;:]", text[m.end():lp]):
            rel = m
    if rel is not None:
        inside = [a for a in countries if view.start + rel.end() <= a.start < pos and _is_subject(ctx, a)]
        if inside:
            return _chunk_ids(ctx, countries, inside[0], pos), "relative"
        ante = [a for a in view.actors if a.end <= view.start + rel.start()
                and view.start + rel.start() - a.end <= 2]
        if ante:
            if ante[-1].kind == "country" and (ante[-1].via != "city" or _is_subject(ctx, ante[-1])):
                return _chunk_ids(ctx, countries, ante[-1]), "relative"
            if ante[-1].kind == "org":
                return [], "relative-org"
    cstart = view.start + _clause_start(text, lp)
    # "since Kenya's term as a non-permanent member": the possessor holds the role.
    poss = re.search(r"([’']s)\s+(?:[\w-]+\s+){0,2}?(?:term|tenure|stint|seat|membership|presidency|chair(?:man)?ship|"
                     r"accession|bid|entry|years?|time)\s+(?:as\s+(?:an?\s+)?|in\s+|to\s+|of\s+|at\s+)?"
                     r"(?:[\w-]+\s+)?$", text[cstart - view.start:lp])
    if poss:
        at = cstart + poss.start(1)
        owner = [a for a in countries if a.end == at and a.via != "focus"]
        if owner:
            return [owner[-1].id], "single"
    cands = [a for a in countries if cstart <= a.start and a.end <= pos
             and (_is_subject(ctx, a) or (allow_by and ctx.preceding_word(a.start) == "by"))
             and not _adjectival_group(ctx, a)]
    clause = text[cstart - view.start:lp]
    pron = _PRONOUN.search(clause)
    if cands and pron and cstart + pron.start() < cands[0].start and not allow_by:
        return _antecedent(ctx, view, cstart + pron.start()), "pronoun"
    if cands:
        ids = _chunk_ids(ctx, countries, cands[0], pos, cstart)
        return ids, "list" if len(ids) > 1 else "single"
    if _PLURAL_PRONOUN.search(clause):
        first = [a for a in countries if a.end <= cstart and _is_subject(ctx, a)]
        if first:
            ids = _chunk_ids(ctx, countries, first[0])
            if len(ids) > 1:
                return ids, "plural-pronoun"
        return ctx.country_pair_before(view), "plural-pronoun"
    pron = _PRONOUN.search(clause) or re.search(r"\bits\b", clause, re.I)
    if pron:
        return _antecedent(ctx, view, cstart + pron.start()), "pronoun"
    # "Since joining O in 2017, X has ...": a fronted participle takes the main clause's subject.
    if re.fullmatch(r"\s*(?:since|after|upon|on|before|following|when|while)\s+", clause, re.I) \
            and re.match(r"(?:joining|acceding|becoming|taking|assuming|chairing|holding|being)\b",
                         ctx.text[pos:pos + 12], re.I):
        comma = ctx.text.find(",", pos, view.end)
        main = [a for a in countries if comma > 0 and a.start > comma and _is_subject(ctx, a)
                and a.via not in ("city", "focus")]
        if main and not re.search(r"[;:]", ctx.text[comma:main[0].start]) and main[0].start - comma <= 40:
            return [main[0].id], "fronted"
    # The clause is all before a nominal trigger ("the accession of X to O", "Membership of O
    # is not on the agenda for X"): the country after it.
    nominal = re.match(r"\s*(?:non-?\s?permanent\s+)?(?:membership|accession|admission|chairmanship|presidency|"
                       r"observer status)\b", ctx.text[pos:pos + 40], re.I)
    if nominal:
        later = [a for a in countries if a.start >= pos and a.via not in ("city", "focus")
                 and ctx.preceding_word(a.start) in ("of", "for", "by")]
        if later:
            return [later[0].id], "after"
        # "the experience of non-permanent membership in O in 2012-2013, X will ...": the
        # subject of the main clause that follows.
        if re.search(r"\b(?:of|its|their|after|since|during|following)\s+$", clause, re.I):
            main = [a for a in countries if a.start >= pos and _is_subject(ctx, a)]
            if main:
                return [main[0].id], "after-main"
    return [], ""


def _adjectival_group(ctx: DocContext, a: Actor) -> bool:
    """'the first Central Asian state': a group name used as an adjective of one country."""
    return a.via == "group" and re.match(r"\s+(?:state|country|nation|republic|leader|president|government)\b",
                                         ctx.text[a.end:a.end + 15]) is not None


# --- organizations in a sentence -----------------------------------------------------------
def _recent_orgs(ctx: DocContext, view: SentenceView, pos: int) -> list[Actor]:
    """Organizations named before `pos`: in this sentence, then in the two sentences before,
    nearest first."""
    out = [a for a in reversed(view.actors) if a.kind == "org" and a.end <= pos]
    for v in reversed(ctx.sentences[max(0, view.index - 2):view.index]):
        if v.span.paragraph < view.span.paragraph - 1:
            break
        out.extend(a for a in reversed(v.actors) if a.kind == "org")
    return out


def _anaphors(ctx: DocContext, view: SentenceView) -> list[Actor]:
    """'the bloc', 'the organisation', 'the Movement': the organization named last."""
    out = []
    for m in _ORG_ANAPHOR.finditer(view.text):
        s, e = view.start + m.start(), view.start + m.end()
        if any(a.start <= s < a.end or s <= a.start < e for a in view.actors):
            continue
        noun = m.group(1).lower()
        recent = _recent_orgs(ctx, view, s)
        if not recent:
            continue
        key = _ANAPHOR_NAME_WORD.get(noun)
        pick = None
        if key:
            pick = next((a for a in recent if key in _org_info(a.id)[0].lower()), None)
        if pick is None:
            if m.group(1)[0].isupper() and noun in ("forum", "union", "community", "commonwealth", "platform"):
                continue    # "the Union", "the Forum" that name none of the recent organizations
            pick = recent[0]
        out.append(Actor(s, e, pick.id, "org", "anaphor", None, None))
    return out


_IT_AFTER_VERB = re.compile(r"\b(?:chair(?:s|ed)|(?:re)?joined|presided over|led)\s+(it)\b")
_BARE_SECURITY_COUNCIL = re.compile(
    r"\bnon-?\s?permanent\s+(?:member|seat)\w*\s+(?:of|on|in)\s+(the\s+Security Council)\b")


def _orgs(ctx: DocContext, view: SentenceView) -> list[Actor]:
    """The organizations of a sentence, named or referred to (computed once per sentence: the
    hosting rule asks too)."""
    cached = view.__dict__.get("_orgs")
    if cached is None:
        cached = view.__dict__["_orgs"] = _find_orgs(ctx, view)
    return list(cached)


def _find_orgs(ctx: DocContext, view: SentenceView) -> list[Actor]:
    orgs = [a for a in view.actors if a.kind == "org"]
    orgs.extend(_anaphors(ctx, view))
    # "is a member of O and chaired it from 2019": 'it' after a chair or join verb is the
    # organization named just before in the sentence.
    for m in _IT_AFTER_VERB.finditer(view.text):
        s = view.start + m.start(1)
        prior = [o for o in orgs if o.end <= s]
        if prior:
            orgs.append(Actor(s, s + 2, prior[-1].id, "org", "anaphor", None, None))
    # "non-permanent member of the Security Council": the registry leaves a bare "Security
    # Council" unresolved, the role makes it the UN's.
    for m in _BARE_SECURITY_COUNCIL.finditer(view.text):
        s = view.start + m.start(1)
        if not any(a.start <= s < a.end for a in orgs):
            orgs.append(Actor(s, view.start + m.end(1), "UNSC", "org", "role", None, None))
    orgs.sort(key=lambda a: (a.start, a.end))
    return orgs


# --- the rules ---------------------------------------------------------------------------------
def extract(ctx: DocContext) -> Iterator[Fact]:
    yield from _listed_memberships(ctx)
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        orgs = _orgs(ctx, view)
        if not orgs and not _recent_orgs(ctx, view, view.start) and not any(
                x.kind == "event" and _event_org(x.id) for x in view.mentions):
            continue    # no organization here or just before: nothing to be a member of
        found: dict[tuple, Fact] = {}
        for cand in _candidates(ctx, view, orgs):
            org, role = _normalize(cand.org, cand.role)
            if role == "member" and org == "UNSC" and (re.search(r"non-?\s?permanent", view.text, re.I)
                                                       or re.search(r"\belected\b", cand.trigger, re.I)):
                role = "non_permanent_member"     # a seat won in an election is a non-permanent one
            time = _time(cand, role)
            for member in cand.members:
                if not member:
                    continue
                key = (member, org, role, cand.modality)
                if key in found:
                    kept = found[key]
                    if kept.time.get("start") is None and time["start"]:
                        kept.time = dict(time)
                    continue
                conf = 0.85 if cand.rule in ("membership.of_which", "membership.as_member") else 0.8
                found[key] = ctx.fact("membership", {"member": member, "org": org, "role": role}, view,
                                      rule=cand.rule, trigger=cand.trigger, time=dict(time),
                                      modality=cand.modality, confidence=conf)
        yield from found.values()


_LIST_HEADING = re.compile(r"^(?:[\w'’-]+\s+){0,4}?(?:memberships?|member(?:ship)? in|organi[sz]ations|"
                           r"international organi[sz]ations)\s*:?$", re.I)
_ITEM = re.compile(r"^(?:[-–—•▪●◦*·‣]\s|\(?\d{1,2}[.)]\s)")


def _listed_memberships(ctx: DocContext) -> Iterator[Fact]:
    """A fact sheet's list: 'Multilateral memberships:' then '• OSCE (since 1992; chairmanship in
    2010)' items, one organization each; the member is the country named in the heading, else
    the document's country."""
    views = ctx.sentences
    for i, head in enumerate(views):
        if not _LIST_HEADING.match(head.text.strip()):
            continue
        named = [a.id for a in head.countries() if a.via not in ("focus", "group")]
        member = named[0] if len(set(named)) == 1 else (ctx.focus if not named else None)
        if not member:
            continue
        for item in views[i + 1:i + 40]:
            if not _ITEM.match(item.text):
                break
            org = next((x for x in item.mentions if x.kind == "org"), None)
            if org is None or item.local(org.start) > 4:
                continue
            rest = item.text[item.local(org.end):]
            years = [d for d in item.dates if d.start >= org.end]
            mod = "negated" if re.search(r"\b(?:not|no longer|former|withdrew|left)\b", rest, re.I) else (
                "planned" if re.search(r"\b(?:candidate|applied|application|aspir\w+|negotiat\w+)\b", rest, re.I)
                else "asserted")
            role = "observer" if re.search(r"\bobserver\b", rest, re.I) else (
                "dialogue_partner" if re.search(r"\bdialogue partner\b", rest, re.I) else "member")
            chair = re.search(r"\b(?:chair(?:man)?ship|presidency|chaired|chair)\b", rest, re.I)
            chair_at = org.end + chair.start() if chair else None      # offset in the document
            first = next((d for d in years if chair_at is None or d.start < chair_at), None)
            org_id, role = _normalize(org.id, role)
            time = {"start": first.value[:4] if first else None,
                    "end": (first.end_value or "")[:4] or None if first else None}
            yield ctx.fact("membership", {"member": member, "org": org_id, "role": role}, [head, item],
                           rule="membership.list_item", trigger=head.text.strip()[:40], time=time,
                           modality=mod, confidence=0.75)
            if chair:
                when = next((d for d in years if d.start >= chair_at), None)
                c_time = ({"start": when.value[:4], "end": (when.end_value or when.value)[:4]} if when
                          else {"start": None, "end": None})
                c_org, _ = _normalize(org.id, "chair")
                yield ctx.fact("membership", {"member": member, "org": c_org, "role": "chair"}, [head, item],
                               rule="membership.list_item", trigger=chair.group(0), time=c_time,
                               modality=mod, confidence=0.75)


def _time(cand: _Cand, role: str) -> dict:
    d = cand.date
    if d is None:
        return {"start": None, "end": cand.end_date}
    if d.end_value:
        return {"start": d.value, "end": d.end_value}
    if cand.single_term and role == "chair" and len(d.value) == 4 and not re.match(r"(?:since|from)\b", d.text, re.I):
        return {"start": d.value, "end": d.value}
    return {"start": d.value, "end": cand.end_date}


_WHICH_MEMBER = re.compile(r"\b(?:of|in) which (?:it|we|they|the country|[A-Z]\w+) (?:is|are|was|were|has been|"
                           r"have been|had been|is not|are not|was not|were not|has not been)\s+(?:not\s+)?"
                           r"(?:a |an )?(?:full |founding |active )?(?:members?|observers?)\b", re.I)
_AS_MEMBER = re.compile(r"\bas (?:a |an )?(?:full |founding )?(?:members?|observers?)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|such as|namely|among them|in particular)\b[:\s]*", re.I)
_COUNT_MEMBERS = re.compile(r"\b\d+\s+(?:member\s+)?(?:states|countries|nations)\b[^.]{0,20}\bmembers?\b", re.I)

# Trigger -> organization: the word, then what may stand between it and the organization.
_AFTER = re.compile(
    r"\b(?P<t>(?:full |founding |associate |active )?members?(?:\s+(?:states?|countries|country))?\s+(?:of|in)|"
    r"membership\s+(?:of|in|to)|(?:re)?join(?:s|ed|ing)?|accession\s+(?:to|into)|acceded?\s+to|"
    r"(?:was |were |been |be |being )?admitted\s+(?:to|into|as\s+\w+\s+of)|admission\s+(?:to|into)|"
    r"chair(?:s|ed|ing)?|(?:the\s+)?(?:rotating\s+)?chair(?:man)?ship\s+(?:of|in|at)|"
    r"(?:rotating\s+)?presiden(?:cy|cies)\s+(?:of|in|at)|presided\s+over|took\s+the\s+chair\s+of|"
    r"(?:the\s+)?helm\s+of|observers?(?:\s+status)?\s+(?:in|at|of|to|with)|"
    r"dialogue\s+partners?\s+(?:of|in|to|with)|partners?\s+(?:country|state)\s+of|"
    r"elected\s+(?:to|as\s+a\s+member\s+of)|(?:won\s+)?(?:a\s+)?seat\s+(?:on|in|at)|"
    r"(?:sits?|sat|sitting|served?|serving)\s+(?:on|in)|belongs?\s+to|"
    r"non-?\s?permanent\s+(?:member(?:ship)?|seat)\s+(?:of|on|in|at)|"
    r"founding|(?:co-)?founded|established|created|set\s+up|form(?:s|ed)?|"
    r"founders?\s+of|took\s+over|(?:assumed?|assuming|takes?|taking|took|held|holds?|holding)\s+"
    r"(?:the\s+)?(?:rotating\s+)?(?:chair(?:man)?ship|presidency|chair)\s+(?:of|in|at))(?=\W)", re.I)
_GAP_AFTER = re.compile(r"\s*(?:the\s+)?(?:[\w-]+['’]s\s+)?(?:(?:[\w-]+\s+){0,3}?(?:of\s+|in\s+)(?:the\s+)?)?$", re.I)
# Joining and membership take the organization as a direct object ("joined the ranks of NATO").
_GAP_OBJECT = re.compile(r"\s*(?:both\s+|all\s+)?(?:the\s+)?(?:[\w-]+['’]s\s+)?"
                         r"(?:(?:ranks|family|club|structures?)\s+of\s+(?:the\s+)?)?", re.I)
_GAP_TIGHT = re.compile(r"\s*(?:the\s+)?", re.I)
_GAP_COLON = re.compile(r"\s*(?:[\w-]+\s+){0,7}[\w-]+\s*:\s*(?:the\s+)?$", re.I)
# Organization -> trigger: "a NATO member", "the OSCE chairmanship", "the SCO's rotating presidency".
_BEFORE = re.compile(r"^(?:['’]s)?\s+(?:(?:rotating|annual|full|founding|Council|council|newest|latest|"
                     r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+)?"
                     r"(?P<t>members?(?:\s+(?:states?|countries|country))?|membership|chair(?:man)?ship|"
                     r"presidency|chair|observer(?:\s+status)?)\b")
_NOMINAL_PLAN = re.compile(r"\b(?:goal|aim|aspiration|prospects?|path|hopes?|ambitions?|dream|bid|application|"
                           r"remains?\s+(?:an?|the)|would|will|could|may|might|process|negotiations|talks|road|"
                           r"question|issue|debate|agenda|ambition)\b", re.I)
_CHAIR_VERB_BEFORE = re.compile(r"\b(?:held|holds?|holding|took over|takes? over|taking over|assumed?|assuming|"
                                r"took up|take up|takes up|received|receives?|began|begins?|started|won|"
                                r"passed|hand(?:ed|s)? over|will hold|its|their|own)\s+(?:the\s+)?"
                                r"(?:[\w-]+['’]s\s+)?$", re.I)
_MEMBER_DET_BEFORE = re.compile(r"\b(?:a|an|fellow|full|founding|as)\s+$", re.I)
# An organization name followed by one of these nouns is an adjective of the noun, not the object.
_MODIFIES = re.compile(r"\s+(?:leaders['’]?\s+)?(?:summits?|meetings?|sessions?|forums?|conferences?|talks|"
                       r"ministerial|delegations?|secretariat|missions?|headquarters|exercises?|sanctions|"
                       r"standards?|market|funds?|budget)\b", re.I)
_FOUNDING = re.compile(r"^(?:founding|(?:co-)?founded|established|created|set\s+up|form(?:s|ed)?)$", re.I)


def _role_of(trig: str, window_after: str) -> str:
    t = trig.lower()
    if re.search(r"non-?\s?permanent", t):
        return "non_permanent_member"
    if re.search(r"chair|presiden|presided|helm|took over", t):
        return "chair"
    if "dialogue partner" in t:
        return "dialogue_partner"
    if "observer" in t:
        return "observer"
    if "partner" in t:
        return "partner"
    if re.search(r"join|admitted|accession|acceded|admission", t):
        m = re.match(r"\s*as\s+(?:an?\s+)?(observer|dialogue partner|partner|associate member)\b", window_after, re.I)
        if m:
            role = m.group(1).lower()
            return {"dialogue partner": "dialogue_partner", "associate member": "member"}.get(role, role)
    return "member"


def _pick_date(ctx: DocContext, view: SentenceView, pos: int, org_end: int) -> DateMention | None:
    """The date of the fact whose trigger is at `pos`: first a date after the trigger in the
    same comma segment ('chaired O in 2010', 'joined O on 1 January 2024'), else one before it
    in that segment ('In 2017-2018 it served ...'), else an opening date of the sentence
    ('In July 2024, X joined O')."""
    text = ctx.text
    seg_end = view.end
    for m in re.finditer(r"[;:]|,\s+(?!(?:from|until|to|till|through|in|on|since|starting)\b)|\s[–—-]\s|"
                         r"\s(?:and|but|while)\s+(?!(?:in|on|since|from|until|to|then)\b)[a-z]",
                         text[org_end:view.end]):
        seg_end = org_end + m.start()
        break
    seg_start = view.start
    for m in re.finditer(r"[;:,(]|\s[–—-]\s", text[view.start:pos]):
        seg_start = view.start + m.end()
    after = [d for d in view.dates if pos <= d.start < seg_end]
    if after:
        periods = [d for d in after if d.end_value]
        return periods[0] if periods else after[0]
    before = [d for d in view.dates if seg_start <= d.start < pos]
    if before:
        return before[-1]
    opening = [d for d in view.dates if d.start - view.start <= 12 and d.end <= pos]
    if opening and re.fullmatch(r"\s*(?:(?:In|On|Since|From|Starting|Between)\s+)?", text[view.start:opening[0].start]):
        return opening[0]
    return None


def _end_date(ctx: DocContext, view: SentenceView, date: DateMention | None) -> str | None:
    """'... on 1 January and will hold it until the end of June': the end of the term."""
    if date is None or date.end_value:
        return None
    for d in view.dates:
        if d.start > date.end and re.search(r"\b(?:until|till|to|through)\s+(?:the\s+end\s+of\s+)?$",
                                            ctx.text[max(date.end, d.start - 25):d.start], re.I):
            return d.value
    return None


def _candidates(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    text = view.text
    yield from _of_which(ctx, view, orgs)
    yield from _as_member(ctx, view, orgs)
    chair_orgs: list[str] = []
    for m in _AFTER.finditer(text):
        trig = m.group("t")
        pos = view.start + m.start("t")
        tend = view.start + m.end("t")
        first = next((o for o in orgs if o.start >= tend), None)
        if first is not None and re.match(r"['’]s\s", ctx.text[first.end:first.end + 3]):
            # "joined the EU's Eastern Partnership": the organization owned is the object, if
            # one is named; "joined the EU's sanctions" names none.
            owned = next((o for o in orgs if o.start > first.end and re.fullmatch(
                r"['’]s\s+", ctx.text[first.end:o.start])), None)
            if owned is None:
                continue
            first = owned
        gap = ctx.text[tend:first.start] if first else ""
        founding = _FOUNDING.match(trig) is not None
        loose = re.search(r"chair|presiden|presided|helm|took over", trig, re.I) is not None
        governed = first is not None and len(gap) <= 50 and (
            (_GAP_AFTER if loose else _GAP_TIGHT if founding else _GAP_OBJECT).fullmatch(gap) is not None
            and not re.search(r"\b(?:states|countries|nations|session|meeting|summit|and|its|their|his|her|with)\b",
                              gap, re.I))
        if first is not None and not governed and re.match(r"(?:members?|belongs?)", trig, re.I):
            governed = len(gap) <= 70 and _GAP_COLON.fullmatch(gap) is not None
        if founding and re.search(r"\b(?:the|a|an|in|of)\s+$", text[:m.start("t")], re.I):
            continue    # "in the form of": a noun, not the verb
        if governed and _MODIFIES.match(ctx.text[first.end:first.end + 40]):
            continue    # "chaired the CSTO summit", "members of the EU delegation"
        if founding and not governed:
            continue
        if not governed:
            cand = _without_object(ctx, view, orgs, m, trig, pos)
            if cand is not None:
                yield cand
            continue
        if _COUNT_MEMBERS.search(text[max(0, m.start() - 40):m.end()]):
            continue    # "of which 120 states are members": no member named
        chunk = _org_chunk(ctx, orgs, first)
        role = _role_of(trig, ctx.text[chunk[-1].end:chunk[-1].end + 30])
        if founding:
            members, how = _subjects(ctx, view, pos, allow_by=True)
            if not members:
                continue
        else:
            members, how = _subjects(ctx, view, pos)
            if not members:
                continue
            if re.search(r"\b(?:members|member states|member countries|observers|partners|founders)\b", trig, re.I) \
                    and how in ("single", "after") and not re.search(r"\bwe\b", text[:m.start()], re.I) \
                    and not re.search(r"\b(?:one of|among)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?$", text[:m.start("t")], re.I):
                continue    # 'met members of the Commission': plural members are not one country
        mod = _modality(text, m.start("t"))
        if mod == "asserted" and how == "after" and _NEG_AFTER.search(ctx.text[chunk[-1].end:view.end]):
            mod = "negated"
        date = _pick_date(ctx, view, pos, chunk[-1].end)
        if date is None and re.search(r"found", trig, re.I):
            # "a founding member of O, created in 2015": the organization's founding date.
            created = re.match(r"\s*,\s*(?:which\s+was\s+)?(?:created|founded|established|set up|launched)\s+(?:in|on)\s+",
                               ctx.text[chunk[-1].end:chunk[-1].end + 40])
            if created:
                at = chunk[-1].end + created.end()
                date = next((d for d in view.dates if d.start == at), None)
        if date is None and founding:
            # "A and B signed the T in 2009, founding O": the date of the founding act.
            date = next((d for d in reversed(view.dates) if d.end <= pos), None)
        single = role == "chair" and re.search(r"\bchaired|\bheld|\bpresided", trig, re.I) is not None
        # "a founding member of A and of B, established in 2009": that date is B's alone
        last_only = date is not None and len(chunk) > 1 and date.start >= chunk[-1].end and re.fullmatch(
            r"\s*,\s*(?:which\s+was\s+)?(?:created|founded|established|set up|launched)\s+(?:in|on)\s+",
            ctx.text[chunk[-1].end:date.start]) is not None
        for o in chunk:
            if role == "chair":
                chair_orgs.append(o.id)
            o_date = None if last_only and o is not chunk[-1] else date
            yield _Cand(tuple(members), o.id, role, mod, pos, trig, "membership.trigger_org", o_date,
                        _end_date(ctx, view, o_date), single)
        if role in ("observer", "member", "partner", "dialogue_partner", "chair"):
            yield from _gapped(ctx, view, chunk[-1].id, chunk[-1].end, role, mod, trig)
        if role == "member" and re.search(r"\bbec(?:ame|ome)|joined|admitted", text[max(0, m.start() - 30):m.end()],
                                          re.I):
            yield from _former_observer(ctx, view, members, chunk, mod, date)
    yield from _org_then_trigger(ctx, view, orgs, chair_orgs)
    yield from _candidate(ctx, view, orgs)
    yield from _org_admitted(ctx, view, orgs)
    yield from _under_chair(ctx, view, orgs)
    yield from _composition(ctx, view, orgs)
    yield from _partnership_programme(ctx, view, orgs)


_CHUNK_GAP = re.compile(r"[\s,()\-–—/]*(?:(?:(?:and|or|nor|as well as)(?:\s+of)?|the|also|plus|both|either|neither|"
                        r"etc)\b[\s,()\-–—/.]*)*")


def _org_chunk(ctx: DocContext, orgs: list[Actor], first: Actor) -> list[Actor]:
    """The list of organizations starting at `first`: 'the UN, the OSCE and the OIC'. Lower-case
    words other than list glue end it ('(CICA) and chaired the forum' is two clauses); a few
    capitalized words are an unresolved name inside the list."""
    chunk = [first]
    for o in orgs[orgs.index(first) + 1:]:
        if o.start < chunk[-1].end:
            continue
        gap = ctx.text[chunk[-1].end:o.start]
        if len(gap) > 60 or ";" in gap or ":" in gap:
            break
        rest = _CHUNK_GAP.sub(" ", gap)
        words = rest.split()
        if _CHUNK_GAP.fullmatch(gap) or (len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha()
                                                                  for w in words)
                                          and re.search(r"[,()]|\band\b", gap)):
            chunk.append(o)
        else:
            break
    return chunk


def _without_object(ctx: DocContext, view: SentenceView, orgs: list[Actor], m: re.Match, trig: str,
                    pos: int) -> _Cand | None:
    """A trigger without an organization after it takes the one the text is about:
    'X became a member in 2001' (the organization of the sentences before), 'the EAEU, which
    Kazakhstan joined in 2015' (the antecedent), 'chaired O from 2020 to 2022, when Y took over'
    (the organization chaired), 'X and Y are observers'."""
    text = view.text
    t = re.sub(r"\s+(?:of|in)$", "", trig.lower())     # "a member in 2001": no organization follows
    after = ctx.text[view.start + m.start("t") + len(t):view.end]
    simple = re.fullmatch(r"(?:full |founding )?members?|(?:re)?join(?:s|ed)|observers?|took over|chair(?:s|ed)?",
                          t, re.I)
    if not simple:
        return None
    tend = view.start + m.start("t") + len(t)
    # Only a date, 'as an observer' or the end of the clause may follow ('joined in the
    # criticism' is no membership).
    dated = any(0 <= d.start - tend <= 12 and re.fullmatch(r"\s*(?:in|on|since|from)?\s*", ctx.text[tend:d.start])
                for d in view.dates)
    if not dated and not re.match(r"\s*(?:as\s+an?\s+\w+|[,.;]|$)", after):
        return None
    if re.match(r"[^,;.]{0,30}\bof\s+(?:the\s+)?\w", after):
        return None     # "became a member in 1995 of the group of eight": an object we cannot read
    before = text[:m.start("t")]
    if t.startswith("chair") and re.search(r"\b(?:the|a|its|their)\s+$", before, re.I):
        return None     # "takes the chair": a noun, no organization or term named
    if t.startswith("member") and not re.search(r"\b(?:bec(?:ame|ome|omes)|is|are|was|were|been|remains?)\s+"
                                                 r"(?:an?\s+)?(?:full\s+|founding\s+)?$", before, re.I):
        return None
    if t.startswith("observer") and not re.search(r"\b(?:is|are|was|were|been|became|become)\s+(?:an?\s+)?$",
                                                  before, re.I):
        return None
    members, how = _subjects(ctx, view, pos)
    if not members:
        return None
    if t.endswith("s") and t.startswith(("member", "observer")) and how == "single":
        return None
    org = None
    rel = [r for r in re.finditer(r",\s*(?:which|that)\b", before) if not re.search(r"[,;:]", before[r.end():])]
    if rel:
        ante = [o for o in orgs if o.end <= view.start + rel[-1].start()
                and view.start + rel[-1].start() - o.end <= 2]
        if ante:
            org = ante[-1]
    if org is None and (t.startswith("took over") or t.startswith("chair")):
        prev = [o for o in orgs if o.end <= pos]
        if not prev or not re.search(r"\bchair|\bpresiden", before, re.I):
            return None
        org = prev[-1]
    if org is None:
        recent = _recent_orgs(ctx, view, pos)
        if not recent:
            return None
        org = recent[0]
    role = _role_of(trig, after)
    mod = _modality(text, m.start("t"))
    date = _pick_date(ctx, view, pos, view.start + m.end("t"))
    if date is None and role == "chair":
        # "chaired O from 2020 to 2022, when Y took over": Y's term began as the last one ended.
        prior = [d for d in view.dates if d.end <= pos and d.end_value]
        if prior and re.search(r"\bwhen\b", ctx.text[prior[-1].end:pos]):
            d = prior[-1]
            date = DateMention(d.start, d.end, d.text, d.end_value)
    return _Cand(tuple(members), org.id, role, mod, pos, trig, "membership.context_org", date)


def _gapped(ctx: DocContext, view: SentenceView, org: str, after: int, role: str, mod: str,
            trig: str) -> Iterator[_Cand]:
    """'X has been an observer in O since 2018, and Y since 2021' and 'both joined O: A in
    1999 and B in 2001': countries after `after` that share the fact, each with its own date."""
    rest_start = after
    for a in view.countries():
        if a.start < rest_start or not _is_subject(ctx, a) and ctx.preceding_word(a.start) != "and":
            continue
        gap = ctx.text[rest_start:a.start]
        if not re.fullmatch(r"(?:\s*(?:since|in|on|from)\s+[^,;:]{1,30}?)?\s*(?:[,:;]\s*(?:and\s+)?|\s+and\s+|\s*,\s*)",
                            gap):
            break
        d = next((d for d in view.dates if 0 <= d.start - a.end <= 10 and re.fullmatch(
            r"\s+(?:(?:since|in|on|from)\s+)?", ctx.text[a.end:d.start])), None)
        if d is None:
            break
        yield _Cand((a.id,), org, role, mod, a.start, trig, "membership.gapped", d)
        rest_start = d.end


def _former_observer(ctx: DocContext, view: SentenceView, members: list[str], chunk: list[Actor], mod: str,
                     date: DateMention | None) -> Iterator[_Cand]:
    """'X became a full member of O in 2024 after years as an observer': an observer period
    that ended when the membership began."""
    if mod != "asserted":
        return
    m = re.search(r"\b(?:after|following)\s+(?:\w+\s+){0,2}(?:as\s+an?\s+observer|of\s+observer\s+status)\b",
                  ctx.text[chunk[-1].end:view.end], re.I)
    if not m:
        return
    end = date.value if date else None
    for o in chunk:
        yield _Cand(tuple(members), o.id, "observer", "asserted", chunk[-1].end + m.start(), m.group(0),
                    "membership.former_observer", None, end)


def _org_then_trigger(ctx: DocContext, view: SentenceView, orgs: list[Actor], chair_orgs: list[str]) -> Iterator[_Cand]:
    """'Poland, a NATO member since 1999,' / 'held the OSCE chairmanship in 2010' / 'took over
    the BRICS chairmanship for 2024' / 'its EU Council presidency'."""
    text = view.text
    for o in orgs:
        m = _BEFORE.match(ctx.text[o.end:view.end])
        if not m:
            continue
        trig = m.group("t")
        tpos = o.end + m.start("t")
        lead = ctx.text[max(view.start, o.start - 40):o.start]
        role = _role_of(trig, "")
        # "Kazakhstan's OSCE chairmanship", "Sweden's NATO membership": the possessor holds it.
        owner = next((a for a in view.countries() if a.kind == "country" and a.via not in ("focus", "group", "demonym")
                      and re.fullmatch(r"['’]s\s+(?:the\s+)?", ctx.text[a.end:o.start])), None)
        if owner is not None and re.fullmatch(r"membership|chair(?:man)?ship|presidency|observer status", trig):
            mod = _modality(text, o.start - view.start)
            rest = ctx.text[o.end + m.end():view.end][:80]
            if mod == "asserted" and re.search(r"\b(?:not|no longer|never)\b", rest):
                mod = "negated"
            elif mod == "asserted" and _NOMINAL_PLAN.search(rest):
                mod = "planned"     # "Georgia's NATO membership remains a distant goal"
            date = _pick_date(ctx, view, o.start, o.end + m.end())
            yield _Cand((owner.id,), o.id, role, mod, tpos, ctx.text[owner.start:o.end + m.end()],
                        "membership.possessive", date, _end_date(ctx, view, date), role == "chair")
            continue
        if role == "chair":
            if not _CHAIR_VERB_BEFORE.search(lead):
                continue
        elif role == "member":
            possessive_org = m.group(0).lstrip().startswith(("'s", "’s"))
            if not _MEMBER_DET_BEFORE.search(lead) and not (
                    possessive_org and re.search(r"\b(?:became|become|becomes|becoming|is|was|as)\s+(?:formally\s+|officially\s+)?$",
                                                 lead, re.I)):
                continue
            if re.search(r"members|states|countries", trig) and not re.search(r"\bfellow\b", lead):
                continue    # 'EU member states' names no member
        elif role == "observer":
            if not re.search(r"\b(?:an?|as|its|their|has|have|had|with|granted|gained|received|obtained)\s+$", lead):
                continue
        members, how = _subjects(ctx, view, o.start)
        if not members:
            continue
        if role == "chair" and o.id in chair_orgs:
            continue
        mod = _modality(text, o.start - view.start)
        date = _pick_date(ctx, view, o.start, o.end + m.end())
        single = role == "chair" and re.search(r"\bheld\s+(?:the\s+)?$", lead) is not None
        yield _Cand(tuple(members), o.id, role, mod, tpos, ctx.text[o.start:o.end + m.end()],
                    "membership.org_trigger", date, _end_date(ctx, view, date), single)


_CANDIDATE = re.compile(r"\bcandidate(?:\s+(?:country|state|status))?\s+(?:for|to)\s+(?:join(?:ing)?\s+|membership\s+"
                        r"(?:of|in)\s+|accession\s+to\s+)?(?:the\s+)?", re.I)


def _candidate(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'X is a candidate for EU membership', 'candidate status for joining O': a planned
    membership."""
    for m in _CANDIDATE.finditer(view.text):
        at = view.start + m.end()
        org = next((o for o in orgs if o.start == at), None)
        if org is None:
            continue
        if not re.match(r"(?:['’]s)?\s+(?:membership|accession)\b", ctx.text[org.end:org.end + 16]) and not re.search(
                r"(?:join(?:ing)?|membership\s+(?:of|in)|accession\s+to)\s+(?:the\s+)?$", m.group(0), re.I):
            continue
        members, _ = _subjects(ctx, view, view.start + m.start())
        if not members:
            continue
        mod = _modality(view.text, m.start())
        yield _Cand(tuple(members), org.id, "member", "negated" if mod == "negated" else "planned",
                    view.start + m.start(), m.group(0).strip(), "membership.candidate", None)
    # "was granted EU candidate status", "an official EU candidate country"
    for o in orgs:
        cm = re.match(r"\s+candidate(?:\s+(?:status|country|state))?\b", ctx.text[o.end:o.end + 30])
        if not cm or not re.search(r"\b(?:an?|the|its|their|granted|gained|received|obtained|with)\s+(?:official\s+)?$",
                                   ctx.text[max(view.start, o.start - 30):o.start], re.I):
            continue
        members, _ = _subjects(ctx, view, o.start)
        if not members:
            continue
        mod = _modality(view.text, o.start - view.start)
        yield _Cand(tuple(members), o.id, "member", "negated" if mod == "negated" else "planned",
                    o.start, ctx.text[o.start:o.end + cm.end()], "membership.candidate", None)


_ADMITTED = re.compile(r"\b(?:admitted|admits|admit|accepted|welcomed)\s+(?:as\s+(?:a\s+)?(?:new\s+)?members?\s+)?",
                       re.I)


def _org_admitted(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'O admitted X in 2023 and Y in 2024', 'O welcomed X as a new member'."""
    for m in _ADMITTED.finditer(view.text):
        s, e = view.start + m.start(), view.start + m.end()
        subj = [o for o in orgs if o.end <= s and re.fullmatch(r"\s*(?:(?:has|have|had|formally|officially|"
                                                                r"finally)\s+)*", ctx.text[o.end:s])]
        if not subj:
            continue
        countries = view.countries()
        first = next((a for a in countries if a.start >= e), None)
        if first is None or not re.fullmatch(r"\s*(?:the\s+)?", ctx.text[e:first.start]):
            continue
        rest = ctx.text[first.end:first.end + 40]
        if not re.match(r"\s*(?:as\s+(?:a\s+|an\s+)?(?:new\s+|full\s+|its\s+\w+\s+)?members?\b|in\s|on\s|,|\.|"
                        r"and\s|$)", rest) and "member" not in m.group(0).lower():
            continue
        if not re.search(r"member|\bjoin|accession|\b(?:19|20)\d\d\b", view.text, re.I):
            continue    # "NATO welcomed Ukraine's plan": no membership in the sentence
        mod = _modality(view.text, m.start())
        date = next((d for d in view.dates if 0 <= d.start - first.end <= 6), None)
        yield _Cand((first.id,), subj[-1].id, "member", mod, s, m.group(0).strip(), "membership.admitted", date)
        yield from _gapped(ctx, view, subj[-1].id, date.end if date else first.end, "member", mod, m.group(0))


_UNDER = re.compile(r"\bunder\s+(?:the\s+)?(?:[\w-]+['’]s\s+|an?\s+[\w-]+\s+|[\w-]+\s+){1,2}?"
                    r"(?:rotating\s+)?(?:chair(?:man)?ship|presidency)\b", re.I)


def _under_chair(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'the BRICS summit under Russia's chairmanship', 'the first under a Brazilian presidency':
    the country chaired the organization the sentence is about."""
    for m in _UNDER.finditer(view.text):
        s, e = view.start + m.start(), view.start + m.end()
        who = [a for a in view.countries() if s < a.start < e and a.via in ("name", "demonym", "acronym")]
        if not who:
            continue
        prior = [o for o in orgs if o.end <= s]
        events = [x for x in view.mentions if x.kind == "event" and x.end <= s and _event_org(x.id)]
        if events and (not prior or events[-1].start > prior[-1].start):
            org = Actor(events[-1].start, events[-1].end, _event_org(events[-1].id), "org", "event")
        elif prior:
            org = prior[-1]
        elif re.match(r"\s+of\s+", ctx.text[e:e + 5]) or view.text[:m.start()].strip() == "":
            # "Under the Italian presidency, the G7 met ...", "under the presidency of the EU Council"
            later = [o for o in orgs if o.start >= e]
            if not later:
                continue
            org = later[0]
        else:
            recent = _recent_orgs(ctx, view, s)
            if not recent:
                continue
            org = recent[0]
        mod = _modality(view.text, m.start())
        dates = [d for d in view.dates]
        date = None
        if dates:
            d = min(dates, key=lambda d: abs(d.start - s))
            date = DateMention(d.start, d.end, d.text, d.value[:4])
        yield _Cand((who[0].id,), org.id, "chair", mod, s, m.group(0), "membership.under_chair", date)


_COMPOSE_HINT = re.compile(r"member|compris|consist|together|unite|made up|found|establish|created|set up|formed",
                           re.I)
_MEMBERS_OF = re.compile(r"\b(?:the\s+)?(?:founding\s+|full\s+)?(?:members|member states|member countries)\s+of\s+"
                         r"(?:the\s+)?", re.I)
_MEMBERS_ARE = re.compile(r"\s+(?:are|were|include|included|now include|comprise)\s+", re.I)
_FOUNDED_BY = re.compile(r"\b(?:was|were|had been|has been)\s+(?:co-)?(?:founded|established|created|set up|formed)"
                         r"(?:\s+in\s+\d{4})?\s+by\b", re.I)
_COMPOSE = re.compile(r"\b(?:comprises|comprised|consists of|consisted of|brings together|brought together|"
                      r"unites|united|is made up of|was made up of|(?:['’]s\s+)?(?:member states|members|"
                      r"founding members|founders) (?:are|were|include|included))\b", re.I)


def _composition(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'O comprises A, B and C', 'the members of O are A, B and C', 'O's founders were A and B',
    'O was founded by A, B and C in 2009'."""
    if not _COMPOSE_HINT.search(view.text):
        return
    for m in _MEMBERS_OF.finditer(view.text):
        at = view.start + m.end()
        org = next((o for o in orgs if o.start == at), None)
        are = _MEMBERS_ARE.match(ctx.text[org.end:view.end]) if org is not None else None
        if are is None:
            continue
        e = org.end + are.end()
        countries = view.countries()
        first = next((a for a in countries if a.start >= e and a.start - e <= 6), None)
        if first is None:
            continue
        ids = _chunk_ids(ctx, countries, first)
        if len(ids) < 2:
            continue
        yield _Cand(tuple(ids), org.id, "member", _modality(view.text, m.start()), view.start + m.start(),
                    m.group(0).strip(), "membership.composition", None)
    for m in list(_COMPOSE.finditer(view.text)) + list(_FOUNDED_BY.finditer(view.text)):
        s, e = view.start + m.start(), view.start + m.end()
        before = [o for o in orgs if o.end <= s and s - o.end <= 25]
        if not before or re.search(r"[,;]", ctx.text[before[-1].end:s]):
            continue
        countries = view.countries()
        first = next((a for a in countries if a.start >= e), None)
        if first is None or first.start - e > 12:
            continue
        ids = _chunk_ids(ctx, countries, first)
        if len(ids) < 2:
            continue
        mod = _modality(view.text, m.start())
        date = None
        if re.search(r"found|establish|creat|set up|form", m.group(0), re.I):
            date = next((d for d in view.dates if d.start >= before[-1].end), None)
        yield _Cand(tuple(ids), before[-1].id, "member", mod, s, m.group(0), "membership.composition", date)


def _partnership_programme(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """A country working 'through' / 'in' / 'under' an organization's partnership programme (not
    after 'joined', which the trigger rules read) is a partner of the organization."""
    for o in orgs:
        if o.via == "anaphor" or "partnership" not in _org_info(o.id)[0].lower():
            continue
        lead = ctx.text[max(view.start, o.start - 40):o.start]
        if not re.search(r"\b(?:through|in|under|within|via|as a partner (?:through|in|under))\s+(?:the\s+)?$",
                         lead, re.I):
            continue
        if not re.search(r"\bpartner|\bcooperat|\bworked|\bworks|\bparticipat|\bmember", view.text, re.I):
            continue
        members, how = _subjects(ctx, view, o.start)
        if not members:
            continue
        mod = _modality(view.text, o.start - view.start)
        date = _pick_date(ctx, view, o.start, o.end)
        if date is None or date.start < o.start:
            date = next((d for d in view.dates if d.start >= o.end and re.match(
                r"[^,;.]{0,30}\bsince\s+$", ctx.text[o.end:d.start])), date)
        yield _Cand(tuple(members), o.id, "partner", mod, o.start, ctx.text[o.start:o.end],
                    "membership.partnership_programme", date)


def _of_which(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'O1, O2 and O3, of which it is (not) a member' / '... of which it is a member, including
    O1, O2'."""
    text = view.text
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
        members = _which_member(ctx, view, view.start + m.start())
        if not members:
            continue
        chunk = ctx.list_chunk(orgs, orgs.index(first))
        date = next((d for d in view.dates if view.start + m.start() <= d.start <= view.start + m.end() + 12), None)
        for org in chunk:
            # "the CIS, the SCO and the EAEU, of which it was a founding member in 2015": the
            # date is the founding of the organization next to the clause.
            yield _Cand(tuple(members), org.id, role, mod, view.start + m.start(), m.group(0),
                        "membership.of_which", date if org.id == chunk[-1].id or inc else None)


def _which_member(ctx: DocContext, view: SentenceView, pos: int) -> list[str]:
    cands = [a for a in view.countries() if a.end <= pos and _is_subject(ctx, a)]
    if cands:
        return [cands[0].id]
    if re.search(r"\b(?:it|we|our country|the country|our state)\b", view.text[:pos - view.start], re.I) \
            or re.search(r"\b(?:it|we)\b", ctx.text[pos:pos + 20]):
        return _antecedent(ctx, view, pos)
    return []


def _as_member(ctx: DocContext, view: SentenceView, orgs: list[Actor]) -> Iterator[_Cand]:
    """'X has O1, O2 ... as a member' (the organizations listed before 'as a member')."""
    text = view.text
    for m in _AS_MEMBER.finditer(text):
        before = [o for o in orgs if o.end <= view.start + m.start()]
        if not before:
            continue
        if not re.search(r"\b(?:has|have|had)\b", ctx.text[view.start:before[0].start]):
            continue
        if view.start + m.start() - before[-1].end > 40:
            continue
        members = _which_member(ctx, view, before[0].start)
        if not members:
            continue
        chunk = _chain_back(ctx, before)
        mod = _modality(text, m.start())
        for org in chunk:
            yield _Cand(tuple(members), org.id, "member", mod, view.start + m.start(), m.group(0),
                        "membership.as_member", None)
        return


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
    """Between two listed organizations: punctuation and a few words, or an unresolved name
    ('Organization for security and cooperation in Europe-')."""
    if len(gap) <= 40 and re.fullmatch(r"[\s,()\-–—/]*(?:[\w-]+[\s,()\-–—/]*){0,3}", gap):
        return True
    return len(gap) <= 70 and re.fullmatch(r"[\s,()\-–—/]*[A-Z][\w\s-]*?[\s,()\-–—/]*", gap) is not None \
        and not re.search(r"\b(?:is|are|was|were|has|have|had|which|that|who|but|while|signed|said)\b", gap)


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_CONCESSIVE = gate(_CONCESSIVE)
_ADVERBS = gate(_ADVERBS)
_PLANNED_EXTRA = gate(_PLANNED_EXTRA)
_PLURAL_PRONOUN = gate(_PLURAL_PRONOUN)
_ORG_ANAPHOR = gate(_ORG_ANAPHOR)
_AFTER = gate(_AFTER)
_COUNT_MEMBERS = gate(_COUNT_MEMBERS)
_NEG_AFTER = gate(_NEG_AFTER)
_CHAIR_VERB_BEFORE = gate(_CHAIR_VERB_BEFORE)
_CANDIDATE = gate(_CANDIDATE)
_ADMITTED = gate(_ADMITTED)
_UNDER = gate(_UNDER)
_COMPOSE_HINT = gate(_COMPOSE_HINT)
_MEMBERS_OF = gate(_MEMBERS_OF)
_COMPOSE = gate(_COMPOSE)
_FOUNDED_BY = gate(_FOUNDED_BY)
_WHICH_MEMBER = gate(_WHICH_MEMBER)
_INCLUDING = gate(_INCLUDING)
_AS_MEMBER = gate(_AS_MEMBER)
_IT_AFTER_VERB = gate(_IT_AFTER_VERB)
_BARE_SECURITY_COUNCIL = gate(_BARE_SECURITY_COUNCIL)
