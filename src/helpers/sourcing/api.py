"""The public functions: find attributions and near misses, explain them, summarise an article."""

from __future__ import annotations

import re
from collections import Counter

from helpers.corpus import Article, as_article
from helpers.sourcing.document import _POSSESSIVE_PRONOUNS, _SUBJECT_PRONOUNS, _Document
from helpers.sourcing.lexicon import Lexicon, _phrase_key, load_cue_lexicon
from helpers.sourcing.model import CUE_CATEGORIES, KINDS, SPEAKER_TYPES, THOUGHT, Attribution, NearMiss, UnsourcedSentence
from helpers.sourcing.registry import _Found, run_rules
from helpers.sourcing.resolution import _resolve
from helpers.sourcing.rules import RULES
from helpers.sourcing.speakers import _classify
from helpers.text import split_sentences


def _freeze(doc: _Document, item: _Found) -> Attribution:
    text = doc.text
    start, end = item.sentence.start, max(item.sentence.end, item.last_sentence.end)
    speaker = item.speaker
    quote = quote_start = quote_end = None
    if item.quotes:
        quotes = sorted(item.quotes, key=lambda q: q.start)
        quote = " … ".join(q.text for q in quotes)
        quote_start, quote_end = quotes[0].content_start, quotes[-1].content_end
        start = min(start, doc.sentence_at(quotes[0].start).start if doc.sentence_at(quotes[0].start) else start)
        last = doc.sentence_at(max(quotes[-1].end - 1, quotes[-1].start))
        if last is not None:
            end = max(end, last.end)
    cue = text[item.cue[0] : item.cue[1]] if item.cue else None
    kind = item.kind
    if cue and kind in ("direct", "indirect"):
        entry = doc.lex.cues.get(_phrase_key(cue))
        kind = THOUGHT if entry is not None and entry.thought else kind
    return Attribution(
        file=doc.article.file,
        sentence_start=start,
        sentence_end=end,
        sentence=text[start:end],
        speaker=speaker.text if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_resolved=(speaker.resolved if speaker else None),
        speaker_type=speaker.type if speaker else "none",
        cue=cue,
        cue_category=item.category,
        kind=kind,
        quote=quote,
        rule=item.rule,
        cue_start=item.cue[0] if item.cue else None,
        cue_end=item.cue[1] if item.cue else None,
        quote_start=quote_start,
        quote_end=quote_end,
        speaker_reason=speaker.reason if speaker else None,
        uncertain=speaker.uncertain if speaker else None,
    )


#: The word list of verbs of thinking, wanting and feeling read with ``thoughts=True``.
THOUGHT_CUES = "thought_cues_en.txt"


def _analyse(article, lexicon: Lexicon | None = None, thoughts: bool = False) -> tuple[list[Attribution], list[NearMiss]]:
    article = as_article(article)
    doc = _Document(article, lexicon or load_cue_lexicon(thoughts=THOUGHT_CUES if thoughts else None))
    found = run_rules(doc)
    _resolve(doc, found)
    attributions = sorted((_freeze(doc, f) for f in found), key=lambda a: (a.sentence_start, a.anchor))
    unique, seen = [], set()
    for attribution in attributions:
        key = (attribution.anchor, attribution.kind)
        if key not in seen:
            seen.add(key)
            unique.append(attribution)
    return unique, doc.near_misses


def find_attributions(article, *, lexicon: Lexicon | None = None, thoughts: bool = False) -> list[Attribution]:
    """Find who is quoted or cited in an article, and how.

    Parameters
    ----------
    article : Article or str
        An article from :func:`helpers.corpus.load_corpus`, or plain text.
    lexicon : Lexicon, optional
        Word lists to use instead of the project's (see :func:`load_cue_lexicon`).
    thoughts : bool
        Also find what people are said to think, want, intend or feel, with
        the verbs of ``thought_cues_en.txt`` ("the senator wants to cut
        taxes"): these get the kind ``"thought"`` (:data:`THOUGHT`). Nobody's
        words are reported there, so :func:`summarize_sourcing` never counts
        them as sources. Ignored when ``lexicon`` is given (load one with
        ``load_cue_lexicon(thoughts="thought_cues_en.txt")``).

    Returns
    -------
    list of Attribution
        In text order. Headings are not read. An article with no
        attributions gives an empty list.

    Examples
    --------
    >>> found = find_attributions("Critics argue that the plan is too costly.")
    >>> [(a.speaker, a.speaker_type, a.cue, a.cue_category, a.kind) for a in found]
    [('Critics', 'group', 'argue', 'argumentative', 'indirect')]
    >>> text = "Mayor Ruth Okafor visited the site. “We did our best,” she said."
    >>> a = find_attributions(text)[0]
    >>> a.speaker, a.speaker_resolved, a.kind, a.quote, a.rule
    ('she', 'Ruth Okafor', 'direct', 'We did our best,', 'quote-then-speaker')
    >>> [(a.cue, a.kind) for a in find_attributions("The plan is seen as a success.")]
    [('is seen as', 'implicit')]
    >>> find_attributions("This move signals a new partnership.")
    []
    >>> [(a.speaker, a.cue, a.cue_category, a.kind) for a in find_attributions(
    ...     "The senator wants to cut taxes.", thoughts=True)]
    [('The senator', 'wants', 'intention', 'thought')]
    """
    return _analyse(article, lexicon, thoughts)[0]


def find_near_misses(article, *, lexicon: Lexicon | None = None) -> list[NearMiss]:
    """What looked like an attribution but was refused, and which guard refused it.

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    list of NearMiss
        ``guard`` is a key of :data:`GUARDS`; ``reason`` says why in words.

    Examples
    --------
    >>> [(m.text, m.guard) for m in find_near_misses("This move signals a new partnership.")]
    [('This move signals', 'author-claim')]
    >>> [m.guard for m in find_near_misses("They toured a prison called CECOT.")]
    ['naming']
    """
    return _analyse(article, lexicon)[1]


def explain(attribution: Attribution, article=None) -> str:
    """Say in words why an attribution was found: the rule, the cue's list and category, the speaker type.

    Parameters
    ----------
    attribution : Attribution
    article : Article or str, optional
        Give the article to hear why the speaker has its type.

    Returns
    -------
    str

    Examples
    --------
    >>> a = find_attributions("Critics argue that the plan is too costly.")[0]
    >>> print(explain(a))
    Rule speaker-cue-content: a speaker, then a cue, then what they said (X argued that ...); if what follows holds a quotation, the kind is direct. Cue “argue”: argumentative (presents a disputed position). Speaker “Critics”: group (“Critics” is a vague source in vague_sources_en.txt).
    """
    rules = attribution.rule.split("+")
    parts = [f"Rule {rules[0]}: {RULES.get(rules[0], 'a rule of this module')}."]
    if "continued" in rules[1:]:
        parts.append("The quotation goes on after the first sentence with the same speaker.")
    if attribution.cue:
        meaning = _CATEGORY_MEANING.get(attribution.cue_category or "", "")
        parts.append(f"Cue “{attribution.cue}”: {attribution.cue_category}" + (f" ({meaning})." if meaning else "."))
    if attribution.speaker:
        sentence = f"Speaker “{attribution.speaker}”: {attribution.speaker_type}"
        if attribution.speaker_resolved and attribution.speaker_resolved.lower() != attribution.speaker.lower():
            sentence += f", taken to be {attribution.speaker_resolved}"
        reason = attribution.speaker_reason or (_speaker_reason(attribution, article) if article is not None else "")
        parts.append(sentence + (f" ({reason})." if reason else "."))
        if attribution.uncertain:
            parts.append(f"Uncertain: {attribution.uncertain}; check who is meant.")
        if attribution.kind == "no-response":
            parts.append("The source was asked and did not answer: a silence the reader should notice.")
    elif attribution.kind == "implicit":
        parts.append("No speaker: who holds this view is not said.")
    elif attribution.kind == "scare":
        parts.append("No speaker: the marks set a term apart rather than report speech.")
    elif attribution.quote:
        parts.append("No speaker was found for this quotation: read around it to see who says it.")
    return " ".join(parts)


_CATEGORY_MEANING = {
    "neutral": "reports without judging",
    "no-response": "the source did not answer",
    "argumentative": "presents a disputed position",
    "emphatic": "stresses a point",
    "evaluative": "judges something",
    "belief": "reports a view or belief",
    "concern": "reports a worry",
    "stance": "takes a side",
    "evidence": "data or documents showing something",
    "tentative": "a careful or hinted claim",
    "concession": "grants a point",
    "intention": "reports a wish or an aim",
}


_DOCUMENTS: dict = {}


def _document_for(article: Article) -> _Document:
    """One reading of an article, kept for the explanations of its attributions (the last 16 articles)."""
    key = (article.file, article.text)
    if key not in _DOCUMENTS:
        if len(_DOCUMENTS) >= 16:
            _DOCUMENTS.pop(next(iter(_DOCUMENTS)))
        _DOCUMENTS[key] = _Document(article, load_cue_lexicon())
    return _DOCUMENTS[key]


def _speaker_reason(attribution: Attribution, article) -> str:
    article = as_article(article)
    doc = _document_for(article)
    if attribution.speaker_start is None:
        return ""
    a, b = doc.token_range(attribution.speaker_start, attribution.speaker_end)
    if a >= b:
        return ""
    if b - a == 1 and doc.norms[a] in _SUBJECT_PRONOUNS | set(_POSSESSIVE_PRONOUNS):
        if attribution.speaker_resolved:
            return f"“{attribution.speaker}” refers to {attribution.speaker_resolved}, the most recent named {attribution.speaker_type} before it"
        return "a pronoun with nothing earlier to refer to"
    return _classify(doc, a, b).reason


def is_attributed(start: int, end: int, attributions: list[Attribution], *, explicit_only: bool = True) -> bool:
    """Does the span ``[start, end)`` (for example a sentence) fall inside an attribution's sentences?

    Parameters
    ----------
    start, end : int
        Offsets into the article's text.
    attributions : list of Attribution
    explicit_only : bool
        Count only attributions with a source (not agentless or scare quotes).

    Returns
    -------
    bool

    Examples
    --------
    >>> text = "Prices rose. Critics say prices rose too fast."
    >>> found = find_attributions(text)
    >>> is_attributed(0, 12, found), is_attributed(13, len(text), found)
    (False, True)
    """
    return any(
        a.sentence_start < end and start < a.sentence_end and (a.is_explicit or not explicit_only) for a in attributions
    )


# ---------------------------------------------------------------------------
# Sentences with no source, and the summary of one article
# ---------------------------------------------------------------------------

_FIGURE = re.compile(r"\d|\b(hundreds|thousands|millions|billions|dozens|percent|per cent)\b", re.IGNORECASE)


def find_unsourced_sentences(article, attributions: list[Attribution] | None = None) -> list[UnsourcedSentence]:
    """Sentences of the article's prose that give no source, with what makes each one a claim to check.

    ``reasons`` may hold ``"figure"`` (a number or quantity), ``"interpretation"``
    (an abstract subject with an emphatic or interpretive verb: the author's
    own reading, see :data:`GUARDS`) and ``"agentless"`` (a view held by
    someone unnamed: "is seen as"). An empty tuple means a plain statement.

    Parameters
    ----------
    article : Article or str
    attributions : list of Attribution, optional
        If already found.

    Returns
    -------
    list of UnsourcedSentence

    Examples
    --------
    >>> text = "The deal highlights a shift. Critics say it costs too much. It covers 250 people."
    >>> [(s.sentence, s.reasons) for s in find_unsourced_sentences(text)]
    [('The deal highlights a shift.', ('interpretation',)), ('It covers 250 people.', ('figure',))]
    """
    article = as_article(article)
    if attributions is None:
        attributions, misses = _analyse(article)
    else:
        misses = _analyse(article)[1]
    interpretive = [(m.start, m.end) for m in misses if m.guard in ("author-claim", "document-emphasis")]
    result = []
    for sentence in split_sentences(article):
        if not sentence.is_prose:
            continue
        if is_attributed(sentence.start, sentence.end, attributions):
            continue
        reasons = []
        if _FIGURE.search(sentence.text):
            reasons.append("figure")
        if any(sentence.start <= s < sentence.end for s, _ in interpretive):
            reasons.append("interpretation")
        if any(a.kind == "implicit" and sentence.start <= a.anchor[0] < sentence.end for a in attributions):
            reasons.append("agentless")
        result.append(UnsourcedSentence(article.file, sentence.start, sentence.end, sentence.text, tuple(reasons)))
    return result


def summarize_sourcing(article, attributions: list[Attribution] | None = None) -> dict:
    """Sum up how one article is sourced.

    Parameters
    ----------
    article : Article or str
    attributions : list of Attribution, optional
        If already found (for example after you corrected them by hand).

    Returns
    -------
    dict
        ``file``, ``label``, ``attributions`` (how many), ``by_speaker_type``
        and ``by_kind`` (counts for every type and kind, zeros included; each
        sums to ``attributions``, scare quotes counted as type ``none``),
        ``by_cue_category`` (counts of the categories used), ``sources``
        (attributions with a speaker: ``attributions`` less type ``none``),
        ``named_share`` (share of the sources that are named people,
        organisations or outlets; None without
        sources), ``named_sources`` and ``vague_sources`` (``{name: count}``,
        most cited first), ``direct_quotes``, ``prose_sentences``,
        ``unsourced_sentences`` (prose sentences with no source) and
        ``unsourced_claims`` (those with a figure, an interpretation or an
        agentless view: dicts with ``sentence_start``, ``sentence_end``,
        ``sentence`` and ``reasons``).

    Examples
    --------
    >>> text = "Critics argue the plan fails. Mayor Ann Lee said it works. This signals a shift."
    >>> summary = summarize_sourcing(text)
    >>> summary["by_speaker_type"]
    {'person': 1, 'organization': 0, 'media': 0, 'document': 0, 'group': 1, 'none': 0}
    >>> summary["named_share"], summary["named_sources"], summary["unsourced_sentences"]
    (0.5, {'Ann Lee': 1}, 1)
    """
    article = as_article(article)
    if attributions is None:
        attributions = find_attributions(article)
    attributions = [a for a in attributions if a.kind != THOUGHT]  # a thought is nobody's words: not a source
    by_type = Counter(a.speaker_type for a in attributions)
    by_kind = Counter(a.kind for a in attributions)
    categories = Counter(a.cue_category for a in attributions if a.cue_category)
    explicit = [a for a in attributions if a.is_explicit]
    named = Counter(a.speaker_resolved or a.speaker for a in explicit if a.is_named)
    vague = Counter((a.speaker_resolved or a.speaker or "").lower() for a in explicit if a.speaker_type == "group")
    unsourced = find_unsourced_sentences(article, attributions)
    prose = [s for s in split_sentences(article) if s.is_prose]
    return {
        "file": article.file,
        "label": article.label,
        "attributions": len(attributions),
        "by_speaker_type": {t: by_type.get(t, 0) for t in SPEAKER_TYPES},
        "by_kind": {k: by_kind.get(k, 0) for k in KINDS},
        "by_cue_category": {c: categories[c] for c in CUE_CATEGORIES if categories[c]},
        "sources": len(explicit),
        "named_share": round(sum(named.values()) / len(explicit), 3) if explicit else None,
        "named_sources": dict(named.most_common()),
        "vague_sources": dict(vague.most_common()),
        "direct_quotes": sum(1 for a in explicit if a.kind == "direct"),
        "prose_sentences": len(prose),
        "unsourced_sentences": len(unsourced),
        "unsourced_claims": [
            {"sentence_start": s.sentence_start, "sentence_end": s.sentence_end, "sentence": s.sentence, "reasons": list(s.reasons)}
            for s in unsourced
            if s.reasons
        ],
    }


def attributions_to_records(attributions: list[Attribution]) -> list[dict]:
    """Attributions as plain dicts, ready for JSON or a table.

    Examples
    --------
    >>> records = attributions_to_records(find_attributions("Officials say the road is safe."))
    >>> records[0]["speaker"], records[0]["speaker_type"], records[0]["rule"]
    ('Officials', 'group', 'speaker-cue-content')
    """
    return [a.to_dict() for a in attributions]
