"""Each cleaning rule on small texts written for the purpose."""
import time

import pytest

from diplograph.text.clean import clean_text

BODY_1 = ("The presidents of the two republics met in the capital on Monday and signed a "
          "declaration on strategic partnership covering energy, transport and trade.")
BODY_2 = ("Both leaders said the new corridor would cut freight times by a third and open "
          "markets further east for farmers and manufacturers in both countries.")
BODY_3 = ("The next round of talks is planned for the autumn in the other capital, where the "
          "ministers of economy are expected to sign a customs protocol.")


def clean(text: str, language: str | None = "en") -> str:
    result = clean_text(text, language)
    check_map(text, result)
    return result.text


def check_map(original: str, result) -> None:
    offsets = list(result.offsets)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    for i, ch in enumerate(result.text):
        if ch.isspace():
            assert original[offsets[i]].isspace(), (i, original[offsets[i]])
        else:
            assert original[offsets[i]] == ch


# -- hard wraps --------------------------------------------------------------------------

WRAPPED = """The foreign ministers of the two
neighbouring states met in the border
town on Tuesday to discuss a water
sharing agreement for the river basin.
The talks lasted for five hours and
ended with a joint statement on the
management of the dams upstream.

A second round is expected in the
spring, both delegations said after
the meeting in the evening."""


def test_lines_inside_a_paragraph_are_joined_with_one_space():
    text = clean(WRAPPED)
    first, second = text.split("\n\n")
    assert first.startswith("The foreign ministers of the two neighbouring states met in the border")
    assert "upstream." in first and "\n" not in first
    assert second == ("A second round is expected in the spring, both delegations said after "
                      "the meeting in the evening.")


def test_joined_line_break_maps_to_the_newline():
    result = clean_text(WRAPPED, "en")
    i = result.text.index("two neighbouring") + 3
    assert result.text[i] == " " and WRAPPED[result.offsets[i]] == "\n"


def test_blank_line_mid_sentence_is_joined():
    text = ("The volume of trade between the two states has grown quickly and the value of\n\n"
            "exports doubled in a year. Shipments of grain, fertilizer and\n\n"
            "machinery rose, as did imports from the northern neighbour, the largest of\n\n"
            "Europe's partners,\n\n"
            "Finland and Norway included.\n\n"
            "This paragraph is separate and starts with a capital after a full stop.")
    paragraphs = clean(text).split("\n\n")
    assert len(paragraphs) == 2
    assert "value of exports doubled" in paragraphs[0]
    assert "fertilizer and machinery" in paragraphs[0]
    assert "largest of Europe's partners, Finland and Norway" in paragraphs[0]


def test_blank_line_after_full_width_line_in_wrapped_text_is_joined():
    text = ("The ruler of the region kept a careful balance between the\n"
            "great powers of the day and the small states on the coast of\n"
            "the sea, among them the ancient kingdom of Caucasian\n\n"
            "Albania, which kept its own envoys at the court of the shah.\n"
            "The envoys travelled widely.")
    assert "Caucasian Albania, which" in clean(text)


def test_heading_broken_over_short_lines_is_one_line():
    text = (" The  new  partnership \n"
            "between  neighbours  and \n\n"
            "the  wider  region\n"
            "The two governments have agreed on a framework for closer ties in\n"
            "trade, energy and culture, and the first projects under it are set\n"
            "to begin next year with money from both national budgets.\n")
    text_out = clean(text)
    assert text_out.startswith("The new partnership between neighbours and the wider region\n")
    assert "ties in trade, energy" in text_out


def test_lines_of_web_text_stay_paragraphs():
    text = "Title of the page\n" + BODY_1 + "\n" + BODY_2 + "\n"
    assert clean(text) == f"Title of the page\n{BODY_1}\n{BODY_2}"


def test_web_line_that_stops_mid_sentence_is_joined():
    text = ("The republic is a member of several international organizations\n"
            "(the United Nations, the regional security body) and of trade groups.\n"
            "A new paragraph.")
    assert clean(text).startswith(
        "The republic is a member of several international organizations (the United")


def test_list_items_stay_on_their_own_lines():
    text = ("The tasks of the ministry can be listed as follows:\n"
            "- the defence of national interests in the region;\n"
            "- the expansion of multilateral diplomacy;\n"
            "- support for exporters abroad.\n")
    assert clean(text) == ("The tasks of the ministry can be listed as follows:\n"
                           "- the defence of national interests in the region;\n"
                           "- the expansion of multilateral diplomacy;\n"
                           "- support for exporters abroad.")


def test_spaces_are_trimmed_and_folded():
    text = "   Both   sides\t agreed\u00a0 to meet again.   \n\n  A second   line here.  "
    assert clean(text) == "Both sides agreed to meet again.\n\nA second line here."


def test_crlf_line_ends():
    text = "First paragraph ends here.\r\n\r\nSecond paragraph is\r\nwrapped once."
    assert clean(text) == "First paragraph ends here.\n\nSecond paragraph is wrapped once."


def test_invisible_characters_are_dropped():
    text = "The inter\u00adgovernmental com\u200bmission met."
    assert clean(text) == "The intergovernmental commission met."


# -- hyphenation ---------------------------------------------------------------------------

@pytest.mark.parametrize("wrapped, expected", [
    ("the trans-\nportation of goods", "the transportation of goods"),
    ("the Ag-\nQoyunlu state", "the Ag-Qoyunlu state"),
    ("the North-\nSouth corridor", "the North-South corridor"),
    ("a non-\npermanent member", "a non-permanent member"),
    ("a self-\ndetermination claim", "a self-determination claim"),
    ("in 2019-\n2022 the chair", "in 2019-2022 the chair"),
    ("an ex-\nport licence", "an export licence"),
    ("the ex-\npresident spoke", "the ex-president spoke"),
    ("the far -\nreaching plan", "the far - reaching plan"),
])
def test_hyphen_at_line_break(wrapped, expected):
    assert clean(f"We read about {wrapped} in the report.") == f"We read about {expected} in the report."


def test_hyphenation_decided_by_the_document_itself():
    keeps = "The long-term plan is new. It is a long-\nterm plan for the decade."
    assert clean(keeps).endswith("It is a long-term plan for the decade.")
    joins = "The cooperation is deep. The co-\noperation covers energy."
    assert clean(joins).endswith("The cooperation covers energy.")
    prefix_but_joined = "A multilateral forum. Its multi-\nlateral format suits all."
    assert clean(prefix_but_joined).endswith("Its multilateral format suits all.")


def test_removed_hyphen_has_no_offset():
    text = "the trans-\nportation of goods"
    result = clean_text(text, "en")
    assert result.text == "the transportation of goods"
    mapped = {text[o] for o in result.offsets}
    assert "-" not in mapped and "\n" not in mapped


# -- page chrome at the top ----------------------------------------------------------------

def test_top_chrome_is_dropped_and_dates_kept():
    text = ("Dailyherald.example\n\n"
            "Neighbours sign a partnership declaration\n\n"
            "Neighbours sign a partnership declaration\n\n"
            "+ ↺ − 16 px\n\n"
            "Politics\n\n"
            "13 December 2025, 14:12\n\n"
            f"{BODY_1}\n\n{BODY_2}")
    assert clean(text) == ("Neighbours sign a partnership declaration\n\n"
                           f"13 December 2025, 14:12\n\n{BODY_1}\n\n{BODY_2}")


def test_site_name_before_a_repeated_title():
    text = ("Lakeside Herald\nFerry deal signed at last\nFerry deal signed at last\n"
            f"{BODY_1}\n{BODY_2}")
    assert clean(text).startswith("Ferry deal signed at last\n\n" + BODY_1[:20])


def test_one_word_label_under_the_title_is_dropped_but_not_in_the_body():
    text = f"Ferry deal signed\n\nAnalysis\n\nEconomy\n\n{BODY_1}\n\nEnergy\n\n{BODY_2}"
    assert clean(text) == f"Ferry deal signed\n\n{BODY_1}\n\nEnergy\n\n{BODY_2}"


@pytest.mark.parametrize("widget", ["+ ↺ − 16 px", "A A A", "A- A A+", "16 px"])
def test_font_widgets(widget):
    assert clean(f"Title here\n{widget}\n{BODY_1}") == f"Title here\n\n{BODY_1}"


# -- chrome anywhere -----------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Share", "Print", "Whatsapp", "Facebook Twitter Telegram", "Follow us on Telegram",
    "Share this article", "Photo: Press Office", "Photo credit: J. Smith / Agency",
    "© Reuters", "(Photo: AFP)", "Advertisement", "Read more: Ministers meet in the capital",
])
def test_chrome_lines_in_the_middle_are_dropped(line):
    text = f"{BODY_1}\n\n{line}\n\n{BODY_2}\n\n{BODY_3}"
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}"


def test_chrome_line_splits_paragraphs():
    text = f"{BODY_1[:-1]}\nShare\n{BODY_2}"
    assert clean(text) == f"{BODY_1[:-1]}\n\n{BODY_2}"


def test_everything_after_a_share_block_at_the_end_is_dropped():
    text = (f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n\n"
            "Whatsapp\nFacebook\nNew border crossing opens to trucks\n"
            "Minister visits the northern provinces.\nSubscribe")
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}"


def test_share_block_followed_by_long_text_does_not_cut():
    long_paragraph = " ".join([BODY_2, BODY_3, BODY_1])
    text = f"{BODY_1}\n\nShare\n\n{long_paragraph}"
    assert clean(text) == f"{BODY_1}\n\n{long_paragraph}"


def test_related_headlines_after_the_article_are_dropped():
    text = (f"{BODY_1}\n\n{BODY_2}\n\n"
            "Storm closes the mountain pass for a week\n"
            "Football club wins the national cup\n"
            "President\n")
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}"


def test_read_more_header_drops_its_list():
    text = (f"{BODY_1}\n\nRead more\n\nStorm closes the mountain pass\n\n"
            f"Football club wins the cup\n\n{BODY_2}\n\n{BODY_3}\n\n{BODY_1}")
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}\n\n{BODY_3}\n\n{BODY_1}"


def test_named_more_from_header_drops_its_bullet_list():
    text = (f"{BODY_1}\n\n{BODY_2}\n\nMore from World Desk\n"
            "- Two neighbours sign a river treaty\n- Port strike enters second week\n")
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}"


def test_lines_in_another_language_are_dropped():
    text = (f"{BODY_1}\n\nBizə yazın, yeni xəbərləri ilk siz oxuyun!\n\n"
            "Президент встретился с министром иностранных дел соседней страны.\n\n"
            f"{BODY_2}")
    assert clean(text) == f"{BODY_1}\n\n{BODY_2}"


def test_english_lines_with_foreign_names_stay():
    names = "Şavkat Mirziyoyev, Recep Tayyip Erdoğan and İlham Əliyev met in Şuşa."
    text = f"{BODY_1}\n\n{names}\n\n{BODY_2}"
    assert clean(text) == text


def test_language_is_detected_when_not_given():
    text = f"{BODY_1}\n\nBizə yazın, yeni xəbərləri ilk siz oxuyun!\n\n{BODY_2}"
    assert clean(text, None) == f"{BODY_1}\n\n{BODY_2}"


# -- paginated text ------------------------------------------------------------------------

def test_page_numbers_and_running_headers_in_wrapped_text():
    pages = [
        "The delegations agreed that the new rail link between the\n"
        "two capitals should be built in stages, starting with the\n"
        "section across the mountains, which is the hardest",
        "part of the route. Engineers expect the tunnels to take\n"
        "at least six years, while the lowland track could open\n"
        "much earlier if the financing is secured in time.",
        "Both parliaments still have to ratify the treaty, and\n"
        "opposition parties on each side have asked for more\n"
        "details about the cost of the project.",
    ]
    header = "Journal of Regional Affairs"
    text = "".join(f"{header}\n\n{page}\n\n{n}\n\n" for n, page in zip((12, 13, 14), pages))
    out = clean(text)
    assert header not in out
    assert not any(n in out for n in ("12", "13", "14"))
    assert "which is the hardest part of the route." in out
    assert out.startswith("The delegations agreed")
    assert out.endswith("the cost of the project.")


# -- general -------------------------------------------------------------------------------

def test_empty_and_blank_input():
    assert clean_text("", "en").text == ""
    assert clean_text(" \n\n\t ", "en").text == ""


def test_original_characters_are_never_changed():
    text = "İSTANBUL — Die Außenminister trafen sich. Ｆｕｌｌｗｉｄｔｈ stays. ﬁ ligature stays."
    assert clean(text) == text


def test_speed_on_a_600_word_document():
    words = (BODY_1 + " " + BODY_2 + " " + BODY_3).split()
    lines, line = [], []
    for i in range(600):
        line.append(words[i % len(words)])
        if len(line) == 9:
            lines.append(" ".join(line))
            line = []
    text = "\n".join(lines) + "\n"
    clean_text(text, "en")
    best = min(_timed(lambda: clean_text(text, "en")) for _ in range(15))
    assert best < 0.003, f"{best * 1000:.2f} ms"


def test_time_grows_linearly():
    unit = "\n\n".join([WRAPPED, BODY_1, "Share", BODY_2, "trans-\nportation " + BODY_3])
    small, large = unit * 200, unit * 1600
    t_small = min(_timed(lambda: clean_text(small, "en")) for _ in range(3))
    t_large = min(_timed(lambda: clean_text(large, "en")) for _ in range(2))
    assert t_large < 8 * t_small * 2.5, (t_small, t_large)


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
