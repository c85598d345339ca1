import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.corpus import Corpus, article_from_text
from helpers.frequency import (
    article_words,
    collocates,
    collocations,
    concordance,
    count_by_article,
    count_types,
    count_words,
    deviation_of_proportions,
    dispersion,
    distinctive_words,
    format_concordance,
    frequency_table,
    ngram_counts,
    no_hits_message,
    per_thousand,
    running_words,
    shared_words,
    sort_hits,
    stem_forms,
    suggest_words,
    summarize_words,
    top_words,
    top_words_by_article,
)
from helpers.text import load_stopwords, words

from conftest import ROOT

# ---------------------------------------------------------------------------
# Counting, by hand
# ---------------------------------------------------------------------------


def test_counts_are_lower_cased_without_stopwords_and_possessives_split():
    counts = count_words("The Prison and the prison’s guards. Bukele's prison.")
    assert counts["prison"] == 3
    assert counts["bukele"] == 1
    assert counts["guards"] == 1
    assert counts["the"] == 0 and counts["and"] == 0
    assert "'s" not in counts and "’s" not in counts
    assert counts.N() == 5


def test_counting_options_each_change_what_is_counted():
    text = "The 250 Deportations were DEPORTED in 2025 by us."
    assert article_words(text, stopwords=False) == ["the", "250", "deportations", "were", "deported", "in", "2025", "by", "us"]
    assert article_words(text) == ["250", "deportations", "deported", "2025"]
    assert article_words(text, numbers=False) == ["deportations", "deported"]
    assert article_words(text, lowercase=False) == ["250", "Deportations", "DEPORTED", "2025"]
    assert article_words(text, stemmer="porter") == ["250", "deport", "deport", "2025"]
    assert article_words(text, stemmer=True) == article_words(text, stemmer="porter")
    assert article_words(text, min_length=5) == ["deportations", "deported"]
    assert article_words(text, stopwords={"deported", "250"}) == ["the", "deportations", "were", "in", "2025", "by", "us"]


def test_stopwords_can_come_from_your_own_file(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my list\nprison\n", encoding="utf-8")
    assert article_words("The prison gate", stopwords=str(path)) == ["the", "gate"]
    assert article_words("The prison gate", stopwords=path) == ["the", "gate"]


def test_a_missing_stopword_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nolist.txt"):
        count_words("text", stopwords=str(tmp_path / "nolist.txt"))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"stopwords": False},
        {"lowercase": False},
        {"stemmer": "porter", "min_length": 3},
        {"numbers": False, "stemmer": "snowball"},
    ],
)
def test_counts_follow_exactly_the_rules_of_text_words(seeds, options):
    stopwords = options.get("stopwords", True)
    as_set = load_stopwords() if stopwords is True else None
    for article in seeds:
        expected = words(article.text, **{**options, "stopwords": as_set})
        assert article_words(article, lines="all", **options) == expected


def test_headings_are_counted_but_page_furniture_is_not(seeds):
    article = seeds[4]  # E: "| Published March 27, 2025" ... "Be the first to comment"
    assert count_words(article)["comment"] == 0
    assert count_words(article, lines="all")["comment"] == 1
    assert count_words(article)["published"] == 0
    assert running_words(article) == article.word_count  # the article's own words: prose and headings
    assert running_words(article, lines="all") == article.word_count + 9  # 4 words of the date line, 5 of the furniture
    headed = seeds[2]  # C has headings
    heading_words = article_words(headed, lines=("heading",), stopwords=False)
    assert "consequences" in heading_words
    assert count_words(headed, lines="prose")["consequences"] < count_words(headed)["consequences"]


def test_running_words_do_not_depend_on_stopwords_or_stems():
    text = "The prisons and the prison"
    assert running_words(text) == 5
    tops = top_words(text, stopwords=False)
    assert [(w.word, w.count, w.per_1000) for w in tops][:2] == [("the", 2, 400.0), ("and", 1, 200.0)]
    assert top_words(text, stemmer="porter")[0].per_1000 == 400.0  # 2 of 5 words, stopwords removed or not


def test_per_thousand():
    assert per_thousand(3, 600) == 5.0
    assert per_thousand(0, 10) == 0.0
    assert per_thousand(5, 0) == 0.0


def test_top_words_breaks_ties_alphabetically():
    tops = top_words("zebra apple mango apple zebra", n=3)
    assert [w.word for w in tops] == ["apple", "zebra", "mango"]
    assert top_words("zebra apple", n=None)[0].word == "apple"


def test_top_words_of_a_corpus_add_up_the_articles():
    texts = {"A": "gang gang prison", "B": "gang court"}
    corpus_top = top_words(texts, n=1)[0]
    assert (corpus_top.word, corpus_top.count, corpus_top.per_1000) == ("gang", 3, 600.0)
    by_article = top_words_by_article(texts, n=1)
    assert by_article["A"][0].count == 2 and by_article["B"][0].word == "court"


def test_count_by_article_keeps_every_article_even_without_words():
    counts = count_by_article({"A": "Gang gang.", "B": "!!! ---", "C": ""})
    assert counts["A"]["gang"] == 2
    assert counts["B"].N() == 0 and counts["C"].N() == 0
    assert sorted(counts.conditions()) == ["A", "B", "C"]


def test_types_and_tokens():
    result = count_types("the cat saw the other cat", stopwords=False)
    assert (result.tokens, result.types) == (6, 4)
    assert math.isclose(result.ratio, 4 / 6)
    empty = count_types("...")
    assert (empty.tokens, empty.types, empty.ratio) == (0, 0, 0.0)


def test_word_table_counts_rates_and_phrases():
    texts = {"A": "Gang gang prison. Human rights matter.", "B": "Prison court human rights."}
    table = frequency_table(texts, ["gang", "Prison", "human rights", "the"])
    assert table.words == ["gang", "prison", "human rights", "the"]
    assert table.counts == [[2, 0], [1, 1], [1, 1], [0, 0]]
    assert table.totals == [6, 4]
    assert table.count("prison", "B") == 1
    assert table.per_1000("gang", "A") == pytest.approx(333.333, abs=0.001)
    assert table.rows(relative=True)[1] == ["prison", 166.7, 250.0]


def test_word_table_counts_named_stopwords_and_stems():
    table = frequency_table({"A": "The deported men were deported."}, ["the", "deportation"], stemmer="porter")
    assert table.words == ["the", "deport"]
    assert table.counts == [[1], [2]]


def test_word_table_defaults_to_the_top_words():
    texts = {"A": "gang gang prison", "B": "gang court court"}
    table = frequency_table(texts, n=2)
    assert table.words == ["gang", "court"]
    assert table.counts == [[2, 1], [0, 2]]


def test_word_table_as_pandas():
    pandas = pytest.importorskip("pandas")
    frame = frequency_table({"A": "gang gang", "B": "gang"}, ["gang"]).to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.loc["gang", "A"] == 2


def test_stem_forms_show_what_a_stem_stands_for():
    forms = stem_forms("Deported deportation deported prisons prison")
    assert forms["deport"] == [("deported", 2), ("deportation", 1)]
    assert forms["prison"] == [("prison", 1), ("prisons", 1)]


# ---------------------------------------------------------------------------
# Distinctive words
# ---------------------------------------------------------------------------

TEXTS = {"A": "gang gang gang prison court", "B": "court court prison", "C": "prison court law"}


def test_log_likelihood_by_hand():
    found = distinctive_words(TEXTS, "A", p_value=None)
    assert [k.word for k in found] == ["gang"]
    gang = found[0]
    expected = 5 * 3 / 11
    assert gang.score == pytest.approx(2 * 3 * math.log(3 / expected))
    assert gang.log_ratio == pytest.approx(math.log2((3 / 5) / (0.5 / 6)))
    assert gang.p_value == pytest.approx(math.erfc(math.sqrt(gang.score / 2)))
    assert (gang.count, gang.ref_count, gang.per_1000, gang.ref_per_1000) == (3, 0, 600.0, 0.0)
    assert gang.overused


def test_log_likelihood_matches_the_two_cell_formula_when_both_counts_are_positive():
    texts = {"A": "x " * 4 + "y " * 6, "B": "x " * 1 + "y " * 19}
    x = distinctive_words(texts, "A", p_value=None, min_count=1, stopwords=False)[0]
    a, b, c, d = 4, 1, 10, 20
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert x.word == "x"
    assert x.score == pytest.approx(2 * (a * math.log(a / e1) + b * math.log(b / e2)))


def test_p_value_and_min_count_filter_results():
    assert [k.word for k in distinctive_words(TEXTS, "A")] == ["gang"]  # G² 4.73, p = 0.03
    assert distinctive_words(TEXTS, "A", p_value=0.01) == []
    assert distinctive_words(TEXTS, "A", p_value=None, min_count=4) == []


def test_underused_words_and_a_named_reference():
    under = distinctive_words(TEXTS, "A", p_value=None, underused=True)
    assert under and all(k.log_ratio < 0 for k in under)
    assert "court" in [k.word for k in under]
    only_b = distinctive_words(TEXTS, "A", p_value=None, reference=["B"])
    assert only_b[0].ref_count == 0 and only_b[0].ref_per_1000 == 0.0


def test_log_odds_shrinks_rare_words_more_than_log_likelihood(seeds):
    g2 = distinctive_words(seeds, "D", n=None)
    log_odds = distinctive_words(seeds, "D", n=None, measure="log-odds")
    assert all(k.measure == "log-odds" for k in log_odds)
    assert 0 < len(log_odds) < len(g2)
    assert min(k.count for k in log_odds) >= min(k.count for k in g2)


def test_sorting_by_effect_size():
    texts = {"A": "gang gang gang gang prison prison prison prison prison prison court", "B": "prison court court"}
    by_ratio = distinctive_words(texts, "A", p_value=None, sort="log_ratio")
    assert by_ratio == sorted(by_ratio, key=lambda k: -k.log_ratio)


@pytest.mark.parametrize(
    "texts, label, message",
    [
        ({"A": "gang", "B": "court"}, "Z", "No article 'Z'"),
        ({"A": "", "B": "court"}, "A", "has no words"),
        ({"A": "gang gang"}, "A", "reference"),
        ({"A": "gang gang", "B": "!!!"}, "A", "reference"),
    ],
)
def test_distinctive_words_bad_input_is_explained(texts, label, message):
    with pytest.raises(ValueError, match=message):
        distinctive_words(texts, label)


def test_distinctive_words_bad_options_are_explained():
    with pytest.raises(ValueError, match="measure"):
        distinctive_words(TEXTS, "A", measure="tf-idf")
    with pytest.raises(ValueError, match="sort"):
        distinctive_words(TEXTS, "A", sort="alphabet")
    with pytest.raises(ValueError, match="prior"):
        distinctive_words(TEXTS, "A", measure="log-odds", prior=0)


def test_every_seed_article_has_distinctive_words_grounded_in_its_counts(seeds):
    for article in seeds:
        found = distinctive_words(seeds, article.label)
        assert found, f"{article.label} should have at least one distinctive word"
        counts = count_words(article)
        for k in found:
            assert k.count == counts[k.word]
            assert k.p_value < 0.05 and k.score >= 3.84 and k.log_ratio > 0


# ---------------------------------------------------------------------------
# N-grams and collocations
# ---------------------------------------------------------------------------


def test_ngrams_stay_inside_sentences_and_skip_stopword_edges():
    text = "The prison. Court rules. The rule of law holds."
    grams = [g.text for g in ngram_counts(text, 2, n=None)]
    assert "prison court" not in grams
    assert "court rules" in grams
    assert "the prison" not in grams and "of law" not in grams
    assert [g.text for g in ngram_counts(text, 3, n=None)] == ["rule of law"]
    with_stopwords = [g.text for g in ngram_counts(text, 2, n=None, stopwords=False)]
    assert "the prison" in with_stopwords and "of law" in with_stopwords


def test_ngrams_do_not_join_words_across_left_out_tokens():
    text = "Up to 40,000 inmates, the prison holds."
    assert "to inmates" not in [g.text for g in ngram_counts(text, 2, n=None, numbers=False, stopwords=False)]
    assert "40,000 inmates" in [g.text for g in ngram_counts(text, 2, n=None)]


def test_ngrams_bad_size():
    with pytest.raises(ValueError, match="size"):
        ngram_counts("a b c", 0)


def test_collocations_on_the_seeds(seeds):
    pairs = collocations(seeds, n=10)
    assert pairs[0].text == "el salvador"
    assert all(p.count >= 2 for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert "due process" in [p.text for p in collocations(seeds, n=None)]
    triples = collocations(seeds, 3, n=None, measure="pmi", min_count=3)
    assert "tren de aragua" in [t.text for t in triples]


def test_collocations_bad_measure_and_size():
    with pytest.raises(ValueError, match="likelihood_ratio"):
        collocations("a b", measure="magic")
    with pytest.raises(ValueError, match="size=4"):
        collocations("a b", size=4)
    assert collocations("") == []


# ---------------------------------------------------------------------------
# Concordance and dispersion
# ---------------------------------------------------------------------------


def test_hits_carry_offsets_into_the_text_as_stored(seeds):
    for article in seeds:
        for hit in concordance(article, "security"):
            assert article.text[hit.start : hit.end] == hit.keyword
            assert article.text[hit.sentence_start : hit.sentence_end] == hit.sentence
            assert hit.sentence_start <= hit.start < hit.end <= hit.sentence_end
            assert hit.keyword.lower() == "security"
            assert hit.file == article.file and hit.label == article.label


def test_offsets_hold_with_a_byte_order_mark_and_windows_line_endings(harbor):
    messy = next(a for a in harbor if a.text.startswith("\ufeff"))
    assert "\r\n" in messy.text
    word = top_words(messy, n=1)[0].word
    hits = concordance(messy, word)
    assert len(hits) == count_words(messy)[word] > 0
    for hit in hits:
        assert messy.text[hit.start : hit.end].lower() == word
        assert "\r" not in hit.left and "\n" not in hit.right


def test_bukele_counts_include_possessives_and_equal_the_raw_string_count(seeds):
    for article in seeds:
        expected = article.text.count("Bukele")
        assert count_words(article)["bukele"] == expected
        assert len(concordance(article, "bukele")) == expected
    assert count_words(seeds)["bukele"] == sum(a.text.count("Bukele") for a in seeds)


def test_the_count_of_a_word_equals_its_number_of_hits(seeds):
    for article in seeds:
        counts = count_words(article)
        for item in top_words(article, n=15):
            assert len(concordance(article, item.word)) == counts[item.word], (article.label, item.word)


def test_phrases_match_words_next_to_each_other_only():
    text = "Critics raise due process. Due, process. Due process rights."
    hits = concordance(text, "due process")
    assert [h.keyword for h in hits] == ["due process", "Due process"]
    assert [h.sentence for h in hits] == ["Critics raise due process.", "Due process rights."]


def test_phrase_hits_on_the_seeds(seeds):
    hits = concordance(seeds, "human rights")
    assert len(hits) == sum(a.text.lower().count("human rights") for a in seeds)
    assert {h.label for h in concordance(seeds, "due process")} <= {"A", "B", "E"}


def test_stems_wildcards_and_case():
    text = "They deported him. Deportation flights. The deportees waited. Security and security."
    assert [h.keyword for h in concordance(text, "deported")] == ["deported"]
    assert [h.keyword for h in concordance(text, "deported", stems=True)] == ["deported", "Deportation"]
    assert [h.keyword for h in concordance(text, "deport*")] == ["deported", "Deportation", "deportees"]
    assert [h.keyword for h in concordance(text, "Security", case_sensitive=True)] == ["Security"]
    assert len(concordance(text, "security")) == 2


def test_possessive_query():
    hits = concordance("Bukele’s prison and Bukele prison.", "bukele's prison")
    assert [h.keyword for h in hits] == ["Bukele’s prison"]


def test_no_hits_is_an_empty_result_with_a_helpful_message(seeds):
    assert concordance(seeds, "zeppelin") == []
    assert "No hits for 'zeppelin'" in no_hits_message(seeds, "zeppelin")
    assert "bukele" in no_hits_message(seeds, "bukle")
    assert "word for word" in no_hits_message(seeds, "due processes of law")
    assert suggest_words(seeds, "imigration")[0] == "immigration"
    assert format_concordance([], query="zeppelin") == "No hits for 'zeppelin'."
    furniture = seeds[4]  # E ends with "Be the first to comment"
    assert concordance(furniture, "comment") == []
    assert len(concordance(furniture, "comment", lines="all")) == 1
    assert "lines that are not counted" in no_hits_message(furniture, "comment")


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_is_explained(query):
    with pytest.raises(ValueError, match="Type a word"):
        concordance("some text", query)


def test_bad_search_options_are_explained():
    with pytest.raises(ValueError, match="stemmer"):
        concordance("text", "text", stems="lancaster")
    with pytest.raises(ValueError, match="width"):
        concordance("text", "text", width=-1)
    with pytest.raises(TypeError, match="text"):
        concordance("text", 42)


def test_format_concordance_lines_up_keywords():
    hits = concordance({"A": "one two gang three", "BB": "a gang b"}, "gang")
    lines = format_concordance(hits, width=10).splitlines()
    assert len(lines) == 2
    assert lines[0].index("[gang]") == lines[1].index("[gang]")


def test_sorting_hits_groups_the_words_around_the_keyword(seeds):
    hits = concordance(seeds, "illegal")
    by_right = sort_hits(hits, "right")
    next_words = [h.right.split()[0].strip(".,").lower() for h in by_right]
    assert next_words == sorted(next_words)
    by_left = sort_hits(hits, "left")
    before = [h.left.split()[-1].strip(".,:").lower() for h in by_left]
    assert before == sorted(before)
    assert sort_hits(hits, "text") == hits
    back = sort_hits(by_right, "text")
    for label in {h.label for h in hits}:
        assert [h for h in back if h.label == label] == [h for h in hits if h.label == label]
    assert sorted(map(id, by_left)) == sorted(map(id, hits))
    with pytest.raises(ValueError, match="right"):
        sort_hits(hits, "alphabet")


def test_dispersion_positions_are_running_word_indexes(seeds):
    places = dispersion(seeds, ["illegal", "human rights"])
    assert set(places) == {"illegal", "human rights"}
    for article in seeds:
        every_word = article_words(article, stopwords=False)
        hits = places["illegal"][article.label]
        assert len(hits) == count_words(article)["illegal"]
        for hit in hits:
            assert every_word[hit.token_index] == "illegal"
            assert hit.position == pytest.approx(hit.token_index / len(every_word))
            assert 0 <= hit.char_position < 1
        assert [h.position for h in hits] == sorted(h.position for h in hits)


def test_deviation_of_proportions():
    assert deviation_of_proportions({"A": "gang x", "B": "gang y"}, "gang") == 0.0
    assert deviation_of_proportions({"A": "gang x", "B": "y z"}, "gang") == 0.5
    assert deviation_of_proportions({"A": "x", "B": "y"}, "gang") is None


def test_collocates_count_neighbours_within_the_sentence():
    text = "National security matters. Border security and national pride."
    found = {c.word: (c.count, c.left, c.right) for c in collocates(text, "security", window=2)}
    assert found == {"national": (2, 1, 1), "border": (1, 1, 0), "matters": (1, 0, 1)}
    with pytest.raises(ValueError, match="window"):
        collocates(text, "security", window=0)


def test_collocates_of_security_differ_between_seed_articles(seeds):
    company = {a.label: {c.word for c in collocates(a, "security", window=1)} for a in seeds}
    assert "homeland" in company["E"]
    assert "homeland" not in company["B"]


# ---------------------------------------------------------------------------
# Scripts, bad input and options
# ---------------------------------------------------------------------------


def test_other_scripts_are_counted_not_crashed():
    text = "Президент посетил тюрьму. 总统 访问 监狱. La cárcel de Bukele. السجن الكبير"
    counts = count_words(text, stopwords=False)
    assert counts["президент"] == 1
    assert counts["cárcel"] == 1
    assert counts["السجن"] == 1
    assert counts["总统"] == 1
    hits = concordance(text, "тюрьму")
    assert len(hits) == 1 and text[hits[0].start : hits[0].end] == "тюрьму"


def test_empty_and_wordless_texts_give_empty_results():
    for text in ["", "   \n  ", "!!! --- ???"]:
        assert count_words(text).N() == 0
        assert top_words(text) == []
        assert running_words(text) == 0
        assert ngram_counts(text) == []
        assert concordance(text, "word") == []


@pytest.mark.parametrize(
    "options, error, message",
    [
        ({"stopword": False}, TypeError, "Did you mean 'stopwords'"),
        ({"colour": True}, TypeError, "The options are"),
        ({"stemmer": "lancaster"}, ValueError, "porter"),
        ({"min_length": 0}, ValueError, "min_length"),
        ({"lines": "headlines"}, ValueError, "counted"),
        ({"lines": ("paragraph", "footer")}, ValueError, "footer"),
        ({"stopwords": 3}, TypeError, "stopwords"),
    ],
)
def test_bad_options_are_explained(options, error, message):
    with pytest.raises(error, match=message):
        count_words("text", **options)


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_bad_n_is_explained(n):
    with pytest.raises(ValueError, match="n should be"):
        top_words("text", n=n)


def test_inputs_of_every_shape():
    article = article_from_text("Gang prison.", "x.txt", "X")
    assert count_words(article)["gang"] == 1
    assert count_words(Corpus(None, [article]))["gang"] == 1
    assert count_words([article, "Gang court."])["gang"] == 2
    assert list(count_by_article(["gang", "court"])) == ["A", "B"]
    with pytest.raises(TypeError, match="got int"):
        count_words(5)
    with pytest.raises(ValueError, match="share the label"):
        count_words([article, article])


def test_summary_has_the_documented_schema(seeds):
    summary = summarize_words(seeds, top=5)
    assert set(summary) == {"articles", "corpus"}
    assert set(summary["corpus"]) == {"tokens", "top"}
    for row, article in zip(summary["articles"], seeds):
        assert set(row) == {"file", "tokens", "types", "top"}
        assert row["file"] == article.file
        assert row["tokens"] == running_words(article)
        assert row["types"] == len(set(article_words(article, stopwords=False)))
        assert len(row["top"]) == 5
        for item in row["top"]:
            assert set(item) == {"word", "count", "per_1000"}
            assert item["per_1000"] == round(1000 * item["count"] / row["tokens"], 2)
    assert summary["corpus"]["tokens"] == sum(r["tokens"] for r in summary["articles"])
    assert "the" not in [i["word"] for i in summary["corpus"]["top"]]
    assert summarize_words(seeds, top=1, keep_stopwords=True)["corpus"]["top"][0]["word"] == "the"


# ---------------------------------------------------------------------------
# Properties on generated text
# ---------------------------------------------------------------------------

WORDS = st.sampled_from(["gang", "Gang", "prison", "U.S.", "Bukele’s", "40,000", "due", "process", "the", "—", ",", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=40), st.sampled_from(["gang", "prison", "due process", "bukele", "u.s."]))
def test_every_hit_slices_back_to_its_keyword_and_counts_agree(pieces, query):
    text = " ".join(pieces)
    hits = concordance(text, query)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.keyword
        assert hit.keyword.replace("’", "'").lower() == query
    if " " not in query:
        assert len(hits) == count_words(text, stopwords=False)[query]


# --- shared words: what to follow when a corpus names none ---------------------


def test_shared_words_are_content_words_most_articles_use():
    texts = {
        "A": "The ferry sank near the island. The ferry company said 12 people were hurt.",
        "B": "Island residents said the ferry was old. The company denied it.",
        "C": "A storm hit the island on Friday.",
    }
    found = shared_words(texts, n=5)
    assert found[0] == "island"  # in all three articles
    assert set(found) == {"island", "ferry", "company"}  # in two of three; "said" is a verb of saying, "12" a number
    assert shared_words(texts, n=1) == ["island"]


def test_shared_words_of_one_article_are_its_own_content_words():
    # used twice each, so before "open" and "close"; a tie is broken alphabetically
    assert shared_words({"A": "Cooling centres open. Cooling centres close."}, n=2) == ["centres", "cooling"]


def test_shared_words_of_the_harbor_corpus_include_its_readme_words(harbor):
    found = shared_words(harbor, n=8)
    assert {"library", "branch", "council"} <= set(found)
    assert not any(word in load_stopwords() or word.isdigit() for word in found)



@pytest.mark.parametrize("options", [{}, {"measure": "log-odds"}, {"underused": True}, {"p_value": None, "n": None},
                                     {"sort": "log_ratio", "min_count": 1}, {"stopwords": False, "stemmer": "porter"}])
@pytest.mark.parametrize("folder", ["seeds", "tests/corpora/harbor", "tests/corpora/long-quotes"])
def test_keyness_of_every_article_at_once_equals_one_at_a_time(folder, options):
    from helpers.corpus import load_corpus
    from helpers.frequency import distinctive_words_by_article

    corpus = load_corpus(ROOT / folder)
    every = distinctive_words_by_article(corpus, **options)
    for article in corpus:
        assert every[article.label] == distinctive_words(corpus, article.label, **options)


def test_keyness_of_every_article_handles_an_empty_article_and_a_single_one():
    from helpers.frequency import distinctive_words_by_article

    assert distinctive_words_by_article({"A": "words here", "B": "   "}, p_value=None)["B"] == []
    assert distinctive_words_by_article({"A": "only one article here"}) == {"A": []}
