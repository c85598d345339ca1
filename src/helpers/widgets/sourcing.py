"""Widgets for sourcing: see what the finder found, and mark the sources yourself.

* :func:`attributions_html` shows an article with every attribution
  highlighted: the **speaker** underlined in blue, the **cue** boxed in
  orange, the **quotation** shaded green, agentless cues dashed grey and scare
  quotes dotted. Hovering over a mark shows the rule that found it and why
  (:func:`helpers.sourcing.explain`). All article text is escaped.
* :class:`AttributionViewer` lets a student pick the article, filter by kind
  and speaker type, and pick one attribution to read its full explanation
  (the keyboard-friendly alternative to hovering).
* :class:`SourceAnnotator` lets a student mark the sources of a sentence
  themselves (speaker, cue, type, kind, note). Every mark is saved at once
  to a JSON file with :class:`helpers.annotations.AnnotationStore`, so a kernel
  restart loses nothing; a new annotator on the same file shows them again.
  It then compares the student's marks with the machine's: which both
  found, which only one found, and where they disagree on type or kind.

Callbacks are ordinary methods (``select_article``, ``select``,
``set_kinds``, ``add``, ``remove``, ``compare``, ...) that tests call directly.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import ipywidgets as widgets

from helpers.annotations import AnnotationStore, default_annotation_dir
from helpers.html import Mark, escape, highlight, html_table, legend
from helpers.sourcing import KINDS, SPEAKER_TYPES, Attribution, explain, find_attributions, find_quotations
from helpers.sourcing_eval import score_attributions
from helpers.text import split_sentences
from helpers.widgets.controls import number_box

__all__ = [
    "DEFAULT_FILE",
    "STYLES",
    "AttributionViewer",
    "SourceAnnotator",
    "attribution_marks",
    "attributions_html",
    "records_to_attributions",
]

#: Where the student's source marks are saved, inside the annotation folder.
DEFAULT_FILE = "sourcing-annotations.json"

#: How each part of an attribution is drawn (Okabe–Ito colours, and a line
#: style for each, so they stay distinct without colour).
STYLES = {
    "speaker": ("speaker", "background:#56B4E955;border-bottom:3px solid #0072B2"),
    "cue": ("cue", "background:#E69F0040;outline:2px solid #E69F00"),
    "quote": ("quotation", "background:#009E7333"),
    "implicit": ("agentless cue", "background:#99999933;border-bottom:2px dashed #555555"),
    "scare": ("scare quotes", "background:transparent;border-bottom:2px dotted #CC79A7"),
    "selected": ("selected", "box-shadow:0 0 0 2px #D55E00"),
}


def attribution_marks(text: str, attributions: list[Attribution], *, article=None, selected: int | None = None) -> list[Mark]:
    """Marks for :func:`helpers.html.highlight`: speaker, cue and quotation of each attribution.

    Parameters
    ----------
    text : str
        The article text the offsets index.
    attributions : list of Attribution
    article : Article, optional
        Given, the hover text also says why the speaker has its type.
    selected : int, optional
        Position in ``attributions`` of one to outline.

    Returns
    -------
    list of Mark
        CSS classes ``src-speaker``, ``src-cue``, ``src-quote``, ``src-implicit``,
        ``src-scare`` (and ``src-selected``); each title says ``#n`` and why it was found.

    Examples
    --------
    >>> from helpers.sourcing import find_attributions
    >>> text = "Critics argue the plan fails."
    >>> [(m.css_class, text[m.start:m.end]) for m in attribution_marks(text, find_attributions(text))]
    [('src-speaker', 'Critics'), ('src-cue', 'argue')]
    """
    quotations = find_quotations(text)
    marks = []
    for number, a in enumerate(attributions, 1):
        title = f"#{number} · {explain(a, article) if article is not None else explain(a)}"
        if a.speaker_start is not None:
            marks.append(Mark(a.speaker_start, a.speaker_end, "src-speaker", title, STYLES["speaker"][1]))
        if a.cue_start is not None:
            part = "implicit" if a.kind == "implicit" else "cue"
            marks.append(Mark(a.cue_start, a.cue_end, f"src-{part}", title, STYLES[part][1]))
        if a.quote_start is not None:
            part = "scare" if a.kind == "scare" else "quote"
            pieces = [p for q in quotations for p in q.parts if a.quote_start <= p[0] and p[1] <= a.quote_end] or [(a.quote_start, a.quote_end)]
            for start, end in pieces:
                marks.append(Mark(start, end, f"src-{part}", title, STYLES[part][1]))
        if selected is not None and number - 1 == selected:
            start, end = a.anchor
            marks.append(Mark(start, end, "src-selected", title, STYLES["selected"][1]))
    return marks


def _row(number: int, a: Attribution) -> list:
    speaker = a.speaker or "—"
    if a.speaker_resolved and a.speaker and a.speaker_resolved.lower() != a.speaker.lower():
        speaker += f" → {a.speaker_resolved}"
    return [number, speaker, a.speaker_type, a.cue or "—", a.cue_category or "—", a.kind, a.rule]


def attributions_html(article, attributions: list[Attribution] | None = None, *, kinds=KINDS, types=SPEAKER_TYPES,
                      selected: int | None = None) -> str:
    """The article with its attributions highlighted, a legend and a table, as escaped HTML.

    Parameters
    ----------
    article : Article
    attributions : list of Attribution, optional
        Found with :func:`helpers.sourcing.find_attributions` if not given.
    kinds, types : iterable of str
        Show only these kinds and speaker types.
    selected : int, optional
        Number (from 1, as in the table) of an attribution to outline and explain in full.

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> html = attributions_html(article_from_text("Critics say <b>no</b>."))
    >>> "&lt;b&gt;no&lt;/b&gt;" in html and "<b>no</b>" not in html
    True
    >>> "No attributions" in attributions_html(article_from_text("The library opens at nine."))
    True
    """
    found = find_attributions(article) if attributions is None else attributions
    shown = [a for a in found if a.kind in kinds and a.speaker_type in types]
    keys = legend([STYLES[k] for k in ("speaker", "cue", "quote", "implicit", "scare")])
    head = f"<h4>{escape(article.name)}</h4>"
    if not found:
        return (head + "<p><b>No attributions found in this article.</b> It quotes or cites no one the rules can see. "
                "Read it yourself: where do its claims come from?</p>" + _text_html(article, []))
    index = selected - 1 if selected and 1 <= selected <= len(shown) else None
    details = ""
    if index is not None:
        details = f'<p class="src-details" style="border-left:4px solid #D55E00;padding-left:6px">' \
                  f"{escape(f'#{selected}: ' + explain(shown[index], article))}</p>"
    table = html_table([_row(n, a) for n, a in enumerate(shown, 1)], ["#", "speaker", "type", "cue", "category", "kind", "rule"],
                       caption=f"{len(shown)} of {len(found)} attributions shown (hover over a mark to see why it was found)")
    return head + keys + details + _text_html(article, attribution_marks(article.text, shown, article=article, selected=index)) + table


def _text_html(article, marks) -> str:
    body = highlight(article.text, marks)
    return f'<div class="src-text" style="max-width:48em;line-height:1.6">{body}</div>'


class AttributionViewer:
    """Browse the attributions of a corpus, article by article.

    Parameters
    ----------
    corpus : Corpus or list of Article
    attributions : dict, optional
        Label → attributions, if already found (or corrected by hand).

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> viewer = AttributionViewer([article_from_text("Critics say it fails. It is seen as bold.", "a.txt", "A")])
    >>> viewer.set_kinds(["implicit"])
    >>> "is seen as" in viewer.html.value, "src-speaker" in viewer.html.value
    (True, False)
    >>> viewer.select(1).startswith("#1: Rule agentless-passive")
    True
    """

    def __init__(self, corpus, attributions: dict | None = None):
        self.articles = {article.label: article for article in corpus}
        if not self.articles:
            raise ValueError("The corpus has no article to show.")
        self._found = dict(attributions or {})
        self.label = next(iter(self.articles))
        self.kinds = tuple(KINDS)
        self.types = tuple(SPEAKER_TYPES)
        self.selected: int | None = None
        self.article_picker = widgets.Dropdown(options=[(a.name[:70], a.label) for a in self.articles.values()],
                                               value=self.label, description="Article")
        self.kind_picker = widgets.SelectMultiple(options=list(KINDS), value=list(KINDS), description="Kinds", rows=4)
        self.type_picker = widgets.SelectMultiple(options=list(SPEAKER_TYPES), value=list(SPEAKER_TYPES), description="Speakers", rows=4)
        self.number_picker = widgets.Dropdown(options=[("—", 0)], value=0, description="Explain #")
        self.html = widgets.HTML()
        self.article_picker.observe(lambda change: self.select_article(change["new"]), names="value")
        self.kind_picker.observe(lambda change: self.set_kinds(change["new"]), names="value")
        self.type_picker.observe(lambda change: self.set_types(change["new"]), names="value")
        self.number_picker.observe(lambda change: self.select(change["new"]), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.article_picker, self.number_picker]),
                                    widgets.HBox([self.kind_picker, self.type_picker]), self.html])
        self.render()

    @property
    def article(self):
        return self.articles[self.label]

    def attributions(self, label: str | None = None) -> list[Attribution]:
        """The attributions of an article (found once, then kept)."""
        label = label or self.label
        if label not in self._found:
            self._found[label] = find_attributions(self.articles[label])
        return self._found[label]

    def shown(self) -> list[Attribution]:
        """The attributions that pass the kind and type filters."""
        return [a for a in self.attributions() if a.kind in self.kinds and a.speaker_type in self.types]

    def select_article(self, label: str) -> None:
        if label not in self.articles:
            raise KeyError(f"No article {label!r} (labels: {', '.join(self.articles)}).")
        self.label = label
        self.selected = None
        if self.article_picker.value != label:
            self.article_picker.value = label
        self.render()

    def set_kinds(self, kinds) -> None:
        self.kinds = tuple(k for k in kinds if k in KINDS)
        self.selected = None
        self.render()

    def set_types(self, types) -> None:
        self.types = tuple(t for t in types if t in SPEAKER_TYPES)
        self.selected = None
        self.render()

    def select(self, number: int) -> str:
        """Outline attribution ``number`` (from 1, as in the table) and return its explanation ("" for none)."""
        shown = self.shown()
        self.selected = number if number and 1 <= number <= len(shown) else None
        self.render()
        return f"#{number}: {explain(shown[number - 1], self.article)}" if self.selected else ""

    def render(self) -> str:
        shown = self.shown()
        options = [("—", 0)] + [(f"{n}: {(a.speaker or a.cue or a.quote or '')[:30]}", n) for n, a in enumerate(shown, 1)]
        if list(self.number_picker.options) != options:
            self.number_picker.options = options
        self.number_picker.value = self.selected or 0
        self.html.value = attributions_html(self.article, self.attributions(), kinds=self.kinds, types=self.types,
                                            selected=self.selected)
        return self.html.value

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def records_to_attributions(records: list[dict], article) -> list[Attribution]:
    """A student's saved source marks as :class:`Attribution` records (rule ``"student"``), for comparison.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> article = article_from_text("Critics say it fails.")
    >>> record = {"sentence_start": 0, "sentence_end": 21, "speaker": "Critics", "speaker_start": 0,
    ...           "speaker_end": 7, "speaker_type": "group", "cue": "say", "cue_start": 8, "cue_end": 11,
    ...           "kind": "indirect"}
    >>> records_to_attributions([record], article)[0].cue
    'say'
    """
    result = []
    for r in records:
        start, end = r["sentence_start"], r["sentence_end"]
        result.append(
            Attribution(
                file=article.file, sentence_start=start, sentence_end=end, sentence=article.text[start:end],
                speaker=r.get("speaker") or None, speaker_start=r.get("speaker_start"), speaker_end=r.get("speaker_end"),
                speaker_resolved=r.get("speaker_resolved") or r.get("speaker") or None, speaker_type=r.get("speaker_type", "none"),
                cue=r.get("cue") or None, cue_category=r.get("cue_category"), kind=r.get("kind", "indirect"), quote=None,
                rule="student", cue_start=r.get("cue_start"), cue_end=r.get("cue_end"),
            )
        )
    return result


def _locate(text: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    words = words.strip()
    if not words:
        return None
    at = text.find(words, start, end)
    if at < 0:
        lowered = text[start:end].lower().find(words.lower())
        if lowered < 0:
            return None
        at = start + lowered
    return at, at + len(words)


class SourceAnnotator:
    """Mark the sources of an article yourself, then compare with the machine.

    For a sentence, type the speaker and the cue exactly as they are written,
    choose the speaker type and the kind, and press "Add source". Every mark is
    saved at once (by default to ``sourcing-annotations.json`` in
    :func:`helpers.annotations.default_annotation_dir`). "Compare with the
    machine" shows where you and :func:`helpers.sourcing.find_attributions`
    agree, using the same matching as the project's evaluation.

    Parameters
    ----------
    corpus : Corpus or list of Article
    path : str or Path, optional
        The JSON file.
    attributions : dict, optional
        Label → the machine's attributions, if already found.

    Examples
    --------
    >>> import tempfile, os
    >>> from helpers.corpus import article_from_text
    >>> path = os.path.join(tempfile.mkdtemp(), "sources.json")
    >>> articles = [article_from_text("Critics say it fails. Mayor Ann Lee said it works.", "a.txt", "A")]
    >>> annotator = SourceAnnotator(articles, path)
    >>> annotator.select_sentence(0)
    >>> annotator.add(speaker="Critics", cue="say", speaker_type="group", kind="indirect")["speaker"]
    'Critics'
    >>> again = SourceAnnotator(articles, path)          # after a restart: the mark is still there
    >>> [r["speaker"] for r in again.saved_records()]
    ['Critics']
    >>> again.agreement()["both"], again.agreement()["only_machine"]
    (1, 1)
    """

    def __init__(self, corpus, path: str | Path | None = None, attributions: dict | None = None):
        self.articles = {article.label: article for article in corpus}
        if not self.articles:
            raise ValueError("The corpus has no article to annotate.")
        self.store = AnnotationStore(Path(path) if path else default_annotation_dir() / DEFAULT_FILE)
        self._found = dict(attributions or {})
        self.label = next(iter(self.articles))
        self.index = 0
        self.message = self.store.message
        self.article_picker = widgets.Dropdown(options=[(a.name[:70], a.label) for a in self.articles.values()],
                                               value=self.label, description="Article")
        self.sentence_slider = number_box("Sentence", 0, 0, max(0, len(self.sentences()) - 1))
        self.speaker_box = widgets.Text(description="Speaker", placeholder="words as written, e.g. Critics")
        self.cue_box = widgets.Text(description="Cue", placeholder="e.g. argue, according to, is seen as")
        self.type_picker = widgets.Dropdown(options=list(SPEAKER_TYPES), value="person", description="Type")
        self.kind_picker = widgets.Dropdown(options=list(KINDS), value="indirect", description="Kind")
        self.note_box = widgets.Text(description="Note", placeholder="why? what would you check?")
        self.add_button = widgets.Button(description="Add source", button_style="primary")
        self.compare_button = widgets.Button(description="Compare with the machine")
        self.status = widgets.HTML(value=escape(self.message))
        self.sentence_view = widgets.HTML()
        self.saved_view = widgets.HTML()
        self.compare_view = widgets.HTML()
        self.article_picker.observe(lambda change: self.select_article(change["new"]), names="value")
        self.sentence_slider.observe(lambda change: self.select_sentence(change["new"]), names="value")
        self.add_button.on_click(lambda _: self.add_from_boxes())
        self.compare_button.on_click(lambda _: self.compare())
        self.widget = widgets.VBox([
            self.article_picker, self.sentence_slider, self.sentence_view,
            widgets.HBox([self.speaker_box, self.cue_box]), widgets.HBox([self.type_picker, self.kind_picker]),
            self.note_box, widgets.HBox([self.add_button, self.compare_button]), self.status, self.saved_view,
            self.compare_view,
        ])
        self.select_sentence(0)

    # -- what is being annotated ---------------------------------------------
    @property
    def article(self):
        return self.articles[self.label]

    def sentences(self, label: str | None = None):
        """The prose sentences of an article (headings are left out, as the finder leaves them out)."""
        return [s for s in split_sentences(self.articles[label or self.label]) if s.is_prose]

    def machine(self, label: str | None = None) -> list[Attribution]:
        label = label or self.label
        if label not in self._found:
            self._found[label] = find_attributions(self.articles[label])
        return self._found[label]

    def select_article(self, label: str) -> None:
        if label not in self.articles:
            raise KeyError(f"No article {label!r} (labels: {', '.join(self.articles)}).")
        self.label = label
        if self.article_picker.value != label:
            self.article_picker.value = label
        self.sentence_slider.max = max(0, len(self.sentences()) - 1)
        self.select_sentence(0)

    def select_sentence(self, index: int) -> None:
        count = len(self.sentences())
        self.index = max(0, min(int(index), max(0, count - 1)))
        if self.sentence_slider.value != self.index:
            self.sentence_slider.value = self.index
        self.render_sentence()
        self.render_saved()

    # -- adding and removing ---------------------------------------------------
    def add_from_boxes(self) -> dict | None:
        """The "Add source" button: add what is typed in the boxes, then clear them."""
        record = self.add(self.speaker_box.value, self.cue_box.value, self.type_picker.value, self.kind_picker.value,
                          self.note_box.value)
        if record is not None:
            self.speaker_box.value = self.cue_box.value = self.note_box.value = ""
        return record

    def add(self, speaker: str = "", cue: str = "", speaker_type: str = "person", kind: str = "indirect", note: str = "") -> dict | None:
        """Save one source mark for the current sentence.

        Returns the saved record, or None with a message in ``status`` when
        the speaker or the cue cannot be found in the sentence, or the type
        or kind is unknown. Nothing is saved then.
        """
        sentences = self.sentences()
        if not sentences:
            return self._say(f"{self.label} has no sentence to annotate.")
        sentence = sentences[self.index]
        if speaker_type not in SPEAKER_TYPES or kind not in KINDS:
            return self._say(f"Choose a type among {', '.join(SPEAKER_TYPES)} and a kind among {', '.join(KINDS)}.")
        text = self.article.text
        speaker_span = _locate(text, speaker, sentence.start, sentence.end)
        if speaker.strip() and speaker_span is None:
            return self._say(f"“{speaker.strip()}” is not in sentence {self.index + 1}: copy the speaker's words exactly as written.")
        if not speaker.strip() and speaker_type != "none":
            return self._say("Type the speaker's words, or choose the type “none” for an agentless cue or scare quotes.")
        cue_span = _locate(text, cue, sentence.start, sentence.end)
        if cue.strip() and cue_span is None:
            return self._say(f"“{cue.strip()}” is not in sentence {self.index + 1}: copy the cue exactly as written.")
        if not cue.strip() and kind != "scare":
            return self._say("Type the cue (the verb or phrase that signals speech), e.g. “said” or “is seen as”.")
        record = self.store.add({
            "file": self.article.file,
            "label": self.label,
            "sentence": self.index,
            "sentence_start": sentence.start,
            "sentence_end": sentence.end,
            "speaker": text[speaker_span[0]:speaker_span[1]] if speaker_span else "",
            "speaker_start": speaker_span[0] if speaker_span else None,
            "speaker_end": speaker_span[1] if speaker_span else None,
            "speaker_type": speaker_type,
            "cue": text[cue_span[0]:cue_span[1]] if cue_span else "",
            "cue_start": cue_span[0] if cue_span else None,
            "cue_end": cue_span[1] if cue_span else None,
            "kind": kind,
            "note": note.strip(),
            "saved": _dt.datetime.now().isoformat(timespec="seconds"),
        })
        self._say(f"Saved to {self.store.path}.")
        self.render_sentence()
        self.render_saved()
        return record

    def remove(self, record_id: int) -> bool:
        """Delete one of your marks by its id (shown in the table)."""
        removed = self.store.remove(record_id)
        self._say("Removed." if removed else f"No mark with id {record_id}.")
        self.render_sentence()
        self.render_saved()
        return removed

    def _say(self, message: str):
        self.message = message
        self.status.value = escape(message)
        return None

    # -- views -----------------------------------------------------------------
    def saved_records(self, label: str | None = None) -> list[dict]:
        """Your saved marks for an article, in text order."""
        file = self.articles[label or self.label].file
        return sorted((r for r in self.store if r.get("file") == file), key=lambda r: (r.get("sentence_start", 0), r.get("id", 0)))

    def render_sentence(self) -> str:
        sentences = self.sentences()
        if not sentences:
            self.sentence_view.value = f"<p>{escape(self.article.name)} has no sentence to annotate.</p>"
            return self.sentence_view.value
        sentence = sentences[self.index]
        mine = [r for r in self.saved_records() if r["sentence_start"] == sentence.start]
        marks = [Mark(r["speaker_start"], r["speaker_end"], "src-speaker", "your speaker", STYLES["speaker"][1]) for r in mine if r.get("speaker_start") is not None]
        marks += [Mark(r["cue_start"], r["cue_end"], "src-cue", "your cue", STYLES["cue"][1]) for r in mine if r.get("cue_start") is not None]
        body = highlight(self.article.text, marks, start=sentence.start, end=sentence.end)
        self.sentence_view.value = (f"<p><b>Sentence {self.index + 1} of {len(sentences)}</b> "
                                    f"({len(mine)} source{'s' if len(mine) != 1 else ''} marked)</p>"
                                    f'<blockquote style="max-width:48em">{body}</blockquote>')
        return self.sentence_view.value

    def render_saved(self) -> str:
        records = self.saved_records()
        if not records:
            self.saved_view.value = f"<p>No sources marked in {escape(self.label)} yet.</p>"
        else:
            rows = [[r["id"], r.get("sentence", 0) + 1, r.get("speaker") or "—", r["speaker_type"], r.get("cue") or "—",
                     r["kind"], r.get("note", "")] for r in records]
            self.saved_view.value = html_table(rows, ["id", "sentence", "speaker", "type", "cue", "kind", "note"],
                                               caption=f"Your sources in {self.label}")
        return self.saved_view.value

    # -- comparing with the machine -------------------------------------------
    def agreement(self, label: str | None = None) -> dict:
        """How your marks and the machine's attributions agree on an article.

        Your marks are the reference. Returns ``yours``, ``machine``,
        ``both`` (found by both), ``only_you``, ``only_machine``, ``f1``
        (agreement: 1 when you found exactly the same attributions), the
        agreement on ``speaker_type`` and ``kind`` among those found by both,
        and ``differences`` (the scorer's list of disagreements).
        """
        label = label or self.label
        article = self.articles[label]
        yours = records_to_attributions(self.saved_records(label), article)
        machine = self.machine(label)
        score = score_attributions(machine, yours)
        return {
            "yours": len(yours),
            "machine": len(machine),
            "both": score["matched"],
            "only_you": score["all"]["fn"],
            "only_machine": score["all"]["fp"],
            "f1": score["all"]["f1"],
            "speaker_type": score["accuracy"]["speaker_type"]["accuracy"],
            "kind": score["accuracy"]["kind"]["accuracy"],
            "differences": score["errors"],
        }

    def compare(self, label: str | None = None) -> str:
        """Show the agreement and every difference, with the machine's reason for what only it found."""
        label = label or self.label
        result = self.agreement(label)
        if not result["yours"]:
            self.compare_view.value = "<p>Mark a few sources first, then compare them with the machine.</p>"
            return self.compare_view.value
        f1 = "—" if result["f1"] is None else f"{result['f1']:.2f}"
        summary = (f"You marked {result['yours']}, the machine found {result['machine']}: you both found "
                   f"{result['both']} (agreement F1 {f1}); only you: {result['only_you']}; only the machine: "
                   f"{result['only_machine']}. A difference is not automatically your mistake: read the sentence "
                   "again and decide who is right.")
        rows = []
        for d in result["differences"]:
            theirs = d["found"]
            mine = d["gold"]
            rows.append([d["error"].replace("_", " "), d["sentence"].strip()[:80],
                         f"{mine['speaker'] or '—'} · {mine['speaker_type']} · {mine['cue'] or '—'} · {mine['kind']}" if mine else "—",
                         f"{theirs['speaker'] or '—'} · {theirs['speaker_type']} · {theirs['cue'] or '—'} · {theirs['kind']} ({theirs['rule']})" if theirs else "—"])
        labels = {"missed": "only you", "extra": "only the machine"}
        rows = [[labels.get(r[0], f"different {r[0]}")] + r[1:] for r in rows]
        table = html_table(rows, ["difference", "sentence", "you", "the machine"]) if rows else "<p>No differences.</p>"
        self.compare_view.value = f"<p>{escape(summary)}</p>{table}"
        return self.compare_view.value

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
