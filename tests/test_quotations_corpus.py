"""The quotation finder on the long-quotes corpus: newspaper quotation styles in whole articles.

The articles are in tests/corpora/long-quotes (see its README.md for what
each one holds on purpose). The texts are read as they are on disk.
"""

import re
from pathlib import Path

import pytest

from helpers.quotations import find_quotations, is_quoted, quoted_spans

CORPUS = Path(__file__).resolve().parent / "corpora" / "long-quotes"



def read(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def quotation_starting(text, words):
    """The quotation whose quoted words begin with ``words``."""
    found = [q for q in find_quotations(text) if q.text.startswith(words)]
    assert len(found) == 1, f"expected one quotation starting {words!r}, found {[q.text for q in find_quotations(text)]}"
    return found[0]


def long_quotation_paragraphs(text, mark, first):
    """The paragraph opening with ``mark`` and ``first``, and the two after it."""
    lines = text.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith(mark + first))
    return lines[k : k + 3]


LONG_QUOTATIONS = {
    # file, its opening mark, the first words, the last words
    "curly": ("c_regional.txt", "“", "I kept a list of every fault", "it took so long,"),
    "straight": ("b_wire.txt", '"', "The last boat left at six", "they will not come back,"),
}


# --- a quotation over three paragraphs ------------------------------------------------


@pytest.mark.parametrize("style", sorted(LONG_QUOTATIONS))
def test_a_quotation_over_three_paragraphs_is_one_closed_quotation_with_three_parts(style):
    name, mark, first, last = LONG_QUOTATIONS[style]
    text = read(name)
    paragraphs = long_quotation_paragraphs(text, mark, first)
    assert all(line.startswith(mark) for line in paragraphs), "each of the three paragraphs opens with a mark"
    quotation = quotation_starting(text, first)
    assert len(quotation.parts) == 3
    assert quotation.closed
    assert quotation.text.endswith(last)
    assert [a for a, _ in quotation.parts] == [text.index(line) + 1 for line in paragraphs]
    assert text[quotation.end - 1] == ("”" if mark == "“" else mark)


@pytest.mark.parametrize("style", sorted(LONG_QUOTATIONS))
def test_every_word_of_the_first_two_paragraphs_of_a_long_quotation_is_quoted(style):
    name, mark, first, _ = LONG_QUOTATIONS[style]
    text = read(name)
    spans = quoted_spans(text)
    for line in long_quotation_paragraphs(text, mark, first)[:2]:
        base = text.index(line)
        words = list(re.finditer(r"\w[\w'’-]*", line))
        assert len(words) > 20
        unquoted = [w.group() for w in words if not is_quoted(spans, base + w.start(), base + w.end())]
        assert unquoted == [], f"words of a quoted paragraph left outside the quotation: {unquoted}"


def test_the_last_paragraph_of_a_long_quotation_stops_at_its_closing_mark():
    text = read("c_regional.txt")
    spans = quoted_spans(text)
    said = text.index("said Alasdair Munro")
    assert is_quoted(spans, text.index("I am only surprised"))
    assert not is_quoted(spans, said, said + len("said Alasdair Munro"))


# --- wire style -----------------------------------------------------------------------


def test_two_straight_single_marks_used_as_a_double_mark_make_one_quotation():
    text = read("b_wire.txt")
    quotation = quotation_starting(text, "We are not going to let three island towns")
    assert quotation.closed
    assert quotation.text.endswith("ran out of money,")
    assert text[quotation.start : quotation.start + 2] == "''"
    assert text[quotation.end - 2 : quotation.end] == "''"
    assert "Cole said" not in quotation.text


def test_a_quoted_question_ends_at_its_question_mark_before_she_asked():
    text = read("b_wire.txt")
    quotation = quotation_starting(text, "Who is going to pay")
    assert quotation.text == "Who is going to pay for the next delivery?"
    assert quotation.closed


def test_a_pull_quote_with_a_dash_attribution_keeps_the_name_outside():
    text = read("b_wire.txt")
    quotation = quotation_starting(text, "Every family on this island")
    assert quotation.closed
    assert quotation.text.endswith("halfway across.")
    spans = quoted_spans(text)
    name = text.index("Tom Weller")
    assert not is_quoted(spans, name, name + len("Tom Weller"))


# --- British style --------------------------------------------------------------------


def test_a_single_quoted_quotation_after_a_colon_is_found_whole():
    text = read("a_british.txt")
    quotation = quotation_starting(text, "No island will be left without a boat")
    assert quotation.closed
    assert quotation.text.endswith("already on standby.")
    assert text[quotation.start - 2 : quotation.start + 1] == ": ‘"


def test_nested_double_quotes_do_not_end_a_single_quoted_quotation_early():
    text = read("a_british.txt")
    quotation = quotation_starting(text, "We were told the fleet was")
    assert quotation.closed
    assert quotation.text.endswith("What has happened to the crews is shameful.")
    assert "safe for another decade" in quotation.text


def test_the_nested_quotation_itself_is_quoted():
    text = read("a_british.txt")
    spans = quoted_spans(text)
    nested = text.index("safe for another decade")
    assert is_quoted(spans, nested, nested + len("safe for another decade"))


# --- apostrophes ----------------------------------------------------------------------

APOSTROPHES = [
    # file, the words around the apostrophe (the apostrophe is the first ' or ’ in them)
    ("a_british.txt", "Mr Hale’s account"),
    ("a_british.txt", "I don’t know"),
    ("a_british.txt", "The workers’ union"),
    ("a_british.txt", "the company’s island routes"),
    ("b_wire.txt", "don't have a second way"),
    ("b_wire.txt", "doesn't step in"),
    ("b_wire.txt", "the workers' pension fund"),
    ("b_wire.txt", "a day's notice"),
    ("c_regional.txt", "the company’s ferries"),
    ("c_regional.txt", "Calloway’s administrators"),
    ("d_opinion.txt", "this week's news"),
    ("d_opinion.txt", "somebody else's problem"),
]


def mark_positions(text):
    """Every position where the finder put a quotation mark (opening or closing)."""
    positions = set()
    for quotation in find_quotations(text):
        positions.add(quotation.start)
        if quotation.closed:
            positions.add(quotation.end - 1)
    return positions


@pytest.mark.parametrize(("name", "words"), APOSTROPHES, ids=[w for _, w in APOSTROPHES])
def test_an_apostrophe_is_never_taken_as_a_quotation_mark(name, words):
    text = read(name)
    apostrophe = text.index(words) + re.search("['’]", words).start()
    assert text[apostrophe] in "'’"
    assert apostrophe not in mark_positions(text)


def test_an_apostrophe_inside_a_single_quoted_quotation_does_not_end_it():
    text = read("a_british.txt")
    quotation = quotation_starting(text, "I don’t know how we get the milk")
    assert quotation.text == "I don’t know how we get the milk across on Monday. Nobody has told us a thing."


def test_a_plural_possessive_inside_a_single_quoted_quotation_does_not_end_it():
    text = read("a_british.txt")
    apostrophe = text.index("members’ pay") + len("members")
    assert apostrophe not in mark_positions(text)
    quotation = quotation_starting(text, "Our members")
    assert quotation.text.endswith("like everybody else.")


# --- loaded words: the speaker's or the writer's? -------------------------------------

QUOTED_LOADED = [
    ("a_british.txt", "shameful"),
    pytest.param("b_wire.txt", "disaster"),
    pytest.param("c_regional.txt", "crucial"),
    pytest.param("d_opinion.txt", "very"),
    pytest.param("d_opinion.txt", "brutal"),
]
PROSE_LOADED = [
    ("a_british.txt", "controversial"),
    ("d_opinion.txt", "shameful"),
    ("d_opinion.txt", "clearly"),
    ("d_opinion.txt", "disastrous"),
    ("d_opinion.txt", "harsh"),
    ("d_opinion.txt", "should"),
]


def occurrences(text, word):
    found = [(m.start(), m.end()) for m in re.finditer(rf"\b{word}\b", text, flags=re.IGNORECASE)]
    assert found, f"{word!r} should be in the article"
    return found


@pytest.mark.parametrize(("name", "word"), QUOTED_LOADED)
def test_a_loaded_word_placed_inside_a_quotation_is_quoted(name, word):
    text = read(name)
    spans = quoted_spans(text)
    assert all(is_quoted(spans, a, b) for a, b in occurrences(text, word))


@pytest.mark.parametrize(("name", "word"), PROSE_LOADED)
def test_a_loaded_word_in_the_writers_own_prose_is_not_quoted(name, word):
    text = read(name)
    spans = quoted_spans(text)
    assert not any(is_quoted(spans, a, b) for a, b in occurrences(text, word))
