"""The quotation finder: marks, apostrophes, quotations over several paragraphs, and odd input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.quotations import (
    QUOTE_MARKS,
    Quotation,
    QuoteDepth,
    closes_double,
    find_quotations,
    is_quoted,
    open_double_depth,
    quoted_spans,
)


def texts(text):
    return [q.text for q in find_quotations(text)]


# --- examples ----------------------------------------------------------------------


def test_a_quotation_over_three_paragraphs_closing_only_in_the_last_is_one_quotation():
    text = "“We tried.\n\n“We failed.\n\n“We will try again,” she said."
    (quotation,) = find_quotations(text)
    assert [text[a:b] for a, b in quotation.parts] == ["We tried.", "We failed.", "We will try again,"]
    assert quotation.closed
    assert (quotation.start, text[quotation.end - 1]) == (0, "”")
    assert quotation.text == "We tried. We failed. We will try again,"


def test_every_paragraph_of_a_long_quotation_is_in_the_quoted_spans():
    text = '"We tried.\n"We failed.\n"We will try again," she said.'
    assert [text[a:b] for a, b in quoted_spans(text)] == ["We tried.", "We failed.", "We will try again,"]


def test_a_quotation_left_open_is_not_continued_by_a_paragraph_without_a_mark():
    text = "“We tried.\nShe left."
    (quotation,) = find_quotations(text)
    assert (quotation.text, quotation.closed, len(quotation.parts)) == ("We tried.", False, 1)


def test_single_quotes_nested_in_a_double_quotation_stay_inside_it():
    quotes = find_quotations('She said "the word ‘fair’ is wrong" and left. Then "another')
    assert [q.text for q in quotes] == ["the word ‘fair’ is wrong", "another"]
    assert [q.closed for q in quotes] == [True, False]


def test_straight_double_marks_pair_up_in_order():
    assert texts('He said "stop now" and "go home".') == ["stop now", "go home"]


@pytest.mark.parametrize(
    "text",
    [
        "He said “go home” twice.",
        'He said "go home" twice.',
        "He said «go home» twice.",
        "He said „go home“ twice.",
        "He said ''go home'' twice.",
        "He said ‘go home’ twice.",
        "He said 'go home' twice.",
    ],
)
def test_every_kind_of_quotation_mark_is_read(text):
    (quotation,) = find_quotations(text)
    assert (quotation.text, quotation.closed) == ("go home", True)
    assert text[quotation.start : quotation.end].strip("“”«»„\"'‘’") == "go home"


@pytest.mark.parametrize("opening, closing", [("“", '"'), ('"', "”"), ("«", "”"), ("„", "”")])
def test_mixed_marks_close_a_quotation(opening, closing):
    text = f"He said {opening}go home{closing} and left."
    assert [(q.text, q.closed) for q in find_quotations(text)] == [("go home", True)]


def test_low_opening_mark_is_closed_by_a_high_one_and_only_then():
    assert closes_double("„", "“") and not closes_double("“", "“")
    assert open_double_depth("„Ja“, sagte sie.") == 0
    assert open_double_depth("“Yes “no") == 2


@pytest.mark.parametrize(
    "text",
    [
        "Don't go. The Workers' union met in the ’90s.",
        "It's the workers' choice, isn't it? The boys' club.",
        "The ’80s and the Smiths’ songs; O'Brien's dog.",
    ],
)
def test_apostrophes_are_not_taken_for_quotation_marks(text):
    assert find_quotations(text) == []


def test_a_quotation_that_never_closes_stops_at_the_end_of_its_paragraph():
    text = "He said “we will never\nagree to this. Next paragraph."
    (quotation,) = find_quotations(text)
    assert (quotation.text, quotation.closed) == ("we will never", False)
    assert quotation.end == text.index("\n")
    assert quotation.content_end == quotation.end


def test_content_offsets_leave_the_marks_out():
    text = "She said “no”."
    (quotation,) = find_quotations(text)
    assert text[quotation.content_start : quotation.content_end] == "no"
    assert text[quotation.start : quotation.end] == "“no”"


def test_is_quoted_needs_the_whole_range_inside_one_span():
    text = "“a b” c “d”"
    spans = quoted_spans(text)
    assert is_quoted(spans, text.index("b"))
    assert not is_quoted(spans, text.index("c"))
    assert not is_quoted(spans, text.index("a"), text.index("d") + 1)
    assert not is_quoted([], 0)


def test_text_without_marks_has_no_quotations():
    assert find_quotations("") == [] and quoted_spans("plain words\n\nmore words") == []


def test_five_megabytes_without_punctuation_are_read():
    assert find_quotations("word " * 1_000_000) == []


@pytest.mark.parametrize("mark", ['"', "“", "”", "'", "‘", "’", "''", "«"])
def test_a_hundred_thousand_unbalanced_marks_are_read(mark):
    found = find_quotations(f"{mark}a " * 100_000)
    assert all(isinstance(q, Quotation) for q in found)


def test_twenty_thousand_open_paragraphs_are_read():
    found = find_quotations("“a\n" * 20_000)
    assert len(found) == 1 and len(found[0].parts) == 20_000


# --- properties --------------------------------------------------------------------

_ALPHABET = "ab \n.," + "".join(sorted(QUOTE_MARKS))
_TEXTS = st.text(alphabet=_ALPHABET, max_size=200)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_every_part_lies_inside_its_quotation_and_the_text(text):
    for quotation in find_quotations(text):
        assert 0 <= quotation.start < quotation.content_start <= quotation.content_end <= quotation.end <= len(text)
        for a, b in quotation.parts:
            assert quotation.start < a < b <= quotation.end


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_parts_are_ordered_and_never_overlap(text):
    for quotation in find_quotations(text):
        for (_, end), (start, _) in zip(quotation.parts, quotation.parts[1:]):
            assert end < start


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_quotations_never_overlap_each_other(text):
    spans = sorted((q.start, q.end) for q in find_quotations(text))
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start
    parts = quoted_spans(text)
    for (_, end), (start, _) in zip(parts, parts[1:]):
        assert end <= start


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_the_text_of_a_quotation_is_its_parts(text):
    for quotation in find_quotations(text):
        assert quotation.text == " ".join(text[a:b].strip() for a, b in quotation.parts)
        assert is_quoted(quoted_spans(text), quotation.content_start)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_is_read_without_error(text):
    assert isinstance(find_quotations(text), list)
    assert open_double_depth(text) >= 0


def _depth_by_rereading(text):
    """open_double_depth as first written: every character, one at a time (the reference)."""
    depth = low = 0
    straight_open = False
    for ch in text:
        if ch == "“" and low:
            low -= 1
            depth -= 1
        elif ch in "“„«‟":
            depth += 1
            low += ch == "„"
        elif ch in "”»":
            depth = max(0, depth - 1)
            low = min(low, depth)
        elif ch == '"':
            straight_open = not straight_open
    return depth + (1 if straight_open else 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="“”„«»‟\"' ab.", max_size=12), max_size=8))
def test_quote_depth_read_piece_by_piece_is_the_depth_of_the_whole(pieces):
    depth = QuoteDepth()
    for k, piece in enumerate(pieces):
        assert depth.read(piece) == _depth_by_rereading("".join(pieces[: k + 1]))
    whole = "".join(pieces)
    assert open_double_depth(whole) == _depth_by_rereading(whole) == depth.open


def test_quote_depth_reads_a_slice_without_copying_it():
    text = "„Ja“ und “nein"
    depth = QuoteDepth()
    assert depth.read(text, 0, 4) == 0
    assert depth.read(text, 4, 9) == 0
    assert depth.read(text, 9) == 1
