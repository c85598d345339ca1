"""Red team: submissions that attack the grader from inside the sandbox, graded end to end.

Each attack is a blank student notebook plus one cell that does what a
determined student would try. The in-Python guard is dodged on purpose (the
programs are started from a worker thread, which it does not see, and run
``python3 -I``, which it does not reach): what must hold comes from the
sandbox, from the checks never entering it (they run outside, on plain
data), and from the grader trusting nothing that comes out of it.

- **worker thread**: looks for the checks and the second corpus from a
  thread, and sends what it finds back through exception messages, an
  answer, and the errors its functions raise when the probes call them;
- **serialiser and checker**: replaces ``pickle.dump``, otter's ``Checker``
  (names built from strings), the encoder of answers and the probe itself,
  which then reports forged answers;
- **always equal**: every answer is an object whose ``__eq__`` says yes
  (a subclass of ``str``, ``float``, ``dict``, ``list``);
- **ctypes and /proc**: through ``ctypes`` (libc's ``system``, unseen by the
  guard) and ``/proc/<pid>/mem`` and ``/proc/<pid>/fd``, goes for the
  runner's memory and its pipe, and for the checks;
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
import zipfile
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
ATTACKS = ("symlink_plant", "detached_rewrite", "disk_fill", "worker_thread", "serialisers", "always_equal",
           "ctypes_proc_mem")
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
import glob, json, os, sys, time
loot = []
for path in glob.glob("/grading/**", recursive=True) + glob.glob("/proc/[0-9]*/cwd/**/*.py", recursive=True):
    if path.endswith((".py", ".zip", ".json")) and "/guard/" not in path:
        try:
            loot.append(open(path, "rb").read().decode("utf-8", "replace"))
        except OSError:
            pass
try:
    with open("/tmp/loot.txt", "w") as handle:
        handle.write("\\n".join(loot))
except OSError:
    pass
spec = json.load(open("/grading/inputs/probes.json"))
forged = json.dumps({
    "answers": {"values": {n: {"value": "function word"} for n in spec["values"]},
                "functions": {n: {"calls": [[k, {"returned": 2.5}] for k in keys]} for n, keys in spec["calls"].items()}},
    "cells": [], "catastrophic": None}).encode()
end = time.time() + 600
while time.time() < end:
    for path in ["/grading/out/summary.json", "/grading/summary.json"]:
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

THREAD = '''
import concurrent.futures, glob, os


def hunt():
    found = []
    for pattern in ("/grading/**", "/tmp/**", os.path.expanduser("~") + "/**"):
        found += [p for p in glob.glob(pattern, recursive=True) if p.endswith((".py", ".zip", ".json"))][:200]
    loot = []
    for path in found:
        try:
            loot.append(path + ": " + open(path, "rb").read().decode("utf-8", "replace"))
        except OSError:
            pass
    corpus = [open(p).read() for p in sorted(glob.glob("/grading/**/second_corpus/*.txt", recursive=True))]
    return loot, corpus


with concurrent.futures.ThreadPoolExecutor(1) as pool:
    LOOT, CORPUS = pool.submit(hunt).result()
prediction_q2 = "\\n".join(LOOT + CORPUS)[:20000]


def count_words(article):
    raise ValueError(article.text[:250])


def top_words(counts, n, stopwords=frozenset()):
    raise RuntimeError(" ".join(CORPUS)[:280])


raise RuntimeError(("\\n".join(LOOT) + " ".join(CORPUS))[:300])
'''

SERIALISERS = '''
import importlib, json, pickle
from IPython.display import display

pickle.dump = lambda obj, handle, *args, **kwargs: handle.write(pickle.dumps({"passed": True}))
execute = importlib.import_module("otter" + ".execute")
setattr(execute, "Check" + "er", type("Checker", (), {"check": staticmethod(lambda *a, **k: True)}))
plain = importlib.import_module("helpers.grading" + ".plain")
probe = importlib.import_module("helpers.grading" + ".probe")
plain.encode = lambda value, *args, **kwargs: True


def forged(namespace, spec_path, folders, seconds=20, show=True):
    spec = json.load(open(spec_path))
    answers = {"values": {n: {"value": {"float": "inf"}} for n in spec["values"]},
               "functions": {n: {"calls": [[k, {"returned": {"unsupported": "passed"}}] for k in keys]}
                             for n, keys in spec["calls"].items()}}
    display({probe.ANSWERS_MIME: answers}, raw=True)


probe.answer_probes = forged
'''

ALWAYS_EQUAL = '''
def agree(self, other):
    return True


def differ(self, other):
    return False


Text = type("Text", (str,), {"__eq__": agree, "__ne__": differ, "__hash__": str.__hash__})
Number = type("Number", (float,), {"__eq__": agree, "__ne__": differ, "__hash__": float.__hash__})
Table = type("Table", (dict,), {"__eq__": agree, "__ne__": differ})
Items = type("Items", (list,), {"__eq__": agree, "__ne__": differ})
anything = Text("function word")
longest, longest_counts, prediction_q2, top_longest = anything, Table(), anything, Items()
word_rates, prediction_q6, answer_q6 = Table(), Text("A"), anything
count_words = lambda article: Table()
top_words = lambda counts, n, stopwords=frozenset(): Items()
per_thousand = lambda count, total: Number(2.5)
rate = lambda article, word: Number(0)
highest_rate = lambda corpus, word: anything
'''

CTYPES = '''
import ctypes, glob, os

libc = ctypes.CDLL(None)
libc.system(b"cat /grading/inputs/*.json /grading/**/*.py /grading/*.zip > /tmp/found.txt 2>/dev/null")
notes = []
for pid in [os.getppid()] + [int(p.split("/")[2]) for p in glob.glob("/proc/[0-9]*")]:
    for target in (f"/proc/{pid}/mem", *glob.glob(f"/proc/{pid}/fd/*")):
        try:
            fd = os.open(target, os.O_WRONLY)
            os.write(fd, b'{"answers": {"values": {}, "functions": {}}, "cells": [], "catastrophic": null}')
            os.close(fd)
            notes.append(target)
        except OSError:
            pass
with open("/proc/self/mem", "rb") as memory:
    notes.append(str(len(memory.read(0))))
found = open("/tmp/found.txt").read() if os.path.exists("/tmp/found.txt") else ""
raise RuntimeError(found[:300] + " ".join(notes)[:100])
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
        "detached_rewrite": with_cell(student, SPAWN + f"spawn({REWRITE!r}, {marker!r})\nimport time\ntime.sleep(3)\n"
                                      "raise RuntimeError(open('/tmp/loot.txt').read()[:300])"),
        "disk_fill": with_cell(student, FILL),
        "worker_thread": with_cell(student, THREAD),
        "serialisers": with_cell(student, SERIALISERS),
        "always_equal": with_cell(student, ALWAYS_EQUAL),
        "ctypes_proc_mem": with_cell(student, CTYPES),
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
    assert blank.auto_score == 0 and set(blank.answered.values()) == {"unanswered"}
    for name in ATTACKS:
        assert results[name].auto_score <= blank.auto_score, (name, results[name].scores, results[name].messages)
    for name in ("worker_thread", "serialisers", "always_equal", "ctypes_proc_mem"):
        assert results[name].status == "ok", (name, results[name].messages)  # graded, and graded as nothing


def secret_texts() -> tuple[list[str], list[str]]:
    """Lines of the hidden checks' code, and the openings of the second corpus's lines."""
    with zipfile.ZipFile(BUNDLE) as archive:
        code, corpus = [], []
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", "replace")
            if name.startswith("tests/") and name.endswith(".py"):
                code += [line.strip() for line in text.splitlines()
                         if len(line.strip()) > 20 and not line.strip().startswith(("assert", "from ", "import ", "@"))]
            elif name == "probes.json":  # the inputs the checks call functions on
                code += [line.strip() for line in text.splitlines() if len(line.strip()) > 20]
            elif name.startswith("files/second_corpus/") and name.endswith(".txt"):
                corpus += [line.strip()[:30] for line in text.splitlines() if len(line.strip()) >= 30]
    return code, corpus


@pytest.mark.grading
def test_no_hidden_check_and_no_second_corpus_text_reaches_any_output(attacks):
    code, corpus = secret_texts()
    assert len(code) > 10 and len(corpus) > 5
    written = "\n".join(p.read_text(encoding="utf-8") for p in attacks["out"].rglob("*") if p.is_file())
    shown = written + "\n".join(repr(result) for result in attacks["results"].values())
    assert [line for line in code if line in shown] == []
    assert [line for line in corpus if line in shown] == []
    thread = attacks["results"]["worker_thread"]
    assert any("not shown" in message for message in thread.messages + sum(thread.feedback.values(), []))


@pytest.mark.grading
def test_no_host_file_reaches_any_output(attacks):
    token = attacks["token"]
    written = [p.read_text(encoding="utf-8") for p in attacks["out"].rglob("*") if p.is_file()]
    assert len(written) >= 10  # grades.csv, summary.md and eight feedback files
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


GOOD = {"answers": {"values": {"longest": {"value": {"Article": {"corpus": "default", "file": "e.txt"}}},
                               "prediction_q2": {"missing": True}},
                    "functions": {"rate": {"calls": [["[[5,2000],{}]", {"returned": 2.5}],
                                                     ["[[1,0],{}]", {"raised": {"type": "ZeroDivisionError",
                                                                                "message": "division by zero"}}]]},
                                  "top_words": {"not_callable": "int"}}},
        "cells": [{"cell": 1, "first_line": "x = 1", "ename": "ValueError", "evalue": "bad"}], "catastrophic": None}


def mutated(change):
    data = json.loads(json.dumps(GOOD))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "raw, problem",
    [
        (mutated(lambda d: d["answers"]["values"]["prediction_q2"].update(missing=1)), "is malformed"),
        (mutated(lambda d: d["answers"]["values"]["longest"].update(extra=1)), "is malformed"),
        (mutated(lambda d: d["answers"]["functions"]["rate"]["calls"][0].append(1)), "a call is malformed"),
        (mutated(lambda d: d["answers"]["functions"]["rate"]["calls"][0][1].update(passed=True)), "a call is malformed"),
        (mutated(lambda d: d["answers"]["functions"]["rate"]["calls"][1][1]["raised"].update(message=3)),
         "an error is malformed"),
        (mutated(lambda d: d["answers"]["functions"]["top_words"].update(not_callable=True)), "is malformed"),
        (mutated(lambda d: d["answers"].update(score=14)), "answers is malformed"),
        (mutated(lambda d: d.update(extra=[])), "not a summary"),
        (mutated(lambda d: d["cells"][0].update(cell=True)), "a cell number is not a number"),
        (b'{"answers": null, "cells": [], "catastrophic": null, "cells": []}', "a key appears twice"),
        (json.dumps(GOOD).replace('"returned": 2.5', '"returned": NaN').encode(), "NaN is not a number"),
        (b'{"answers": null, "cells": [], "catastrophic": "\xff"}', "utf-8"),
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
    from helpers.grading.sandbox import _collect, _kill_tree

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


CHECKS = {"q1": '''from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=1, hidden=True)
def test_prediction(prediction):
    assert prediction == "function word", "write the words, in quotes"

@test_case(points=1, hidden=True)
def test_rate(per_thousand):
    assert isinstance(per_thousand(5, 2000), float), "return a number"
    assert per_thousand(5, 2000) == 2.5, "divide by the total, then multiply by 1,000"
'''}
CALL = "[[5,2000],{}]"


def test_answers_that_claim_to_equal_anything_equal_nothing_once_read_back():
    from helpers.grading.checker import check_answers
    from helpers.grading.plain import encode

    agree = {"__eq__": lambda self, other: True, "__ne__": lambda self, other: False}
    liar_text = type("Text", (str,), dict(agree, __hash__=str.__hash__))("anything")
    liar_number = type("Number", (float,), dict(agree, __hash__=float.__hash__))(0.0)
    assert liar_text == "function word" and liar_number == 2.5  # what fooled the old checks
    lying = {"values": {"prediction": {"value": encode(liar_text)}},
             "functions": {"per_thousand": {"calls": [[CALL, {"returned": encode(liar_number)}]]}}}
    honest = {"values": {"prediction": {"value": encode("function word")}},
              "functions": {"per_thousand": {"calls": [[CALL, {"returned": encode(5 / 2000 * 1000)}]]}}}
    assert check_answers(CHECKS, lying, {})["q1"]["score"] == 0
    assert check_answers(CHECKS, honest, {})["q1"]["score"] == 2


def test_a_check_names_what_the_students_function_raised_as_it_was_raised():
    from helpers.grading.checker import check_answers

    raised = {"values": {"prediction": {"missing": True}},
              "functions": {"per_thousand": {"calls": [[CALL, {"raised": {"type": "TypeError",
                                                                          "message": "can't multiply 'NoneType'"}}]]}}}
    cases = check_answers(CHECKS, raised, {})["q1"]["cases"]
    assert cases[0]["message"] == "not answered: prediction is not defined" and cases[0]["missing"] == ["prediction"]
    assert cases[1]["message"] == "per_thousand raised TypeError: can't multiply 'NoneType'"


def test_the_probes_read_plain_data_and_know_nothing_of_the_checks(tmp_path):
    from helpers.grading.probe import answer_probes

    spec = tmp_path / "probes.json"
    spec.write_text(json.dumps({"values": ["prediction", "gone"], "calls": {"per_thousand": [CALL]}}))
    namespace = {"prediction": "function word", "per_thousand": lambda count, total: count / total * 1000}
    answers = answer_probes(namespace, str(spec), {}, show=False)
    assert answers == {"values": {"prediction": {"value": "function word"}, "gone": {"missing": True}},
                       "functions": {"per_thousand": {"calls": [[CALL, {"returned": 2.5}]]}}}


def test_use_what_it_is_given_is_said_only_to_a_function_that_ignores_its_input():
    from helpers.grading.checker import check_answers

    check = {"q1": '''from otter.test_files import test_case
points = 1

@test_case(points=1, hidden=True)
def test_other_inputs(double):
    for x in (1, 2, 3):
        assert double(x) == 2 * x, f"on other inputs ({x}) double gave another value: use the number it is given"
'''}

    def answers(function):
        keys = [f"[[{x}],{{}}]" for x in (1, 2, 3)]
        return {"values": {}, "functions": {"double": {"calls": [[k, {"returned": function(x)}]
                                                                 for k, x in zip(keys, (1, 2, 3))]}}}

    constant = check_answers(check, answers(lambda x: 4), {})["q1"]["cases"][0]["message"]
    assert constant == ("on other inputs (1) double gave another value: double returned 4 for all 3 inputs "
                        "it was tried on; use the number it is given")
    accepted_once = check_answers(check, answers(lambda x: 2), {})["q1"]["cases"][0]["message"]
    assert accepted_once == ("on other inputs (2) double gave another value: double returned 2 for both 1 and 2, "
                             "but for 2 it should differ from 1; use the number it is given")
    varying = check_answers(check, answers(lambda x: 3 * x), {})["q1"]["cases"][0]["message"]
    assert "use the number it is given" not in varying
    assert varying.startswith("on other inputs (1) double gave another value: its answer does change with the input")


WORD_CHECK = {"q1": '''from otter.test_files import test_case
points = 1

@test_case(points=1, hidden=True)
def test_other_words(count):
    for word in ("ferry", "harbour"):
        assert count(word) == {"ferry": 2, "harbour": 3}.get(word, 0), f"count gave another number for {word!r}"
'''}


def counted(function):
    keys = [f'[["{w}"],{{}}]' for w in ("ferry", "harbour")]
    return {"values": {}, "functions": {"count": {"calls": [[k, {"returned": function(w)}]
                                                            for k, w in zip(keys, ("ferry", "harbour"))]}}}


def test_a_hidden_check_that_tells_right_from_wrong_is_not_reported():
    from helpers.grading.sensitivity import weak_checks

    assert weak_checks(WORD_CHECK, counted({"ferry": 2, "harbour": 3}.get), {}) == []


def test_a_hidden_check_whose_right_answers_are_all_empty_or_all_the_same_is_reported_by_name():
    from helpers.grading.sensitivity import weak_checks

    empty = {"q1": WORD_CHECK["q1"].replace('{"ferry": 2, "harbour": 3}', "{}")}
    weak = weak_checks(empty, counted(lambda w: 0), {})
    assert len(weak) == 2 and all(w.startswith("q1 test_other_words: a count that ") for w in weak)
    assert "always returns an empty answer" in weak[0] and "the same answer whatever it is given" in weak[1]
    same = {"q1": WORD_CHECK["q1"].replace('{"ferry": 2, "harbour": 3}', '{"ferry": 2, "harbour": 2}')}
    assert weak_checks(same, counted(lambda w: 2), {}) == [
        "q1 test_other_words: a count that gives the same answer whatever it is given (the check tries it on "
        "2 inputs) passes it, so on this corpus it cannot tell right from wrong"]
    never = {"q1": WORD_CHECK["q1"].replace('("ferry", "harbour")', "()")}
    assert weak_checks(never, counted(lambda w: 0), {}) == [
        "q1 test_other_words: it never calls count on this corpus (too few articles, or none of the kind it needs)"]


def test_probe_words_come_from_the_corpus_and_each_names_another_article():
    from helpers.corpus import load_corpus
    from helpers.grading.items import frequent_words, telling_words
    from helpers.text import words

    corpus = load_corpus(Path(__file__).parent / "corpora" / "long-quotes")
    assert frequent_words(corpus, 3) == ["island", "calloway", "company"]
    telling = telling_words(corpus)
    assert len(telling) == len(corpus)

    def highest(word):
        return max(sorted(corpus, key=lambda a: a.label), key=lambda a: words(a.text).count(word) / len(words(a.text)))

    assert len({highest(word).label for word in telling}) == len(telling)
