"""The rules, one function each, in the order they run (see the package help for the list).

Each rule is registered with :func:`~helpers.sourcing.registry.rule`, which
records its name (what ``Attribution.rule`` stores), what it looks for, the
order it runs in and its scope. Guard steps, registered with
:func:`~helpers.sourcing.registry.check`, refuse a look-alike before the
rules after them can take it. Word and noun steps return the token to go on
from when they take a word, and None to let the next step look at it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from helpers.quotations import QUOTE_MARKS
from helpers.sourcing.cues import _agentless_at, _category, _cue_at, _needs_met, _skip_left
from helpers.sourcing.document import (
    _AUX,
    _CHAIN_WORDS,
    _CLAUSE_WORDS,
    _CLEAR_WORDS,
    _DETERMINERS,
    _MODALS,
    _NAMING_WORDS,
    _NEGATIONS,
    _PARTICLES,
    _POSSESSIVE_PRONOUNS,
    _QUANTIFIERS,
    _SCARE_MAX_WORDS,
    _SUBJECT_PRONOUNS,
    _TAIL_STARTS,
    _WINDOW,
    _Document,
)
from helpers.sourcing.guards import refuse
from helpers.sourcing.lexicon import CueEntry
from helpers.sourcing.registry import _State, _Word, check, rule, rule_descriptions
from helpers.sourcing.speakers import (
    _DEGREE_WORDS,
    _SAYING,
    _before_parenthesis,
    _chain_left,
    _chain_right,
    _classify,
    _clause_follows,
    _described_speaker,
    _is_speaker,
    _looks_adjective,
    _named_org_in,
    _possessor,
    _Speaker,
    _speaker_of_saying,
    _unit_left,
)
from helpers.text import tokenize

__all__ = ["RULES"]

# Tokens that may stand between a quotation and its speaker: “...,” — said X.
_QUOTE_GAP = frozenset(",—–-") | QUOTE_MARKS


# ---------------------------------------------------------------------------
# 1. A quotation and its speaker
# ---------------------------------------------------------------------------


def _cue_then_speaker(doc: _Document, i: int, b: int, alone: bool = False):
    """“...,” said X: (speaker, cue token range, cue entry) or None. ``alone``: the attribution
    is a sentence of its own, so only a short tail may follow the speaker."""
    cue = _cue_at(doc, i, b)
    if cue and not doc.norms[i].endswith("ing"):
        span = _chain_right(doc, cue[0], b)
        if span and not (alone and not _tail(doc, span[1], b)):
            speaker = _speaker_of_saying(doc, *span, cue[1])
            if _is_speaker(speaker):
                return speaker, (i, cue[0]), cue[1]
    return None


def _helps_a_cue(doc: _Document, k: int) -> bool:
    """An auxiliary or adverb that may stand between a speaker and the cue ("has", "often"),
    but not a negation: "she did not say" is not an attribution."""
    norm = doc.norms[k]
    return (norm in _AUX or doc.is_adverb(k)) and norm not in _NEGATIONS and not norm.endswith("n't")


def _speaker_then_cue(doc: _Document, i: int, b: int, alone: bool = False):
    """“...,” X said / “...,” X, a company lawyer, said: (speaker, cue token range, cue entry) or None."""
    span = _chain_right(doc, i, b, stop_at_cue=True)
    after = span[1] if span else b
    if span and after < b and doc.tokens[after].text == ",":
        closing = next((k for k in range(after + 1, min(b, after + 10)) if doc.tokens[k].text == ","), None)
        if closing is not None and closing + 1 < b and _cue_at(doc, closing + 1, b):
            after = closing + 1
    while span and after < b - 1 and _helps_a_cue(doc, after):
        after += 1  # “...,” she has said / he often says
    if span and after < b:
        cue = _cue_at(doc, after, b)
        if cue and not (alone and not _tail(doc, cue[0], b)):
            speaker = _speaker_of_saying(doc, *span, cue[1])
            if _is_speaker(speaker):
                return speaker, (after, cue[0]), cue[1]
    return None


def _sentence_after(doc: _Document, sentence, position: int):
    """The next sentence if it starts right after ``position`` on the same line and is short:
    the attribution that ends a quotation (“... missing.” Trump said.)."""
    index = doc.sentences.index(sentence)
    if index + 1 >= len(doc.sentences):
        return None
    following = doc.sentences[index + 1]
    gap = doc.text[position : following.start]
    if gap.strip() or "\n" in gap or not following.is_prose:
        return None
    a, b = doc.token_range(following.start, following.end)
    return following if b - a <= 16 else None


@rule("quote-then-speaker", "a quotation followed by the speaker and the cue, in either order "
      "(“...,” she said / “...,” said the mayor)", order=10, scope="quotation")
def quote_then_speaker(state: _State, number: int, quote) -> None:
    doc = state.doc
    sentence = doc.sentence_at(quote.start) or doc.sentence_at(quote.content_start)
    last_sentence = doc.sentence_at(max(quote.end - 1, quote.start))
    if sentence is None or not sentence.is_prose:
        return
    cue_sentence = last_sentence or sentence
    a, b = doc.token_range(quote.end, cue_sentence.end)
    i = a
    while i < b and doc.tokens[i].text in _QUOTE_GAP:
        i += 1
    alone = i >= b
    if alone:
        # “... missing.” Trump said.  (the sentence ended inside the quotation)
        following = _sentence_after(doc, cue_sentence, quote.end)
        if following is None:
            return
        cue_sentence = following
        i, b = doc.token_range(following.start, following.end)
    match = _cue_then_speaker(doc, i, b, alone) or _speaker_then_cue(doc, i, b, alone)
    if match is None:
        return
    speaker, cue, entry = match
    category, cue_end = _category(doc, entry, cue[0], cue[1], len(doc.tokens))
    first = sentence if sentence.start <= cue_sentence.start else cue_sentence
    item = state.add(first, speaker, (cue[0], cue_end), category, "direct", "quote-then-speaker",
                     last_sentence=cue_sentence if cue_sentence.end >= first.end else first)
    item.quotes.append(quote)
    state.used_quotes.add(number)


# ---------------------------------------------------------------------------
# 2. Passive cues, word by word (agentless_cues_en.txt)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Passive:
    """An agentless cue at a word: where it ends, its category, where the cue starts (with "is"/"has been")."""

    end: int
    category: str
    start: int
    passive: bool  # a form of "be" before it; False for a reduced participle ("a prison known for")
    before: int  # the token before the auxiliaries and adverbs


def _subject_if_active(doc: _Document, i: int, first: int) -> _Speaker | None:
    """The noun phrase right before a participle, if it could be its subject ("The court deemed ...")."""
    j, _ = _skip_left(doc, i - 1, first)
    if j < first or doc.tokens[j].kind == "punct":
        return None
    start = _unit_left(doc, j, first)
    return _classify(doc, start, j + 1) if start is not None else None


def _passive_at(state: _State, word: _Word) -> _Passive | None:
    """The agentless cue at this word, or None ("Rubio praised ..." is active, not a reduced passive)."""
    doc, i, first = state.doc, word.i, word.first
    match = _agentless_at(doc, i, word.last)
    if not match:
        return None
    end, (category, reduced) = match
    j, passive = _skip_left(doc, i - 1, first)
    # a participle that opens the sentence stands alone: "Asked about the emails, ..."
    opening = i == first and end < word.last and doc.tokens[end].kind == "word"
    if not passive and (
        not reduced or (j < first and not opening) or _is_speaker(_subject_if_active(doc, i, first))
        or state.taken(i, end)
    ):
        return None
    return _Passive(end, category, j + 1 if passive else i, passive, j)


def _passive(state: _State, word: _Word) -> _Passive | None:
    return word.get("passive", lambda: _passive_at(state, word))


@check("prediction", order=20, scope="word")
def refuse_prediction(state: _State, word: _Word) -> int | None:
    """ "is likely to be challenged", "will be criticised": a prediction, not a view."""
    cue = _passive(state, word)
    if cue is None or not cue.passive or cue.category == "belief" or cue.before < word.first:
        return None
    doc, j = state.doc, cue.before
    if doc.norms[j] == "to" or any(doc.norms[k] in _MODALS for k in range(j + 1, word.i)):
        refuse(doc, word.sentence, max(word.first, j), cue.end, "prediction")
        return cue.end
    return None


def _agent_after(doc: _Document, end: int, last: int) -> _Speaker | None:
    """The source after "by", within four words of a passive cue ("was praised by critics")."""
    k = end
    while k < last and k - end < 4 and doc.norms[k] != "by" and doc.tokens[k].kind != "punct":
        k += 1
    if k < last and doc.norms[k] == "by":
        span = _chain_right(doc, k + 1, last)
        if span:
            speaker = _classify(doc, *span)
            if _is_speaker(speaker):
                return speaker
    return None


@rule("passive-with-agent", "a passive cue with the source after “by” (was praised by critics)",
      order=21, scope="word")
def passive_with_agent(state: _State, word: _Word) -> int | None:
    cue = _passive(state, word)
    speaker = _agent_after(state.doc, cue.end, word.last) if cue else None
    if speaker is None:
        return None
    state.add(word.sentence, speaker, (cue.start, cue.end), cue.category, "indirect", "passive-with-agent")
    return cue.end


@rule("agentless-passive", "a passive that hides who holds the view (is seen as, has been praised)",
      order=22, scope="word")
def agentless_passive(state: _State, word: _Word) -> int | None:
    cue = _passive(state, word)
    if cue is None or not cue.passive:
        return None
    state.add(word.sentence, None, (cue.start, cue.end), cue.category, "implicit", "agentless-passive")
    return cue.end


@rule("agentless-reduced", "an agentless participle without “is” or “has been” (a prison known for ..., "
      "individuals identified as ...)", order=23, scope="word")
def agentless_reduced(state: _State, word: _Word) -> int | None:
    cue = _passive(state, word)
    if cue is None or cue.passive:
        return None
    state.add(word.sentence, None, (cue.start, cue.end), cue.category, "implicit", "agentless-reduced")
    return cue.end


# ---------------------------------------------------------------------------
# 3. Reporting cues, word by word (reporting_cues_en.txt)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    """A reporting cue at a word: where it ends and its entry in the word list."""

    end: int
    entry: CueEntry


def _cue_here(state: _State, word: _Word) -> _Cue | None:
    """The cue at this word, unless it is a phrasal verb ("called off", "made up", "backed down")."""

    def compute():
        doc, i, last = state.doc, word.i, word.last
        match = _cue_at(doc, i, last)
        if not match:
            return None
        end, entry = match
        if end - i == 1 and end < last and doc.norms[end] in _PARTICLES:
            return None
        return _Cue(end, entry)

    return word.get("cue", compute)


def _verb_here(state: _State, word: _Word) -> tuple[_Cue, int] | None:
    """The cue at this word used as a verb, with the token before its auxiliaries and adverbs.

    None for a passive that is not in agentless_cues_en.txt, and for a noun
    after a determiner ("the offer", "her remarks").
    """

    def compute():
        cue = _cue_here(state, word)
        if cue is None:
            return None
        doc, i, first = state.doc, word.i, word.first
        j, passive = _skip_left(doc, i - 1, first)
        if passive and not doc.norms[i].endswith("ing") and cue.entry.base not in ("concerned", "worry") and not (
            cue.entry.thought and cue.entry.needs != "as"
        ):
            return None  # a passive; but "is confident that", "was eager to" state a thought
        if j >= first and (doc.norms[j] in _DETERMINERS or doc.norms[j] in _POSSESSIVE_PRONOUNS) and j == i - 1:
            return None
        before = doc.tokens[i - 1] if i - 1 >= first else None
        if before is not None and doc.norms[i].endswith("s") and (
            before.kind == "number" or doc.norms[i - 1] in _QUANTIFIERS or (before.kind == "clitic" and i - 2 >= first)
        ):
            return None  # "several states", "five reports", "Mr Dale's comments": a noun
        if before is not None and doc.norms[i] in _PLURAL_NOUN_FORMS and j == i - 1 and _modifies(doc, i - 1):
            return None  # "bigger states", "swing states", "diverse states": an adjective before a noun
        return cue, j

    return word.get("verb", compute)


@rule("according-to", "“according to” followed by the source", order=30, scope="word")
def according_to(state: _State, word: _Word) -> int | None:
    cue = _cue_here(state, word)
    if cue is None or cue.entry.base != "according to":
        return None
    doc = state.doc
    span = _chain_right(doc, cue.end, word.last)
    if span is None:
        refuse(doc, word.sentence, word.i, cue.end, "no-content", "no source after “according to”")
        return cue.end
    speaker = _classify(doc, *span, lenient=True)
    state.add(word.sentence, speaker, (word.i, cue.end), cue.entry.category, "indirect", "according-to")
    return span[1]


def _is_naming(doc: _Document, i: int, end: int, first: int, last: int) -> bool:
    k = end
    if k < last and doc.tokens[k].text in QUOTE_MARKS:
        k += 1
    if k >= last or not doc.is_cap(k):
        return False
    before = i - 1
    return before >= first and (doc.tokens[before].kind == "word" and not _is_speaker(_subject_if_active(doc, i, first)))


@check("naming", order=31, scope="word")
def refuse_naming(state: _State, word: _Word) -> int | None:
    """ "a prison called CECOT", "known as": a name, not speech."""
    cue = _cue_here(state, word)
    doc = state.doc
    if cue is None or doc.norms[word.i] not in _NAMING_WORDS or cue.entry.base != "call":
        return None
    if not _is_naming(doc, word.i, cue.end, word.first, word.last):
        return None
    refuse(doc, word.sentence, word.i, min(word.last, cue.end + 2), "naming")
    return cue.end


#: Words that may open a sentence before its subject with no comma ("Then he cut ...", "But she said ...").
_OPENING_WORDS = frozenset({"and", "but", "so", "yet", "then", "still", "now", "also", "even", "instead", "or", "nor"})


def _clause_subject(doc: _Document, first: int, before: int) -> _Speaker | None:
    """The subject at the start of the clause: after an opening word ("Then he ...") or a
    leading phrase and its comma ("During her tour, Secretary Noem stood ... and issued a
    warning"; "Speaking in Ohio, the mayor ...": a participle opens a leading phrase too;
    "On Tuesday, even as shares fell, Mr. Ng wrote ...": up to three leading phrases)."""
    k = first
    while k + 1 < before and doc.norms[k] in _OPENING_WORDS:
        k += 1
    for _ in range(3):
        speaker = _subject_at(doc, k, before)
        if _is_speaker(speaker) or k >= before:
            return speaker
        comma = next((c for c in range(k, min(before, k + 15)) if doc.tokens[c].text == ","), None)
        if comma is None:
            return speaker
        k = comma + 1
    return None


def _subject_at(doc: _Document, k: int, before: int) -> _Speaker | None:
    """The subject that starts at token k, unless a leading phrase starts there."""
    norm = doc.norms[k]
    participle = norm.endswith(("ing", "ed")) and doc.tokens[k].kind == "word"
    if norm not in _SUBJECT_PRONOUNS and (
        norm in doc.lex.stopwords or norm in _CLAUSE_WORDS or doc.is_adverb(k) or norm in _CHAIN_WORDS or participle
    ) and norm not in _DETERMINERS and norm not in doc.lex.vague:
        return None
    if k >= before:
        return None
    if doc.norms[k] in _SUBJECT_PRONOUNS:
        return _classify(doc, k, k + 1)
    best = None
    for stop in range(k + 1, min(before, k + _WINDOW) + 1):
        if doc.tokens[stop - 1].kind == "punct" and doc.tokens[stop - 1].text != ".":
            break
        if best is not None and doc.tokens[stop - 1].text.islower() and doc.norms[stop - 1].endswith("ed"):
            break  # "The mayor resigned, citing ...": the verb ends the subject
        if doc.tokens[stop - 1].text == ".":
            continue  # the full stop of an abbreviation: "Mr. Ng", "Gov. Lee"
        span = _chain_left(doc, stop - 1, k)
        speaker = _classify(doc, *span) if span and span[0] == k else None
        if _is_speaker(speaker):
            best = speaker
        elif best is not None:
            break
    return best


def _earlier_speaker(state: _State, word: _Word) -> _Speaker | None:
    """The speaker of the last attribution before this word in the same sentence."""
    start = state.doc.tokens[word.i].start
    earlier = [f for f in state.in_sentence(word.sentence) if f.cue and f.cue[1] <= start and f.speaker is not None]
    return earlier[-1].speaker if earlier else None


#: Words that join an -ing cue to the clause before it ("..., while stressing that ...", "before adding: ...").
_FOLLOW_ON_WORDS = frozenset({"while", "before", "after", "by", "then"})


def _continues_clause(doc: _Document, j: int, first: int) -> bool:
    """Token j (before an -ing cue and its adverbs) joins it to the clause before: a comma (also
    inside a closing quotation mark, "...,” claiming that"), a dash, or "while", "before", "after", "by"."""
    if doc.tokens[j].text in (",", "—", "–", "--") or (doc.tokens[j].text == "-" and doc.tokens[j].start > 0
                                                        and doc.text[doc.tokens[j].start - 1] == " "):
        return True  # a comma, or a dash set apart by spaces ("... - noting that")
    k = j
    while k >= first and doc.tokens[k].text in QUOTE_MARKS and j - k < 2:
        k -= 1  # a closing mark, also one written as two apostrophes: ",'' adding that"
    if k < j and k >= first and doc.tokens[k].text == ",":
        return True
    return doc.norms[j] in _FOLLOW_ON_WORDS and j - 1 >= first


@rule("follow-on", "a cue in -ing after a comma that continues an attribution in the same sentence "
      "(..., calling it ... / ..., arguing that ...)", order=32, scope="word")
def follow_on(state: _State, word: _Word) -> int | None:
    verb = _verb_here(state, word)
    doc, i, first, last = state.doc, word.i, word.first, word.last
    if verb is None:
        return None
    (end, entry), j = (verb[0].end, verb[0].entry), verb[1]
    if not (j >= first and doc.norms[i].endswith("ing") and _continues_clause(doc, j, first)):
        return None
    needs = entry.needs if entry.category not in ("emphatic",) else "that"
    ok, why = _needs_met(doc, CueEntry(entry.base, entry.category, needs), end, last)
    if not ok:
        refuse(doc, word.sentence, i, end, "no-content", why)
        return end
    speaker = _earlier_speaker(state, word)
    if speaker is None:
        speaker = _clause_subject(doc, first, i)
        if not _is_speaker(speaker):
            subject_text = speaker.text if speaker else "the sentence's subject"
            refuse(doc, word.sentence, i, end, "author-claim", f"{subject_text}")
            return end
    category, cue_end = _category(doc, entry, i, end, last)
    state.add(word.sentence, speaker, (i, cue_end), category, "indirect", "follow-on")
    return cue_end


@rule("shared-subject", "a second cue joined by “and” to the same speaker (... said X and described Y as ...)",
      order=33, scope="word")
def shared_subject(state: _State, word: _Word) -> int | None:
    verb = _verb_here(state, word)
    doc, i, first, last = state.doc, word.i, word.first, word.last
    if verb is None:
        return None
    (end, entry), j = (verb[0].end, verb[0].entry), verb[1]
    if not (j >= first and doc.norms[j] == "and" and j == i - 1):
        return None
    speaker = _earlier_speaker(state, word) or _clause_subject(doc, first, i)
    if not _is_speaker(speaker):
        return end
    ok, why = _needs_met(doc, entry, end, last)
    if not ok:
        refuse(doc, word.sentence, i, end, "aim" if why == "aim" else "no-content", "" if why == "aim" else why)
        return end
    if entry.category == "stance" and speaker.type == "organization":
        refuse(doc, word.sentence, i, end, "organisation-stance")
        return end
    category, cue_end = _category(doc, entry, i, end, last)
    state.add(word.sentence, speaker, (i, cue_end), category, "indirect", "shared-subject")
    return cue_end


def _negated(state: _State, word: _Word) -> bool:
    """The verb cue at this word is negated: "did not respond", "declined to comment"."""
    verb = _verb_here(state, word)
    if verb is None:
        return False
    doc, i, first, j = state.doc, word.i, word.first, verb[1]
    return any(doc.norms[k] in _NEGATIONS or doc.norms[k].endswith("n't") for k in range(max(first, j + 1), i)) or (
        j >= first and doc.norms[j] in ("declined", "refused")
        or (j - 1 >= first and doc.norms[j] == "to" and doc.norms[j - 1] in ("declined", "refused"))
    )


#: Verbs of answering that, negated, report that a source said nothing ("declined to comment").
_ANSWERING = frozenset({"comment", "respond", "reply", "answer", "say"})
#: Verbs that make a non-answer only after "declined to" or "refused to" ("declined to discuss the talks").
_DECLINED_ANSWERING = frozenset({"discuss", "confirm", "explain", "disclose", "elaborate", "specify", "detail",
                                 "address", "describe", "identify", "name", "reveal", "talk"})
#: What may stand between the source and such a verb: "did not immediately", "declined to".
_NOT_ANSWERING = frozenset({"not", "never", "declined", "refused", "to", "immediately", "yet", "did", "does",
                            "has", "have", "had", "would", "could", "will"})


@rule("no-response", "a source that was asked and did not answer (“did not respond to a request for comment”, "
      "“declined to comment”)", order=34, scope="word")
def no_response(state: _State, word: _Word) -> int | None:
    verb = _verb_here(state, word)
    if verb is None or not _negated(state, word):
        return None
    doc, k = state.doc, word.i - 1
    declined = k - 1 >= word.first and doc.norms[k] == "to" and doc.norms[k - 1] in ("declined", "refused")
    if verb[0].entry.base not in _ANSWERING and not (declined and verb[0].entry.base in _DECLINED_ANSWERING):
        return None
    while k >= word.first and (doc.norms[k] in _NOT_ANSWERING or doc.norms[k] in _AUX or doc.is_adverb(k)
                               or doc.norms[k].endswith("n't")):
        k -= 1
    speaker, _ = _find_subject(doc, k, word.first)
    if speaker is None:
        return None
    state.add(word.sentence, speaker, (k + 1, verb[0].end), "no-response", "no-response", "no-response")
    return verb[0].end


@check("negated", order=35, scope="word")
def refuse_negated(state: _State, word: _Word) -> int | None:
    """ "did not agree", "never said": nothing is attributed."""
    if not _negated(state, word):
        return None
    verb = _verb_here(state, word)
    refuse(state.doc, word.sentence, max(word.first, verb[1]), verb[0].end, "negated")
    return verb[0].end


# -- the speaker before a cue --------------------------------------------------


def _subject_before_who(doc: _Document, j: int, first: int) -> _Speaker | None:
    """ "Reyes, who ...": the phrase before "who"."""
    m = j - 1
    if m >= first and doc.tokens[m].text == ",":
        m -= 1
    span = _chain_left(doc, m, first) if m >= first else None
    if span:
        speaker = _classify(doc, *span)
        if _is_speaker(speaker):
            return speaker
    return None


def _subject_before_relative(doc: _Document, j: int, first: int) -> _Speaker | None:
    """A relative clause without commas: "Officials who oversee the plan say"."""
    for k in range(j, max(first - 1, j - 8), -1):
        if doc.tokens[k].kind == "punct":
            break
        if doc.norms[k] == "who" and k - 1 >= first:
            span = _chain_left(doc, k - 1, first)
            if span:
                speaker = _classify(doc, *span)
                if _is_speaker(speaker):
                    return speaker
            break
    return None


def _named_example(doc: _Document, speaker: _Speaker, span: tuple, k: int, j: int) -> None:
    """Make a vague source with a named organisation between the commas that organisation."""
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
            speaker.resolved = doc.span_text(*named)
            speaker.reason = f"a document by a named organisation (“{speaker.resolved}”)"


#: Words that open an apposition after a name: "Ann Lee, a lawyer from Leeds, Yorkshire, said".
_APPOSITION_STARTS = frozenset({"a", "an", "the", "who", "whose", "one", "his", "her", "their", "its", "now",
                                "then", "also", "former", "another", "both", "chief", "head", "deputy", "senior"})


def _named_in_apposition(doc: _Document, k: int, j: int, first: int) -> _Speaker | None:
    """ "The company, Westline Energy, said": a name between commas is the speaker; what the
    phrase before it says it is (an organisation) decides its type."""
    run = doc.run_at(k + 1)
    if not (run and run == (k + 1, j) and run[1] - run[0] >= 2):
        return None
    speaker = _classify(doc, k + 1, j)
    outer = _chain_left(doc, k - 1, first) if k - 1 >= first else None
    described = _classify(doc, *outer) if outer else None
    if (speaker.type == "person" and described is not None and described.type == "organization"
            and described.head != "role"):  # "an economist at Westbrook University, Dr. Ortega" stays a person
        speaker.type, speaker.resolved = "organization", speaker.text
        speaker.reason = f"named after “{described.text}”, an organisation"
    return speaker if _is_speaker(speaker) else None


def _before_long_apposition(doc: _Document, comma: int, j: int, first: int) -> _Speaker | None:
    """A speaker before an apposition that holds commas of its own:
    "Christopher Harvey, an African-American delegate from Houston, Texas, said"."""
    k = comma
    for _ in range(3):
        k -= 1
        while k >= first and doc.tokens[k].text != "," and j - k < 45:
            k -= 1
        if k - 1 < first or doc.tokens[k].text != "," or doc.norms[k + 1] not in _APPOSITION_STARTS:
            continue
        span = _chain_left(doc, k - 1, first)
        speaker = _classify(doc, *span) if span else None
        if _is_speaker(speaker) and speaker.head != "document":
            return speaker
    return None


def _after_a_name(doc: _Document, a: int, first: int) -> bool:
    """Token a opens an apposition right after a capitalised name: "Rob Lane, a farmer"."""
    return a - 2 >= first and doc.tokens[a - 1].text == "," and doc.norms[a] in _APPOSITION_STARTS and doc.is_cap(a - 2)


def _subject_before_comma(doc: _Document, j: int, first: int):
    """An apposition or a relative clause between commas: "Reyes, who voted against it, said"."""
    k = j - 1
    while k >= first and doc.tokens[k].text != "," and j - k < 20:
        k -= 1
    if not (k >= first and doc.tokens[k].text == ","):
        return None, None
    k = _before_parenthesis(doc, k - 1, first) + 1  # "Sen. Lee (D-Mo.), who ..., said"
    speaker = _named_in_apposition(doc, k, j, first)
    if speaker is None:
        span = _chain_left(doc, k - 1, first) if k - 1 >= first else None
        if not span:
            speaker = _before_long_apposition(doc, k, j, first)
            return (speaker, None) if speaker else (None, None)
        speaker = _classify(doc, *span)
        _named_example(doc, speaker, span, k, j)
        if speaker.head == "role" and _after_a_name(doc, span[0], first):
            # "Rob Lane, a farmer from Dover, Delaware, said": the role describes the name before it
            speaker = _before_long_apposition(doc, k, j, first) or speaker
        if not _is_speaker(speaker):
            farther = _before_long_apposition(doc, k, j, first)
            if farther is None:
                return None, (span[0], "author-claim", f"“{speaker.text}”")
            speaker = farther
    speaker.apposition = True
    return speaker, None


_DASHES = frozenset({"—", "–", "-", "--"})


def _subject_before_dashes(doc: _Document, j: int, first: int) -> _Speaker | None:
    """An aside between dashes: "The justice -- who has been in a scuffle -- said"."""
    k = j - 1
    while k >= first and doc.tokens[k].text in _DASHES:
        k -= 1  # "--" is two tokens
    while k >= first and doc.tokens[k].text not in _DASHES and j - k < 30:
        k -= 1
    while k - 1 >= first and doc.tokens[k - 1].text in _DASHES:
        k -= 1
    if k - 1 < first or k >= j - 2:
        return None
    span = _chain_left(doc, k - 1, first)
    speaker = _classify(doc, *span) if span else None
    if not _is_speaker(speaker):
        return None
    speaker.apposition = True
    return speaker


def _find_subject(doc: _Document, j: int, first: int, entry: CueEntry | None = None, i: int | None = None):
    """The speaker left of a cue (j is the token before its auxiliaries, i the cue's first token).

    Returns (speaker, None), or (None, (token, guard, detail)) when what is
    there is refused, or (None, None) when there is nothing. With a verb of
    saying (``entry``), a person or group described by any noun is a speaker.
    """
    j = _before_parenthesis(doc, j, first)  # "Gov. Mary Fallin (R-OK) said"
    if j < first:
        return None, None
    if doc.norms[j] == "who":
        return _subject_before_who(doc, j, first), None
    speaker = _subject_before_relative(doc, j, first)
    if speaker is not None:
        return speaker, None
    token = doc.tokens[j]
    if token.text == ",":
        return _subject_before_comma(doc, j, first)
    if token.text in _DASHES:
        return _subject_before_dashes(doc, j, first), None
    if token.kind == "punct" or doc.norms[j] in _CLAUSE_WORDS:
        # "... stood in front of the inmates and issued a warning" is handled by shared-subject
        return None, None
    span = _chain_left(doc, j, first)
    if span is None:
        return None, None
    speaker = _classify(doc, *span)
    if speaker.head == "pronoun" and speaker.pronoun in ("we", "i"):
        return None, (span[0], "first-person", "")
    if not _is_speaker(speaker) and _says(doc, entry, i):
        speaker = _described_speaker(doc, *span) or speaker
    if not _is_speaker(speaker):
        return None, (span[0], "author-claim", f"“{speaker.text}”")
    return speaker, None


def _says(doc: _Document, entry: CueEntry | None, i: int | None) -> bool:
    """The cue at token i is a verb of saying with what was said after it (or before it):
    not a noun ("the derogatory comments"), not a participle ("signatures asking"), and
    not followed by a phrase ("in several states on Tuesday")."""
    if entry is None or i is None or entry.base not in _SAYING:
        return False
    norm = doc.norms[i]
    return (norm not in doc.lex.nominals and norm not in _PLURAL_NOUN_FORMS and not norm.endswith("ing")
            and _clause_follows(doc, i + len(entry.base.split())))


def _modifies(doc: _Document, k: int) -> bool:
    """Token k is shaped like an adjective before a noun: a comparative or superlative
    ("bigger", "largest"), an adjective ending ("diverse" is not caught, "competitive" is),
    a degree word, or one of the few adjectives news puts before "states" ("swing", "key")."""
    norm, token = doc.norms[k], doc.tokens[k]
    if token.kind != "word" or not token.text.islower() or norm in doc.lex.vague or norm in doc.lex.org_words:
        return False
    return (norm in _DEGREE_WORDS or norm in _NOUN_MODIFIERS or _looks_adjective(norm)
            or (len(norm) > 4 and norm.endswith(("er", "est")) and (norm,) not in doc.lex.titles))


#: Adjectives news writing puts before "states", "reports" and "claims" ("swing states", "early reports").
_NOUN_MODIFIERS = frozenset({"swing", "battleground", "key", "early", "late", "other", "many", "both", "all", "some",
                             "red", "blue", "purple", "southern", "northern", "western", "eastern", "coastal", "rural",
                             "big", "small", "large", "new", "recent", "previous", "false", "unfounded", "baseless",
                             "conflicting", "initial", "media", "news", "press", "several", "few", "numerous"})


#: Cue forms that are far more often plural nouns ("coastal states that ...", "credit reports"):
#: after an adjective they are nouns (:func:`_modifies`), and a subject no word list knows is not
#: taken for their speaker (:func:`_says`).
_PLURAL_NOUN_FORMS = frozenset({"states", "reports", "claims", "calls", "notes", "remarks", "comments", "answers",
                                "replies", "tweets", "posts", "points", "promises", "pledges", "vows", "demands",
                                "charges", "estimates", "accounts", "warnings", "responses", "attacks", "shows"})


@dataclass(frozen=True)
class _Subject:
    """A verb cue with the speaker found before it (None if none), and what was refused instead."""

    end: int
    entry: CueEntry
    before: int
    speaker: _Speaker | None
    refused: tuple | None

    def token(self, doc: _Document) -> int:
        """The speaker's first token."""
        return bisect.bisect_left(doc.starts, self.speaker.start)


def _subject(state: _State, word: _Word) -> _Subject | None:
    def compute():
        verb = _verb_here(state, word)
        if verb is None:
            return None
        speaker, refused = _find_subject(state.doc, verb[1], word.first, verb[0].entry, word.i)
        return _Subject(verb[0].end, verb[0].entry, verb[1], speaker, refused)

    return word.get("subject", compute)


def _with_speaker(state: _State, word: _Word) -> _Subject | None:
    subject = _subject(state, word)
    return subject if subject is not None and subject.speaker is not None else None


@check("nested", order=36, scope="word")
def refuse_nested(state: _State, word: _Word) -> int | None:
    """ "said it welcomed the research": the cue is inside another's content."""
    subject = _with_speaker(state, word)
    if subject is None:
        return None
    doc, speaker = state.doc, subject.speaker
    for item in state.in_sentence(word.sentence):
        if item.cue and item.cue[1] <= speaker.start and item.speaker is not None:
            between = doc.text[item.cue[1] : speaker.start].strip(" ,").lower()
            if between in ("", "that") and item.rule in ("speaker-cue-content", "speaker-then-quote"):
                refuse(doc, word.sentence, subject.token(doc), subject.end, "nested")
                return subject.end
    return None


@check("author-claim", order=37, scope="word")
def refuse_it_with_a_judging_cue(state: _State, word: _Word) -> int | None:
    """ "it" with a cue that is not neutral ("it signals") is the author's claim."""
    subject = _with_speaker(state, word)
    if subject is None:
        return None
    speaker = subject.speaker
    if speaker.head == "pronoun" and speaker.pronoun == "it" and subject.entry.category not in ("neutral", "evidence"):
        refuse(state.doc, word.sentence, subject.token(state.doc), subject.end, "author-claim",
               "“it” with a cue that is not neutral")
        return subject.end
    return None


@check("organisation-stance", order=38, scope="word")
def refuse_organisation_stance(state: _State, word: _Word) -> int | None:
    subject = _with_speaker(state, word)
    if subject is None or subject.entry.category != "stance" or subject.speaker.type != "organization":
        return None
    refuse(state.doc, word.sentence, subject.token(state.doc), subject.end, "organisation-stance")
    return subject.end


@check("document-emphasis", order=39, scope="word")
def refuse_document_emphasis(state: _State, word: _Word) -> int | None:
    subject = _with_speaker(state, word)
    if subject is None or subject.speaker.head != "document" or subject.entry.category != "emphatic":
        return None
    refuse(state.doc, word.sentence, subject.token(state.doc), subject.end, "document-emphasis")
    return subject.end


def _tail(doc: _Document, end: int, last: int) -> bool:
    """Only a short adverbial (or nothing) follows the cue: "..., the report shows." """
    rest = [k for k in range(end, last) if doc.tokens[k].kind != "punct"]
    if not rest:
        return True
    return (
        len(rest) <= 5
        and doc.norms[rest[0]] in _TAIL_STARTS
        and not any(doc.norms[k] == "that" for k in rest)
        and not any(doc.tokens[k].text in QUOTE_MARKS or doc.tokens[k].text == ":" for k in range(end, last))
    )


def _after_comma(doc: _Document, start: int) -> bool:
    """The words before ``start`` end with a comma, also one inside a closing quotation
    mark ("..., he noted", "...,” she has said", "...?” she asked")."""
    before = doc.text[:start].rstrip()
    if before.endswith(","):
        return True
    return before[-1:] in QUOTE_MARKS and before[:-1].rstrip()[-1:] in (",", "?", "!")


def _parenthetical(doc: _Document, word: _Word, subject: _Subject) -> bool:
    """Speaker and cue set off inside the sentence they report: "Loyalty, he noted, has
    long been ...", "As the mayor noted, the plan ...". Only cues that take a clause."""
    end, speaker = subject.end, subject.speaker
    if subject.entry.needs not in ("that", "any") or end >= word.last - 1 or doc.tokens[end].text != ",":
        return False
    following = doc.norms[end + 1]
    if following.endswith("ed") or following in ("and", "or", "but"):
        return False  # a list of verbs: "In 2015, Lee wrote, directed and produced a film."
    if _after_comma(doc, speaker.start):
        return True
    a = subject.token(doc)
    return a - 1 >= word.first and doc.norms[a - 1] == "as" and (a - 1 == word.first or doc.tokens[a - 2].text == ",")


def _inverted(state: _State, word: _Word, subject: _Subject) -> bool:
    """What was said comes first and the speaker and cue end the sentence ("..., the report shows."),
    or speaker and cue stand between commas inside it ("Time, Mr. Pence added, was on their side.")."""
    doc, speaker = state.doc, subject.speaker
    if subject.entry.needs == "noun" or getattr(speaker, "apposition", False):
        return False
    if speaker.start <= doc.tokens[word.first].start:
        return False
    return (_after_comma(doc, speaker.start) and _tail(doc, subject.end, word.last)) or _parenthetical(doc, word, subject)


@check("no-content", order=40, scope="word")
def refuse_without_content(state: _State, word: _Word) -> int | None:
    """Nothing the cue needs follows it (an aim after "to" is refused as "aim")."""
    subject = _with_speaker(state, word)
    if subject is None or _inverted(state, word, subject):
        return None
    ok, why = _needs_met(state.doc, _needs_for(subject), subject.end, word.last)
    if ok:
        return None
    refuse(state.doc, word.sentence, subject.token(state.doc), subject.end,
           "aim" if why == "aim" else "no-content", "" if why == "aim" else why)
    return subject.end


def _needs_for(subject: _Subject) -> CueEntry:
    """What the cue needs after it, given its speaker: data and outlets often drop "that"
    ("the poll showed Trump leading", "CNN reported at least six planes ...")."""
    entry, speaker = subject.entry, subject.speaker
    if entry.needs == "that" and (speaker.head == "document" or (
        entry.base == "report" and speaker.type in ("organization", "media")
    )):
        return CueEntry(entry.base, entry.category, "any")
    return entry


def _add_speaker_cue(state: _State, word: _Word, subject: _Subject, rule_name: str) -> int:
    category, cue_end = _category(state.doc, subject.entry, word.i, subject.end, word.last)
    state.add(word.sentence, subject.speaker, (word.i, cue_end), category, "indirect", rule_name)
    return cue_end


@rule("speech-as-subject", "the speeches, remarks or statements of a source as the subject of a cue "
      "(the mayor’s speeches highlight ...)", order=41, scope="word")
def speech_as_subject(state: _State, word: _Word) -> int | None:
    subject = _with_speaker(state, word)
    if subject is None:
        return None
    doc, speaker = state.doc, subject.speaker
    owned = speaker.head in ("pronoun",) and speaker.text.lower() in _POSSESSIVE_PRONOUNS
    if not owned and not (
        _possessor(doc, subject.token(doc), bisect.bisect_left(doc.starts, speaker.end))
        and speaker.reason.startswith("the owner of")
    ):
        return None
    return _add_speaker_cue(state, word, subject, "speech-as-subject")


def _speaker_after(state: _State, word: _Word, subject: _Subject) -> _Speaker | None:
    """ "..., said the mayor.": the speaker after a cue that follows a comma and ends the sentence."""
    doc, i, first, last, j = state.doc, word.i, word.first, word.last, subject.before
    if not (j >= first and doc.tokens[j].text == "," and j == i - 1 and not doc.norms[i].endswith("ing")):
        return None
    span = _chain_right(doc, subject.end, last)
    if span and _ends_clause(doc, span[1], last) and doc.norms[span[0]] not in _SUBJECT_PRONOUNS:
        speaker = _speaker_of_saying(doc, *span, subject.entry)
        if _is_speaker(speaker):
            return speaker
    return None


def _ends_clause(doc: _Document, end: int, last: int) -> bool:
    """A speaker phrase after an inverted cue ends its clause: at the sentence end, or before
    a comma, dash or bracket that opens an apposition ("..., said Ann Lee, an analyst at ...")."""
    return end >= last - 1 or doc.tokens[end].text in (",", "—", "–", "-", "(")


@rule("content-then-speaker", "what was said, then the source and the cue at the end (..., the report shows.)",
      order=42, scope="word")
def content_then_speaker(state: _State, word: _Word) -> int | None:
    subject = _subject(state, word)
    if subject is None:
        return None
    if subject.speaker is None:
        speaker = _speaker_after(state, word, subject)
        if speaker is None:
            return None
        category, cue_end = _category(state.doc, subject.entry, word.i, subject.end, word.last)
        state.add(word.sentence, speaker, (word.i, cue_end), category, "indirect", "content-then-speaker")
        return subject.end
    if not _inverted(state, word, subject):
        return None
    return _add_speaker_cue(state, word, subject, "content-then-speaker")


def _looks_like_subject(doc: _Document, a: int, i: int) -> bool:
    """A refused subject worth reporting: it starts with a determiner or a capital ("This move", "The deal")
    and the cue is not a noun ("the recent offer")."""
    starts = doc.norms[a] in _DETERMINERS or doc.norms[a] in _POSSESSIVE_PRONOUNS or doc.tokens[a].text[0].isupper()
    return starts and doc.norms[i] not in doc.lex.nominals


@check("no-speaker", order=43, scope="word")
def refuse_without_speaker(state: _State, word: _Word) -> int | None:
    """No speaker before the cue: the word is passed over, and what stood there is
    recorded with the guard that refused it (an aim, the author's claim, first person)."""
    subject = _subject(state, word)
    if subject is None or subject.speaker is not None:
        return None
    doc, i, who = state.doc, word.i, subject.refused
    ok, why = _needs_met(doc, subject.entry, subject.end, word.last)
    if why == "aim":
        refuse(doc, word.sentence, who[0] if who else i, subject.end, "aim")
    elif who and (who[1] != "author-claim" or _looks_like_subject(doc, who[0], i)):
        refuse(doc, word.sentence, who[0], subject.end, who[1], who[2] if len(who) > 2 else "")
    return subject.end


@rule("speaker-cue-content", "a speaker, then a cue, then what they said (X argued that ...); "
      "if what follows holds a quotation, the kind is direct", order=44, scope="word")
def speaker_cue_content(state: _State, word: _Word) -> int | None:
    subject = _with_speaker(state, word)
    if subject is None:
        return None
    return _add_speaker_cue(state, word, subject, "speaker-cue-content")


# ---------------------------------------------------------------------------
# 4. Speech nouns, noun by noun (nominal_cues_en.txt)
# ---------------------------------------------------------------------------


@rule("nominal-source", "a speech noun with the source after “from” or “by” (criticism from rights groups)",
      order=50, scope="noun")
def nominal_source(state: _State, word: _Word) -> int | None:
    doc, k, first, last = state.doc, word.i, word.first, word.last
    if not (k + 2 < last and doc.norms[k + 1] in ("from", "by")):
        return None
    span = _chain_right(doc, k + 2, last)
    speaker = _classify(doc, *span, lenient=True) if span else None
    if not _is_speaker(speaker):
        return None
    cue_start = k
    if k - 2 >= first and doc.norms[k - 1] == "and" and doc.norms[k - 2] in doc.lex.nominals:
        cue_start = k - 2  # "praise and criticism from ..."
    state.add(word.sentence, speaker, (cue_start, k + 1), doc.lex.nominals[doc.norms[k]], "indirect", "nominal-source")
    return k + 1


def _owner_before(doc: _Document, k: int, first: int) -> _Speaker | None:
    """The owner of a speech noun: "Carter's firsthand account", "her message"."""
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


def _is_frame(doc: _Document, k: int, first: int, last: int) -> bool:
    """ "In her remarks," / "In a statement," at the start of a sentence with its own cue."""
    opener = next((m for m in range(first, k) if doc.norms[m] in ("in", "during", "at")), None)
    comma = k + 1 < last and doc.tokens[k + 1].text == ","
    return opener is not None and opener < k and comma and k - first <= 5


#: Speech nouns whose content can follow as "to" + verb: "his proposal to ban ...".
_CONTENT_NOUNS_TO = frozenset({"proposal", "offer", "request", "promise", "pledge", "plea", "appeal", "demand",
                               "demands", "call", "warning", "warnings"})


def _content_after_noun(doc: _Document, k: int, last: int) -> bool:
    """A speech noun reports words only when they follow it: "her warning that ...", "his
    statement: ...", "their message is clear", "his proposal to ban ...", "her criticism of ..."."""
    m = k + 1
    if m < last and doc.tokens[m].text == ",":
        m += 1
    if m >= last:
        return False
    token, norm, noun = doc.tokens[m], doc.norms[m], doc.norms[k]
    if norm == "that" or token.text in QUOTE_MARKS or token.text in (":", "—", "–"):
        return True
    if norm in ("is", "was") and m + 1 < last and doc.norms[m + 1] in _CLEAR_WORDS:
        return True
    if norm in ("of", "for", "about", "over", "towards", "toward", "to") and doc.lex.nominals[noun] in (
        "evaluative", "concern", "argumentative", "emphatic"
    ):
        return True  # "her criticism of the plan", "his gratitude towards Bukele"
    if norm == "of" and noun in ("account", "accounts", "description", "explanation"):
        return True  # "Carter's firsthand account of her visit"
    return norm == "to" and noun in _CONTENT_NOUNS_TO


@rule("nominal-possessive", "a speech noun owned by the source (Carter’s account, her message is clear:)",
      order=51, scope="noun")
def nominal_possessive(state: _State, word: _Word) -> int | None:
    """ "her warning that ...", "Carter's account of her visit": the owner of a speech noun speaks,
    when what was said follows the noun."""
    doc, k, first, last = state.doc, word.i, word.first, word.last
    owner = _owner_before(doc, k, first)
    if owner is None:
        return None
    if _is_frame(doc, k, first, last):
        return k + 1  # "In her remarks, Noem made it clear ...": part of the main attribution
    if not _content_after_noun(doc, k, last):
        return k + 1  # "Pence's comments came at a town hall": no words are reported
    category, cue_end = doc.lex.nominals[doc.norms[k]], k + 1
    if doc.norms[k + 1] in ("is", "was") and k + 2 < last and doc.norms[k + 2] in _CLEAR_WORDS:
        category, cue_end = "emphatic", k + 3
    state.add(word.sentence, owner, (k, cue_end), category, "indirect", "nominal-possessive")
    return k + 1


def _owner_in_sentence(doc: _Document, first: int, k: int) -> _Speaker | None:
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


@rule("nominal-of", "a speech noun with “of” (a message of thanks), the source taken from a possessive "
      "in the same sentence", order=52, scope="noun")
def nominal_of(state: _State, word: _Word) -> int | None:
    doc, k, first, last = state.doc, word.i, word.first, word.last
    if not (
        k + 2 < last and doc.norms[k + 1] == "of" and doc.norms[k + 2] in doc.lex.nominals
        and doc.norms[k] in ("message", "words", "letter", "statement", "note")
    ):
        return None
    owner = _owner_in_sentence(doc, first, k)
    if owner is None:
        return None
    state.add(word.sentence, owner, (k, k + 3), doc.lex.nominals[doc.norms[k + 2]], "indirect", "nominal-of")
    return k + 1


@rule("agentless-pair", "two agentless participles joined by “and” (both admired and criticized)",
      order=60, scope="sentence")
def agentless_pair(state: _State, sentence, first: int, last: int) -> None:
    doc = state.doc
    for k in range(first, last - 2):
        one = doc.lex.agentless.get((doc.norms[k],))
        two = doc.lex.agentless.get((doc.norms[k + 2],)) if doc.norms[k + 1] == "and" else None
        if one and two and not state.taken(k, k + 3) and not doc.in_quote(doc.tokens[k].start):
            state.add(sentence, None, (k, k + 3), one[0], "implicit", "agentless-pair")


# ---------------------------------------------------------------------------
# 5. Quotations left over, once every sentence is read
# ---------------------------------------------------------------------------


def _holds_quote_start(item, quote) -> bool:
    """The quotation starts inside the attribution's sentences."""
    return item.sentence.start <= quote.start < item.last_sentence.end


@rule("speaker-then-quote", "a speaker and a cue followed by a quotation, also one that opens the next "
      "paragraph after a colon (X said: “...”)",
      order=70, scope="quotation")
def speaker_then_quote(state: _State, number: int, quote) -> None:
    """A quotation inside what someone is said to say makes it direct ("called it “unfair”")."""
    doc = state.doc
    owners = [
        f for f in state.found
        if f.cue and f.speaker is not None and f.cue[1] <= quote.start and (
            _holds_quote_start(f, quote)
            or doc.text[f.cue[1] : quote.start].strip() == ":"  # "The reporter says:" and the quotation below
        )
    ]
    if not owners:
        return
    owner = max(owners, key=lambda f: f.cue[1])
    if owner.kind in ("indirect", "direct"):
        if not _holds_quote_start(owner, quote):
            owner.last_sentence = doc.sentence_at(max(quote.end - 1, quote.start)) or owner.last_sentence
        owner.kind = "direct"
        owner.quotes.append(quote)
        if owner.rule == "speaker-cue-content" and doc.text[owner.cue[1] : quote.start].strip(" ,:").count(" ") <= 3:
            owner.rule = "speaker-then-quote"
        state.used_quotes.add(number)


@rule("continued", "the speaker’s quotation goes on in the next sentence or paragraph",
      order=80, scope="quotation")
def continued(state: _State, number: int, quote) -> None:
    """A quotation at the start of the next sentence, with no source of its own, goes on with the previous speaker."""
    doc = state.doc
    sentence = doc.sentence_at(quote.start)
    if sentence is None or not sentence.is_prose:
        return
    if any(f.speaker is not None for f in state.in_sentence(sentence)):
        return
    index = doc.sentences.index(sentence)
    if index == 0:
        return
    previous = doc.sentences[index - 1]
    if previous.line != sentence.line and not (quote.start == sentence.start):
        return
    if quote.start > sentence.start + 1:
        return
    owners = [f for f in state.found if f.kind == "direct" and f.last_sentence.end <= sentence.start and f.last_sentence.end >= previous.start]
    if not owners:
        return
    owner = owners[-1]
    owner.quotes.append(quote)
    owner.last_sentence = doc.sentence_at(max(quote.end - 1, quote.start)) or sentence
    if "+continued" not in owner.rule:
        owner.rule += "+continued"
    state.used_quotes.add(number)


def _loose_quote(doc: _Document, quote):
    """The prose sentence of a quotation with no speaker, and its words; None if it has neither."""
    sentence = doc.sentence_at(quote.start) or doc.sentence_at(quote.content_start)
    if sentence is None or not sentence.is_prose:
        return None
    words = [t for t in tokenize(quote.text) if t.is_word]
    return (sentence, words) if words else None


@check("title-in-quotes", order=90, scope="quotation")
def refuse_titles_and_names(state: _State, number: int, quote) -> None:
    """A capitalised title in quotation marks, or a name after "called" or "known as", is not speech
    (refused as "title-in-quotes" or "naming")."""
    doc = state.doc
    loose = _loose_quote(doc, quote)
    if loose is None:
        return
    sentence, words = loose
    a, b = doc.token_range(quote.start, quote.end)
    if all(w.text[0].isupper() for w in words) and len(words) <= 8 and not quote.text.rstrip().endswith((".", "!", "?", ",")):
        refuse(doc, sentence, a, b, "title-in-quotes")
        state.used_quotes.add(number)
        return
    before = doc.text[max(sentence.start, quote.start - 14) : quote.start].lower()
    if any(word in before.split()[-1:] for word in _NAMING_WORDS) or before.rstrip().endswith("known as"):
        refuse(doc, sentence, a, b, "naming")
        state.used_quotes.add(number)


def _add_loose_quote(state: _State, number: int, quote, sentence, kind: str, rule_name: str) -> None:
    doc = state.doc
    item = state.add(sentence, None, None, None, kind, rule_name,
                     last_sentence=doc.sentence_at(max(quote.end - 1, quote.start)) or sentence)
    item.quotes.append(quote)
    state.used_quotes.add(number)


@rule("scare-quote", "quotation marks around a short term, with no speaker (his “mass deportation” plan)",
      order=91, scope="quotation")
def scare_quote(state: _State, number: int, quote) -> None:
    loose = _loose_quote(state.doc, quote)
    if loose is None:
        return
    sentence, words = loose
    sentence_inside = re.search(r"[.!?]\s", quote.text) or quote.text.rstrip().endswith(("!", "?"))
    if len(words) <= _SCARE_MAX_WORDS and not sentence_inside and quote.closed:
        _add_loose_quote(state, number, quote, sentence, "scare", "scare-quote")


@rule("quote-without-speaker", "a quotation for which no speaker was found nearby", order=92, scope="quotation")
def quote_without_speaker(state: _State, number: int, quote) -> None:
    loose = _loose_quote(state.doc, quote)
    if loose is not None:
        _add_loose_quote(state, number, quote, loose[0], "direct", "quote-without-speaker")


# ---------------------------------------------------------------------------
# 6. Across the article
# ---------------------------------------------------------------------------


def _others_verb(doc: _Document, k: int, b: int) -> int | None:
    """The verb after "others" (past auxiliaries and adverbs), if it is a lower-case word."""
    verb = k + 1
    while verb < b and (doc.norms[verb] in _AUX or doc.is_adverb(verb)):
        verb += 1
    if verb < b and doc.tokens[verb].kind == "word" and doc.tokens[verb].text.islower():
        return verb
    return None


#: Verbs that make a headline an attribution ("Minister Says ...", "Union warns ...").
_HEADLINE_CUES = frozenset({"says", "said", "tells", "told", "warns", "warned", "claims", "asks", "admits", "denies",
                            "insists", "vows", "urges", "accuses", "slams", "blasts", "defends", "rejects",
                            "praises", "criticises", "criticizes", "confirms", "announces", "reveals", "argues",
                            "predicts"})


#: Words that label a headline rather than name who speaks ("Exclusive: ...", "Watch: ...").
_HEADLINE_LABELS = frozenset({"exclusive", "analysis", "watch", "video", "live", "update", "updated", "breaking",
                              "opinion", "review", "editorial", "explainer", "factbox", "timeline", "photos",
                              "listen", "podcast", "comment", "interview", "fact", "check", "correction", "q&a",
                              "news", "report", "feature", "obituary", "letters", "sponsored", "read", "more",
                              "latest", "note", "q", "a", "question", "answer", "name", "age", "city", "job", "summary",
                              "recap", "takeaway", "takeaways", "why", "what", "how", "when", "where", "who", "bottom",
                              "line", "key", "nerdcast", "quiz", "map", "chart", "graphic", "photo", "audio"})


def _named_again(doc: _Document, k: int, sentence) -> bool:
    """The capitalised word at token k appears again, capitalised, outside this sentence (a
    transcript's "LEE:" also as "Lee")."""
    word = doc.tokens[k].text
    if not word[:1].isupper():
        return False
    forms = f"{re.escape(word)}|{re.escape(word.title())}" if word.isupper() else re.escape(word)
    pattern = re.compile(rf"\b(?:{forms})\b")
    return bool(pattern.search(doc.text, 0, sentence.start) or pattern.search(doc.text, sentence.end))


def _headline_attribution(state: _State, sentence, colon_only: bool = False) -> None:
    doc = state.doc
    a, b = doc.token_range(sentence.start, sentence.end)
    for i in range(a + 1, min(b - 1, a + 9)):
        if doc.tokens[i].text == ":" and (doc.tokens[i + 1].text in QUOTE_MARKS or (
            i - a <= 4 and not any(doc.norms[k] in _HEADLINE_LABELS for k in range(a, i))
        )):
            entry = None  # "Hale: 'We will not back down'", "Hale: Talks Will Go On"
            if colon_only and not (i - a <= 4 and all(doc.tokens[k].text[:1].isupper() or doc.tokens[k].text == "."
                                                      for k in range(a, i))):
                return  # a transcript's label is a name alone: "LEE:", "Ruth Okafor:"
        elif colon_only:
            continue
        elif doc.norms[i] in _HEADLINE_CUES and (doc.norms[i],) in doc.lex.cues:
            entry = doc.lex.cues[(doc.norms[i],)]
        else:
            continue
        if any(doc.tokens[k].kind == "punct" and doc.tokens[k].text not in ".'’-" for k in range(a, i)):
            return
        speaker = _classify(doc, a, i) if entry is None else _speaker_of_saying(doc, a, i, entry)
        if not _is_speaker(speaker):
            speaker = _described_speaker(doc, a, i)
        if speaker is None or not _is_speaker(speaker):
            return
        quoted = any(doc.tokens[k].text in QUOTE_MARKS for k in range(i + 1, b))
        if entry is None and not quoted and doc.tokens[i + 1].text not in QUOTE_MARKS and (
            speaker.type == "group" or not _named_again(doc, i - 1, sentence)
        ):
            return  # "Looking Ahead: ..." is a label: a source before a colon is someone the article names again
        direct = quoted if entry is not None else doc.tokens[i + 1].text in QUOTE_MARKS or quoted
        if state.taken(i, i + 1):
            return  # an earlier rule has read this cue already
        state.add(sentence, speaker, (i, i + 1), entry.category if entry else "neutral",
                  "direct" if direct else "indirect", "headline")
        return


@rule("headline", "a headline or summary line of the form “X says …”, “X: ‘…’” or “X: …”, and a "
      "line of a transcript that opens with its speaker (Minister says talks will go on; Hale: Talks Will Go On; "
      "LEE: We will see.)", order=95, scope="document")
def headline(state: _State) -> None:
    doc = state.doc
    sentences = doc.sentences
    for sentence in sentences:
        first_line = sentence.line == sentences[0].line and len(sentence.text.split()) <= 20
        if sentence.kind == "heading" or first_line:
            _headline_attribution(state, sentence)  # some feeds end a headline with a full stop
        elif doc.text[max(0, sentence.start - 1) : sentence.start] == "\n":
            _headline_attribution(state, sentence, colon_only=True)  # a transcript: "LEE: We will ..."


@rule("weasel-pair", "a vague group set against another (some argue ..., others ...)", order=100, scope="document")
def weasel_pair(state: _State) -> None:
    """Mark "some ..., others ..." pairs, and take "others VERB" even when the verb is not a listed cue."""
    doc = state.doc
    for sentence in doc.sentences:
        items = [f for f in state.in_sentence(sentence) if f.speaker is not None and f.speaker.type == "group"]
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
                verb = _others_verb(doc, k, b)
                if verb is not None and not state.taken(verb, verb + 1):
                    speaker = _classify(doc, k, k + 1)
                    state.add(sentence, speaker, (verb, verb + 1), "stance", "indirect", "weasel-pair")
        for f in vague_first:
            if len(items) > 1 and f.rule == "speaker-cue-content":
                f.rule = "weasel-pair"


#: Every rule, by the name stored in ``Attribution.rule``, with what it looks for (in the order they run).
RULES = rule_descriptions()
