"""Widgets for copied text: their callbacks are called as a click would."""

from helpers.reuse import compare_pair, overlap_matrix
from helpers.widgets.reuse import PassageViewer, ShingleSizeExplorer, score_table_html


def test_viewer_starts_on_the_pair_with_most_copied_words(harbor):
    viewer = PassageViewer(harbor)
    assert {viewer.first.value, viewer.second.value} == {harbor["a_wire.txt"].label, harbor["b_local.txt"].label}
    assert viewer.report.copied_words > 20
    assert "The town council voted 5-2" in viewer.output.value


def test_viewer_follows_the_dropdowns_and_the_slider(seeds):
    viewer = PassageViewer(seeds, "A", "B", min_words=8)
    with_eight = len(viewer.report.passages)
    assert with_eight >= 1 and viewer.report.a == seeds["A"].file
    viewer.min_words.value = 9
    assert len(viewer.report.passages) < with_eight
    viewer.second.value = "C"
    assert viewer.report.b == seeds["C"].file
    expected = compare_pair(seeds["A"], seeds["C"], min_words=9)
    assert viewer.report.to_dict() == expected.to_dict()
    assert viewer.output.value.startswith("<p><b>A and C")


def test_viewer_paraphrase_switch(harbor):
    viewer = PassageViewer(harbor)
    assert viewer.report.paraphrases and "dotted" in viewer.output.value
    viewer.paraphrases.value = False
    assert viewer.report.paraphrases == []
    assert viewer.output.value.count("dotted #D55E00") == 1  # only the legend key is left


def test_viewer_refuses_the_same_article_twice(seeds):
    viewer = PassageViewer(seeds, "A", "B")
    viewer.second.value = "A"
    assert viewer.report is None and "two different articles" in viewer.update()


def test_viewer_escapes_markup():
    viewer = PassageViewer(
        {"A": "<b>bold</b> and the same words appear here in both texts", "B": "the same words appear here in both texts <i>"},
        min_words=6,
    )
    html = viewer.output.value
    assert "<b>bold" not in html and "&lt;b&gt;bold" in html and "<i>" not in html


def test_viewer_with_one_article():
    viewer = PassageViewer({"A": "just one article here"})
    assert viewer.report is None and "two different articles" in viewer.output.value


def test_slider_moves_the_scores(seeds):
    explorer = ShingleSizeExplorer(seeds, n=1)
    at_one = {(x, y): con for x, y, _, con, _ in explorer.rows}
    assert len(explorer.rows) == 10
    explorer.size.value = 6
    at_six = {(x, y): con for x, y, _, con, _ in explorer.rows}
    assert all(at_six[pair] <= at_one[pair] for pair in at_one)
    matrix = overlap_matrix(seeds, 6)
    assert at_six[("A", "B")] == matrix.containment[0][1]
    assert "−" in explorer.output.value  # the change since n = 1 is shown
    rows = explorer.rows
    assert [row[3] for row in rows] == sorted((row[3] for row in rows), reverse=True)


def test_slider_callback_can_be_called_directly(harbor):
    explorer = ShingleSizeExplorer(harbor, n=3)
    html = explorer.update({"old": 2, "new": 3})
    assert "3-word shingles" in html and "change" in html


def test_explorer_with_one_article():
    explorer = ShingleSizeExplorer({"A": "only one"})
    assert "at least two articles" in explorer.output.value


def test_score_table_marks_no_change():
    html = score_table_html([("A", "B", 0.1, 0.2, 3)], {("A", "B"): 0.2})
    assert "no change" in html
