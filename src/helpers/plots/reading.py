"""Charts for the reading rules: loaded language, claims and their sources, hedges, tone.

Each function takes the plain results of :mod:`helpers.reading` (most take
the list of dictionaries from :func:`helpers.reading.summarize_reading`)
and returns a :class:`helpers.plots.Chart` with a one-sentence description.
"""

from __future__ import annotations

from helpers.plots.base import PALETTE, Chart, new_figure
from helpers.reading import ATTRIBUTION_LEVELS

__all__ = ["plot_claims", "plot_loaded_language", "plot_stance", "plot_tone"]

#: Colours for the attribution levels, from best sourced to unsourced.
LEVEL_COLOURS = {"named": PALETTE[2], "vague": PALETTE[1], "agentless": PALETTE[3], "none": PALETTE[7]}


def _labels(summaries: list[dict]) -> list[str]:
    return [str(s["label"]) for s in summaries]


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_loaded_language(summaries: list[dict], *, title: str = "Loaded and evaluative words") -> Chart:
    """Stacked bars: loaded words per 1,000 words in each article, by category.

    Parameters
    ----------
    summaries : list of dict
        From :func:`helpers.reading.summarize_reading`, one per article.
    title : str

    Returns
    -------
    Chart
        ``data`` maps each label to its rates by category.

    Examples
    --------
    >>> chart = plot_loaded_language([
    ...     {"label": "A", "loaded_per_1000": 6.0, "loaded_by_category": {"evaluative": 6.0}},
    ...     {"label": "B", "loaded_per_1000": 0.0, "loaded_by_category": {}}])
    >>> chart.description
    'Loaded and evaluative words per 1,000 words, by category, for 2 articles: A has the most (6.0), B the fewest (0.0).'
    """
    categories = sorted({c for s in summaries for c in s["loaded_by_category"]})
    labels = _labels(summaries)
    figure, ax = new_figure(7, max(2.5, 0.5 * len(labels) + 1.5))
    if not summaries:
        _empty(ax, "No articles")
        return Chart(figure, "No articles to plot.", {})
    left = [0.0] * len(summaries)
    for number, category in enumerate(categories):
        values = [s["loaded_by_category"].get(category, 0.0) for s in summaries]
        ax.barh(labels, values, left=left, color=PALETTE[number % len(PALETTE)], label=category)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("hits per 1,000 words")
    ax.set_ylabel("article")
    ax.set_title(title)
    if categories:
        ax.legend(loc="lower right", fontsize="small")
    else:
        ax.text(0.5, 0.5, "No loaded words found in any article", ha="center", va="center", transform=ax.transAxes)
    totals = {s["label"]: s["loaded_per_1000"] for s in summaries}
    most = max(summaries, key=lambda s: s["loaded_per_1000"])
    least = min(summaries, key=lambda s: s["loaded_per_1000"])
    if len(summaries) == 1:
        detail = f"{most['label']} has {most['loaded_per_1000']:.1f}."
    else:
        detail = (
            f"{most['label']} has the most ({most['loaded_per_1000']:.1f}), "
            f"{least['label']} the fewest ({least['loaded_per_1000']:.1f})."
        )
    description = (
        f"Loaded and evaluative words per 1,000 words, by category, for {len(summaries)} "
        f"article{'s' if len(summaries) != 1 else ''}: {detail}"
    )
    data = {s["label"]: dict(s["loaded_by_category"], total=totals[s["label"]]) for s in summaries}
    return Chart(figure, description, data)


def plot_claims(summaries: list[dict], *, title: str = "Checkable claims and who makes them") -> Chart:
    """Stacked bars: the checkable claims of each article, by how they are sourced.

    Parameters
    ----------
    summaries : list of dict
        From :func:`helpers.reading.summarize_reading`.
    title : str

    Returns
    -------
    Chart
        ``data`` maps each label to its counts per attribution level.

    Examples
    --------
    >>> chart = plot_claims([{"label": "A", "claims": 3,
    ...     "claims_by_attribution": {"named": 1, "vague": 0, "agentless": 0, "none": 2}}])
    >>> chart.description
    'Checkable claims per article by source: A has 3 claims, 2 of them with no source in the sentence.'
    """
    labels = _labels(summaries)
    figure, ax = new_figure(7, max(2.5, 0.5 * len(labels) + 1.5))
    if not summaries:
        _empty(ax, "No articles")
        return Chart(figure, "No articles to plot.", {})
    left = [0] * len(summaries)
    for level in ATTRIBUTION_LEVELS:
        values = [s["claims_by_attribution"].get(level, 0) for s in summaries]
        ax.barh(labels, values, left=left, color=LEVEL_COLOURS[level], label=f"source: {level}")
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel("number of sentences with a checkable detail")
    ax.set_ylabel("article")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize="small")
    parts = [
        f"{s['label']} has {s['claims']} claim{'s' if s['claims'] != 1 else ''}, "
        f"{s['claims_by_attribution'].get('none', 0)} of them with no source in the sentence"
        for s in summaries
    ]
    description = "Checkable claims per article by source: " + "; ".join(parts) + "."
    data = {s["label"]: dict(s["claims_by_attribution"]) for s in summaries}
    return Chart(figure, description, data)


def plot_stance(summaries: list[dict], *, title: str = "Hedges, boosters and opinion markers") -> Chart:
    """Grouped bars: hedges, boosters and opinion markers per 1,000 words.

    Markers inside quotations are left out: these are the writer's own.

    Parameters
    ----------
    summaries : list of dict
        From :func:`helpers.reading.summarize_reading`.
    title : str

    Returns
    -------
    Chart

    Examples
    --------
    >>> chart = plot_stance([{"label": "A", "hedges_per_1000": 4.0, "boosters_per_1000": 1.0, "opinion_per_1000": 9.0}])
    >>> chart.data
    {'A': {'hedges': 4.0, 'boosters': 1.0, 'opinion': 9.0}}
    """
    measures = [("hedges", "hedges_per_1000"), ("boosters", "boosters_per_1000"), ("opinion", "opinion_per_1000")]
    labels = _labels(summaries)
    figure, ax = new_figure(7, 3.8)
    if not summaries:
        _empty(ax, "No articles")
        return Chart(figure, "No articles to plot.", {})
    width = 0.8 / len(measures)
    positions = list(range(len(summaries)))
    for number, (name, key) in enumerate(measures):
        ax.bar([p + (number - 1) * width for p in positions], [s[key] for s in summaries], width,
               color=PALETTE[number], label=name)
    ax.set_xticks(positions)
    ax.set_xticklabels(labels)
    ax.set_xlabel("article")
    ax.set_ylabel("per 1,000 words")
    ax.set_title(title)
    ax.legend(fontsize="small")
    most_opinion = max(summaries, key=lambda s: s["opinion_per_1000"])
    most_hedged = max(summaries, key=lambda s: s["hedges_per_1000"])
    description = (
        f"Hedges, boosters and opinion markers per 1,000 words in {len(summaries)} "
        f"article{'s' if len(summaries) != 1 else ''}: {most_opinion['label']} has the most opinion markers "
        f"({most_opinion['opinion_per_1000']:.1f}) and {most_hedged['label']} the most hedges "
        f"({most_hedged['hedges_per_1000']:.1f})."
    )
    data = {s["label"]: {name: s[key] for name, key in measures} for s in summaries}
    return Chart(figure, description, data)


def plot_tone(tone_by_label: dict[str, list[dict]], *, title: str = "Tone of each sentence (VADER compound score)") -> Chart:
    """Dots: the VADER score of every sentence, one row per article, with its mean.

    Parameters
    ----------
    tone_by_label : dict
        Article label → rows from :func:`helpers.reading.score_tone`.
    title : str

    Returns
    -------
    Chart
        ``data`` maps each label to its mean score (None without sentences).

    Examples
    --------
    >>> chart = plot_tone({"A": [{"compound": 0.5}, {"compound": -0.1}], "B": []})
    >>> chart.data
    {'A': 0.2, 'B': None}
    """
    labels = list(tone_by_label)
    figure, ax = new_figure(7, max(2.5, 0.5 * len(labels) + 1.5))
    means = {}
    for row, label in enumerate(labels):
        scores = [r["compound"] for r in tone_by_label[label]]
        means[label] = round(sum(scores) / len(scores), 3) if scores else None
        ax.scatter(scores, [row] * len(scores), color=PALETTE[0], alpha=0.5, s=18)
        if scores:
            ax.scatter([means[label]], [row], color=PALETTE[5], marker="|", s=400, linewidths=3)
    ax.axvline(0, color=PALETTE[7], linewidth=1)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlabel("compound score (-1 negative, +1 positive); bar = article mean")
    ax.set_ylabel("article")
    ax.set_title(title)
    scored = {k: v for k, v in means.items() if v is not None}
    if scored:
        high = max(scored, key=scored.get)
        low = min(scored, key=scored.get)
        description = (
            f"VADER scores of each sentence for {len(labels)} article{'s' if len(labels) != 1 else ''}; "
            f"the mean is highest for {high} ({scored[high]:+.2f}) and lowest for {low} ({scored[low]:+.2f})."
        )
    else:
        description = "No sentences to score."
    return Chart(figure, description, means)
