import pytest

from helpers.layout import classify_line, find_date, split_lines


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Bilateral cooperation highlighted at El Salvador prison tour", "heading"),
        ("Looking Ahead: El Salvador’s Political Landscape", "heading"),
        ("- El Salvador offers to house US criminals.", "bullet"),
        ("• A bullet with a round marker", "bullet"),
        ("| Published March 27, 2025", "dateline"),
        ("Updated: 2 May 2025", "dateline"),
        ("March 27, 2025", "dateline"),
        ("By Dana Ortiz", "byline"),
        ("Be the first to comment", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("   ", "blank"),
        ("", "blank"),
        ("The visit was part of a broader effort.", "paragraph"),
        # long line without a full stop: a cut-off paragraph, not a heading
        ("His “mass deportation” plan aims to address concerns over migration and crime in the US", "paragraph"),
        # a heading-like line that ends with a full stop is prose
        ("Noem visited.", "paragraph"),
        ("2025", "paragraph"),  # no letters: not a heading
        ("---", "paragraph"),
    ],
)
def test_classify_line_gives_each_kind(line, kind):
    assert classify_line(line) == kind


def test_byline_needs_a_capitalised_name():
    assert classify_line("by the river the town grew") != "byline"


def test_split_lines_offsets_index_the_text_as_stored_with_crlf_and_bom():
    text = "\ufeffHeadline Here\r\n\r\nA paragraph.\r\nLast line without newline."
    lines = split_lines(text)
    assert [line.kind for line in lines] == ["heading", "blank", "paragraph", "paragraph"]
    for line in lines:
        assert text[line.start : line.end] == line.text
        assert "\r" not in line.text and "\n" not in line.text
    assert lines[-1].end == len(text)


def test_split_lines_of_empty_text_is_empty():
    assert split_lines("") == ()


def test_trailing_newline_gives_no_extra_line():
    assert len(split_lines("one\ntwo\n")) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Published March 27, 2025", "2025-03-27"),
        ("on Mar. 3, 2024 at noon", "2024-03-03"),
        ("27th March 2025", "2025-03-27"),
        ("2025-03-27T10:00", "2025-03-27"),
        ("February 30, 2025", None),  # no such day
        ("last February", None),
        ("May 2, 2025 and March 1, 2025", "2025-05-02"),  # the first one written
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected
