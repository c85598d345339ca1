"""The rule registry: every rule and guard step with its name, description, order and scope.

A rule is a function registered with :func:`rule`; a guard step, which
refuses a look-alike before the rules after it can take it, is registered
with :func:`check`. Both record the order they run in and their **scope**,
that is what they are called on (see :data:`SCOPES`). :func:`run_rules` runs
them in that order over one document and returns what they found.

The rules share one :class:`_State`: the attributions found so far, the cue
tokens already taken and the quotations already given a speaker.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable

from helpers.sourcing.document import _Document
from helpers.sourcing.guards import GUARDS
from helpers.text import Sentence

__all__ = ["SCOPES", "Step", "check", "rule", "rule_descriptions", "run_rules", "steps"]

#: What a step is called on, and how.
SCOPES = {
    "quotation": "each quotation that no earlier step has given to an attribution, in text order",
    "word": "each word of a prose sentence that starts a cue of the word lists, is outside quotations and "
    "is not part of a cue yet; the first step that takes the word ends the search there",
    "noun": "each speech noun (nominal_cues_en.txt) of a prose sentence outside quotations, cues and "
    "speakers; the first step that takes it ends the search",
    "sentence": "each prose sentence",
    "document": "the whole article, once",
}

#: Scopes that run sentence by sentence: for each prose sentence, every step of
#: a run of consecutive word, noun and sentence steps, in order.
_SENTENCE_SCOPES = ("word", "noun", "sentence")


@dataclass(frozen=True)
class Step:
    """One registered rule or guard step."""

    name: str
    description: str
    order: int
    scope: str
    function: Callable
    is_guard: bool = False


_STEPS: dict[int, Step] = {}


def _register(name: str, description: str, order: int, scope: str, is_guard: bool) -> Callable:
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r} for {name!r} (use one of {', '.join(SCOPES)})")
    if order in _STEPS:
        raise ValueError(f"{name!r} and {_STEPS[order].name!r} both have order {order}")
    if not is_guard and any(s.name == name and not s.is_guard for s in _STEPS.values()):
        raise ValueError(f"the rule {name!r} is registered twice")

    def register(function: Callable) -> Callable:
        _STEPS[order] = Step(name, description, order, scope, function, is_guard)
        return function

    return register


def rule(name: str, description: str, *, order: int, scope: str) -> Callable:
    """Register a rule: ``name`` is what ``Attribution.rule`` stores, ``description`` what it looks for."""
    return _register(name, description, order, scope, False)


def check(guard: str, *, order: int, scope: str) -> Callable:
    """Register a guard step: it refuses a look-alike (see :data:`GUARDS`) before later steps see it."""
    if guard not in GUARDS:
        raise ValueError(f"unknown guard {guard!r}")
    return _register(guard, GUARDS[guard], order, scope, True)


def steps() -> list[Step]:
    """Every registered step, in the order they run."""
    return [_STEPS[order] for order in sorted(_STEPS)]


def rule_descriptions() -> dict[str, str]:
    """Rule name → what it looks for, in the order the rules run."""
    return {step.name: step.description for step in steps() if not step.is_guard}


# ---------------------------------------------------------------------------
# What the rules share
# ---------------------------------------------------------------------------


@dataclass
class _Found:
    """An attribution while it is being built (made frozen at the end)."""

    sentence: Sentence
    last_sentence: Sentence
    speaker: object  # a speakers._Speaker, or None
    cue: tuple | None  # (start, end)
    category: str | None
    kind: str
    rule: str
    quotes: list = field(default_factory=list)


class _State:
    """What the rules have found so far in one document."""

    def __init__(self, doc: _Document):
        self.doc = doc
        self.found: list[_Found] = []
        self.used_cues: list[tuple[int, int]] = []  # token ranges already taken by a cue
        self.used_quotes: set[int] = set()  # numbers of the quotations given to an attribution

    def taken(self, a: int, b: int) -> bool:
        """True if tokens ``a`` to ``b`` overlap a cue already taken."""
        return any(a < y and x < b for x, y in self.used_cues)

    def add(self, sentence, speaker, cue, category, kind, rule, last_sentence=None) -> _Found:
        """Record an attribution; ``cue`` is a token range, or None."""
        if cue is not None:
            self.used_cues.append(cue)
        item = _Found(sentence, last_sentence or sentence, speaker, None if cue is None else
                      (self.doc.tokens[cue[0]].start, self.doc.tokens[cue[1] - 1].end), category, kind, rule)
        self.found.append(item)
        return item

    def in_sentence(self, sentence: Sentence) -> list[_Found]:
        """The attributions that cover this sentence."""
        return [f for f in self.found if f.sentence.start <= sentence.start < f.last_sentence.end or f.sentence is sentence]


class _Word:
    """A word of a sentence that the word and noun steps look at; the steps keep what they compute here."""

    def __init__(self, sentence: Sentence, i: int, first: int, last: int):
        self.sentence = sentence
        self.i = i
        self.first = first
        self.last = last
        self.memo: dict = {}

    def get(self, key: str, compute: Callable):
        """``compute()`` the first time it is asked for under ``key``, the same value after."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


# ---------------------------------------------------------------------------
# Running the steps
# ---------------------------------------------------------------------------


def _each_quotation(state: _State, step: Step) -> None:
    for number, quote in enumerate(state.doc.quotations):
        if number not in state.used_quotes:
            step.function(state, number, quote)


def _each_word(state: _State, group: list[Step], sentence: Sentence, first: int, last: int) -> None:
    doc = state.doc
    starts_cue = doc.lex.first_words
    i = first
    while i < last:
        if (doc.norms[i] not in starts_cue or doc.in_quote(doc.tokens[i].start) or state.taken(i, i + 1)
                or (i > first and doc.is_cap(i))):  # a capitalised word inside a sentence is a name ("the United States")
            i += 1
            continue
        word = _Word(sentence, i, first, last)
        for step in group:
            taken_to = step.function(state, word)
            if taken_to is not None:
                i = taken_to
                break
        else:
            i += 1


def _is_speech_noun(state: _State, k: int, first: int) -> bool:
    doc = state.doc
    token = doc.tokens[k]
    if doc.norms[k] not in doc.lex.nominals or token.kind != "word" or token.text[0].isupper() and k != first:
        return False
    if state.taken(k, k + 1) or doc.in_quote(token.start):
        return False
    return not any(f.speaker is not None and f.speaker.start <= token.start < f.speaker.end for f in state.found)


def _each_noun(state: _State, group: list[Step], sentence: Sentence, first: int, last: int) -> None:
    for k in range(first, last):
        if _is_speech_noun(state, k, first):
            word = _Word(sentence, k, first, last)
            for step in group:
                if step.function(state, word) is not None:
                    break


def _each_sentence(state: _State, group: list[Step]) -> None:
    doc = state.doc
    parts = [(scope, list(run)) for scope, run in itertools.groupby(group, key=lambda s: s.scope)]
    for sentence in doc.sentences:
        if not sentence.is_prose:
            continue
        first, last = doc.token_range(sentence.start, sentence.end)
        for scope, run in parts:
            if scope == "word":
                _each_word(state, run, sentence, first, last)
            elif scope == "noun":
                _each_noun(state, run, sentence, first, last)
            else:
                for step in run:
                    step.function(state, sentence, first, last)


def _stages() -> list[tuple[str, list[Step]]]:
    """The steps in order, consecutive sentence-level steps joined into one pass over the sentences."""
    stages: list[tuple[str, list[Step]]] = []
    for step in steps():
        if step.scope in _SENTENCE_SCOPES:
            if stages and stages[-1][0] == "sentences":
                stages[-1][1].append(step)
            else:
                stages.append(("sentences", [step]))
        else:
            stages.append((step.scope, [step]))
    return stages


def run_rules(doc: _Document) -> list[_Found]:
    """Run every registered step over one document, in order; return the attributions found."""
    state = _State(doc)
    for stage, group in _stages():
        if stage == "quotation":
            _each_quotation(state, group[0])
        elif stage == "sentences":
            _each_sentence(state, group)
        else:
            group[0].function(state)
    return state.found
