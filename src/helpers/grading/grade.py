"""Grading: run each submission in the sandbox, then its checks outside it.

:func:`grade_submission` copies one notebook into a throwaway folder with
what it needs from the bundle (the probe spec and the second corpus, never
the checks), runs it in the sandbox (:mod:`.sandbox`, :mod:`.runner`),
reads its answers as plain data, and runs the checks on them in a process of
the grader's (:func:`run_checks`, :mod:`.checker`). :func:`grade_folder`
grades a whole folder, several at a time.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from helpers.grading.assignment import PROBES, SECOND_CORPUS, Assignment, GradingError
from helpers.grading.results import TAMPERED, GradeResult, results_from_checks, _scrubbed
from helpers.grading.sandbox import (
    DEFAULT_DISK_MB,
    GUARD_FILE,
    _GUARD_PREFIX,
    MAX_LOG_BYTES,
    MAX_SUMMARY_BYTES,
    _NOBODY,
    Sandbox,
    _check,
    _chown_tree,
    _collect,
    _dropper,
    find_sandbox,
    _guard_reports,
    _has_ended,
    _kill_marked,
    _kill_tree,
    _library_roots,
    _limits,
    parse_summary,
    _python_roots,
    read_regular_file,
    sandbox_command,
)
from helpers.grading.submissions import MAX_NOTEBOOK_BYTES, Submission, find_submissions, inspect_notebook

__all__ = [
    "DEFAULT_CELL_TIMEOUT",
    "DEFAULT_TEST_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "grade_folder",
    "grade_submission",
    "run_checks",
]


DEFAULT_TIMEOUT = 180
DEFAULT_CELL_TIMEOUT = 60
DEFAULT_TEST_TIMEOUT = 20


# ---------------------------------------------------------------------------
# What goes into a run, and the checks that stay outside
# ---------------------------------------------------------------------------


def _bundle_contents(bundle: Path) -> tuple[dict[str, str], bytes, dict[str, bytes]]:
    """A bundle's checks (question → source), its probe spec and its second corpus (file → bytes)."""
    tests, probes, corpus = {}, b"", {}
    prefix = f"files/{SECOND_CORPUS}/"
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"tests/[\w-]+\.py", name):
                tests[Path(name).stem] = archive.read(name).decode("utf-8")
            elif name == PROBES:
                probes = archive.read(name)
            elif name.startswith(prefix) and not name.endswith("/") and "/" not in name[len(prefix):]:
                corpus[name[len(prefix):]] = archive.read(name)
    if not probes:
        raise GradingError(f"{bundle} has no {PROBES}: rebuild it with `make exercises`.")
    return tests, probes, corpus


def _unpack_inputs(bundle: Path, folder: Path) -> dict[str, str]:
    """Write what a run needs from the bundle (the probe spec, the second corpus) into ``folder``; return the checks."""
    tests, probes, corpus = _bundle_contents(bundle)
    (folder / PROBES).write_bytes(probes)
    (folder / SECOND_CORPUS).mkdir()
    for name, data in corpus.items():
        (folder / SECOND_CORPUS / name).write_bytes(data)
    return tests


def _hidden_texts(bundle: Path) -> tuple[str, ...]:
    """The second corpus's texts and the probe spec, flattened and lower-cased: what no feedback may quote."""
    _, probes, corpus = _bundle_contents(bundle)
    return tuple(" ".join(data.decode("utf-8", "replace").split()).lower() for data in [*corpus.values(), probes])


def run_checks(tests: dict[str, str], answers: dict, bundle: Path, corpus: Path, case_timeout: float,
               timeout: float = 120) -> dict:
    """Run a set's checks on one submission's answers, in a process of the grader's own.

    The checks read the second corpus from a fresh copy taken from the
    bundle, never from the folder the submission ran in.

    Returns
    -------
    dict
        See :func:`helpers.grading.checker.check_answers`.

    Raises
    ------
    GradingError
        If the checker fails (a bug of ours or a broken bundle).
    """
    job = {"tests": tests, "answers": answers, "corpora": {"default": None, SECOND_CORPUS: SECOND_CORPUS},
           "case_timeout": case_timeout}
    return _run_trusted("helpers.grading.checker", job, bundle, corpus, timeout)


def _run_trusted(module: str, job: dict, bundle: Path, corpus: Path, timeout: float):
    """Run ``python -m module`` with ``job`` on stdin, in a fresh folder holding the bundle's second corpus."""
    with tempfile.TemporaryDirectory(prefix="checks-") as folder:
        _unpack_inputs(bundle, Path(folder))
        env = dict(os.environ, CORPUS_DIR=str(corpus), PYTHONHASHSEED="0")
        env.pop("HELPERS_GRADING_GUARD", None)
        try:
            done = subprocess.run(
                [sys.executable, "-m", module], input=json.dumps(job).encode("utf-8"),
                capture_output=True, cwd=folder, env=env, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise GradingError(f"the checks did not finish within {timeout:g} s") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise GradingError(f"the checks could not run ({tail[0][:200]})")
    return json.loads(done.stdout.decode("utf-8"))


def grade_submission(
    submission: Submission,
    assignment: Assignment,
    *,
    sandbox: Sandbox,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    test_timeout: float = DEFAULT_TEST_TIMEOUT,
    corpus_dir: str | os.PathLike | None = None,
    memory_mb: int = 3072,
    disk_mb: int = DEFAULT_DISK_MB,
    keep: str | os.PathLike | None = None,
    batch: str = "",
) -> GradeResult:
    """Grade one submission in a throwaway folder, sandboxed, with time limits.

    Never raises for anything a submission does: a notebook that crashes,
    loops, is not a notebook, belongs to another set, or misbehaves still
    gets a row with a status, scores (zero where nothing could be graded)
    and messages.

    Parameters
    ----------
    submission : Submission
    assignment : Assignment
        Must have a ``bundle``.
    sandbox : Sandbox
        From :func:`find_sandbox`.
    timeout : float
        Seconds for the whole submission (status ``timeout`` beyond it).
    cell_timeout : float
        Seconds for one cell; a cell that takes longer is interrupted and
        grading goes on with the next.
    test_timeout : float
        Seconds for one test case; beyond it the case fails with a message.
    corpus_dir : str or Path, optional
        The corpus the notebooks load (default: the seeds).
    memory_mb : int
        Memory limit of the run.
    disk_mb : int
        What the run may write, all files together (in bubblewrap; without
        it, only each file is limited, to 256 MB).
    keep : str or Path, optional
        Copy the throwaway folder here for inspection (debugging).
    batch : str
        A label put in the environment of every process of the run
        (``HELPERS_GRADING_BATCH``), so they can be found (``grade_folder``
        uses the submissions folder).

    Returns
    -------
    GradeResult
    """
    started = time.perf_counter()
    result = _grade_submission(
        submission, assignment, sandbox=sandbox, timeout=timeout, cell_timeout=cell_timeout,
        test_timeout=test_timeout, corpus_dir=corpus_dir, memory_mb=memory_mb, disk_mb=disk_mb, keep=keep,
        batch=batch,
    )
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _grade_submission(submission, assignment, *, sandbox, timeout, cell_timeout, test_timeout, corpus_dir,
                      memory_mb, disk_mb, keep, batch) -> GradeResult:
    file_name = submission.path.name if submission.path else ""
    zero = {q.name: 0.0 for q in assignment.auto_questions}
    result = GradeResult(submission.student, file_name, "ok", dict(zero), messages=list(submission.notes))
    if submission.status:
        result.status = submission.status
        return result
    try:
        data = read_regular_file(submission.path, MAX_NOTEBOOK_BYTES)
    except OSError as error:
        result.status = "error"
        if error.errno == errno.EFBIG:
            size = submission.path.lstat().st_size
            result.messages.append(
                f"the file is {size / 1e6:.0f} MB, more than a notebook of this set can be "
                f"({MAX_NOTEBOOK_BYTES / 1e6:.0f} MB): clear its outputs and hand it in again"
            )
        elif error.errno == errno.ELOOP:
            result.messages.append("the file is a symbolic link, not a handed-in notebook; not read")
        else:
            result.messages.append(f"cannot read the file ({error.strerror})")
        return result
    inspection = inspect_notebook(data, assignment)
    result.flags.extend(inspection.flags)
    if not inspection.readable:
        result.status = "error"
        result.messages.extend(inspection.problems)
        return result
    if inspection.assignment_name and inspection.assignment_name != assignment.name:
        result.status = "wrong assignment"
        result.messages.append(
            f"this notebook belongs to {inspection.assignment_name!r}, not {assignment.name!r}: grade it with "
            f"`python -m helpers grade FOLDER --assignment {inspection.assignment_name}` "
            f"(or `make grade SUBMISSIONS=FOLDER SET={inspection.assignment_name}`)"
        )
        return result
    result.messages.extend(inspection.problems)

    work = Path(tempfile.mkdtemp(prefix="grading-")).resolve()
    try:
        result = _run_in_sandbox(
            work, inspection.notebook, submission, assignment, result, sandbox=sandbox, timeout=timeout,
            cell_timeout=cell_timeout, test_timeout=test_timeout, corpus_dir=corpus_dir, memory_mb=memory_mb,
            disk_mb=disk_mb, batch=batch,
        )
        if keep:  # links copied as links, never followed
            shutil.copytree(work, Path(keep) / re.sub(r"[^\w.-]+", "_", submission.student), symlinks=True,
                            dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _run_in_sandbox(work, notebook, submission, assignment, result, *, sandbox, timeout, cell_timeout,
                    test_timeout, corpus_dir, memory_mb, disk_mb, batch) -> GradeResult:
    from helpers.corpus import default_corpus_dir

    # The host folder holds only what goes in (the notebook, the probe spec,
    # the second corpus, the guard), shown read-only in bubblewrap: never the
    # bundle, whose checks stay on this side. What comes out (the answers,
    # stdout, stderr) comes through pipes, so the grader never opens a file
    # the submission could have written, replaced or linked elsewhere.
    bubblewrap = sandbox.kind == "bubblewrap"
    inside = "/grading" if bubblewrap else str(work)
    for name in ("home", "tmp", "guard", "nltk_data", "inputs"):
        (work / name).mkdir()
    submitted = work / "submission" / assignment.notebook
    submitted.parent.mkdir()
    submitted.write_text(json.dumps(notebook), encoding="utf-8")
    tests = _unpack_inputs(assignment.bundle, work / "inputs")
    hidden = _hidden_texts(assignment.bundle)
    shutil.copy(GUARD_FILE, work / "guard" / "sitecustomize.py")

    corpus = Path(corpus_dir).resolve() if corpus_dir else default_corpus_dir().resolve()
    venv_bin = str(Path(sys.executable).parent)
    guard_dir = f"{inside}/guard"
    guard = {
        "libraries": _library_roots() + [guard_dir],
        "grader": guard_dir,
        "guard": guard_dir,
        # Nothing of the checks is in the run; these flag a notebook that goes looking for them.
        "protected": [f"{inside}/tests", f"{inside}/*/tests", f"{inside}/*.zip", f"{inside}/autograder"],
        "writable": [inside] + (["/tmp"] if bubblewrap else []),
        "read_only": [os.path.realpath(p) for p in _python_roots() + [str(corpus)]],
    }
    summary_read, summary_write = os.pipe()
    token = secrets.token_hex(8)
    job = {
        "submission": f"{inside}/submission/{assignment.notebook}",
        "probes": f"{inside}/inputs/{PROBES}",
        "corpora": {"default": None, SECOND_CORPUS: f"{inside}/inputs/{SECOND_CORPUS}"},
        "workdir": f"{inside}/notebook",
        "summary_fd": summary_write,
        "cell_timeout": int(cell_timeout),
        "call_timeout": test_timeout,
    }
    env = {
        "PATH": os.pathsep.join([venv_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": f"{inside}/home",
        "TMPDIR": f"{inside}/tmp",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": guard_dir,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{inside}/home/.matplotlib",
        "IPYTHONDIR": f"{inside}/home/.ipython",
        "JUPYTER_RUNTIME_DIR": f"{inside}/home/.jupyter-runtime",
        "JUPYTER_CONFIG_DIR": f"{inside}/home/.jupyter",
        "NLTK_DATA": f"{inside}/nltk_data",
        "CORPUS_DIR": str(corpus),
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "HELPERS_GRADING_GUARD": json.dumps(guard),
        "HELPERS_GRADING_JOB": json.dumps(job),
        "HELPERS_GRADING_BATCH": batch,
        "HELPERS_GRADING_RUN": token,
    }
    command = [sys.executable, "-m", "helpers.grading.runner"]
    if bubblewrap:
        command = sandbox_command(
            command, inside=inside, readable=_python_roots() + [str(corpus)],
            folders=[f"{inside}/{name}" for name in ("home", "tmp", "nltk_data")],
            read_only=[(str(work / "guard"), guard_dir), (str(work / "inputs"), f"{inside}/inputs"),
                       (str(work / "submission"), f"{inside}/submission")],
            bwrap=shutil.which("bwrap") or "bwrap", disk_bytes=disk_mb * 1024 * 1024,
        )
    elif sandbox.kind == "user" and sandbox.unshare_net:
        command = [shutil.which("unshare") or "unshare", "-rn"] + command
    if sandbox.drop_to_nobody:
        _chown_tree(work, _NOBODY)
        os.chmod(work, 0o700)
    # Without bubblewrap, only the size of each file is limited.
    limits = _limits(memory_mb * 1024 * 1024, 256 * 1024 * 1024, 512)
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    try:
        try:
            process = subprocess.Popen(
                command, cwd=str(work), env=env, stdin=subprocess.DEVNULL, stdout=out_write, stderr=err_write,
                pass_fds=(summary_write,),
                preexec_fn=_dropper(sandbox.drop_to_nobody, limits) if os.name == "posix" else None,
            )
        except OSError as error:
            result.status = "error"
            result.messages.append(f"could not start the grader ({error})")
            return result
        finally:
            for fd in (summary_write, out_write, err_write):
                os.close(fd)
        try:
            streams, timed_out = _collect(
                process, {"summary": summary_read, "stdout": out_read, "stderr": err_read},
                {"summary": MAX_SUMMARY_BYTES + 2, "stdout": MAX_LOG_BYTES, "stderr": MAX_LOG_BYTES},
                time.monotonic() + timeout,
            )
        finally:
            # Every process of the run ends with it, detached ones included: in
            # bubblewrap its process namespace is gone once the runner is; the
            # group and the descendants are killed as well, and, without a
            # namespace, whatever still carries the run's token.
            ended = _has_ended(process)
            _kill_tree(process)
            if not bubblewrap:
                _kill_marked(token)
            code = process.returncode if ended else None
    finally:
        for fd in (summary_read, out_read, err_read):
            os.close(fd)
    stderr = streams["stderr"].bytes().decode("utf-8", errors="replace")
    result.flags.extend(f for f in _guard_reports(stderr) if f not in result.flags)
    if timed_out:
        result.status = "timeout"
        result.messages.append(
            f"stopped after {timeout:g} s, so nothing could be scored: look for a loop that never ends "
            "or code that waits for input, then run the notebook from top to bottom yourself"
        )
        return result
    summary, problem = None, ""
    if code == 0 and streams["summary"].total:
        try:
            _check(streams["summary"].complete, f"more than {MAX_SUMMARY_BYTES} bytes")
            summary = parse_summary(streams["summary"].bytes())
        except ValueError as error:
            problem = str(error)
    if summary is None:
        result.status = "error"
        if problem:
            result.flags.append(f"{TAMPERED} (the results that came out of the run were not valid: {problem[:100]})")
            result.messages.append(TAMPERED + "; no points were given")
            return result
        tail = [line for line in stderr.splitlines() if line.strip() and not line.startswith(_GUARD_PREFIX)]
        reason = next((line for line in reversed(tail) if re.match(r"^[\w.]+(Error|Exception)\b", line)), "")
        if "DeadKernelError" in stderr:
            reason = "the notebook's kernel died (the code crashed Python, ran out of memory or stopped itself)"
        elif "MemoryError" in stderr or code in (-9, 137):
            reason = reason or "it ran out of memory or was killed"
        reason = _scrubbed(reason, hidden)
        result.messages.append(f"the grader could not finish this notebook{': ' + reason[:200] if reason else ''}")
        return result
    if summary["answers"] is None:
        result.status = "error"
        problem = str(summary.get("catastrophic") or "no answers")
        if "DeadKernelError" in problem:
            problem = "the notebook's kernel died (the code crashed Python, ran out of memory or stopped itself)"
        result.messages.append(
            "the answers could not be read after the notebook ran: " + _scrubbed(problem, hidden)[:200]
        )
        return result
    try:
        checks = run_checks(tests, summary["answers"], assignment.bundle, corpus, test_timeout)
    except GradingError as error:
        result.status = "error"
        result.messages.append(f"grading failed: {error}")
        return result
    scores, feedback, answered = results_from_checks(checks, assignment, hidden, assignment.untouched(notebook))
    result.answered = answered
    result.scores.update(scores)
    result.feedback = feedback
    for cell in summary.get("cells", [])[:8]:
        if cell.get("ename") == "KeyboardInterrupt":
            text = f"cell {cell['cell']} ({cell['first_line']!r}) was stopped after {cell_timeout:g} s"
        else:
            evalue = _scrubbed(cell["evalue"], hidden)
            text = f"cell {cell['cell']} ({cell['first_line']!r}) raised {cell['ename']}" + (f": {evalue}" if evalue else "")
        result.messages.append(text)
    return result


def grade_folder(
    folder: str | os.PathLike,
    assignment: Assignment,
    *,
    sandbox: Sandbox | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    test_timeout: float = DEFAULT_TEST_TIMEOUT,
    corpus_dir: str | os.PathLike | None = None,
    disk_mb: int = DEFAULT_DISK_MB,
    skip: tuple[Path, ...] = (),
    progress=None,
) -> tuple[list[GradeResult], list[str]]:
    """Grade every submission in a folder, several at a time.

    Parameters
    ----------
    folder : str or Path
        The submissions (see :func:`find_submissions` for the layouts).
    assignment : Assignment
    sandbox : Sandbox, optional
        Default: :func:`find_sandbox`.
    jobs : int, optional
        How many submissions to grade at once (default: the number of cores).
    timeout, cell_timeout, test_timeout : float
        See :func:`grade_submission`.
    corpus_dir : str or Path, optional
    disk_mb : int
        What one submission may write, all files together (bubblewrap only).
    skip : tuple of Path
        Folders inside ``folder`` that are not submissions.
    progress : callable, optional
        Called with each :class:`GradeResult` as it is finished.

    Returns
    -------
    results : list of GradeResult
        In the order of the submissions.
    notes : list of str
        What was left out of the folder, and why.
    """
    if assignment.bundle is None:
        raise GradingError(f"{assignment.name} has no grading bundle: run `make exercises`.")
    sandbox = sandbox or find_sandbox()
    submissions, notes = find_submissions(folder, assignment, skip)
    jobs = max(1, jobs or os.cpu_count() or 1)

    def work(sub: Submission) -> GradeResult:
        try:
            graded = grade_submission(
                sub, assignment, sandbox=sandbox, timeout=timeout, cell_timeout=cell_timeout,
                test_timeout=test_timeout, corpus_dir=corpus_dir, disk_mb=disk_mb, batch=str(Path(folder).resolve()),
            )
        except Exception as error:  # a bug of ours must not stop the batch either
            graded = GradeResult(
                sub.student, sub.path.name if sub.path else "", "error",
                {q.name: 0.0 for q in assignment.auto_questions},
                messages=[f"grading failed ({type(error).__name__}: {error})"],
            )
        if progress:
            progress(graded)
        return graded

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(work, submissions))
    return results, notes


