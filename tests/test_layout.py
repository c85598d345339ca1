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


def test_split_lines_gives_lines_equal_to_line_objects_made_by_hand():
    from helpers.layout import Line

    lines = split_lines("A Headline\r\nBe the first to comment\n")
    assert lines == (Line(0, 0, 10, "A Headline", "heading"), Line(1, 12, 35, "Be the first to comment", "boilerplate"))
    assert len({*lines, *lines}) == 2  # hashable, like any frozen Line


@pytest.mark.parametrize(
    "line, kind",
    [
        ("one two three four five six seven eight nine ten eleven twelve", "heading"),  # 12 words
        ("one two three four five six seven eight nine ten eleven twelve thirteen", "paragraph"),  # 13
        ("Published on March 27, 2025 in the morning edition of the paper today.", "dateline"),  # the prefix decides
        ("March 27, 2025 was the day", "dateline"),  # 6 words with a date
        ("March 27, 2025 was the day of it", "heading"),  # 8 words: a date alone is not enough
        ("By Ana Ruiz, Staff Writer", "byline"),
    ],
)
def test_word_limits_of_line_kinds(line, kind):
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "text",
    ["", "\n", "\r\n", "One line", "a\r\nb\nc\r\n\r\n", "a\rb\nc", "tail\r", "\ufeffA Headline\r\n\r\n- a bullet\n"],
)
def test_split_lines_is_one_line_object_per_line_break(text):
    from helpers.layout import Line

    pieces = text.split("\n")
    if pieces[-1] == "":
        pieces.pop()
    expected, start = [], 0
    for index, piece in enumerate(pieces):
        shown = piece[:-1] if piece.endswith("\r") else piece
        expected.append(Line(index, start, start + len(shown), shown, classify_line(shown)))
        start += len(piece) + 1
    assert split_lines(text) == tuple(expected)


# -- loading reads and decodes; what the lines state is worked out on first use -----------------


def test_loading_classifies_no_line_until_something_asks(tmp_path):
    from helpers.corpus import load_corpus

    (tmp_path / "a.txt").write_text("Ferry Fares Rise\nBy Ann Lee\n| Published March 27, 2025\n"
                                    "The council voted to raise fares on Monday, and the riders who use the ferry were not asked\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ferry Fares Rise\nBy Ann Lee\n| Published March 27, 2025\n"
                                    "The council voted to raise fares on Monday, and the riders who use the ferry were not asked\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert all(article._lines is None and article._facts is None for article in corpus)
    assert corpus.errors == [] and all(article._facts is None for article in corpus)  # errors need no line
    a = corpus["A"]
    assert (a.title, a.byline, a.date) == ("Ferry Fares Rise", "Ann Lee", "2025-03-27")
    assert [line.kind for line in a.lines] == ["heading", "byline", "dateline", "paragraph"]
    warnings = [(p.file, p.message.split(":")[0]) for p in corpus.warnings]
    assert ("a.txt", "line 4 ends without punctuation") in warnings
    assert any(f == "b.txt" and m.startswith("has the same bytes as a.txt") for f, m in warnings)
    assert corpus["B"].warnings[-1].startswith("has the same bytes as a.txt")  # after those about its content
