"""The regex shortcuts (extract/prefilter.py) and the sentence-boundary scan must give exactly
what the plain regexes give: same matches, same spans, same groups."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.extract import (agreement, claim, common, context, cooperation, hosting, meeting,
                                membership, participation, partnership, sentences, visit)
from diplograph.extract.prefilter import Gated, fold, gate, match_anchors, required_literals

SENTENCES = [
    "The President of Chile paid a state visit to Norway on 3 May 2021 and held talks in Oslo.",
    "Portugal joined the European Union in 1986 and chaired its Council in 2007.",
    "Ghana will host the 12th Regional Trade Forum in Accra next year, the ministry said.",
    "Both countries signed a memorandum on energy cooperation and agreed to meet again.",
    "More than 80 embassies operate in the capital; about 12 were opened after 2015.",
    "Peru and Ecuador are partners in the Andean Corridor, a railway built by both states.",
    "It is not a member of the alliance, although it has worked with the bloc as a partner.",
    "THE TWO LEADERS MET IN HANOI ON TUESDAY.",
    "Sweden  hosted\nthe summit; it was held\tin Stockholm.",
    "Ministers from İzmir and the ſtate of Kelvin met in \u212aiev (a test of case folding).",
    "No cooperation on security was discussed, and no visit took place.",
    "",
    "a",
]


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace(" ", "  "), text.replace(" ", "\n"),
            text[: len(text) // 2], text[len(text) // 3:]]


def _gated_patterns() -> list[Gated]:
    out = []
    for module in (agreement, claim, common, context, cooperation, hosting, meeting, membership,
                   participation, partnership, visit):
        out += [v for v in vars(module).values() if isinstance(v, Gated)]
    return out


def _key(m):
    return None if m is None else (m.span(), m.groups())


def _same(g: Gated, text: str) -> None:
    r = g.regex
    assert _key(g.search(text)) == _key(r.search(text)), (r.pattern, text)
    assert [_key(m) for m in g.finditer(text)] == [_key(m) for m in r.finditer(text)], (r.pattern, text)
    assert _key(g.match(text)) == _key(r.match(text))
    assert g.findall(text) == r.findall(text)
    assert g.sub("#", text) == r.sub("#", text)


def test_rule_patterns_are_gated():
    gated = _gated_patterns()
    assert len(gated) > 50
    assert hosting.TRIGGER in gated and membership._AFTER in gated


@pytest.mark.parametrize("text", [v for s in SENTENCES for v in _variants(s)])
def test_gated_rule_patterns_match_like_the_regex(text):
    for g in _gated_patterns():
        _same(g, text)


WORDS = ["host", "held", "HELD", "met", "the", "two", "leaders", "in", "a", "an", "12", "3rd", "May",
         "visit", "İ", "ı", "ſ", "\u212a", "é", "É", "’s", "'s", ",", ".", ";", "-", "–", " ", "  ", "\n",
         "\t", "\xa0", "summit", "Summit", "member", "of", "the EU", "joined", "not", "will", "Forum"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25).map("".join))
def test_gated_rule_patterns_on_random_texts(text):
    for g in _gated_patterns():
        _same(g, text)


@pytest.mark.parametrize("pattern, flags, text", [
    (r"\bhost\w*", re.I, "The summit was HOſTED by Oman"),          # long s under IGNORECASE
    (r"\bvisit", re.I, "VİSİT"),                                      # dotted capital I
    (r"\bkey\b", re.I, "\u212aEY"),                                    # Kelvin sign
    (r"took place", 0, "it took  place"),                              # two spaces: no match
    (r"took\s+place", 0, "it took \n place"),
    (r"\b(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?summit\b", re.I, "the 12th  Summit and the summit"),
    (r"(?<![\w-])[A-Z]{4,8}(?![\w-])", 0, "NATO, OSCE-led, xNATO"),
    (r"\b(?:a|an|in)\s+(?:\d+|one)\b", re.I, "within an 80 and a one"),
])
def test_gate_on_tricky_texts(pattern, flags, text):
    g = gate(re.compile(pattern, flags))
    r = re.compile(pattern, flags)
    if isinstance(g, Gated):
        _same(g, text)
    assert [m.span() for m in g.finditer(text)] == [m.span() for m in r.finditer(text)]


def test_literals_and_anchors_are_read_from_the_pattern():
    rx = re.compile(r"\b(?:hosts?|held|took\s+place)\b", re.I)
    assert required_literals(rx) == {"host", "held", "took place"}
    assert match_anchors(rx) == {"host", "held", "took"}
    assert match_anchors(re.compile(r"(?:more than\s+)?\d+ visits")) == {"more", "\x00"}
    assert required_literals(re.compile(r"\w+")) is None        # nothing to test: no gate
    assert gate(re.compile(r"\w+")).__class__ is re.Pattern
    assert fold("VİSİT  of\n\tſtate") == "visit of state"


def test_a_prefilter_that_rules_a_text_out_saves_the_regex():
    g = gate(re.compile(r"\b(?:summit|forum)\b", re.I))
    assert not g.possible("Trade grew by a third between the two neighbours last year, officials said.")
    assert g.possible("The Forum opened on Monday in the capital of the host country, officials said.")


BOUNDARY_PIECES = ["Word", " ", "  ", "\t", "\n", "\n\n", " \n", "\r\n", ".", "!", "?", "...", '"', "”", ")",
                   "]", "U.S.", "e.g.", "\u2028", "\xa0", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=30).map("".join))
def test_sentence_boundary_scan_matches_the_regex(text):
    fast = [(m.span(), m.group(0)) for m in sentences._boundaries(text)]
    slow = [(m.span(), m.group(0)) for m in sentences._BOUNDARY.finditer(text)]
    assert fast == slow
