"""Property: whatever the wraps, hyphenation, blank lines and chrome, the cleaned text maps
back onto the original character for character, and no sentence is lost."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.text.clean import clean_text

# Plain lowercase words; none starts with a prefix that keeps its hyphen ("non", "self", ...)
# and none is a section label, so the expected output is fully determined.
VOCABULARY = """the of and to in that with for on by from at as a an its their this
minister capital treaty border trade talks energy pipeline railway corridor delegation
parliament summit partner agreement cooperation president government council investment
transport freight harbour ministry embassy ambassador delegate customs tariff grain
fertilizer machinery engineers tunnels financing ratify opposition parties details project
republic neighbours river basin dams upstream statement management committee review figures
terminals signed agreed discussed opened visited hosted joined expanded launched approved
water electricity shipping bridges airports students universities museums hospitals farms
northern southern eastern western regional bilateral annual historic strategic economic
january february october november monday tuesday yesterday recently jointly officially""".split()

_CHROME_TOP = ["Dailyherald.example", "+ ↺ − 16 px", "Politics", "A A A"]
_CHROME_BOTTOM = ["Share", "Whatsapp", "Facebook Twitter", "Print"]
_HEADLINES = ["Storm closes the mountain pass", "Football club wins the cup",
              "Prices rise again in the capital", "President"]


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=6, max_size=18, unique=True))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


@st.composite
def documents(draw):
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4),
                               min_size=1, max_size=5))
    width = draw(st.integers(min_value=35, max_value=90))
    body_lines: list[str] = []
    for p_index, paragraph in enumerate(paragraphs):
        words = " ".join(paragraph).split(" ")
        line = ""
        for word in words:
            if line and len(line) + 1 + len(word) > width:
                # maybe hyphenate the next word across the break
                if len(word) >= 8 and draw(st.booleans()):
                    cut = draw(st.integers(min_value=3, max_value=len(word) - 3))
                    body_lines.append(f"{line} {word[:cut]}-")
                    line = word[cut:]
                    continue
                body_lines.append(line)
                if draw(st.integers(0, 9)) == 0:
                    body_lines.append("")          # a stray blank line inside the paragraph
                line = word
            else:
                line = f"{line} {word}" if line else word
        body_lines.append(line)
        if p_index < len(paragraphs) - 1:
            body_lines.extend([""] * draw(st.integers(min_value=1, max_value=3)))
    top = []
    if draw(st.booleans()):
        title = "Neighbours sign a new partnership declaration"
        top = draw(st.permutations([_CHROME_TOP[0], title, title] + _CHROME_TOP[1:]))
        top = [title, title] + [t for t in top if t != title]
        if draw(st.booleans()):
            top.insert(0, _CHROME_TOP[0])
        top.append("13 December 2025, 14:12")
    bottom = []
    if draw(st.booleans()):
        bottom = draw(st.lists(st.sampled_from(_CHROME_BOTTOM), min_size=1, max_size=3))
        bottom += draw(st.lists(st.sampled_from(_HEADLINES), max_size=3))
    elif draw(st.booleans()):
        bottom = draw(st.lists(st.sampled_from(_HEADLINES), min_size=1, max_size=3))
    if draw(st.booleans()):
        body_lines = ["  " + l if l and draw(st.booleans()) else l for l in body_lines]
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    head = "".join(t + sep for t in top)
    body = "\n".join(body_lines)
    text = head + body + "".join(sep + b for b in bottom)
    return text, paragraphs, (len(head), len(head) + len(body))


def _nonspace(s: str) -> str:
    return re.sub(r"\s+", "", s)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.data())
def test_cleaned_text_maps_back_to_the_original(document, data):
    original, paragraphs, (body_start, body_end) = document
    result = clean_text(original, "en")
    text, offsets = result.text, list(result.offsets)
    assert len(offsets) == len(text)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert original[offsets[i]] == ch
        else:
            assert original[offsets[i]].isspace()
    # every sentence survives, in order, whatever was joined or dehyphenated
    flat = _nonspace(text)
    position = 0
    for paragraph in paragraphs:
        for sentence in paragraph:
            found = flat.find(_nonspace(sentence), position)
            assert found >= 0, sentence
            position = found
    # spans inside the article (a span that straddles removed chrome must include it): the
    # original span holds the same characters, less the removed hyphens
    removed_hyphens = {m.start() for m in re.finditer(r"-(?=\n)", original)}
    inside = [i for i, o in enumerate(offsets) if body_start <= o < body_end]
    if inside:
        first, last = inside[0], inside[-1]
        assert inside == list(range(first, last + 1))
        for _ in range(5):
            start = data.draw(st.integers(first, last))
            end = data.draw(st.integers(start + 1, last + 1))
            o_start, o_end = result.to_original(start, end)
            kept = "".join(ch for p, ch in enumerate(original[o_start:o_end], o_start)
                           if not ch.isspace() and p not in removed_hyphens)
            assert kept == _nonspace(text[start:end])
