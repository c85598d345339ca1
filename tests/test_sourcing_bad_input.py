"""Bad input never crashes the attribution finder: huge, unbalanced, shouting, foreign, empty or binary-ish text.

Each case must give a list from ``find_attributions`` (possibly empty) and a
summary from ``summarize_sourcing`` (which takes the same text) without
raising. pytest-timeout is not installed, so times are not asserted here;
the slowest cases are the 5 MB ones (several seconds each on two cores).
"""

import random

import pytest

from helpers.sourcing import find_attributions, summarize_sourcing

WORDS = (
    "ferry island harbor council budget crew engine timetable winter mainland charter vessel "
    "captain route fuel school doctor shop repair debt board minister union wage notice"
).split()
FIVE_MB = 5_000_000
# summarize_sourcing finds the attributions again and splits every sentence: on the 5 MB texts it
# took 13-15 s against 7-9 s for find_attributions alone, so it is run on their first 500,000 characters.
SUMMARY_SLICE = 500_000


def some_words(n_chars, seed=1):
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_chars:
        word = rng.choice(WORDS)
        out.append(word)
        size += len(word) + 1
    return out


def check_survives(text, *, summary_text=None):
    found = find_attributions(text)
    assert isinstance(found, list)
    if len(text) < 1_000_000:  # the thought verbs too (the 5 MB texts hold none of them)
        with_thoughts = find_attributions(text, thoughts=True)
        assert isinstance(with_thoughts, list)
        assert all(text[a.sentence_start : a.sentence_end] == a.sentence for a in with_thoughts)
    summary = summarize_sourcing(text if summary_text is None else summary_text)
    assert isinstance(summary, dict)
    assert summary["attributions"] >= 0
    return found


@pytest.fixture(scope="module")
def five_mb_of_words():
    return some_words(FIVE_MB + 100)  # a little over, so both joins reach 5 MB


def test_five_megabytes_without_punctuation_on_one_line_gives_a_list(five_mb_of_words):
    text = " ".join(five_mb_of_words)
    size, lines = len(text), text.count("\n")
    assert size >= FIVE_MB and lines == 0
    assert check_survives(text, summary_text=text[:SUMMARY_SLICE]) == []


def test_five_megabytes_without_punctuation_on_many_lines_gives_a_list(five_mb_of_words):
    text = "\n".join(" ".join(five_mb_of_words[i : i + 12]) for i in range(0, len(five_mb_of_words), 12))
    size, lines = len(text), text.count("\n")  # twelve words a line: about 60,000 lines
    assert size >= FIVE_MB and lines > 50_000
    assert check_survives(text, summary_text=text[:SUMMARY_SLICE]) == []


def test_unbalanced_quotation_marks_mixed_with_words_give_a_list():
    rng = random.Random(2)
    pieces, size = [], 0
    while size < 200_000:
        word = rng.choice(WORDS)
        piece = rng.choice(["“", "‘", '"', "«"]) + word if rng.random() < 0.3 else word
        pieces.append(piece)
        size += len(piece) + 1
    text = " ".join(pieces)
    assert "”" not in text and "»" not in text and "’" not in text
    check_survives(text)


def test_a_quotation_that_never_closes_over_500_paragraphs_gives_a_list():
    paragraphs = ["“" + " ".join(some_words(200, seed=i)) + "." for i in range(500)]
    paragraphs[0] = "Mayor Ann Lee spoke to the crews. " + paragraphs[0]
    text = "\n".join(paragraphs)
    assert text.count("“") == 500 and "”" not in text
    check_survives(text)


def test_an_article_in_capitals_gives_a_list():
    text = (
        "FERRY FIRM COLLAPSES, ISLANDS CUT OFF\n"
        "THE LAST BOAT LEFT AT SIX IN THE MORNING, AND NOBODY TOLD THE CREW IT WAS THE LAST ONE.\n"
        "\u201cWE HAD ELEVEN HOURS OF NOTICE,\u201d SAID HARBOR MASTER JANET ROURKE.\n"
        "CRITICS SAY THE STATE IGNORED THE WARNINGS FOR YEARS, ACCORDING TO UNION OFFICIALS.\n"
        "GOV. MARIAN COLE SAID IN A STATEMENT THAT A CHARTER WOULD RUN BY MONDAY.\n"
    )
    check_survives(text)


def test_an_article_in_spanish_gives_a_list():
    text = (
        "La naviera de las islas suspende todos sus viajes\n"
        "La compañía que unía las tres islas con el continente dejó de navegar el viernes por la mañana, "
        "según informó el ayuntamiento en un comunicado.\n"
        "«No sabemos cómo vamos a traer el pan el lunes», dijo Marta Ibáñez, dueña de la única tienda de la isla. "
        "«Nadie nos ha explicado nada.»\n"
        "El gobierno regional aseguró que fletará un barco durante al menos treinta días. "
        "Los sindicatos, sin embargo, afirman que los salarios de noviembre todavía no se han pagado.\n"
        "—Esto se veía venir desde hace años —declaró un capitán que pidió no ser identificado.\n"
    )
    check_survives(text)


@pytest.mark.parametrize(
    "text",
    ["", " \n\t\n   \u00a0\n", "!?.,;:-—…“”‘’\"'«»()[]{}/*&%$#@", "\u201c\u201c\u201c\u2019\u2019\n\"\"\"\n''''''"],
    ids=["empty", "whitespace", "punctuation", "only-quotation-marks"],
)
def test_text_with_no_words_gives_an_empty_list(text):
    assert check_survives(text) == []


def test_control_characters_and_a_nul_byte_give_a_list():
    text = (
        "Ferry\x00 firm stops\x01 sailing\x02\n"
        "\x1b[31m\u201cWe had no notice,\u201d\x07 said Janet Rourke.\x7f\n"
        "Critics\x0b say the state\x0c ignored the warnings.\x1f\x00\n"
        "\ufeff\u200b\ufffd\x85 The union did not respond.\x00"
    )
    check_survives(text)
