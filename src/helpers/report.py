"""Putting it together: an evidence table per article and a one-page HTML report.

Notebook 05 and ``python -m helpers report DIR -o report.html`` use this
module to gather what the other helpers measure about each article:

* **provenance** (:mod:`helpers.reading`): what it states about itself;
* **words** (:mod:`helpers.frequency`): length, top words, distinctive words;
* **sourcing** (:mod:`helpers.sourcing`): who speaks, named or not;
* **reading** (:mod:`helpers.reading`): checkable claims and their sources,
  loaded language, hedges, boosters and opinion markers;
* **reuse** (:mod:`helpers.reuse`): overlap with the other articles and the
  passages they share.

:func:`gather_evidence` computes everything once; :func:`evidence_table`
turns it into one plain row per article; :func:`build_report` writes a
self-contained HTML page (no scripts, no external files, every piece of
article text escaped) that prints with one article per page. Nothing here
reads or writes files.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from helpers.corpus import UnknownArticle
from helpers.html import Mark, escape, highlight, screen_reader_only
from helpers.reading import (
    ATTRIBUTION_LEVELS,
    Provenance,
    claims_from_readings,
    find_provenance,
    find_topic_words,
    read_sentences,
    summarize_reading,
)

#: Largest corpus for which distinctive words are computed. Each article is
#: compared with the rest of the corpus by subtraction from the corpus totals
#: (:func:`helpers.frequency.distinctive_words_by_article`), so the time grows
#: linearly; the limit only keeps a report of a huge folder readable.
MAX_DISTINCTIVE_ARTICLES = 20_000

#: Largest corpus for which every pair is scored and the reuse matrix shown.
MAX_MATRIX_ARTICLES = 30

__all__ = [
    "MAX_DISTINCTIVE_ARTICLES",
    "MAX_MATRIX_ARTICLES",
    "ArticleEvidence",
    "Evidence",
    "build_report",
    "describe_evidence",
    "evidence_table",
    "gather_evidence",
    "render_report",
]


@dataclass
class ArticleEvidence:
    """Everything measured about one article."""

    article: object  # helpers.corpus.Article
    provenance: Provenance
    words: dict
    distinctive: list = field(default_factory=list)
    distinctive_note: str = ""
    attributions: list = field(default_factory=list)
    sourcing: dict = field(default_factory=dict)
    reading: dict = field(default_factory=dict)
    claims: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.article.label


@dataclass
class Evidence:
    """What :func:`gather_evidence` found for a corpus."""

    folder: str
    articles: list[ArticleEvidence]
    pairs: list = field(default_factory=list)  # helpers.reuse.PairReport, every pair
    notes: list[str] = field(default_factory=list)
    _by_label: dict | None = field(default=None, init=False, repr=False, compare=False)

    def pairs_of(self, label: str) -> list:
        """Pairs that involve one article, highest containment first."""
        if self._by_label is None or sum(map(len, self._by_label.values())) != 2 * len(self.pairs):
            index: dict[str, list] = {}
            for pair in self.pairs:
                index.setdefault(pair.a_label, []).append(pair)
                index.setdefault(pair.b_label, []).append(pair)
            self._by_label = index
        return list(self._by_label.get(label, []))

    def by_label(self, label: str) -> ArticleEvidence:
        for item in self.articles:
            if item.label == label:
                return item
        raise UnknownArticle(f"No article {label!r} (labels: {', '.join(a.label for a in self.articles)}).")


def _plural(count, word: str, plural: str | None = None) -> str:
    """"1 claim", "2 claims"."""
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _other(pair, label: str) -> str:
    return pair.b_label if pair.a_label == label else pair.a_label


# ---------------------------------------------------------------------------
# Gathering
# ---------------------------------------------------------------------------


def _sourcing_for(article, attributions) -> dict:
    from helpers.sourcing import summarize_sourcing

    return summarize_sourcing(article, attributions)


def gather_evidence(corpus, *, top: int = 8, distinctive: int = 6, attributions: dict | None = None) -> Evidence:
    """Run every helper on every article of a corpus, once.

    Time: O(T) for T running words for counts, reading, sourcing and keyness
    (each article once; keyness by subtraction from corpus totals), plus the
    reuse index, which compares only pairs that share a shingle (all pairs,
    O(N²), only up to MAX_MATRIX_ARTICLES articles).

    Parameters
    ----------
    corpus : Corpus or list of Article
    top : int
        How many top words per article.
    distinctive : int
        How many distinctive words per article.
    attributions : dict, optional
        Label → attributions already found by ``helpers.sourcing``.

    Returns
    -------
    Evidence

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> evidence = gather_evidence([article_from_text("Over 250 men left.", "a.txt", "A")])
    >>> evidence.articles[0].reading["claims"], evidence.pairs
    (1, [])
    """
    from helpers.frequency import distinctive_words_by_article, summarize_words
    from helpers.reuse import compare_corpus
    from helpers.sourcing import find_attributions

    articles = list(corpus)
    folder = getattr(getattr(corpus, "folder", None), "name", "") or "articles"
    if not articles:
        raise ValueError("The corpus has no article: there is nothing to report.")
    attributions = dict(attributions or {})
    words = {row["file"]: row for row in summarize_words(articles, top=top)["articles"]}
    notes = []
    if len(articles) == 1:
        notes.append("The corpus has one article, so there is nothing to compare it with: no distinctive words and no reuse.")
    keyness_wanted = 1 < len(articles) <= MAX_DISTINCTIVE_ARTICLES
    if len(articles) > MAX_DISTINCTIVE_ARTICLES:
        notes.append(
            f"Distinctive words are left out: with more than {MAX_DISTINCTIVE_ARTICLES:,} articles the report would "
            "be too long to read. Use helpers.frequency.distinctive_words_by_article on the corpus, or "
            "distinctive_words on the articles you care about."
        )
    keyness_of = {}
    if keyness_wanted:
        keyness_of = distinctive_words_by_article(articles, distinctive)
    if len(articles) > MAX_MATRIX_ARTICLES:
        notes.append(
            f"With more than {MAX_MATRIX_ARTICLES} articles only the pairs that share a passage or a paraphrase are "
            "listed, and the matrix of every pair is left out."
        )
    pairs = compare_corpus(articles, include_all=len(articles) <= MAX_MATRIX_ARTICLES) if len(articles) > 1 else []
    story = getattr(corpus, "story", None)
    # the same topic words as notebook 01, so loaded-word counts agree with it
    topic_words = find_topic_words(articles, also=story.follow if story is not None else ())
    items = []
    for article in articles:
        found = attributions.get(article.label)
        if found is None:
            found = find_attributions(article)
        keyness, note = [], ""
        if keyness_wanted:
            keyness = keyness_of[article.label]
            if not article.word_count:
                note = f"Article {article.label} has no words to compare."
            elif not keyness:
                note = "no word stands out at p < 0.05 (short articles rarely have enough repeats)"
        elif len(articles) > 1:
            note = f"not computed for corpora of more than {MAX_DISTINCTIVE_ARTICLES} articles"
        readings = read_sentences(article, found, topic_words=topic_words)
        items.append(
            ArticleEvidence(
                article=article,
                provenance=find_provenance(article),
                words=words.get(article.file, {"tokens": article.word_count, "types": 0, "top": []}),
                distinctive=keyness,
                distinctive_note=note,
                attributions=list(found),
                sourcing=_sourcing_for(article, found),
                reading=summarize_reading(article, readings=readings),
                claims=claims_from_readings(readings, article.file),
            )
        )
    return Evidence(folder, items, pairs, notes)


# ---------------------------------------------------------------------------
# The evidence table
# ---------------------------------------------------------------------------


def _sourcing_numbers(sourcing: dict) -> dict:
    """The few sourcing figures the table shows, from ``summarize_sourcing``."""
    by_type = sourcing.get("by_speaker_type", {}) or {}
    return {
        "attributions": sourcing.get("attributions", sum(by_type.values())),
        "named": sum(by_type.get(t, 0) for t in ("person", "organization", "media")),
        "vague": by_type.get("group", 0),
        "agentless": by_type.get("none", 0),
        "direct": sourcing.get("direct_quotes", 0),
        "named_share": sourcing.get("named_share"),
        "named_sources": list(sourcing.get("named_sources", {})),
        "vague_sources": list(sourcing.get("vague_sources", {})),
    }


def evidence_table(evidence: Evidence) -> list[dict]:
    """One row of plain values per article: the evidence to argue from.

    Parameters
    ----------
    evidence : Evidence
        From :func:`gather_evidence`.

    Returns
    -------
    list of dict
        ``label``, ``file``, ``words``, ``unknown`` (what the article does not
        state about itself), ``named_sources``, ``vague_sources``,
        ``direct_quotes``, ``sources`` (the named ones), ``distinctive``
        (words), ``claims``, ``unsourced_claims``, ``loaded_per_1000``,
        ``top_loaded``, ``opinion_per_1000``, ``hedges_per_1000``,
        ``boosters_per_1000``, ``closest`` (the article it shares most with),
        ``containment`` (with that article) and ``copied_words`` (matching
        words in copied prose, over all pairs).

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> rows = evidence_table(gather_evidence([article_from_text("Notorious men left in 2023.", "a.txt", "A")]))
    >>> rows[0]["claims"], rows[0]["unsourced_claims"], rows[0]["closest"]
    (1, 1, '')
    """
    rows = []
    for item in evidence.articles:
        label = item.label
        numbers = _sourcing_numbers(item.sourcing)
        pairs = evidence.pairs_of(label)
        closest = max(pairs, key=lambda p: (p.containment, p.jaccard), default=None)
        reading = item.reading
        rows.append(
            {
                "label": label,
                "file": item.article.file,
                "words": reading["words"],
                "unknown": list(item.provenance.unknown),
                "named_sources": numbers["named"],
                "vague_sources": numbers["vague"],
                "direct_quotes": numbers["direct"],
                "sources": numbers["named_sources"],
                "distinctive": [k.word for k in item.distinctive],
                "claims": reading["claims"],
                "unsourced_claims": reading["claims"] - reading["claims_attributed"],
                "loaded_per_1000": reading["loaded_per_1000"],
                "top_loaded": [word for word, _ in reading["top_loaded"][:5]],
                "opinion_per_1000": reading["opinion_per_1000"],
                "hedges_per_1000": reading["hedges_per_1000"],
                "boosters_per_1000": reading["boosters_per_1000"],
                "closest": _other(closest, label) if closest else "",
                "containment": closest.containment if closest else 0.0,
                "copied_words": sum(p.copied_words for p in pairs),
            }
        )
    return rows


def describe_evidence(row: dict) -> list[str]:
    """Plain sentences that state what one row of the evidence table shows.

    They state findings, not verdicts: what to make of them is the reader's call.

    Parameters
    ----------
    row : dict
        A row of :func:`evidence_table`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> row = {"label": "A", "words": 350, "unknown": ["date", "outlet"], "named_sources": 0,
    ...        "vague_sources": 3, "direct_quotes": 0, "sources": [], "claims": 2, "unsourced_claims": 2,
    ...        "loaded_per_1000": 40.0, "top_loaded": ["notorious"], "opinion_per_1000": 12.5,
    ...        "closest": "B", "containment": 0.03, "copied_words": 17}
    >>> for sentence in describe_evidence(row): print(sentence)
    A does not state its date, outlet.
    No named person or organisation speaks in it; 3 attributions go to unnamed groups.
    2 of its 2 sentences with checkable details have no source in the sentence.
    It uses 40.0 loaded or evaluative words per 1,000 (most often: notorious) and 12.5 opinion markers per 1,000.
    It shares 17 words of copied prose with other articles; its closest match is B (containment 0.03).
    """
    label = row["label"]
    sentences = []
    if row["unknown"]:
        sentences.append(f"{label} does not state its {', '.join(row['unknown'])}.")
    else:
        sentences.append(f"{label} states its headline, date, outlet, byline and place.")
    if row["named_sources"]:
        names = ", ".join(row["sources"][:4])
        verb = "goes" if row["named_sources"] == 1 else "go"
        sentences.append(
            f"{_plural(row['named_sources'], 'attribution')} {verb} to named people, organisations or news "
            f"outlets{f' ({names})' if names else ''}; {row['vague_sources']} to unnamed groups; "
            f"{row['direct_quotes']} direct quotation{'s' if row['direct_quotes'] != 1 else ''}."
        )
    else:
        sentences.append(
            f"No named person or organisation speaks in it; {row['vague_sources']} attribution"
            f"{'s go' if row['vague_sources'] != 1 else ' goes'} to unnamed groups."
        )
    if row["claims"]:
        verb = "has" if row["unsourced_claims"] == 1 else "have"
        sentences.append(
            f"{row['unsourced_claims']} of its {_plural(row['claims'], 'sentence')} with checkable details {verb} no source in the sentence."
        )
    else:
        sentences.append("It has no sentence with a checkable detail (number, date, named law or institution).")
    if row["loaded_per_1000"]:
        top = ", ".join(row["top_loaded"][:3])
        sentences.append(
            f"It uses {row['loaded_per_1000']} loaded or evaluative words per 1,000 (most often: {top}) and "
            f"{row['opinion_per_1000']} opinion markers per 1,000."
        )
    else:
        sentences.append(f"No word of the loaded-language list appears in it; {row['opinion_per_1000']} opinion markers per 1,000.")
    if row["closest"]:
        if row["copied_words"]:
            sentences.append(
                f"It shares {row['copied_words']} words of copied prose with other articles; its closest match is "
                f"{row['closest']} (containment {row['containment']:.2f})."
            )
        else:
            sentences.append(f"No copied passage links it to another article; its closest match is {row['closest']} (containment {row['containment']:.2f}).")
    return sentences


# ---------------------------------------------------------------------------
# The HTML report
# ---------------------------------------------------------------------------

_STYLE = """
body{font-family:Georgia,'Times New Roman',serif;max-width:56em;margin:1.5em auto;padding:0 1em;color:#222;line-height:1.45}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eef3f8}
caption{text-align:left;font-weight:bold;padding:.2em 0}
dl{display:grid;grid-template-columns:11em 1fr;gap:.15em .8em;margin:.3em 0}
dt{font-weight:bold}dd{margin:0}
.unknown{color:#B34700;font-style:italic}
.muted{color:#666}
.note{background:#f6f6f6;border-left:4px solid #999;padding:.4em .7em}
.passage{display:grid;grid-template-columns:1fr 1fr;gap:1em;font-size:.9em}
.passage blockquote{margin:0;padding:.4em .6em;background:#fdf6e3;border-left:3px solid #E69F00}
mark.detail{background:#56B4E966}
.bar{display:inline-block;height:.8em;background:#0072B2;vertical-align:middle}
nav ul{columns:2}
@media print{nav{display:none}section.article{page-break-before:always}body{max-width:none;margin:0}a{color:inherit;text-decoration:none}}
"""


def _value(value) -> str:
    if value in (None, "", [], ()):
        return '<span class="unknown">not stated</span>'
    return escape(value)


def _table(rows: list[list[str]], header: list[str], caption: str = "") -> str:
    """A table whose cells are HTML already escaped by the caller."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _shade(value: float) -> str:
    """Background for a containment cell: white (0) to blue (1), with readable text.

    The text is black or white, whichever contrasts more with the blue
    behind it; one of the two always reaches 4.5:1 (WCAG AA).

    Examples
    --------
    >>> _shade(0.0), _shade(0.3), _shade(1.0)
    ('', 'background:#0072B268;color:#000', 'background:#0072B2ff;color:#fff')
    """
    strength = max(0.0, min(1.0, value))
    alpha = int(round(40 + 215 * strength)) if strength > 0 else 0
    if not alpha:
        return ""
    # The blue laid over the white page with this opacity, and its relative luminance (WCAG 2).
    mixed = [255 + (channel - 255) * alpha / 255 for channel in (0x00, 0x72, 0xB2)]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in mixed]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    colour = "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"
    return f"background:#0072B2{alpha:02x};color:{colour}"


def _overview(evidence: Evidence) -> str:
    rows = []
    for number, item in enumerate(evidence.articles):
        p = item.provenance
        rows.append(
            [
                f'<a href="#article-{number}">{escape(item.label)}</a>',
                escape(item.article.file),
                escape(item.reading["words"]),
                _value(p.headline),
                _value(p.date),
                _value(p.outlet),
                _value(p.byline),
                escape(f"{len(p.unknown)} of 5"),
                escape(len(item.article.warnings)),
            ]
        )
    return _table(rows, ["label", "file", "words", "headline", "date", "outlet", "byline", "unknown", "warnings"], "Provenance: what each article states about itself")


def _reuse_section(evidence: Evidence, strongest: int) -> str:
    from helpers.reuse import strongest_passages

    parts = ['<section id="reuse"><h2>Copied text between articles</h2>']
    if len(evidence.articles) < 2:
        parts.append('<p class="note">Only one article: there is nothing to compare it with.</p></section>')
        return "".join(parts)
    labels = [item.label for item in evidence.articles]
    scores = {(p.a_label, p.b_label): p for p in evidence.pairs}
    scores.update({(p.b_label, p.a_label): p for p in evidence.pairs})
    if len(labels) <= MAX_MATRIX_ARTICLES:
        rows = []
        for a in labels:
            cells = [f'<th scope="row">{escape(a)}</th>']
            for b in labels:
                if a == b:
                    cells.append('<td class="muted">–</td>')
                    continue
                pair = scores.get((a, b))
                value = pair.containment if pair else 0.0
                words = pair.copied_words if pair else 0
                title = escape(f"{a} and {b}: containment {value:.3f}, {words} words of copied prose")
                cells.append(f'<td style="{_shade(value)}" title="{title}">{value:.2f}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        head = f'<th scope="col">{screen_reader_only("article")}</th>' + "".join(f'<th scope="col">{escape(b)}</th>' for b in labels)
        parts.append(
            "<table><caption>Containment: the share of the shorter article's 5-word sequences found in the other "
            f"(0 none, 1 all)</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    top_pairs = [p for p in evidence.pairs if p.passages or p.paraphrases][:10]
    if top_pairs:
        parts.append(
            _table(
                [
                    [escape(p.a_label), escape(p.b_label), f"{p.jaccard:.3f}", f"{p.containment:.3f}", escape(len(p.passages)),
                     escape(p.copied_words), escape(len(p.paraphrases))]
                    for p in top_pairs
                ],
                ["article", "article", "Jaccard", "containment", "passages", "copied words", "paraphrases"],
                "Pairs that share passages or paraphrased sentences",
            )
        )
    found = strongest_passages(evidence.pairs, top=strongest, kinds=None)
    if not found:
        parts.append('<p class="note">No passage of 8 or more matching words is shared by any two articles.</p>')
    else:
        parts.append("<h3>Strongest shared passages</h3>")
        texts = {item.article.file: item.article.text for item in evidence.articles}
        for pair, passage in found:
            a_text = texts[pair.a][passage.a_start : passage.a_end]
            b_text = texts[pair.b][passage.b_start : passage.b_end]
            parts.append(
                f"<p>{escape(pair.a_label)} and {escape(pair.b_label)}: {escape(passage.words)} matching words "
                f"({escape(passage.kind)})</p><div class=\"passage\"><blockquote>{escape(a_text)}</blockquote>"
                f"<blockquote>{escape(b_text)}</blockquote></div>"
            )
    parts.append("</section>")
    return "".join(parts)


def _provenance_block(item: ArticleEvidence) -> str:
    p = item.provenance
    where = lambda name: f' <span class="muted">(from {escape(p.sources[name])})</span>' if p.sources.get(name) else ""
    place = p.place + (f" ({p.agency})" if p.agency else "") if p.place else None
    entries = [
        ("Headline", _value(p.headline) + where("headline")),
        ("Date", _value(p.date) + where("date")),
        ("Outlet", _value(p.outlet) + where("outlet")),
        ("Byline", _value(p.byline) + where("byline")),
        ("Place line", _value(place)),
        ("Page furniture", escape("; ".join(f"line {n}: {t}" for n, t in p.boilerplate)) or "none recognised"),
        ("Layout", escape(", ".join(f"{n} {k}" for k, n in sorted(p.traces.items()))) or "paragraphs only"),
    ]
    if p.cut_lines:
        entries.append(("Possibly cut", escape("lines " + ", ".join(map(str, p.cut_lines)) + " end without punctuation")))
    if p.conflicts:
        entries.append(("Conflicts", escape("; ".join(p.conflicts))))
    if p.notes:
        entries.append(("Notes (metadata)", escape(p.notes)))
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in entries)
    return f"<h3>Provenance</h3><dl>{body}</dl>"


def _words_block(item: ArticleEvidence) -> str:
    words = item.words
    top = ", ".join(f"{w['word']} ({w['count']})" for w in words.get("top", [])) or "none"
    parts = [
        "<h3>Words</h3>",
        f"<p>{escape(words.get('tokens', 0))} running words, {escape(words.get('types', 0))} different words. "
        f"Most frequent (stopwords left out): {escape(top)}.</p>",
    ]
    if item.distinctive:
        listing = ", ".join(f"{k.word} ({_plural(k.count, 'use')}, {2 ** k.log_ratio:.1f}× the others' rate)" for k in item.distinctive)
        parts.append(f"<p>Distinctive against the other articles (log-likelihood, p &lt; 0.05): {escape(listing)}.</p>")
    elif item.distinctive_note:
        parts.append(f"<p class=\"muted\">Distinctive words: {escape(item.distinctive_note)}.</p>")
    return "".join(parts)


def _sourcing_block(item: ArticleEvidence) -> str:
    numbers = _sourcing_numbers(item.sourcing)
    parts = ["<h3>Sourcing</h3>"]
    if not numbers["attributions"]:
        parts.append('<p class="note">No attribution found: nobody is quoted or cited.</p>')
        return "".join(parts)
    names = ", ".join(numbers["named_sources"]) or "none"
    vague = ", ".join(numbers["vague_sources"]) or "none"
    share = "" if numbers["named_share"] is None else f" Named share of sources: {numbers['named_share']:.0%}."
    parts.append(
        f"<p>{escape(_plural(numbers['attributions'], 'attribution'))}: {escape(numbers['named'])} to named people, organisations or news outlets, "
        f"{escape(numbers['vague'])} to unnamed groups, {escape(numbers['agentless'])} with nobody named (\u201cis seen as\u201d); "
        f"{escape(_plural(numbers['direct'], 'direct quotation'))}.{escape(share)}</p>"
        f"<p>Named sources: {escape(names)}. Unnamed groups: {escape(vague)}.</p>"
    )
    return "".join(parts)


def _claims_block(item: ArticleEvidence, limit: int) -> str:
    reading = item.reading
    parts = ["<h3>Checkable claims</h3>"]
    if not item.claims:
        parts.append('<p class="note">No sentence with a checkable detail (number, date, named law or institution) was found.</p>')
        return "".join(parts)
    by_level = reading["claims_by_attribution"]
    counts = ", ".join(f"{by_level[level]} {level}" for level in ATTRIBUTION_LEVELS)
    parts.append(f"<p>{escape(_plural(len(item.claims), 'sentence'))} with checkable details; source: {escape(counts)}.</p>")
    text = item.article.text
    rows = []
    for claim in item.claims[:limit]:
        marks = [Mark(d.start, d.end, "detail", d.kind) for d in claim.details]
        source = claim.attribution + (f" ({', '.join(claim.speakers)})" if claim.speakers else "")
        rows.append([highlight(text, marks, start=claim.start, end=claim.end), escape(", ".join(claim.kinds)), escape(source)])
    parts.append(_table(rows, ["sentence (details marked)", "kinds", "source"]))
    if len(item.claims) > limit:
        parts.append(f"<p class=\"muted\">… and {escape(len(item.claims) - limit)} more.</p>")
    return "".join(parts)


def _language_block(item: ArticleEvidence) -> str:
    reading = item.reading
    parts = ["<h3>Loaded language and the writer's voice</h3>"]
    if reading["loaded"]:
        categories = ", ".join(f"{c} {r}" for c, r in reading["loaded_by_category"].items())
        top = ", ".join(f"{w} ({n})" for w, n in reading["top_loaded"])
        parts.append(
            f"<p>{escape(_plural(reading['loaded'], 'loaded or evaluative word'))} ({escape(reading['loaded_per_1000'])} per 1,000; "
            f"{escape(reading['loaded_quoted'])} inside quotations). Per 1,000 by category: {escape(categories)}. "
            f"Most frequent: {escape(top)}.</p>"
        )
    else:
        parts.append('<p class="note">No word of the loaded-language list was found.</p>')
    parts.append(
        f"<p>Outside quotations: {escape(_plural(reading['hedges'], 'hedge'))} ({escape(reading['hedges_per_1000'])} per 1,000), "
        f"{escape(_plural(reading['boosters'], 'booster'))} ({escape(reading['boosters_per_1000'])}), "
        f"{escape(_plural(reading['opinion'], 'opinion marker'))} ({escape(reading['opinion_per_1000'])}), of which "
        f"{escape(reading['first_person'])} first person and {escape(_plural(reading['questions'], 'question'))}.</p>"
    )
    return "".join(parts)


def _copied_block(item: ArticleEvidence, evidence: Evidence) -> str:
    pairs = [p for p in evidence.pairs_of(item.label) if p.passages or p.paraphrases or p.containment > 0]
    parts = ["<h3>Shared with other articles</h3>"]
    if len(evidence.articles) < 2:
        parts.append('<p class="muted">Only one article in the corpus.</p>')
        return "".join(parts)
    if not pairs:
        parts.append('<p class="note">No shared 5-word sequence with any other article.</p>')
        return "".join(parts)
    rows = [
        [escape(_other(p, item.label)), f"{p.containment:.3f}", escape(len(p.passages)), escape(p.copied_words), escape(len(p.paraphrases))]
        for p in pairs[:6]
    ]
    parts.append(_table(rows, ["other article", "containment", "passages", "copied words", "paraphrases"]))
    return "".join(parts)


def _article_section(number: int, item: ArticleEvidence, evidence: Evidence, claims: int) -> str:
    article = item.article
    heading = f"{item.label}: {item.provenance.headline or article.file}"
    warnings = ""
    if article.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in article.warnings)
        warnings = f'<details><summary>{escape(len(article.warnings))} loader warning(s)</summary><ul>{items}</ul></details>'
    row = evidence_table(Evidence(evidence.folder, [item], evidence.pairs_of(item.label), []))[0]
    summary = "".join(f"<li>{escape(s)}</li>" for s in describe_evidence(row))
    return (
        f'<section class="article" id="article-{number}"><h2>{escape(heading)}</h2>'
        f'<p class="muted">{escape(article.file)}, {escape(item.reading["words"])} words</p>'
        f"<ul>{summary}</ul>{warnings}"
        + _provenance_block(item)
        + _words_block(item)
        + _sourcing_block(item)
        + _claims_block(item, claims)
        + _language_block(item)
        + _copied_block(item, evidence)
        + "</section>"
    )


def build_report(evidence: Evidence, *, title: str | None = None, strongest: int = 5, claims: int = 8, generated: str | None = None) -> str:
    """Write the report as one self-contained HTML page.

    No scripts, no style sheets or images from elsewhere: the file can be
    opened offline, mailed or printed (one article per page). Every piece
    of article text, file name and metadata is escaped, so markup in an
    article shows as text.

    Parameters
    ----------
    evidence : Evidence
        From :func:`gather_evidence`.
    title : str, optional
    strongest : int
        How many shared passages to show.
    claims : int
        How many claims to list per article.
    generated : str, optional
        The date to print (default: today).

    Returns
    -------
    str

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> page = build_report(gather_evidence([article_from_text("<b>Over 250</b> men left.", "a.txt", "A")]))
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;" in page, "<b>" in page
    (True, True, False)
    """
    title = title or f"What this corpus holds: {evidence.folder}"
    generated = generated or _dt.date.today().isoformat()
    count = len(evidence.articles)
    words = sum(item.reading["words"] for item in evidence.articles)
    contents = "".join(
        f'<li><a href="#article-{n}">{escape(item.label)}: {escape((item.provenance.headline or item.article.file)[:70])}</a></li>'
        for n, item in enumerate(evidence.articles)
    )
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in evidence.notes)
    intro = (
        f"<p>{escape(count)} article{'s' if count != 1 else ''}, {escape(words)} words, generated {escape(generated)}. "
        "Every figure comes from rules and word lists in the helpers package that you can read and edit. "
        "They show where to look; they do not say which article to trust.</p>"
    )
    body = (
        f"<header><h1>{escape(title)}</h1>{intro}{notes}</header>"
        f'<nav><h2>Contents</h2><ul><li><a href="#overview">The corpus at a glance</a></li>'
        f'<li><a href="#reuse">Copied text between articles</a></li>{contents}</ul></nav>'
        f'<main><section id="overview"><h2>The corpus at a glance</h2>{_overview(evidence)}</section>'
        + _reuse_section(evidence, strongest)
        + "".join(_article_section(n, item, evidence, claims) for n, item in enumerate(evidence.articles))
        + "</main>"
        + '<footer><p class="muted">Made with <code>python -m helpers report</code>. Counts are per article; rates are '
        "per 1,000 words. Attributions, claims and loaded words are found by rules that make mistakes: check them "
        "against the text.</p></footer>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n"
    )


def render_report(corpus, **options) -> str:
    """Gather the evidence of a corpus and return the HTML report in one step.

    Time: that of :func:`gather_evidence`.

    Parameters
    ----------
    corpus : Corpus or list of Article
    **options
        ``title``, ``strongest`` and ``claims`` for :func:`build_report`; ``top``
        and ``distinctive`` for :func:`gather_evidence`.

    Returns
    -------
    str
    """
    gather = {k: options.pop(k) for k in ("top", "distinctive", "attributions") if k in options}
    return build_report(gather_evidence(corpus, **gather), **options)
