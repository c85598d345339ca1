"""Who speaks in an article: find attributions with rules you can read and check.

An **attribution** is a place where an article presents words, a claim, a
belief or a judgment as someone's: "Critics argue that ...", "“Do not come,”
she said", "according to the library's annual report", or, with nobody named,
"the move is seen as ...". For each one this module records

* the **speaker** as written, and who it is (``speaker_resolved``: "she" is
  replaced by the most recent named person before it);
* the **speaker type**: ``person``, ``organization``, ``group`` (vague or
  anonymous sources: "critics", "officials", "some", "one engineer") or
  ``none`` (nobody named: "is seen as", and scare quotes);
* the **cue** (the verb or phrase that signals speech) and its **category**
  (neutral "said", argumentative "claimed", emphatic "underscored",
  evaluative "praised", belief "sees as", ...);
* the **kind**: ``direct`` (quotation marks around the speaker's words),
  ``indirect`` (paraphrase), ``implicit`` (agentless) or ``scare`` (quotation
  marks around a term with no speaker);
* the quotation, if any, and **which rule found it** (see :data:`RULES` and
  :func:`explain`).

There is no statistical model here: no part-of-speech tagger, no named-entity
recogniser. The rules use capital letters, the sentence and token offsets of
:mod:`helpers.text`, and seven word lists in ``helpers/data`` that you can open
and extend:

=============================  ==============================================
``reporting_cues_en.txt``      verbs and phrases of saying, with categories
``agentless_cues_en.txt``      passives that hide the speaker ("is seen as")
``nominal_cues_en.txt``        nouns that stand for speech ("account", "warning")
``vague_sources_en.txt``       words for unnamed sources ("critics", "some")
``titles_en.txt``              titles before names ("Secretary", "Mayor")
``organisation_words_en.txt``  words that make a name an organisation
``non_person_words_en.txt``    words that make a name a place, law or date
=============================  ==============================================

The rules also refuse some look-alikes, and say why (:func:`find_near_misses`):
an abstract subject with an emphatic verb ("this move signals ...") is the
author's own claim; "a prison called CECOT" is naming, not speech; "both
nations hope to ..." states an aim. Rules make mistakes: check every result
against your own reading, and see ``python -m helpers sources --evaluate`` for
how often they are right on the hand-annotated seed articles.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from helpers.corpus import Article, article_from_text
from helpers.data_files import read_list, read_table
from helpers.quotations import QUOTE_MARKS, Quotation, find_quotations
from helpers.text import Sentence, load_stopwords, normalize_quotes, split_sentences, tokenize

__all__ = [
    "CUE_CATEGORIES",
    "GUARDS",
    "KINDS",
    "RULES",
    "SPEAKER_TYPES",
    "Attribution",
    "Lexicon",
    "NearMiss",
    "Quotation",
    "UnsourcedSentence",
    "attributions_to_records",
    "explain",
    "find_attributions",
    "find_near_misses",
    "find_quotations",
    "find_unsourced_sentences",
    "is_attributed",
    "load_lexicon",
    "summarize_sourcing",
]

#: Who an attribution gives as its source.
SPEAKER_TYPES = ("person", "organization", "group", "none")

#: How the words are reported.
KINDS = ("direct", "indirect", "implicit", "scare")

#: What the choice of cue signals (see ``reporting_cues_en.txt``).
CUE_CATEGORIES = (
    "neutral",
    "argumentative",
    "emphatic",
    "evaluative",
    "belief",
    "concern",
    "stance",
    "evidence",
    "tentative",
    "concession",
)

#: Every rule, by the name stored in ``Attribution.rule``, with what it looks for.
RULES = {
    "quote-then-speaker": "a quotation followed by the speaker and the cue, in either order "
    "(“...,” she said / “...,” said the mayor)",
    "speaker-then-quote": "a speaker and a cue followed by a quotation (X said: “...”)",
    "speaker-cue-content": "a speaker, then a cue, then what they said (X argued that ...); "
    "if what follows holds a quotation, the kind is direct",
    "content-then-speaker": "what was said, then the source and the cue at the end (..., the report shows.)",
    "according-to": "“according to” followed by the source",
    "follow-on": "a cue in -ing after a comma that continues an attribution in the same sentence "
    "(..., calling it ... / ..., arguing that ...)",
    "shared-subject": "a second cue joined by “and” to the same speaker (... said X and described Y as ...)",
    "passive-with-agent": "a passive cue with the source after “by” (was praised by critics)",
    "weasel-pair": "a vague group set against another (some argue ..., others ...)",
    "nominal-possessive": "a speech noun owned by the source (Carter’s account, her message is clear:)",
    "nominal-source": "a speech noun with the source after “from” or “by” (criticism from rights groups)",
    "nominal-of": "a speech noun with “of” (a message of thanks), the source taken from a possessive "
    "in the same sentence",
    "speech-as-subject": "the speeches, remarks or statements of a source as the subject of a cue "
    "(Noem’s speeches highlight ...)",
    "agentless-passive": "a passive that hides who holds the view (is seen as, has been praised)",
    "agentless-reduced": "an agentless participle without “is” or “has been” (a prison known for ..., "
    "individuals identified as ...)",
    "agentless-pair": "two agentless participles joined by “and” (both admired and criticized)",
    "scare-quote": "quotation marks around a short term, with no speaker (his “mass deportation” plan)",
    "quote-without-speaker": "a quotation for which no speaker was found nearby",
    "continued": "the speaker’s quotation goes on in the next sentence or paragraph",
}

#: Every guard, by the name stored in ``NearMiss.guard``, with why it refuses a look-alike.
GUARDS = {
    "author-claim": "the subject is not a person, an organisation or a group (an abstract noun "
    "such as “this move” or “the deal”): the sentence is the author's own claim",
    "document-emphasis": "a document or data with an emphatic verb (“the findings highlight”): "
    "the emphasis is the author's reading",
    "naming": "“called”, “named”, “dubbed” or “known as” before a name gives a name, not speech",
    "aim": "the verb is followed by “to”: it states an aim or plan, not a reported belief",
    "no-content": "nothing the cue needs comes after it (see the last field of reporting_cues_en.txt)",
    "organisation-stance": "an organisation or country “supports” or “opposes” through actions as "
    "often as through words, so stance verbs count only for people and groups",
    "first-person": "“I” or “we” outside a quotation is the author's own voice",
    "no-speaker": "no speaker could be found before the cue",
    "nested": "the cue is part of what someone else is reported to have said",
    "title-in-quotes": "quotation marks around a capitalised title or name, not speech",
    "negated": "the cue is negated (“did not respond”, “declined to comment”): nothing is attributed",
    "prediction": "a passive act in the future or as a possibility (“is likely to be challenged”, "
    "“will be criticised”): the author's prediction, not a view someone holds",
}

# ---------------------------------------------------------------------------
# Small grammar sets (grammar, not vocabulary: the vocabulary is in helpers/data)
# ---------------------------------------------------------------------------

_BE = {"is", "are", "was", "were", "be", "been", "being", "am"}
_MODALS = {"will", "would", "can", "could", "may", "might", "shall", "should", "must"}
_NEGATIONS = {"not", "n't", "never", "declined", "refused"}
_AUX = _BE | {"has", "have", "had", "having", "do", "does", "did", "will", "would", "can", "could",
              "may", "might", "shall", "should", "must", "not", "n't", "never", "'s", "'re", "'ve", "'d"}
_ADVERBS = {"also", "often", "still", "even", "again", "now", "already", "long", "once", "further",
            "then", "just", "always", "sometimes", "only", "later", "earlier", "too", "first", "however",
            "both", "all", "each"}
_NOT_ADVERBS = {"family", "ally", "rally", "supply", "reply", "assembly", "early", "only", "holy",
                "ugly", "italy", "july", "apply", "comply", "rely", "imply", "fly", "belly", "bully",
                "jelly", "lily", "monopoly", "anomaly", "homily", "butterfly", "elderly", "friendly",
                "likely", "unlikely", "daily", "weekly", "monthly", "yearly", "costly", "deadly",
                "lonely", "lovely", "orderly", "silly", "wily", "burly", "curly", "surly", "oily"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
                "my", "your", "one", "two", "three", "both", "each", "every", "any", "no", "another"}
_QUANTIFIERS = {"some", "many", "most", "several", "few", "other", "all", "various", "numerous",
                "certain", "multiple", "more", "fewer", "a few", "not all"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_CHAIN_WORDS = {"of", "from", "in", "at", "for", "with", "like", "including", "between", "among",
                "across", "within", "on", "to", "near", "inside", "outside", "under", "by"}
_CHAIN_PAIRS = {("close", "to"), ("familiar", "with"), ("such", "as"), ("loyal", "to"), ("close", "with")}
_NAME_CONNECTORS = {"of", "de", "del", "della", "la", "le", "los", "las", "da", "do", "dos", "van", "von",
                    "der", "den", "al", "el", "bin", "ibn", "for", "and", "the", "&"}
_PLACE_PREPOSITIONS = {"in", "to", "from", "across", "throughout", "into", "within", "toward", "towards",
                       "near", "inside", "outside"}
_CLAUSE_WORDS = {"however", "moreover", "meanwhile", "ultimately", "despite", "although", "though",
                 "whereas", "while", "because", "since", "after", "before", "during", "through",
                 "unless", "until", "if", "when", "where", "yet", "so", "but", "or", "nor", "and",
                 "also", "then", "thus", "therefore", "instead", "still", "now", "today", "here"}
_RIGHT_STOPS = {"who", "which", "that", "whose", "whom", "when", "after", "before", "because", "as",
                "while", "but", "on", "in", "at", "during", "last", "this", "yesterday", "today",
                "earlier", "later", "told", "said", "in", "about"}
_TAIL_STARTS = {"in", "on", "at", "during", "after", "before", "last", "this", "yesterday", "today", "earlier",
                "later", "when", "while", "recently", "again", "publicly", "privately", "repeatedly"}
_PARTICLES = {"off", "up", "out", "down", "away", "back", "over"}
_OBJECT_PRONOUNS = {"it", "them", "him", "her", "this", "that", "these", "those", "us", "me", "himself", "herself", "itself"}
_NAMING_WORDS = {"called", "named", "dubbed", "nicknamed", "titled", "entitled", "known"}
_CLEAR_WORDS = {"clear", "simple", "plain", "unequivocal", "blunt", "firm", "unmistakable"}

#: Longest stretch (in tokens) searched for a speaker or for what a cue needs.
_WINDOW = 12
#: A quotation of at most this many words, with no sentence inside, and no
#: speaker, is taken for scare quotes.
_SCARE_MAX_WORDS = 5


# ---------------------------------------------------------------------------
# The word lists
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CueEntry:
    """One line of ``reporting_cues_en.txt``: a base verb, its category and what must follow."""

    base: str
    category: str
    needs: str


@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules use, read from ``helpers/data`` (see the module help)."""

    cues: dict
    agentless: dict
    nominals: dict
    vague: dict
    titles: frozenset
    org_words: frozenset
    non_person: frozenset
    stopwords: frozenset
    cue_lengths: tuple = ()
    agentless_lengths: tuple = ()
    first_words: frozenset = frozenset()


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase) if t.kind != "punct" or t.text == "&")


@lru_cache(maxsize=4)
def load_lexicon(
    cues: str = "reporting_cues_en.txt",
    agentless: str = "agentless_cues_en.txt",
    nominals: str = "nominal_cues_en.txt",
    vague: str = "vague_sources_en.txt",
    titles: str = "titles_en.txt",
    organisations: str = "organisation_words_en.txt",
    non_person: str = "non_person_words_en.txt",
) -> Lexicon:
    """Read the seven word lists the attribution rules use.

    Pass the path of your own copy of a list to try a change without editing
    the project's files.

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> lexicon.cues[("argued",)].category, lexicon.cues[("made", "it", "clear")].category
    ('argumentative', 'emphatic')
    >>> lexicon.vague["critics"], lexicon.nominals["account"]
    ('people', 'neutral')
    """
    cue_map = {}
    for base, category, forms, needs in read_table(cues, 4):
        if category not in CUE_CATEGORIES and category != "inherit":
            raise ValueError(f"{cues}: unknown category {category!r} for {base!r} (use one of {', '.join(CUE_CATEGORIES)}).")
        entry = CueEntry(base, category, needs)
        for form in forms.split(","):
            if form.strip():
                cue_map[_phrase_key(form)] = entry
    agentless_map = {}
    for phrase, category, reduced in read_table(agentless, 3):
        agentless_map[_phrase_key(phrase)] = (category, reduced.lower() == "yes")
    return Lexicon(
        cues=cue_map,
        agentless=agentless_map,
        nominals={normalize_quotes(k).lower(): v for k, v in read_table(nominals)},
        vague={normalize_quotes(k).lower(): v for k, v in read_table(vague)},
        titles=frozenset(_phrase_key(t) for t in read_list(titles)),
        org_words=frozenset(w.lower() for w in read_list(organisations)),
        non_person=frozenset(w.lower() for w in read_list(non_person)),
        stopwords=load_stopwords(),
        cue_lengths=tuple(sorted({len(k) for k in cue_map}, reverse=True)),
        agentless_lengths=tuple(sorted({len(k) for k in agentless_map}, reverse=True)),
        first_words=frozenset(k[0] for k in list(cue_map) + list(agentless_map) if k),
    )


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """One attribution. Offsets index ``Article.text`` as stored.

    ``sentence_start``/``sentence_end`` cover every sentence the attribution
    spans (a quotation can run over several). ``speaker``, ``cue`` and
    ``quote`` are None when there is none; ``speaker_start``/``speaker_end``,
    ``cue_start``/``cue_end`` and ``quote_start``/``quote_end`` give their
    places (the quotation's span runs from the first quoted word to the last,
    and ``quote`` joins its pieces with " … ").
    """

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    speaker_type: str
    cue: str | None
    cue_category: str | None
    kind: str
    quote: str | None
    rule: str
    cue_start: int | None = None
    cue_end: int | None = None
    quote_start: int | None = None
    quote_end: int | None = None

    @property
    def is_explicit(self) -> bool:
        """True when a source is given (a person, an organisation or a group)."""
        return self.speaker_type != "none"

    @property
    def is_named(self) -> bool:
        """True when the source is a named person or organisation."""
        return self.speaker_type in ("person", "organization")

    @property
    def anchor(self) -> tuple[int, int]:
        """The span that identifies it: the cue, or the quotation when there is no cue."""
        if self.cue_start is not None:
            return self.cue_start, self.cue_end
        if self.quote_start is not None:
            return self.quote_start, self.quote_end
        return self.sentence_start, self.sentence_end

    def to_dict(self) -> dict:
        """A plain dict (the JSON record of ``python -m helpers sources --json``)."""
        return asdict(self)


@dataclass(frozen=True)
class NearMiss:
    """Something that looked like an attribution and was refused, with the guard that refused it."""

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    start: int
    end: int
    text: str
    guard: str
    reason: str


@dataclass(frozen=True)
class UnsourcedSentence:
    """A sentence with no named or described source, and what may make it a claim to check."""

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    reasons: tuple


# ---------------------------------------------------------------------------
# The document being read
# ---------------------------------------------------------------------------


@dataclass
class _Speaker:
    """A speaker phrase with its type and why."""

    start: int
    end: int
    text: str
    type: str
    resolved: str | None
    reason: str
    head: str  # pronoun, person, organization, place, group, document, role, abstract
    pronoun: str | None = None
    apposition: bool = False
    role: bool = False  # a definite role with no name ("the prime minister's spokesman")


@dataclass
class _Found:
    """An attribution while it is being built (made frozen at the end)."""

    sentence: Sentence
    last_sentence: Sentence
    speaker: _Speaker | None
    cue: tuple | None  # (start, end)
    category: str | None
    kind: str
    rule: str
    quotes: list = field(default_factory=list)


class _Document:
    """Everything the rules need to know about one article, computed once."""

    def __init__(self, article: Article, lexicon: Lexicon):
        self.article = article
        self.text = article.text
        self.lex = lexicon
        self.tokens = tokenize(self.text)
        self.starts = [t.start for t in self.tokens]
        self.norms = [normalize_quotes(t.text).lower() for t in self.tokens]
        self.sentences = split_sentences(article)
        self.quotations = find_quotations(self.text)
        self.quote_parts = sorted(p for q in self.quotations for p in q.parts)
        self.quote_starts = {p[0] + offset for p in self.quote_parts for offset in (0, 1)}
        self.part_starts = [p[0] for p in self.quote_parts]
        self.lower_words = {n for t, n in zip(self.tokens, self.norms) if t.kind == "word" and t.text.islower()}
        self.cue_forms = {form[0] for form in lexicon.cues}
        self.common = self._common_starts()
        self.runs = self._name_runs()
        self.places = self._places()
        self.persons, self.surnames, self.full_names = self._people()
        self.near_misses: list[NearMiss] = []

    # -- tokens --------------------------------------------------------------
    def token_range(self, start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def in_quote(self, position: int) -> bool:
        i = bisect.bisect_right(self.part_starts, position) - 1
        return i >= 0 and self.quote_parts[i][0] <= position < self.quote_parts[i][1]

    def is_cap(self, i: int) -> bool:
        """A capitalised word that may be part of a name (not a common word starting a sentence)."""
        token = self.tokens[i]
        return token.kind == "word" and token.text[0].isupper() and i not in self.common

    def is_adverb(self, i: int) -> bool:
        norm = self.norms[i]
        return norm in _ADVERBS or (
            norm.endswith("ly") and norm not in _NOT_ADVERBS and self.tokens[i].text.islower() and len(norm) > 3
        )

    def is_title(self, i: int, j: int) -> bool:
        return tuple(self.norms[i:j]) in self.lex.titles

    def title_at(self, i: int, limit: int) -> int:
        """Length in tokens of the longest title starting at token i (0 if none)."""
        for length in (4, 3, 2, 1):
            if i + length <= limit and self.is_title(i, i + length):
                return length
        return 0

    def is_content_word(self, i: int) -> bool:
        """A lower-case word that can modify a noun (not a function word, not a cue)."""
        token = self.tokens[i]
        norm = self.norms[i]
        return (
            token.kind in ("word", "number")
            and (not token.text[0].isupper() or i in self.common)
            and norm not in self.lex.stopwords
            and norm not in _CLAUSE_WORDS
            and norm not in _AUX
            and (norm not in self.cue_forms or norm in self.lex.vague)
            and not self.is_adverb(i)
        )

    # -- names ---------------------------------------------------------------
    def _common_starts(self) -> set:
        """Capitalised words that only start a sentence ("Critics argue", "While ...")."""
        common = set()
        for sentence in self.sentences:
            a, b = self.token_range(sentence.start, sentence.end)
            for i in range(a, b):
                token = self.tokens[i]
                if token.kind == "word" and token.text[0].isupper() and self._common_start(i, a):
                    common.add(i)
        return common

    def _name_runs(self) -> list[tuple[int, int]]:
        """Token ranges of capitalised names (sentence-initial common words left out)."""
        runs = []
        for sentence in self.sentences:
            if not sentence.is_prose:
                continue  # headings are in title case: "Looking Ahead" is not a name
            a, b = self.token_range(sentence.start, sentence.end)
            i = a
            while i < b:
                if self.is_cap(i):
                    j = i + 1
                    while j < b:
                        if self.is_cap(j):
                            j += 1
                        elif self.tokens[j].text == "." and self.title_at(j - 1, j) and j + 1 < b and self.is_cap(j + 1):
                            j += 1
                        elif (
                            self.norms[j] in _NAME_CONNECTORS
                            and self.norms[j] != "and"
                            and j + 1 < b
                            and self.is_cap(j + 1)
                            and self.tokens[j].text.islower()
                        ):
                            j += 1
                        else:
                            break
                    runs.append((i, j))
                    i = j
                else:
                    i += 1
        return runs

    def _common_start(self, i: int, sentence_first: int) -> bool:
        """A capitalised word that only starts a sentence (or follows a quote mark) is a common word."""
        first = i == sentence_first or (
            i > sentence_first
            and (self.tokens[i].start in self.quote_starts or self.tokens[i - 1].text in {"—", "–", ":"})
        )
        if not first:
            return False
        norm = self.norms[i]
        text = self.tokens[i].text
        if len(text) > 1 and text.replace(".", "").isupper():
            return False  # "US", "NATO", "U.S." keep their capitals
        return (
            norm in self.lower_words
            or norm in self.lex.stopwords
            or norm in _CLAUSE_WORDS
            or norm in self.lex.vague
            or norm in self.cue_forms
            or norm in _SUBJECT_PRONOUNS
            or norm in _POSSESSIVE_PRONOUNS
        )

    def name_part(self, a: int, b: int) -> tuple[int, int]:
        """The person-name part of a run: what follows its last title ("Secretary Kristi Noem" → "Kristi Noem")."""
        last_title_end = None
        i = a
        while i < b:
            length = self.title_at(i, b)
            if length:
                i += length
                while i < b and self.tokens[i].text == ".":
                    i += 1
                last_title_end = i
            else:
                i += 1
        if last_title_end is not None and last_title_end < b:
            start = last_title_end
            while start < b and (self.norms[start] in _NAME_CONNECTORS or not self.is_cap(start)):
                start += 1
            return (start, b) if start < b else (a, b)
        return a, b

    def run_has(self, a: int, b: int, words) -> bool:
        return any(self.norms[k] in words for k in range(a, b))

    def has_title(self, a: int, b: int) -> bool:
        if any(self.title_at(k, b) for k in range(a, b)):
            return True
        # a lower-case title just before the run: "librarian Joe Park", "board chair Priya Natarajan"
        return a > 0 and any(self.is_title(a - n, a) for n in (1, 2) if a - n >= 0)

    def _people(self) -> tuple[set, dict, dict]:
        """Names that are people: with a title, or of two or more plain capitalised words.

        Also returns, per surname, every full name with it in order:
        (token index, name, whether the name only modifies what follows, as in
        "Cherie Blair's chambers").
        """
        persons, surnames, full_names = set(), {}, {}
        for a, b in self.runs:
            p, q = self.name_part(a, b)
            if self.run_has(p, q, self.lex.org_words) or self.run_has(p, q, self.lex.non_person):
                continue
            if self.run_key(a, b) in self.places and not self.has_title(a, b):
                continue
            words = [self.tokens[k].text for k in range(p, q) if self.is_cap(k)]
            titled = self.has_title(a, b) and not all(self.title_at(k, q) for k in range(p, q))
            plain = q - p >= 2 and all(self.is_cap(k) for k in range(p, q)) and not any(
                any(part.isupper() and len(part) > 1 for part in re.split(r"[-.]", self.tokens[k].text)) for k in range(p, q)
            )
            if plain and not titled and self.common_plural(words[-1]):
                continue  # "Harbourline Ferries" when the article also says "the ferries"
            if (titled or plain) and words:
                name = " ".join(words)
                persons.add(name)
                surname = normalize_quotes(words[-1]).lower()
                if len(name) > len(surnames.get(surname, "")):
                    surnames[surname] = name
                if len(words) >= 2:
                    full_names.setdefault(surname, []).append((a, name, self._modifies(b)))
        return persons, surnames, full_names

    def _modifies(self, b: int) -> bool:
        """True if the name ending before token ``b`` is a possessive before another name."""
        return (
            b + 1 < len(self.tokens)
            and self.norms[b] in ("'s", "'")
            and self.is_cap(b + 1)
        )

    def _places(self) -> set:
        places = set()
        for a, b in self.runs:
            if a > 0 and self.norms[a - 1] in _PLACE_PREPOSITIONS or (
                a > 1 and self.norms[a - 1] == "the" and self.norms[a - 2] in _PLACE_PREPOSITIONS
            ):
                if not self.has_title(a, b):
                    places.add(self.run_key(a, b))
        return places

    def common_plural(self, word: str) -> bool:
        """A plural that the article also uses as a common noun ("Ferries" and "the ferries"):
        a name ending in it is a company or a place, not a person."""
        norm = normalize_quotes(word).lower()
        return norm.endswith("s") and not norm.endswith("ss") and norm in self.lower_words

    def run_key(self, a: int, b: int) -> str:
        return " ".join(self.norms[a:b])

    def run_at(self, i: int) -> tuple[int, int] | None:
        for a, b in self.runs:
            if a <= i < b:
                return a, b
        return None

    def canonical_person(self, a: int, b: int) -> str:
        """The fullest form of a person's name seen in the article ("Rubio" → "Marco Rubio")."""
        p, q = self.name_part(a, b)
        words = [self.tokens[k].text for k in range(p, q) if self.tokens[k].kind == "word"]
        if not words:
            return self.span_text(a, b)
        surname = normalize_quotes(words[-1]).lower()
        full = self.surnames.get(surname)
        # Two people can share a surname ("Tony Blair", "Cherie Blair"): take the
        # latest full name before the mention, passing over names that only
        # modify another ("Cherie Blair's Matrix Chambers").
        earlier = [entry for entry in self.full_names.get(surname, ()) if entry[0] < a]
        speaking = [entry for entry in earlier if not entry[2]]
        if speaking:
            full = speaking[-1][1]
        elif earlier:
            full = None  # only a modifier before it: no evidence of who speaks
        name = " ".join(words)
        return full if full and len(full) >= len(name) and full.endswith(words[-1]) else name

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.tokens[a].start : self.tokens[b - 1].end]

    def sentence_at(self, position: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None

    def refuse(self, sentence: Sentence, a: int, b: int, guard: str, detail: str = "") -> None:
        start, end = self.tokens[a].start, self.tokens[b - 1].end
        reason = GUARDS[guard] + (f" ({detail})" if detail else "")
        self.near_misses.append(
            NearMiss(self.article.file, sentence.start, sentence.end, sentence.text, start, end, self.text[start:end], guard, reason)
        )


# ---------------------------------------------------------------------------
# Speakers: finding the phrase and deciding its type
# ---------------------------------------------------------------------------


def _unit_left(doc: _Document, j: int, first: int) -> int | None:
    """Start of the noun phrase ending at token j, walking left; None if j cannot end one."""
    token, norm = doc.tokens[j], doc.norms[j]
    if norm in _SUBJECT_PRONOUNS:
        return j
    if not (doc.is_cap(j) or doc.is_content_word(j) or norm in doc.lex.vague or token.kind == "number"):
        return None
    k = j - 1
    modifiers = 0
    joined = False
    cap_head = doc.is_cap(j)
    while k >= first:
        t, n = doc.tokens[k], doc.norms[k]
        if t.kind == "clitic" and k - 1 >= first:
            k -= 1  # the owner comes next: "the library['s]"
            cap_head = doc.is_cap(k)
            continue
        if doc.is_cap(k):
            if modifiers and not cap_head and doc.is_content_word(k + 1) and k + 2 <= j and doc.is_cap(k + 2):
                break  # "the U.S. pays El Salvador": a lower-case word between names is a verb
            k -= 1
            continue
        if cap_head and doc.is_title(k, k + 1):
            k -= 1  # "librarian Joe Park"
            continue
        if cap_head and n in doc.lex.org_words and t.text.islower():
            cap_head = False  # "the hospital group Carewell"
            k -= 1
            continue
        if cap_head and k - 1 >= first and doc.is_title(k - 1, k + 1):
            k -= 2  # "board chair", "council member"
            continue
        if t.text == "." and k - 1 >= first and doc.title_at(k - 1, k):
            k -= 1
            continue
        if n in _NAME_CONNECTORS and n != "and" and k - 1 >= first and doc.is_cap(k - 1) and doc.is_cap(k + 1):
            k -= 1
            continue
        if n == "and" and not joined and k - 1 >= first and (
            (doc.is_cap(k - 1) and doc.is_cap(k + 1)) or (doc.is_content_word(k - 1) and doc.is_content_word(k + 1))
        ):
            joined = True
            k -= 1
            continue
        if n in _DETERMINERS or n in _QUANTIFIERS or n in _POSSESSIVE_PRONOUNS:
            return k
        if doc.is_content_word(k) and modifiers < 4 and not cap_head:
            if k - 1 >= first and doc.norms[k - 1] == "to":
                break  # "to accept ...": a verb, not a modifier
            modifiers += 1
            k -= 1
            continue
        break
    return k + 1


def _chain_left(doc: _Document, j: int, first: int) -> tuple[int, int] | None:
    """The speaker phrase ending at token j: a noun phrase with up to two linked parts
    ("Critics of these deportations", "a study published this week", "Officials in both countries")."""
    start = _unit_left(doc, j, first)
    if start is None:
        return None
    if doc.norms[j] in _SUBJECT_PRONOUNS:
        return j, j + 1
    hops = 0
    while hops < 2 and start - 1 >= first:
        k = start - 1
        n = doc.norms[k]
        link = None
        if n in _CHAIN_WORDS and doc.tokens[k].text.islower():
            link = k
        elif k - 1 >= first and (doc.norms[k - 1], n) in _CHAIN_PAIRS:
            link = k - 1
        elif n.endswith("ed") and doc.tokens[k].text.islower() and n not in doc.cue_forms:
            link = k  # a participle: "a study published this week"
        if link is None or link - 1 < first:
            break
        earlier = _unit_left(doc, link - 1, first)
        if earlier is None or doc.norms[link - 1] in _SUBJECT_PRONOUNS:
            break
        start = earlier
        hops += 1
    return start, j + 1


def _chain_right(doc: _Document, i: int, last: int, stop_at_cue: bool = False) -> tuple[int, int] | None:
    """A speaker phrase starting at token i and running right ("said librarian Joe Park, who ...")."""
    if i >= last:
        return None
    if doc.norms[i] in _SUBJECT_PRONOUNS:
        return i, i + 1
    j = i
    while j < last and j - i < _WINDOW:
        t, n = doc.tokens[j], doc.norms[j]
        if t.kind == "clitic" and j > i and j + 1 < last and doc.tokens[j + 1].kind == "word":
            j += 1  # a possessive: "the utility's own estimate"
            continue
        if t.kind == "punct" and not (t.text == "." and j > i and doc.title_at(j - 1, j)) and t.text not in "&'’":
            break
        if t.kind == "punct" and t.text in "'’" and not (j + 1 < last and doc.is_cap(j + 1)):
            # a plural possessive ("the Workers' Union") continues only before a capital
            if not (j > i and doc.norms[j - 1].endswith("s")):
                break
        if j > i and n in _RIGHT_STOPS and not (n in _CHAIN_WORDS and j + 1 < last and (doc.is_cap(j + 1) or doc.norms[j + 1] in _DETERMINERS)):
            break
        if j > i and n in _AUX:
            break
        if stop_at_cue and j > i and _cue_at(doc, j, last):
            break
        if n == "and" and not (j > i and doc.is_cap(j - 1) and j + 1 < last and (doc.is_cap(j + 1) or doc.title_at(j + 1, last))):
            break
        j += 1
    while j > i and (doc.tokens[j - 1].kind == "punct" and doc.tokens[j - 1].text != "." or doc.norms[j - 1] in _CHAIN_WORDS | {"and", "the"}):
        j -= 1
    return (i, j) if j > i else None


def _units(doc: _Document, a: int, b: int) -> list[tuple[int, int, str]]:
    """Split a speaker phrase at its links: [(start, end, link word before it)]."""
    units = []
    start, link = a, ""
    k = a
    while k < b:
        n = doc.norms[k]
        pair = k + 1 < b and (n, doc.norms[k + 1]) in _CHAIN_PAIRS
        inside_name = k > a and doc.is_cap(k - 1) and k + 1 < b and doc.is_cap(k + 1) and n in _NAME_CONNECTORS
        participle = n.endswith("ed") and doc.tokens[k].text.islower() and k > a
        if k > start and not inside_name and (pair or (n in _CHAIN_WORDS and doc.tokens[k].text.islower()) or participle):
            units.append((start, k, link))
            link = f"{n} {doc.norms[k + 1]}" if pair else n
            k += 2 if pair else 1
            start = k
            continue
        k += 1
    if start < b:
        units.append((start, b, link))
    return units or [(a, b, "")]


def _head(doc: _Document, a: int, b: int) -> int:
    """The head word of a unit: its last word (the owner of "'s" is not the head)."""
    k = b - 1
    while k > a and doc.tokens[k].kind in ("punct", "clitic"):
        k -= 1
    return k


def _possessor(doc: _Document, a: int, b: int) -> tuple[int, int] | None:
    """The owner in "the library's annual report" or "Noem's speeches" (token range)."""
    for k in range(a, b):
        if doc.tokens[k].kind == "clitic" and k > a:
            owner_start = a
            return owner_start, k
    if doc.norms[a] in _POSSESSIVE_PRONOUNS:
        return a, a + 1
    return None


def _named_org_in(doc: _Document, a: int, b: int) -> tuple[int, int] | None:
    for ra, rb in doc.runs:
        if ra >= a and rb <= b and (doc.run_has(ra, rb, doc.lex.org_words) or doc.run_key(ra, rb) in doc.places):
            return ra, rb
    return None


def _only_starts_sentences(doc: _Document, i: int) -> bool:
    """True if this capitalised word appears nowhere in the article except at the start of a sentence."""
    starts = {bisect.bisect_left(doc.starts, s.start) for s in doc.sentences}
    norm = doc.norms[i]
    return all(k in starts for k, n in enumerate(doc.norms) if n == norm)


def _org_word(doc: _Document, i: int) -> bool:
    norm = doc.norms[i]
    return norm in doc.lex.org_words or (norm.endswith("s") and norm[:-1] in doc.lex.org_words)


def _is_role_plural(doc: _Document, i: int) -> bool:
    """ "lawyers", "spokespeople": people who speak for someone else when "for" follows."""
    norm = doc.norms[i]
    return norm in ("spokespeople", "representatives", "officials") or (norm.endswith("s") and doc.lex.vague.get(norm[:-1]) == "role")


def _vague_kind(doc: _Document, i: int) -> str | None:
    norm = doc.norms[i]
    kind = doc.lex.vague.get(norm)
    if kind:
        return kind
    if norm.endswith("s") and doc.lex.vague.get(norm[:-1]) == "role":
        return "people"
    return None


def _classify_unit(doc: _Document, a: int, b: int, position: int) -> _Speaker:
    """Decide what a single noun phrase is, and say why."""
    text = doc.span_text(a, b)
    h = _head(doc, a, b)
    head, head_text = doc.norms[h], doc.tokens[h].text
    first = doc.norms[a]

    def make(kind_type, resolved, reason, head_kind):
        return _Speaker(doc.tokens[a].start, doc.tokens[b - 1].end, text, kind_type, resolved, reason, head_kind)

    if b - a == 1 and head in _SUBJECT_PRONOUNS:
        return _Speaker(doc.tokens[a].start, doc.tokens[a].end, text, "person", None, "a pronoun", "pronoun", head)
    owner = _possessor(doc, a, b)
    if owner and head in doc.lex.nominals:
        # "Noem's speeches", "her remarks": the owner speaks
        inner = _classify_unit(doc, owner[0], owner[1], position) if owner[1] - owner[0] >= 1 and doc.norms[owner[0]] not in _POSSESSIVE_PRONOUNS else None
        if inner is None:
            pronoun = _POSSESSIVE_PRONOUNS[doc.norms[owner[0]]]
            sp = _Speaker(doc.tokens[owner[0]].start, doc.tokens[owner[0]].end, doc.tokens[owner[0]].text, "person", None,
                          f"the owner of “{head_text}”", "pronoun", pronoun)
            return sp
        inner.reason = f"the owner of “{head_text}”: " + inner.reason
        return inner
    vague = _vague_kind(doc, h)
    if vague in ("people", "quantifier"):
        return make("group", text, f"“{head_text}” is a vague source in vague_sources_en.txt", "group")
    if vague == "role" and not doc.has_title(h, h + 1):
        return make("group", text, f"“{head_text}” is one unnamed person: an anonymous source", "role")
    if vague == "document":
        if owner and owner[1] - owner[0] == 1 and doc.norms[owner[0]] in ("their", "its"):
            speaker = make("organization", None, f"a document (“{head_text}”) of “{doc.tokens[owner[0]].text}”", "pronoun")
            speaker.pronoun = _POSSESSIVE_PRONOUNS[doc.norms[owner[0]]]
            return speaker
        if owner or any(doc.norms[k] in doc.lex.org_words for k in range(a, h)):
            return make("organization", text, f"a document (“{head_text}”) of a named or definite owner", "document")
        return make("group", text, f"“{head_text}” is a document or data with no named source", "document")
    if doc.title_at(h, h + 1) and not doc.is_cap(h):
        definite = first in ("the", "its", "his", "her", "their") or owner
        if definite:
            speaker = make("person", text, f"a role (“{head_text}”, in titles_en.txt) held by one known person", "person")
            speaker.role = True
            return speaker
        return make("group", text, f"an unnamed “{head_text}”: an anonymous source", "role")
    if doc.is_cap(h) and doc.has_title(a, b):
        p, q = doc.name_part(a, b)
        if q > p and not doc.title_at(p, q) and all(doc.is_cap(k) for k in range(p, q)):
            return make("person", doc.canonical_person(a, b), "a name with a title (titles_en.txt)", "person")
    if any(_org_word(doc, k) for k in range(a, b)):
        word = next(doc.tokens[k].text for k in range(a, b) if _org_word(doc, k))
        if head.endswith("s") and _org_word(doc, h) and not doc.is_cap(h) and first not in ("the", "its", "their") and not owner:
            return make("group", text, f"“{head_text}” with no name: unnamed organisations are a vague source", "group")
        resolved = text[4:] if text.lower().startswith("the ") else text
        return make("organization", resolved, f"“{word}” is in organisation_words_en.txt", "organization")
    if doc.is_cap(h):
        run = doc.run_at(h) or (a, b)
        ra = max(run[0], a)
        if doc.has_title(ra, b) and not all(doc.title_at(k, b) for k in range(doc.name_part(ra, b)[0], b)):
            return make("person", doc.canonical_person(ra, b), "a name with a title (titles_en.txt)", "person")
        if doc.title_at(h, h + 1):
            return make("person", text, f"a title (“{head_text}”) standing for one person", "person")
        key = doc.run_key(ra, b)
        surname = normalize_quotes(head_text).lower()
        if " ".join(doc.surnames.get(surname, "").lower().split()[-1:]) == surname and surname in doc.surnames:
            return make("person", doc.canonical_person(ra, b), f"“{doc.surnames[surname]}” is named as a person in the article", "person")
        if first in _QUANTIFIERS or (first in ("some", "many", "most") and head.endswith("s")):
            return make("group", text, f"“{doc.tokens[a].text}” before a plural: an unnamed part of a group", "group")
        if key in doc.places or doc.run_has(ra, b, doc.lex.non_person):
            return make("organization", text, "a place (it follows “in”, “to” or “from” in the article): "
                        "a place that speaks is its government", "place")
        if first == "the":
            return make("organization", text[4:], "“the” before a name: an organisation, not a person", "organization")
        if h > ra and doc.common_plural(head_text):
            return make("organization", text, f"the name ends in “{head_text}”, a plural the article also uses "
                        "as a common noun: a company or body, not a person", "organization")
        if ra == h and _only_starts_sentences(doc, h) and head.endswith("s") and not head.endswith("ss"):
            return make("group", text, f"“{head_text}” is capitalised only because it starts the sentence: "
                        "a plural common noun, so a vague group", "group")
        return make("person", doc.canonical_person(ra, b), "a capitalised name with no title or organisation word: "
                    "taken to be a person", "person")
    return make("none", None, f"“{head_text}” is not a person, an organisation or a group in the word lists", "abstract")


def _classify(doc: _Document, a: int, b: int, lenient: bool = False) -> _Speaker:
    """Decide what a speaker phrase is: its first part decides, a named organisation in a
    linked part ("organisations like Amnesty International") or an owner after "for"/"from"/"by"
    can make it an organisation."""
    units = _units(doc, a, b)
    first_a, first_b, _ = units[0]
    speaker = _classify_unit(doc, first_a, first_b, doc.tokens[a].start)
    speaker.start, speaker.end, speaker.text = doc.tokens[a].start, doc.tokens[b - 1].end, doc.span_text(a, b)
    if speaker.type == "group" and speaker.head in ("group", "role", "document"):
        speaker.resolved = speaker.text
    if speaker.head in ("group", "role", "document") and len(units) > 1:
        for ua, ub, link in units[1:]:
            named = _named_org_in(doc, ua, ub)
            inner = _classify_unit(doc, ua, ub, doc.tokens[ua].start)
            if link in ("like", "such as", "including") and named:
                speaker.type, speaker.resolved = "organization", doc.span_text(*named)
                speaker.reason = f"a vague source with a named example (“{speaker.resolved}”)"
                break
            representative = speaker.head == "role" or (link == "for" and speaker.head == "group" and _is_role_plural(doc, first_b - 1))
            if link in ("for", "from", "by", "of", "at") and (representative or speaker.head == "document") and inner.type == "organization":
                speaker.type, speaker.resolved = "organization", inner.resolved
                speaker.reason = f"speaks for, or comes from, an organisation (“{inner.resolved}”)"
                break
    if speaker.head == "person" and len(units) == 1 and doc.run_has(a, b, {"and"}):
        # two people: "Rubio and President Bukele"
        names = []
        for ra, rb in doc.runs:
            if ra >= a and rb <= b:
                names.append(doc.canonical_person(ra, rb))
        if len(names) >= 2:
            speaker.resolved = " and ".join(names)
    if speaker.type == "none" and lenient:
        speaker.type, speaker.resolved = "group", speaker.text
        speaker.reason = "a source that is not named or described more closely: vague"
        speaker.head = "group"
    return speaker


def _is_speaker(speaker: _Speaker | None) -> bool:
    return speaker is not None and speaker.type != "none"


# ---------------------------------------------------------------------------
# Cues
# ---------------------------------------------------------------------------


def _cue_at(doc: _Document, i: int, limit: int):
    """The longest reporting cue starting at token i: (end token, CueEntry) or None."""
    if doc.norms[i] not in doc.lex.first_words:
        return None
    for length in doc.lex.cue_lengths:
        if i + length <= limit:
            entry = doc.lex.cues.get(tuple(doc.norms[i : i + length]))
            if entry:
                return i + length, entry
    return None


def _agentless_at(doc: _Document, i: int, limit: int):
    if doc.norms[i] not in doc.lex.first_words:
        return None
    for length in doc.lex.agentless_lengths:
        if i + length <= limit:
            entry = doc.lex.agentless.get(tuple(doc.norms[i : i + length]))
            if entry:
                return i + length, entry
    return None


def _skip_left(doc: _Document, j: int, first: int) -> tuple[int, bool]:
    """Skip auxiliaries and adverbs left of a cue: (new j, whether a form of "be" was skipped)."""
    passive = False
    while j >= first and (doc.norms[j] in _AUX or doc.is_adverb(j) or doc.tokens[j].kind == "clitic"):
        if doc.norms[j] in _BE or (doc.tokens[j].kind == "clitic" and doc.norms[j] == "'s"):
            passive = passive or doc.norms[j] in _BE
        j -= 1
    return j, passive


def _noun_after(doc: _Document, i: int, last: int) -> int | None:
    """A speech noun within three words after token i ("issued a stern warning")."""
    for k in range(i, min(last, i + 4)):
        if doc.norms[k] in doc.lex.nominals and doc.tokens[k].kind == "word":
            return k
        if doc.tokens[k].kind == "punct":
            return None
    return None


def _needs_met(doc: _Document, entry: CueEntry, end: int, last: int) -> tuple[bool, str]:
    """Does what follows the cue give it content? (False, reason) when not."""
    after = [k for k in range(end, min(last, end + _WINDOW))]
    words = [k for k in after if doc.tokens[k].kind in ("word", "number") or doc.tokens[k].text in QUOTE_MARKS]
    if not words:
        return False, "nothing follows the cue"
    needs = entry.needs
    if needs == "any":
        if doc.norms[words[0]] == "to" and entry.category in ("belief", "concern", "neutral") and entry.base not in ("offer", "promise", "pledge", "vow", "ask", "respond", "reply"):
            return False, "aim"
        return True, ""
    if needs == "that":
        for k in after[:7]:
            if doc.norms[k] == "that" or doc.tokens[k].text in QUOTE_MARKS or doc.tokens[k].text == ":":
                return True, ""
        if words and doc.norms[words[0]] == "to":
            return False, "aim"
        return False, "needs “that”, a colon or a quotation after it"
    if needs == "noun":
        return (_noun_after(doc, end, last) is not None), "needs a speech noun after it (nominal_cues_en.txt)"
    if needs == "complement":
        # "called it unique", "called the plan a disaster", "called the vote “a decision ...”"
        window = after[:9]
        if any(doc.tokens[k].text in QUOTE_MARKS for k in window):
            return True, ""
        if doc.norms[words[0]] in _OBJECT_PRONOUNS and len(words) > 1:
            return True, ""
        determiners = [k for k in window if doc.norms[k] in ("a", "an", "the")]
        if len(determiners) >= 2 or (determiners and determiners[0] != words[0]):
            return True, ""
        return False, "needs what the thing is called after it (“calling it ...”)"
    wanted = set(needs.split("/"))
    for k in after[:9]:
        if doc.norms[k] in wanted:
            return True, ""
        if doc.tokens[k].text in ".;":
            break
    return False, f"needs “{needs}” after it"


def _category(doc: _Document, entry: CueEntry, start: int, end: int, last: int) -> tuple[str, int]:
    """The cue's category and the end of the cue span (extended over a speech noun)."""
    noun = _noun_after(doc, end, last) if entry.needs == "noun" or entry.base == "express" else None
    if noun is not None:
        category = doc.lex.nominals[doc.norms[noun]] if entry.category in ("inherit",) or entry.base == "express" else entry.category
        return category, noun + 1
    return (entry.category if entry.category != "inherit" else "neutral"), end


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------


class _Finder:
    """Runs every rule over one document and collects what they find."""

    def __init__(self, doc: _Document):
        self.doc = doc
        self.found: list[_Found] = []
        self.used_cues: list[tuple[int, int]] = []  # token ranges already taken by a cue
        self.used_quotes: set[int] = set()

    # -- helpers -------------------------------------------------------------
    def taken(self, a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in self.used_cues)

    def add(self, sentence, speaker, cue, category, kind, rule, last_sentence=None) -> _Found:
        if cue is not None:
            self.used_cues.append(cue)
        item = _Found(sentence, last_sentence or sentence, speaker, None if cue is None else
                      (self.doc.tokens[cue[0]].start, self.doc.tokens[cue[1] - 1].end), category, kind, rule)
        self.found.append(item)
        return item

    def in_sentence(self, sentence: Sentence) -> list[_Found]:
        return [f for f in self.found if f.sentence.start <= sentence.start < f.last_sentence.end or f.sentence is sentence]

    # -- quotations first ----------------------------------------------------
    def quotes_with_speakers(self) -> None:
        doc = self.doc
        for number, quote in enumerate(doc.quotations):
            sentence = doc.sentence_at(quote.start) or doc.sentence_at(quote.content_start)
            last_sentence = doc.sentence_at(max(quote.end - 1, quote.start))
            if sentence is None or not sentence.is_prose:
                continue
            cue_sentence = last_sentence or sentence
            a, b = doc.token_range(quote.end, cue_sentence.end)
            i = a
            while i < b and doc.tokens[i].text in ",—–-" + "".join(QUOTE_MARKS):
                i += 1
            if i >= b:
                continue
            # “...,” said X
            cue = _cue_at(doc, i, b)
            if cue and not doc.norms[i].endswith("ing"):
                span = _chain_right(doc, cue[0], b)
                if span:
                    speaker = _classify(doc, *span)
                    if _is_speaker(speaker):
                        self._quote_found(number, quote, sentence, cue_sentence, speaker, (i, cue[0]), cue[1])
                        continue
            # “...,” X said  /  “...,” X, a company lawyer, said
            span = _chain_right(doc, i, b, stop_at_cue=True)
            after = span[1] if span else b
            if span and after < b and doc.tokens[after].text == ",":
                closing = next((k for k in range(after + 1, min(b, after + 10)) if doc.tokens[k].text == ","), None)
                if closing is not None and closing + 1 < b and _cue_at(doc, closing + 1, b):
                    after = closing + 1
            if span and after < b:
                cue = _cue_at(doc, after, b)
                if cue:
                    speaker = _classify(doc, *span)
                    if _is_speaker(speaker):
                        self._quote_found(number, quote, sentence, cue_sentence, speaker, (after, cue[0]), cue[1])

    def _quote_found(self, number, quote, sentence, cue_sentence, speaker, cue, entry) -> None:
        doc = self.doc
        category, cue_end = _category(doc, entry, cue[0], cue[1], len(doc.tokens))
        first = sentence if sentence.start <= cue_sentence.start else cue_sentence
        item = self.add(first, speaker, (cue[0], cue_end), category, "direct", "quote-then-speaker",
                        last_sentence=cue_sentence if cue_sentence.end >= first.end else first)
        item.quotes.append(quote)
        self.used_quotes.add(number)

    # -- cues in each sentence -----------------------------------------------
    def sentence_rules(self, sentence: Sentence) -> None:
        doc = self.doc
        a, b = doc.token_range(sentence.start, sentence.end)
        i = a
        while i < b:
            if doc.in_quote(doc.tokens[i].start) or self.taken(i, i + 1):
                i += 1
                continue
            handled = self.try_agentless(sentence, i, a, b) or self.try_cue(sentence, i, a, b)
            i = handled if handled else i + 1
        self.nominal_rules(sentence, a, b)
        self.agentless_pairs(sentence, a, b)

    def try_agentless(self, sentence, i, first, last) -> int | None:
        doc = self.doc
        match = _agentless_at(doc, i, last)
        if not match:
            return None
        end, (category, reduced) = match
        j, passive = _skip_left(doc, i - 1, first)
        cue_start = j + 1 if passive else i
        if passive and category != "belief" and j >= first and (doc.norms[j] == "to" or any(
            doc.norms[k] in _MODALS for k in range(j + 1, i)
        )):
            doc.refuse(sentence, max(first, j), end, "prediction")
            return end
        if not passive:
            # "has been praised" skips "been"; "is widely seen as" skips "widely"
            if not reduced:
                return None
            if j < first:
                return None
            if _is_speaker(self._subject_if_active(i, first, last)):
                return None  # "Rubio praised ..." is active, not a reduced passive
            if self.taken(i, end):
                return None
        # "... by critics": the agent is named after all
        k = end
        while k < last and k - end < 4 and doc.norms[k] != "by" and doc.tokens[k].kind != "punct":
            k += 1
        if k < last and doc.norms[k] == "by":
            span = _chain_right(doc, k + 1, last)
            if span:
                speaker = _classify(doc, *span)
                if _is_speaker(speaker):
                    self.add(sentence, speaker, (cue_start, end), category, "indirect", "passive-with-agent")
                    return end
        self.add(sentence, None, (cue_start, end), category, "implicit", "agentless-passive" if passive else "agentless-reduced")
        return end

    def _subject_if_active(self, i, first, last) -> _Speaker | None:
        """The noun phrase right before a participle, if it could be its subject ("The court deemed ...")."""
        doc = self.doc
        j, _ = _skip_left(doc, i - 1, first)
        if j < first or doc.tokens[j].kind == "punct":
            return None
        start = _unit_left(doc, j, first)
        return _classify(doc, start, j + 1) if start is not None else None

    def try_cue(self, sentence, i, first, last) -> int | None:
        doc = self.doc
        match = _cue_at(doc, i, last)
        if not match:
            return None
        end, entry = match
        norm = doc.norms[i]
        if end - i == 1 and end < last and doc.norms[end] in _PARTICLES:
            return None  # a phrasal verb: "called off", "made up", "backed down"
        if entry.base == "according to":
            return self.according_to(sentence, i, end, entry, last)
        # naming: "a prison called CECOT", "known as"
        if norm in _NAMING_WORDS and entry.base == "call" and self._is_naming(i, end, first, last):
            doc.refuse(sentence, i, min(last, end + 2), "naming")
            return end
        j, passive = _skip_left(doc, i - 1, first)
        if passive and not norm.endswith("ing") and entry.base not in ("concerned", "worry"):
            return None  # a passive not in agentless_cues_en.txt: leave it
        if j >= first and (doc.norms[j] in _DETERMINERS or doc.norms[j] in _POSSESSIVE_PRONOUNS) and j == i - 1:
            return None  # "the offer", "her remarks": a noun, not a verb
        # follow-on: ", calling it ...", ", arguing that ..."
        if j >= first and doc.tokens[j].text == "," and norm.endswith("ing") and j == i - 1:
            return self.follow_on(sentence, i, end, entry, first, last)
        # a second verb of the same subject: "... and described the report as ..."
        if j >= first and doc.norms[j] == "and" and j == i - 1:
            return self.shared_subject(sentence, i, end, entry, first, last)
        if any(doc.norms[k] in _NEGATIONS for k in range(max(first, j + 1), i)) or (
            j >= first and doc.norms[j] in ("declined", "refused") or (j - 1 >= first and doc.norms[j] == "to" and doc.norms[j - 1] in ("declined", "refused"))
        ):
            doc.refuse(sentence, max(first, j), end, "negated")
            return end
        subject, who = self.find_subject(sentence, i, j, first)
        # inverted "..., said the mayor."
        if subject is None and j >= first and doc.tokens[j].text == "," and j == i - 1 and not norm.endswith("ing"):
            span = _chain_right(doc, end, last)
            if span and span[1] >= last - 1 and doc.norms[span[0]] not in _SUBJECT_PRONOUNS:
                speaker = _classify(doc, *span)
                if _is_speaker(speaker):
                    category, cue_end = _category(doc, entry, i, end, last)
                    self.add(sentence, speaker, (i, cue_end), category, "indirect", "content-then-speaker")
                    return end
        if subject is None:
            ok, why = _needs_met(doc, entry, end, last)
            if why == "aim":
                doc.refuse(sentence, who[0] if who else i, end, "aim")
            elif who and (who[1] != "author-claim" or self._looks_like_subject(who[0], i)):
                doc.refuse(sentence, who[0], end, who[1], who[2] if len(who) > 2 else "")
            return end
        return self.speaker_cue(sentence, subject, i, end, entry, first, last)

    def according_to(self, sentence, i, end, entry, last) -> int:
        doc = self.doc
        span = _chain_right(doc, end, last)
        if span is None:
            doc.refuse(sentence, i, end, "no-content", "no source after “according to”")
            return end
        speaker = _classify(doc, *span, lenient=True)
        self.add(sentence, speaker, (i, end), entry.category, "indirect", "according-to")
        return span[1]

    def _looks_like_subject(self, a, i) -> bool:
        """A refused subject worth reporting: it starts with a determiner or a capital ("This move", "The deal")
        and the cue is not a noun ("the recent offer")."""
        doc = self.doc
        starts = doc.norms[a] in _DETERMINERS or doc.norms[a] in _POSSESSIVE_PRONOUNS or doc.tokens[a].text[0].isupper()
        return starts and doc.norms[i] not in doc.lex.nominals

    def _is_naming(self, i, end, first, last) -> bool:
        doc = self.doc
        k = end
        if k < last and doc.tokens[k].text in QUOTE_MARKS:
            k += 1
        if k >= last or not doc.is_cap(k):
            return False
        before = i - 1
        return before >= first and (doc.tokens[before].kind == "word" and not _is_speaker(self._subject_if_active(i, first, last)))

    def find_subject(self, sentence, i, j, first):
        """The speaker left of a cue. Returns (speaker, None) or (None, (token, guard, detail))."""
        doc = self.doc
        if j < first:
            return None, None
        token = doc.tokens[j]
        if doc.norms[j] == "who":
            m = j - 1
            if m >= first and doc.tokens[m].text == ",":
                m -= 1
            span = _chain_left(doc, m, first) if m >= first else None
            if span:
                speaker = _classify(doc, *span)
                if _is_speaker(speaker):
                    return speaker, None
            return None, None
        # a relative clause without commas: "Officials who oversee the plan say"
        for k in range(j, max(first - 1, j - 8), -1):
            if doc.tokens[k].kind == "punct":
                break
            if doc.norms[k] == "who" and k - 1 >= first:
                span = _chain_left(doc, k - 1, first)
                if span:
                    speaker = _classify(doc, *span)
                    if _is_speaker(speaker):
                        return speaker, None
                break
        if token.text == ",":
            # an apposition or a relative clause between commas: "Reyes, who voted against it, said"
            k = j - 1
            while k >= first and doc.tokens[k].text != "," and j - k < 20:
                k -= 1
            if k >= first and doc.tokens[k].text == ",":
                inner = (k + 1, j)
                run = doc.run_at(k + 1)
                if run and run == (k + 1, j) and run[1] - run[0] >= 2:
                    speaker = _classify(doc, *inner)
                    if _is_speaker(speaker):
                        speaker.apposition = True
                        return speaker, None
                span = _chain_left(doc, k - 1, first) if k - 1 >= first else None
                if span:
                    speaker = _classify(doc, *span)
                    segment_first = doc.norms[k + 1] if k + 1 < j else ""
                    if segment_first in ("including", "like", "such"):
                        named = _named_org_in(doc, k + 1, j)
                        if named:
                            speaker.type, speaker.resolved = "organization", doc.span_text(*named)
                            speaker.reason = f"a vague source with a named example (“{speaker.resolved}”)"
                            speaker.end, speaker.text = doc.tokens[j - 1].end, doc.span_text(span[0], j)
                    elif segment_first in ("by", "from") and speaker.head == "document":
                        named = _named_org_in(doc, k + 1, j)
                        if named:
                            speaker.type, speaker.resolved = "organization", doc.span_text(*named)
                            speaker.reason = f"a document by a named organisation (“{speaker.resolved}”)"
                    if _is_speaker(speaker):
                        speaker.apposition = True
                        return speaker, None
                    return None, (span[0], "author-claim", f"“{speaker.text}”")
            return None, None
        if token.kind == "punct" or doc.norms[j] in _CLAUSE_WORDS:
            # "... stood in front of the inmates and issued a warning" is handled by shared-subject
            return None, None
        span = _chain_left(doc, j, first)
        if span is None:
            return None, None
        speaker = _classify(doc, *span)
        if speaker.head == "pronoun" and speaker.pronoun in ("we", "i"):
            return None, (span[0], "first-person", "")
        if not _is_speaker(speaker):
            return None, (span[0], "author-claim", f"“{speaker.text}”")
        return speaker, None

    def speaker_cue(self, sentence, speaker, i, end, entry, first, last) -> int:
        doc = self.doc
        a = bisect.bisect_left(doc.starts, speaker.start)
        # nested: "said it welcomed the research" (the cue is inside another's content)
        for item in self.in_sentence(sentence):
            if item.cue and item.cue[1] <= speaker.start and item.speaker is not None:
                between = doc.text[item.cue[1] : speaker.start].strip(" ,").lower()
                if between in ("", "that") and item.rule in ("speaker-cue-content", "speaker-then-quote"):
                    doc.refuse(sentence, a, end, "nested")
                    return end
        if speaker.head == "pronoun" and speaker.pronoun == "it" and entry.category not in ("neutral", "evidence"):
            doc.refuse(sentence, a, end, "author-claim", "“it” with a cue that is not neutral")
            return end
        if entry.category == "stance" and speaker.type == "organization":
            doc.refuse(sentence, a, end, "organisation-stance")
            return end
        if speaker.head == "document" and entry.category == "emphatic":
            doc.refuse(sentence, a, end, "document-emphasis")
            return end
        inverted = (
            entry.needs != "noun"
            and not getattr(speaker, "apposition", False)
            and speaker.start > doc.tokens[first].start
            and doc.text[: speaker.start].rstrip().endswith(",")
            and self._tail(end, last)
        )
        ok, why = (True, "") if inverted else _needs_met(doc, entry, end, last)
        if not ok:
            doc.refuse(sentence, a, end, "aim" if why == "aim" else "no-content", "" if why == "aim" else why)
            return end
        category, cue_end = _category(doc, entry, i, end, last)
        rule = "content-then-speaker" if inverted else "speaker-cue-content"
        if speaker.head in ("pronoun",) and speaker.text.lower() in _POSSESSIVE_PRONOUNS:
            rule = "speech-as-subject"
        elif _possessor(doc, a, bisect.bisect_left(doc.starts, speaker.end)) and speaker.reason.startswith("the owner of"):
            rule = "speech-as-subject"
        self.add(sentence, speaker, (i, cue_end), category, "indirect", rule)
        return cue_end

    def _tail(self, end, last) -> bool:
        """Only a short adverbial (or nothing) follows the cue: "..., the report shows." """
        doc = self.doc
        rest = [k for k in range(end, last) if doc.tokens[k].kind != "punct"]
        if not rest:
            return True
        return (
            len(rest) <= 5
            and doc.norms[rest[0]] in _TAIL_STARTS
            and not any(doc.norms[k] == "that" for k in rest)
            and not any(doc.tokens[k].text in QUOTE_MARKS or doc.tokens[k].text == ":" for k in range(end, last))
        )

    def follow_on(self, sentence, i, end, entry, first, last) -> int:
        doc = self.doc
        earlier = [f for f in self.in_sentence(sentence) if f.cue and f.cue[1] <= doc.tokens[i].start and f.speaker is not None]
        needs = entry.needs if entry.category not in ("emphatic",) else "that"
        ok, why = _needs_met(doc, CueEntry(entry.base, entry.category, needs), end, last)
        if not ok:
            doc.refuse(sentence, i, end, "no-content", why)
            return end
        if earlier:
            speaker = earlier[-1].speaker
        else:
            speaker = self.clause_subject(sentence, first, i)
            if not _is_speaker(speaker):
                subject_text = speaker.text if speaker else "the sentence's subject"
                doc.refuse(sentence, i, end, "author-claim", f"{subject_text}")
                return end
        category, cue_end = _category(doc, entry, i, end, last)
        self.add(sentence, speaker, (i, cue_end), category, "indirect", "follow-on")
        return cue_end

    def shared_subject(self, sentence, i, end, entry, first, last) -> int:
        doc = self.doc
        earlier = [f for f in self.in_sentence(sentence) if f.cue and f.cue[1] <= doc.tokens[i].start and f.speaker is not None]
        speaker = earlier[-1].speaker if earlier else self.clause_subject(sentence, first, i)
        if not _is_speaker(speaker):
            return end
        ok, why = _needs_met(doc, entry, end, last)
        if not ok:
            doc.refuse(sentence, i, end, "aim" if why == "aim" else "no-content", "" if why == "aim" else why)
            return end
        if entry.category == "stance" and speaker.type == "organization":
            doc.refuse(sentence, i, end, "organisation-stance")
            return end
        category, cue_end = _category(doc, entry, i, end, last)
        self.add(sentence, speaker, (i, cue_end), category, "indirect", "shared-subject")
        return cue_end

    def clause_subject(self, sentence, first, before) -> _Speaker | None:
        """The subject at the start of the clause: after a leading phrase and its comma
        ("During her tour, Secretary Noem stood ... and issued a warning")."""
        doc = self.doc
        k = first
        norm = doc.norms[k]
        if norm not in _SUBJECT_PRONOUNS and (
            norm in doc.lex.stopwords or norm in _CLAUSE_WORDS or doc.is_adverb(k) or norm in _CHAIN_WORDS
        ) and norm not in _DETERMINERS and norm not in doc.lex.vague:
            comma = next((c for c in range(first, min(before, first + 15)) if doc.tokens[c].text == ","), None)
            if comma is None:
                return None
            k = comma + 1
        if k >= before:
            return None
        if doc.norms[k] in _SUBJECT_PRONOUNS:
            return _classify(doc, k, k + 1)
        best = None
        for stop in range(k + 1, min(before, k + _WINDOW) + 1):
            if doc.tokens[stop - 1].kind == "punct" and doc.tokens[stop - 1].text != ".":
                break
            span = _chain_left(doc, stop - 1, k)
            speaker = _classify(doc, *span) if span and span[0] == k else None
            if _is_speaker(speaker):
                best = speaker
            elif best is not None:
                break
        return best

    # -- nominal cues ----------------------------------------------------------
    def nominal_rules(self, sentence, first, last) -> None:
        doc = self.doc
        for k in range(first, last):
            norm = doc.norms[k]
            if norm not in doc.lex.nominals or doc.tokens[k].kind != "word" or doc.tokens[k].text[0].isupper() and k != first:
                continue
            if self.taken(k, k + 1) or doc.in_quote(doc.tokens[k].start):
                continue
            if any(f.speaker is not None and f.speaker.start <= doc.tokens[k].start < f.speaker.end for f in self.found):
                continue
            category = doc.lex.nominals[norm]
            cue_start = k
            # "praise and criticism from ..."
            if k - 2 >= first and doc.norms[k - 1] == "and" and doc.norms[k - 2] in doc.lex.nominals:
                cue_start = k - 2
            nxt = doc.norms[k + 1] if k + 1 < last else ""
            if nxt in ("from", "by") and k + 2 < last:
                span = _chain_right(doc, k + 2, last)
                if span:
                    speaker = _classify(doc, *span, lenient=True)
                    if _is_speaker(speaker):
                        self.add(sentence, speaker, (cue_start, k + 1), category, "indirect", "nominal-source")
                        continue
            owner = self._owner_before(k, first)
            if owner is not None:
                if self._is_frame(k, first, last):
                    continue  # "In her remarks, Noem made it clear ...": part of the main attribution
                if k + 1 >= last or doc.tokens[k + 1].text in ".;":
                    continue
                speaker = owner
                cue_end = k + 1
                if nxt in ("is", "was") and k + 2 < last and doc.norms[k + 2] in _CLEAR_WORDS:
                    category, cue_end = "emphatic", k + 3
                self.add(sentence, speaker, (k, cue_end), category, "indirect", "nominal-possessive")
                continue
            if nxt == "of" and k + 2 < last and doc.norms[k + 2] in doc.lex.nominals and doc.norms[k] in ("message", "words", "letter", "statement", "note"):
                owner = self._owner_in_sentence(first, k)
                if owner is not None:
                    self.add(sentence, owner, (k, k + 3), doc.lex.nominals[doc.norms[k + 2]], "indirect", "nominal-of")

    def _owner_before(self, k, first) -> _Speaker | None:
        """The owner of a speech noun: "Carter's firsthand account", "her message"."""
        doc = self.doc
        m = k - 1
        skipped = 0
        while m >= first and skipped < 3 and (doc.is_content_word(m) or doc.norms[m] == "and") and doc.tokens[m].kind == "word":
            m -= 1
            skipped += 1
        if m < first:
            return None
        if doc.norms[m] in _POSSESSIVE_PRONOUNS:
            return _Speaker(doc.tokens[m].start, doc.tokens[m].end, doc.tokens[m].text, "person", None,
                            "a possessive pronoun", "pronoun", _POSSESSIVE_PRONOUNS[doc.norms[m]])
        if doc.tokens[m].kind == "clitic" and m - 1 >= first:
            start = _unit_left(doc, m - 1, first)
            if start is not None:
                speaker = _classify(doc, start, m)
                if _is_speaker(speaker) and speaker.head != "document":
                    return speaker
        return None

    def _owner_in_sentence(self, first, k) -> _Speaker | None:
        doc = self.doc
        for m in range(k - 1, first - 1, -1):
            if doc.norms[m] in _POSSESSIVE_PRONOUNS:
                return _Speaker(doc.tokens[m].start, doc.tokens[m].end, doc.tokens[m].text, "person", None,
                                "a possessive pronoun in the sentence", "pronoun", _POSSESSIVE_PRONOUNS[doc.norms[m]])
            if doc.tokens[m].kind == "clitic" and m - 1 >= first:
                start = _unit_left(doc, m - 1, first)
                if start is not None:
                    speaker = _classify(doc, start, m)
                    if speaker.type in ("person", "organization"):
                        return speaker
        return None

    def _is_frame(self, k, first, last) -> bool:
        """ "In her remarks," / "In a statement," at the start of a sentence with its own cue."""
        doc = self.doc
        opener = next((m for m in range(first, k) if doc.norms[m] in ("in", "during", "at")), None)
        comma = k + 1 < last and doc.tokens[k + 1].text == ","
        return opener is not None and opener < k and comma and k - first <= 5

    def agentless_pairs(self, sentence, first, last) -> None:
        """ "both admired and criticized": two agentless participles joined by "and"."""
        doc = self.doc
        for k in range(first, last - 2):
            one = doc.lex.agentless.get((doc.norms[k],))
            two = doc.lex.agentless.get((doc.norms[k + 2],)) if doc.norms[k + 1] == "and" else None
            if one and two and not self.taken(k, k + 3) and not doc.in_quote(doc.tokens[k].start):
                self.add(sentence, None, (k, k + 3), one[0], "implicit", "agentless-pair")

    # -- after every sentence ------------------------------------------------
    def attach_quotes(self) -> None:
        """A quotation inside what someone is said to say makes it direct ("called it “unfair”")."""
        doc = self.doc
        for number, quote in enumerate(doc.quotations):
            if number in self.used_quotes:
                continue
            owners = [
                f for f in self.found
                if f.cue and f.speaker is not None and f.cue[1] <= quote.start and f.sentence.start <= quote.start < f.last_sentence.end
            ]
            if owners:
                owner = max(owners, key=lambda f: f.cue[1])
                if owner.kind in ("indirect", "direct"):
                    owner.kind = "direct"
                    owner.quotes.append(quote)
                    if owner.rule == "speaker-cue-content" and doc.text[owner.cue[1] : quote.start].strip(" ,:").count(" ") <= 3:
                        owner.rule = "speaker-then-quote"
                    self.used_quotes.add(number)

    def continue_quotes(self) -> None:
        """A quotation in the next sentence of the same paragraph, with no source of its own,
        goes on with the previous speaker."""
        doc = self.doc
        for number, quote in enumerate(doc.quotations):
            if number in self.used_quotes:
                continue
            sentence = doc.sentence_at(quote.start)
            if sentence is None or not sentence.is_prose:
                continue
            if any(f.speaker is not None for f in self.in_sentence(sentence)):
                continue
            index = doc.sentences.index(sentence)
            if index == 0:
                continue
            previous = doc.sentences[index - 1]
            if previous.line != sentence.line and not (quote.start == sentence.start):
                continue
            if quote.start > sentence.start + 1:
                continue
            owners = [f for f in self.found if f.kind == "direct" and f.last_sentence.end <= sentence.start and f.last_sentence.end >= previous.start]
            if not owners:
                continue
            owner = owners[-1]
            owner.quotes.append(quote)
            owner.last_sentence = doc.sentence_at(max(quote.end - 1, quote.start)) or sentence
            if "+continued" not in owner.rule:
                owner.rule += "+continued"
            self.used_quotes.add(number)

    def leftover_quotes(self) -> None:
        doc = self.doc
        for number, quote in enumerate(doc.quotations):
            if number in self.used_quotes:
                continue
            sentence = doc.sentence_at(quote.start) or doc.sentence_at(quote.content_start)
            if sentence is None or not sentence.is_prose:
                continue
            words = [t for t in tokenize(quote.text) if t.is_word]
            if not words:
                continue
            a, b = doc.token_range(quote.start, quote.end)
            if all(w.text[0].isupper() for w in words) and len(words) <= 8 and not quote.text.rstrip().endswith((".", "!", "?", ",")):
                doc.refuse(sentence, a, b, "title-in-quotes")
                continue
            before = doc.text[max(sentence.start, quote.start - 14) : quote.start].lower()
            if any(word in before.split()[-1:] for word in _NAMING_WORDS) or before.rstrip().endswith("known as"):
                doc.refuse(sentence, a, b, "naming")
                continue
            sentence_inside = re.search(r"[.!?]\s", quote.text) or quote.text.rstrip().endswith(("!", "?"))
            scare = len(words) <= _SCARE_MAX_WORDS and not sentence_inside and quote.closed
            item = self.add(sentence, None, None, None, "scare" if scare else "direct",
                            "scare-quote" if scare else "quote-without-speaker",
                            last_sentence=doc.sentence_at(max(quote.end - 1, quote.start)) or sentence)
            item.quotes.append(quote)
            self.used_quotes.add(number)

    def weasel_pairs(self) -> None:
        """Mark "some ..., others ..." pairs, and take "others VERB" even when the verb is not a listed cue."""
        doc = self.doc
        for sentence in doc.sentences:
            items = [f for f in self.in_sentence(sentence) if f.speaker is not None and f.speaker.type == "group"]
            vague_first = [f for f in items if f.speaker.text.lower().split()[0] in ("some", "many", "most", "several", "few")]
            if not vague_first:
                continue
            a, b = doc.token_range(sentence.start, sentence.end)
            for k in range(a, b - 1):
                if doc.norms[k] == "others" and doc.tokens[k].start > vague_first[0].speaker.start:
                    owner = next((f for f in items if f.speaker.start == doc.tokens[k].start), None)
                    if owner is not None:
                        owner.rule = "weasel-pair"
                        continue
                    verb = k + 1
                    while verb < b and (doc.norms[verb] in _AUX or doc.is_adverb(verb)):
                        verb += 1
                    if verb < b and doc.tokens[verb].kind == "word" and doc.tokens[verb].text.islower() and not self.taken(verb, verb + 1):
                        speaker = _classify(doc, k, k + 1)
                        self.add(sentence, speaker, (verb, verb + 1), "stance", "indirect", "weasel-pair")
            for f in vague_first:
                if len(items) > 1 and f.rule == "speaker-cue-content":
                    f.rule = "weasel-pair"

    def run(self) -> list[_Found]:
        doc = self.doc
        self.quotes_with_speakers()
        for sentence in doc.sentences:
            if sentence.is_prose:
                self.sentence_rules(sentence)
        self.attach_quotes()
        self.continue_quotes()
        self.leftover_quotes()
        self.weasel_pairs()
        return self.found


# ---------------------------------------------------------------------------
# Who "she" is: the most recent named person
# ---------------------------------------------------------------------------


def _mentions(doc: _Document, found: list[_Found]) -> list[tuple[int, str, str]]:
    """(position, name, type) of every named person or organisation, outside quotations."""
    people = set(doc.persons)
    for item in found:
        if item.speaker is not None and item.speaker.type == "person" and item.speaker.head == "person" and item.speaker.resolved:
            for name in item.speaker.resolved.split(" and "):
                people.add(name)
    surnames = dict(doc.surnames)
    for name in people:
        surnames.setdefault(normalize_quotes(name.split()[-1]).lower(), name)
    mentions = []
    for a, b in doc.runs:
        if doc.in_quote(doc.tokens[a].start):
            continue
        p, q = doc.name_part(a, b)
        last = normalize_quotes(doc.tokens[q - 1].text).lower()
        if doc.run_has(a, b, doc.lex.org_words):
            mentions.append((doc.tokens[a].start, doc.span_text(a, b), "organization"))
        elif last in surnames and not doc.run_has(p, q, doc.lex.non_person):
            mentions.append((doc.tokens[a].start, surnames[last], "person"))
    for item in found:
        if item.speaker is not None and item.speaker.type in ("group", "organization") and item.speaker.head != "pronoun":
            mentions.append((item.speaker.start, item.speaker.resolved or item.speaker.text, item.speaker.type))
        elif item.speaker is not None and item.speaker.role:
            # A speaking role is a person of its own: "He said" after "Tony Blair's
            # spokesman said" is the spokesman. It counts from its last word, after
            # any name it holds.
            mentions.append((item.speaker.end - 1, item.speaker.text, "person"))
    return sorted(mentions)


def _resolve(doc: _Document, found: list[_Found]) -> None:
    mentions = _mentions(doc, found)
    positions = [m[0] for m in mentions]
    for item in sorted(found, key=lambda f: f.speaker.start if f.speaker else 0):
        speaker = item.speaker
        if speaker is None or speaker.head != "pronoun":
            continue
        before = mentions[: bisect.bisect_left(positions, speaker.start)]
        wanted = ("person",) if speaker.pronoun in ("he", "she") else ("organization", "group")
        match = next((m for m in reversed(before) if m[2] in wanted), None)
        if speaker.pronoun == "it":
            match = next((m for m in reversed(before) if m[2] == "organization"), None)
        if match is None:
            speaker.resolved = None
            speaker.type = {"he": "person", "she": "person", "it": "organization"}.get(speaker.pronoun, "group")
            speaker.reason = f"“{speaker.text}” with no earlier named {'person' if speaker.pronoun in ('he', 'she') else 'source'} to refer to"
        else:
            speaker.resolved, speaker.type = match[1], match[2]
            speaker.reason = f"“{speaker.text}” refers to {match[1]}, the most recent named {match[2]} before it"


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def _as_article(article) -> Article:
    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return article_from_text(article)
    raise TypeError(f"find_attributions needs an Article or a string of text, not {type(article).__name__}.")


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
        kind=item.kind,
        quote=quote,
        rule=item.rule,
        cue_start=item.cue[0] if item.cue else None,
        cue_end=item.cue[1] if item.cue else None,
        quote_start=quote_start,
        quote_end=quote_end,
    )


def _analyse(article, lexicon: Lexicon | None = None) -> tuple[list[Attribution], list[NearMiss]]:
    article = _as_article(article)
    doc = _Document(article, lexicon or load_lexicon())
    finder = _Finder(doc)
    found = finder.run()
    _resolve(doc, found)
    attributions = sorted((_freeze(doc, f) for f in found), key=lambda a: (a.sentence_start, a.anchor))
    unique, seen = [], set()
    for attribution in attributions:
        key = (attribution.anchor, attribution.kind)
        if key not in seen:
            seen.add(key)
            unique.append(attribution)
    return unique, doc.near_misses


def find_attributions(article, *, lexicon: Lexicon | None = None) -> list[Attribution]:
    """Find who is quoted or cited in an article, and how.

    Parameters
    ----------
    article : Article or str
        An article from :func:`helpers.corpus.load_corpus`, or plain text.
    lexicon : Lexicon, optional
        Word lists to use instead of the project's (see :func:`load_lexicon`).

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
    """
    return _analyse(article, lexicon)[0]


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
    Rule speaker-cue-content: a speaker, then a cue, then what they said (X argued that ...); if what follows holds a quotation, the kind is direct. Cue “argue”: argumentative (presents a disputed position). Speaker “Critics”: group.
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
        reason = _speaker_reason(attribution, article) if article is not None else ""
        parts.append(sentence + (f" ({reason})." if reason else "."))
    elif attribution.kind == "implicit":
        parts.append("No speaker: who holds this view is not said.")
    elif attribution.kind == "scare":
        parts.append("No speaker: the marks set a term apart rather than report speech.")
    elif attribution.quote:
        parts.append("No speaker was found for this quotation: read around it to see who says it.")
    return " ".join(parts)


_CATEGORY_MEANING = {
    "neutral": "reports without judging",
    "argumentative": "presents a disputed position",
    "emphatic": "stresses a point",
    "evaluative": "judges something",
    "belief": "reports a view or belief",
    "concern": "reports a worry",
    "stance": "takes a side",
    "evidence": "data or documents showing something",
    "tentative": "a careful or hinted claim",
    "concession": "grants a point",
}


_DOCUMENTS: dict = {}


def _document_for(article: Article) -> _Document:
    """One reading of an article, kept for the explanations of its attributions (the last 16 articles)."""
    key = (article.file, article.text)
    if key not in _DOCUMENTS:
        if len(_DOCUMENTS) >= 16:
            _DOCUMENTS.pop(next(iter(_DOCUMENTS)))
        _DOCUMENTS[key] = _Document(article, load_lexicon())
    return _DOCUMENTS[key]


def _speaker_reason(attribution: Attribution, article) -> str:
    article = _as_article(article)
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
    article = _as_article(article)
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
        and ``by_kind`` (counts for every type and kind, zeros included),
        ``by_cue_category`` (counts of the categories used), ``sources``
        (speaker mentions: explicit attributions), ``named_share`` (share of
        the sources that are named people or organisations; None without
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
    {'person': 1, 'organization': 0, 'group': 1, 'none': 0}
    >>> summary["named_share"], summary["named_sources"], summary["unsourced_sentences"]
    (0.5, {'Ann Lee': 1}, 1)
    """
    article = _as_article(article)
    if attributions is None:
        attributions = find_attributions(article)
    by_type = Counter(a.speaker_type for a in attributions if a.kind != "scare")
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
