"""resolve._CAPS_WORD is written to open with a character class (fast to scan for); it must find
exactly what the plain form finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.registry import resolve

PLAIN = re.compile(r"(?<![\w-])[A-Z]{4,8}(?![\w-])")
PIECES = ["NATO", "OSCE", "ISESCO", "ABCDEFGHIJ", "A", "x", "1", "-", "_", " ", ",", "é", "É", "\n", "(", ")"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_caps_word_finds_what_the_plain_pattern_finds(text):
    assert [m.span() for m in resolve._CAPS_WORD.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]


def test_caps_word_examples():
    text = "NATO and the OSCE-led ISSECO talks; xUNESCO, ABCDEFGHI and ASEAN."
    assert [m.group(0) for m in resolve._CAPS_WORD.finditer(text)] == ["NATO", "ISSECO", "ASEAN"]
