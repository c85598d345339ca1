import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.text
from helpers.layout import split_lines
from helpers.quotations import open_double_depth
from helpers.text import Token, load_stopwords, normalize_quotes, split_sentences, stem, tokenize, words

ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpora").glob("*/*.txt"))


def texts(tokens):
    return [t.text for t in tokens]


@pytest.mark.parametrize("whole", ["U.S.", "MS-13", "mega-prison", "40,000", "1798", "3.5", "gang-related", "12.5%"])
def test_tokens_that_stay_whole(whole):
    assert texts(tokenize(f"about {whole} here")) == ["about", whole, "here"]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessive_is_split_off_with_either_apostrophe(apostrophe):
    tokens = tokenize(f"Bukele{apostrophe}s prison")
    assert texts(tokens) == ["Bukele", f"{apostrophe}s", "prison"]
    assert [t.kind for t in tokens] == ["word", "clitic", "word"]
    assert tokens[1].norm == "'s"


def test_inner_apostrophes_stay():
    assert texts(tokenize("don’t O'Brien")) == ["don’t", "O'Brien"]


def test_token_offsets_index_the_source():
    text = "“Do not come,” she said — in the U.S. 40,000 times."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_tokenize_a_slice_keeps_offsets_of_the_whole():
    text = "first part. second part"
    tokens = tokenize(text, start=12)
    assert texts(tokens) == ["second", "part"]
    assert tokens[0].start == 12


def test_token_kinds():
    kinds = {t.text: t.kind for t in tokenize("Noem saw 250 men, 40,000 beds.")}
    assert kinds == {"Noem": "word", "saw": "word", "250": "number", "men": "word", ",": "punct", "40,000": "number", "beds": "word", ".": "punct"}


def test_curly_and_straight_quotes_count_alike():
    assert words("Bukele’s “deal”") == words("Bukele's \"deal\"") == ["bukele", "deal"]


def test_normalize_quotes_keeps_length():
    text = "‘a’ “b” it’s"
    assert len(normalize_quotes(text)) == len(text)


def test_words_options():
    text = "The 250 Deportations were DEPORTED"
    assert words(text) == ["the", "250", "deportations", "were", "deported"]
    assert words(text, lowercase=False)[0] == "The"
    assert words(text, numbers=False) == ["the", "deportations", "were", "deported"]
    assert words(text, min_length=4) == ["deportations", "were", "deported"]
    assert words(text, stopwords=load_stopwords()) == ["250", "deportations", "deported"]
    stems = words(text, stemmer="snowball")
    assert stems[2] == stems[4] == "deport"


def test_non_latin_scripts_are_words_not_errors():
    assert words("Привет мир 你好") == ["привет", "мир", "你好"]


def test_unknown_stemmer_is_a_clear_error():
    with pytest.raises(ValueError, match="porter"):
        stem("word", "lancaster-ish")


def test_stopword_list_is_a_readable_file_and_keeps_negations():
    stopwords = load_stopwords()
    assert {"the", "and", "of", "'s"} <= stopwords
    assert not {"not", "no", "never", "prison", "gang"} & stopwords


def test_own_stopword_list(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# mine\nprison\nEl\n", encoding="utf-8")
    assert load_stopwords(path) == frozenset({"prison", "el"})


def test_missing_stopword_file_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        load_stopwords(tmp_path / "nope.txt")


def sentence_texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Rubio visited the prison.",
        "Dr. Lee met Mr. Park in Washington, D.C. on Monday.",
        "The U.S. embassy said nothing.",
        "It was 3 p.m. on Friday when they arrived.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert sentence_texts(text) == [text]


def test_abbreviation_before_a_sentence_starter_ends_the_sentence():
    assert sentence_texts("He was deported from the U.S. The flight left at night.") == [
        "He was deported from the U.S.",
        "The flight left at night.",
    ]


def test_quotation_of_several_sentences_stays_together():
    text = "“Do not come to our country illegally. You will be removed, and you will be prosecuted,” she said. Then she left."
    assert sentence_texts(text) == [
        "“Do not come to our country illegally. You will be removed, and you will be prosecuted,” she said.",
        "Then she left.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Why wait?” she asked. He left.", ["“Why wait?” she asked.", "He left."]),
        ('"Stop it now!" the coach shouted.', ['"Stop it now!" the coach shouted.']),
        ("'Is that all?' he wondered aloud.", ["'Is that all?' he wondered aloud."]),
    ],
)
def test_quotation_ending_in_a_question_or_exclamation_keeps_its_attribution(text, expected):
    assert sentence_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“Why wait?” Nobody answered.",  # a capital starts a new sentence
        "Why wait? she might ask.",  # no quotation mark: left to the splitter
    ],
)
def test_question_mark_without_a_lower_case_continuation_still_ends_the_sentence(text):
    assert len(sentence_texts(text)) == 2


def test_straight_quotes_work_like_curly_ones():
    text = '"We did not take this lightly. It was hard," the mayor said. Then she left.'
    assert len(sentence_texts(text)) == 2


def test_unbalanced_quote_does_not_crash_and_stays_in_its_line():
    text = "“An opening quote that never closes. Another sentence.\nNext line."
    sentences = split_sentences(text)
    assert sentences[-1].text == "Next line."


def test_sentences_never_cross_lines_and_keep_kinds():
    text = "A Headline Here\n- a bullet point\nFirst sentence. Second one."
    sentences = split_sentences(text)
    assert [(s.text, s.kind) for s in sentences] == [
        ("A Headline Here", "heading"),
        ("a bullet point", "bullet"),
        ("First sentence.", "paragraph"),
        ("Second one.", "paragraph"),
    ]


def test_sentence_offsets_index_the_text_with_bom_and_crlf():
    text = "\ufeffFirst one here. Second.\r\nThird line is here.\r\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one here.", "Second.", "Third line is here."]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_seed_sentences_cover_every_word(seeds):
    # no text is lost: every word token of the article lies inside a sentence
    for article in seeds:
        sentences = split_sentences(article)
        for token in tokenize(article.text):
            if token.is_word:
                assert any(s.start <= token.start < s.end for s in sentences), (article.file, token)


def test_seed_quotation_is_one_sentence(seeds):
    sentences = [s.text for s in split_sentences(seeds["E"])]
    assert any(s.startswith("“Do not come") and "she said" in s for s in sentences)


def test_bukele_counts_include_possessives(seeds):
    # hand-checked: "Bukele" including "Bukele’s"/"Bukele's" per article
    counts = {a.label: words(a.text).count("bukele") for a in seeds}
    raw = {a.label: a.text.count("Bukele") for a in seeds}
    assert counts == raw
    assert counts["D"] > counts["A"] >= 1


def test_a_stopword_list_is_read_once_and_again_when_its_file_changes(tmp_path):
    import os

    from helpers.text import load_stopwords

    mine = tmp_path / "mine.txt"
    mine.write_text("# my list\nthe\n", encoding="utf-8")
    first = load_stopwords(mine)
    assert first == {"the"} and load_stopwords(mine) is first, "read once"
    mine.write_text("# my list\nthe\nand\n", encoding="utf-8")
    os.utime(mine, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert load_stopwords(mine) == {"the", "and"}, "an edited list is read again"
    with pytest.raises(FileNotFoundError):
        load_stopwords(tmp_path / "missing.txt")


# --- Tokens: a small, fixed API --------------------------------------------------------


def test_a_token_is_read_by_name_and_cannot_be_changed():
    token = Token("world", 7, 12, "word")
    assert (token.text, token.start, token.end, token.kind) == ("world", 7, 12, "word")
    assert token == Token(text="world", start=7, end=12, kind="word")
    assert hash(token) == hash(Token("world", 7, 12, "word"))
    assert repr(token) == "Token(text='world', start=7, end=12, kind='word')"
    assert Token("US", 0, 2, "word").norm == "us" and Token("’s", 0, 2, "clitic").norm == "'s"
    assert token.is_word and Token("40", 0, 2, "number").is_word and not Token(",", 0, 1, "punct").is_word
    with pytest.raises(AttributeError):
        token.text = "other"


def _tokens_one_match_at_a_time(text, start=0, end=None):
    """Tokens as first written: one match object and one kind check per token (the reference)."""
    stop = len(text) if end is None else end
    return [
        (m.group(), m.start() + start, m.end() + start, helpers.text._kind(m.group()))
        for m in helpers.text._TOKEN_RE.finditer(text[start:stop])
    ]


def _as_tuples(tokens):
    return [(t.text, t.start, t.end, t.kind) for t in tokens]


@pytest.mark.parametrize("path", CORPORA, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_tokens_of_the_corpora_are_those_of_one_match_at_a_time(path):
    text = path.read_text(encoding="utf-8")
    assert _as_tuples(tokenize(text)) == _tokens_one_match_at_a_time(text)
    middle = len(text) // 3
    assert _as_tuples(tokenize(text, middle, 2 * middle)) == _tokens_one_match_at_a_time(text, middle, 2 * middle)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 _\n\t.,'’-%$“”\u00a0\u2028é²", max_size=80), st.integers(0, 10), st.integers(0, 90))
def test_tokens_of_any_text_are_those_of_one_match_at_a_time(text, start, end):
    assert _as_tuples(tokenize(text)) == _tokens_one_match_at_a_time(text)
    assert _as_tuples(tokenize(text, start, end)) == _tokens_one_match_at_a_time(text, start, end)


# --- Sentences: the same as rereading, in linear time ----------------------------------


def _split_line_by_rereading(text, line):
    """``_split_line`` as first written: it reread the whole joined sentence for every
    sentence it joined (time growing with the square of a line's length). The reference."""
    first, last = helpers.text._content_bounds(line)
    spans = [(first + a, first + b) for a, b in helpers.text._sentence_splitter().span_tokenize(text[first:last])]
    fixed = []
    for a, b in spans:
        if fixed:
            moved = a
            while moved < b and text[moved] in helpers.text._LEADING_CLOSERS:
                moved += 1
            if moved > a and open_double_depth(text[fixed[-1][0] : fixed[-1][1]]) > 0:
                fixed[-1][1] = moved
                while moved < b and text[moved].isspace():
                    moved += 1
                a = moved
            if a >= b:
                continue
        fixed.append([a, b])
    merged = []
    for a, b in fixed:
        if merged:
            joined = text[merged[-1][0] : merged[-1][1]]
            inside_brackets = joined.count("(") > joined.count(")") and joined.rfind("(") > len(joined) - 40
        if merged and (
            open_double_depth(joined) > 0
            or helpers.text._continues_quotation(text, merged[-1][1], a)
            or inside_brackets
            or text[a] in "),;:]"
            or (text[merged[-1][1] - 1] == ")" and text[a].islower())
        ):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _sentences_by_rereading(text):
    return [
        span
        for line in split_lines(text)
        if line.kind == "paragraph"
        for span in _split_line_by_rereading(text, line)
    ]


def _paragraph_spans(text):
    return [(s.start, s.end) for s in split_sentences(text) if s.kind == "paragraph"]


def _one_line(paths):
    """Every paragraph of the given files on one line, as an article saved without line breaks."""
    return " ".join(
        line.text.strip()
        for path in paths
        for line in split_lines(path.read_text(encoding="utf-8"))
        if line.kind == "paragraph"
    )


@pytest.mark.parametrize("path", CORPORA, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_sentences_of_the_corpora_are_those_of_rereading(path):
    text = path.read_text(encoding="utf-8")
    assert _paragraph_spans(text) == _sentences_by_rereading(text)


def test_sentences_of_the_corpora_on_one_line_are_those_of_rereading():
    text = _one_line(CORPORA)
    assert _paragraph_spans(text) == _sentences_by_rereading(text)
    unclosed = "“" + text  # a quotation left open at the start joins every sentence after it
    assert _paragraph_spans(unclosed) == _sentences_by_rereading(unclosed) == [(0, len(unclosed))]


_SENTENCE_PIECES = ["Sen. Lee", " (D-Mo.", ")", " said", " she asked", ". ", "? ", "! ", ", ", "; ", "“", "”", '"', "„", "«", "»", "(", " yes", " No", " U.S.", " it"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40))
def test_sentences_of_any_line_are_those_of_rereading(pieces):
    text = "".join(pieces)
    assert _paragraph_spans(text) == _sentences_by_rereading(text)


def _characters_scanned(text, monkeypatch):
    """How many characters the sentence splitter hands to its quotation and bracket readers."""
    scanned = [0]
    depth, read = helpers.text.QuoteDepth.read, helpers.text._Joined.read

    def counting_depth(self, text, start=0, end=None):
        scanned[0] += (len(text) if end is None else end) - start
        return depth(self, text, start, end)

    def counting_read(self, text, start, end):
        scanned[0] += end - start
        return read(self, text, start, end)

    with monkeypatch.context() as patch:
        patch.setattr(helpers.text.QuoteDepth, "read", counting_depth)
        patch.setattr(helpers.text._Joined, "read", counting_read)
        split_sentences(text)
    return scanned[0]


def test_a_long_line_with_a_quotation_left_open_is_read_in_linear_time(monkeypatch):
    # Counted, not timed: 8 times the text may cost at most about 10 times the work.
    sentences = [s.text for s in split_sentences(_one_line(CORPORA)) if s.text[-1] in ".?!"]
    rng = random.Random(14)
    line = "“" + " ".join(rng.choice(sentences) for _ in range(60))
    small = _characters_scanned(line, monkeypatch)
    large = _characters_scanned(line + " " + " ".join([line[1:]] * 7), monkeypatch)
    assert 0 < small and large <= 10 * small
