"""Views of copied text: a heatmap of pair scores, scores by shingle size,
and two articles side by side with their shared passages highlighted.

The charts return :class:`helpers.plots.Chart` (figure, one-sentence
description, plotted values). The side-by-side view is HTML built with
:mod:`helpers.html`, so all article text is escaped.
"""

from __future__ import annotations

from matplotlib import colormaps

from helpers.corpus import Article
from helpers.html import Mark, escape, highlight, legend
from helpers.plots.base import PALETTE, SEQUENTIAL_MAP, Chart, new_figure
from helpers.reuse import KIND_HINTS, OverlapMatrix, PairReport, Paraphrase, Passage, overlap_matrix, scores_by_n

__all__ = [
    "PARAPHRASE_STYLE",
    "passage_colour",
    "plot_overlap_heatmap",
    "plot_scores_by_n",
    "side_by_side",
]

_MEASURE_NAMES = {"jaccard": "Jaccard", "containment": "containment", "shared": "shared shingles"}

#: How paraphrased sentences are marked: a dotted underline, no fill, so
#: they never look like a word-for-word passage.
PARAPHRASE_STYLE = "background:none;border-bottom:3px dotted #D55E00;text-decoration:none"

_KIND_OUTLINE = {
    "quotation": ";outline:2px dashed #555555",
    "boilerplate": ";opacity:0.6",
    "prose": "",
}


def passage_colour(number: int) -> str:
    """The fill colour of passage ``number``: an Okabe–Ito colour, made light.

    The same passage gets the same colour in both articles; colours repeat
    after seven passages (each passage also carries its number on hover).

    Examples
    --------
    >>> passage_colour(0), passage_colour(7) == passage_colour(0)
    ('#E69F0059', True)
    """
    usable = [c for c in PALETTE if c != "#999999"]
    order = usable[1:] + usable[:1]  # start with orange: light and clear
    return order[number % len(order)] + "59"  # about 35% opaque, so text stays readable


def plot_overlap_heatmap(source, measure: str = "containment", *, n: int = 5, **options) -> Chart:
    """A heatmap of one overlap score for every pair of articles, with values in the cells.

    Parameters
    ----------
    source : OverlapMatrix, Corpus, list of Article or dict of label → text
        A matrix from :func:`helpers.reuse.overlap_matrix`, or articles to
        compute it for.
    measure : {"containment", "jaccard", "shared"}
    n : int
        Words per shingle, when the matrix is computed here.
    **options
        ``stopwords`` and ``stemmer``, when the matrix is computed here.

    Returns
    -------
    Chart
        ``data``: ``{"labels", "values", "measure", "n"}``.

    Examples
    --------
    >>> chart = plot_overlap_heatmap({"a.txt": "one two three four", "b.txt": "one two three five"}, n=2)
    >>> chart.data["values"]
    [[1.0, 0.6667], [0.6667, 1.0]]
    """
    matrix = source if isinstance(source, OverlapMatrix) else overlap_matrix(source, n, **options)
    values = matrix.values(measure)
    labels = matrix.labels
    size = len(labels)
    if size == 0:
        raise ValueError("There are no articles to compare: load a corpus with at least two articles.")
    side = max(3.2, 0.75 * size + 2.0)
    figure, ax = new_figure(side + 1.0, side)
    top = max((values[i][j] for i in range(size) for j in range(size) if i != j), default=0) or 1
    scale = 1.0 if measure != "shared" else max(top, 1)
    shown = [[values[i][j] if i != j else float("nan") for j in range(size)] for i in range(size)]
    image = ax.imshow(shown, cmap=SEQUENTIAL_MAP, vmin=0, vmax=scale if measure == "shared" else max(top, 0.05))
    colours = colormaps[SEQUENTIAL_MAP]
    for i in range(size):
        for j in range(size):
            if i == j:
                ax.text(j, i, "—", ha="center", va="center", fontsize=8, color="#555555")
                continue
            value = values[i][j]
            level = value / (scale if measure == "shared" else max(top, 0.05))
            r, g, b, _ = colours(min(1.0, level))
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
            text = f"{value:g}" if measure == "shared" else (f"{value:.3f}" if top < 0.1 else f"{value:.2f}")
            ax.text(j, i, text, ha="center", va="center", fontsize=8 if size < 12 else 6, color="white" if dark else "black")
    ax.set_xticks(range(size), labels, rotation=0 if size < 10 else 90)
    ax.set_yticks(range(size), labels)
    ax.set_xlabel("article")
    ax.set_ylabel("article")
    name = _MEASURE_NAMES[measure]
    ax.set_title(f"{name.capitalize()} of {matrix.n}-word shingles between articles")
    figure.colorbar(image, ax=ax, shrink=0.8, label=name)
    pairs = matrix.pairs(measure)
    if pairs:
        (x1, y1, v1), (x2, y2, v2) = pairs[0], pairs[-1]
        fmt = "{:g}" if measure == "shared" else "{:.3f}"
        detail = (
            f" The highest pair is {x1} and {y1} ({fmt.format(v1)}), the lowest {x2} and {y2} ({fmt.format(v2)})."
            if len(pairs) > 1
            else f" The pair {x1} and {y1} scores {fmt.format(v1)}."
        )
    else:
        detail = " With one article there is no pair to compare."
    description = (
        f"Heatmap of the {name} of {matrix.n}-word shingles for every pair of {size} articles "
        f"(colours run from dark at 0 to bright at the highest pair; each cell shows its value).{detail}"
    )
    return Chart(figure, description, {"labels": labels, "values": values, "measure": measure, "n": matrix.n})


def plot_scores_by_n(a, b, ns=range(1, 11), *, mark: int | None = None, names: tuple[str, str] = ("A", "B"), **options) -> Chart:
    """How Jaccard and containment of two articles fall as shingles get longer.

    Parameters
    ----------
    a, b : str or Article
    ns : iterable of int
        Shingle sizes to try.
    mark : int, optional
        A shingle size to highlight (the one chosen on a slider).
    names : (str, str)
        What to call the two articles in the title.
    **options
        ``stopwords`` and ``stemmer``.

    Returns
    -------
    Chart
        ``data`` is the list of rows of :func:`helpers.reuse.scores_by_n`.

    Examples
    --------
    >>> chart = plot_scores_by_n("the vote was close", "the vote was late", ns=[1, 2, 3])
    >>> [row["jaccard"] for row in chart.data]
    [0.6, 0.5, 0.3333]
    """
    rows = scores_by_n(a, b, ns, **options)
    if not rows:
        raise ValueError("Give at least one shingle size in ns.")
    figure, ax = new_figure(6.0, 3.4)
    xs = [row["n"] for row in rows]
    ax.plot(xs, [row["containment"] for row in rows], marker="o", color=PALETTE[0], label="containment")
    ax.plot(xs, [row["jaccard"] for row in rows], marker="s", linestyle="--", color=PALETTE[1], label="Jaccard")
    if mark is not None and mark in xs:
        ax.axvline(mark, color="#555555", linestyle=":", linewidth=1)
    ax.set_ylim(0, 1.05)
    ax.set_xticks(xs)
    ax.set_xlabel("words per shingle (n)")
    ax.set_ylabel("score (0 to 1)")
    ax.set_title(f"Overlap of {names[0]} and {names[1]} by shingle size")
    ax.legend(fontsize=8, frameon=False)
    first, last = rows[0], rows[-1]
    description = (
        f"Line chart of containment and Jaccard between {names[0]} and {names[1]} for shingles of "
        f"{first['n']} to {last['n']} words: containment goes from {first['containment']:.2f} to "
        f"{last['containment']:.2f} and Jaccard from {first['jaccard']:.2f} to {last['jaccard']:.2f}."
    )
    return Chart(figure, description, rows)


def _as_text(item) -> tuple[str, str]:
    if isinstance(item, Article):
        return item.text, item.name
    if isinstance(item, str):
        return item, ""
    raise TypeError(f"Expected an article or a string, not {type(item).__name__}.")


def side_by_side(
    a,
    b,
    report: PairReport | None = None,
    *,
    passages: list[Passage] | None = None,
    paraphrases: list[Paraphrase] | None = None,
    titles: tuple[str, str] | None = None,
) -> str:
    """Two articles in two columns, shared passages in matching colours.

    Passage ``k`` has the same fill colour in both columns (and its number,
    kind and length on hover); a shared quotation also gets a dashed
    outline and page furniture is faded. Paraphrased sentences are not
    filled but underlined with dots, numbered the same on both sides.

    Parameters
    ----------
    a, b : Article or str
    report : PairReport, optional
        Where the passages and paraphrases come from.
    passages, paraphrases : list, optional
        Or give them directly.
    titles : (str, str), optional
        Column headings (default: the articles' names).

    Returns
    -------
    str
        An HTML ``<div>`` (article text escaped).

    Examples
    --------
    >>> from helpers.reuse import Passage
    >>> html = side_by_side("x <b>copied words</b>", "copied words y", passages=[Passage(5, 17, 0, 12, 2)])
    >>> "&lt;b&gt;" in html and html.count("#E69F0059") == 3
    True
    """
    text_a, name_a = _as_text(a)
    text_b, name_b = _as_text(b)
    if report is not None:
        passages = report.passages if passages is None else passages
        paraphrases = report.paraphrases if paraphrases is None else paraphrases
    passages = list(passages or [])
    paraphrases = list(paraphrases or [])
    marks_a, marks_b = [], []
    for number, p in enumerate(sorted(passages, key=lambda p: (p.a_start, p.b_start))):
        style = f"background:{passage_colour(number)}" + _KIND_OUTLINE.get(p.kind, "")
        title = f"passage {number + 1}: {p.kind}, {p.words} matching words"
        marks_a.append(Mark(p.a_start, p.a_end, f"reuse-passage reuse-{p.kind}", title, style))
        marks_b.append(Mark(p.b_start, p.b_end, f"reuse-passage reuse-{p.kind}", title, style))
    for number, p in enumerate(sorted(paraphrases, key=lambda p: (p.a_start, p.b_start))):
        title = f"paraphrase {number + 1}: {p.score:.0%} of content words shared"
        marks_a.append(Mark(p.a_start, p.a_end, "reuse-paraphrase", title, PARAPHRASE_STYLE))
        marks_b.append(Mark(p.b_start, p.b_end, "reuse-paraphrase", title, PARAPHRASE_STYLE))
    heading_a, heading_b = titles or (name_a or "Article A", name_b or "Article B")
    column = (
        '<div class="reuse-column" style="flex:1;min-width:0;padding:0 0.6em;line-height:1.6">'
        "<h4>{}</h4><div>{}</div></div>"
    )
    keys = [(f"passage {k + 1}", f"background:{passage_colour(k)}") for k in range(min(len(passages), 7))]
    keys.append(("paraphrase", PARAPHRASE_STYLE))
    if any(p.kind == "quotation" for p in passages):
        keys.append(("shared quotation (not copying)", "background:none" + _KIND_OUTLINE["quotation"]))
    summary = (
        f"{len(passages)} passage(s) shared word for word "
        f"({sum(p.words for p in passages)} matching words), {len(paraphrases)} paraphrased sentence pair(s)."
    )
    notes = "".join(
        f"<li><b>{escape(kind)}</b>: {escape(hint)}</li>" for kind, hint in KIND_HINTS.items() if any(p.kind == kind for p in passages)
    )
    return (
        '<div class="reuse-side-by-side">'
        f"<p>{escape(summary)}</p>{legend(keys)}"
        + (f"<ul>{notes}</ul>" if notes else "")
        + '<div style="display:flex;gap:1em;align-items:flex-start">'
        + column.format(escape(heading_a), highlight(text_a, marks_a))
        + column.format(escape(heading_b), highlight(text_b, marks_b))
        + "</div></div>"
    )
