"""Widgets for copied text: compare two articles side by side; watch scores move with n.

:class:`PassageViewer` lets a student pick two articles and a minimum
passage length and shows them side by side, shared passages in matching
colours and paraphrases underlined. :class:`ShingleSizeExplorer` has a
number box for the shingle size ``n`` and shows how Jaccard and containment of
every pair change with it. Callbacks are plain methods returning the HTML
they show, so tests call them without a browser; article text is escaped
by :mod:`helpers.html`.
"""

from __future__ import annotations

import ipywidgets as widgets

from helpers.corpus import Article, as_articles
from helpers.html import escape, html_table
from helpers.plots.reuse import side_by_side
from helpers.reuse import DEFAULT_MIN_WORDS, DEFAULT_N, compare_corpus, compare_pair, overlap_matrix
from helpers.widgets.controls import number_box

__all__ = ["PassageViewer", "ShingleSizeExplorer", "score_table_html"]


class PassageViewer:
    """Choose two articles and a minimum passage length; see them side by side.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    a, b : str, optional
        Labels of the two articles shown first (default: the pair that
        shares the most copied words).
    min_words : int
        Shortest passage shown, in matching words.
    n : int
        Shortest run of identical words that starts a passage.

    Attributes
    ----------
    first, second : ipywidgets.Dropdown
    min_words : ipywidgets.BoundedIntText
    paraphrases : ipywidgets.Checkbox
    output : ipywidgets.HTML
    report : PairReport or None
        What the view shows now.
    widget : ipywidgets.VBox

    Examples
    --------
    >>> viewer = PassageViewer({"A": "We met at noon. The council voted to close the old branch library today.",
    ...                         "B": "The council voted to close the old branch library, they said."}, min_words=6)
    >>> viewer.report.passages[0].words
    9
    >>> viewer.min_words.value = 10
    >>> viewer.report.passages
    []
    """

    def __init__(self, corpus, a: str | None = None, b: str | None = None, *, min_words: int = DEFAULT_MIN_WORDS, n: int = DEFAULT_N):
        self.corpus = as_articles(corpus)
        self.n = n
        self.report = None
        labels = [(f"{x.label}: {(x.title or x.file)[:40]}", x.label) for x in self.corpus]
        if a is None or b is None:
            a, b = self._busiest_pair(min_words)
        self.first = widgets.Dropdown(options=labels, value=a, description="Article")
        self.second = widgets.Dropdown(options=labels, value=b, description="compared with")
        self.min_words = number_box("Min. words", min_words, max(1, n), 40)
        self.paraphrases = widgets.Checkbox(value=True, description="Show paraphrases", indent=False)
        self.output = widgets.HTML()
        for control in (self.first, self.second, self.min_words, self.paraphrases):
            control.observe(self.update, names="value")
        controls = widgets.HBox([widgets.VBox([self.first, self.second]), widgets.VBox([self.min_words, self.paraphrases])])
        self.widget = widgets.VBox([controls, self.output])
        self.update()

    def _busiest_pair(self, min_words: int) -> tuple[str | None, str | None]:
        if len(self.corpus) < 2:
            only = self.corpus[0].label if self.corpus else None
            return only, only
        reports = compare_corpus(self.corpus, n=self.n, min_words=max(min_words, self.n), paraphrases=False)
        if reports:
            best = max(reports, key=lambda r: (r.copied_words, r.containment))
            return best.a_label, best.b_label
        return self.corpus[0].label, self.corpus[1].label

    def _article(self, label) -> Article | None:
        return next((x for x in self.corpus if x.label == label), None)

    def update(self, change=None) -> str:
        """Compare the chosen articles again (every control's callback); returns the HTML shown."""
        a, b = self._article(self.first.value), self._article(self.second.value)
        if a is None or b is None or a is b:
            self.report = None
            self.output.value = "<p>Choose two different articles to compare.</p>"
            return self.output.value
        self.report = compare_pair(
            a, b, n=self.n, min_words=max(self.min_words.value, self.n), paraphrases=self.paraphrases.value
        )
        heading = (
            f"{a.label} and {b.label}: containment {self.report.containment:.3f}, Jaccard "
            f"{self.report.jaccard:.3f} ({self.n}-word shingles); passages of at least {self.min_words.value} matching words."
        )
        self.output.value = f"<p><b>{escape(heading)}</b></p>" + side_by_side(a, b, self.report)
        return self.output.value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def score_table_html(now: list[tuple], before: dict | None = None, *, n: int = DEFAULT_N) -> str:
    """A table of pair scores, with how much each changed since the last ``n``.

    Parameters
    ----------
    now : list of (label, label, jaccard, containment, shared)
    before : dict, optional
        ``(label, label) → containment`` at the previous ``n``.
    n : int

    Returns
    -------
    str
        Escaped HTML.

    Examples
    --------
    >>> html = score_table_html([("A", "<B>", 0.2, 0.5, 10)], {("A", "<B>"): 0.75}, n=4)
    >>> "&lt;B&gt;" in html and "−0.250" in html
    True
    """
    rows = []
    for x, y, jac, con, shared in now:
        change = ""
        if before is not None and (x, y) in before:
            delta = con - before[(x, y)]
            change = "no change" if abs(delta) < 5e-4 else f"{'+' if delta > 0 else '−'}{abs(delta):.3f}"
        bar = "█" * int(round(con * 20)) or "·"
        rows.append([f"{x} – {y}", f"{con:.3f}", change, f"{jac:.3f}", shared, bar])
    return html_table(
        rows,
        ["pair", "containment", "change", "Jaccard", "shared shingles", "containment bar"],
        caption=f"Scores with {n}-word shingles, highest containment first",
    )


class ShingleSizeExplorer:
    """A number box for the shingle size ``n`` (arrow keys step it): watch every pair's scores move.

    With ``n = 1`` two articles on one story share most of their words; as
    ``n`` grows, only copied phrases stay shared. The table shows each
    pair's containment and Jaccard and how containment changed since the
    previous value of ``n``.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n : int
        First shingle size.
    largest : int
        Largest shingle size the box allows.

    Attributes
    ----------
    size : ipywidgets.BoundedIntText
    output : ipywidgets.HTML
    rows : list of tuple
        ``(label, label, jaccard, containment, shared)`` now shown.
    widget : ipywidgets.VBox

    Examples
    --------
    >>> explorer = ShingleSizeExplorer({"A": "the red door is open", "B": "the red door was shut"}, n=1)
    >>> explorer.rows[0][3]
    0.6
    >>> explorer.size.value = 3
    >>> explorer.rows[0][3]
    0.3333
    """

    def __init__(self, corpus, n: int = DEFAULT_N, *, largest: int = 12):
        self.corpus = as_articles(corpus)
        self._cache: dict = {}
        self.rows: list[tuple] = []
        self._previous: dict | None = None
        self.size = number_box("n (words)", n, 1, largest)
        self.output = widgets.HTML()
        self.size.observe(self.update, names="value")
        self.widget = widgets.VBox([self.size, self.output])
        self.update()

    def scores(self, n: int) -> list[tuple]:
        """Every pair's scores at shingle size ``n`` (computed once, then remembered)."""
        if n not in self._cache:
            matrix = overlap_matrix(self.corpus, n)
            size = len(matrix.labels)
            rows = [
                (matrix.labels[i], matrix.labels[j], matrix.jaccard[i][j], matrix.containment[i][j], matrix.shared[i][j])
                for i in range(size)
                for j in range(i + 1, size)
            ]
            self._cache[n] = sorted(rows, key=lambda row: (-row[3], row[0], row[1]))
        return self._cache[n]

    def update(self, change=None) -> str:
        """Recompute for the chosen ``n`` (the box's callback); returns the HTML shown."""
        n = self.size.value
        if change is not None and isinstance(change, dict) and "old" in change:
            self._previous = {(x, y): con for x, y, _, con, _ in self.scores(change["old"])}
        self.rows = self.scores(n)
        if not self.rows:
            self.output.value = "<p>There is no pair to compare: the corpus needs at least two articles.</p>"
            return self.output.value
        top = self.rows[0]
        note = (
            f"With {n}-word shingles the closest pair is {top[0]} – {top[1]} "
            f"(containment {top[3]:.3f}). Short shingles are shared by any two articles on the same story; "
            "long ones mostly by copied text."
        )
        self.output.value = f"<p>{escape(note)}</p>" + score_table_html(self.rows, self._previous, n=n)
        return self.output.value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
