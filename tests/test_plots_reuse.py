"""Views of copied text: heatmap, scores by n, side-by-side HTML."""

import re

import pytest

from helpers.plots.base import Chart
from helpers.plots.reuse import PARAPHRASE_STYLE, passage_colour, plot_overlap_heatmap, plot_scores_by_n, side_by_side
from helpers.reuse import Paraphrase, Passage, compare_corpus, overlap_matrix


def test_heatmap_of_the_seeds_has_values_in_every_cell(seeds):
    matrix = overlap_matrix(seeds, 3)
    chart = plot_overlap_heatmap(matrix, "containment")
    assert isinstance(chart, Chart)
    assert chart.data["values"] == matrix.containment and chart.data["labels"] == ["A", "B", "C", "D", "E"]
    ax = chart.figure.axes[0]
    assert len(ax.texts) == 25  # 20 values and 5 dashes on the diagonal
    best = matrix.pairs("containment")[0]
    assert f"{best[0]} and {best[1]}" in chart.description
    assert ax.get_title() and ax.get_xlabel() == "article"
    assert chart.png()[:4] == b"\x89PNG"


@pytest.mark.parametrize("measure", ["jaccard", "shared"])
def test_heatmap_other_measures(harbor, measure):
    chart = plot_overlap_heatmap(harbor, measure, n=4)
    assert chart.data["measure"] == measure and chart.data["n"] == 4
    assert ("Jaccard" if measure == "jaccard" else "shared") in chart.description


def test_heatmap_of_one_article_says_so():
    chart = plot_overlap_heatmap({"only.txt": "one two three"}, n=2)
    assert "no pair" in chart.description
    with pytest.raises(ValueError, match="at least two"):
        plot_overlap_heatmap({}, n=2)


def test_scores_by_n_chart_marks_the_chosen_n(harbor):
    chart = plot_scores_by_n(harbor["a_wire.txt"], harbor["b_local.txt"], ns=range(1, 9), mark=5, names=("W", "L"))
    assert [row["n"] for row in chart.data] == list(range(1, 9))
    containment = [row["containment"] for row in chart.data]
    assert containment[0] >= containment[-1] > 0  # the copied paragraph keeps long shingles shared
    assert "W and L" in chart.description
    ax = chart.figure.axes[0]
    assert len(ax.lines) == 3  # two scores and the marker line


def test_side_by_side_colours_each_passage_the_same_on_both_sides(harbor):
    [report] = [r for r in compare_corpus(harbor) if r.a == "a_wire.txt" and r.b == "b_local.txt"]
    html = side_by_side(harbor[report.a], harbor[report.b], report)
    for number in range(len(report.passages)):
        colour = passage_colour(number)
        assert html.count(colour) >= 3  # once per column, once in the legend
    assert html.count("dotted #D55E00") == 2 * len(report.paraphrases) + 1
    assert "shared quotation" in html
    assert "Port Alder council votes" in html


def test_side_by_side_escapes_article_text():
    a = 'Intro <script>alert("x")</script> the same seven words are copied here'
    b = "the same seven words are copied here <img src=x onerror=y>"
    passage = Passage(a.index("the same"), len(a), 0, b.index(" <img"), 7)
    html = side_by_side(a, b, passages=[passage], paraphrases=[Paraphrase(0, 5, 0, 3, 0.7)])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html
    assert PARAPHRASE_STYLE in html
    # every opening <mark> is closed: the markup stays well formed
    assert len(re.findall(r"<mark\b", html)) == html.count("</mark>")


def test_side_by_side_needs_text():
    with pytest.raises(TypeError, match="article or a string"):
        side_by_side(1, "b")
