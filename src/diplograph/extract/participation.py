"""Participation of countries in corridors, pipelines, railways and initiatives.

Phrasings handled (A, B, C are countries, persons standing for them, or groups; P a project):
- subject + predicate + P: "A, B and C participate in / take part in / are partners in / joined /
  are financing / built / are members of P", "A is a key link in both the North–South and the
  East–West transport corridors" (elliptical names split), "A is the flagship partner of P1
  through P2" (P2 counts too), "We take part in P" (the document's focus country);
- members lists: "Members of P are A, B and C", "the shareholders of P include A and B", "P's
  members are ..." (a list may run on into the next sentence);
- P as the subject: "P brings together / unites / involves A, B and C", "P connects A with B",
  "P, built by A, B and C, ...", "P, owned by A and B companies", "P runs through A and B",
  "P carries gas from A through B to C";
- relative clauses: "P, which A, B and C are developing together", "P, which it develops with A
  and B" ('it' is the clause's subject country), "which the two countries built with C";
- owners and names: "China's Belt and Road Initiative" (the possessive owner), "the
  China–Pakistan Economic Corridor" (countries named inside a project's name).

Not read as participation: the next project when it is only described ("P1, the missing link of
P2" gives P1 only), places a route passes by preposition ("the corridor through Armenia"), and
countries in a project's topic or surroundings.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.extract.common import modality
from diplograph.extract.context import Actor, DocContext, SentenceView
from diplograph.extract.prefilter import gate
from diplograph.model import Fact

_HEADS = (r"corridors?|pipelines?|railways?|railroads?|rail links?|interconnectors?|highways?|initiatives?|"
          r"routes?|cables?|projects?|bridges?|tunnels?|canals?|ports?")
TRIGGER = re.compile(
    r"\b(?:participa\w*|take[sn]?|took|taking|members?|joined|join(?:s|ing)?|involv\w+|partners?|"
    r"connect\w*|link\w*|unit(?:e|es|ed|ing)|brings?|brought|parties|shareholders?|stakeholders?|stakes?|"
    r"financ\w+|fund(?:s|ed|ing)?|buil[dt]\w*|construct\w*|develop\w*|own(?:s|ed)?|co-own\w*|operat\w*|"
    r"launch\w*|implement\w*|initiat\w*|founders?|runs?|transit|cross(?:es|ed|ing)|pass(?:es|ed)|carr(?:y|ies|ied)|"
    r"signed|inked|concluded|struck|sealed|suppl(?:y|ies|ied)|exports?|exported|ships|shipped|sends|sent|delivers|"
    r"delivered|transports|transported|pumps|pumped|"
    r"" + _HEADS + r")\b", re.I)

_DASH_CHARS = "\\-–—‑"
_DASH = f"[{_DASH_CHARS}]"
_CAP = r"[A-Z][\w'’]*"
# A capitalised name whose words may be joined by dashes ("Lamu Port–South Sudan–Ethiopia Transport").
_CHAIN = rf"{_CAP}(?:(?:[ \t]+|[ \t]?{_DASH}[ \t]?)(?!(?:The|This|That|These|Those|A|An)\b){_CAP})*"
_MODIFIERS = (r"(?:(?:high-speed|gas|oil|natural gas|transport|transit|economic|energy|power|electricity|"
              r"rail|road|fibre-optic|fiber-optic|submarine|undersea|international|trade|freight|green|"
              r"multimodal|logistics)\s+)*")
# Names of projects the registry does not list: "Jakarta–Bandung high-speed railway",
# "Nigeria–Morocco Gas Pipeline", "Lamu Port–South Sudan–Ethiopia Transport (LAPSSET) corridor".
_NAME_HEADS = (r"corridor|pipeline|railway|railroad|rail link|interconnector|highway|initiative|route|cable|project|"
               r"bridge|tunnel|canal|port")
# (singular heads: "Baltic Sea ports" is a description, "Lapis Lazuli route" a name)
_NAMED = re.compile(rf"(?<![\w'’])({_CHAIN}(?:\s+\([A-Z][A-Z0-9]{{1,9}}\))?\s+(?i:{_MODIFIERS}(?:{_NAME_HEADS})))\b")
_CHAIN_ONLY = re.compile(rf"[A-Z][\w'’]*(?:\s?{_DASH}\s?[A-Z][\w'’]*)+")
# "the North–South and the East–West transport corridors": one head noun for several names.
_ELLIPSIS = re.compile(
    rf"\b((?:the\s+)?[A-Z]\w*\s?{_DASH}\s?[A-Z]\w*(?:\s*,\s*(?:the\s+)?[A-Z]\w*\s?{_DASH}\s?[A-Z]\w*)*"
    rf"\s*,?\s+(?:and|or)\s+(?:the\s+)?[A-Z]\w*\s?{_DASH}\s?[A-Z]\w*)\s+({_MODIFIERS})"
    r"(corridors|pipelines|railways|routes|projects|initiatives|highways|lines)\b")
_ELLIPSIS_ITEM = re.compile(rf"[A-Z]\w*\s?{_DASH}\s?[A-Z]\w*")
_NOT_NAME_START = {"the", "this", "these", "that", "those", "our", "its", "their", "a", "an", "new", "both",
                   "each", "every", "any", "all", "some", "his", "her", "when", "while", "if", "as", "in",
                   "on", "at", "by", "for", "with", "from", "to", "and", "but", "or", "since", "after",
                   "before", "under", "through", "via", "between", "among", "one", "two", "three"}
_NOT_NAME_WORDS = {"humanitarian", "grain", "air", "maritime", "migration", "refugee"}

# --- predicates ----------------------------------------------------------------------------
# subject + predicate + project
_SUBJECT_PRED = re.compile(
    r"\b(?:(?:participat(?:e|es|ed|ing)|(?:take|takes|took|taking|taken)\s+(?:an?\s+)?(?:\w+\s+)?part|"
    r"(?:is|are|was|were|been|be|become|became)\s+(?:also\s+|directly\s+|closely\s+)?involved|"
    r"(?:has|have|had|hold|holds|held|own|owns|owned)\s+(?:an?\s+)?(?:[\w%.,-]+\s+){0,2}(?:stakes?|shares?)|"
    r"invest(?:s|ed|ing)?)\s+in"
    r"|(?:'s|’s)\s+(?:\w+\s+)?(?:participation|involvement|membership|accession|stake|share)\s+(?:in|to)"
    r"|(?:is|are|was|were)\s+(?:\w+\s+)?(?:connected|linked)\s+(?:by|through|via)"
    r"|(?:its|their)\s+(?:\w+\s+)?(?:participation|involvement|membership|accession|stake|share)\s+(?:in|to)"
    r"|signed\s+up\s+(?:to|for)"
    # "A and B signed an agreement on building P": the signatories take part in P
    r"|(?:signed|inked|concluded|struck|sealed)\s+(?:an?\s+|the\s+|two\s+|several\s+|\d+\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:agreements?|memorand(?:um|a|ums)(?:\s+of\s+understanding)?|treat(?:y|ies)|protocols?|deals?|accords?|"
    r"contracts?)\s+on"
    # "A supplies gas to Europe through P"
    r"|(?:suppl(?:y|ies|ied)|exports?|exported|ships|shipped|sends|sent|delivers|delivered|transports|transported|"
    r"pumps|pumped)\s+(?:[\w$%.,-]+\s+){0,5}?(?:through|via)"
    r"|transit\s+(?:countries|country|states?|nations?|partners?|hubs?)\s+(?:of|for|on|in)"
    r"|(?:members?|participants?|partners?|shareholders?|stakeholders?|founders?|co-founders?|parties|"
    r"party|links?|hubs?|part|owners?|co-owners?|initiators?|investors?|sponsors?)\s+(?:in|of|to)"
    r"|(?:hubs?|links?)\s+on"
    r"|joined|join(?:s|ing)?|(?:co-?)?(?:financ|fund|build|construct|develop|implement|operat|launch)ing"
    r"|(?:wants?|seeks?|seeking|needs?|attract\w*|rais\w+|secur\w+|receiv\w+|request\w*|provid\w+|"
    r"allocat\w+|lends?|lent)\s+(?:[\w-]+\s+){0,2}(?:money|funds|funding|financing|investments?|loans?|credits?)"
    r"\s+(?:for|to|in)"
    r"|(?:co-?)?financ(?:e|es|ed)|(?:co-?)?fund(?:s|ed)|buil[dt]s?|construct(?:s|ed)|develop(?:s|ed)?|implement(?:s|ed)?"
    r"|operat(?:e|es|ed)|own(?:s|ed)?|co-own(?:s|ed)?|launch(?:ed|es)?|initiated|co-founded|founded)\b",
    re.I)
# words that may stand between a subject and its predicate: "Azerbaijan is a key link in"
_SUBJECT_GAP = re.compile(
    # "Georgia and Azerbaijan, strategic partners since the 1990s, jointly operate P": an apposition
    r"(?:,\s+(?:(?:the|a|an|two|both|long-standing|close)\s+)?[\w-]+(?:\s+[\w-]+){0,5},|"
    r"[\s,]|(?:is|are|was|were|has|have|had|been|being|will|would|shall|not|never|no longer|also|jointly|together|now|"
    r"already|both|all|actively|currently|still|long|a|an|the|one|of|among|key|main|major|founding|core|"
    r"full|flagship|important|leading|active|largest|biggest|principal|first|only|strategic|crucial|"
    r"vital|central|reliable|equal|full-fledged|fully|become|became|becoming|remain|remains|remained|"
    r"announced|confirmed|declared|began|started|expanded|increased|secured|serves as|served as|"
    r"\w+ly)\b|"
    # "Italy became the first G7 country to join", "Azerbaijan's SOCAR is the largest shareholder in"
    r"\b(?:first|second|third|last|only|latest|newest)\s+(?:[\w-]+\s+){0,2}(?:country|state|nation|member|"
    r"economy)\s+to\b|(?-i:(?:'s|’s)\s+(?:state\s+)?(?:[A-Z][\w&.-]*|[a-z]+\s+company)(?:\s+[A-Z][\w&.-]*)?(?=\s)))*",
    re.I)
# words that may stand between a predicate and its project: "take part in the implementation of the"
_OBJECT_GAP = re.compile(
    r"(?:\s|\b(?:both|all|either|the|an?|its|their|this|implementation|construction|development|"
    r"building|financing|expansion|creation|operation|modernisation|modernization|extension|second|"
    r"first|phase|stage|of|key|new|flagship|ambitious|large-scale|strategic)\b|"
    rf"{_CAP}(?:'s|’s)(?=\s))*", re.I)
# project + participle + "by": "P, built jointly by A, B and C"
_BY_PRED = re.compile(
    r"(?:built|constructed|financed|funded|owned|co-owned|operated|developed|launched|initiated|"
    r"implemented|founded|backed|sponsored|promoted|run|shared|laid|designed)\s+(?:\w+ly\s+|together\s+)?"
    r"by\s+|(?:[\w-]+\s+){0,2}with\s+the\s+(?:\w+\s+)?(?:participation|involvement)\s+of\s+"
    r"|(?:an?|the)\s+(?:(?:joint|common|shared|trilateral|bilateral|regional|flagship|major)\s+)*"
    r"(?:project|venture|initiative|undertaking|effort)\s+(?:of|between|by|involving)\s+", re.I)
# project + verb + object list
_OBJ_PRED = re.compile(
    r"(?P<together>(?:brings?|brought|bringing)\s+together|unit(?:es|ed|ing)|involv(?:es|ed|ing)|"
    r"includ(?:es|ed|ing)|gathers|comprises)\s+|"
    r"(?P<connect>connect(?:s|ed|ing)|link(?:s|ed|ing)|join(?:s|ed|ing))\s+|"
    r"(?P<route>(?:runs|ran|running|passes|passed|passing|goes|went|stretches|stretched|extends|extended)\s+"
    r"(?:through|across|via)|cross(?:es|ed|ing)|travers(?:es|ed|ing))\s+|"
    r"(?P<carry>(?:carr(?:ies|ied|ying)|transports?|transported|delivers?|delivered|ships?|shipped|"
    r"supplies|supplied|brings?|brought)\s+(?:[\w-]+\s+){0,4}?from)\s+", re.I)
# what may sit between a project and the verb it is the subject of
_PROJECT_GAP = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:(?:gas|oil|transport|project|pipeline|railway|corridor|route|line|itself)\s*)*"
    # "P, launched in 2017, connects ...": a participle phrase between commas
    r"(?:,\s*(?:launched|opened|built|completed|inaugurated|commissioned|put into operation|unveiled|"
    r"proposed|announced)\s+(?:in|on)\s+[^,;()]{1,30}?,\s*)?"
    r"(?:,\s*(?:(?:the|a|an)\s+[^,;()]{1,50}?\s+)?(?:which|that)\s+|,\s*)?"
    r"(?:(?:(?:is|are|was|were) to be|will be|would be|could be|has been|have been|had been|is being|"
    r"are being|was being|is|are|was|were|also|now|already|"
    r"currently|jointly|still|itself|first|originally|which|that|since)\s+)*", re.I)
# relative clause after a project: "P, which A and B are developing together (with C)"
_REL_VERB = re.compile(
    r"(?:(?:is|are|was|were|have|has|had)\s+(?:been\s+)?)?(?:jointly\s+|together\s+|also\s+|now\s+)*"
    r"(?:develop(?:s|ed|ing)?|buil[dt](?:s|ing)?|construct(?:s|ed|ing)?|financ(?:e|es|ed|ing)|"
    r"fund(?:s|ed|ing)?|operat(?:e|es|ed|ing)|own(?:s|ed)?|co-own(?:s|ed)?|launch(?:ed|es|ing)?|"
    r"implement(?:s|ed|ing)?|initiated|founded|share|shares|run|runs|promot(?:e|es|ed|ing)|"
    r"participat(?:e|es|ed|ing)|take\s+part|took\s+part|(?:is|are|were|was)\s+(?:\w+\s+)?(?:involved|members|partners))\b",
    re.I)
_MEMBERS_OF = re.compile(
    r"\b(?:(?:founding|core|full|main|principal)\s+)?(?:members?|participants?|shareholders?|partners?|"
    r"founders?|parties|stakeholders?|participating (?:countries|states)|(?:countries|states|nations|partners) "
    r"(?:participating|involved|taking part)|member (?:countries|states))\s+(?:of|in|to)\s+", re.I)
_LIST_VERB = re.compile(r"\s*(?:project\s+|consortium\s+|initiative\s+)?(?:\([^()]{1,40}\)\s*)?,?\s*"
                        r"(?:are|were|include|included|includes|comprise|comprised|consist of|:)\s*:?\s*", re.I)
_OWN_LIST = re.compile(r"(?:'s|’s)?\s+(?:(?:founding|core|main)\s+)?(?:members|participants|shareholders|partners|"
                       r"founders|(?:member|partner|participating) (?:countries|states))\s+"
                       r"(?:are|were|include|included|comprise)\s*:?\s*"
                       r"|\s+(?:has|had|have)\s+(?:\w+\s+){0,2}(?:members|participants|shareholders|partners|"
                       r"founders|(?:member|partner|participating) (?:countries|states))\s*(?:[:,–—-]|\binclud\w+)?\s*",
                       re.I)
# "... has four members. They are A, B, C and D."
_THEY_ARE = re.compile(r"\s*(?:they|these|those|the members|the participants|the partners|the shareholders)\s+"
                       r"(?:are|were|include)\s*:?\s*", re.I)
_ANAPHOR = re.compile(r"(?:the|this|that)\s+(?:\w+\s+)?(?:project|corridor|route|pipeline|railway|initiative|"
                      r"network|line|interconnector)\b", re.I)
_COMPANY = re.compile(r"[\s-]*(?:state[- ]owned\s+|national\s+|energy\s+|oil\s+|gas\s+|railway\s+)?"
                      r"(?:companies|company|firms?|consortium|consortia|governments?|state|investors?|"
                      r"operators?|railways|banks?|sides?|partners|authorities)\b", re.I)
_PLANNED_BEFORE = re.compile(r"\b(?:planned|proposed|future|would-be|prospective|envisaged|potential|possible|"
                             r"talk of|idea of|plans? for|proposal for|prospects? (?:of|for))\s+(?:\w+\s+){0,2}$",
                             re.I)
_ROUTE_PREP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:then\s+)?(?P<prep>through|via|across|to|into|and on to|on to)\s+"
                         r"(?:the\s+)?", re.I)


@dataclass(frozen=True)
class Project:
    start: int          # cleaned-text offsets
    end: int
    name: str           # registry id, or the name as written
    registered: bool
    kind: str | None = None


def extract(ctx: DocContext) -> Iterator[Fact]:
    seen: set[tuple] = set()
    # one written form per project in a document: the dashes of its first mention
    written: dict[str, str] = {}
    for view in ctx.sentences:
        if not TRIGGER.search(view.text):
            continue
        projects = _projects(ctx, view)
        if not projects and not _ANAPHOR.search(view.text):
            continue
        for members, projs, rule, pos, mod, views in _readings(ctx, view, projects):
            for a in members:
                for p in projs:
                    name = written.setdefault(re.sub(f"[{_DASH_CHARS}]", "-", p.name), p.name)
                    key = (view.index, a, name, mod)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield ctx.fact("participation", {"member": a, "project": name}, views or view,
                                   rule=rule, trigger=view.text[pos:pos + 30].split(",")[0],
                                   modality=mod, confidence=0.75, time={"start": None, "end": None})


# --- projects --------------------------------------------------------------------------------
def _projects(ctx: DocContext, view: SentenceView) -> list[Project]:
    from diplograph.registry.load import get_registry
    reg = get_registry()
    found: list[Project] = []
    for m in view.mentions:
        if m.kind == "project":
            entity = reg.get(m.id, "project")
            found.append(Project(m.start, m.end, m.id, True,
                                 entity.data.get("project_kind") if entity else None))
    text = view.text
    for e in _ELLIPSIS.finditer(text):
        head = e.group(3)[:-1]
        mods = e.group(2)
        for item in _ELLIPSIS_ITEM.finditer(e.group(1)):
            s, t = view.start + e.start(1) + item.start(), view.start + e.start(1) + item.end()
            if not _overlaps(found, s, t):
                found.append(_resolved(Project(s, t, f"{item.group(0)} {mods}{head}", False)))
    for n in _NAMED.finditer(text):
        name = n.group(1)
        words = name.split()
        while words and words[0].lower() in _NOT_NAME_START:
            words = words[1:]
        if not words:
            continue
        cut = name.find(words[0])          # the name once leading function words are cut
        s, t = view.start + n.start(1) + cut, view.start + n.end(1)
        name = name[cut:]
        if _overlaps(found, s, t) or not _is_name(name):
            continue
        found.append(_resolved(Project(s, t, name, False)))
    found.sort(key=lambda p: (p.start, -p.end))
    return found


def _is_name(name: str) -> bool:
    """A written name of a project: a dashed chain, an acronym in brackets, or two capitalised words."""
    if any(w.lower() in _NOT_NAME_WORDS for w in name.split()):
        return False
    if _CHAIN_ONLY.search(name) or re.search(r"\([A-Z]{2,}\)", name):
        return True
    caps = [w for w in re.split(rf"[\s{_DASH_CHARS}]+", name) if w[:1].isupper()]
    return len(caps) >= 2


def _overlaps(found: list[Project], s: int, e: int) -> bool:
    return any(p.start < e and s < p.end for p in found)


def _resolved(p: Project) -> Project:
    """A name found by the patterns above, with the registry's id when the registry knows it."""
    hit = _registered(p.name)
    if hit:
        return Project(p.start, p.end, hit[0], True, hit[1])
    return Project(p.start, p.end, re.sub(r"\s+", " ", p.name).strip(), False)


@functools.lru_cache(maxsize=4096)
def _registered(name: str) -> tuple[str, str | None] | None:
    from diplograph.registry.load import get_registry
    reg = get_registry()
    for surface in (name, re.sub(r"\s*\([^)]*\)", "", name)):
        hits = [h for h in reg.lookup(surface) if h[3] == "project"]
        if hits:
            entity = reg.get(hits[0][1], "project")
            return hits[0][1], (entity.data.get("project_kind") if entity else None)
    return None


# --- readings --------------------------------------------------------------------------------
Reading = tuple[list[str], list[Project], str, int, str, list[SentenceView] | None]


def _readings(ctx: DocContext, view: SentenceView, projects: list[Project]) -> Iterator[Reading]:
    # organizations stay in the lists so that a list is read whole; only countries become members
    countries = [a for a in view.actors if a.via != "city"]
    if projects:
        yield from _members_lists(ctx, view, projects, countries)
        yield from _project_subject(ctx, view, projects, countries)
        yield from _relative(ctx, view, projects, countries)
        yield from _owners_and_names(ctx, view, projects, countries)
    yield from _subject_predicate(ctx, view, projects, countries)


def _ids(actors: list[Actor]) -> list[str]:
    return list(dict.fromkeys(a.id for a in actors if a.kind == "country"))


def _list_after(ctx: DocContext, view: SentenceView, countries: list[Actor], pos: int,
                gap: str = r"[\s,:]*(?:both\s+|all\s+|the\s+)*") -> list[Actor]:
    """The list of countries that starts at local offset `pos` ('Azerbaijan, Georgia and Turkey')."""
    later = [i for i, a in enumerate(countries) if view.local(a.start) >= pos]
    if not later:
        return []
    i = later[0]
    if not re.fullmatch(gap, view.text[pos:view.local(countries[i].start)], re.I):
        return []
    chunk = _cut(ctx, ctx.list_chunk(countries, i), countries[i], forward=True)
    return _demonyms_ok(ctx, chunk)


def _list_before(ctx: DocContext, view: SentenceView, countries: list[Actor], pos: int) -> list[Actor]:
    """The list of countries that ends just before local offset `pos` (the subject of a predicate)."""
    before = [i for i, a in enumerate(countries) if view.local(a.end) <= pos]
    if not before:
        return []
    i = before[-1]
    gap = view.text[view.local(countries[i].end):pos]
    if not _SUBJECT_GAP.fullmatch(gap):
        return []
    chunk = _cut(ctx, ctx.list_chunk(countries, i), countries[i], forward=False)
    # "A, along with B and C, is developing P"
    along = re.search(r",\s*(?:along|together)\s+with\s+$", ctx.text[max(0, chunk[0].start - 30):chunk[0].start]) \
        if chunk else None
    if along:
        head = [a for a in countries if a.end <= chunk[0].start - len(along.group(0))]
        if head and not ctx.text[head[-1].end:chunk[0].start - len(along.group(0))].strip():
            j = countries.index(head[-1])
            chunk = _cut(ctx, ctx.list_chunk(countries, j), countries[j], forward=False) + chunk
    if not chunk or ctx.is_place_or_topic(chunk[0]) or ctx.preceding_word(chunk[0].start) in ("with", "and", "by"):
        return []
    return _demonyms_ok(ctx, chunk)


# what may separate two items of one list: 'A, B and C', 'A (ACR), B as well as C', 'A-B' (compounds)
_LIST_GAP = re.compile(r"(?:[\s,;/-]|\b(?:and|or|as well as|plus|the|also|both|finally|lastly|then|"
                       r"republic of)\b)*", re.I)


def _cut(ctx: DocContext, chunk: list[Actor], anchor: Actor, forward: bool) -> list[Actor]:
    """The part of a list on one side of `anchor`, up to the first gap with a preposition in it
    ('Afghanistan with Turkey through Turkmenistan': the route's transit is not in the list)."""
    side = [a for a in chunk if (a.start >= anchor.start if forward else a.end <= anchor.end)]
    if not forward:
        side.reverse()
    out = [side[0]] if side else []
    for a in side[1:]:
        prev = out[-1]
        gap = ctx.text[prev.end:a.start] if forward else ctx.text[a.end:prev.start]
        if a.start != prev.start and not _LIST_GAP.fullmatch(re.sub(r"\([^()]*\)", " ", gap)):
            break
        out.append(a)
    return out if forward else out[::-1]


def _demonyms_ok(ctx: DocContext, chunk: list[Actor]) -> list[Actor]:
    """Demonyms stand for their country only before words such as 'companies' or 'consortium'."""
    if not any(a.via == "demonym" for a in chunk):
        return chunk
    if _COMPANY.match(ctx.text, chunk[-1].end):
        return chunk
    return [a for a in chunk if a.via != "demonym"]


def _next_sentence_list(ctx: DocContext, view: SentenceView, chunk: list[Actor]) -> tuple[list[Actor], list]:
    """A list cut by a sentence or paragraph break ('..., Greece,\\n\\nAlbania and Italy.')."""
    if not chunk or view.index + 1 >= len(ctx.sentences):
        return [], []
    tail = ctx.text[chunk[-1].end:view.end]
    if not re.fullmatch(r"\s*,?\s*", tail) or not tail.strip():
        return [], []
    nxt = ctx.sentences[view.index + 1]
    nc = [a for a in nxt.actors if a.via != "city"]
    if not nc or not re.fullmatch(r"[\s,]*(?:and\s+)?", ctx.text[nxt.start:nc[0].start]):
        return [], []
    more = [a for a in ctx.list_chunk(nc, 0)]
    return _demonyms_ok(ctx, more), [nxt]


def _list_or_items(ctx: DocContext, view: SentenceView, countries: list[Actor], pos: int,
                   loose: bool = False) -> tuple[list[Actor], list[SentenceView] | None]:
    """The list that follows a members phrase at local offset `pos`: in the sentence, running on
    into the next one, as items on the lines below ('are:\n- Azerbaijan\n- Georgia'), or in a
    following 'They are A, B and C'. With `loose`, any countries up to the clause end
    ('include SOCAR of Azerbaijan, Snam of Italy and ...')."""
    chunk = _list_after(ctx, view, countries, pos)
    if chunk:
        more, views = _next_sentence_list(ctx, view, chunk)
        return chunk + more, ([view] + views if views else None)
    rest = view.text[pos:]
    if not rest.strip(" .:;-–—") and view.index + 1 < len(ctx.sentences):
        items: list[Actor] = []
        used: list[SentenceView] = [view]
        nxt = ctx.sentences[view.index + 1]
        they = _THEY_ARE.match(nxt.text)
        if they:
            found = _list_after(ctx, nxt, [a for a in nxt.actors if a.via != "city"], they.end())
            return found, ([view, nxt] if found else None)
        for item in ctx.sentences[view.index + 1:view.index + 30]:
            named = [a for a in item.actors if a.via not in ("city", "focus") and a.kind == "country"]
            # item lines ("- Angola", "• Zambia;"), also when the cleaner ran them into one line
            pos_i, got = item.start, []
            for a in named:
                if a.start < pos_i:
                    if got and a.start == got[-1].start:
                        got.append(a)      # a group's members share one span
                    continue
                if not re.fullmatch(r"[\s,;.]*(?:[-•·*–]\s*)?(?:\d+[.)]\s*)?(?:the\s+)?", ctx.text[pos_i:a.start], re.I):
                    break
                got.append(a)
                pos_i = a.end
            if not got:
                break
            items += got
            used.append(item)
            if pos_i < item.end and ctx.text[pos_i:item.end].strip(" .,;"):
                break      # the list ends inside this line
        return items, (used if items else None)
    if loose:
        end = re.search(r";|\.\s|\b(?:while|but|whereas|which)\b", rest)
        hi = pos + (end.start() if end else len(rest))
        return [a for a in countries if pos <= view.local(a.start) < hi and a.kind == "country"
                and a.via not in ("demonym", "group") and not ctx.is_place_or_topic(a)], None
    return [], None


def _coordinated(ctx: DocContext, projects: list[Project], first: Project) -> list[Project]:
    """The first project and those coordinated with it: 'P1 and P2', 'P1 through P2', 'P1, or P2'."""
    out = [first]
    cur = first
    for p in projects:
        if p.start < cur.end or p in out:
            continue
        gap = ctx.text[cur.end:p.start]
        if re.fullmatch(r"\s*(?:\(\s*)?|\s*\)?\s*,?\s*(?:or|and|as well as|along with|including|"
                        r"together with|,)\s+(?:also\s+)?(?:both\s+)?(?:the\s+|its\s+)?", gap, re.I) or \
                re.fullmatch(rf"\s*\)?\s*(?:through|via)\s+(?:the\s+|its\s+)?(?:{_CAP}(?:'s|’s)\s+)?", gap, re.I):
            out.append(p)
            cur = p
        else:
            break
    return out


def _project_after(ctx: DocContext, view: SentenceView, projects: list[Project], pos: int) -> list[Project]:
    """The project (and those coordinated with it) that is the object of a predicate ending at `pos`."""
    for p in projects:
        lp = view.local(p.start)
        if lp < pos:
            continue
        if _OBJECT_GAP.fullmatch(view.text[pos:lp]):
            return _coordinated(ctx, projects, p)
        return []
    return []


def _anaphor_project(ctx: DocContext, view: SentenceView, pos: int) -> Project | None:
    """'the project', 'the corridor': the project last named in the sentences before."""
    m = _ANAPHOR.match(view.text, pos + len(view.text[pos:]) - len(view.text[pos:].lstrip()))
    if not m:
        return None
    for v in reversed(ctx.sentences[max(0, view.index - 3):view.index]):
        ps = [x for x in v.mentions if x.kind == "project"]
        if ps:
            return Project(ps[-1].start, ps[-1].end, ps[-1].id, True)
    return None


def _subject_predicate(ctx, view, projects, countries) -> Iterator[Reading]:
    for m in _SUBJECT_PRED.finditer(view.text):
        subject = _list_before(ctx, view, countries, m.start())
        if not _ids(subject):
            # "Italy became the first G7 country to join": look past the organization
            subject = _list_before(ctx, view, [a for a in countries if a.kind == "country"], m.start())
        if not subject:
            continue
        targets = _project_after(ctx, view, projects, m.end())
        if not targets:
            strong = re.match(r"(?:particip|tak|took|join|member|partner|shareholder|part\b|involved)",
                              m.group(0), re.I)
            anaphor = _anaphor_project(ctx, view, m.end()) if strong else None
            if anaphor is None:
                continue
            targets = [anaphor]
        members = _ids(subject)
        # "A, together with B, ..." / "A develops P with B and C"
        last = targets[-1]
        w = re.match(r"\s*(?:\([^()]*\)\s*)?(?:together\s+|jointly\s+)?with\s+", ctx.text[last.end:view.end], re.I)
        if w and re.match(r"(?:build|develop|construct|financ|fund|implement|operat|launch|own)", m.group(0), re.I):
            members += _ids(_list_after(ctx, view, countries, view.local(last.end) + w.end(), gap=r"(?:the\s+)?"))
        mod = modality(view.text, m.start())
        if mod == "asserted" and re.search(r"\bno\b", m.group(0), re.I):
            mod = "negated"          # "has no stake in"
        yield members, targets, "participation.subject", m.start(), mod, None


def _members_lists(ctx, view, projects, countries) -> Iterator[Reading]:
    text = view.text
    for m in _MEMBERS_OF.finditer(text):
        targets = _project_after(ctx, view, projects, m.end())
        if not targets:
            continue
        lv = _LIST_VERB.match(text, view.local(targets[-1].end))
        if not lv:
            continue
        chunk, views = _list_or_items(ctx, view, countries, lv.end(), loose=True)
        if chunk:
            yield (_ids(chunk), targets, "participation.members_are", m.start(), modality(text, m.start()), views)
    for p in projects:
        lv = _OWN_LIST.match(text, view.local(p.end))
        if not lv:
            continue
        chunk, views = _list_or_items(ctx, view, countries, lv.end(), loose=True)
        if chunk:
            yield _ids(chunk), [p], "participation.members_are", view.local(p.start), \
                modality(text, view.local(p.start)), views


def _project_subject(ctx, view, projects, countries) -> Iterator[Reading]:
    text = view.text
    for p in projects:
        end = view.local(p.end)
        gap = _PROJECT_GAP.match(text, end)
        pos = gap.end()
        by = _BY_PRED.match(text, pos)
        if by:
            chunk = _list_after(ctx, view, countries, by.end(), gap=r"(?:the\s+|an?\s+|both\s+)*")
            if chunk:
                yield _ids(chunk), [p], "participation.built_by", pos, _project_modality(text, view, p, pos), None
            continue
        ob = _OBJ_PRED.match(text, pos)
        if not ob:
            continue
        if ob.group("together"):
            chunk, views = _list_or_items(ctx, view, countries, ob.end())
            if chunk:
                yield (_ids(chunk), [p], "participation.brings_together", pos,
                       _project_modality(text, view, p, pos), views)
        elif ob.group("connect"):
            chunk = _list_after(ctx, view, countries, ob.end())
            if chunk:
                w = re.match(r"\s*(?:with|to|and)\s+(?:the\s+)?", text[view.local(chunk[-1].end):])
                if w:
                    chunk += _list_after(ctx, view, countries, view.local(chunk[-1].end) + w.end(), gap="")
                yield _ids(chunk), [p], "participation.connects", pos, _project_modality(text, view, p, pos), None
        else:
            members = _route(ctx, view, countries, ob.end(), carry=bool(ob.group("carry")))
            if members:
                yield _ids(members), [p], "participation.route", pos, _project_modality(text, view, p, pos), None


def _route(ctx, view, countries, pos: int, carry: bool) -> list[Actor]:
    """'runs through A, B and C', 'carries gas from A through B and C to D'."""
    chunk = _list_after(ctx, view, countries, pos, gap=r"(?:the\s+)?")
    out = list(chunk)
    while chunk:
        rp = _ROUTE_PREP.match(view.text, view.local(chunk[-1].end))
        if not rp or (not carry and rp.group("prep").lower() not in ("to", "into", "and on to", "on to")):
            break
        chunk = _list_after(ctx, view, countries, rp.end(), gap="")
        out += chunk
    return out


def _project_modality(text: str, view: SentenceView, p: Project, pos: int) -> str:
    mod = modality(text, pos)
    if mod == "asserted" and (_PLANNED_BEFORE.search(text[:view.local(p.start)]) or
                              re.search(r"\bto be\b|\b(?:will|would|could|shall) be\b", text[view.local(p.end):pos])):
        return "planned"
    return mod


def _relative(ctx, view, projects, countries) -> Iterator[Reading]:
    text = view.text
    for p in projects:
        rel = re.match(r"\s*(?:\([^()]{1,40}\)\s*)?(?:(?:project|corridor|pipeline|railway)s?\s*)?,?\s*"
                       r"(?:in\s+which|which|that)\s+", text[view.local(p.end):])
        if not rel:
            continue
        pos = view.local(p.end) + rel.end()
        subject: list[str] = []
        after = pos
        it = re.match(r"(it|they|the two (?:countries|states|nations|governments|sides)|both (?:countries|sides))\s+",
                      text[pos:], re.I)
        if it:
            if it.group(1).lower() in ("it", "they"):
                owner = [a for a in countries if view.local(a.end) <= view.local(p.start)
                         and not ctx.is_place_or_topic(a) and a.via != "demonym" and a.kind == "country"]
                if it.group(1).lower() == "it" and owner:
                    subject = [owner[0].id]
            else:
                subject = _pair(ctx, view)
            after = pos + it.end()
        else:
            chunk = _list_after(ctx, view, countries, pos, gap=r"(?:the\s+)?")
            if chunk:
                subject = _ids(chunk)
                after = view.local(chunk[-1].end)
        if not subject:
            continue
        verb = _REL_VERB.match(text, after + len(text[after:]) - len(text[after:].lstrip()))
        if not verb:
            continue
        members = list(subject)
        w = re.match(r"\s*(?:together\s+|jointly\s+)?(?:\w+\s+){0,2}?(?:together\s+)?with\s+", text[verb.end():])
        if w:
            members += _ids(_list_after(ctx, view, countries, verb.end() + w.end(), gap=r"(?:the\s+)?"))
        yield members, [p], "participation.relative", verb.start(), modality(text, verb.start()), None


def _pair(ctx: DocContext, view: SentenceView) -> list[str]:
    return ctx.country_pair_before(view)


def _owners_and_names(ctx, view, projects, countries) -> Iterator[Reading]:
    text = view.text
    for p in projects:
        lp = view.local(p.start)
        mod = "planned" if _PLANNED_BEFORE.search(text[:lp]) else "asserted"
        # "China's Belt and Road Initiative": the possessive owner
        if p.kind not in ("other", "port"):
            for a in countries:
                if a.kind != "country" or a.via in ("demonym", "group", "focus") or a.end > p.start:
                    continue
                if re.fullmatch(r"(?:'s|’s)\s+(?:(?:own|flagship|ambitious|new|planned|proposed)\s+)?(?:the\s+)?",
                                ctx.text[a.end:p.start]):
                    yield [a.id], [p], "participation.owner", lp, mod, None
        # "the China–Pakistan Economic Corridor": countries named inside the name
        names = _countries_in_name(ctx, view, p, countries)
        if names:
            yield names, [p], "participation.name", lp, mod, None


def _countries_in_name(ctx: DocContext, view: SentenceView, p: Project, countries: list[Actor]) -> list[str]:
    written = ctx.text[p.start:p.end]
    if not _CHAIN_ONLY.search(written):
        return []
    inside = [a.id for a in countries if p.start <= a.start and a.end <= p.end
              and a.via in ("name", "alias")]
    if inside:
        return list(dict.fromkeys(inside))
    from diplograph.registry.load import get_registry
    reg = get_registry()
    found: list[str] = []
    # "Interconnector Greece", "Bulgaria": each dash-separated part may hold a country's name
    for part in re.split(r"\s?" + _DASH + r"\s?", written):
        words = re.findall(r"[A-Z][\w'’.]*", part)
        spans = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)]
        for c in sorted(spans, key=lambda c: -len(c)):
            hit = next((h for h in reg.lookup(c) if h[3] == "country" and h[2] in ("name", "alias")), None)
            if hit:
                found.append(hit[1])
                break
    return list(dict.fromkeys(found))


# The patterns run on whole sentences, behind exact prefilters (extract/prefilter.py): most
# sentences hold none of the words a pattern needs, and `in` tells that much faster.
TRIGGER = gate(TRIGGER)
_ANAPHOR = gate(_ANAPHOR)
_ELLIPSIS = gate(_ELLIPSIS)
_NAMED = gate(_NAMED)
_CHAIN_ONLY = gate(_CHAIN_ONLY)
_SUBJECT_PRED = gate(_SUBJECT_PRED)
_MEMBERS_OF = gate(_MEMBERS_OF)
_PLANNED_BEFORE = gate(_PLANNED_BEFORE)
