"""Widgets for close reading: a highlighted article and a sentence annotator.

* :func:`reading_html` shows an article with what the reading rules found
  highlighted (checkable details, loaded words, hedges, boosters, opinion
  markers); every piece of article text is escaped.
* :class:`ReadingView` lets a student pick the article and the layers.
* :class:`SentenceAnnotator` lets a student tag sentences (claim, opinion,
  sourced, unsourced, loaded) and write notes. Every save goes to a JSON file
  through :class:`helpers.annotations.AnnotationStore`, so a kernel restart
  loses nothing; a new annotator on the same file shows the saved tags. It
  can also compare the student's tags with what the rules suggest.

Callbacks are ordinary methods (``select_article``, ``select_sentence``,
``set_tags``, ``save``, ...) so they can be called from code and tests.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import ipywidgets as widgets

from helpers.annotations import AnnotationStore, default_annotation_dir
from helpers.html import Mark, escape, highlight, html_table, legend
from helpers.reading import TAGS, SentenceReading, read_sentences
from helpers.widgets.controls import number_box

__all__ = [
    "LAYERS",
    "LAYER_STYLES",
    "ReadingView",
    "SentenceAnnotator",
    "reading_html",
    "reading_marks",
    "readings_for",
]

#: The layers a reading view can show, in drawing order.
LAYERS = ("details", "loaded", "hedges", "boosters", "opinion")

#: How each layer is drawn (colours from the Okabe–Ito palette; hedges and
#: boosters are underlined so they stay visible inside other marks).
LAYER_STYLES = {
    "details": ("checkable detail", "background:#56B4E966"),
    "loaded": ("loaded word", "background:#E69F0070"),
    "hedges": ("hedge", "background:transparent;border-bottom:2px dashed #009E73"),
    "boosters": ("booster", "background:transparent;border-bottom:3px solid #D55E00"),
    "opinion": ("opinion marker", "background:#CC79A760"),
}

#: Where annotations of this notebook are saved, inside the annotation folder.
DEFAULT_FILE = "reading-annotations.json"


def readings_for(article, attributions=None, topic_words=()) -> list[SentenceReading]:
    """The reading rules' results for each sentence of an article.

    Like :func:`helpers.reading.read_sentences` (``topic_words`` as there),
    but if the sourcing rules cannot be imported the sentences are read
    without them (every claim then counts as unsourced) instead of failing.

    Examples
    --------
    >>> [r.suggested for r in readings_for("Over 250 men left.", attributions=[])]
    [('claim', 'unsourced')]
    """
    try:
        return read_sentences(article, attributions, topic_words=topic_words)
    except ImportError:
        return read_sentences(article, [], topic_words=topic_words)


def reading_marks(readings: list[SentenceReading], layers=LAYERS, *, include_quoted: bool = True) -> list[Mark]:
    """Turn sentence readings into highlight marks for :func:`helpers.html.highlight`.

    Parameters
    ----------
    readings : list of SentenceReading
    layers : sequence of str
        Any of :data:`LAYERS`.
    include_quoted : bool
        Also mark words inside quotations (they are someone else's words).

    Returns
    -------
    list of Mark
        Each with a CSS class ``r-<layer>`` and a hover title saying why.

    Examples
    --------
    >>> marks = reading_marks(readings_for("The notorious prison.", attributions=[]), ["loaded"])
    >>> [(m.start, m.end, m.css_class, m.title) for m in marks]
    [(4, 13, 'r-loaded', 'evaluative: judges a reputation without showing it')]
    """
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise ValueError(f"Unknown layer(s) {unknown}: choose from {list(LAYERS)}.")
    marks = []
    for reading in readings:
        for layer in layers:
            style = LAYER_STYLES[layer][1]
            if layer == "details":
                for detail in reading.details:
                    source = f"source: {reading.attribution}" + (f" ({', '.join(reading.speakers)})" if reading.speakers else "")
                    marks.append(Mark(detail.start, detail.end, "r-details", f"{detail.kind} ({detail.rule}); {source}", style))
                continue
            for hit in getattr(reading, layer):
                if hit.quoted and not include_quoted:
                    continue
                title = f"{hit.category}: {hit.note}" if hit.note else hit.category
                if hit.quoted:
                    title += " (inside a quotation)"
                marks.append(Mark(hit.start, hit.end, f"r-{layer}", title, style))
    return marks


def reading_html(article, layers=LAYERS, *, readings=None, attributions=None, include_quoted: bool = True, topic_words=()) -> str:
    """An article as escaped HTML with the reading rules' findings highlighted.

    Parameters
    ----------
    article : Article
    layers : sequence of str
        Which of :data:`LAYERS` to show.
    readings : list of SentenceReading, optional
        Already computed results (else they are computed).
    attributions : list, optional
        Passed to :func:`readings_for`.
    include_quoted : bool
    topic_words : sequence of str, optional
        The corpus's topic words (see :func:`helpers.reading.find_topic_words`).

    Returns
    -------
    str
        A legend and the text; hover over a mark to see why it was marked.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> html = reading_html(article_from_text("<b>Notorious</b> men."), ["loaded"], attributions=[])
    >>> "&lt;b&gt;" in html and "<b>" not in html
    True
    """
    if readings is None:
        readings = readings_for(article, attributions, topic_words)
    marks = reading_marks(readings, layers, include_quoted=include_quoted)
    keys = legend([(LAYER_STYLES[layer][0], LAYER_STYLES[layer][1]) for layer in layers]) if layers else ""
    counts = {layer: sum(1 for m in marks if m.css_class == f"r-{layer}") for layer in layers}
    found = ", ".join(f"{counts[layer]} {LAYER_STYLES[layer][0]}{'s' if counts[layer] != 1 else ''}" for layer in layers)
    summary = f"<p class=\"r-summary\">{escape(article.name)}: {escape(found or 'no layer chosen')}.</p>"
    body = highlight(article.text, marks)
    return f'<div class="reading">{summary}{keys}<div class="r-text" style="line-height:1.6;max-width:48em">{body}</div></div>'


class ReadingView:
    """Pick an article and the layers to highlight.

    Parameters
    ----------
    corpus : Corpus or list of Article
    layers : sequence of str
        The layers shown at first.
    attributions : dict, optional
        Article label → attributions, if already computed.
    topic_words : sequence of str, optional
        The corpus's topic words (see :func:`helpers.reading.find_topic_words`).

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> view = ReadingView([article_from_text("Notorious men may go.", "a.txt", "A")], attributions={"A": []})
    >>> view.set_layers(["hedges"])
    >>> "r-hedges" in view.output.value, "r-loaded" in view.output.value
    (True, False)
    """

    def __init__(self, corpus, layers=LAYERS, attributions: dict | None = None, topic_words=()):
        self.articles = {article.label: article for article in corpus}
        if not self.articles:
            raise ValueError("The corpus has no article to show.")
        self._attributions = dict(attributions or {})
        self._topic_words = tuple(topic_words)
        self._cache: dict[str, list[SentenceReading]] = {}
        self.label = next(iter(self.articles))
        self.layers = tuple(layers)
        self.article_picker = widgets.Dropdown(options=[(a.name[:70], a.label) for a in self.articles.values()], value=self.label, description="Article")
        self.layer_boxes = {layer: widgets.Checkbox(value=layer in self.layers, description=LAYER_STYLES[layer][0], indent=False) for layer in LAYERS}
        self.output = widgets.HTML()
        self._updating = False
        self.article_picker.observe(lambda change: None if self._updating else self.show(change["new"]), names="value")
        for box in self.layer_boxes.values():
            box.observe(self._on_box, names="value")
        self.widget = widgets.VBox([self.article_picker, widgets.HBox(list(self.layer_boxes.values())), self.output])
        self.render()

    def readings(self, label: str) -> list[SentenceReading]:
        if label not in self._cache:
            self._cache[label] = readings_for(self.articles[label], self._attributions.get(label), self._topic_words)
        return self._cache[label]

    def show(self, label: str) -> None:
        """Show another article (by label)."""
        if label not in self.articles:
            raise KeyError(f"No article {label!r} (labels: {', '.join(self.articles)}).")
        self.label = label
        self._updating = True
        try:
            self.article_picker.value = label
        finally:
            self._updating = False
        self.render()

    def _on_box(self, change) -> None:
        if not self._updating:
            self.set_layers([layer for layer, box in self.layer_boxes.items() if box.value])

    def set_layers(self, layers) -> None:
        """Choose which layers to highlight (any of :data:`LAYERS`)."""
        unknown = [layer for layer in layers if layer not in LAYERS]
        if unknown:
            raise ValueError(f"Unknown layer(s) {unknown}: choose from {list(LAYERS)}.")
        self.layers = tuple(layer for layer in LAYERS if layer in set(layers))
        self._updating = True
        try:
            for layer, box in self.layer_boxes.items():
                box.value = layer in self.layers
        finally:
            self._updating = False
        self.render()

    def render(self) -> str:
        self.output.value = reading_html(self.articles[self.label], self.layers, readings=self.readings(self.label))
        return self.output.value

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class SentenceAnnotator:
    """Tag sentences as claim, opinion, sourced, unsourced or loaded, with notes.

    Every save is written at once to a JSON file (by default
    ``reading-annotations.json`` in :func:`helpers.annotations.default_annotation_dir`),
    one record per sentence: article file and label, sentence number and
    offsets, the sentence text, the tags, the note and the time. Saving a
    sentence again replaces its record. A new annotator on the same file
    shows what was saved.

    Parameters
    ----------
    corpus : Corpus or list of Article
    path : str or Path, optional
        The JSON file.
    attributions : dict, optional
        Article label → attributions, for the rules' suggestions.
    topic_words : sequence of str, optional
        The corpus's topic words (see :func:`helpers.reading.find_topic_words`).

    Examples
    --------
    >>> import tempfile, os
    >>> from helpers.corpus import article_from_text
    >>> path = os.path.join(tempfile.mkdtemp(), "notes.json")
    >>> articles = [article_from_text("Over 250 men left. We must act.", "a.txt", "A")]
    >>> annotator = SentenceAnnotator(articles, path, attributions={"A": []})
    >>> annotator.select_sentence(1)
    >>> annotator.set_tags(["opinion"]); annotator.set_note("first person")
    >>> annotator.save()["tags"]
    ['opinion']
    >>> again = SentenceAnnotator(articles, path, attributions={"A": []})
    >>> again.select_sentence(1)
    >>> again.tags(), again.note_box.value
    (['opinion'], 'first person')
    """

    def __init__(self, corpus, path: str | Path | None = None, attributions: dict | None = None, topic_words=()):
        self.articles = {article.label: article for article in corpus}
        if not self.articles:
            raise ValueError("The corpus has no article to annotate.")
        self.store = AnnotationStore(Path(path) if path else default_annotation_dir() / DEFAULT_FILE)
        self._attributions = dict(attributions or {})
        self._topic_words = tuple(topic_words)
        self._cache: dict[str, list[SentenceReading]] = {}
        self.label = next(iter(self.articles))
        self.index = 0
        self.status = widgets.HTML(value=escape(self.store.message))
        self.article_picker = widgets.Dropdown(options=[(a.name[:70], a.label) for a in self.articles.values()], value=self.label, description="Article")
        self.sentence_slider = number_box("Sentence", 0, 0, max(0, len(self.sentences()) - 1))
        self.previous_button = widgets.Button(description="◀ previous", tooltip="previous sentence")
        self.next_button = widgets.Button(description="next ▶", tooltip="next sentence")
        self.tag_boxes = {tag: widgets.Checkbox(value=False, description=tag, indent=False) for tag in TAGS}
        self.note_box = widgets.Textarea(placeholder="Your note: why this tag? What would you check, and where?", layout=widgets.Layout(width="100%"))
        self.save_button = widgets.Button(description="Save", button_style="primary", tooltip="save the tags and note of this sentence")
        self.compare_button = widgets.Button(description="Compare with the rules", tooltip="see where your tags and the rules differ")
        self.sentence_view = widgets.HTML()
        self.saved_view = widgets.HTML()
        self.compare_view = widgets.HTML()
        self._updating = False
        self.article_picker.observe(self._on_article, names="value")
        self.sentence_slider.observe(self._on_slider, names="value")
        self.previous_button.on_click(lambda _: self.previous_sentence())
        self.next_button.on_click(lambda _: self.next_sentence())
        self.save_button.on_click(lambda _: self.save())
        self.compare_button.on_click(lambda _: self.compare())
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.article_picker]),
                widgets.HBox([self.previous_button, self.sentence_slider, self.next_button]),
                self.sentence_view,
                widgets.HBox(list(self.tag_boxes.values())),
                self.note_box,
                widgets.HBox([self.save_button, self.compare_button]),
                self.status,
                self.saved_view,
                self.compare_view,
            ]
        )
        self.select_sentence(0)
        self.render_saved()

    # -- what is being annotated ------------------------------------------------

    @property
    def article(self):
        return self.articles[self.label]

    def sentences(self, label: str | None = None) -> list[SentenceReading]:
        """The sentences of an article with the rules' findings."""
        label = label or self.label
        if label not in self._cache:
            self._cache[label] = readings_for(self.articles[label], self._attributions.get(label), self._topic_words)
        return self._cache[label]

    @property
    def sentence(self) -> SentenceReading | None:
        sentences = self.sentences()
        return sentences[self.index] if sentences else None

    def record_for(self, label: str | None = None, index: int | None = None) -> dict | None:
        """The saved record of a sentence, if any."""
        label = label or self.label
        index = self.index if index is None else index
        sentences = self.sentences(label)
        if not sentences or not 0 <= index < len(sentences):
            return None
        sentence = sentences[index]
        file = self.articles[label].file
        found = [r for r in self.store.where(file=file, start=sentence.start, end=sentence.end)]
        return found[-1] if found else None

    # -- callbacks ----------------------------------------------------------------

    def _on_article(self, change) -> None:
        if not self._updating:
            self.select_article(change["new"])

    def _on_slider(self, change) -> None:
        if not self._updating:
            self.select_sentence(change["new"])

    def select_article(self, label: str) -> None:
        """Show another article (by label), at its first sentence."""
        if label not in self.articles:
            raise KeyError(f"No article {label!r} (labels: {', '.join(self.articles)}).")
        self.label = label
        self._updating = True
        try:
            self.article_picker.value = label
            self.sentence_slider.max = max(0, len(self.sentences()) - 1)
        finally:
            self._updating = False
        self.select_sentence(0)
        self.render_saved()

    def select_sentence(self, index: int) -> None:
        """Show sentence ``index`` of the current article, with its saved tags and note."""
        count = len(self.sentences())
        self.index = min(max(0, int(index)), max(0, count - 1))
        record = self.record_for()
        self._updating = True
        try:
            self.sentence_slider.value = self.index
            for tag, box in self.tag_boxes.items():
                box.value = bool(record and tag in record.get("tags", []))
            self.note_box.value = (record or {}).get("note", "")
        finally:
            self._updating = False
        self.render_sentence()

    def next_sentence(self) -> None:
        self.select_sentence(self.index + 1)

    def previous_sentence(self) -> None:
        self.select_sentence(self.index - 1)

    def set_tags(self, tags) -> None:
        """Tick exactly these tags (from :data:`helpers.reading.TAGS`)."""
        unknown = [tag for tag in tags if tag not in TAGS]
        if unknown:
            raise ValueError(f"Unknown tag(s) {unknown}: choose from {list(TAGS)}.")
        for tag, box in self.tag_boxes.items():
            box.value = tag in tags

    def set_note(self, note: str) -> None:
        self.note_box.value = str(note)

    def tags(self) -> list[str]:
        """The tags ticked now."""
        return [tag for tag, box in self.tag_boxes.items() if box.value]

    def save(self) -> dict | None:
        """Save the tags and note of the current sentence (replacing an earlier save).

        Returns
        -------
        dict or None
            The saved record; None when there is nothing to save (no tag and no
            note): an earlier record of the sentence is then removed.
        """
        sentence = self.sentence
        if sentence is None:
            self.status.value = "This article has no sentence to annotate."
            return None
        previous = self.record_for()
        tags, note = self.tags(), self.note_box.value.strip()
        if previous:
            self.store.remove(previous["id"])
        if not tags and not note:
            self.status.value = escape(f"Sentence {self.index + 1} of {self.label}: nothing to save" + (" (earlier tags removed)." if previous else "."))
            self.render_saved()
            return None
        record = self.store.add(
            {
                "file": self.article.file,
                "label": self.label,
                "sentence": self.index,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence.text,
                "tags": tags,
                "note": note,
                "saved": _dt.datetime.now().isoformat(timespec="seconds"),
            }
        )
        self.status.value = escape(f"Saved sentence {self.index + 1} of {self.label} to {self.store.path}.")
        self.render_saved()
        return record

    def remove(self, record_id: int) -> bool:
        """Delete a saved record by its id."""
        removed = self.store.remove(record_id)
        self.select_sentence(self.index)
        self.render_saved()
        return removed

    # -- views ------------------------------------------------------------------

    def render_sentence(self) -> str:
        """The current sentence highlighted inside its paragraph."""
        sentence = self.sentence
        if sentence is None:
            self.sentence_view.value = f"<p>{escape(self.article.name)} has no sentence to annotate.</p>"
            return self.sentence_view.value
        line = self.article.lines[next(i for i, s in enumerate(self.article.lines) if s.start <= sentence.start <= s.end)]
        mark = Mark(sentence.start, sentence.end, "r-current", f"sentence {self.index + 1}", "background:#F0E44299;outline:1px solid #999999")
        context = highlight(self.article.text, [mark], start=line.start, end=line.end)
        head = f"Sentence {self.index + 1} of {len(self.sentences())} ({sentence.kind})"
        self.sentence_view.value = f'<p><b>{escape(head)}</b></p><blockquote style="max-width:48em">{context}</blockquote>'
        return self.sentence_view.value

    def saved_records(self, label: str | None = None) -> list[dict]:
        """Saved records of an article (or of all articles with ``label="*"``), in text order."""
        label = label or self.label
        records = list(self.store) if label == "*" else [r for r in self.store if r.get("file") == self.articles[label].file]
        return sorted(records, key=lambda r: (r.get("file", ""), r.get("start", 0)))

    def render_saved(self) -> str:
        records = self.saved_records()
        if not records:
            self.saved_view.value = f"<p>No saved annotations for {escape(self.label)} yet.</p>"
        else:
            rows = [[r.get("sentence", 0) + 1, r.get("text", "")[:90], ", ".join(r.get("tags", [])), r.get("note", "")] for r in records]
            self.saved_view.value = html_table(rows, ["sentence", "text", "your tags", "note"], caption=f"Your annotations of {self.label}")
        return self.saved_view.value

    def comparison(self, label: str | None = None) -> list[dict]:
        """Your tags against the rules' suggestions, for every saved sentence of an article.

        Returns
        -------
        list of dict
            ``sentence`` (number from 1), ``text``, ``yours``, ``rules``,
            ``agree`` (tags in both) and ``differ`` (tags in only one).
        """
        label = label or self.label
        by_span = {(s.start, s.end): (n, s) for n, s in enumerate(self.sentences(label))}
        rows = []
        for record in self.saved_records(label):
            found = by_span.get((record.get("start"), record.get("end")))
            if not found:
                continue  # the article changed since the note was saved
            number, sentence = found
            yours, rules = set(record.get("tags", [])), set(sentence.suggested)
            rows.append(
                {
                    "sentence": number + 1,
                    "text": sentence.text,
                    "yours": [t for t in TAGS if t in yours],
                    "rules": [t for t in TAGS if t in rules],
                    "agree": [t for t in TAGS if t in yours & rules],
                    "differ": [t for t in TAGS if t in yours ^ rules],
                }
            )
        return rows

    def compare(self, label: str | None = None) -> str:
        """Show the comparison as a table with a one-line summary."""
        rows = self.comparison(label)
        if not rows:
            self.compare_view.value = "<p>Save a few annotations first, then compare them with the rules.</p>"
            return self.compare_view.value
        agree = sum(len(r["agree"]) for r in rows)
        differ = sum(len(r["differ"]) for r in rows)
        summary = (
            f"On {len(rows)} sentence{'s' if len(rows) != 1 else ''}, you and the rules agree on {agree} "
            f"tag{'s' if agree != 1 else ''} and differ on {differ}. A difference is not a mistake: "
            "read the sentence again and decide who is right, and why."
        )
        table = html_table(
            [[r["sentence"], r["text"][:90], ", ".join(r["yours"]), ", ".join(r["rules"]), ", ".join(r["differ"]) or "-"] for r in rows],
            ["sentence", "text", "your tags", "the rules' tags", "differ on"],
        )
        self.compare_view.value = f"<p>{escape(summary)}</p>{table}"
        return self.compare_view.value

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
