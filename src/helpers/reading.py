"""Reading closely: provenance, checkable claims, loaded language, hedges and opinion.

These are the questions a careful reader asks of any article, turned into
small rules that a student can read, run and argue with:

* **provenance**: what does the article say about itself (headline, date,
  outlet, byline, the place line such as "PORT ALDER —") and what does it
  leave unknown? What page furniture came along with it?
* **checkable claims**: which sentences hold a detail that a record could
  confirm or refute (a number, a quantity, a date, a named law or
  institution), and does the article say who makes each claim?
* **loaded language**: which words name, grade or frame rather than
  describe ("illegal aliens", "notorious", "crackdown")? Set phrases
  ("weapons of mass destruction") and names are left out, and so is a
  figure of speech that is literally the corpus's topic ("flood" in a story
  about a flood; see :func:`find_topic_words`).
* **hedges and boosters**: where does the writer soften ("allegedly",
  "is seen as", "may") or harden ("clearly", "undoubtedly") a claim?
* **opinion markers**: where does the writer speak in their own voice
  (first person, questions to the reader, "ultimately", "should")?
* **tone** (optional): a sentiment score from VADER, with its caveats.

Every rule is a word list in ``helpers/data`` (``claim_cues_en.txt``,
``loaded_language_en.txt``, ``stance_markers_en.txt``,
``opinion_markers_en.txt``, ``lateral_reading_en.txt``) or a short
function here. None of them decides whether an article is good: they point
at places in the text that a reader should look at. All offsets are indices
into ``Article.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from helpers.corpus import UNKNOWN_VALUES, Article, as_article
from helpers.data_files import read_list
from helpers.layout import find_date
from helpers.quotations import is_quoted, quoted_spans
from helpers.text import Sentence, Token, load_stopwords, normalize_quotes, split_sentences, stem, tokenize

__all__ = [
    "ATTRIBUTION_LEVELS",
    "CLAIM_KINDS",
    "FIGURATIVE",
    "FIXED_PHRASE",
    "TOPIC_NOTE",
    "TAGS",
    "TONE_CAVEATS",
    "Claim",
    "Detail",
    "LexiconHit",
    "LexiconEntry",
    "Provenance",
    "SentenceReading",
    "claims_from_readings",
    "find_claims",
    "find_details",
    "find_loaded_language",
    "find_opinion_markers",
    "find_provenance",
    "find_stance_markers",
    "find_topic_words",
    "load_lexicon",
    "match_lexicon",
    "provenance_table",
    "rate_by_category",
    "read_sentences",
    "score_tone",
    "summarize_reading",
    "where_to_check",
]

#: The kinds of checkable detail, in the order they are shown.
CLAIM_KINDS = ("number", "quantity", "date", "law", "institution")

#: How a claim is sourced, from best to worst.
#: ``named``: a named person or organisation says it; ``vague``: an unnamed
#: group ("critics", "officials"); ``agentless``: a construction with no one
#: behind it ("is seen as"); ``none``: nothing in the sentence says who.
ATTRIBUTION_LEVELS = ("named", "vague", "agentless", "none")

#: The tags a reader can give a sentence (the annotation widget uses them).
TAGS = ("claim", "opinion", "sourced", "unsourced", "loaded")

#: What to keep in mind before reading anything into a tone score.
TONE_CAVEATS = (
    "VADER was built for short social-media posts, not news; its word scores come from "
    "people rating words out of context.",
    "It scores the words, not the stance: a sentence condemning violence scores as negative "
    "because 'violence' is a negative word.",
    "It cannot tell the writer's voice from a quotation, or irony from sincerity.",
    "News about crime, conflict, illness or loss scores negative almost whatever its slant, so "
    "compare articles on the same story with each other, never with a fixed threshold.",
)

#: The category of word-list entries that are matched and then dropped: set
#: phrases and names ("weapons of mass destruction") in which a listed word
#: is not loaded.
FIXED_PHRASE = "fixed phrase"

#: The fourth field of a loaded-language entry that is loaded only as a
#: figure of speech; it is not counted when it is a topic word of the corpus.
FIGURATIVE = "figurative"

#: Added to the note of a loaded word that is also a topic word of the corpus.
TOPIC_NOTE = "also a topic word of this corpus"

_PROSE = ("paragraph", "bullet")
_READ = ("paragraph", "bullet", "heading")
_CURRENCY = "$€£¥"


# ---------------------------------------------------------------------------
# Small shared pieces
# ---------------------------------------------------------------------------


def _text_of(source) -> str:
    return source if isinstance(source, str) else source.text


def _norm(token: Token) -> str:
    return normalize_quotes(token.text).lower()


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _rate(count: int, words: int) -> float:
    """A count per 1,000 words rounded to two decimals, as the summaries show it (0.0 without words)."""
    from helpers.frequency import per_thousand  # the one rate; imported here to keep reading light to import

    return round(per_thousand(count, words), 2)


# ---------------------------------------------------------------------------
# Provenance
# ---------------------------------------------------------------------------

_PLACE_LINE = re.compile(
    r"^[\s\ufeff]*"
    r"(?P<place>[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3})"  # PORT ALDER / SAN SALVADOR
    r"(?:,\s*(?P<region>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2}))?"  # , El Salvador
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"  # (AP)
    r"\s*(?:—|–|--|-)\s+"
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<owner>[^.|]+?)\s*(?:\.|all rights reserved|$)", re.I)
_TERMINAL = ".!?…\"”’)»:"
PROVENANCE_FIELDS = ("headline", "date", "outlet", "byline", "place")


@dataclass(frozen=True)
class Provenance:
    """What an article states about itself, where that came from, and what is missing.

    Attributes
    ----------
    file, label : str
    headline, date, outlet, byline : str or None
        The values the helpers use (``metadata.csv`` first, then the text).
    place : str or None
        The place named at the start of the first paragraph ("PORT ALDER").
    agency : str or None
        A wire credit beside the place ("AP" in "WASHINGTON (AP) —").
    place_span : (start, end) or None
        Offsets of that opening ("PORT ALDER —") in the text.
    sources : dict
        Field → ``"metadata"``, ``"text"``, ``"metadata and text"`` or ``""``.
    conflicts : tuple of str
        Fields where ``metadata.csv`` and the text disagree, explained.
    unknown : tuple of str
        Fields that neither the text nor ``metadata.csv`` states.
    boilerplate : tuple of (line number, text)
        Page furniture recognised in the text (line numbers start at 1).
    traces : dict
        How many lines of each non-paragraph kind the text has (headings,
        bullets, "Published" lines, ...): clues to the page it was copied from.
    cut_lines : tuple of int
        Paragraph lines (numbered from 1) ending without punctuation.
    notes : str
        The ``notes`` column of ``metadata.csv``, if any.
    """

    file: str
    label: str
    headline: str | None
    date: str | None
    outlet: str | None
    byline: str | None
    place: str | None
    agency: str | None
    place_span: tuple[int, int] | None
    sources: dict = field(default_factory=dict)
    conflicts: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    boilerplate: tuple[tuple[int, str], ...] = ()
    traces: dict = field(default_factory=dict)
    cut_lines: tuple[int, ...] = ()
    notes: str = ""

    @property
    def stated(self) -> tuple[str, ...]:
        """The fields that are known."""
        return tuple(name for name in PROVENANCE_FIELDS if name not in self.unknown)


def _known(metadata: dict, key: str) -> str | None:
    value = (metadata.get(key) or "").strip()
    return None if value.lower() in UNKNOWN_VALUES else value


def _find_place(article: Article):
    for line in article.lines:
        if line.kind in ("blank", "heading", "dateline", "byline", "boilerplate"):
            continue
        match = _PLACE_LINE.match(line.text)
        if not match or len(match.group("place")) < 3:
            return None
        place = match.group("place").strip()
        region = match.group("region")
        agency = match.group("agency")
        start = line.start + match.start("place")
        end = line.start + match.end()
        return (f"{place}, {region}" if region else place), agency, (start, end)
    return None


def _stated_in_text(article: Article) -> dict:
    stated = {"headline": None, "date": None, "outlet": None, "byline": None}
    for line in article.lines:
        if line.kind in ("blank", "dateline", "byline", "boilerplate"):
            continue
        if line.kind == "heading":
            stated["headline"] = line.text.strip().lstrip("\ufeff").strip()
        break
    for line in article.lines:
        if line.kind == "dateline" and not stated["date"]:
            stated["date"] = find_date(line.text)
        elif line.kind == "byline" and not stated["byline"]:
            name = line.text.strip(" |\t\ufeff")
            stated["byline"] = name[3:].strip() if name.lower().startswith("by ") else name
        elif line.kind == "boilerplate" and not stated["outlet"]:
            match = _COPYRIGHT.search(line.text)
            if match and match.group("owner").strip():
                stated["outlet"] = match.group("owner").strip()
    return stated


def _same(a: str, b: str) -> bool:
    return " ".join(normalize_quotes(a).lower().split()) == " ".join(normalize_quotes(b).lower().split())


def find_provenance(article) -> Provenance:
    """Say what an article states about itself and what it leaves unknown.

    Each field is looked for in ``metadata.csv`` (kept in
    ``article.metadata``) and in the text: a heading as first line, a
    "Published ..." line, a "By ..." line, a wire credit ("(AP)") or a
    copyright line. When both state a value and they differ, a conflict
    is reported. The place line is the capitalised place name that news
    agencies put before the first sentence ("PORT ALDER —").

    Parameters
    ----------
    article : Article or str

    Returns
    -------
    Provenance

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> text = "Council Votes\\nBy Ana Ruiz\\nPORT ALDER (AP) — The council voted 5-2.\\nShare this article"
    >>> p = find_provenance(article_from_text(text, "a.txt"))
    >>> p.headline, p.byline, p.place, p.agency, p.outlet
    ('Council Votes', 'Ana Ruiz', 'PORT ALDER', 'AP', 'AP')
    >>> p.unknown, p.boilerplate
    (('date',), ((4, 'Share this article'),))
    """
    article = as_article(article)
    metadata = article.metadata or {}
    in_text = _stated_in_text(article)
    found_place = _find_place(article)
    place, agency, place_span = found_place if found_place else (None, None, None)
    if agency and not in_text["outlet"]:
        in_text["outlet"] = agency
    values = {}
    sources = {}
    conflicts = []
    for name in ("headline", "date", "outlet", "byline"):
        from_metadata = _known(metadata, name) or (_known(metadata, "title") if name == "headline" else None)
        from_text = in_text[name]
        values[name] = from_metadata or from_text
        if from_metadata and from_text:
            sources[name] = "metadata and text"
            if not _same(from_metadata, from_text):
                conflicts.append(f"{name}: metadata.csv says {from_metadata!r}, the text says {from_text!r}")
        else:
            sources[name] = "metadata" if from_metadata else ("text" if from_text else "")
    sources["place"] = "text" if place else ""
    values["place"] = place
    unknown = tuple(name for name in PROVENANCE_FIELDS if not values[name])
    boilerplate = tuple((line.index + 1, line.text.strip().lstrip("\ufeff")) for line in article.lines if line.kind == "boilerplate")
    traces = {k: v for k, v in article.line_kinds().items() if k != "paragraph"}
    cut = tuple(
        line.index + 1
        for line in article.lines
        if line.kind == "paragraph" and line.text.rstrip()[-1:] not in _TERMINAL
    )
    return Provenance(
        file=article.file,
        label=article.label,
        headline=values["headline"],
        date=values["date"],
        outlet=values["outlet"],
        byline=values["byline"],
        place=place,
        agency=agency,
        place_span=place_span,
        sources=sources,
        conflicts=tuple(conflicts),
        unknown=unknown,
        boilerplate=boilerplate,
        traces=traces,
        cut_lines=cut,
        notes=(metadata.get("notes") or "").strip(),
    )


def provenance_table(corpus) -> list[dict]:
    """One row per article for a provenance table, with "not stated" spelled out.

    Time: O(L) for L lines of the corpus (each article read once).

    Parameters
    ----------
    corpus : Corpus or list of Article

    Returns
    -------
    list of dict
        Keys ``label``, ``file``, ``headline``, ``date``, ``outlet``,
        ``byline``, ``place`` (value, or "not stated"), ``from`` (where each
        known value came from), ``unknown`` (how many of the five fields are
        missing), ``furniture`` (recognised boilerplate lines) and
        ``conflicts``.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> rows = provenance_table([article_from_text("Just one sentence.", "x.txt")])
    >>> rows[0]["headline"], rows[0]["unknown"]
    ('not stated', 5)
    """
    rows = []
    for article in corpus:
        p = find_provenance(article)
        row = {"label": p.label, "file": p.file}
        for name in PROVENANCE_FIELDS:
            row[name] = getattr(p, name) or "not stated"
        row["from"] = "; ".join(f"{name}: {p.sources[name]}" for name in PROVENANCE_FIELDS if p.sources.get(name))
        row["unknown"] = len(p.unknown)
        row["furniture"] = "; ".join(text for _, text in p.boilerplate) or "none"
        row["conflicts"] = "; ".join(p.conflicts) or "none"
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# Word lists and matching
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconEntry:
    """One entry of a word list: its words (``*`` = any ending), category, note and use.

    ``use`` is :data:`FIGURATIVE` for a word that is loaded only as a figure
    of speech, and empty otherwise.
    """

    entry: str
    pieces: tuple[str, ...]
    category: str
    note: str = ""
    use: str = ""


@dataclass(frozen=True)
class LexiconHit:
    """A word or phrase found by a list or rule: ``text[start:end]``.

    ``quoted`` is True when the hit lies inside quotation marks, that is in
    someone else's words rather than the writer's. ``topic`` is True when the
    word is also a topic word of the corpus (see :func:`find_topic_words`);
    its note then says so.
    """

    start: int
    end: int
    text: str
    category: str
    entry: str
    note: str = ""
    quoted: bool = False
    topic: bool = False


@lru_cache(maxsize=32)
def _lexicon_cached(name: str) -> tuple[LexiconEntry, ...]:
    entries = []
    for line in read_list(name):
        fields = [part.strip() for part in line.split("|")]
        if len(fields) not in (2, 3, 4) or not fields[0] or not fields[1]:
            raise ValueError(
                f"{name}: the entry {line!r} should be 'word or phrase | category' "
                "(optionally '| note' and '| figurative'). Fix that line of the list."
            )
        if len(fields) == 4 and fields[3] not in ("", FIGURATIVE):
            raise ValueError(
                f"{name}: the entry {line!r} has {fields[3]!r} as its fourth field; the only "
                f"value it can take is {FIGURATIVE!r}. Fix that line of the list."
            )
        pieces = tuple(normalize_quotes(piece) for piece in fields[0].split())
        note = fields[2] if len(fields) >= 3 else ""
        use = fields[3] if len(fields) == 4 else ""
        entries.append(LexiconEntry(fields[0], pieces, fields[1], note, use))
    return tuple(entries)


def load_lexicon(name: str = "loaded_language_en.txt") -> tuple[LexiconEntry, ...]:
    """Read a word list of ``word or phrase | category [| note]`` lines.

    Parameters
    ----------
    name : str or Path
        A list in ``helpers/data`` (``loaded_language_en.txt``,
        ``stance_markers_en.txt``, ``opinion_markers_en.txt``,
        ``claim_cues_en.txt``) or the path of your own list in that format.

    Returns
    -------
    tuple of LexiconEntry

    Raises
    ------
    ValueError
        Naming the list and the line when an entry has no category.

    Examples
    --------
    >>> entry = next(e for e in load_lexicon() if e.entry == "illegal alien*")
    >>> entry.pieces, entry.category
    (('illegal', 'alien*'), 'label for people')
    """
    return _lexicon_cached(str(name))


def _piece_matches(piece: str, token: Token) -> bool:
    norm = _norm(token)
    if piece.endswith("*"):
        if not (token.is_word and norm.startswith(piece[:-1].lower())):
            return False
    elif norm != piece.lower():
        return False
    if piece == piece.lower() and _is_acronym(token.text):
        return False  # "US" the country is not the word "us"
    return True


def match_lexicon(tokens: list[Token], lexicon) -> list[tuple[int, int, LexiconEntry]]:
    """Find entries of a word list in a list of tokens, longest match first.

    Matching goes left to right; at each token the longest entry that
    matches wins, and matches never overlap. Entries match whole tokens in
    order ("seen as" does not match "seen, as"). Case is ignored, but a
    token in capitals such as "US" never matches a lower-case entry.

    Parameters
    ----------
    tokens : list of Token
        From ``helpers.text.tokenize``.
    lexicon : sequence of LexiconEntry

    Returns
    -------
    list of (first token index, index after the last token, entry)

    Examples
    --------
    >>> tokens = tokenize("Critics say illegal aliens are seen as a threat.")
    >>> [(tokens[a].text, e.category) for a, b, e in match_lexicon(tokens, load_lexicon())]
    [('illegal', 'label for people'), ('threat', 'threat metaphor')]
    """
    by_first, wild = _lexicon_index(lexicon)
    norms = [_norm(token) for token in tokens]
    acronyms = [_is_acronym(token.text) for token in tokens]

    def fits(piece: str, k: int) -> bool:
        if piece.endswith("*"):
            if not (tokens[k].is_word and norms[k].startswith(piece[:-1].lower())):
                return False
        elif norms[k] != piece.lower():
            return False
        return not (acronyms[k] and piece == piece.lower())  # "US" the country is not the word "us"

    found = []
    i = 0
    while i < len(tokens):
        norm = norms[i]
        candidates = by_first.get(norm, [])
        if tokens[i].is_word:
            candidates = candidates + [e for key in (norm[:2], "") for e in wild.get(key, ()) if fits(e.pieces[0], i)]
        best = None
        for entry in candidates:
            n = len(entry.pieces)
            if i + n > len(tokens):
                continue
            if all(fits(piece, i + k) for k, piece in enumerate(entry.pieces)):
                exact = not entry.pieces[-1].endswith("*")
                if best is None or (n, exact) > (len(best.pieces), not best.pieces[-1].endswith("*")):
                    best = entry
        if best is not None:
            found.append((i, i + len(best.pieces), best))
            i += len(best.pieces)
        else:
            i += 1
    return found


#: The index of the last few lexicons matched: id → (lexicon, entries by first word, wildcard entries by prefix).
_INDEXES: dict[int, tuple] = {}


def _lexicon_index(lexicon) -> tuple[dict[str, list[LexiconEntry]], dict[str, list[LexiconEntry]]]:
    """Entries by their first word, and wildcard entries ("flood*") by the first two letters of their prefix.

    A lexicon given as a tuple (as :func:`load_lexicon` returns it: loaded
    once and cached) is indexed once and reused, so matching a token costs a
    few dictionary lookups instead of a pass over every wildcard entry; a
    list, which its owner may change, is indexed on each call. Prefixes of
    fewer than two letters are filed under "".
    """
    known = _INDEXES.get(id(lexicon))
    if known is not None and known[0] is lexicon:
        return known[1], known[2]
    by_first: dict[str, list[LexiconEntry]] = {}
    wild: dict[str, list[LexiconEntry]] = {}
    for entry in lexicon:
        first = entry.pieces[0]
        if first.endswith("*"):
            prefix = first[:-1].lower()
            wild.setdefault(prefix[:2] if len(prefix) >= 2 else "", []).append(entry)
        else:
            by_first.setdefault(first.lower(), []).append(entry)
    if isinstance(lexicon, tuple):
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        _INDEXES[id(lexicon)] = (lexicon, by_first, wild)
    return by_first, wild


def _matches(article: Article, lexicon, kinds=_READ):
    """Each entry found, line by line (so no match crosses a line), fixed phrases left out.

    Yields (line kind, tokens of the line, first token, index after the last, entry).
    """
    for line in article.lines:
        if line.kind not in kinds:
            continue
        tokens = tokenize(article.text, line.start, line.end)
        for a, b, entry in match_lexicon(tokens, lexicon):
            if entry.category != FIXED_PHRASE:
                yield line.kind, tokens, a, b, entry


def _hit(article: Article, quotes, tokens: list[Token], a: int, b: int, entry: LexiconEntry) -> LexiconHit:
    start, end = tokens[a].start, tokens[b - 1].end
    return LexiconHit(start, end, article.text[start:end], entry.category, entry.entry, entry.note, is_quoted(quotes, start, end))


def _find_hits(article: Article, lexicon, kinds=_READ) -> list[LexiconHit]:
    quotes = quoted_spans(article.text)
    return [_hit(article, quotes, tokens, a, b, entry) for _, tokens, a, b, entry in _matches(article, lexicon, kinds)]


_OPENERS = frozenset("\"“‘'«([")
_SENTENCE_ENDS = frozenset(".!?:;")


def _inside_name(tokens: list[Token], a: int, b: int) -> bool:
    """True when ``tokens[a:b]`` are capitalised words inside a longer capitalised name.

    "the Strategic Air Command" is a name; "Notorious gangs" at the start of a
    sentence is not (the capital comes from the sentence).
    """
    if not all(_is_capitalised(token) for token in tokens[a:b]):
        return False
    k = a - 1
    while k >= 0 and tokens[k].text in _OPENERS:
        k -= 1
    if k < 0 or tokens[k].text in _SENTENCE_ENDS:
        return False
    return _is_capitalised(tokens[a - 1]) or (b < len(tokens) and _is_capitalised(tokens[b]))


def _stems(words) -> tuple[str, ...]:
    return tuple(stem(normalize_quotes(word).lower()) for word in words)


def _is_topic(hit_stems: tuple[str, ...], topics: list[tuple[str, ...]]) -> bool:
    """True when a topic word or phrase (as stems) occurs in the hit's stems."""
    return any(
        hit_stems[i:i + len(topic)] == topic for topic in topics for i in range(len(hit_stems) - len(topic) + 1)
    )


# ---------------------------------------------------------------------------
# Loaded language, hedges and boosters, opinion
# ---------------------------------------------------------------------------


def find_loaded_language(source, lexicon=None, *, topic_words=()) -> list[LexiconHit]:
    """Find loaded and evaluative words from a categorised list.

    Headings, paragraphs and bullet points are searched; page furniture is
    not. Hits inside quotation marks are kept but marked ``quoted``: those
    are a speaker's words, not the writer's. Three rules keep the plain use
    of a word from being counted as loaded:

    * a **fixed phrase** of the list ("weapons of mass destruction",
      "Security Council") is matched first and dropped, so the listed word
      inside it ("mass") is not counted;
    * a listed word inside a **name** written in capitals in the running text
      ("the Strategic Air Command") is not counted (in a headline, where
      every word may have a capital, it is);
    * a **topic word** of the corpus (see :func:`find_topic_words`) is not
      counted when the list marks it as loaded only as a figure of speech
      ("invasion" in a story about an invasion, "flood" in one about a
      flood); any other listed word that is a topic word is counted, with
      ``topic=True`` and a note saying so.

    Parameters
    ----------
    source : Article or str
    lexicon : sequence of LexiconEntry, optional
        Default: ``load_lexicon("loaded_language_en.txt")``.
    topic_words : sequence of str, optional
        The corpus's topic words or phrases; compared by their stems
        ("invasions" is the topic word "invasion").

    Returns
    -------
    list of LexiconHit
        In text order; ``category`` is the list's category ("label for
        people", "evaluative", "intensifier", "threat metaphor", "euphemism").

    Examples
    --------
    >>> [(h.text, h.category) for h in find_loaded_language("The notorious prison holds deportees.")]
    [('notorious', 'evaluative'), ('deportees', 'label for people')]
    >>> find_loaded_language("The council met on Tuesday.")
    []
    >>> [h.text for h in find_loaded_language("A mass rally. They found no weapons of mass destruction.")]
    ['mass']
    >>> [h.text for h in find_loaded_language("The invasion began.", topic_words=["invasion"])]
    []
    >>> [(h.text, h.topic, h.note) for h in find_loaded_language("Refugees arrived.", topic_words=["refugee"])]
    [('Refugees', True, 'a legal status under international law; also a topic word of this corpus')]
    """
    article = as_article(source)
    lexicon = load_lexicon("loaded_language_en.txt") if lexicon is None else lexicon
    topics = [_stems(str(word).split()) for word in topic_words if str(word).strip()]
    quotes = quoted_spans(article.text)
    hits = []
    for kind, tokens, a, b, entry in _matches(article, lexicon):
        if kind != "heading" and _inside_name(tokens, a, b):
            continue
        hit = _hit(article, quotes, tokens, a, b, entry)
        if topics and _is_topic(_stems(t.text for t in tokens[a:b] if t.is_word), topics):
            if entry.use == FIGURATIVE:
                continue
            note = f"{hit.note}; {TOPIC_NOTE}" if hit.note else TOPIC_NOTE
            hit = replace(hit, note=note, topic=True)
        hits.append(hit)
    return hits


@lru_cache(maxsize=1)
def _general_words() -> frozenset[str]:
    """Words (and their stems) common to news on any subject, never topic words.

    The stopwords, the forms of the reporting verbs ("said", "told"), and the
    month, weekday, time, unit and number words of ``claim_cues_en.txt``.
    """
    words = set(load_stopwords())
    for line in read_list("reporting_cues_en.txt"):
        fields = [part.strip() for part in line.split("|")]
        if len(fields) >= 3:
            words.update(form.strip().lower() for form in fields[2].split(",") if form.strip())
    general_roles = ("approximator", "number word", "small number", "unit", "month", "weekday", "time word")
    for role in general_roles:
        words.update(" ".join(pieces).lower() for pieces in _cues().get(role, []))
    words.update(("not", "no", "never", "nor", "cannot", "nobody", "nothing", "none", "year"))
    return frozenset(words | {stem(word) for word in words})


def find_topic_words(corpus, n: int = 10, *, also=()) -> tuple[str, ...]:
    """The topic words of a corpus: the content words most of its articles share.

    Time: O(T) for T running words of the corpus.

    A word is a topic word when it is used in **more than half** of the
    articles (in every article of a corpus of one or two). Among those, the
    words used in the most articles come first, then the most frequent.
    Words that are common in news on any subject are left out: stopwords,
    reporting verbs ("said"), month and day names, numbers, and words of
    fewer than three letters. There is no reference corpus of general
    English here, so "distinctive" means shared by the articles of this
    corpus, not rare elsewhere: read the list before you rely on it.

    Parameters
    ----------
    corpus : Corpus, list of Article or dict of label → text
    n : int
        How many computed words to return at most.
    also : sequence of str
        Words or phrases known to be topic words (the "Words to follow" of
        the corpus's README); they come first.

    Returns
    -------
    tuple of str
        Lower case, without repeats.

    Examples
    --------
    >>> texts = {"A": "The flood closed roads, officials said.", "B": "Flood water rose on Monday.", "C": "Roads and flood defences."}
    >>> find_topic_words(texts)
    ('flood', 'roads')
    >>> find_topic_words(texts, also=["Defences"])
    ('defences', 'flood', 'roads')
    """
    from helpers.frequency import count_by_article  # frequency imports corpus; keep reading light to import

    counts = count_by_article(corpus, numbers=False, min_length=3)
    labels = list(counts.conditions())
    needed = len(labels) // 2 + 1 if len(labels) > 2 else max(1, len(labels))
    general = _general_words()
    spread: dict[str, int] = {}
    total: dict[str, int] = {}
    for label in labels:
        for word, count in counts[label].items():
            spread[word] = spread.get(word, 0) + 1
            total[word] = total.get(word, 0) + count
    shared = [
        word for word in spread
        if spread[word] >= needed and word not in general and stem(word) not in general and any(ch.isalpha() for ch in word)
    ]
    shared.sort(key=lambda word: (-spread[word], -total[word], word))
    chosen: list[str] = []
    for word in [str(w).strip().lower() for w in also] + shared[:n]:
        if word and word not in chosen:
            chosen.append(word)
    return tuple(chosen)


def _date_spans(article: Article) -> list[tuple[int, int]]:
    spans = []
    for line in article.lines:
        if line.kind != "blank":
            spans += [(d.start, d.end) for d in find_details(article.text, line.start, line.end) if d.kind == "date"]
    return spans


def find_stance_markers(source, lexicon=None) -> list[LexiconHit]:
    """Find hedges ("allegedly", "is seen as", "may") and boosters ("clearly").

    A word that is part of a date ("May 14") is not counted.

    Parameters
    ----------
    source : Article or str
    lexicon : sequence of LexiconEntry, optional
        Default: ``load_lexicon("stance_markers_en.txt")``.

    Returns
    -------
    list of LexiconHit
        ``category`` is ``"hedge"`` or ``"booster"``.

    Examples
    --------
    >>> [(h.text, h.category) for h in find_stance_markers("He may go. It is clearly late. We meet May 14.")]
    [('may', 'hedge'), ('clearly', 'booster')]
    """
    article = as_article(source)
    hits = _find_hits(article, load_lexicon("stance_markers_en.txt") if lexicon is None else lexicon)
    dates = _date_spans(article)
    return [h for h in hits if not any(a < h.end and h.start < b for a, b in dates)]


def _question_hits(article: Article, quotes) -> list[LexiconHit]:
    hits = []
    for sentence in split_sentences(article):
        if not sentence.is_prose:
            continue
        body = sentence.text.rstrip(" \"”’'»)")
        if body.endswith("?"):
            mark = sentence.start + len(body) - 1
            hits.append(
                LexiconHit(sentence.start, sentence.end, sentence.text, "question", "?",
                    "a question asked of the reader", is_quoted(quotes, mark))
            )
    return hits


def find_opinion_markers(source, lexicon=None) -> list[LexiconHit]:
    """Find signs of the writer's own voice: first person, questions, verdicts.

    Categories: ``first person`` ("I", "we", "our"; never "US" the country),
    ``conclusion`` ("ultimately"), ``obligation`` ("should"),
    ``evaluation`` ("is encouraging") and ``question`` (a prose sentence
    ending in "?"). Markers inside quotation marks are marked ``quoted``:
    a quoted official saying "our country" is reporting, not opinion.

    Parameters
    ----------
    source : Article or str
    lexicon : sequence of LexiconEntry, optional
        Default: ``load_lexicon("opinion_markers_en.txt")``.

    Returns
    -------
    list of LexiconHit
        In text order.

    Examples
    --------
    >>> text = 'Ultimately, we should act. Is that fair? "Our country first," he said.'
    >>> [(h.text, h.category, h.quoted) for h in find_opinion_markers(text)]
    [('Ultimately', 'conclusion', False), ('we', 'first person', False), ('should', 'obligation', False), ('Is that fair?', 'question', False), ('Our', 'first person', True)]
    """
    article = as_article(source)
    hits = _find_hits(article, load_lexicon("opinion_markers_en.txt") if lexicon is None else lexicon, _PROSE)
    hits += _question_hits(article, quoted_spans(article.text))
    return sorted(hits, key=lambda h: (h.start, h.end))


def rate_by_category(hits: list[LexiconHit], words: int, *, include_quoted: bool = True) -> dict[str, float]:
    """Hits per 1,000 words, for each category and in total.

    Parameters
    ----------
    hits : list of LexiconHit
    words : int
        The article's length (``article.word_count``).
    include_quoted : bool
        Count hits inside quotation marks too (default). Set False to count
        only the writer's own words.

    Returns
    -------
    dict
        Category → rate, sorted by category, plus ``"total"``.

    Examples
    --------
    >>> hits = find_loaded_language("Notorious thugs and deportees.")
    >>> rate_by_category(hits, 500)
    {'evaluative': 2.0, 'label for people': 4.0, 'total': 6.0}
    """
    kept = [h for h in hits if include_quoted or not h.quoted]
    counts: dict[str, int] = {}
    for hit in kept:
        counts[hit.category] = counts.get(hit.category, 0) + 1
    rates = {category: _rate(counts[category], words) for category in sorted(counts)}
    rates["total"] = _rate(len(kept), words)
    return rates


# ---------------------------------------------------------------------------
# Checkable details and claims
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """A checkable detail in a sentence: ``text[start:end]``.

    ``kind`` is one of :data:`CLAIM_KINDS`; ``rule`` names the rule that
    found it (``digits``, ``approximator``, ``money``, ``unit``,
    ``number word``, ``year``, ``month``, ``weekday``, ``law``,
    ``institution``).
    """

    start: int
    end: int
    text: str
    kind: str
    rule: str


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[str, ...]]]:
    roles: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_lexicon("claim_cues_en.txt"):
        roles.setdefault(entry.category, []).append(entry.pieces)
    return roles


def _words_of(role: str) -> set[str]:
    # Names of laws and institutions keep their capital ("Act"); the rest are lower case.
    keep_case = role in ("law", "institution")
    return {pieces[0] if keep_case else pieces[0].lower() for pieces in _cues().get(role, []) if len(pieces) == 1}


@lru_cache(maxsize=1)
def _cue_sets() -> dict[str, set[str]]:
    return {role: _words_of(role) for role in _cues()}


def _ends_with(tokens: list[Token], i: int, phrases) -> int:
    """Length of the longest phrase ending at token i-1 (0 if none)."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if n <= i and all(_norm(tokens[i - n + k]) == phrase[k].lower() for k in range(n)):
            best = max(best, n)
    return best


def _is_capitalised(token: Token) -> bool:
    return token.kind == "word" and token.text[:1].isupper()


_CONNECTORS = {"of", "for", "the", "de", "del", "la", "and", "on"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_YEAR = re.compile(r"\d{4}")


def _is_year(token: Token) -> bool:
    return token.kind == "number" and bool(_YEAR.fullmatch(token.text)) and 1000 <= int(token.text) <= 2099


def _month_at(tokens: list[Token], i: int, cues) -> bool:
    token = tokens[i]
    if not _is_capitalised(token) or _norm(token) not in cues["month"]:
        return False
    if _norm(token) in ("may", "march"):  # also a modal verb and a verb
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = _norm(tokens[i - 1]) if i else ""
        return bool(after and after.kind == "number") or before in cues["time word"]
    return True


def find_details(text: str, start: int = 0, end: int | None = None) -> list[Detail]:
    """Find checkable details: numbers, quantities, dates, named laws and institutions.

    The rules, in plain words:

    * **number**: digits ("250", "5-2"); a **quantity** when it has an
      approximator before it ("over 250", "up to 40,000"), a currency sign
      ("$180,000"), a scale word ("3 million") or a noun after it ("40,000
      inmates"); large number words count too ("thousands of inmates"),
      small ones only before a unit ("two miles").
    * **date**: a capitalised month ("February", "last February", "March 27,
      2025"; "May" and "March" only next to a number or after "in", "last",
      ...), a weekday, a year from 1000 to 2099.
    * **law**: a capitalised name ending in a word such as "Act" or
      "Amendment" ("the 1798 Alien Enemies Act", "Alien Enemies Act of 1798").
    * **institution**: a capitalised name containing a word such as
      "Court", "Department", "International" ("Amnesty International", "U.S.
      Court of Appeals for the District of Columbia Circuit"); a name of one
      word counts after "the" ("the Senate").

    The words come from ``data/claim_cues_en.txt``. When two details
    overlap, the longer one is kept.

    Parameters
    ----------
    text : str
    start, end : int, optional
        Search only ``text[start:end]``; offsets still index ``text``.

    Returns
    -------
    list of Detail
        In text order.

    Examples
    --------
    >>> [(d.text, d.kind) for d in find_details("A prison for up to 40,000 inmates opened in 2023.")]
    [('up to 40,000 inmates', 'quantity'), ('2023', 'date')]
    >>> [(d.text, d.kind) for d in find_details("The 1798 Alien Enemies Act was cited last February.")]
    [('1798 Alien Enemies Act', 'law'), ('last February', 'date')]
    >>> [d.text for d in find_details("Amnesty International criticised the U.S. Court of Appeals.")]
    ['Amnesty International', 'U.S. Court of Appeals']
    >>> find_details("Critics say the policy may change.")
    []
    """
    cues = _cue_sets()
    phrases = _cues()
    stopwords = load_stopwords()
    tokens = tokenize(text, start, end)
    found: list[tuple[int, int, str, str]] = []  # token span, kind, rule
    n = len(tokens)

    def add(a: int, b: int, kind: str, rule: str) -> None:
        found.append((a, b, kind, rule))

    for i, token in enumerate(tokens):
        norm = _norm(token)
        # numbers written in digits
        if token.kind == "number":
            if _is_year(token):
                a = i - 1 if i and _norm(tokens[i - 1]) in ("since", "until") else i
                add(a, i + 1, "date", "year")
                continue
            a, b, kind, rule = i, i + 1, "number", "digits"
            if i and tokens[i - 1].text in _CURRENCY:
                a, kind, rule = i - 1, "quantity", "money"
            back = _ends_with(tokens, a, phrases.get("approximator", []))
            if back:
                a, kind, rule = a - back, "quantity", "approximator" if rule == "digits" else rule
            if b < n and _norm(tokens[b]) in cues["number word"]:
                b, kind = b + 1, "quantity"
            units = 0  # the noun after a number: one word, two after a hyphenated one ("gang-related men")
            while b < n and units < 2 and tokens[b].kind == "word" and tokens[b].text[:1].islower() and _norm(tokens[b]) not in stopwords:
                b, units = b + 1, units + 1
                if "-" not in tokens[b - 1].text:
                    break
            if units:
                kind, rule = "quantity", "unit" if rule == "digits" else rule
            add(a, b, kind, rule)
        # numbers written in words
        elif norm in cues["number word"] and token.text[:1].islower():
            a, b = i, i + 1
            back = _ends_with(tokens, a, phrases.get("approximator", []))
            a -= back
            if b + 1 < n and _norm(tokens[b]) == "of" and tokens[b + 1].kind == "word":
                b += 2
            elif b < n and tokens[b].kind == "word" and _norm(tokens[b]) not in stopwords:
                b += 1
            add(a, b, "quantity", "number word")
        elif norm in cues["small number"] and i + 1 < n and _norm(tokens[i + 1]) in cues["unit"]:
            a = i - _ends_with(tokens, i, phrases.get("approximator", []))
            add(a, i + 2, "quantity", "unit")
        # dates
        elif _month_at(tokens, i, cues):
            a, b = i, i + 1
            if i and _norm(tokens[i - 1]) in (cues["time word"] - {"in", "on", "by"}):
                a = i - 1
            if b < n and tokens[b].kind == "number" and len(tokens[b].text) <= 2:
                b += 1
            if b < n and tokens[b].text == "," and b + 1 < n and _is_year(tokens[b + 1]):
                b += 2
            elif b < n and _is_year(tokens[b]):
                b += 1
            add(a, b, "date", "month")
        elif _is_capitalised(token) and norm in cues["weekday"]:
            add(i, i + 1, "date", "weekday")
    # named laws and institutions: runs of capitalised words
    i = 0
    while i < n:
        if not (_is_capitalised(tokens[i]) or (tokens[i].kind == "number" and i + 1 < n and _is_capitalised(tokens[i + 1]))):
            i += 1
            continue
        a = i
        b = i + 1
        while b < n:
            if _is_capitalised(tokens[b]) or (tokens[b].kind == "number" and b + 1 < n and _is_capitalised(tokens[b + 1])):
                b += 1
            elif _norm(tokens[b]) in _CONNECTORS and b + 1 < n and (_is_capitalised(tokens[b + 1]) or (_norm(tokens[b + 1]) == "the" and b + 2 < n and _is_capitalised(tokens[b + 2]))):
                b += 1
            else:
                break
        while a < b and _norm(tokens[a]) in _DETERMINERS | _CONNECTORS:
            a += 1
        run = tokens[a:b]
        names = [t for t in run if _is_capitalised(t)]
        law_at = next((k for k, t in enumerate(run) if k > 0 and t.text in cues.get("law", set())), None)
        if law_at is not None:
            stop = a + law_at + 1
            if stop + 1 < n and _norm(tokens[stop]) == "of" and _is_year(tokens[stop + 1]):
                stop += 2
            add(a, stop, "law", "law")
        elif any(t.text in cues.get("institution", set()) for t in names):
            preceded = a > 0 and _norm(tokens[a - 1]) == "the"
            if len(names) >= 2 or preceded:
                stop = b
                if stop + 2 < n and tokens[stop].text == "(" and _is_capitalised(tokens[stop + 1]) and tokens[stop + 2].text == ")":
                    stop += 3
                add(a, stop, "institution", "institution")
        i = b
    # keep the longest of overlapping details
    chosen: list[tuple[int, int, str, str]] = []
    for a, b, kind, rule in sorted(found, key=lambda f: (-(tokens[f[1] - 1].end - tokens[f[0]].start), f[0])):
        if all(b <= c or d <= a for c, d, _, _ in chosen):
            chosen.append((a, b, kind, rule))
    details = []
    for a, b, kind, rule in sorted(chosen):
        s, e = tokens[a].start, tokens[b - 1].end
        details.append(Detail(s, e, text[s:e], kind, rule))
    return details


@dataclass(frozen=True)
class Claim:
    """A sentence with at least one checkable detail, and who (if anyone) makes it.

    Attributes
    ----------
    file : str
    sentence_index : int
        Position among the article's sentences (from ``split_sentences``).
    start, end : int
        The sentence's offsets in the text.
    sentence : str
    details : tuple of Detail
    attribution : str
        One of :data:`ATTRIBUTION_LEVELS`.
    speakers : tuple of str
        Who the sourcing rules found speaking in this sentence.
    """

    file: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    details: tuple[Detail, ...]
    attribution: str = "none"
    speakers: tuple[str, ...] = ()

    @property
    def attributed(self) -> bool:
        """True when a named source or an unnamed group is said to make the claim."""
        return self.attribution in ("named", "vague")

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of detail in the sentence, in :data:`CLAIM_KINDS` order."""
        present = {d.kind for d in self.details}
        return tuple(kind for kind in CLAIM_KINDS if kind in present)


def _attribution_level(found: list) -> tuple[str, tuple[str, ...]]:
    levels = set()
    speakers: list[str] = []
    for item in found:
        kind = getattr(item, "kind", "")
        speaker_type = getattr(item, "speaker_type", "")
        if kind == "scare":
            continue
        if speaker_type in ("person", "organization", "organisation", "media"):
            levels.add("named")
        elif speaker_type in ("group", "document"):
            levels.add("vague")
        else:
            levels.add("agentless")
            continue
        speaker = getattr(item, "speaker_resolved", None) or getattr(item, "speaker", None)
        if speaker and speaker not in speakers:
            speakers.append(speaker)
    for level in ATTRIBUTION_LEVELS:
        if level in levels:
            return level, tuple(speakers)
    return "none", ()


def _default_attributions(article: Article) -> list:
    try:
        from helpers.sourcing import find_attributions
    except ImportError as error:  # the sourcing module is part of the package
        raise ImportError(
            "helpers.sourcing could not be imported, so claims cannot be checked for a source. "
            "Pass attributions=[] to skip that check."
        ) from error
    return list(find_attributions(article))


def _overlapping(items: list, start: int, end: int) -> list:
    return [item for item in items if item.sentence_start < end and start < item.sentence_end]


def find_claims(source, attributions=None) -> list[Claim]:
    """Find the sentences that make checkable claims, and say who makes them.

    A claim is a sentence of a paragraph or bullet point with at least one
    detail found by :func:`find_details`. It is **attributed** when the
    sourcing rules find a speaker in it: a named person or organisation
    (``named``) or an unnamed group such as "critics" (``vague``). A
    construction such as "is seen as" gives ``agentless``; nothing at all
    gives ``none``.

    Parameters
    ----------
    source : Article or str
    attributions : list, optional
        Attributions of this article, each with ``sentence_start``,
        ``sentence_end``, ``speaker``, ``speaker_type`` and ``kind`` (as
        returned by ``helpers.sourcing.find_attributions``). They are
        matched to claims by overlapping sentence offsets. By default they
        are computed with ``helpers.sourcing.find_attributions``; pass your
        own list (or ``[]``) to check or skip that step.

    Returns
    -------
    list of Claim
        In text order.

    Examples
    --------
    >>> claims = find_claims("Over 250 men were deported. Critics were upset.", attributions=[])
    >>> [(c.sentence, c.details[0].text, c.attribution) for c in claims]
    [('Over 250 men were deported.', 'Over 250 men', 'none')]
    """
    article = as_article(source)
    if attributions is None:
        attributions = _default_attributions(article)
    attributions = list(attributions)
    claims = []
    for index, sentence in enumerate(split_sentences(article)):
        if not sentence.is_prose:
            continue
        details = find_details(article.text, sentence.start, sentence.end)
        if not details:
            continue
        level, speakers = _attribution_level(_overlapping(attributions, sentence.start, sentence.end))
        claims.append(Claim(article.file, index, sentence.start, sentence.end, sentence.text, tuple(details), level, speakers))
    return claims


def claims_from_readings(readings: list[SentenceReading], file: str = "article.txt") -> list[Claim]:
    """The claims among sentence readings (the same as :func:`find_claims`, without re-reading).

    Parameters
    ----------
    readings : list of SentenceReading
        From :func:`read_sentences`.
    file : str
        The article's file name.

    Returns
    -------
    list of Claim

    Examples
    --------
    >>> readings = read_sentences("A Headline\\nOver 250 men left. It rained.", attributions=[])
    >>> [c.sentence for c in claims_from_readings(readings)]
    ['Over 250 men left.']
    """
    return [
        Claim(file, r.index, r.start, r.end, r.text, r.details, r.attribution, r.speakers)
        for r in readings
        if r.details and r.kind in _PROSE
    ]


@lru_cache(maxsize=1)
def _lateral_prompts() -> tuple[tuple[str, str], ...]:
    return tuple((entry.pieces and " ".join(entry.pieces), entry.category) for entry in load_lexicon("lateral_reading_en.txt"))


def where_to_check(claim) -> list[str]:
    """Suggest where a reader could check a claim (lateral reading prompts).

    Nothing is fetched: these are places to look, from
    ``data/lateral_reading_en.txt``, which holds prompts for the kinds of
    claim news on any subject makes (the places that belong to one story are
    in the "Where to check" section of its corpus's README). A line applies
    when its trigger is a word of the sentence, alone or with a plural
    ending ("court", "courts"), or a kind of detail in the claim
    ("quantity"); the word matches come first, as they are more specific.

    Parameters
    ----------
    claim : Claim

    Returns
    -------
    list of str
        Distinct suggestions in the list's order; always at least one.

    Examples
    --------
    >>> claim = find_claims("The 1798 Alien Enemies Act was challenged in court.", attributions=[])[0]
    >>> for place in where_to_check(claim): print(place)
    the court's own records: the docket and any published ruling or order
    the text of the law itself in an official legal code, and court filings or rulings that cite it
    """
    lowered = normalize_quotes(claim.sentence).lower()
    by_word = [
        where for trigger, where in _lateral_prompts()
        if trigger not in CLAIM_KINDS and re.search(rf"\b{re.escape(trigger)}(?:s|es)?\b", lowered)
    ]
    by_kind = [where for trigger, where in _lateral_prompts() if trigger in claim.kinds]
    suggestions: list[str] = []
    for where in by_word + by_kind:
        if where not in suggestions:
            suggestions.append(where)
    if not suggestions:
        suggestions.append("wire services (AP, Reuters, AFP) and the outlets of the people or governments named")
    return suggestions


# ---------------------------------------------------------------------------
# Sentence by sentence, and per article
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceReading:
    """Everything the reading rules found in one sentence.

    ``suggested`` holds the tags of :data:`TAGS` that the rules would give
    the sentence; a reader's own tags may differ, and that is the point.
    """

    index: int
    start: int
    end: int
    text: str
    kind: str
    details: tuple[Detail, ...] = ()
    attribution: str = "none"
    speakers: tuple[str, ...] = ()
    loaded: tuple[LexiconHit, ...] = ()
    hedges: tuple[LexiconHit, ...] = ()
    boosters: tuple[LexiconHit, ...] = ()
    opinion: tuple[LexiconHit, ...] = ()

    @property
    def suggested(self) -> tuple[str, ...]:
        tags = set()
        if self.details:
            tags.add("claim")
            tags.add("sourced" if self.attribution in ("named", "vague") else "unsourced")
        elif self.attribution in ("named", "vague"):
            tags.add("sourced")
        if any(not h.quoted for h in self.opinion):
            tags.add("opinion")
        if any(not h.quoted for h in self.loaded):
            tags.add("loaded")
        return tuple(tag for tag in TAGS if tag in tags)


def _within(hits: list[LexiconHit], sentence: Sentence) -> tuple[LexiconHit, ...]:
    return tuple(h for h in hits if sentence.start <= h.start and h.end <= sentence.end)


def read_sentences(source, attributions=None, *, topic_words=()) -> list[SentenceReading]:
    """Run every reading rule on every sentence of an article.

    Parameters
    ----------
    source : Article or str
    attributions : list, optional
        As for :func:`find_claims`.
    topic_words : sequence of str, optional
        The corpus's topic words, as for :func:`find_loaded_language`.

    Returns
    -------
    list of SentenceReading
        One per sentence (headings included), in text order.

    Examples
    --------
    >>> readings = read_sentences("Notorious gangs. Ultimately, 40 men left.", attributions=[])
    >>> [r.suggested for r in readings]
    [('loaded',), ('claim', 'opinion', 'unsourced')]
    """
    article = as_article(source)
    if attributions is None:
        attributions = _default_attributions(article)
    attributions = list(attributions)
    loaded = find_loaded_language(article, topic_words=topic_words)
    stance = find_stance_markers(article)
    opinion = find_opinion_markers(article)
    readings = []
    for index, sentence in enumerate(split_sentences(article)):
        details = tuple(find_details(article.text, sentence.start, sentence.end)) if sentence.is_prose else ()
        level, speakers = _attribution_level(_overlapping(attributions, sentence.start, sentence.end))
        marks = _within(stance, sentence)
        readings.append(
            SentenceReading(
                index, sentence.start, sentence.end, sentence.text, sentence.kind, details, level, speakers,
                _within(loaded, sentence),
                tuple(h for h in marks if h.category == "hedge"),
                tuple(h for h in marks if h.category == "booster"),
                _within(opinion, sentence),
            )
        )
    return readings


def summarize_reading(source, attributions=None, *, readings: list[SentenceReading] | None = None, topic_words=()) -> dict:
    """The reading rules' findings for one article, as counts and rates.

    Parameters
    ----------
    source : Article or str
    attributions : list, optional
        As for :func:`find_claims`.
    readings : list of SentenceReading, optional
        The article's readings if already computed with :func:`read_sentences`
        (then ``attributions`` and ``topic_words`` are not used).
    topic_words : sequence of str, optional
        The corpus's topic words, as for :func:`find_loaded_language`.

    Returns
    -------
    dict
        ``label``, ``file``, ``words``, ``sentences``; ``claims`` and
        ``claims_by_attribution`` (a count per level of
        :data:`ATTRIBUTION_LEVELS`), ``claims_attributed``;
        ``loaded`` (count), ``loaded_per_1000``, ``loaded_by_category``
        (rates), ``loaded_quoted`` (hits inside quotations), ``loaded_topic``
        (hits that are also topic words of the corpus), ``top_loaded``
        (the most frequent loaded words with counts); ``hedges``,
        ``boosters``, ``opinion`` (counts of the writer's own markers,
        quotations left out) with ``*_per_1000`` rates; ``questions`` and
        ``first_person`` counts.

    Examples
    --------
    >>> summary = summarize_reading("We must act. The notorious prison holds 40,000 inmates.", attributions=[])
    >>> summary["claims"], summary["loaded"], summary["first_person"], summary["opinion"]
    (1, 2, 1, 2)
    """
    article = as_article(source)
    if readings is None:
        if attributions is None:
            attributions = _default_attributions(article)
        readings = read_sentences(article, attributions, topic_words=topic_words)
    words = article.word_count
    claims = [r for r in readings if r.details]
    by_level = {level: sum(1 for r in claims if r.attribution == level) for level in ATTRIBUTION_LEVELS}
    loaded = [h for r in readings for h in r.loaded]
    hedges = [h for r in readings for h in r.hedges if not h.quoted]
    boosters = [h for r in readings for h in r.boosters if not h.quoted]
    opinion = [h for r in readings for h in r.opinion if not h.quoted]
    tally: dict[str, int] = {}
    for hit in loaded:
        key = normalize_quotes(hit.text).lower()
        tally[key] = tally.get(key, 0) + 1
    top = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    return {
        "label": article.label,
        "file": article.file,
        "words": words,
        "sentences": len(readings),
        "claims": len(claims),
        "claims_by_attribution": by_level,
        "claims_attributed": by_level["named"] + by_level["vague"],
        "loaded": len(loaded),
        "loaded_per_1000": _rate(len(loaded), words),
        "loaded_by_category": {k: v for k, v in rate_by_category(loaded, words).items() if k != "total"},
        "loaded_quoted": sum(1 for h in loaded if h.quoted),
        "loaded_topic": sum(1 for h in loaded if h.topic),
        "top_loaded": top,
        "hedges": len(hedges),
        "hedges_per_1000": _rate(len(hedges), words),
        "boosters": len(boosters),
        "boosters_per_1000": _rate(len(boosters), words),
        "opinion": len(opinion),
        "opinion_per_1000": _rate(len(opinion), words),
        "questions": sum(1 for h in opinion if h.category == "question"),
        "first_person": sum(1 for h in opinion if h.category == "first person"),
    }


# ---------------------------------------------------------------------------
# Tone (optional)
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as error:
        raise ImportError(
            "Tone scores need the vaderSentiment package (it ships its own word list, so nothing "
            "is downloaded). Install it with: pip install vaderSentiment"
        ) from error
    return SentimentIntensityAnalyzer()


def score_tone(source) -> list[dict]:
    """Score the tone of each prose sentence with VADER (read :data:`TONE_CAVEATS` first).

    VADER adds up the ratings of the words in a sentence (with rules for
    "not", "very", capitals and "!") into a ``compound`` score from -1 (most
    negative) to +1 (most positive). It uses the word list shipped inside the
    ``vaderSentiment`` package; nothing is downloaded.

    Parameters
    ----------
    source : Article or str

    Returns
    -------
    list of dict
        ``start``, ``end``, ``sentence``, ``compound`` for each sentence of a
        paragraph or bullet point.

    Examples
    --------
    >>> [row["compound"] > 0 for row in score_tone("This is encouraging. The attack killed many.")]
    [True, False]
    """
    article = as_article(source)
    analyzer = _vader()
    rows = []
    for sentence in split_sentences(article):
        if sentence.is_prose:
            score = analyzer.polarity_scores(normalize_quotes(sentence.text))["compound"]
            rows.append({"start": sentence.start, "end": sentence.end, "sentence": sentence.text, "compound": round(score, 3)})
    return rows
