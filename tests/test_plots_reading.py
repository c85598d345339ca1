import pytest

from helpers.corpus import article_from_text
from helpers.plots import Chart
from helpers.plots.reading import plot_claims, plot_loaded_language, plot_stance, plot_tone
from helpers.reading import score_tone, summarize_reading


@pytest.fixture(scope="module")
def summaries(seeds):
    return [summarize_reading(article, attributions=[]) for article in seeds]


def test_loaded_language_chart_carries_the_rates_it_draws(summaries):
    chart = plot_loaded_language(summaries)
    assert isinstance(chart, Chart)
    assert set(chart.data) == {s["label"] for s in summaries}
    for s in summaries:
        assert chart.data[s["label"]]["total"] == s["loaded_per_1000"]
    most = max(summaries, key=lambda s: s["loaded_per_1000"])
    assert f"{most['label']} has the most" in chart.description
    ax = chart.figure.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert chart.png()[:4] == b"\x89PNG"


def test_claims_chart_counts_add_up(summaries):
    chart = plot_claims(summaries)
    for s in summaries:
        assert sum(chart.data[s["label"]].values()) == s["claims"]
    bars = sum(len(container) for container in chart.figure.axes[0].containers)
    assert bars == 4 * len(summaries)


def test_stance_chart_and_tone_chart(summaries, seeds):
    chart = plot_stance(summaries)
    assert chart.data[summaries[0]["label"]]["hedges"] == summaries[0]["hedges_per_1000"]
    pytest.importorskip("vaderSentiment")
    tone = plot_tone({a.label: score_tone(a) for a in seeds})
    assert set(tone.data) == set(seeds.labels)
    assert all(-1 <= value <= 1 for value in tone.data.values())
    assert "VADER" in tone.description


def test_charts_of_one_article_without_loaded_words_say_so():
    article = article_from_text("The council met on Tuesday.", "one.txt", "Q")
    summary = summarize_reading(article, attributions=[])
    chart = plot_loaded_language([summary])
    assert chart.description.endswith("1 article: Q has 0.0.")
    assert chart.data == {"Q": {"total": 0.0}}
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert "No loaded words found in any article" in texts


def test_no_articles_gives_an_empty_chart_not_an_error():
    assert plot_claims([]).description == "No articles to plot."
    assert plot_stance([]).data == {}
    assert plot_tone({}).description == "No sentences to score."
