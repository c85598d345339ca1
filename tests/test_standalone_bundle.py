"""A grading bundle stands alone: a fresh environment made only from what it declares grades a submission.

``make standalone-bundles`` adds a wheel of the helpers to each bundle made by
``make exercises``, whose ``requirements.txt`` names everything grading needs.
The test unzips one into an empty folder, makes a new virtual environment from
that folder alone (``pip install -r requirements.txt --find-links .``; the
package index is the only other source), and grades a solution and an
untouched student notebook with that environment's ``python -m helpers grade``,
run from outside the repository. It needs the package index (as ``make
install`` does): ``make test`` runs it first, before cutting the network for
the rest, and it is skipped, saying so, when pip cannot reach the index.
"""

import json
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from helpers.grading import fill_answers, load_assignment, solution_answers, standalone_bundle
from helpers.grading.build import GRADING_REQUIREMENTS, HELPERS_DISTRIBUTION

ROOT = Path(__file__).resolve().parents[1]
SET = "02-word-frequencies"
BUNDLE = ROOT / "exercises" / "autograder" / f"{SET}.zip"


def _requirement_lines(path):
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def test_every_bundle_declares_the_helpers_and_the_projects_own_requirements():
    project = _requirement_lines(ROOT / "requirements.txt")
    for bundle in sorted((ROOT / "exercises" / "autograder").glob("*.zip")):
        with zipfile.ZipFile(bundle) as archive:
            declared = [line for line in archive.read("requirements.txt").decode("utf-8").splitlines()
                        if line and not line.startswith("#")]
        assert declared[0].startswith(f"{HELPERS_DISTRIBUTION}=="), bundle.name
        assert declared[1:] == list(GRADING_REQUIREMENTS), bundle.name
    for requirement in GRADING_REQUIREMENTS:
        assert requirement in project, f"{requirement} differs from requirements.txt: keep the two in step"


@pytest.mark.grading
@pytest.mark.needs_index
def test_a_standalone_bundle_grades_in_a_fresh_environment_made_from_it_alone(tmp_path):
    try:
        bundle = standalone_bundle(BUNDLE, tmp_path / "dist")
    except Exception as error:  # building the wheel needs the package index
        if "network" in str(error) or "index" in str(error):
            pytest.skip(f"the package index cannot be reached to build the wheel: {str(error)[:200]}")
        raise
    unpacked = tmp_path / "bundle"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(unpacked)
    assert len(list(unpacked.glob("*.whl"))) == 1
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt", "--find-links", "."],
        cwd=unpacked, capture_output=True, text=True, timeout=1200,
    )
    if install.returncode != 0 and re.search(r"(?i)connection|resolve|network|timed out|no matching distribution", install.stderr):
        pytest.skip(f"the package index cannot be reached: {install.stderr.strip()[-300:]}")
    assert install.returncode == 0, install.stderr[-2000:]

    outside = tmp_path / "elsewhere"  # run from outside the repository, with nothing of it on the path
    outside.mkdir()
    clean_env = {"PATH": f"{env / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    where = subprocess.run([str(python), "-c", "import helpers; print(helpers.__file__)"], cwd=outside,
                           capture_output=True, text=True, env=clean_env, check=True)
    assert Path(where.stdout.strip()).is_relative_to(env), where.stdout

    submissions = tmp_path / "submissions"
    submissions.mkdir()
    master = json.loads((ROOT / "exercises" / "source" / SET / f"{SET}.ipynb").read_text(encoding="utf-8"))
    student = json.loads((ROOT / "exercises" / "student" / SET / f"{SET}.ipynb").read_text(encoding="utf-8"))
    (submissions / "solution.ipynb").write_text(json.dumps(fill_answers(student, solution_answers(master))), encoding="utf-8")
    (submissions / "untouched.ipynb").write_text(json.dumps(student), encoding="utf-8")
    corpus = tmp_path / "seeds"  # the corpus the notebooks read, copied out of the repository
    corpus.mkdir()
    for path in (ROOT / "seeds").iterdir():
        if path.is_file():
            (corpus / path.name).write_bytes(path.read_bytes())

    graded = subprocess.run(
        [str(python), "-m", "helpers", "grade", str(submissions), "--assignment", str(unpacked.parent / "dist" / bundle.name),
         "--corpus", str(corpus), "--out", str(tmp_path / "graded"), "--jobs", "2", "--json"],
        cwd=outside, capture_output=True, text=True, env=clean_env, timeout=900,
    )
    assert graded.returncode == 0, graded.stderr[-2000:]
    results = {r["student"]: r for r in json.loads(graded.stdout)["results"]}
    full = load_assignment(BUNDLE).auto_points
    assert results["solution"]["status"] == "ok" and sum(results["solution"]["scores"].values()) == full
    assert results["untouched"]["status"] == "ok" and sum(results["untouched"]["scores"].values()) == 0
    assert sys.prefix != str(env)  # the test itself ran in the project's environment, the grading in the new one


def test_each_bundle_gives_otter_run_the_time_limit_of_make_grade():
    from helpers.grading.grade import DEFAULT_TIMEOUT

    for bundle in sorted((ROOT / "exercises" / "autograder").glob("*.zip")):
        with zipfile.ZipFile(bundle) as archive:
            config = json.loads(archive.read("otter_config.json"))
        assert config["plugins"] == [{"helpers.grading.otter_limit.TimeLimit": {"seconds": DEFAULT_TIMEOUT}}], bundle.name


@pytest.mark.grading
def test_otter_run_stops_an_endless_loop_at_the_bundles_time_limit(tmp_path):
    import time

    entries = {}
    with zipfile.ZipFile(BUNDLE) as archive:
        for info in archive.infolist():
            entries[info.filename] = archive.read(info)
    config = json.loads(entries["otter_config.json"])
    config["plugins"] = [{"helpers.grading.otter_limit.TimeLimit": {"seconds": 10}}]  # 180 s in the real bundle
    entries["otter_config.json"] = json.dumps(config).encode("utf-8")
    bundle = tmp_path / BUNDLE.name
    with zipfile.ZipFile(bundle, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    student = json.loads((ROOT / "exercises" / "student" / SET / f"{SET}.ipynb").read_text(encoding="utf-8"))
    first_answer = next(c for c in student["cells"] if "otter_answer_cell" in c.get("metadata", {}).get("tags", []))
    first_answer["source"] = "while True:\n    pass\n"
    notebook = tmp_path / f"{SET}.ipynb"
    notebook.write_text(json.dumps(student), encoding="utf-8")
    (tmp_path / "out").mkdir()
    began = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).parent / "otter"), "run", "-a", str(bundle), "-o", str(tmp_path / "out"),
                           str(notebook)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - began
    assert seconds < 120, f"otter run went on for {seconds:.0f} s"
    said = done.stdout + done.stderr
    assert done.returncode != 0 and "time limit" in said, said[-1500:]
