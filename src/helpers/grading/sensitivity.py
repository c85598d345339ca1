"""Does every hidden check still tell right from wrong on the second corpus?

A hidden check that calls a student's function on the second corpus is only
worth its points if a wrong function fails it there. On a corpus that is too
small, or that lacks what a check asks about (a word it counts, a pair of
articles it compares, a source it counts), the right answers can all be
empty, or all the same, and then a function that always answers 0, or one
that ignores its input, passes too.

:func:`weak_checks` finds such checks at build time (``make exercises``),
from the solutions' answers as the probes read them: for every hidden check
and every function it calls, it replays the check twice with a wrong
function made from the right answers,

- **empty**: every answer the check gets is emptied (0, ``""``, ``[]``, a
  dictionary with the same keys and empty values), and
- **the same for every input**: every call the check makes gets the answer
  of its first call,

and reports the check if one of them passes, or if it never calls the
function at all. It runs in a process of the grader's, in a folder holding
the second corpus (``python -m helpers.grading.sensitivity``, a job on
stdin as for :mod:`.checker`).
"""

from __future__ import annotations

import copy
import inspect
import json
import sys

from helpers.grading.checker import _run_case, stand_ins
from helpers.grading.plain import Corpora
from helpers.grading.probe import load_test_cases

__all__ = ["emptied", "weak_checks"]


def emptied(data):
    """A plain-data answer (see :func:`helpers.grading.plain.encode`) with everything in it emptied.

    Numbers become 0, text ``""``, lists and sets empty; dictionaries,
    ``Counter`` and ``FreqDist`` keep their keys with emptied values.

    Examples
    --------
    >>> emptied({"dict": [["hedge", 2], ["booster", 1]]})
    {'dict': [['hedge', 0], ['booster', 0]]}
    >>> emptied([["library", 4]]), emptied(3.5), emptied("W"), emptied(None)
    ([], 0.0, '', None)
    """
    kind = type(data)
    if data is None:
        return None
    if kind is bool:
        return False
    if kind is int:
        return 0
    if kind is float:
        return 0.0
    if kind is str:
        return ""
    if kind is list:
        return []
    if kind is dict and len(data) == 1:
        (tag, body), = data.items()
        if tag in ("tuple", "list", "set", "frozenset"):
            return {tag: []}
        if tag in ("dict", "Counter", "FreqDist") and type(body) is list:
            return {tag: [[pair[0], emptied(pair[1])] for pair in body]}
        if tag == "float":
            return 0.0
    return data


def _with_outcomes(answers: dict, function: str, outcomes: dict) -> dict:
    changed = copy.deepcopy(answers)
    calls = changed["functions"][function]["calls"]
    changed["functions"][function]["calls"] = [[key, outcomes.get(key, found)] for key, found in calls]
    return changed


def _mutants(answers: dict, function: str, keys: list[str]):
    """(what the wrong function does, the answers it gives) for the calls ``keys`` of one check."""
    table = {key: found for key, found in answers["functions"][function]["calls"]}
    empty = {key: {"returned": emptied(table[key]["returned"])} for key in keys if "returned" in table[key]}
    yield "always returns an empty answer (0, nothing)", _with_outcomes(answers, function, empty)
    if len(keys) > 1:
        same = {key: table[keys[0]] for key in keys}
        yield (f"gives the same answer whatever it is given (the check tries it on {len(keys)} inputs)",
               _with_outcomes(answers, function, same))


def weak_checks(tests: dict[str, str], answers: dict, folders: dict, case_timeout: float = 60) -> list[str]:
    """The hidden checks that a wrong function passes on this corpus, each with why.

    Parameters
    ----------
    tests : dict
        Question → the source of its otter test file.
    answers : dict
        The solutions' answers, as :func:`helpers.grading.probe.answer_probes` reads them.
    folders : dict
        Corpus name → folder.
    case_timeout : float
        Longest one check may take.

    Returns
    -------
    list of str
        ``"q5 test_q5_rate_on_other_articles: a rate that always returns ... passes it"``; empty if
        every hidden check tells right from wrong.
    """
    corpora = Corpora(folders)
    functions = answers.get("functions") or {}
    weak: list[str] = []
    for question, source in sorted(tests.items()):
        _, cases = load_test_cases(source, question)
        for case in cases:
            if not case.hidden:
                continue
            name = f"{question} {case.name or case.test_func.__name__}"
            parameters = list(inspect.signature(case.test_func).parameters)
            called = [p for p in parameters if p in functions]
            if not called:
                continue
            log: list = []
            given = stand_ins(answers, corpora, log)
            passed, message = _run_case(case, {p: given[p] for p in parameters}, case_timeout)
            if not passed:
                weak.append(f"{name}: the solutions fail it ({message[:200]})")
                continue
            for function in called:
                keys = list(dict.fromkeys(key for f, key, _ in log if f == function))
                if not keys:
                    weak.append(f"{name}: it never calls {function} on this corpus "
                                "(too few articles, or none of the kind it needs)")
                    continue
                for wrong, mutant in _mutants(answers, function, keys):
                    given = stand_ins(mutant, corpora, [])
                    if _run_case(case, {p: given[p] for p in parameters}, case_timeout)[0]:
                        weak.append(f"{name}: a {function} that {wrong} passes it, "
                                    "so on this corpus it cannot tell right from wrong")
    return weak


def main() -> int:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.write(json.dumps(weak_checks(job["tests"], job["answers"], job["corpora"], job.get("case_timeout", 60))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
