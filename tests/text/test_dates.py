"""Document dates and dates in running text. Every sentence here is written for these tests."""
from __future__ import annotations


import pytest
from hypothesis import given as hyp_given, settings, strategies as st

from diplograph.model import DateMention
from diplograph.text.dates import (
    detect_document_date,
    find_dates,
    normalize_date,
    resolve_relative,
    year_of,
)


def one(text: str, doc_date: str | None = None) -> DateMention:
    found = find_dates(text, doc_date)
    assert len(found) == 1, found
    return found[0]


def values(text: str, doc_date: str | None = None) -> list[tuple[str, str | None]]:
    return [(d.value, d.end_value) for d in find_dates(text, doc_date)]


# --- find_dates: explicit dates ---------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value", [
    ("The forum opened on 30 September 2025 in the old city.", "30 September 2025", "2025-09-30"),
    ("The treaty was signed on September 30, 2025, in Geneva.", "September 30, 2025", "2025-09-30"),
    ("A protocol followed on Sept. 4, 2023 after long talks.", "Sept. 4, 2023", "2023-09-04"),
    ("Envoys met again on 10 Sept 2023 near the border.", "10 Sept 2023", "2023-09-10"),
    ("Both ministers met in June 2016 to review the plan.", "June 2016", "2016-06"),
    ("The consulate moved in March, 2019 to a new building.", "March, 2019", "2019-03"),
    ("The new embassy opened in 2018.", "2018", "2018"),
    ("Relations were set up on the 4th of July 2020.", "4th of July 2020", "2020-07-04"),
    ("The note is dated 2018-04-30 and bears two seals.", "2018-04-30", "2018-04-30"),
    ("The decree of 30.09.2025 created the agency.", "30.09.2025", "2025-09-30"),
    ("The form was filed on 30/09/2025 by the mission.", "30/09/2025", "2025-09-30"),
    ("A copy stamped 04/30/2018 reached the archive.", "04/30/2018", "2018-04-30"),
    ("Its statute entered into force on 1 January 1995.", "1 January 1995", "1995-01-01"),
    ("The 2018 summit in the capital drew many guests.", "2018", "2018"),
])
def test_explicit_dates(sentence, span, value):
    d = one(sentence)
    assert (d.text, d.value, d.end_value, d.relative) == (span, value, None, False)
    assert sentence[d.start:d.end] == d.text


def test_weekday_written_with_the_date_is_part_of_it():
    d = one("Sunday, 17, February, 2019 was a busy day for both delegations.")
    assert (d.text, d.value) == ("Sunday, 17, February, 2019", "2019-02-17")
    d = one("The visit began on Monday, 30 April 2018, in the capital.")
    assert (d.text, d.value) == ("Monday, 30 April 2018", "2018-04-30")


# --- find_dates: periods ----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, end", [
    ("It served on the council in 2012-2013 as a non-permanent member.", "2012-2013", "2012", "2013"),
    ("It served on the council in 2012–2013 with an en dash.", "2012–2013", "2012", "2013"),
    ("The country chaired the group from 2019 to 2023.", "from 2019 to 2023", "2019", "2023"),
    ("Trade grew steadily between 1997 and 2025.", "between 1997 and 2025", "1997", "2025"),
    ("It was elected to the board for 2017-2019 by a wide margin.", "2017-2019", "2017", "2019"),
    ("The plan covered 2011-12 only.", "2011-12", "2011", "2012"),
    ("In 2019-\n2022 the chair rotated to the region.", "2019-\n2022", "2019", "2022"),
    ("The season 2019/20 saw fewer visits.", "2019/20", "2019", "2020"),
    ("Ties were frozen in the 1990s and restored later.", "the 1990s", "1990", "1999"),
    ("Much changed in the early 2000s across the region.", "the early 2000s", "2000", "2009"),
    ("Borders were drawn in the 1800s by distant powers.", "the 1800s", "1800", "1899"),
    ("Music of the '90s was played at the reception.", "the '90s", "1990", "1999"),
    ("The treaty dates from the 19th century.", "the 19th century", "1800", "1899"),
    ("Diplomacy changed greatly in the XX century.", "the XX century", "1900", "1999"),
    ("Exchanges flourished in the twenty-first century.", "the twenty-first century", "2000", "2099"),
    ("The games ran from 30 September to 2 October 2025 in two cities.",
     "from 30 September to 2 October 2025", "2025-09-30", "2025-10-02"),
    ("A forum ran 13-18 September 2016 on the island.", "13-18 September 2016", "2016-09-13",
     "2016-09-18"),
    ("The fair ran September 13–18, 2016 in the port.", "September 13–18, 2016", "2016-09-13",
     "2016-09-18"),
    ("Monitoring lasted between June 2016 and March 2017.", "between June 2016 and March 2017",
     "2016-06", "2017-03"),
    ("The mission stayed from December 2018 to February.", "from December 2018 to February",
     "2018-12", "2019-02"),
])
def test_periods(sentence, span, value, end):
    d = one(sentence)
    assert (d.text, d.value, d.end_value) == (span, value, end)
    assert sentence[d.start:d.end] == span


def test_since_belongs_to_the_mention():
    d = one("The state has been an observer since 2011.")
    assert (d.text, d.value, d.end_value) == ("since 2011", "2011", None)


def test_two_years_joined_by_and_without_between_stay_apart():
    assert values("Talks took place in 1997 and 2025.") == [("1997", None), ("2025", None)]


# --- find_dates: relative expressions ---------------------------------------------------------

@pytest.mark.parametrize("sentence, doc, span, value, end", [
    ("Talks were held on 30 September.", "2025-12-13", "30 September", "2025-09-30", None),
    ("The envoy arrived on September 30.", "2025-12-13", "September 30", "2025-09-30", None),
    ("A summit on 13-18 September last year chose the next host.", "2017",
     "13-18 September last year", "2016-09-13", "2016-09-18"),
    ("Clashes near the village on 4 July of the current year were condemned.", "2017",
     "4 July of the current year", "2017-07-04", None),
    ("Last year the two sides signed a road deal.", "2017-05-01", "Last year", "2016", None),
    ("Exports rose this year by a fifth.", "2017-05-01", "this year", "2017", None),
    ("A census is planned for the current year.", "2017-05-01", "the current year", "2017", None),
    ("Elections are due next year in both states.", "2017-05-01", "next year", "2018", None),
    ("The minister came last October with a large team.", "2017-05-01", "last October", "2016-10",
     None),
    ("The minister came last October with a large team.", "2017-12-01", "last October", "2017-10",
     None),
    ("The pact was signed in October by both parties.", "2017-11-20", "October", "2017-10", None),
    ("The pact was signed in October by both parties.", "2018-01-05", "October", "2017-10", None),
    ("Last year in October, the two capitals upgraded ties.", "2018-04-30", "Last year in October",
     "2017-10", None),
    ("The accord was initialled in October last year.", "2018-04-30", "October last year", "2017-10",
     None),
    ("The foreign minister said on Monday that talks went well.", "2018-04-30", "Monday",
     "2018-04-30", None),
    ("The foreign minister said on Monday that talks went well.", "2018-05-02", "Monday",
     "2018-04-30", None),
    ("Officials will return next Friday.", "2018-05-02", "next Friday", "2018-05-04", None),
    ("The note was delivered today.", "2018-04-30", "today", "2018-04-30", None),
    ("The delegation left yesterday.", "2018-03-01", "yesterday", "2018-02-28", None),
    ("The talks resume tomorrow.", "2018-12-31", "tomorrow", "2019-01-01", None),
    ("The envoy landed the day before yesterday.", "2018-04-30", "the day before yesterday",
     "2018-04-28", None),
    ("A trade office opened earlier this month.", "2018-04-30", "earlier this month", "2018-04", None),
    ("Prices were fixed last month.", "2018-01-15", "last month", "2017-12", None),
    ("The two leaders spoke by phone last week.", "2018-04-30", "last week", "2018-04-23",
     "2018-04-29"),
    ("The border reopened two years ago.", "2020-06-01", "two years ago", "2018", None),
    ("A railway plan was approved in mid-October.", "2021-11-02", "mid-October", "2021-10", None),
])
def test_relative(sentence, doc, span, value, end):
    d = one(sentence, doc)
    assert (d.text, d.value, d.end_value, d.relative) == (span, value, end, True)
    assert sentence[d.start:d.end] == span


def test_relative_needs_a_document_date():
    for sentence in ("Talks were held on 30 September.", "Last year the sides met.",
                     "The minister came last October.", "He spoke on Monday.", "They left today."):
        assert find_dates(sentence) == []


def test_weekday_needs_a_full_document_date():
    assert find_dates("He spoke on Monday.", "2018-04") == []


def test_month_without_preposition_is_not_a_date():
    # A bare month name is too often part of a name ("the October events").
    assert find_dates("The October talks failed.", "2018-04-30") == []


def test_day_month_without_year_uses_the_nearest_year():
    assert values("They met on 28 December.", "2019-01-03") == [("2018-12-28", None)]
    assert values("They meet on 5 January.", "2018-12-28") == [("2019-01-05", None)]


def test_impossible_day_without_year_is_dropped():
    assert find_dates("Talks on 30 February were cancelled.", "2025-03-10") == []
    assert values("The leap day of 29 February was chosen.", "2024-05-10") == [("2024-02-29", None)]


def test_range_without_year_takes_the_document_year():
    d = one("The leader's regional tour runs from September 10 to 11.", "2023-09-10")
    assert (d.text, d.value, d.end_value, d.relative) == (
        "from September 10 to 11", "2023-09-10", "2023-09-11", True)


def test_same_year_follows_the_narrative():
    found = find_dates("Missions abroad opened until April 1920. Recognition came on 11 January "
                       "of the same year.")
    assert [(d.text, d.value) for d in found] == [
        ("April 1920", "1920-04"), ("11 January of the same year", "1920-01-11")]
    assert found[1].relative is False


def test_may_and_march_as_words_are_not_months():
    found = find_dates("The parties may march together; they may sign in March.", "2020-01-10")
    assert [(d.text, d.value) for d in found] == [("March", "2020-03")]


def test_number_after_a_day_month_does_not_become_its_day():
    assert values("On 5 June 15 countries signed the text.", "2020-08-01") == [("2020-06-05", None)]


# --- find_dates: numbers that are not years ---------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The list has 25 items.",
    "The resolution got 176 votes out of 184.",
    "Relations exist with 120 states.",
    "The fund holds $60 million.",
    "The loan is worth 3 billion.",
    "The pipeline is 1900 km long.",
    "About 2000 troops took part.",
    "They paid $2000 in fees.",
    "Security Council Resolution 1973 was cited.",
    "Prices rose by 2015% in a decade.",
    "Call +994 12 2019 4455 for details.",
    "The city has 2,018 hotel rooms.",
    "Its history spans 2000 years.",
    "Order No. 1918 was signed.",
    "Output rose from 1900 to 2000 tons.",
])
def test_numbers_that_are_not_years(sentence):
    assert find_dates(sentence, "2020-01-01") == []


# --- find_dates: shape of the result ----------------------------------------------------------

PARAGRAPH = (
    "Sunday, 17, February, 2019\n\n"
    "The two presidents met on Monday and recalled that ties were set up in 1992. "
    "Since 2011 the country has been a member, and it chaired the group in 2019-2022. "
    "Last year in October the sides agreed a plan; on 13-18 September last year a summit "
    "was held. Trade reached $3 billion in 2018, up from 2017. The 1990s were harder."
)


def test_sorted_non_overlapping_with_exact_offsets():
    found = find_dates(PARAGRAPH, "2019-02-17")
    assert found == sorted(found, key=lambda d: d.start)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for d in found:
        assert PARAGRAPH[d.start:d.end] == d.text
    assert [d.text for d in found] == [
        "Sunday, 17, February, 2019", "Monday", "1992", "Since 2011", "2019-2022",
        "Last year in October", "13-18 September last year", "2018", "2017", "The 1990s"]
    assert found[1].value == "2019-02-11"    # the most recent Monday before a Sunday


def test_byline_with_time_is_one_mention():
    d = one("13 December 2025, 14:12")
    assert d.value == "2025-12-13"


# --- resolve_relative, year_of, normalize_date -----------------------------------------------

@pytest.mark.parametrize("expr, doc, expected", [
    ("last year", "2018-04-30", "2017"),
    ("30 September", "2025-12-13", "2025-09-30"),
    ("yesterday", "2018-03-01", "2018-02-28"),
    ("next month", "2018-12-05", "2019-01"),
    ("the current year", "2017", "2017"),
    ("the 1990s", None, "1990"),
    ("2018-04-30", None, "2018-04-30"),
    ("last year", None, None),
    ("no date here", "2018-04-30", None),
])
def test_resolve_relative(expr, doc, expected):
    assert resolve_relative(expr, doc) == expected


def test_year_of():
    assert year_of("2018-04-30") == 2018
    assert year_of("2018-04") == 2018
    assert year_of("2018") == 2018
    assert year_of(None) is None
    assert year_of("soon") is None


@pytest.mark.parametrize("raw, expected", [
    ("2018-04-30", "2018-04-30"),
    ("2024-05-01T10:00:00Z", "2024-05-01"),
    ("2018-04", "2018-04"),
    ("30 April 2018", "2018-04-30"),
    ("Monday, April 30, 2018 10:15", "2018-04-30"),
    ("30.04.2018", "2018-04-30"),
    ("13 May , 2019", "2019-05-13"),
    ("2018-13-40", None),
    ("not a date", None),
    ("", None),
])
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected


# --- detect_document_date -----------------------------------------------------------------------

BODY = ("\n\nThe two ministers discussed transport links and energy supplies. They agreed to meet "
        "again and to widen the trade agenda before the end of the season.\n")


def test_given_wins_over_everything():
    text = " date 2018-04-30 The ministers met." + BODY
    assert detect_document_date(text, given="2020-01-02") == ("2020-01-02", "given")
    assert detect_document_date(text, given="2 January 2020") == ("2020-01-02", "given")
    # An unreadable given date is ignored, not trusted.
    assert detect_document_date(text, given="soon") == ("2018-04-30", "header")


@pytest.mark.parametrize("text, expected", [
    (" date 2018-04-30 The two presidents met in the capital on Monday." + BODY, "2018-04-30"),
    ("Portal name\nPublished: 3 March 2024\n\nHeadline of the story" + BODY, "2024-03-03"),
    ("Date: 12.05.2021\nMinistry statement" + BODY, "2021-05-12"),
    ("Headline\nPublished: 2 March 2024 | Updated: 5 March 2024" + BODY, "2024-03-02"),
    ("Headline\nUpdated: 5 March 2024 | Published on Friday, March 1, 2024" + BODY, "2024-03-01"),
])
def test_header(text, expected):
    assert detect_document_date(text) == (expected, "header")


def test_header_in_another_language_goes_to_dateparser():
    assert detect_document_date("Date : 3 mars 2024\nCommuniqué" + BODY) == ("2024-03-03", "header")


@pytest.mark.parametrize("text, expected", [
    ("News portal\n\nA headline about two states\n\nAnalytics\n\n13 December 2025, 14:12" + BODY,
     "2025-12-13"),
    ("Sunday, 17, February, 2019\n\nThe presidents spoke to the press." + BODY, "2019-02-17"),
    ("A headline\nMar 3, 2024 10:15\nThe envoys met." + BODY, "2024-03-03"),
    ("A headline\nBy Jane Roe | 21 June 2022 | World\nThe envoys met." + BODY, "2022-06-21"),
    ("A long report title\n\nMarch 2024\n\nSummary of findings." + BODY, "2024-03"),
])
def test_byline(text, expected):
    assert detect_document_date(text) == (expected, "byline")


def test_date_of_an_event_near_the_top_is_not_a_byline():
    text = ("History of the service\nOn 28 May 1918 the republic declared independence and "
            "soon opened missions." + BODY)
    assert detect_document_date(text) == (None, None)


def test_byline_only_near_the_top():
    text = "A headline\n" + "Filler words about nothing. " * 40 + "\n13 December 2025, 14:12\n" + BODY
    assert detect_document_date(text) == (None, None)


def test_dateline_with_year():
    text = "LONDON, 3 March 2024 (Wire) - The two ministers met." + BODY
    assert detect_document_date(text) == ("2024-03-03", "dateline")


def test_dateline_with_agency_in_brackets():
    text = ("Port Town, 22 December (NEWSWIRE) The minister received the envoy. This year, 2023, "
            "ties grew." + BODY)
    assert detect_document_date(text) == ("2023-12-22", "dateline")


def test_dateline_from_a_january_after_december_events():
    text = ("RIVERTON, Jan 4 (Wire) - Leaders met after the accord of 20 December 2022 and the "
            "talks of 28 December 2022." + BODY)
    assert detect_document_date(text) == ("2023-01-04", "dateline")


def test_dateline_without_year_and_no_support_gives_nothing():
    text = "Capital City, December 22, NEWSWIRE. The minister received the envoy." + BODY
    assert detect_document_date(text) == (None, None)
    text = ("A headline\nOfficials confirmed late this afternoon, September 10, that a new office "
            "will open." + BODY)
    assert detect_document_date(text) == (None, None)


def test_dateline_without_year_supported_by_the_text():
    text = ("Capital City, December 22, NEWSWIRE. The minister received the envoy. This year, "
            "2023, trade between them doubled." + BODY)
    assert detect_document_date(text) == ("2023-12-22", "dateline")
    text = ("RIVERTON, Sept 10 (Wire) - Leaders met. Trade rose in 2022; the 2022 figures and the "
            "2022 plan were praised, and a deal was signed on 4 August 2022." + BODY)
    assert detect_document_date(text) == ("2022-09-10", "dateline")
    text = ("A headline\nOfficials confirmed late this afternoon, September 10, a new office. In "
            "2024, the current year, ties reached a new level." + BODY)
    assert detect_document_date(text) == ("2024-09-10", "dateline")


def test_dateline_yesterday_moves_the_day():
    text = ("A headline\nThe ministers met yesterday, May 9, in the port. This year, 2022, marks an "
            "anniversary." + BODY)
    assert detect_document_date(text) == ("2022-05-10", "dateline")


def test_dateline_year_from_page_metadata():
    text = "RIVERTON, Sept 10 (Wire) - Leaders met." + BODY
    got = detect_document_date(text, meta={"html_date": "2023-09-11"})
    assert got == ("2023-09-10", "dateline")


def test_agency_dateline_without_date_falls_through():
    text = "CAPITAL (AA) - The president said Monday the talks went well." + BODY
    assert detect_document_date(text) == (None, None)
    assert detect_document_date(text, url="https://news.example/2018/04/30/talks") == (
        "2018-04-30", "url")


def test_html_meta_and_url():
    text = "A headline without any date" + BODY
    assert detect_document_date(text, meta={"html_date": "2024-05-01T08:00:00Z"}) == (
        "2024-05-01", "html-meta")
    assert detect_document_date(text, url="https://example.org/news/2018/04/30/leaders-meet") == (
        "2018-04-30", "url")
    assert detect_document_date(text, url="https://example.org/p/leaders-meet-2018-04-30.html") == (
        "2018-04-30", "url")
    assert detect_document_date(text, url="https://example.org/story/123456") == (None, None)


def test_text_source():
    text = "A headline\nThis year, 2017, ties grew. Last year they signed a plan." + BODY
    assert detect_document_date(text) == ("2017", "text")
    text = "A headline\nIn 2024, the current year, ties grew." + BODY
    assert detect_document_date(text) == ("2024", "text")
    text = "A headline\nLast year, 2016, was a turning point." + BODY
    assert detect_document_date(text) == ("2017", "text")


def test_text_source_from_the_latest_dated_event():
    # No date is stated, but the text speaks of "the current year" and dates past events to the day.
    text = ("An essay\n" + "Background words. " * 40 + "The republic was founded on 28 May 1918. "
            "In June 2016 it won a seat. On 28 May 2017 the president spoke. Shelling on 4 July "
            "of the current year drew protests. The summit of 2019 will be held at home.")
    assert detect_document_date(text) == ("2017", "text")


def test_no_date_at_all():
    assert detect_document_date("A headline" + BODY) == (None, None)
    assert detect_document_date("") == (None, None)


def test_precedence_order():
    text = ("Published: 1 May 2020\n2 May 2020, 10:00\nRIVERTON, May 3, 2020 (Wire) - This year, "
            "2021, was named." + BODY)
    meta = {"html_date": "2020-05-04"}
    url = "https://example.org/2020/05/05/story"
    assert detect_document_date(text, url=url, meta=meta, given="2020-04-30") == ("2020-04-30", "given")
    assert detect_document_date(text, url=url, meta=meta) == ("2020-05-01", "header")
    no_header = text.replace("Published: 1 May 2020\n", "")
    assert detect_document_date(no_header, url=url, meta=meta) == ("2020-05-02", "byline")
    no_byline = no_header.replace("2 May 2020, 10:00\n", "")
    assert detect_document_date(no_byline, url=url, meta=meta) == ("2020-05-03", "dateline")
    no_dateline = no_byline.replace("RIVERTON, May 3, 2020 (Wire) - ", "")
    assert detect_document_date(no_dateline, url=url, meta=meta) == ("2020-05-04", "html-meta")
    assert detect_document_date(no_dateline, url=url) == ("2020-05-05", "url")
    assert detect_document_date(no_dateline) == ("2021", "text")


_WORDS = ["on", "in", "since", "from", "to", "between", "and", "last", "this", "next", "year",
          "May", "March", "September", "Sept.", "Monday", "today", "the", "1990s", "2019", "2020",
          "13", "31", "4th", "-", "–", ",", ".", "\n", "$", "2012-13", "30.09.2025", "century",
          "XX", "ago", "two", "current", "of", "week", "month", "(AA)", "BAKU", ":", "Date"]


@settings(max_examples=300, deadline=None)
@hyp_given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from(
    [None, "2019", "2019-05", "2019-05-13", "2020-02-29"]))
def test_any_word_soup_gives_well_formed_results(words, doc):
    text = " ".join(words)
    found = find_dates(text, doc)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    for d in found:
        assert text[d.start:d.end] == d.text
        assert year_of(d.value) is not None
        if d.end_value is not None:
            assert d.end_value[:4] >= d.value[:4]
    value, source = detect_document_date(text)
    assert (value is None) == (source is None)


def test_header_label_joined_to_the_title_line_still_counts():
    text = "Ten years of river diplomacy Published: 2023-03-09 | World Desk | 4 min read\n\nBody text here."
    assert detect_document_date(text) == ("2023-03-09", "header")


def test_that_year_takes_the_year_the_narrative_last_named():
    text = "In May 2024 the minister went to Baku. Later that year, the prime minister came to Tbilisi."
    found = find_dates(text, "2025-01-10")
    later = next(d for d in found if d.text == "Later that year")
    assert later.value == "2024" and not later.relative
    assert text[later.start:later.end] == later.text
    # with no year named before it, the phrase gives no date
    assert find_dates("Later that year the talks resumed.", "2025-01-10") == []
