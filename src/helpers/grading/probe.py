"""Probes: read a notebook's answers and call its functions on chosen inputs, as plain data.

A probe spec (``probes.json``, written by ``make exercises``) names the
variables to read and, for each function a check calls, the inputs to call
it on (encoded with :func:`helpers.grading.plain.call_key`)::

    {"values": ["longest", "word_rates"],
     "calls": {"rate": ["[[{\\"Article\\": ...}, \\"library\\"], {}]", ...]}}

:func:`answer_probes` runs in the graded notebook's kernel, after the
notebook: it returns (and shows, for the runner to collect) what it found,
as plain data. It knows nothing of the checks or of their expected values.

:func:`record_probes` runs at build time, in a kernel that has run the
master's solutions: it runs every check once with the solution's functions
wrapped, and writes down which inputs each function was called on. That is
the spec.
"""

from __future__ import annotations

import ast
import inspect
import json
import signal
import threading
from pathlib import Path

from helpers.grading.plain import Corpora, call_key, decode, encode

__all__ = ["ANSWERS_MIME", "answer_probes", "build_probes", "load_test_cases", "record_probes"]

#: The output type under which the answers leave the notebook's kernel.
ANSWERS_MIME = "application/vnd.helpers.answers+json"
_MAX_MESSAGE = 500


class ProbeTimedOut(BaseException):
    """A probed function did not return in time."""


def _call_with_limit(function, args, kwargs, seconds: float):
    if not seconds or threading.current_thread() is not threading.main_thread():
        return function(*args, **kwargs)

    def stop(signum, frame):
        raise ProbeTimedOut()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return function(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _outcome_of_call(function, key: str, corpora: Corpora, seconds: float) -> dict:
    args, kwargs = json.loads(key)
    args = [decode(a, corpora) for a in args]
    kwargs = {k: decode(v, corpora) for k, v in kwargs.items()}
    try:
        value = _call_with_limit(function, args, kwargs, seconds)
    except ProbeTimedOut:
        return {"timeout": seconds}
    except Exception as error:  # the student's error, reported as it was raised
        return {"raised": {"type": type(error).__name__[:80], "message": str(error)[:_MAX_MESSAGE]}}
    return {"returned": encode(value, corpora)}


def answer_probes(namespace: dict, spec_path: str, folders: dict, seconds: float = 20, show: bool = True) -> dict:
    """Read the answers a probe spec asks for from a notebook's namespace.

    Parameters
    ----------
    namespace : dict
        The notebook's variables (``get_ipython().user_ns``).
    spec_path : str
        ``probes.json``.
    folders : dict
        Corpus name → folder, for the articles the inputs name (see :class:`~helpers.grading.plain.Corpora`).
    seconds : float
        Longest one call may take.
    show : bool
        Also display the answers under :data:`ANSWERS_MIME` (how they leave a kernel).

    Returns
    -------
    dict
        ``{"values": {name: outcome}, "functions": {name: outcome}}``, where a value's
        outcome is ``{"value": ...}`` or ``{"missing": true}`` and a function's is
        ``{"calls": [[key, outcome], ...]}``, ``{"missing": true}`` or ``{"not_callable": type}``.
    """
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    corpora = Corpora(folders)
    values = {}
    for name in spec["values"]:
        values[name] = {"value": encode(namespace[name], corpora)} if name in namespace else {"missing": True}
    functions = {}
    for name, keys in spec["calls"].items():
        function = namespace.get(name)
        if name not in namespace:
            functions[name] = {"missing": True}
        elif not callable(function):
            functions[name] = {"not_callable": type(function).__name__[:80]}
        else:
            functions[name] = {"calls": [[key, _outcome_of_call(function, key, corpora, seconds)] for key in keys]}
    answers = {"values": values, "functions": functions}
    if show:
        from IPython.display import display

        display({ANSWERS_MIME: answers}, raw=True)
    return answers


class TestCase:
    """One check of an otter test file, as its ``@test_case(...)`` decorator describes it."""

    def __init__(self, name=None, points=None, hidden=False, success_message=None, failure_message=None):
        self.name, self.points, self.hidden = name, points, hidden
        self.success_message, self.failure_message = success_message, failure_message
        self.test_func = None

    def __call__(self, test_func):
        self.test_func = test_func
        return self


def load_test_cases(source: str, name: str) -> tuple[float, list[TestCase]]:
    """The points and checks of one otter test file (exception format), without importing otter.

    The file's ``from otter.test_files import test_case`` is left out and
    :class:`TestCase` stands in for otter's decorator, which records the same
    things (points, hidden, the function).

    Returns
    -------
    points : float
        The question's points (``points = ...`` in the file).
    cases : list of TestCase
        In the order they are written.

    Examples
    --------
    >>> points, cases = load_test_cases(
    ...     "from otter.test_files import test_case\\npoints = 2\\n"
    ...     "@test_case(points=2, hidden=True)\\ndef test_x(x):\\n    assert x == 1", "q1")
    >>> points, cases[0].hidden, cases[0].test_func.__name__
    (2.0, True, 'test_x')
    """
    tree = ast.parse(source, f"tests/{name}.py")
    tree.body = [node for node in tree.body
                 if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("otter"))]
    module: dict = {"__name__": f"tests.{name}", "test_case": TestCase}
    exec(compile(tree, f"tests/{name}.py", "exec"), module)  # the instructor's own test file
    cases = [value for value in module.values() if isinstance(value, TestCase)]
    return float(module.get("points") or 0), cases


def record_probes(namespace: dict, tests_dir: str, folders: dict) -> dict:
    """Run every check once on the solutions and write down what each reads and calls.

    Parameters
    ----------
    namespace : dict
        The variables of a notebook that ran the master's solutions.
    tests_dir : str
        The otter test files (``tests/qN.py``).
    folders : dict
        Corpus name → folder (see :class:`~helpers.grading.plain.Corpora`).

    Returns
    -------
    dict
        The probe spec: ``{"values": [...], "calls": {function: [key, ...]}}``.

    Raises
    ------
    AssertionError
        If the solutions fail one of their own checks (naming it), as when a
        hidden check cannot run on the second corpus (too few articles).
    """
    corpora = Corpora(folders)
    values: set[str] = set()
    calls: dict[str, list[str]] = {}

    def recorder(name, function):
        def recorded(*args, **kwargs):
            key = call_key(args, kwargs, corpora)
            seen = calls.setdefault(name, [])
            if key not in seen:
                seen.append(key)
            return function(*args, **kwargs)

        return recorded

    for path in sorted(Path(tests_dir).glob("*.py")):
        _, cases = load_test_cases(path.read_text(encoding="utf-8"), path.stem)
        for case in cases:
            arguments = {}
            for parameter in inspect.signature(case.test_func).parameters:
                value = namespace[parameter]
                if callable(value) and not isinstance(value, type):
                    calls.setdefault(parameter, [])
                    arguments[parameter] = recorder(parameter, value)
                else:
                    values.add(parameter)
                    arguments[parameter] = value
            try:
                case.test_func(**arguments)
            except Exception as error:
                raise AssertionError(
                    f"the hidden check {path.stem} {case.name or case.test_func.__name__} fails on the solutions "
                    f"({type(error).__name__}: {str(error)[:300]}): on this corpus it cannot run as written"
                    if case.hidden else
                    f"the check {path.stem} {case.name or case.test_func.__name__} fails on the solutions "
                    f"({type(error).__name__}: {str(error)[:300]})") from None
    return {"values": sorted(values), "calls": {name: calls[name] for name in sorted(calls)}}


def build_probes(namespace: dict, tests_dir: str, folders: dict, spec_path: str, answers_path: str) -> None:
    """Record the probe spec from the solutions, then read the solutions' answers through it (build time).

    Writes the spec to ``spec_path`` and the answers to ``answers_path``, as JSON.
    """
    spec = record_probes(namespace, tests_dir, folders)
    Path(spec_path).write_text(json.dumps(spec), encoding="utf-8")
    answers = answer_probes(namespace, spec_path, folders, show=False)
    Path(answers_path).write_text(json.dumps(answers), encoding="utf-8")
