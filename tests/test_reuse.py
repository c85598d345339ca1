"""Copied text: words, shingles, scores, aligned passages, kinds and paraphrases."""

import json

import numpy as np

import pytest

from helpers.corpus import article_from_text
from helpers.reuse import (
    KIND_HINTS,
    _common_count,
    align_passages,
    compare_corpus,
    compare_pair,
    containment,
    find_paraphrases,
    jaccard,
    matching_words,
    overlap_matrix,
    overlap_scores,
    passage_kind,
    reports_to_json,
    scores_by_n,
    shared_shingles,
    shingle_set,
    shingles,
    strongest_passages,
)
from helpers.text import tokenize

FILLER_A = "Rain fell on the quiet harbour while gulls circled above the empty boats and nets."
FILLER_B = "Market stalls opened early, selling bread, cheese and apples to the morning crowd."
FILLER_C = "Two ferries were late again because of fog, and commuters waited on the pier for an hour."
PLANT = "the council voted on Tuesday to close the old branch library by the end of June"


def words_of(text):
    return [(t.norm, t.start, t.end) for t in tokenize(text) if t.is_word]


# --- words and shingles -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bukele’s “mega-prison” holds up to 40,000 MS-13 members in the U.S.",
        "\ufeffBy Dana Ortiz\r\n| Updated May 2, 2025\r\nIt’s 3.5% of don't O'Brien's.",
        "snake_case and __init__ and a_b, «quoted» „low“ — dash – and 12.5%",
        "Bukele’s s ’s 's' 'tis rock 'n' roll",
        "(CECOT), library. “Quote” end! ʼokina ʼs wordʼ",
        "",
        "   \n\n  ",
    ],
)
def test_matching_words_are_the_word_tokens_of_tokenize(text):
    found = matching_words(text)
    assert list(zip(found.forms, found.starts, found.ends)) == words_of(text)
    assert matching_words(text, offsets=False).forms == found.forms


def test_matching_words_can_drop_stopwords_and_stem():
    found = matching_words("The deportations were DEPORTED to the prisons", stopwords=True, stemmer="porter")
    assert found.forms == ["deport", "deport", "prison"]
    assert "The deportations were DEPORTED to the prisons"[found.starts[1] : found.ends[1]] == "DEPORTED"


def test_shingles_have_offsets_into_the_text():
    text = "“Do not come,” Noem said in El Salvador."
    for shingle in shingles(text, 3):
        piece = text[shingle.start : shingle.end]
        assert piece.lower().startswith(shingle.words[0]) and piece.lower().endswith(shingle.words[-1])
    assert [s.text for s in shingles(text, 6)] == ["do not come noem said in", "not come noem said in el", "come noem said in el salvador"]


def test_text_shorter_than_n_has_no_shingles():
    assert shingles("Only three words", 5) == []
    assert shingle_set("Only three words", 5) == set()


def test_shared_shingles_list_every_position():
    a = "the red door and the red door again"
    b = "paint the red door"
    found = {s.text: s for s in shared_shingles(a, b, 3)}
    assert set(found) == {"the red door"}
    assert found["the red door"].a_spans == ((0, 12), (17, 29))
    assert found["the red door"].b_spans == ((6, 18),)


@pytest.mark.parametrize("n", [0, -1, 17, 2.5, True])
def test_bad_n_is_refused_with_a_message(n):
    with pytest.raises(ValueError, match="n "):
        shingles("a b c", n)


# --- scores -------------------------------------------------------------------


def test_jaccard_and_containment_by_hand():
    assert jaccard({1, 2, 3}, {2, 3, 4, 5}) == pytest.approx(2 / 5)
    assert containment({1, 2, 3}, {2, 3, 4, 5}) == pytest.approx(2 / 3)
    assert jaccard(set(), set()) == 0.0 and containment(set(), {1}) == 0.0


def test_containment_stays_high_when_a_short_text_is_copied_into_a_long_one():
    short = PLANT
    long = f"{FILLER_A} {FILLER_B} {PLANT}. {FILLER_B}"
    scores = overlap_scores(short, long, n=3)
    assert scores["containment"] == 1.0
    assert scores["jaccard"] < 0.5


def test_overlap_matrix_is_symmetric_with_ones_on_the_diagonal():
    texts = {"a.txt": f"{FILLER_A} {PLANT}", "b.txt": f"{PLANT}. {FILLER_B}", "c.txt": FILLER_B}
    matrix = overlap_matrix(texts, n=3)
    for measure in ("jaccard", "containment", "shared"):
        values = matrix.values(measure)
        assert all(values[i][j] == values[j][i] for i in range(3) for j in range(3))
    assert [matrix.containment[i][i] for i in range(3)] == [1.0, 1.0, 1.0]
    assert matrix.pairs("containment")[0][2] == max(matrix.containment[0][1], matrix.containment[0][2], matrix.containment[1][2])
    assert matrix.containment[0][1] == overlap_scores(texts["a.txt"], texts["b.txt"], n=3)["containment"]
    with pytest.raises(ValueError, match="measure"):
        matrix.values("cosine")


def test_scores_fall_as_shingles_grow():
    rows = scores_by_n(f"{FILLER_A} {PLANT}", f"{PLANT} {FILLER_B}", ns=range(1, 9))
    shared = [row["shared"] for row in rows]
    assert shared == sorted(shared, reverse=True)
    assert rows[0]["n"] == 1 and shared[-1] > 0


# --- aligned passages -----------------------------------------------------------


def test_a_planted_passage_is_found_at_its_exact_offsets():
    a = f"{FILLER_A} Then {PLANT}. {FILLER_C}"
    b = f"{FILLER_B} Officials said {PLANT}; nobody objected."
    [passage] = align_passages(a, b)
    assert a[passage.a_start : passage.a_end] == PLANT
    assert b[passage.b_start : passage.b_end] == PLANT
    assert passage.words == len(PLANT.split())
    assert passage.kind == "prose"


@pytest.mark.parametrize(
    "edited, matched",
    [
        (PLANT.replace("old", "historic"), 15),  # a changed word
        (PLANT.replace("old ", ""), 15),  # a dropped word
        (PLANT.replace("Tuesday", "Tuesday night"), 16),  # an added word
    ],
)
def test_small_edits_are_bridged_into_one_passage(edited, matched):
    a = f"{FILLER_A} {PLANT}. {FILLER_C}"
    b = f"{FILLER_B} {edited}. {FILLER_A[:20]}"
    [passage] = align_passages(a, b, n=4)
    assert a[passage.a_start : passage.a_end] == PLANT
    assert b[passage.b_start : passage.b_end] == edited
    assert passage.words == matched


def test_max_gap_zero_does_not_bridge():
    a = f"{FILLER_A} {PLANT}."
    b = f"{FILLER_B} {PLANT.replace('old', 'historic')}."
    passages = align_passages(a, b, n=4, max_gap=0, min_words=7)
    assert [p.words for p in passages] == [8, 7]
    assert [p.words for p in align_passages(a, b, n=4, max_gap=1, min_words=7)] == [15]


LONG_COPY = (
    "the harbour board met on a wet Thursday evening and agreed after a long debate to sell the "
    "two old ferries to a company from the north before the end of the summer season"
)


def test_edits_close_together_leave_one_passage_not_fragments():
    # Two changed words three words apart: the identical run between them
    # ("evening and") is shorter than n, so only the words that differ count
    # towards max_gap and the copy stays one passage.
    edited = LONG_COPY.replace("Thursday", "Friday").replace("agreed", "decided")
    a = f"{FILLER_A} {LONG_COPY}. {FILLER_C}"
    b = f"{FILLER_B} {edited}. {FILLER_A[:20]}"
    [passage] = align_passages(a, b)
    assert a[passage.a_start : passage.a_end] == LONG_COPY
    assert b[passage.b_start : passage.b_end] == edited
    assert passage.words == len(LONG_COPY.split()) - 2


def test_a_gap_with_more_changed_words_than_max_gap_still_splits():
    words = LONG_COPY.split()
    edited = " ".join(words[:10] + ["quite", "different", "words", "stand", "here"] + words[15:])
    a = f"{FILLER_A} {LONG_COPY}. {FILLER_C}"
    b = f"{FILLER_B} {edited}. {FILLER_A[:20]}"
    assert [p.words for p in align_passages(a, b)] == [10, len(words) - 15]


def test_passages_shorter_than_min_words_are_left_out():
    a = "one two three four five six seven and more words here"
    b = "zero one two three four five six seven but other words"
    assert [p.words for p in align_passages(a, b, n=3, min_words=7)] == [7]
    assert align_passages(a, b, n=3, min_words=8) == []


def test_offsets_count_a_byte_order_mark_and_windows_line_endings():
    a = f"\ufeffHeadline here\r\n{FILLER_A}\r\n{PLANT}.\r\n"
    b = f"{FILLER_B}\n{PLANT}, they said.\n"
    [passage] = align_passages(a, b)
    assert a[passage.a_start : passage.a_end] == PLANT
    assert b[passage.b_start : passage.b_end] == PLANT


def test_identical_texts_are_one_passage_of_every_word():
    text = f"{FILLER_A} {PLANT}. {FILLER_B}"
    [passage] = align_passages(text, text)
    assert (passage.a_start, passage.a_end) == (0, len(text) - 1)
    assert passage.words == len(matching_words(text).forms)


@pytest.mark.parametrize("other", ["", "Too short.", "   "])
def test_empty_and_short_texts_share_nothing(other):
    assert align_passages(PLANT, other) == []
    report = compare_pair(PLANT, other)
    assert (report.jaccard, report.containment, report.passages) == (0.0, 0.0, [])


def test_settings_are_checked_with_clear_messages():
    with pytest.raises(ValueError, match="min_words"):
        align_passages("a", "b", min_words=0)
    with pytest.raises(ValueError, match="max_gap"):
        align_passages("a", "b", max_gap=-1)
    with pytest.raises(TypeError, match="Article or a string"):
        align_passages(3, "b")


# --- kinds ----------------------------------------------------------------------------


def test_passage_kind_rules():
    yes, no = [True] * 4, [False] * 4
    assert passage_kind(yes, yes, no, no) == "quotation"
    assert passage_kind(yes, no, no, no) == "prose"
    assert passage_kind(no, no, yes, no) == "boilerplate"
    assert passage_kind(yes, yes, no, yes) == "boilerplate"
    assert set(KIND_HINTS) == {"quotation", "boilerplate", "prose"}


def test_a_shared_quotation_is_not_copied_prose():
    quote = "We will keep every branch open as long as I am the mayor of this town"
    a = f"{FILLER_A}\n“{quote},” Mayor Okafor said at the meeting.\n{FILLER_C}"
    b = f"{FILLER_B}\nAsked about the vote, the mayor repeated: “{quote}.”\n"
    [passage] = align_passages(a, b)
    assert passage.kind == "quotation"
    assert a[passage.a_start : passage.a_end] == quote


def test_a_shared_quotation_over_several_paragraphs_is_a_quotation():
    first = "We will keep every branch open as long as I am the mayor of this town"
    second = "and no council vote will change that while the budget allows it"
    a = f"{FILLER_A}\n“{first}.\n\n“{second},” Mayor Okafor said.\n{FILLER_C}"
    b = f"{FILLER_B}\nThe mayor repeated: “{first}.\n“{second}.”\n"
    passages = align_passages(a, b)
    assert passages and all(p.kind == "quotation" for p in passages)
    assert a[passages[0].a_start : passages[0].a_end].startswith(first)


def test_shared_page_furniture_is_boilerplate():
    line = "Sign up for our daily newsletter to get the best stories delivered to you"
    a = article_from_text(f"{FILLER_A}\n{line}\n", "a.txt")
    b = article_from_text(f"{line}\n{FILLER_B}\n", "b.txt")
    assert [line.kind for line in a.lines][1] == "boilerplate"
    [passage] = align_passages(a, b)
    assert passage.kind == "boilerplate"


def test_a_passage_is_cut_where_copied_prose_meets_a_shared_quotation():
    quote = "We did not take this decision lightly"
    a = f"{PLANT}.\n“{quote},” the mayor said.\n"
    b = f"{FILLER_B}\n{PLANT}.\n“{quote},” the mayor said.\n"
    passages = align_passages(a, b)
    assert [p.kind for p in passages] == ["prose", "quotation"]
    assert a[passages[0].a_start : passages[0].a_end] == PLANT
    assert a[passages[1].a_start : passages[1].a_end].startswith(quote)


# --- paraphrases ---------------------------------------------------------------------


def test_a_reworded_sentence_is_a_paraphrase_and_copies_are_not():
    a = f"{PLANT}. The branch lends about 41,000 books a year to local families and schools."
    b = f"Every year, local families and schools borrow roughly 41,000 books from the branch. {PLANT}."
    [paraphrase] = find_paraphrases(a, b)
    assert a[paraphrase.a_start : paraphrase.a_end].startswith("The branch lends")
    assert b[paraphrase.b_start : paraphrase.b_end].startswith("Every year")
    assert 0.5 <= paraphrase.score <= 1.0


def test_paraphrase_threshold_is_respected():
    a = "The branch lends about 41,000 books a year to local families."
    b = "Every year, local families borrow roughly 41,000 books from the branch."
    score = find_paraphrases(a, b, threshold=0.1)[0].score
    assert find_paraphrases(a, b, threshold=min(1.0, score + 0.01)) == []
    with pytest.raises(ValueError, match="threshold"):
        find_paraphrases(a, b, threshold=0)


# --- pairs and corpora -------------------------------------------------------------------


def test_seed_opening_is_found_in_both_articles_that_share_it(seeds):
    phrase = "The recent collaboration between the U.S. and El Salvador"
    holders = [a for a in seeds if phrase in a.text]
    assert len(holders) == 2
    reports = compare_corpus(seeds)
    [report] = [r for r in reports if {r.a, r.b} == {h.file for h in holders}]
    text_a, text_b = seeds[report.a].text, seeds[report.b].text
    spans = {(text_a[p.a_start : p.a_end], text_b[p.b_start : p.b_end]) for p in report.passages}
    assert any(phrase in sa and phrase in sb for sa, sb in spans)
    [passage] = [p for p in report.passages if phrase in text_a[p.a_start : p.a_end]]
    assert passage.a_start <= text_a.index(phrase) and passage.b_start <= text_b.index(phrase)


def test_every_seed_passage_slices_identical_words(seeds):
    for report in compare_corpus(seeds):
        for p in report.passages:
            piece_a = seeds[report.a].text[p.a_start : p.a_end]
            piece_b = seeds[report.b].text[p.b_start : p.b_end]
            if p.kind != "boilerplate":
                assert matching_words(piece_a).forms[:3] == matching_words(piece_b).forms[:3]
            assert p.words >= 8


def test_harbor_copy_quotation_and_paraphrase(harbor):
    [report] = [r for r in compare_corpus(harbor) if {r.a, r.b} == {"a_wire.txt", "b_local.txt"}]
    wire, local = harbor["a_wire.txt"].text, harbor["b_local.txt"].text
    assert report.a == "a_wire.txt"
    kinds = {p.kind: p for p in report.passages}
    assert set(kinds) == {"prose", "quotation"}
    copied = wire[kinds["prose"].a_start : kinds["prose"].a_end]
    assert copied.startswith("The town council voted 5-2") and copied in local
    assert wire[kinds["quotation"].a_start : kinds["quotation"].a_end].startswith("We did not take this decision lightly")
    [paraphrase] = report.paraphrases
    assert "41,000" in wire[paraphrase.a_start : paraphrase.a_end]
    assert "41,000" in local[paraphrase.b_start : paraphrase.b_end]
    assert report.copied_words == kinds["prose"].words


def test_reports_are_sorted_by_containment_and_name_files(seeds):
    reports = compare_corpus(seeds, include_all=True)
    assert len(reports) == 10
    assert [r.containment for r in reports] == sorted((r.containment for r in reports), reverse=True)
    files = [a.file for a in seeds]
    assert all(files.index(r.a) < files.index(r.b) for r in reports)


def test_json_shape_matches_the_command(harbor):
    data = json.loads(json.dumps(reports_to_json(compare_corpus(harbor))))
    pair = data["pairs"][0]
    assert set(pair) == {"a", "b", "jaccard", "containment", "passages", "paraphrases"}
    assert set(pair["passages"][0]) == {"a_start", "a_end", "b_start", "b_end", "words", "kind"}
    assert set(pair["paraphrases"][0]) == {"a_start", "a_end", "b_start", "b_end", "score"}


def test_strongest_passages_come_longest_first(harbor, seeds):
    reports = compare_corpus(seeds) + compare_corpus(harbor)
    best = strongest_passages(reports, top=3)
    words = [p.words for _, p in best]
    assert words == sorted(words, reverse=True) and all(p.kind == "prose" for _, p in best)
    everything = strongest_passages(reports, top=100, kinds=None)
    assert any(p.kind == "quotation" for _, p in everything)


def test_paraphrase_scope_depends_on_corpus_size(monkeypatch, seeds):
    from helpers import reuse

    assert reuse.paraphrase_scope(seeds) == "all"
    assert reuse.paraphrase_scope(seeds, "related") == "related"
    with pytest.raises(ValueError, match="paraphrases"):
        reuse.paraphrase_scope(seeds, "sometimes")
    monkeypatch.setattr(reuse, "PARAPHRASE_ALL_WORDS", 100)
    assert reuse.paraphrase_scope(seeds) == "related"


def test_related_scope_only_searches_pairs_with_passages(seeds):
    everything = {(r.a, r.b): r for r in compare_corpus(seeds, paraphrases="all")}
    related = {(r.a, r.b): r for r in compare_corpus(seeds, paraphrases="related")}
    assert set(related) == {pair for pair, r in everything.items() if r.passages}
    for pair, report in related.items():
        assert report.paraphrases == everything[pair].paraphrases
    assert all(r.paraphrases == [] for r in compare_corpus(seeds, paraphrases="none"))


def test_identical_files_share_everything():
    text = f"{FILLER_A}\n{PLANT}.\n{FILLER_B}\n"
    [report] = compare_corpus({"one.txt": text, "two.txt": text})
    assert (report.jaccard, report.containment) == (1.0, 1.0)
    assert sum(p.words for p in report.passages) == len(matching_words(text).forms)


def test_one_article_or_none_gives_no_pairs():
    assert compare_corpus({"only.txt": PLANT}) == []
    assert compare_corpus({}) == []


def test_duplicated_file_names_are_refused():
    articles = [article_from_text(PLANT, "same.txt", "A"), article_from_text(PLANT, "same.txt", "B")]
    with pytest.raises(ValueError, match="same.txt"):
        compare_corpus(articles)


def test_bad_corpus_and_method_are_refused():
    with pytest.raises(TypeError, match="not an article or a text"):
        compare_corpus([42])
    with pytest.raises(ValueError, match="method"):
        compare_corpus({"a.txt": PLANT}, method="magic")


def test_a_huge_article_is_handled():
    body = " ".join(f"word{k} filler{k % 97} other{k % 89}." for k in range(60_000))  # about 180,000 words
    a = article_from_text(f"{body}\n{PLANT}.\n", "huge.txt", "A")
    b = article_from_text(f"{FILLER_B}\n{PLANT}.\n", "small.txt", "B")
    [report] = compare_corpus([a, b], paraphrases=False)
    [passage] = report.passages
    assert a.text[passage.a_start : passage.a_end] == PLANT
    assert report.containment == pytest.approx(12 / 25, abs=1e-4)  # 12 of the small text's 25 shingles


def test_compare_pair_matches_compare_corpus(harbor):
    pair = compare_pair(harbor["a_wire.txt"], harbor["b_local.txt"])
    [report] = [r for r in compare_corpus(harbor) if (r.a, r.b) == ("a_wire.txt", "b_local.txt")]
    assert pair.to_dict() == report.to_dict()



def test_hash_collisions_never_create_or_lose_passages(monkeypatch):
    from helpers import reuse

    texts = {"a.txt": f"{FILLER_A} {PLANT}.", "b.txt": f"{FILLER_B} {PLANT}.", "c.txt": FILLER_C}
    expected = [((r.a, r.b), r.passages) for r in compare_corpus(texts, method="all", paraphrases=False)]
    # The worst hash function there is: every word gets the same number.
    # (Scores count distinct shingle hashes, so they would be wrong here;
    # with real 64-bit hashes a collision inside one pair is vanishingly rare.)
    monkeypatch.setattr(reuse, "hash_words", lambda forms: np.zeros(len(forms), dtype=np.uint64))
    assert [((r.a, r.b), r.passages) for r in compare_corpus(texts, paraphrases=False)] == expected


def test_sentence_sets_found_in_worker_processes_equal_those_found_here(monkeypatch, harbor, seeds):
    from helpers import reuse

    from dataclasses import replace

    articles = list(seeds.articles) + [replace(a, label=f"H{a.label}") for a in harbor.articles]  # labels are unique
    serial = compare_corpus(articles, paraphrases="related")
    monkeypatch.setattr(reuse, "PARALLEL_WORDS", 0)
    parallel = compare_corpus(articles, paraphrases="related")
    assert any(report.paraphrases for report in parallel)
    assert [r.to_dict() for r in parallel] == [r.to_dict() for r in serial]


@pytest.mark.parametrize("seed", range(20))
def test_common_count_agrees_with_intersect1d(seed):
    rng = np.random.default_rng(seed)
    a = np.unique(rng.integers(0, 60, rng.integers(0, 30), dtype=np.uint64))
    b = np.unique(rng.integers(0, 60, rng.integers(0, 30), dtype=np.uint64))
    assert _common_count(a, b) == len(np.intersect1d(a, b, assume_unique=True))
