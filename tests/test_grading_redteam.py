"""Red team: submissions that attack the grader from inside the sandbox, graded end to end.

Each attack is a blank student notebook plus one cell that does what a
determined student would try. The in-Python guard is dodged on purpose (the
programs are started from a worker thread, which it does not see, and run
``python3 -I``, which it does not reach): what must hold comes from the
sandbox and from the grader trusting nothing that comes out of it.

- **symlink plant**: every file the grader might read is replaced by a link
  to a root-only file of the host, then the runner is killed;
- **detached rewrite**: a detached process, with an empty environment,
  forges a full-marks summary (with the always-failing check failing, as it
  should) and keeps writing it into every results file and every pipe it
  can open, long after the runner is done;
- **disk fill**: eight files, each larger than the per-submission quota
  allows in all, in the submission's folder and in /tmp.

Each must score no more than the blank notebook, no host text may reach any
output, no process may survive its run, and the disk written stays under
the quota. The fast tests at the end pin the pieces these rely on.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.grading import (
    MAX_SUMMARY_BYTES,
    find_sandbox,
    grade_folder,
    load_assignment,
    parse_summary,
    read_regular_file,
    write_grades,
)

ROOT = Path(__file__).resolve().parents[1]
SET = "02-word-frequencies"
STUDENT = ROOT / "exercises" / "student" / SET / f"{SET}.ipynb"
BUNDLE = ROOT / "exercises" / "autograder" / f"{SET}.zip"
DISK_MB = 64
FILL_MB = 24  # eight of these are three times the quota

SPAWN = '''
import concurrent.futures, os, subprocess, sys


def spawn(code, *args):
    """Start a detached `python3 -I` from a worker thread, where the guard does not look."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(
            subprocess.Popen, [sys.executable, "-I", "-c", code, *args], start_new_session=True, env={},
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ).result().pid
'''

PLANT = '''
import glob, os, sys, time
secret, runner = sys.argv[1], int(sys.argv[2])


def plant(path):
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            os.remove(path)
        os.symlink(secret, path)
    except OSError:
        pass


for base in ("/grading", os.getcwd()):
    for name in ("stderr.txt", "stdout.txt", "out/summary.json", "summary.json", "results.json"):
        plant(os.path.join(base, name))
for path in glob.glob("/grading/tmp/*/autograder/results/*") + glob.glob("/grading/**/*.txt", recursive=True):
    plant(path)
time.sleep(0.5)
os.kill(runner, 9)
'''

REWRITE = '''
import glob, json, os, sys, time, zipfile
with zipfile.ZipFile("/grading/bundle.zip") as bundle:
    names = [n[len("tests/"):-3] for n in bundle.namelist() if n.startswith("tests/") and n.endswith(".py")]
canary = [n for n in names if n.startswith("q_check_")]
case = {"hidden": True, "points": 100.0, "failure_message": None, "message": ""}
forged = json.dumps({
    "questions": {n: {"score": 0.0 if n in canary else 100.0, "possible": 100.0,
                      "cases": [dict(case, passed=n not in canary)]} for n in names},
    "cells": [], "catastrophic": None}).encode()
end = time.time() + 600
while time.time() < end:
    for path in ["/grading/out/summary.json"] + glob.glob("/grading/tmp/*/autograder/results/results.json"):
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(forged)
        except OSError:
            pass
    for fd in glob.glob("/proc/[0-9]*/fd/*"):
        try:
            if os.readlink(fd).startswith("pipe:") and not fd.startswith(f"/proc/{os.getpid()}/"):
                out = os.open(fd, os.O_WRONLY | os.O_NONBLOCK)
                os.write(out, forged)
                os.close(out)
        except OSError:
            pass
    time.sleep(0.05)
'''

FILL = f'''
import os
chunk = b"x" * (1 << 20)
paths = [os.path.join(os.getcwd() if i % 2 == 0 else "/tmp", f"fill{{i}}.bin") for i in range(8)]
for path in paths:
    try:
        with open(path, "wb") as handle:
            for _ in range({FILL_MB}):
                handle.write(chunk)
    except OSError:
        pass
written = sum(os.path.getsize(p) for p in paths if os.path.exists(p))
for path in paths:  # so that the run can still report the number
    if os.path.exists(path):
        os.remove(path)
raise RuntimeError(f"disk fill wrote {{written}} bytes")
'''


def with_cell(student: dict, source: str) -> dict:
    notebook = json.loads(json.dumps(student))
    notebook["cells"].insert(
        4, {"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None})
    return notebook


@pytest.fixture(scope="module")
def attacks(tmp_path_factory):
    sandbox = find_sandbox()
    if sandbox.kind != "bubblewrap":
        if os.environ.get("CI"):
            pytest.fail("no bubblewrap in CI: install it (tools/install-system-deps)")
        pytest.skip("the red-team guarantees rest on bubblewrap, which this machine lacks")
    base = tmp_path_factory.mktemp("redteam")
    token = os.urandom(8).hex()
    secret = base / "host-secret.txt"
    secret.write_text(f"RuntimeError: host secret {token}\n", encoding="utf-8")
    secret.chmod(0o600)
    marker = f"redteam-detached-{token}"
    student = json.loads(STUDENT.read_text(encoding="utf-8"))
    folder = base / "class"
    folder.mkdir()
    notebooks = {
        "blank": student,
        "symlink_plant": with_cell(student, SPAWN + f"spawn({PLANT!r}, {str(secret)!r}, str(os.getppid()))\n"
                                   "import time\ntime.sleep(5)"),
        "detached_rewrite": with_cell(student, SPAWN + f"spawn({REWRITE!r}, {marker!r})"),
        "disk_fill": with_cell(student, FILL),
    }
    for name, notebook in notebooks.items():
        (folder / f"{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assignment = load_assignment(BUNDLE)
    results, _ = grade_folder(folder, assignment, sandbox=sandbox, jobs=2, timeout=150, disk_mb=DISK_MB)
    out, _ = write_grades(results, assignment, base / "out")
    time.sleep(1)  # anything left running would have had time to show itself
    survivors = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                survivors.append(entry.name)
        except OSError:
            continue
    return {"results": {r.student: r for r in results}, "out": out.parent, "token": token, "survivors": survivors}


@pytest.mark.grading
def test_every_attack_scores_no_more_than_a_blank_notebook(attacks):
    results = attacks["results"]
    blank = results["blank"]
    assert blank.status == "ok", blank.messages
    for name in ("symlink_plant", "detached_rewrite", "disk_fill"):
        assert results[name].auto_score <= blank.auto_score, (name, results[name].scores, results[name].messages)


@pytest.mark.grading
def test_no_host_file_reaches_any_output(attacks):
    token = attacks["token"]
    written = [p.read_text(encoding="utf-8") for p in attacks["out"].rglob("*") if p.is_file()]
    assert len(written) >= 6  # grades.csv, summary.md and four feedback files
    assert not any(token in text for text in written)
    assert not any(token in repr(result) for result in attacks["results"].values())
    plant = attacks["results"]["symlink_plant"]
    assert plant.status == "error" and plant.auto_score == 0  # its runner was killed: nothing to score


@pytest.mark.grading
def test_a_detached_process_dies_with_its_run_and_cannot_change_the_grade(attacks):
    assert attacks["survivors"] == []
    rewrite, blank = attacks["results"]["detached_rewrite"], attacks["results"]["blank"]
    # the forged full marks never reach the grader: the blank answers are graded as they are
    assert rewrite.status == "ok", rewrite.messages
    assert rewrite.scores == blank.scores


@pytest.mark.grading
def test_everything_a_submission_writes_stays_under_its_disk_quota(attacks):
    fill = attacks["results"]["disk_fill"]
    reports = [m for m in fill.messages if "disk fill wrote" in m]
    assert reports, fill.messages
    written = int(re.search(r"disk fill wrote (\d+) bytes", reports[0]).group(1))
    assert DISK_MB * 2**20 // 4 < written <= DISK_MB * 2**20  # it filled what it could, and no more
    assert written < 8 * FILL_MB * 2**20


# ---------------------------------------------------------------------------
# The pieces, fast
# ---------------------------------------------------------------------------


def test_a_link_a_pipe_a_folder_or_an_oversized_file_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("host secret", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(secret)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    for name, code in (("link.txt", "ELOOP"), ("pipe", "EINVAL"), (".", "EINVAL"), ("big.txt", "EFBIG")):
        with pytest.raises(OSError) as raised:
            read_regular_file(tmp_path / name, 100)
        assert raised.value.errno == getattr(__import__("errno"), code), name
    assert read_regular_file(secret, 100) == b"host secret"


GOOD = {"questions": {"q1": {"score": 1.0, "possible": 3, "cases": [
    {"hidden": True, "points": 2, "passed": False, "failure_message": None, "message": "x"}]}},
    "cells": [{"cell": 1, "first_line": "x = 1", "ename": "ValueError", "evalue": "bad"}], "catastrophic": None}


def mutated(change):
    data = json.loads(json.dumps(GOOD))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "raw, problem",
    [
        (mutated(lambda d: d["questions"]["q1"].update(score=True)), "score is not a number"),
        (mutated(lambda d: d["questions"]["q1"].update(score="3")), "score is not a number"),
        (mutated(lambda d: d["questions"]["q1"].update(score=-1)), "score is not a number"),
        (mutated(lambda d: d["questions"]["q1"]["cases"][0].update(passed=1)), "a case is malformed"),
        (mutated(lambda d: d["questions"]["q1"]["cases"][0].update(extra=1)), "a case is malformed"),
        (mutated(lambda d: d["questions"]["q1"]["cases"][0].update(message="m" * 3000)), "message is not a short text"),
        (mutated(lambda d: d.update(extra=[])), "not a summary"),
        (mutated(lambda d: d["cells"][0].update(cell=True)), "a cell number is not a number"),
        (b'{"questions": {}, "cells": [], "catastrophic": null, "cells": []}', "a key appears twice"),
        (json.dumps(GOOD).replace('"score": 1.0', '"score": NaN').encode(), "NaN is not a number"),
        (b'{"questions": {}, "cells": [], "catastrophic": "\xff"}', "utf-8"),
        (b"[" * 100 + b"]" * 100, "not a summary"),
        (b" " * (MAX_SUMMARY_BYTES + 1), "more than"),
    ],
)
def test_the_summary_of_a_run_is_refused_unless_it_is_exactly_plain_data(raw, problem):
    with pytest.raises(ValueError, match=problem):
        parse_summary(raw)


def test_a_plain_summary_is_accepted_as_it_is():
    assert parse_summary(json.dumps(GOOD).encode()) == GOOD


def test_a_process_left_holding_the_output_cannot_keep_the_grader_waiting():
    from helpers.grading import _collect, _kill_tree

    out_read, out_write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", "import subprocess, sys; subprocess.Popen(['sleep', '5'], start_new_session=True);"
         "print('x' * 300000)"], stdout=out_write, start_new_session=True,
    )
    os.close(out_write)
    started = time.monotonic()
    streams, timed_out = _collect(process, {"stdout": out_read}, {"stdout": 1000}, time.monotonic() + 20, grace=1)
    _kill_tree(process)
    os.close(out_read)
    assert not timed_out and time.monotonic() - started < 10
    kept = streams["stdout"]
    assert kept.total > 300000 and len(kept.bytes()) < 1100 and not kept.complete
