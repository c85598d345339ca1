"""One article as the rules see it: tokens, sentences, quotations, names, people and places.

:class:`_Document` computes everything once per article; the small grammar
sets below are grammar, not vocabulary (the vocabulary is in ``helpers/data``).
"""

from __future__ import annotations

import bisect
import re

from helpers.corpus import Article
from helpers.quotations import find_quotations
from helpers.sourcing.lexicon import Lexicon
from helpers.sourcing.model import NearMiss
from helpers.text import Sentence, normalize_quotes, split_sentences, tokenize

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

