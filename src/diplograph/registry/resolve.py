"""Context rules over one document's mentions, on top of the gazetteer.

find_mentions() = gazetteer mentions plus:
  (a) persons introduced by a title that names a country or organization ("Armenian Prime
      Minister Nikol Pashinyan", "President of the European Council Donald Tusk"), even when
      the registry does not know them;
  (b) in-document coreference: a later (or earlier) bare surname is the person introduced;
  (c) role mentions ("the Azerbaijani President", "the head of state") resolved to the office
      holder at the document date, from the document itself or the registry's leaders;
  (d) ambiguity: "Georgia" is the country unless the context is the U.S. state;
  (e) near-misspellings of organization full names ("North Atlantic Treatment Organization").
resolve_name() explains how a single name resolves (or why it does not).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher, get_close_matches

from ..model import Mention
from .gazetteer import Gazetteer, _Cand, get_gazetteer, preceded_by_other_given_name
from .load import ROLE_EQUIVALENTS, Registry, fold, get_registry, name_key

# ---------------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------------

_MINISTRIES = (r"economy|energy|finance|trade|justice|interior|internal\s+affairs|transport|"
               r"digital\s+development\s+and\s+transport|agriculture|education|science\s+and\s+education|"
               r"health|culture|ecology(?:\s+and\s+natural\s+resources)?|emergency\s+situations|"
               r"labou?r(?:\s+and\s+social\s+protection\s+of\s+population)?|youth\s+and\s+sports?|"
               r"tourism|industry|economic\s+development|infrastructure")
_TITLES: tuple[tuple[str, str], ...] = (
    (r"prime\s+minister|premier", "prime_minister"),
    (r"foreign\s+minister|minister\s+(?:of|for)\s+foreign\s+affairs|foreign\s+affairs\s+minister|"
     r"foreign\s+secretary|secretary\s+of\s+state", "foreign_minister"),
    (r"defen[cs]e\s+minister|minister\s+(?:of|for)\s+defen[cs]e", "defense_minister"),
    (rf"(?:{_MINISTRIES})\s+minister|minister\s+(?:of|for)\s+(?:the\s+)?(?:{_MINISTRIES})", "minister"),
    (r"minister", "minister"),
    (r"vice[\s-]+president", "vice_president"),
    (r"president", "president"),
    (r"crown\s+prince", "crown_prince"),
    (r"king", "king"),
    (r"queen", "queen"),
    (r"emir|amir", "emir"),
    (r"sultan", "sultan"),
    (r"chancellor", "chancellor"),
    (r"secretary[\s-]+general|general\s+secretary", "secretary_general"),
    (r"high\s+representative", "high_representative"),
    (r"chairman|chairwoman|chairperson|chair", "chair"),
    (r"speaker", "speaker"),
    (r"ambassador", "ambassador"),
    (r"head\s+of\s+state", "head_of_state"),
    (r"head\s+of\s+government", "head_of_government"),
    (r"leader", "leader"),
    (r"counterpart", "counterpart"),
)
_ROLE_OF_GROUP = {f"t{i}": role for i, (_, role) in enumerate(_TITLES)}
_TITLE_RE = re.compile(
    r"\b(?P<mod>(?:(?:former|then|outgoing|incoming|acting|interim|late|newly[\s-]+elected|"
    r"current|incumbent|first|deputy|vice|supreme)[\s-]+)*)"
    r"(?:" + "|".join(f"(?P<t{i}>{pattern})" for i, (pattern, _) in enumerate(_TITLES)) + r")\b",
    re.IGNORECASE)
# Cheap first pass on the folded text: the words every title contains.
_TITLE_KEYWORD = re.compile(r"\b(?:minister|premier|president|prince|king|queen|emir|amir|sultan|"
                            r"chancellor|secretary|representative|chair\w*|speaker|ambassador|"
                            r"head of|leader|counterpart)\b")
_FORMER_BEFORE = re.compile(r"\b(?:former|late|then|ex-?)\s*$", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_TO = re.compile(r"\s+to\s+", re.IGNORECASE)
# Between a title and a name: one space (or ", "), optional honorifics; never a line break,
# so a title at the end of a line does not swallow the next line ("... of Uzbekistan\nShare").
_NAME_LEAD = re.compile(r",? (?:(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|His Excellency|"
                        r"Her Excellency|Madam|Mme\.?) )*")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_PARTICLES = frozenset("al el bin ibn bint ben abu von van der den de da dos das du la le del di".split())
# Capitalized words that cannot start or continue a person's name right after a title.
# Words that end the name of an institution: capitalized words before them are its name.
_INSTITUTION_WORDS = frozenset("""
Assembly Committee Commission Court Bank Agency Service Services Party Union Organization Organisation
Congress Senate Chamber Duma Majlis Cabinet Department Fund Board Institute Centre Center Council
Parliament Ministry Office Administration Government Forum Summit Group Delegation
""".split())
_NAME_STOP = frozenset("""
The A An On In At And Of For With During Said Says Say Has Had Have Was Were Is Are Will Would
Also Who That This These Those His Her Their Its Our Mr Mrs Ms Dr Sir Madam
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow Last Next
Republic Federation Kingdom Government Ministry Office Administration Council Parliament State
States Summit Forum Minister Ministers President Presidents Prime Foreign Affairs Secretary General
Chairman Ambassador Embassy Visit Official Meeting Talks After Before Since Under As By From To
Into Upon Amid While When Where Speaking Addressing Welcomed Noted Stressed Emphasized Added
Assembly Committee Commission Court Bank Agency Service Services Party Union Organization Organisation
Congress Senate Chamber Duma Majlis Cabinet Department Fund Board Institute Centre Center Group
Delegation Side Cabinet Palace House Administration Headquarters Organization Union Commission
Counsellor Counselor Plenipotentiary Extraordinary Designate Emeritus Elect Office
""".split())
_CAPS_STOP = frozenset(w.upper() for w in _NAME_STOP)

# Titles that name a role the registry can answer for (counterpart, chair... are too vague).
_ROLE_LOOKUP = frozenset(("president", "prime_minister", "foreign_minister", "king", "queen", "emir",
                          "sultan", "chancellor", "secretary_general", "head_of_state",
                          "head_of_government", "leader", "vice_president", "crown_prince",
                          "defense_minister", "high_representative"))

# ---------------------------------------------------------------------------------------------
# Ambiguous names: (entity id, cues that say it is something else, cues that confirm it, reading)
# ---------------------------------------------------------------------------------------------

_AMBIGUOUS = {
    "GEO": (
        re.compile(r"\b(?:Atlanta|Savannah|Macon|Peach State|U\.\s?S\.\s+state|US\s+state|American\s+state|"
                   r"state\s+of\s+Georgia|Georgia\s+state\b(?!\s+of)|Governor\s+of\s+Georgia|Georgia(?:'s|’s)?\s+[Gg]overnor|"
                   r"Gov\.|Georgia\s+Tech|University\s+of\s+Georgia|Georgia,\s+(?:USA|U\.S\.|US)\b|"
                   r"[Cc]ount(?:y|ies)|Alabama|Florida|Tennessee|South\s+Carolina|North\s+Carolina|"
                   r"Fulton|Brian\s+Kemp|Stacey\s+Abrams|Georgia\s+(?:Senate|House\s+of\s+Representatives|"
                   r"Republicans?|Democrats?|voters?|primary))"),
        re.compile(r"\b(?:Tbilisi|Georgian|Georgians|Caucasus|Caucasian|Batumi|Kutaisi|Poti|Abkhazia|"
                   r"South\s+Ossetia|Tskhinvali|Sukhumi|Black\s+Sea|Azerbaijan|Armenia|Russia|Türkiye|"
                   r"Turkey|Ukraine|Georgian\s+Dream|Kobakhidze|Zourabichvili|Kavelashvili|Garibashvili|"
                   r"Ivanishvili|Saakashvili|Lari)\b"),
        "the U.S. state",
    ),
}
_AMBIGUITY_WINDOW = 300

# ---------------------------------------------------------------------------------------------
# Organization misspellings
# ---------------------------------------------------------------------------------------------

_ORG_TAIL = re.compile(
    r"\b(?:Organi[sz]ations?|Council|Union|Movement|Community|Alliance|Assembly|Conference|"
    r"Co-?operation|Bank|Fund|Forum|Agency|Commission|League|Association|Court|Partnership|"
    r"Parliament|Programme|Program|Treaty|Nations|States|Countries|Pact|Initiative|Secretariat|"
    r"Institute|Committee)\b")
_TAIL_SYNONYMS = {"organisation": "organization", "organisations": "organizations",
                  "programme": "program", "co operation": "cooperation"}
_FUZZY_MIN = 0.87
_FUZZY_MARGIN = 0.03


def _tail_key(key: str) -> str:
    for variant, canonical in _TAIL_SYNONYMS.items():
        key = key.replace(variant, canonical)
    return key


class _OrgMatcher:
    """Close spellings of multiword organization names."""

    def __init__(self, registry: Registry):
        self.by_tail: dict[str, list[tuple[str, str]]] = {}
        for entity in registry.by_kind("org"):
            surfaces = [entity.name, *entity.aliases, *(f["name"] for f in entity.former)]
            for surface in surfaces:
                key = _tail_key(name_key(surface))
                if key.count(" ") >= 1:
                    self.by_tail.setdefault(key.rsplit(" ", 1)[1], []).append((key, entity.id))
        self.cache: dict[str, tuple[str, float, str] | None] = {}

    def match(self, phrase: str) -> tuple[str, float, str] | None:
        """(org id, ratio, registered key) when `phrase` is close to exactly one org name."""
        key = _tail_key(name_key(phrase))
        if key in self.cache:
            return self.cache[key]
        result = None
        words = key.split()
        candidates = self.by_tail.get(words[-1], []) if words else []
        if candidates and len(words) >= 2:
            best: dict[str, tuple[float, str]] = {}
            for drop in range(0, len(words) - 1):
                probe = " ".join(words[drop:])
                for cand_key, org_id in candidates:
                    if abs(len(cand_key) - len(probe)) > 0.25 * len(cand_key):
                        continue
                    matcher = SequenceMatcher(None, probe, cand_key, autojunk=False)
                    if matcher.real_quick_ratio() < _FUZZY_MIN or matcher.quick_ratio() < _FUZZY_MIN:
                        continue
                    ratio = matcher.ratio()
                    if ratio >= _FUZZY_MIN and ratio > best.get(org_id, (0.0, ""))[0]:
                        best[org_id] = (ratio, cand_key)
            if best:
                ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
                top_id, (top_ratio, top_key) = ranked[0]
                unique = len(ranked) == 1 or ranked[1][1][0] < top_ratio - _FUZZY_MARGIN
                if unique and _words_align(key, top_key):
                    result = (top_id, top_ratio, top_key)
        self.cache[key] = result
        return result


def _word_close(a: str, b: str) -> bool:
    if a == b:
        return True
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    if prefix >= 4 and prefix * 2 >= min(len(a), len(b)):
        return True                            # "treatment" for "treaty"
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.75


def _words_align(phrase_key: str, registered_key: str) -> bool:
    """Each word of the registered name is matched by a close word in the phrase (so "Asian
    Development Bank" is not a misspelling of "African Development Bank")."""
    words = registered_key.split()
    phrase = phrase_key.split()[-len(words):]
    if len(phrase) != len(words):
        return SequenceMatcher(None, phrase_key, registered_key, autojunk=False).ratio() >= 0.93
    return all(_word_close(a, b) for a, b in zip(phrase, words))


def _org_matcher(gazetteer: Gazetteer) -> _OrgMatcher:
    matcher = getattr(gazetteer, "_org_matcher", None)
    if matcher is None:
        matcher = _OrgMatcher(gazetteer.registry)
        gazetteer._org_matcher = matcher  # cached with the gazetteer, i.e. per registry
    return matcher


# ---------------------------------------------------------------------------------------------
# One document
# ---------------------------------------------------------------------------------------------

@dataclass
class _Person:
    id: str
    country: str | None
    role: str | None
    pos: int
    surname_key: str


@functools.lru_cache(maxsize=2048)
def _office_holders(registry: Registry, place: str, role: str, date: str | None,
                    place_kind: str | None) -> tuple[str, ...]:
    """Registry.office_holders, remembered: it reads every person's terms, and a corpus asks
    the same few roles at the same dates again and again."""
    return tuple(registry.office_holders(place, role, date, place_kind))


class _Document:
    def __init__(self, text: str, date: str | None, registry: Registry, gazetteer: Gazetteer):
        self.text = text
        self.date = date
        self.registry = registry
        self.gazetteer = gazetteer
        self.mentions: list[Mention] = gazetteer.find(text, date)
        self.folded = fold(text)
        self.persons: list[_Person] = []

    # -- helpers --
    def _index(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_start = {m.start: i for i, m in enumerate(self.mentions)}
        self.by_end = {m.end: i for i, m in enumerate(self.mentions)}

    def _overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        if k and self.mentions[k - 1].end > start:
            return True
        return k < len(self.starts) and self.starts[k] < end

    def _covering_kind(self, start: int, end: int) -> str | None:
        k = bisect.bisect_right(self.starts, start)
        if k and self.mentions[k - 1].end >= end:
            return self.mentions[k - 1].kind
        return None

    def run(self) -> list[Mention]:
        self._ambiguity()
        self._index()
        self._titles()
        self._coreference()
        self._misspelled_orgs()
        self._misspelled_acronyms()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        return self.mentions

    # (d) ambiguous names
    def _ambiguity(self) -> None:
        kept = []
        for mention in self.mentions:
            rule = _AMBIGUOUS.get(mention.id) if mention.kind == "country" else None
            if rule and mention.via in ("name", "alias") and _other_reading(self.text, mention.start, mention.end, rule):
                continue
            kept.append(mention)
        self.mentions = kept

    # (a) + (c) titles
    def _title_matches(self) -> list[re.Match]:
        """Title matches, found by running the full title pattern only around keyword hits."""
        text, folded = self.text, self.folded
        found: dict[int, re.Match] = {}
        for hit in _TITLE_KEYWORD.finditer(folded):
            k = hit.start()
            # try the word starts up to 60 characters back (modifiers and "prime", "vice", ...)
            starts = [k]
            i = k - 1
            while i > max(0, k - 60) and len(starts) < 6:
                j = folded.rfind(" ", 0, i)
                if j + 1 < i:
                    starts.append(j + 1)       # a word starts after the space (or at 0)
                if j < 0:
                    break
                i = j
            for start in sorted(starts):
                match = _TITLE_RE.match(text, start)
                if match and match.end() > k:
                    found.setdefault(match.start(), match)
                    break
        return [found[k] for k in sorted(found)]

    def _titles(self) -> None:
        text = self.text
        new: list[Mention] = []
        updates: dict[int, Mention] = {}
        for match in self._title_matches():
            t_start, t_end = match.start(), match.end()
            role = _ROLE_OF_GROUP[match.lastgroup or ""]
            mod = match.group("mod").lower()
            if "deputy" in mod:
                role = "deputy_" + role
            elif "vice" in mod and role != "vice_president":
                role = "vice_" + role
            former = "former" in mod or "late" in mod or "then" in mod.split()
            title_core = t_start + len(match.group("mod"))
            if self._overlaps(t_start, t_end):
                continue
            anchor = self._anchor_before(title_core)
            if anchor is not None and _FORMER_BEFORE.search(text, max(0, anchor.start - 12), anchor.start):
                former = True                  # "the former Azerbaijani President"
            after = t_end
            if anchor is None:
                found = self._anchor_after(t_end)
                if found is not None:
                    anchor, after = found
            if role == "ambassador":
                skipped = self._anchor_after(after, _TO)
                if skipped is not None:
                    after = skipped[1]
            place = anchor.id if anchor is not None and anchor.kind in ("country", "org") else None
            name = self._name_after(after)
            if name is None:
                if former or not role:
                    continue
                person = self._role_holder(place, role, t_start, anchor is not None,
                                           anchor.kind if anchor is not None else None)
                if person is not None:
                    new.append(Mention(title_core, t_end, text[title_core:t_end], person.id, "person",
                                       "role", person.country))
                continue
            kind, start, end, value = name
            if kind == "mention":
                index = value
                mention = updates.get(index, self.mentions[index])
                if mention.country is None and place is not None:
                    mention = replace(mention, country=place)
                    updates[index] = mention
                self.persons.append(_Person(mention.id, mention.country, role, mention.start,
                                            self._surname_key(mention.id)))
                continue
            if anchor is None and not text[title_core].isupper():
                continue                      # "the president Aliyev" needs a capital title
            person_id = self._person_id(value)
            country = place
            if country is None and self.registry.get(person_id, "person") is not None:
                country = self.registry.person_country(person_id, self.date) or \
                    self.registry.person_country(person_id)
            new.append(Mention(start, end, text[start:end], person_id, "person", "title", country))
            self.persons.append(_Person(person_id, country, role, start, self._surname_key(person_id, value)))
        for index, mention in updates.items():
            self.mentions[index] = mention
        for mention in self.mentions:
            if mention.kind == "person" and mention.via != "surname" and \
                    not any(p.pos == mention.start for p in self.persons):
                roles = self.registry.person_roles(mention.id, self.date)
                self.persons.append(_Person(mention.id, mention.country, roles[0] if roles else None,
                                            mention.start, self._surname_key(mention.id)))
        if new:
            self.mentions.extend(new)
            self._index()
        self.persons.sort(key=lambda p: p.pos)

    def _anchor_before(self, title_start: int) -> Mention | None:
        text = self.text
        for gap in (1, 3, 2):                  # "Azerbaijani President", "Azerbaijan's President", "Azerbaijans' "
            index = self.by_end.get(title_start - gap)
            if index is None:
                continue
            between = text[title_start - gap:title_start]
            if between in (" ", "'s ", "’s ", "' ", "’ ") or (gap == 1 and between.isspace()):
                mention = self.mentions[index]
                if mention.kind in ("country", "org", "group"):
                    return mention
        return None

    def _anchor_after(self, pos: int, connector: re.Pattern = _OF) -> tuple[Mention, int] | None:
        match = connector.match(self.text, pos)
        if not match:
            return None
        p = match.end()
        index = self.by_start.get(p)
        if index is None and self.text[p:p + 4].lower() == "the ":
            index = self.by_start.get(p + 4)
        if index is None:
            return None
        mention = self.mentions[index]
        if mention.kind not in ("country", "org"):
            return None
        return mention, mention.end

    def _name_after(self, pos: int):
        """A person's name right after a title: ("mention", start, end, index) when a registry
        person starts there, ("name", start, end, text) for capitalized tokens, else None."""
        text = self.text
        lead = _NAME_LEAD.match(text, pos)
        if not lead:
            return None
        p = lead.end()
        index = self.by_start.get(p)
        if index is not None:
            mention = self.mentions[index]
            if mention.kind == "person":
                return ("mention", mention.start, mention.end, index)
            return None
        tokens: list[tuple[int, int]] = []
        while len(tokens) < 6:
            match = _NAME_TOKEN.match(text, p)
            if not match:
                break
            word = match.group()
            core = word
            possessive = False
            for suffix in ("'s", "’s", "'", "’"):
                if core.endswith(suffix):
                    core, possessive = core[: -len(suffix)], True
                    break
            core = core.rstrip("-")
            if not core or (p in self.by_start and self.mentions[self.by_start[p]].kind != "person"):
                break
            if core[0].isupper():
                if core in _INSTITUTION_WORDS and tokens:
                    return None                # "the Hungarian National Assembly": an institution, not a name
                if core in _NAME_STOP or (core.isupper() and (len(core) > 1 and core in _CAPS_STOP)):
                    break
                tokens.append((p, p + len(core)))
            elif core.lower() in _PARTICLES and tokens:
                tokens.append((p, p + len(core)))
            else:
                break
            end = p + len(word)
            if possessive or text[end:end + 1] != " ":
                break
            p = end + 1
        while tokens and text[tokens[-1][0]].islower():
            tokens.pop()                       # a name does not end with "bin" or "von"
        if not tokens:
            return None
        start, end = tokens[0][0], tokens[-1][1]
        return ("name", start, end, " ".join(text[start:end].split()))

    def _surname_key(self, person_id: str, written: str | None = None) -> str:
        entity = self.registry.get(person_id, "person")
        if entity is not None and entity.surname:
            return name_key(entity.surname)
        words = (written or person_id).split()
        return name_key(words[-1]) if words else ""

    def _person_id(self, name: str) -> str:
        registry = self.registry
        for _, entity_id, _via, kind in registry.lookup(name):
            if kind == "person":
                return entity_id
        words = name.split()
        candidates = registry.persons_by_surname(words[-1])
        if len(words) > 1:
            first = name_key(words[0])
            candidates = [c for c in candidates if name_key(c.split()[0]) == first]
        if not candidates:
            return name
        if len(candidates) > 1 and self.date:
            in_office = [c for c in candidates if registry.person_country(c, self.date)]
            candidates = in_office or candidates
        return candidates[0]

    def _role_holder(self, place: str | None, role: str, pos: int, anchored: bool,
                     place_kind: str | None = None) -> _Person | None:
        if role not in _ROLE_LOOKUP:
            return None
        wanted = ROLE_EQUIVALENTS.get(role, (role,))
        if not anchored:
            # "the head of state": only as anaphora, after the text's article
            if self.text[max(0, pos - 4):pos].lower() != "the ":
                return None
        for person in reversed(self.persons):
            if person.pos >= pos:
                continue
            if place is not None and person.country != place:
                continue
            if person.role in wanted or person.role == role:
                return person
        if place is None:
            return None
        holders = _office_holders(self.registry, place, role, self.date, place_kind)
        if not holders:
            return None
        return _Person(holders[0], place, role, pos, self._surname_key(holders[0]))

    # (b) surnames
    def _coreference(self) -> None:
        if not self.persons:
            return
        by_key: dict[str, list[_Person]] = {}
        for person in self.persons:
            if person.surname_key and len(person.surname_key) >= 2:
                by_key.setdefault(person.surname_key, []).append(person)
        if not by_key:
            return
        # re-resolve surnames the gazetteer took from the registry when the text introduced someone
        for i, mention in enumerate(self.mentions):
            if mention.kind == "person" and mention.via == "surname":
                person = _nearest(by_key.get(name_key(mention.text)), mention.start)
                if person is not None and person.id != mention.id:
                    self.mentions[i] = replace(mention, id=person.id, country=person.country)
        folded = self.folded
        size = len(folded)
        new = []
        for key, persons in by_key.items():
            start = folded.find(key)
            while start >= 0:
                end = start + len(key)
                # whole words only: folded text has a space wherever the original is not alphanumeric
                if (start == 0 or folded[start - 1] == " ") and (end == size or folded[end] == " "):
                    written = self.text[start:end]
                    if (written[:1].isupper() or written.split()[-1][:1].isupper()) and \
                            not self._overlaps(start, end):
                        person = _nearest(persons, start)
                        if not preceded_by_other_given_name(self.text, start, self._own_words(person.id)):
                            new.append(Mention(start, end, written, person.id, "person", "surname",
                                               person.country))
                start = folded.find(key, end)
        if new:
            self.mentions.extend(new)
            self._index()

    def _own_words(self, person_id: str) -> set[str]:
        entity = self.registry.get(person_id, "person")
        names = [entity.name, *entity.aliases] if entity is not None else [person_id]
        return {w for n in names for w in name_key(n).split()}

    # (e) organization misspellings
    def _misspelled_orgs(self) -> None:
        text = self.text
        matcher = None
        new: list[Mention] = []
        for match in _ORG_TAIL.finditer(text):
            t_start, t_end = match.span()
            if self._overlaps(t_start, t_end) and self._covering_kind(t_start, t_end) not in ("country", "group", "city"):
                continue                       # already a known organization, person, event...
            start = _phrase_start(text, t_start)
            if start is None:
                continue
            if matcher is None:
                matcher = _org_matcher(self.gazetteer)
            found = matcher.match(text[start:t_end])
            if found is None:
                continue
            org_id, _ratio, registered = found
            # start the mention where the matched words start (a leading sentence word may be dropped)
            n_words = registered.count(" ") + 1
            phrase_words = list(re.finditer(r"\S+", text[start:t_end]))
            if len(phrase_words) > n_words:
                start += phrase_words[len(phrase_words) - n_words].start()
            inside = [m for m in self.mentions if m.start >= start and m.end <= t_end]
            if any(m.kind in ("org", "person") for m in inside):
                continue
            for m in inside:
                self.mentions.remove(m)
            new.append(Mention(start, t_end, text[start:t_end], org_id, "org", "fuzzy"))
            self._index()
        if new:
            self.mentions.extend(new)
            self._index()


    def _misspelled_acronyms(self) -> None:
        """An unknown all-capitals word one typing slip away from exactly one organization's
        acronym ("ISSECO" for ISESCO), in a stretch of text that names other organizations:
        lists of organizations are where such slips are read past by everyone but a machine."""
        index = _acronym_deletions(self.registry)
        orgs = [m for m in self.mentions if m.kind == "org"]
        if not orgs:
            return
        new = []
        for match in _CAPS_WORD.finditer(self.text):
            start, end = match.span()
            word = match.group(0)
            if self._overlaps(start, end) or word in index.exact:
                continue
            if not any(abs(o.start - start) < 200 for o in orgs):
                continue
            ids = {org for variant in _deletions(word) | {word} for org in index.by_variant.get(variant, ())}
            if len(ids) == 1:
                new.append(Mention(start, end, word, ids.pop(), "org", "fuzzy"))
        if new:
            self.mentions.extend(new)
            self._index()


# (?<![\w-])[A-Z]{4,8}(?![\w-]) written to open with a character class, which the regex engine
# scans for quickly: the look-behind after the first letter checks the character before it.
_CAPS_WORD = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{3,7}(?![\w-])")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@dataclass
class _AcronymIndex:
    exact: set[str]
    by_variant: dict[str, set[str]]


@functools.lru_cache(maxsize=4)
def _acronym_deletions(registry: Registry) -> _AcronymIndex:
    """Symmetric-delete index of organization acronyms: two words within one deletion, insertion,
    substitution or swap of each other share a variant."""
    exact: set[str] = set()
    by_variant: dict[str, set[str]] = {}
    for entity in registry.by_kind("org"):
        for acronym in entity.acronyms:
            if len(acronym) < 4 or not acronym.isupper():
                continue
            exact.add(acronym)
            for variant in _deletions(acronym) | {acronym}:
                by_variant.setdefault(variant, set()).add(entity.id)
    return _AcronymIndex(exact, by_variant)


_CONNECTORS = frozenset(("of", "for", "and", "the", "on", "in", "&"))


def _phrase_start(text: str, tail_start: int) -> int | None:
    """Start of the capitalized name phrase that ends with the word at `tail_start`
    ("North Atlantic Treatment" before "Organization"), or None without one."""
    window = text[max(0, tail_start - 160):tail_start]
    if not window.endswith(" "):
        return None
    tokens = window[:-1].split(" ")
    taken: list[str] = []
    for token in reversed(tokens):
        if not token or not (token in _CONNECTORS or (token[0].isupper() and token.replace("-", "").replace("'", "").replace("’", "").isalnum())):
            break
        taken.append(token)
        if len(taken) >= 9:
            break
    while taken and (taken[-1] in _CONNECTORS or taken[-1] == "The"):
        taken.pop()                            # the phrase starts with a capitalized word
    if not taken:
        return None
    length = sum(len(t) + 1 for t in taken)
    return tail_start - length


def _nearest(persons: list[_Person] | None, pos: int) -> _Person | None:
    """The person introduced closest before `pos`, else the first one after it."""
    if not persons:
        return None
    before = [p for p in persons if p.pos <= pos]
    if before:
        return before[-1]
    return persons[0]


def _other_reading(text: str, start: int, end: int, rule) -> str | None:
    """The cue that makes an ambiguous name mean something else here, or None."""
    other, confirm, _reading = rule
    lo, hi = max(0, start - _AMBIGUITY_WINDOW), min(len(text), end + _AMBIGUITY_WINDOW)
    window = text[lo:hi]
    center = start - lo
    other_hits = [(abs(m.start() - center), m.group()) for m in other.finditer(window)]
    if not other_hits:
        return None
    confirm_hits = [abs(m.start() - center) for m in confirm.finditer(window)
                    if not (lo + m.start() >= start and lo + m.end() <= end)]
    nearest_other = min(other_hits)
    if confirm_hits and min(confirm_hits) < nearest_other[0]:
        return None
    return nearest_other[1]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

def find_mentions(text: str, date: str | None = None, registry: Registry | None = None) -> list[Mention]:
    """Every mention in a document: registry names plus the context rules above, sorted."""
    reg = registry if registry is not None else get_registry()
    return _Document(text, date, reg, get_gazetteer(registry)).run()


@dataclass
class Resolution:
    text: str
    id: str | None
    kind: str | None
    name: str | None
    why: str
    country: str | None = None        # the country a person or city stands for, when known


def resolve_name(text: str, context: str | None = None, date: str | None = None,
                 registry: Registry | None = None) -> Resolution:
    """What one written name refers to, with the reason. `context` (the surrounding text) is used
    for ambiguous names and for surnames introduced there."""
    reg = registry if registry is not None else get_registry()
    gazetteer = get_gazetteer(registry)
    written = text.strip()
    core = re.sub(r"(?:'s|’s|'|’)$", "", written)
    if core.lower().startswith("the ") and not reg.lookup(core):
        core = core[4:]
    if not core:
        return Resolution(text, None, None, None, "empty name")

    # 1. a registered surface, as written
    hits = [h for h in reg.lookup(core) if _Cand(h[1], h[3], h[2], h[0]).case_ok(core)]
    if not hits and reg.lookup(core):
        return _unresolved_case(text, core, reg.lookup(core), reg)
    if hits:
        return _from_hits(text, core, hits, context, date, reg)

    # 2. persons in the context: "Mattarella" after "Italian President Sergio Mattarella"
    if context:
        for mention in find_mentions(context, date, registry):
            if mention.kind == "person" and (name_key(mention.text) == name_key(core) or
                                             name_key(mention.id).endswith(" " + name_key(core)) or
                                             name_key(mention.id) == name_key(core)):
                return Resolution(text, mention.id, "person", mention.id,
                                  f"person introduced in the context ({mention.via}: {mention.text!r})",
                                  mention.country)

    # 3. a close spelling of an organization's full name
    found = _org_matcher(gazetteer).match(core)
    if found is not None:
        org_id, ratio, registered = found
        entity = reg.get(org_id, "org")
        return Resolution(text, org_id, "org", entity.name if entity else org_id,
                          f"close spelling ({ratio:.2f}) of the organization name {registered!r}")

    # 4. a name inside the text (titles, "the Azerbaijani President", ...)
    mentions = find_mentions(core, date, registry)
    persons = sorted((m for m in mentions if m.kind == "person"),
                     key=lambda m: m.via not in ("title", "role"))
    covering = persons or [m for m in mentions if (m.end - m.start) >= 0.6 * len(core)]
    if covering:
        m = covering[0] if persons else max(covering, key=lambda m: m.end - m.start)
        entity = reg.get(m.id, m.kind)
        return Resolution(text, m.id, m.kind, entity.name if entity else m.id,
                          f"found in the text as {m.via} ({m.text!r})", m.country)

    # 5. a close spelling of any registered name, when only one entity is that close
    key = name_key(core)
    if len(key) >= 5:
        index = reg._surfaces()
        close = get_close_matches(key, list(index), n=4, cutoff=0.88)
        ids = {(kind, entity_id) for k in close for _, entity_id, _, kind in index[k]}
        if len(ids) == 1:
            kind, entity_id = ids.pop()
            entity = reg.get(entity_id, kind)
            return Resolution(text, entity_id, entity.kind, entity.name,
                              f"close spelling of {close[0]!r}", _country_of(entity, date, reg))
        if len(ids) > 1:
            return Resolution(text, None, None, None,
                              f"ambiguous close spellings: {sorted(i for _, i in ids)}")
    return Resolution(text, None, None, None, "no registry name matches")


def _unresolved_case(text: str, core: str, hits: list, reg: Registry) -> Resolution:
    surfaces = sorted({h[0] for h in hits})
    return Resolution(text, None, None, None,
                      f"{core!r} matches {surfaces} only with a different capitalization")


_VIA_WORDS = {"name": "name", "alias": "alias", "acronym": "acronym", "demonym": "demonym",
              "former": "former name", "capital": "capital city", "surname": "surname"}


def _from_hits(text: str, core: str, hits: list, context: str | None, date: str | None,
               reg: Registry) -> Resolution:
    cands = [_Cand(entity_id, kind, via, surface) for surface, entity_id, via, kind in hits]
    cands.sort(key=lambda c: c.rank)
    best = cands[0]
    entity = reg.get(best.entity_id, best.kind)
    rule = _AMBIGUOUS.get(entity.id) if entity.kind == "country" else None
    if rule and context and best.via in ("name", "alias"):
        cue = _cue_in(context, core, rule)
        if cue:
            return Resolution(text, None, None, None,
                              f"{core!r} here is {rule[2]}, not the country ({cue!r} in the context)")
    if entity.kind == "person" and best.via == "surname":
        persons = [c for c in cands if c.kind == "person" and c.via == "surname"]
        if len(persons) > 1 and date:
            in_office = [c for c in persons if reg.person_country(c.entity_id, date)]
            if len(in_office) == 1:
                best = in_office[0]
                entity = reg.get(best.entity_id, "person")
    why = f"{_VIA_WORDS.get(best.via, best.via)} of {entity.name}"
    if best.via == "former":
        years = next((f for f in entity.former if name_key(f["name"]) == name_key(core)), None)
        if years:
            why += f" (used {years.get('from') or '…'}–{years.get('to') or '…'})"
    others = sorted({c.entity_id for c in cands if c.rank == best.rank and
                     (c.entity_id, c.kind) != (best.entity_id, best.kind)})
    if others:
        why += f"; also {others}"
    return Resolution(text, entity.id, entity.kind, entity.name, why, _country_of(entity, date, reg))


def _cue_in(context: str, core: str, rule) -> str | None:
    position = context.find(core)
    if position < 0:
        position = fold(context).find(fold(core))
    if position < 0:
        other, confirm, _ = rule
        hit = other.search(context)
        if hit and not confirm.search(context):
            return hit.group()
        return None
    return _other_reading(context, position, position + len(core), rule)


def _country_of(entity, date: str | None, reg: Registry) -> str | None:
    if entity.kind == "country":
        return entity.id
    if entity.kind == "city":
        return entity.country
    if entity.kind == "person":
        return (reg.person_country(entity.id, date) if date else None) or reg.person_country(entity.id)
    return None


def resolve_country(text: str, context: str | None = None, date: str | None = None,
                    registry: Registry | None = None) -> str | None:
    """The country id a name stands for: a country itself, a city's country, a person's
    country (in office at `date`), else None."""
    return resolve_name(text, context, date, registry).country
