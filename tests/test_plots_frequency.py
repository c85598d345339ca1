import matplotlib.colors as mcolors
import pytest

from helpers.frequency import concordance, distinctive_words, frequency_table, top_words_by_article
from helpers.plots import PALETTE, Chart
from helpers.plots.frequency import plot_dispersion, plot_distinctive_words, plot_top_words, plot_word_comparison

WORDS = ["illegal", "gang", "security", "human rights", "due process"]


def bar_colours(ax):
    return {mcolors.to_hex(patch.get_facecolor()).upper() for patch in ax.patches}


def test_top_words_chart_draws_the_counts_it_reports(seeds):
    chart = plot_top_words(seeds, n=5)
    assert isinstance(chart, Chart)
    tops = top_words_by_article(seeds, 5)
    assert set(chart.data) == set(seeds.labels)
    for label, words in tops.items():
        assert [row[:2] for row in chart.data[label]] == [(w.word, w.count) for w in words]
    visible = [ax for ax in chart.figure.axes if ax.get_visible()]
    assert len(visible) == 5
    first = visible[0]
    assert [p.get_width() for p in first.patches] == [row[1] for row in chart.data[seeds[0].label]]
    assert first.get_xlabel() == "count" and first.get_title()
    assert bar_colours(first) <= {c.upper() for c in PALETTE}
    assert f"'{tops[seeds[0].label][0].word}' in {seeds[0].label}" in chart.description
    assert chart.png()[:4] == b"\x89PNG"


def test_top_words_chart_per_1000_and_chosen_articles(seeds):
    chart = plot_top_words(seeds, n=3, labels=["C", "E"], relative=True)
    assert list(chart.data) == ["C", "E"]
    visible = [ax for ax in chart.figure.axes if ax.get_visible()]
    assert visible[0].get_xlabel() == "per 1,000 words"
    assert [round(p.get_width(), 2) for p in visible[0].patches] == [row[2] for row in chart.data["C"]]
    assert "per 1,000 words" in chart.description


def test_top_words_chart_says_when_there_is_nothing_to_count():
    chart = plot_top_words({"A": "!!!", "B": "gang"}, n=3)
    assert chart.data["A"] == []
    texts = [t.get_text() for ax in chart.figure.axes for t in ax.texts]
    assert "no words to count" in texts


def test_top_words_chart_bad_input():
    with pytest.raises(ValueError, match="No article 'Z'"):
        plot_top_words({"A": "gang"}, labels=["Z"])
    with pytest.raises(ValueError, match="at least one article"):
        plot_top_words({"A": "gang"}, labels=[])


def test_comparison_chart_uses_rates_per_1000(seeds):
    chart = plot_word_comparison(seeds, WORDS)
    table = frequency_table(seeds, WORDS)
    assert chart.data["words"] == WORDS
    assert chart.data["values"] == [row[1:] for row in table.rows(relative=True, digits=2)]
    ax = chart.figure.axes[0]
    assert ax.get_xlabel() == "per 1,000 words" and ax.get_ylabel() == "word"
    assert len(ax.patches) == len(WORDS) * len(seeds)
    best = max(range(5), key=lambda j: chart.data["values"][0][j])
    assert f"'illegal' is most frequent in {seeds.labels[best]}" in chart.description
    assert [t.get_text() for t in ax.get_legend().get_texts()] == seeds.labels


def test_comparison_chart_becomes_a_heat_map_for_many_articles():
    texts = {f"T{i}": "gang " * i + "prison" for i in range(1, 11)}
    chart = plot_word_comparison(texts, ["gang", "prison"], relative=False)
    assert chart.data["values"][0] == list(range(1, 11))
    assert chart.figure.axes[0].images, "a heat map image"


def test_comparison_chart_names_words_that_never_occur(seeds):
    chart = plot_word_comparison(seeds, ["zeppelin", "gang"])
    assert "'zeppelin' does not occur" in chart.description
    with pytest.raises(ValueError, match="at least one word"):
        plot_word_comparison(seeds, ["  "])


def test_distinctive_chart_matches_the_keyness_results(seeds):
    chart = plot_distinctive_words(seeds, n=5)
    for article in seeds:
        expected = distinctive_words(seeds, article.label, 5)
        assert [row[0] for row in chart.data[article.label]] == [k.word for k in expected]
        assert [row[3] for row in chart.data[article.label]] == [round(k.score, 2) for k in expected]
    one = plot_distinctive_words(seeds, "C", n=3)
    assert list(one.data) == ["C"]
    ax = one.figure.axes[0]
    assert "G²" in ax.get_xlabel()
    assert any(line.get_linestyle() == "--" for line in ax.lines)
    assert "C: '" in one.description


def test_distinctive_chart_of_a_tiny_corpus_says_none(harbor):
    chart = plot_distinctive_words(harbor, n=5, p_value=0.0001)
    assert all(rows == [] for rows in chart.data.values())
    assert "none" in chart.description
    texts = [t.get_text() for ax in chart.figure.axes for t in ax.texts]
    assert "no word passes the test" in texts


def test_distinctive_chart_with_log_odds(seeds):
    chart = plot_distinctive_words(seeds, "D", measure="log-odds")
    assert "weighted log-odds" in chart.figure.axes[0].get_xlabel()


def test_dispersion_chart_places_every_hit(seeds):
    chart = plot_dispersion(seeds, ["illegal", "human rights"])
    for term in ("illegal", "human rights"):
        for article in seeds:
            hits = concordance(article, term)
            assert chart.data[term][article.label] == [round(h.position, 4) for h in hits]
    axes = chart.figure.axes
    assert len(axes) == 2
    assert axes[-1].get_xlabel().startswith("position in the article")
    illegal_c = len(chart.data["illegal"]["C"])
    assert f"C {illegal_c}" in chart.description
    assert [t.get_text() for t in axes[0].get_yticklabels()][2] == f"C ({illegal_c})"


def test_dispersion_chart_bad_input(seeds):
    with pytest.raises(ValueError, match="at least one word"):
        plot_dispersion(seeds, [])
    with pytest.raises(ValueError, match="at least one word"):
        plot_dispersion(seeds, ["   "])
