"""Sourcing plots: what they draw, and what they say about it."""

import matplotlib.colors as mcolors
import pytest

from helpers.corpus import article_from_text
from helpers.plots import PALETTE, Chart
from helpers.plots.sourcing import (
    plot_cue_categories,
    plot_evaluation,
    plot_kinds,
    plot_source_positions,
    plot_speaker_types,
)
from helpers.sourcing import KINDS, SPEAKER_TYPES, summarize_sourcing
from helpers.sourcing_eval import evaluate_corpus

NAMED = article_from_text("Mayor Ann Lee said the road is safe. “It is,” said Bo Ray.", "n.txt", "N")
VAGUE = article_from_text("Critics say the road is unsafe. The road is seen as risky.", "v.txt", "V")
SILENT = article_from_text("The road opened on Monday.", "s.txt", "S")


def test_speaker_types_counts_each_type_and_names_the_extremes():
    chart = plot_speaker_types([NAMED, VAGUE, SILENT])
    assert isinstance(chart, Chart)
    # person, organization, media, document, group, none
    assert chart.data == {"N": [2, 0, 0, 0, 0, 0], "V": [0, 0, 0, 0, 1, 1], "S": [0, 0, 0, 0, 0, 0]}
    assert "Article N names its sources most often: 2 of its 2 attributions (100%) are named" in chart.description
    assert "article V leans most on vague groups or nobody: 2 of its 2 attributions (100%)" in chart.description
    assert "no attributions were found in S" in chart.description


def test_speaker_types_of_sources_leave_out_nobody_named_and_use_the_summary_share():
    summaries = [summarize_sourcing(NAMED), summarize_sourcing(VAGUE), summarize_sourcing(SILENT)]
    chart = plot_speaker_types(summaries, count="sources")
    # person, organization, media, document, group: no column for "none"
    assert chart.data == {"N": [2, 0, 0, 0, 0], "V": [0, 0, 0, 0, 1], "S": [0, 0, 0, 0, 0]}
    assert {label: sum(c) for label, c in chart.data.items()} == {s["label"]: s["sources"] for s in summaries}
    assert "Article N names its sources most often: 2 of its 2 sources (100%) are named" in chart.description
    assert "article V leans most on vague groups: 1 of its 1 source (100%)" in chart.description
    assert "nobody named" not in [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()]
    assert "sources" in chart.figure.axes[0].get_xlabel()


def test_speaker_types_refuse_an_unknown_count():
    with pytest.raises(ValueError, match="sources"):
        plot_speaker_types([NAMED], count="people")


def test_speaker_types_accepts_summaries_and_uses_the_palette():
    chart = plot_speaker_types([summarize_sourcing(NAMED), summarize_sourcing(VAGUE)])
    colours = {mcolors.to_hex(p.get_facecolor()).upper() for p in chart.figure.axes[0].patches}
    assert colours <= {c.upper() for c in PALETTE}
    assert chart.figure.axes[0].get_title() and chart.figure.axes[0].get_xlabel()


def test_kinds_counts_and_describes_direct_quotation():
    chart = plot_kinds([NAMED, VAGUE])
    # direct, indirect, implicit, scare, no-response
    assert chart.data["N"] == [1, 1, 0, 0, 0] and chart.data["V"] == [0, 1, 1, 0, 0]
    assert "Article N quotes directly most often: 1 of its 2 attributions (50%) is a direct quotation" in chart.description
    assert len(chart.data["N"]) == len(KINDS)


def test_cue_categories_counts_every_category_and_states_the_favourite():
    chart = plot_cue_categories([NAMED, VAGUE])
    assert chart.data["N"]["neutral"] == 2 and chart.data["V"]["belief"] == 1
    assert "N: neutral (2)" in chart.description


def test_source_positions_places_marks_in_text_order():
    chart = plot_source_positions([NAMED, VAGUE, SILENT])
    positions = [p for p, _, _ in chart.data["N"]]
    assert positions == sorted(positions) and all(0 <= p <= 100 for p in positions)
    assert {t for _, t, _ in chart.data["V"]} == {"group", "none"}
    assert "No attribution at all in S" in chart.description


def test_plots_say_so_when_no_article_has_attributions():
    assert "No attributions were found in any article" in plot_speaker_types([SILENT]).description
    assert "No attributions were found in any article" in plot_kinds([SILENT]).description
    assert "No reporting cues were found" in plot_cue_categories([SILENT]).description
    assert "No article names a source" in plot_source_positions([SILENT]).description


def test_evaluation_plot_shows_the_scores_it_was_given(seeds):
    score = evaluate_corpus(seeds)
    chart = plot_evaluation(score)
    assert chart.data["explicit"]["precision"] == score["explicit"]["precision"]
    assert chart.data["accuracy"]["speaker_type"] == score["accuracy"]["speaker_type"]["accuracy"]
    assert f"precision is {score['explicit']['precision']:.2f}" in chart.description


@pytest.mark.parametrize("plot", [plot_speaker_types, plot_kinds, plot_cue_categories, plot_source_positions])
def test_every_plot_renders_on_the_second_corpus(plot, harbor):
    chart = plot(harbor)
    assert chart.png()[:4] == b"\x89PNG"
    assert chart.description.endswith(".") and len(SPEAKER_TYPES) == 6
