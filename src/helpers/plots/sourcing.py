"""Plots of sourcing: who speaks, how, with which verbs, where, and how far the finder can be trusted.

Each function returns a :class:`helpers.plots.Chart`: the figure, one or two
sentences saying what it shows (also its alt text) and the plotted values in
``chart.data``. Colours come from the Okabe–Ito palette, and every colour has
a hatch pattern too, so the bars can be told apart in grey print.
"""

from __future__ import annotations

from helpers.plots.base import PALETTE, SEQUENTIAL_MAP, Chart, new_figure
from helpers.sourcing import CUE_CATEGORIES, KINDS, SPEAKER_TYPES, find_attributions, summarize_sourcing
from helpers.sourcing.model import NAMED_TYPES

__all__ = [
    "SPEAKER_COUNTS",
    "plot_cue_categories",
    "plot_evaluation",
    "plot_kinds",
    "plot_source_positions",
    "plot_speaker_types",
]

_TYPE_LABELS = {
    "person": "named person",
    "organization": "named organisation",
    "media": "news outlet",
    "document": "document or data",
    "group": "vague group",
    "none": "nobody named",
}
_KIND_LABELS = {
    "direct": "direct quotation",
    "indirect": "indirect (paraphrase)",
    "implicit": "implicit (agentless)",
    "scare": "scare quotes",
    "no-response": "did not respond",
}
_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "--")
_MARKERS = {"person": "o", "organization": "s", "media": "D", "document": "P", "group": "^", "none": "x"}


def _summaries(corpus_or_summaries) -> list[dict]:
    items = list(corpus_or_summaries)
    if items and isinstance(items[0], dict):
        return items
    return [summarize_sourcing(article) for article in items]


def _percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def _stacked(summaries: list[dict], key: str, order, labels: dict, title: str, what: str) -> Chart:
    names = [s["label"] for s in summaries]
    counts = {s["label"]: [s[key][k] for k in order] for s in summaries}
    figure, ax = new_figure(7.5, 0.55 * max(3, len(names)) + 1.6)
    positions = list(range(len(names)))[::-1]
    lefts = [0.0] * len(names)
    for index, category in enumerate(order):
        widths = []
        for label in names:
            total = sum(counts[label])
            widths.append(_percent(counts[label][index], total))
        ax.barh(
            positions, widths, left=lefts, color=PALETTE[index % len(PALETTE)], hatch=_HATCHES[index % len(_HATCHES)],
            edgecolor="white", linewidth=0.6, label=labels[category],
        )
        lefts = [a + b for a, b in zip(lefts, widths)]
    for y, label in zip(positions, names):
        total = sum(counts[label])
        ax.text(101, y, f"n={total}" if total else "none found", va="center", fontsize=8)
    ax.set_yticks(positions, names)
    ax.set_xlim(0, 112)
    ax.set_xlabel(f"share of the article's {what} (%)")
    ax.set_ylabel("article")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    return figure, counts


#: What the bars of :func:`plot_speaker_types` can count: every attribution, or only those that give a speaker.
SPEAKER_COUNTS = ("attributions", "sources")


def plot_speaker_types(corpus_or_summaries, *, count: str = "attributions") -> Chart:
    """Who each article gives as its sources: named people, named organisations, vague groups, nobody.

    Parameters
    ----------
    corpus_or_summaries : Corpus, list of Article, or list of dict
        Articles, or the dicts of :func:`helpers.sourcing.summarize_sourcing`.
    count : {"attributions", "sources"}
        What a bar is made of. "attributions": every attribution, those with
        nobody named included (n is the summary's ``attributions``).
        "sources": only the attributions that give a speaker (n is the
        summary's ``sources``, and the share named in the description is its
        ``named_share``, the figure the sourcing tables show).

    Returns
    -------
    Chart
        ``data`` maps each label to its counts in the order of ``SPEAKER_TYPES``
        (without "none" when counting sources).

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> article = article_from_text("Critics say it fails. Mayor Ann Lee said it works. It is seen as bold.", label="A")
    >>> plot_speaker_types([article]).data
    {'A': [1, 0, 0, 0, 1, 1]}
    >>> chart = plot_speaker_types([article], count="sources")
    >>> chart.data
    {'A': [1, 0, 0, 0, 1]}
    >>> "1 of its 2 sources (50%) is named" in chart.description
    True
    """
    if count not in SPEAKER_COUNTS:
        raise ValueError(f"count must be one of {SPEAKER_COUNTS}, not {count!r}")
    summaries = _summaries(corpus_or_summaries)
    order = SPEAKER_TYPES if count == "attributions" else tuple(t for t in SPEAKER_TYPES if t != "none")
    figure, counts = _stacked(summaries, "by_speaker_type", order, _TYPE_LABELS, "Who is given as the source", count)
    kinds = "a named person, a named organisation, a news outlet, a document or data" \
        + (", a vague group or nobody named" if count == "attributions" else " or a vague group")
    description = f"Stacked bars, one per article: the share of its {count} given to {kinds}; " \
                  f"n is the number of {count}. "
    if count == "sources":
        description += "Attributions with nobody named are left out. "
    return Chart(figure, description + _type_sentence(summaries, counts, order, count), counts)


def _share_text(part: int, whole: int, what: str, share: float | None = None) -> str:
    """ "3 of its 4 sources (75%)": the count beside the share, so the two cannot be confused."""
    share = part / whole if share is None else share
    return f"{part} of its {whole} {what[:-1] if whole == 1 else what} ({share:.0%})"


def _type_sentence(summaries: list[dict], counts: dict, order, count: str) -> str:
    totals = {label: sum(c) for label, c in counts.items()}
    with_any = [s for s in summaries if totals[s["label"]]]
    if not with_any:
        return f"No {count} were found in any article."
    at = {t: order.index(t) for t in order}
    named = {s["label"]: sum(counts[s["label"]][at[t]] for t in NAMED_TYPES) for s in with_any}
    untraced = ("group", "none") if count == "attributions" else ("group",)
    vague = {s["label"]: sum(counts[s["label"]][at[t]] for t in untraced) for s in with_any}
    shares = {s["label"]: s["named_share"] if count == "sources" else named[s["label"]] / totals[s["label"]]
              for s in with_any}
    most_named = max(shares, key=shares.get)
    verb = "are" if named[most_named] != 1 else "is"
    sentence = f"Article {most_named} names its sources most often: " \
               f"{_share_text(named[most_named], totals[most_named], count, shares[most_named])} {verb} named"
    most_vague = max(vague, key=lambda label: vague[label] / totals[label])
    if most_vague != most_named and vague[most_vague]:
        what = "vague groups or nobody" if count == "attributions" else "vague groups"
        sentence += f"; article {most_vague} leans most on {what}: {_share_text(vague[most_vague], totals[most_vague], count)}"
    missing = [label for label, total in totals.items() if not total]
    if missing:
        sentence += f"; no {count} were found in {', '.join(missing)}"
    return sentence + "."


def plot_kinds(corpus_or_summaries) -> Chart:
    """How each article reports its sources: direct quotation, paraphrase, agentless, scare quotes.

    Parameters
    ----------
    corpus_or_summaries : Corpus, list of Article, or list of dict

    Returns
    -------
    Chart
        ``data`` maps each label to its counts in the order of ``KINDS``.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> text = "“It works,” said Jo Kim. The plan is seen as bold."
    >>> plot_kinds([article_from_text(text, label="A")]).data
    {'A': [1, 0, 1, 0, 0]}
    """
    summaries = _summaries(corpus_or_summaries)
    figure, counts = _stacked(summaries, "by_kind", KINDS, _KIND_LABELS, "How the sources are reported", "attributions")
    with_any = {label: c for label, c in counts.items() if sum(c)}
    if with_any:
        direct = {label: _percent(c[0], sum(c)) for label, c in with_any.items()}
        top = max(direct, key=direct.get)
        quoted = with_any[top][0]
        detail = (f"Article {top} quotes directly most often: {_share_text(quoted, sum(with_any[top]), 'attributions')} "
                  f"{'is a direct quotation' if quoted == 1 else 'are direct quotations'}; n is the number of attributions."
                  if direct[top] else "No article quotes anyone directly.")
    else:
        detail = "No attributions were found in any article."
    description = "Stacked bars, one per article, of the share of attributions that are direct quotations, " \
                  "paraphrases, agentless phrases or scare quotes. " + detail
    return Chart(figure, description, counts)


def plot_cue_categories(corpus_or_summaries) -> Chart:
    """A grid of how often each article uses each category of reporting cue ("said" vs "claimed" vs "praised").

    Parameters
    ----------
    corpus_or_summaries : Corpus, list of Article, or list of dict

    Returns
    -------
    Chart
        ``data`` maps each label to ``{category: count}`` for every category.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> chart = plot_cue_categories([article_from_text("Critics argue it fails.", label="A")])
    >>> chart.data["A"]["argumentative"], chart.data["A"]["neutral"]
    (1, 0)
    """
    summaries = _summaries(corpus_or_summaries)
    names = [s["label"] for s in summaries]
    data = {s["label"]: {c: s["by_cue_category"].get(c, 0) for c in CUE_CATEGORIES} for s in summaries}
    columns = [c for c in CUE_CATEGORIES if c != "intention"]  # only thoughts have it, and summaries never count thoughts
    grid = [[data[label][c] for c in columns] for label in names]
    figure, ax = new_figure(8.5, 0.5 * max(3, len(names)) + 2.2)
    top = max((v for row in grid for v in row), default=0)
    image = ax.imshow(grid or [[0] * len(columns)], cmap=SEQUENTIAL_MAP, aspect="auto", vmin=0, vmax=max(1, top))
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            ax.text(c, r, str(value), ha="center", va="center", fontsize=8,
                    color="black" if value > max(1, top) * 0.6 else "white")
    ax.set_xticks(range(len(columns)), columns, rotation=35, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("category of the reporting cue (see reporting_cues_en.txt)")
    ax.set_ylabel("article")
    ax.set_title("Which reporting verbs each article uses")
    figure.colorbar(image, ax=ax, label="number of cues")
    favourites = []
    for label in names:
        counts = data[label]
        if sum(counts.values()):
            best = max(counts, key=counts.get)
            favourites.append(f"{label}: {best} ({counts[best]})")
    detail = ("The most used category per article is " + "; ".join(favourites) + ".") if favourites \
        else "No reporting cues were found in any article."
    description = "A grid with one row per article and one column per category of reporting cue, " \
                  "each cell counting the cues of that category. " + detail
    return Chart(figure, description, data)


def plot_source_positions(corpus, attributions: dict | None = None) -> Chart:
    """Where in each article the sources appear: one mark per attribution, by its position in the text.

    A source quoted in the first lines frames the story; one quoted at the
    end is easy to miss. Marks differ by shape and colour for each speaker type.

    Parameters
    ----------
    corpus : Corpus or list of Article
    attributions : dict, optional
        Label → attributions, if already found.

    Returns
    -------
    Chart
        ``data`` maps each label to ``[(position in %, speaker type, speaker), ...]``.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> article = article_from_text("Critics say it fails. Later the plan is seen as bold.", label="A")
    >>> [(round(p), t) for p, t, _ in plot_source_positions([article]).data["A"]]
    [(15, 'group'), (70, 'none')]
    """
    articles = list(corpus)
    found = attributions or {}
    data = {}
    for article in articles:
        items = found.get(article.label)
        if items is None:
            items = find_attributions(article)
        length = max(1, len(article.text))
        data[article.label] = [(100.0 * a.anchor[0] / length, a.speaker_type, a.speaker_resolved or a.speaker or "")
                               for a in items if a.kind != "scare"]
    figure, ax = new_figure(7.5, 0.55 * max(3, len(articles)) + 1.6)
    rows = {article.label: len(articles) - 1 - i for i, article in enumerate(articles)}
    for index, kind in enumerate(SPEAKER_TYPES):
        xs = [p for label in data for p, t, _ in data[label] if t == kind]
        ys = [rows[label] for label in data for p, t, _ in data[label] if t == kind]
        style = {"linewidths": 1.5} if kind == "none" else {"linewidths": 0.5, "edgecolors": "white"}
        ax.scatter(xs, ys, marker=_MARKERS[kind], color=PALETTE[index], s=55, label=_TYPE_LABELS[kind], **style)
    ax.set_yticks(list(rows.values()), list(rows.keys()))
    ax.set_xlim(-2, 102)
    ax.set_ylim(-0.7, len(articles) - 0.3)
    ax.set_xlabel("position in the article (% of its characters, start → end)")
    ax.set_ylabel("article")
    ax.set_title("Where in each article the sources speak")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, fontsize=8, frameon=False)
    firsts = []
    for label, marks in data.items():
        named = [p for p, t, _ in marks if t in NAMED_TYPES]
        if named:
            firsts.append(f"{label} at {min(named):.0f}%")
    detail = ("The first named source appears in " + ", ".join(firsts) + " of the way through the text.") if firsts \
        else "No article names a source."
    silent = [label for label, marks in data.items() if not marks]
    if silent:
        detail += f" No attribution at all in {', '.join(silent)}."
    description = "One row per article; each mark is an attribution placed at its position in the text, " \
                  "shaped by speaker type. " + detail
    return Chart(figure, description, data)


def plot_evaluation(score: dict) -> Chart:
    """Precision, recall and F1 of the finder against a hand annotation, and its accuracy on the matches.

    Parameters
    ----------
    score : dict
        What :func:`helpers.sourcing_eval.score_attributions` (or ``evaluate_corpus``) returns.

    Returns
    -------
    Chart
        ``data`` holds the plotted values: ``{"explicit": {...}, "implicit": {...}, "accuracy": {...}}``.

    Examples
    --------
    >>> score = {"explicit": {"precision": 0.9, "recall": 0.8, "f1": 0.85}, "implicit": {"precision": 1.0,
    ...          "recall": 0.5, "f1": 0.667}, "accuracy": {"speaker_type": {"accuracy": 0.95, "n": 20}}}
    >>> plot_evaluation(score).data["explicit"]["recall"]
    0.8
    """
    groups = [g for g in ("explicit", "implicit", "all") if g in score]
    measures = ("precision", "recall", "f1")
    data = {g: {m: score[g].get(m) for m in measures} for g in groups}
    accuracy = {name: value.get("accuracy") for name, value in score.get("accuracy", {}).items()}
    data["accuracy"] = accuracy
    figure, (left, right) = new_figure(9.5, 3.8, ncols=2, width_ratios=[3, 2])
    width = 0.8 / len(measures)
    for index, measure in enumerate(measures):
        values = [data[g][measure] or 0 for g in groups]
        xs = [i + (index - 1) * width for i in range(len(groups))]
        bars = left.bar(xs, values, width, color=PALETTE[index], hatch=_HATCHES[index], edgecolor="white", label=measure)
        for bar, value in zip(bars, values):
            left.text(bar.get_x() + bar.get_width() / 2, value + 0.02, f"{value:.2f}", ha="center", fontsize=7)
    left.set_xticks(range(len(groups)), groups)
    left.set_ylim(0, 1.12)
    left.set_ylabel("score (1 = perfect)")
    left.set_title("Finding attributions")
    left.legend(fontsize=8, loc="lower right")
    names = [n for n, v in accuracy.items() if v is not None]
    right.barh(range(len(names))[::-1], [accuracy[n] for n in names], color=PALETTE[4], edgecolor="white")
    for y, n in zip(range(len(names))[::-1], names):
        right.text(min(accuracy[n], 0.98) - 0.02, y, f"{accuracy[n]:.2f}", va="center", ha="right", fontsize=8, color="black")
    right.set_yticks(range(len(names))[::-1], [n.replace("_", " ") for n in names])
    right.set_xlim(0, 1.05)
    right.set_xlabel("accuracy on the matches")
    right.set_title("Getting the details right")
    explicit = data.get("explicit", {})
    description = (
        "Bars of precision, recall and F1 for finding attributions, and of the accuracy of the speaker, its type, "
        "the kind and the cue category on the attributions both the finder and the annotator found. "
        + (f"For attributions with a source, precision is {explicit['precision']:.2f} and recall {explicit['recall']:.2f}."
           if explicit.get("precision") is not None and explicit.get("recall") is not None else "")
    )
    return Chart(figure, description.strip(), data)
