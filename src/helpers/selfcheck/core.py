"""The machinery of the self-checks: questions, misconceptions and feedback.

A **question** is registered under a name ("02-heaviest-user") with a
function that works out, from the notebook's own data, the right answer and
the wrong answers a student holding a known misconception would give. The
student's cell shows only the name and the data it is checked against::

    check("02-heaviest-user", heaviest_user, rates=rates, word=word)

so the expected value is never printed in the cell the student edits.

What a check says, in order:

1. ``...`` or ``None``: "not answered yet";
2. an answer of the wrong type: what the type is and what was wanted ("you
   typed the number as text"), never a hint about the content;
3. the right answer: a sentence that interprets it;
4. an answer a named misconception gives: that misconception's hint, which
   points to the idea and the table to look at, never to the code;
5. anything else: the question's general hint.

When the corpus cannot tell a misconception from the right answer (the same
article leads by raw count and by rate), the question says so and accepts
nothing rather than accepting either (status "skipped").
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable

from helpers.html import escape

__all__ = [
    "Feedback",
    "Key",
    "Misconception",
    "Question",
    "QUESTIONS",
    "UnknownQuestion",
    "check",
    "question",
]

STATUSES = ("correct", "wrong", "unanswered", "wrong-type", "skipped")


class UnknownQuestion(KeyError):
    """A self-check name that no notebook registers."""


@dataclass(frozen=True)
class Feedback:
    """The outcome of a self-check.

    Attributes
    ----------
    status : str
        "correct", "wrong", "unanswered", "wrong-type" or "skipped".
    message : str
        What the student reads.
    misconception : str or None
        The name of the misconception the answer showed, if one did.
    """

    status: str
    message: str
    misconception: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        symbol = {"correct": "✔", "wrong": "✘", "unanswered": "…", "wrong-type": "✘", "skipped": "–"}[self.status]
        return f"{symbol} {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"correct": "#009E73", "wrong": "#D55E00", "wrong-type": "#D55E00"}.get(self.status, "#767676")
        return f'<p style="border-left:4px solid {colour};padding-left:6px">{escape(str(self))}</p>'


@dataclass(frozen=True)
class Misconception:
    """A known wrong idea and the answer it leads to on this corpus.

    Attributes
    ----------
    name : str
        Short and stable ("raw count for rate"); tests and the misconception
        table use it.
    hint : str
        What to look at again: the idea and the table, never the code or the value.
    answer : object
        The answer a student holding it would give here. Compared like the
        right answer (same tolerance, case and order rules).
    test : callable, optional
        For a mistake that has many answers (any stopword, any text too
        short to be an argument): a function of the answer returning True
        when the answer shows it. Used when ``answer`` is None.
    """

    name: str
    hint: str
    answer: Any = None
    test: Callable[[Any], bool] | None = None

    def shown_by(self, answer: Any, spec: "Question") -> bool:
        """True when ``answer`` is what this misconception leads to."""
        if self.test is not None:
            try:
                return bool(self.test(answer))
            except Exception:  # an odd answer must not crash the check
                return False
        return _comparable(self.answer, spec) and _same(answer, _coerce(self.answer, spec), spec.kind, spec.tolerance)


@dataclass(frozen=True)
class Key:
    """What a question's function returns: the right answer and the traps.

    Attributes
    ----------
    expected : object
        The right answer; ignored when ``accept`` is given.
    misconceptions : tuple of Misconception
    accept : callable, optional
        For open questions ("any hedge of this article"): a function of the
        answer returning True when it is acceptable.
    cannot_tell : str, optional
        Set when this corpus cannot tell the right answer from a
        misconception's; the check then says this and accepts nothing.
    """

    expected: Any = None
    misconceptions: tuple[Misconception, ...] = ()
    accept: Callable[[Any], bool] | None = None
    cannot_tell: str | None = None


@dataclass(frozen=True)
class Question:
    """A registered self-check (see :func:`question`)."""

    name: str
    kind: str
    hint: str
    success: str
    solve: Callable[..., Key]
    tolerance: float = 0.01
    misconception_names: tuple[str, ...] = ()


#: Every registered question by name.
QUESTIONS: dict[str, Question] = {}

KINDS = ("number", "whole number", "text", "label", "set of words")


def question(
    name: str,
    *,
    kind: str,
    hint: str,
    success: str,
    misconceptions: tuple[str, ...] = (),
    tolerance: float = 0.01,
) -> Callable[[Callable[..., Key]], Callable[..., Key]]:
    """Register a function that solves one self-check question.

    Parameters
    ----------
    name : str
        "NN-short-name", NN being the notebook's number.
    kind : str
        What the answer is: "number", "whole number", "text", "label" or
        "set of words". Answers of another type get a message about the type.
    hint : str
        The general hint for a wrong answer that shows no known misconception.
    success : str
        What to say when it is right: a sentence that interprets the result.
    misconceptions : tuple of str
        The names of the misconceptions this question can diagnose (each
        solve call returns them with the answer they lead to).
    tolerance : float
        For numbers: relative and absolute tolerance.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")

    def register(solve: Callable[..., Key]) -> Callable[..., Key]:
        if name in QUESTIONS:
            raise ValueError(f"the self-check {name!r} is registered twice")
        QUESTIONS[name] = Question(name, kind, hint, success, solve, tolerance, tuple(misconceptions))
        return solve

    return register


def _type_problem(answer: Any, kind: str) -> str | None:
    """Why an answer is not of the kind wanted, or None if it is."""
    if kind in ("number", "whole number"):
        if isinstance(answer, bool):
            return f"The answer should be a {kind}, but you gave {answer} (True or False)."
        if isinstance(answer, str):
            try:
                float(answer.replace(",", "").strip())
            except ValueError:
                return f"The answer should be a {kind}, but you gave text ({answer[:40]!r})."
            return "You typed the number as text (inside quotation marks): remove the quotation marks."
        if not isinstance(answer, numbers.Real):
            return f"The answer should be a {kind}, but you gave a value of type {type(answer).__name__}."
        if kind == "whole number" and not float(answer).is_integer():
            return "The answer should be a whole number (a count), but yours has a fractional part."
        return None
    if kind in ("text", "label"):
        if isinstance(answer, str):
            return None if answer.strip() else f"The answer is empty: type the {kind} between the quotation marks."
        return f"The answer should be {'a label' if kind == 'label' else 'text'} in quotation marks, but you gave a value of type {type(answer).__name__}."
    if kind == "set of words":
        if isinstance(answer, str):
            return "The answer should be a list of words, like [\"one\", \"two\"], not a single piece of text."
        try:
            items = list(answer)
        except TypeError:
            return f"The answer should be a list of words, but you gave a value of type {type(answer).__name__}."
        if not all(isinstance(item, str) for item in items):
            return "Every item of the list should be a word in quotation marks."
        return None
    return None


def _same(answer: Any, expected: Any, kind: str, tolerance: float) -> bool:
    if kind in ("number", "whole number"):
        if not isinstance(expected, numbers.Real) or isinstance(expected, bool):
            return False
        return math.isclose(float(answer), float(expected), rel_tol=tolerance, abs_tol=tolerance)
    if kind in ("text", "label"):
        return isinstance(expected, str) and answer.strip().lower() == expected.strip().lower()
    if kind == "set of words":
        return {a.strip().lower() for a in answer} == {str(e).strip().lower() for e in expected}
    return answer == expected


def _comparable(value: Any, spec: Question) -> bool:
    return value is not None and _type_problem(value, spec.kind) is None


def _coerce(value: Any, spec: Question) -> Any:
    return list(value) if spec.kind == "set of words" else value


def check(name: str, answer: Any, /, **context: Any) -> Feedback:
    """Check a student's answer to the registered question ``name``.

    Parameters
    ----------
    name : str
        The question, as registered ("02-heaviest-user").
    answer : object
        The student's answer; ``...`` means not answered yet.
    **context
        The notebook's data the answer is checked against (the corpus, the
        article in focus, a table...), passed to the question's function.

    Returns
    -------
    Feedback
        Never raises for anything the student typed.

    Examples
    --------
    >>> from helpers.selfcheck import check
    >>> check("00-articles-with-a-date", ..., corpus=None).status
    'unanswered'
    """
    if name not in QUESTIONS:
        known = ", ".join(sorted(QUESTIONS))
        raise UnknownQuestion(f"No self-check named {name!r}. Known: {known}.")
    spec = QUESTIONS[name]
    if answer is ... or answer is None:
        return Feedback("unanswered", "Not answered yet: replace ... with your answer and run the cell again.")
    problem = _type_problem(answer, spec.kind)
    if problem:
        return Feedback("wrong-type", problem)
    key = spec.solve(**context)
    if key.cannot_tell:
        return Feedback("skipped", key.cannot_tell)
    if key.accept is None:
        for trap in key.misconceptions:
            if trap.test is None and trap.shown_by(key.expected, spec):
                return Feedback(
                    "skipped",
                    f"On this corpus the right answer is also what the mistake \u201c{trap.name}\u201d gives, "
                    "so this check cannot tell them apart and accepts neither. Work it out, then compare "
                    "with a classmate or your instructor.",
                )
    try:
        right = bool(key.accept(answer)) if key.accept is not None else _same(answer, key.expected, spec.kind, spec.tolerance)
    except Exception as error:  # an odd answer must not crash the check
        return Feedback("wrong", f"Could not check this answer ({type(error).__name__}). {spec.hint}".strip())
    if right:
        return Feedback("correct", spec.success)
    for trap in key.misconceptions:
        if trap.shown_by(answer, spec):
            return Feedback("wrong", f"Not yet. {trap.hint}", trap.name)
    return Feedback("wrong", f"Not yet. {spec.hint}".strip())

