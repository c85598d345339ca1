import pytest

from helpers.text import load_stopwords, normalize_quotes, split_sentences, stem, tokenize, words


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
