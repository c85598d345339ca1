"""The student release holds what students work with and nothing that gives answers away."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.commands.student_release import main as release_command
from helpers.release import build_release, find_leaks, release_files, secret_lines

ROOT = Path(__file__).resolve().parents[1]
MASTERS = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
BUNDLES = sorted((ROOT / "exercises" / "autograder").glob("*.zip"))
SECOND_CORPUS = ROOT / "tests" / "corpora" / "harbor"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "student-release"
    build_release(out)
    return out


def fresh_copy(release, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(release, copy)
    return copy


def test_release_holds_the_student_notebooks_course_notebooks_helpers_and_seeds(release):
    tracked = set(release_files())
    for folder in ("exercises/student", "notebooks", "seeds"):
        expected = {p for p in tracked if p.startswith(folder + "/")}
        got = {p.relative_to(release).as_posix() for p in (release / folder).rglob("*") if p.is_file()}
        assert expected and got == expected, folder
    for name in ("requirements.txt", "pyproject.toml", "runtime.txt", "README.md", "LICENSE",
                 "src/helpers/corpus.py", "src/helpers/selfcheck/__init__.py"):
        assert (release / name).is_file(), name


def test_release_leaves_out_masters_bundles_tests_and_the_grader(release):
    for name in ("exercises/source", "exercises/autograder", "exercises/README.md", "tests", "benchmarks",
                 ".ci", "deploy", "docs", "src/helpers/grading", "src/helpers/grading.py",
                 "src/helpers/release.py", "src/helpers/gradebook.py"):
        assert not (release / name).exists(), name
    assert not list(release.rglob("*.zip"))
    # the command stays listed in `python -m helpers`, and says why it is not there
    assert "teacher's tool" in (release / "src" / "helpers" / "commands" / "grade.py").read_text()


def test_release_contains_no_solution_hidden_check_or_second_corpus_text(release):
    assert MASTERS and BUNDLES and SECOND_CORPUS.is_dir()
    secrets = secret_lines()
    # the scan knows what to look for: lines of the second corpus and of the masters' solutions
    harbor = {" ".join(line.split()) for line in (SECOND_CORPUS / "a_wire.txt").read_text().splitlines()}
    assert len(secrets & harbor) >= 3
    assert len(secrets) >= 50 * len(MASTERS)
    assert find_leaks(release) == []


def _add_cell(notebook: Path, source: str) -> None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                        "source": source.splitlines(keepends=True)})
    notebook.write_text(json.dumps(nb), encoding="utf-8")


def _hidden_check_source() -> str:
    with zipfile.ZipFile(BUNDLES[0]) as bundle:
        return bundle.read("tests/q1.py").decode("utf-8")


PLANTS = {
    "a master copied in": lambda r: shutil.copy(MASTERS[0], r / "notebooks" / "extra.ipynb"),
    "a bundle copied in": lambda r: shutil.copy(BUNDLES[0], r / "exercises" / "student" / BUNDLES[0].name),
    "the masters' folder": lambda r: shutil.copytree(MASTERS[0].parent, r / "exercises" / "source" / "x"),
    "second-corpus text in a seed": lambda r: (r / "seeds" / "extra.txt").write_text(
        (SECOND_CORPUS / "b_local.txt").read_text(encoding="utf-8"), encoding="utf-8"),
    "a hidden check in a course notebook": lambda r: _add_cell(
        sorted((r / "notebooks").glob("*.ipynb"))[0], _hidden_check_source()),
    "a solution marker in the helpers": lambda r: (r / "src" / "helpers" / "extra.py").write_text(
        "x = 1  # " + "SOLUTION\n", encoding="utf-8"),
}


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_the_scan_finds_what_is_planted_in_a_release(release, tmp_path, plant):
    copy = fresh_copy(release, tmp_path)
    PLANTS[plant](copy)
    assert find_leaks(copy) != []


def test_a_solution_line_pasted_into_a_course_notebook_is_found(release, tmp_path):
    copy = fresh_copy(release, tmp_path)
    line = sorted(s for s in secret_lines() if s.startswith("return "))[0]
    notebook = sorted((copy / "notebooks").glob("*.ipynb"))[-1]
    _add_cell(notebook, "def f(article):\n    " + line + "\n")
    leaks = find_leaks(copy)
    assert len(leaks) == 1 and leaks[0].startswith(notebook.relative_to(copy).as_posix())


def test_release_imports_its_own_helpers_and_reads_its_own_seeds(release):
    code = "import helpers, helpers.corpus as c; print(helpers.__file__); print(len(c.load_corpus()))"
    env = {**os.environ, "PYTHONPATH": str(release / "src")}
    env.pop("CORPUS_DIR", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=release, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert Path(out[0]).resolve().is_relative_to(release.resolve())
    assert int(out[1]) == len(list((ROOT / "seeds").glob("*.txt")))


def test_rebuilding_keeps_the_release_branch_and_refuses_other_folders(tmp_path):
    out = tmp_path / "rel"
    build_release(out)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/student\n")
    (out / "stale.txt").write_text("from an older release")
    build_release(out)
    assert (out / ".git" / "HEAD").is_file() and not (out / "stale.txt").exists()

    other = tmp_path / "my-notes"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not a student release"):
        build_release(other)
    assert (other / "notes.txt").read_text() == "mine"
    with pytest.raises(ValueError, match="would overwrite the repository"):
        build_release(ROOT)
    with pytest.raises(ValueError, match="would overwrite the repository"):
        build_release(ROOT / "notebooks" / "release")


def test_command_builds_checks_and_says_what_is_left_out(tmp_path, capsys):
    assert release_command(["--out", str(tmp_path / "rel")]) == 0
    out = capsys.readouterr().out
    assert "checked: no solution" in out and "exercises/source" in out and "tests" in out


def test_command_refuses_a_release_that_leaks(tmp_path, capsys, monkeypatch):
    import helpers.commands.student_release as command

    real_build = command.build_release

    def build_and_plant(out):
        files = real_build(out)
        shutil.copy(MASTERS[0], Path(out) / "notebooks" / "extra.ipynb")
        return files

    monkeypatch.setattr(command, "build_release", build_and_plant)
    assert release_command(["--out", str(tmp_path / "rel")]) == 1
    assert "Do not publish it" in capsys.readouterr().err
