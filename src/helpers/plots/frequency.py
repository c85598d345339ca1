"""Plots of word counts: top words, comparisons, distinctive words, dispersion.

Each function computes with :mod:`helpers.frequency` and returns a
:class:`helpers.plots.Chart`: the figure, a sentence describing what it
shows (also its alt text) and the plotted values in ``chart.data``.
"""

from __future__ import annotations

from typing import Iterable

from helpers.corpus import as_articles
from helpers.frequency import (
    dispersion,
    distinctive_words,
    frequency_table,
    top_words_by_article,
)
from helpers.plots.base import PALETTE, SEQUENTIAL_MAP, Chart, new_figure

__all__ = [
    "plot_dispersion",
    "plot_distinctive_words",
    "plot_top_words",
    "plot_word_comparison",
]

_MARKERS = ("|", "o", "s", "^", "D", "v", "P", "X")


def _grid(count: int, columns: int = 3) -> tuple[int, int]:
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    return rows, columns


def _select(articles, labels):
    if labels is None:
        return articles
    if isinstance(labels, str):
        labels = [labels]
    chosen = []
    for key in labels:
        match = [a for a in articles if key in (a.label, a.id, a.file)]
        if not match:
            known = ", ".join(a.label for a in articles)
            raise ValueError(f"No article {key!r} in this corpus (labels: {known}).")
        chosen.append(match[0])
    return chosen


def _panels(count: int, columns: int, width_each: float, height_each: float):
    rows, cols = _grid(count, columns)
    figure, axes = new_figure(width_each * cols, height_each * rows, nrows=rows, ncols=cols, squeeze=False)
    flat = [ax for row in axes for ax in row]
    for ax in flat[count:]:
        ax.set_visible(False)
    return figure, flat[:count]


def _list_words(items: list[str]) -> str:
    quoted = [f"'{w}'" for w in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def plot_top_words(
    corpus,
    n: int = 10,
    labels: Iterable[str] | None = None,
    *,
    relative: bool = False,
    columns: int = 3,
    **options,
) -> Chart:
    """Bar charts of the most frequent words, one panel per article.

    Parameters
    ----------
    corpus : Corpus, Article, list of Article or dict of label → text
    n : int
        Words per article.
    labels : list of str, optional
        Only these articles.
    relative : bool
        Show rates per 1,000 running words instead of counts (the only fair
        way to compare articles of different lengths).
    columns : int
        Panels per row.
    **options
        Counting options (see :mod:`helpers.frequency`).

    Returns
    -------
    Chart
        ``data`` maps each label to ``[(word, count, per_1000), ...]``.

    Examples
    --------
    >>> chart = plot_top_words({"A": "gang gang prison", "B": "court"}, n=2)
    >>> chart.data["A"]
    [('gang', 2, 666.67), ('prison', 1, 333.33)]
    """
    articles = _select(as_articles(corpus), labels)
    if not articles:
        raise ValueError("Choose at least one article to plot.")
    tops = top_words_by_article(articles, n, **options)
    data = {label: [(w.word, w.count, round(w.per_1000, 2)) for w in words] for label, words in tops.items()}
    height = max(1.6, 0.22 * n + 0.9)
    figure, axes = _panels(len(articles), columns, 3.2, height)
    largest = max((row[2 if relative else 1] for rows in data.values() for row in rows), default=1) or 1
    for ax, article in zip(axes, articles):
        rows = data[article.label]
        values = [row[2] if relative else row[1] for row in rows]
        names = [row[0] for row in rows]
        ax.barh(range(len(rows)), values, color=PALETTE[0])
        ax.set_yticks(range(len(rows)), names, fontsize=8)
        ax.set_ylim(max(n, 1) - 0.5, -0.5)
        ax.set_xlim(0, largest * 1.1)
        ax.set_title(article.label if len(article.label) > 12 else f"Article {article.label}", fontsize=10)
        ax.set_xlabel("per 1,000 words" if relative else "count", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        if not rows:
            ax.text(0.5, 0.5, "no words to count", ha="center", va="center", transform=ax.transAxes, fontsize=8)
    measure = "per 1,000 words" if relative else "raw counts"
    figure.suptitle(f"Most frequent words in each article ({measure})", fontsize=11)
    firsts = [f"'{rows[0][0]}' in {label}" for label, rows in data.items() if rows]
    description = (
        f"Horizontal bar charts of the {n} most frequent words ({measure}) in each of "
        f"{len(articles)} article(s); the most frequent word is "
        + ("; ".join(firsts) if firsts else "missing because no article has words")
        + "."
    )
    return Chart(figure, description, data)


def plot_word_comparison(corpus, words: Iterable[str], *, relative: bool = True, **options) -> Chart:
    """Compare chosen words across articles, per 1,000 words (grouped bars).

    With more than eight articles the chart becomes a heat map.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    words : list of str
        Words to compare (counted under the same options, so with a stemmer
        they are stemmed).
    relative : bool
        Rates per 1,000 running words (default) or raw counts.
    **options
        Counting options (see :mod:`helpers.frequency`).

    Returns
    -------
    Chart
        ``data`` is ``{"words": [...], "labels": [...], "values": [[...]]}``
        with ``values[i][j]`` for word i in article j.

    Examples
    --------
    >>> chart = plot_word_comparison({"A": "gang gang prison court", "B": "prison"}, ["gang", "prison"])
    >>> chart.data["values"]
    [[500.0, 0.0], [250.0, 1000.0]]
    """
    if isinstance(words, str):
        words = [words]
    words = [w for w in words if str(w).strip()]
    if not words:
        raise ValueError("Give at least one word to compare.")
    table = frequency_table(corpus, words, **options)
    values = [row[1:] for row in table.rows(relative=relative, digits=2)]
    labels = table.labels
    unit = "per 1,000 words" if relative else "count"
    if len(labels) <= len(PALETTE):
        figure, ax = new_figure(7, max(2.4, 0.45 * len(words) * max(1, len(labels)) / 2 + 1.2))
        bar = 0.8 / len(labels)
        for j, label in enumerate(labels):
            positions = [i + j * bar - 0.4 + bar / 2 for i in range(len(words))]
            ax.barh(positions, [row[j] for row in values], height=bar, color=PALETTE[j], label=label)
        ax.set_yticks(range(len(words)), table.words)
        ax.invert_yaxis()
        ax.set_xlabel(unit)
        ax.set_ylabel("word")
        ax.legend(title="article", fontsize=8, title_fontsize=8, loc="lower right")
    else:
        figure, ax = new_figure(max(5, 0.5 * len(labels) + 2), max(2.4, 0.4 * len(words) + 1.2))
        image = ax.imshow(values, cmap=SEQUENTIAL_MAP, aspect="auto")
        ax.set_xticks(range(len(labels)), labels, rotation=90)
        ax.set_yticks(range(len(words)), table.words)
        ax.set_xlabel("article")
        ax.set_ylabel("word")
        figure.colorbar(image, ax=ax, label=unit)
    ax.set_title(f"Chosen words across articles ({unit})")
    peaks = []
    for word, row in zip(table.words, values):
        best = max(range(len(labels)), key=lambda j: row[j]) if labels else None
        if best is None or row[best] == 0:
            peaks.append(f"'{word}' does not occur")
        else:
            peaks.append(f"'{word}' is most frequent in {labels[best]} ({row[best]:g} {unit})")
    description = (
        f"Bar chart comparing {_list_words(table.words)} ({unit}) across articles "
        f"{', '.join(labels)}; " + "; ".join(peaks) + "."
    )
    return Chart(figure, description, {"words": table.words, "labels": labels, "values": values})


def plot_distinctive_words(
    corpus,
    label: str | None = None,
    n: int = 10,
    *,
    measure: str = "log-likelihood",
    columns: int = 3,
    **keyness,
) -> Chart:
    """The distinctive words of one article, or of every article (keyness bars).

    Bars show the keyness score (G² for log-likelihood, z for log-odds); the
    text beside each bar gives the count in the article against the count in
    the other articles. The dashed line marks p = 0.05.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    label : str, optional
        One article; by default one panel per article.
    n : int
    measure : {"log-likelihood", "log-odds"}
    columns : int
    **keyness
        Passed to :func:`helpers.frequency.distinctive_words` (``min_count``,
        ``p_value``, counting options, ...).

    Returns
    -------
    Chart
        ``data`` maps each label to ``[(word, count, ref_count, score, log_ratio), ...]``.

    Examples
    --------
    >>> texts = {"A": "gang gang gang prison court", "B": "court court prison", "C": "prison court law"}
    >>> plot_distinctive_words(texts, "A", p_value=None).data["A"]
    [('gang', 3, 0, 4.73, 2.85)]
    """
    articles = as_articles(corpus)
    chosen = _select(articles, None if label is None else [label])
    data = {}
    for article in chosen:
        try:
            found = distinctive_words(articles, article.label, n, measure=measure, **keyness)
        except ValueError as error:
            if "no words" in str(error) or "reference" in str(error):
                found = []
            else:
                raise
        data[article.label] = [
            (k.word, k.count, k.ref_count, round(k.score, 2), round(k.log_ratio, 2)) for k in found
        ]
    height = max(1.6, 0.24 * n + 0.9)
    figure, axes = _panels(len(chosen), columns if label is None else 1, 3.4 if label is None else 6, height)
    threshold = 3.84 if measure == "log-likelihood" else 1.96
    for ax, article in zip(axes, chosen):
        rows = data[article.label]
        scores = [row[3] for row in rows]
        ax.barh(range(len(rows)), scores, color=PALETTE[2])
        ax.set_yticks(range(len(rows)), [row[0] for row in rows], fontsize=8)
        ax.set_ylim(max(n, 1) - 0.5, -0.5)
        top = max(scores, default=threshold)
        ax.set_xlim(0, max(top, threshold) * 1.35)
        ax.axvline(threshold, color=PALETTE[7], linestyle="--", linewidth=1)
        ax.text(threshold, max(n, 1) - 0.5, " p = 0.05", va="bottom", fontsize=6, color="#555555")
        for i, row in enumerate(rows):
            ax.text(row[3], i, f" {row[1]} vs {row[2]}", va="center", fontsize=7)
        ax.set_title(article.label if len(article.label) > 12 else f"Article {article.label}", fontsize=10)
        ax.set_xlabel("G² (log-likelihood)" if measure == "log-likelihood" else "z (weighted log-odds)", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        if not rows:
            ax.text(0.5, 0.5, "no word passes the test", ha="center", va="center", transform=ax.transAxes, fontsize=8)
    figure.suptitle("Distinctive words: each article against the others", fontsize=11)
    parts = [
        f"{lab}: {_list_words([row[0] for row in rows[:3]])}" if rows else f"{lab}: none"
        for lab, rows in data.items()
    ]
    description = (
        f"Bar charts of keyness scores ({measure}) for the words each article uses more than the "
        "others, with counts in the article against the rest beside each bar and a dashed line at "
        "p = 0.05; the top words are "
        + "; ".join(parts)
        + "."
    )
    return Chart(figure, description, data)


def plot_dispersion(corpus, terms: Iterable[str] | str, **search) -> Chart:
    """Where words occur in each article, from its start (0) to its end (1).

    Like NLTK's ``dispersion_plot``, but with one row per article and the
    position measured in running words of that article, so a long and a
    short article can be read side by side. One panel per term.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    terms : str or list of str
        Words or phrases (as for :func:`helpers.frequency.concordance`).
    **search
        ``stems``, ``case_sensitive``, ``lines``.

    Returns
    -------
    Chart
        ``data`` maps term → label → list of positions (0–1).

    Examples
    --------
    >>> chart = plot_dispersion({"A": "gang one two three gang", "B": "none at all"}, "gang")
    >>> chart.data
    {'gang': {'A': [0.0, 0.8], 'B': []}}
    """
    if isinstance(terms, str):
        terms = [terms]
    terms = [t for t in terms if str(t).strip()]
    if not terms:
        raise ValueError("Give at least one word or phrase to place.")
    articles = as_articles(corpus)
    places = dispersion(articles, terms, **search)
    data = {term: {label: [round(h.position, 4) for h in hits] for label, hits in by_label.items()} for term, by_label in places.items()}
    labels = [a.label for a in articles]
    figure, axes = new_figure(7, max(1.8, (0.3 * len(labels) + 0.8) * len(terms)), nrows=len(terms), ncols=1, sharex=True, squeeze=False)
    axes = [row[0] for row in axes]
    for index, (ax, term) in enumerate(zip(axes, terms)):
        colour = PALETTE[index % len(PALETTE)]
        for row, label in enumerate(labels):
            xs = data[term][label]
            ax.scatter(xs, [row] * len(xs), marker="|", s=160, color=colour, linewidths=2)
        ax.set_yticks(range(len(labels)), [f"{lab} ({len(data[term][lab])})" for lab in labels], fontsize=8)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xlim(-0.02, 1.02)
        ax.set_title(f"'{term}'", fontsize=10, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    axes[-1].set_xlabel("position in the article (0 = first word, 1 = last word)")
    figure.suptitle("Where the words occur (hits per article in brackets)", fontsize=11)
    parts = []
    for term in terms:
        counts = [f"{lab} {len(data[term][lab])}" for lab in labels]
        parts.append(f"'{term}' ({', '.join(counts)})")
    description = (
        "Dispersion plot: each tick marks one occurrence, placed by its position from the start "
        "to the end of its article, one row per article; hits per article: " + "; ".join(parts) + "."
    )
    return Chart(figure, description, data)
