"""The trusted checker: run a set's checks on a submission's answers, outside the sandbox.

The checks are the set's otter test files, as the master wrote them. Here
they run on the grader's side against **plain data**: each variable a check
reads is the student's answer read back with :func:`helpers.grading.plain.decode`
(only exact ``str``, ``int``, ``float``, lists, dicts and the like), and each
function a check calls is a stand-in that returns what the student's function
returned, in the sandbox, for that same input (or raises what it raised).
No student object reaches a check, so an ``__eq__`` that always says yes, a
patched serialiser or a replaced checker inside the sandbox changes nothing
here.

Run as ``python -m helpers.grading.checker`` with a job on stdin
(``{"tests": {name: source}, "answers": ..., "corpora": {...}, "case_timeout": s}``)
and the results on stdout, in a folder holding the corpora the checks read.
"""

from __future__ import annotations

import inspect
import json
import re
import signal
import sys

from helpers.grading.plain import Corpora, Unsupported, call_key, decode
from helpers.grading.probe import load_test_cases

__all__ = ["StudentError", "check_answers", "diagnose", "stand_ins"]


class StudentError(Exception):
    """What a student's function raised (or that it did not return in time) when the probes called it."""

    def __init__(self, function: str, kind: str, message: str):
        super().__init__(message)
        self.function, self.kind, self.message = function, kind, message

    def describe(self) -> str:
        if self.kind == "timeout":
            return f"{self.function} did not return within {self.message} s (is there a loop that never ends?)"
        return f"{self.function} raised {self.kind}: {self.message}" if self.message else f"{self.function} raised {self.kind}"


class NotProbed(Exception):
    """A check called a function on an input the probes did not try."""


class _CaseTimedOut(BaseException):
    pass


class Missing:
    """A name the notebook never defined."""

    def __init__(self, name: str, why: str = "missing"):
        self.name, self.why = name, why


def _replay(name: str, outcome: dict, corpora: Corpora, log: list):
    if "missing" in outcome or "not_callable" in outcome:
        return Missing(name, "not_callable" if "not_callable" in outcome else "missing")
    table = {}
    calls = outcome.get("calls")
    if type(calls) is list:
        for pair in calls:
            if type(pair) is list and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is dict:
                table[pair[0]] = pair[1]

    def stand_in(*args, **kwargs):
        key = call_key(args, kwargs, corpora)
        found = table.get(key)
        if found is None:
            raise NotProbed(name)
        log.append((name, key, json.dumps(found, sort_keys=True)))
        if "returned" in found:
            return decode(found["returned"], corpora)
        if "timeout" in found:
            return _raise(StudentError(name, "timeout", str(found["timeout"])[:10]))
        raised = found.get("raised") if type(found.get("raised")) is dict else {}
        kind, message = raised.get("type"), raised.get("message")
        raise StudentError(name, kind if type(kind) is str else "an error", message if type(message) is str else "")

    stand_in.__name__ = name
    stand_in.outcomes = [(name, key, json.dumps(found, sort_keys=True)) for key, found in table.items()]
    return stand_in


def _raise(error):
    raise error


def stand_ins(answers: dict, corpora: Corpora, log: list | None = None) -> dict:
    """Name → what a check gets for it: the decoded value, a replaying function, or :class:`Missing`.

    Each call of a replaying function is appended to ``log`` as ``(function, input key, outcome)``.
    """
    log = [] if log is None else log
    found = {}
    for name, outcome in (answers.get("values") or {}).items():
        if type(outcome) is dict and outcome.get("value") == {"unsupported": "ellipsis"}:
            found[name] = Missing(name, "ellipsis")
        elif type(outcome) is dict and "value" in outcome:
            found[name] = decode(outcome["value"], corpora)
        else:
            found[name] = Missing(name)
    for name, outcome in (answers.get("functions") or {}).items():
        found[name] = _replay(name, outcome if type(outcome) is dict else {"missing": True}, corpora, log)
    return found


#: The advice a check gives when it takes a function for one that ignores its input.
_IGNORES_INPUT = re.compile(r"(:|;)\s*(compute it from|use|(?:count|compare) [^:;]*? of) the [^:;]*? it is given")


def _shown_answer(outcome: str) -> str | None:
    """A student's answer, as a few words of feedback (their own output, never an expected value)."""
    found = json.loads(outcome)
    if "returned" not in found:
        return None
    value = decode(found["returned"])
    if value is None or type(value) in (bool, int):
        return repr(value)
    if type(value) is float:
        return f"{value:.6g}"
    if type(value) is str:
        return repr(value) if len(value) <= 30 else f"the same text ({len(value)} characters)"
    if type(value) in (list, tuple, set, frozenset):
        return f"the same {type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"the same dictionary of {len(value)} entr{'ies' if len(value) != 1 else 'y'}"
    return "the same answer"


def _shown_input(key: str) -> str:
    """The inputs of one probed call, as a reader would name them: ``a_wire.txt``, ``(the corpus, 'ferry')``."""
    args, kwargs = json.loads(key)

    def one(data) -> str:
        if data is None or type(data) in (bool, int, float):
            return repr(data)
        if type(data) is str:
            return repr(data) if len(data) <= 30 else "a text"
        if type(data) is dict and len(data) == 1:
            (tag, body), = data.items()
            if tag == "Article" and type(body) is dict:
                return str(body.get("file") or body.get("label") or "an article")[:80]
            if tag == "Corpus":
                return "the corpus"
            if tag in ("tuple", "list") and type(body) is list and len(body) <= 8:
                return "[" + ", ".join(one(item) for item in body) + "]"
        return "a value"

    parts = [one(a) for a in args] + [f"{k}={one(v)}" for k, v in kwargs.items()]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


def diagnose(message: str, calls: list, tried: list | None = None) -> str:
    """Say what a function that "does not use what it is given" really did, from its own answers.

    Keeps a check's advice "use the article it is given" only for a function
    that gave one answer for different inputs, and then names them; for a
    function whose answers do change with its input, says so instead. Only
    the student's own answers are shown, never a check's expected values.

    Parameters
    ----------
    message : str
        The failed check's message.
    calls : list of (function, input key, outcome)
        The calls the failed check made, in order; the last is the one it failed on.
        Checks that try several inputs check each answer before the next call, so
        an earlier call's answer was accepted.
    tried : list of (function, input key, outcome), optional
        Every input the probes called the check's functions on, and what came back
        (default: ``calls``).

    Examples
    --------
    >>> advice = "on other articles loaded_rate gave another rate: compute it from the article it is given"
    >>> a, b = '[[{"Article":{"corpus":"x","file":"a.txt"}}],{}]', '[[{"Article":{"corpus":"x","file":"b.txt"}}],{}]'
    >>> print(diagnose(advice, [("loaded_rate", a, '{"returned": 12.0}'), ("loaded_rate", b, '{"returned": 12.0}')]))
    on other articles loaded_rate gave another rate: loaded_rate returned 12 for both a.txt and b.txt, but for b.txt it should differ from a.txt; compute it from the article it is given
    >>> print(diagnose(advice, [("loaded_rate", a, '{"returned": 3.5}')],
    ...                [("loaded_rate", a, '{"returned": 3.5}'), ("loaded_rate", b, '{"returned": 3.5}')]))
    on other articles loaded_rate gave another rate: loaded_rate returned 3.5 for both inputs it was tried on; compute it from the article it is given
    >>> print(diagnose(advice, [("loaded_rate", a, '{"returned": 1}')],
    ...                [("loaded_rate", a, '{"returned": 1}'), ("loaded_rate", b, '{"returned": 2}')]))
    on other articles loaded_rate gave another rate: its answer does change with the input, so it reads what it is given; the difference is in how it computes from it
    """
    match = _IGNORES_INPUT.search(message)
    if not match or not calls:
        return message
    tried = calls if tried is None else tried
    head, advice = message[:match.start()] + match.group(1), message[match.start() + len(match.group(1)):]
    function, key, outcome = calls[-1]
    shown = _shown_answer(outcome)
    for other_function, other_key, other_outcome in calls[:-1]:
        if other_function == function and other_key != key and other_outcome == outcome and shown:
            first, last = _shown_input(other_key), _shown_input(key)
            return (f"{head} {function} returned {shown} for both {first} and {last}, "
                    f"but for {last} it should differ from {first};{advice}")
    inputs = {k for f, k, _ in tried if f == function}
    answers = {o for f, _, o in tried if f == function}
    if len(inputs) > 1 and len(answers) == 1:
        if not shown:
            return message
        count = "both" if len(inputs) == 2 else f"all {len(inputs)}"
        return f"{head} {function} returned {shown} for {count} inputs it was tried on;{advice}"
    if len(inputs) <= 1:
        return message
    return (message[:match.start()] + match.group(1) + " its answer does change with the input, so it reads what "
            "it is given; the difference is in how it computes from it" + message[match.end():])


def _why_missing(name: str, found) -> str:
    why = found.why if isinstance(found, Missing) else "missing"
    return {"ellipsis": f"{name} is still ...", "not_callable": f"{name} is not a function"}.get(
        why, f"{name} is not defined")


def _message(error: BaseException, arguments: dict) -> str:
    if isinstance(error, AssertionError):
        return str(error) or "did not pass"
    if isinstance(error, StudentError):
        return error.describe()
    if isinstance(error, NotProbed):
        return f"{error} could not be checked on the input this check builds from your other answers"
    if isinstance(error, _CaseTimedOut):
        return "the check did not finish in time"
    odd = [f"{name} is {value}, which the checks cannot read as an answer (use numbers, text, lists or dicts)"
           for name, value in arguments.items() if isinstance(value, Unsupported)]
    return odd[0] if odd else f"{type(error).__name__}: {error}"


def _run_case(case, arguments: dict, seconds: float) -> tuple[bool, str]:
    def stop(signum, frame):
        raise _CaseTimedOut()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        case.test_func(**arguments)
    except (Exception, _CaseTimedOut) as error:
        return False, _message(error, arguments)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return True, ""


def check_answers(tests: dict[str, str], answers: dict, folders: dict, case_timeout: float = 20) -> dict:
    """Run every check of a set on one submission's answers.

    Parameters
    ----------
    tests : dict
        Question → the source of its otter test file.
    answers : dict
        What :func:`helpers.grading.probe.answer_probes` sent out of the sandbox.
    folders : dict
        Corpus name → folder.
    case_timeout : float
        Longest one check may take.

    Returns
    -------
    dict
        Question → ``{"score", "possible", "cases": [{"name", "hidden", "points", "passed", "message",
        "missing"}]}``; ``missing`` names the answers the check needed that the notebook never defined.
    """
    corpora = Corpora(folders)
    log: list = []
    given = stand_ins(answers if type(answers) is dict else {}, corpora, log)
    results = {}
    for question, source in sorted(tests.items()):
        possible, cases = load_test_cases(source, question)
        share = possible / len(cases) if cases else 0.0
        score, rows = 0.0, []
        for case in cases:
            points = float(case.points) if case.points is not None else share
            parameters = list(inspect.signature(case.test_func).parameters)
            missing = [p for p in parameters if p not in given or isinstance(given[p], Missing)]
            if missing:
                passed, message = False, "not answered: " + ", ".join(_why_missing(p, given.get(p)) for p in missing)
            else:
                log.clear()
                passed, message = _run_case(case, {p: given[p] for p in parameters}, case_timeout)
                called = {function for function, _, _ in log}
                everything = [call for f in sorted(called) for call in getattr(given[f], "outcomes", [])]
                message = diagnose(message, list(log), everything) if not passed else message
            score += points if passed else 0.0
            rows.append({"name": case.name or case.test_func.__name__, "hidden": bool(case.hidden), "points": points,
                         "passed": passed, "message": message[:1000], "missing": missing})
        results[question] = {"score": round(min(score, possible or score), 6), "possible": possible, "cases": rows}
    return results


def main() -> int:
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    results = check_answers(job["tests"], job["answers"], job["corpora"], job.get("case_timeout", 20))
    sys.stdout.write(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
