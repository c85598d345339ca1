"""Self-checks for the "Your turn" cells of the notebooks.

A self-check compares a student's answer with the value the notebook
computed itself, so it works on any corpus. It never raises: an unanswered
question (``...``) gets a reminder, a wrong one a hint, a right one a
confirmation. These checks are for practice; graded work is in ``exercises/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from helpers.html import escape

__all__ = ["Feedback", "check"]


@dataclass
class Feedback:
    """The outcome of a self-check: ``status`` is "correct", "wrong" or "unanswered"."""

    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        symbol = {"correct": "✔", "wrong": "✘", "unanswered": "…"}[self.status]
        return f"{symbol} {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"correct": "#009E73", "wrong": "#D55E00", "unanswered": "#999999"}[self.status]
        return f'<p style="border-left:4px solid {colour};padding-left:6px">{escape(str(self))}</p>'


def _same(answer, expected, tolerance: float) -> bool:
    if isinstance(expected, float) or isinstance(answer, float):
        try:
            return math.isclose(float(answer), float(expected), rel_tol=tolerance, abs_tol=tolerance)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, str) and isinstance(answer, str):
        return answer.strip().lower() == expected.strip().lower()
    if isinstance(expected, (set, frozenset)):
        try:
            return set(answer) == set(expected)
        except TypeError:
            return False
    return answer == expected


def check(answer, expected=None, *, test=None, hint: str = "", success: str = "Right.", tolerance: float = 0.01) -> Feedback:
    """Check an answer against an expected value or a test function.

    Parameters
    ----------
    answer : object
        The student's answer; ``...`` means not answered yet.
    expected : object, optional
        The right value. Floats match within ``tolerance``; strings ignore
        case and surrounding spaces; sets ignore order.
    test : callable, optional
        Instead of ``expected``: a function of the answer returning True if right.
    hint : str
        What to look at again when the answer is wrong (never the answer itself).
    success : str
        What to say when it is right (a sentence that interprets the result).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> check(..., 3).status
    'unanswered'
    >>> str(check(2, 3, hint="Count the words again."))
    '✘ Not yet. Count the words again.'
    >>> check(0.333, 1/3).correct
    True
    >>> check([1, 2], test=lambda a: len(a) == 2).correct
    True
    """
    if answer is ... or answer is None:
        return Feedback("unanswered", "Not answered yet: replace ... with your answer and run the cell again.")
    try:
        right = bool(test(answer)) if test is not None else _same(answer, expected, tolerance)
    except Exception as error:  # a student's odd answer must not crash the check
        return Feedback("wrong", f"Could not check this answer ({type(error).__name__}: {error}). {hint}".strip())
    if right:
        return Feedback("correct", success)
    return Feedback("wrong", f"Not yet. {hint}".strip())
