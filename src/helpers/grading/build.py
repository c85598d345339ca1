"""Building the exercises: masters into student notebooks and grading bundles (``make exercises``).

:func:`build_exercises` runs ``otter assign`` on each master, writes the
student notebook and the bundle, records the probes from the solutions,
checks that the solutions pass their own checks once read as plain data,
and that every hidden check still tells right from wrong on the second
corpus (:mod:`.sensitivity`). Each bundle declares what grading it needs in
its ``requirements.txt``; :func:`standalone_bundle` adds a wheel of the
helpers, so that the bundle alone makes a grading environment on another
machine (``make standalone-bundles``). :func:`solution_answers` and
:func:`fill_answers` take a master's solutions out and put them into a
student notebook (for tests and benchmarks).
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from helpers.grading.assignment import (
    MANIFEST,
    PROBES,
    _ROOT,
    SECOND_CORPUS,
    GradingError,
    manifest_from_master,
    _source,
)
from helpers.grading.grade import DEFAULT_TIMEOUT, run_checks, _run_trusted

__all__ = [
    "GRADING_REQUIREMENTS",
    "build_exercises",
    "fill_answers",
    "solution_answers",
    "standalone_bundle",
]

#: The distribution that holds ``helpers`` (pyproject.toml's project name).
HELPERS_DISTRIBUTION = "news-reading-helpers"

#: What grading a set needs besides the helpers, written into each bundle's requirements.txt
#: (the specifiers of the project's requirements.txt; a test keeps the two in step).
GRADING_REQUIREMENTS = (
    "nltk>=3.8",
    "matplotlib>=3.7",
    "ipywidgets>=8.0",
    "ipykernel>=6.0",
    "nbclient>=0.9",
    "nbformat>=5.9",
    "otter-grader==7.0.0",
)

#: The file of a bundle that declares what grading needs.
REQUIREMENTS = "requirements.txt"

#: Otter's configuration in a bundle, and the plugin it names so that ``otter run`` has the time limit of ``make grade``.
OTTER_CONFIG = "otter_config.json"
TIME_LIMIT_PLUGIN = "helpers.grading.otter_limit.TimeLimit"


def _requirements() -> bytes:
    """The bundle's requirements.txt: the helpers by the version that built it, then the rest."""
    version = importlib.metadata.version(HELPERS_DISTRIBUTION)
    lines = [
        "# What grading this exercise set needs. In a fresh environment, from the folder of a bundle",
        "# made by `make standalone-bundles` (which holds a wheel of the helpers):",
        "#   python -m venv env && env/bin/pip install -r requirements.txt --find-links .",
        f"{HELPERS_DISTRIBUTION}=={version}",
        *GRADING_REQUIREMENTS,
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def standalone_bundle(bundle: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
    """A copy of a grading bundle that also holds a wheel of the helpers, built from this source.

    Unzipped, it makes its own grading environment with nothing else but
    the package index: ``pip install -r requirements.txt --find-links .``;
    building the wheel needs the index too (pip fetches the build backend);
    then ``python -m helpers grade SUBMISSIONS --assignment BUNDLE.zip
    --corpus CORPUS`` grades as ``make grade`` does here.

    Parameters
    ----------
    bundle : str or Path
        A bundle made by ``make exercises`` (``exercises/autograder/NN-topic.zip``).
    out_dir : str or Path
        Where to write the copy (same file name).

    Returns
    -------
    Path

    Raises
    ------
    GradingError
        When the bundle declares no requirements (rebuild it) or the wheel cannot be built.
    """
    bundle, out_dir = Path(bundle), Path(out_dir)
    with zipfile.ZipFile(bundle) as archive:
        if REQUIREMENTS not in archive.namelist():
            raise GradingError(f"{bundle} declares no {REQUIREMENTS}: rebuild it with `make exercises`.")
    with tempfile.TemporaryDirectory() as tmp:
        built = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp, str(_ROOT)],
            capture_output=True, text=True,
        )
        wheels = sorted(Path(tmp).glob("*.whl"))
        if built.returncode != 0 or len(wheels) != 1:
            raise GradingError(
                f"The wheel of the helpers could not be built from {_ROOT} (pip needs the package index to fetch "
                f"the build backend; is the network up?): {built.stderr.strip()[-500:]}"
            )
        _deterministic_zip(bundle, out_dir / bundle.name, {wheels[0].name: wheels[0].read_bytes()})
    return out_dir / bundle.name


def _strip_solution_markers(text: str) -> str:
    kept = []
    for line in text.splitlines():
        if re.match(r"^\s*#\s*(BEGIN|END)\s+SOLUTION\b", line):
            continue
        kept.append(re.sub(r"\s*#\s*SOLUTION\s*$", "", line))
    return "\n".join(kept).strip("\n")


def solution_answers(master: dict) -> list[tuple[str, str, str]]:
    """The solution cells of a master notebook, in order, as a student would write them.

    Otter's solution markers are removed, so the code can be pasted into the
    answer cells of the student notebook (see :func:`fill_answers`) to make a
    reference submission that should score full marks.

    Parameters
    ----------
    master : dict
        The master notebook as loaded from JSON.

    Returns
    -------
    list of (question, cell_type, source)

    Examples
    --------
    >>> raw = lambda text: {"cell_type": "raw", "source": text, "metadata": {}}
    >>> master = {"cells": [raw("# BEGIN QUESTION\\nname: q1\\npoints: 1"), raw("# BEGIN SOLUTION"),
    ...     {"cell_type": "code", "source": "answer = 6 * 7  # SOLUTION", "metadata": {}},
    ...     raw("# END SOLUTION"), raw("# END QUESTION")]}
    >>> solution_answers(master)
    [('q1', 'code', 'answer = 6 * 7')]
    """
    import yaml

    answers = []
    question = None
    inside = False
    for cell in master.get("cells", []):
        text = _source(cell)
        if cell.get("cell_type") == "raw":
            if re.match(r"#\s*BEGIN\s+QUESTION", text, re.I):
                info = yaml.safe_load(text.split("\n", 1)[1] if "\n" in text else "") or {}
                question = str(info.get("name"))
            elif re.match(r"#\s*BEGIN\s+SOLUTION", text, re.I):
                inside = True
            elif re.match(r"#\s*END\s+SOLUTION", text, re.I):
                inside = False
            elif re.match(r"#\s*END\s+QUESTION", text, re.I):
                question = None
            continue
        if inside and question:
            answers.append((question, cell.get("cell_type", "code"), _strip_solution_markers(text)))
    return answers


def fill_answers(student: dict, answers: list[tuple[str, str, str]], replace_with: dict[str, list[str]] | None = None) -> dict:
    """A copy of a student notebook with its answer cells filled in.

    Parameters
    ----------
    student : dict
        The student notebook (JSON), whose answer cells carry otter's
        ``otter_answer_cell`` tag.
    answers : list of (question, cell_type, source)
        From :func:`solution_answers`: says which answer cell belongs to
        which question, and gives the solution.
    replace_with : dict, optional
        Question → sources to use instead of the solution (one per answer
        cell of that question); questions not named keep the solution.

    Returns
    -------
    dict
        The filled notebook.

    Raises
    ------
    GradingError
        If the notebook's answer cells do not match the master's solutions.
    """
    notebook = json.loads(json.dumps(student))
    slots = [c for c in notebook["cells"] if "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
    if len(slots) != len(answers):
        raise GradingError(f"The notebook has {len(slots)} answer cells but the master has {len(answers)} solution cells.")
    replace_with = replace_with or {}
    used: dict[str, int] = {}
    for cell, (question, _kind, source) in zip(slots, answers):
        if question in replace_with:
            index = used.get(question, 0)
            used[question] = index + 1
            options = replace_with[question]
            source = options[index] if index < len(options) else options[-1]
        cell["source"] = source
    return notebook


# ---------------------------------------------------------------------------
# make exercises: masters -> student notebooks and bundles
# ---------------------------------------------------------------------------

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _probe_the_solutions(solution: Path, tests: Path, stage: Path, corpus: Path | None) -> tuple[dict, dict]:
    """Run the master's solutions, then record the probe spec and read the solutions' answers through it.

    Runs in a kernel in ``stage`` (which holds the second corpus), as the
    graded notebooks run in the sandbox.
    """
    import nbformat
    from nbclient import NotebookClient

    spec_path, answers_path = stage / PROBES, stage / "answers.json"
    notebook = nbformat.read(str(solution), as_version=4)
    folders = {"default": None, SECOND_CORPUS: SECOND_CORPUS}
    notebook.cells.append(nbformat.v4.new_code_cell(
        "from helpers.grading.probe import build_probes\n"
        f"build_probes(get_ipython().user_ns, {str(tests)!r}, {folders!r}, {str(spec_path)!r}, {str(answers_path)!r})"
    ))
    env = {"CORPUS_DIR": str(corpus)} if corpus else {}
    previous = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        # The notebook's own grader.check cells cannot find their tests here: their errors are expected.
        NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(stage)}}).execute()
        errors = [f"{out.get('ename')}: {out.get('evalue')}" for out in notebook.cells[-1].get("outputs", [])
                  if out.get("output_type") == "error"]
        if errors:
            raise GradingError(errors[0])
    except Exception as error:
        raise GradingError(f"the solutions of {solution.name} could not be probed on the second corpus: "
                           f"{str(error)[-600:]}") from None
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    answers = json.loads(answers_path.read_text(encoding="utf-8"))
    return spec, answers


def _solutions_pass(name: str, tests: dict[str, str], answers: dict, bundle: Path, corpus: Path) -> None:
    """Refuse a bundle whose solutions, read back as plain data, fail one of their own checks."""
    checks = run_checks(tests, answers, bundle, corpus, 60)
    failed = [f"{question}: {case['name']} ({case['message'][:200]})"
              for question, data in checks.items() for case in data["cases"] if not case["passed"]]
    if failed:
        raise GradingError(
            f"{name}: the solutions fail their own checks once their answers are read as plain data "
            "(an answer of a type the checks cannot read?):\n  " + "\n  ".join(failed)
        )


def _checks_tell_right_from_wrong(name: str, tests: dict[str, str], answers: dict, bundle: Path, corpus: Path,
                                  second: Path) -> None:
    """Refuse a bundle with a hidden check that a wrong function passes on the second corpus (see :mod:`.sensitivity`)."""
    job = {"tests": tests, "answers": answers, "corpora": {"default": None, SECOND_CORPUS: SECOND_CORPUS},
           "case_timeout": 60}
    weak = _run_trusted("helpers.grading.sensitivity", job, bundle, corpus, 300)
    if weak:
        raise GradingError(
            f"{name}: on the second corpus {second}, these hidden checks cannot tell right from wrong:\n  "
            + "\n  ".join(weak)
            + "\nUse a corpus with more articles and words, some of them sharing text and quoting sources "
            "(exercises/README.md, 'Adapting the sets to another corpus')."
        )


def _deterministic_zip(source: Path, target: Path, extra: dict[str, bytes]) -> None:
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                entries[info.filename] = archive.read(info)
    entries.update(extra)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = (0o755 if name == "run_autograder" else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(buffer.getvalue())


def _clean_student_notebook(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
        cell.pop("id", None)
    data["nbformat_minor"] = 4
    return data


def build_exercises(
    source: str | os.PathLike | None = None,
    student: str | os.PathLike | None = None,
    bundles: str | os.PathLike | None = None,
    *,
    only: str | None = None,
    run_tests: bool = True,
    second_corpus: str | os.PathLike | None = None,
) -> list[Path]:
    """Turn every master notebook into a student notebook and a grading bundle.

    For ``exercises/source/NN-topic/NN-topic.ipynb`` this runs ``otter
    assign`` and writes ``exercises/student/NN-topic/NN-topic.ipynb``
    (without outputs) and ``exercises/autograder/NN-topic.zip`` (the hidden
    tests, any files the tests need, a ``manifest.json`` of questions and
    points, and ``probes.json``: what each check reads from a notebook and
    the inputs it calls its functions on, recorded by running the checks on
    the solutions). The solutions' answers are then read back through the
    probes and checked as a graded notebook's would be; a check they fail
    stops the build. The zip is written with
    fixed dates and order, so building again without changes gives the same
    bytes.

    Parameters
    ----------
    source, student, bundles : str or Path, optional
        Folders (default: ``exercises/source``, ``exercises/student``,
        ``exercises/autograder``).
    only : str, optional
        Build only the set whose folder name starts with this.
    run_tests : bool
        Let otter check that the solutions pass their own tests (slower).
    second_corpus : str or Path, optional
        The articles the hidden tests use besides the seeds, copied into
        each bundle as ``second_corpus/`` (default: ``tests/corpora/harbor``).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    GradingError
        With otter's message, if a master cannot be assigned.
    """
    source = Path(source) if source else _ROOT / "exercises" / "source"
    student = Path(student) if student else _ROOT / "exercises" / "student"
    bundles = Path(bundles) if bundles else _ROOT / "exercises" / "autograder"
    second = Path(second_corpus) if second_corpus else _ROOT / "tests" / "corpora" / "harbor"
    if not any(second.glob("*.txt")):
        raise GradingError(f"The second corpus {second} has no .txt articles; the hidden tests need one.")
    masters = sorted(p for p in source.glob("*/*.ipynb") if p.stem == p.parent.name and ".ipynb_checkpoints" not in p.parts)
    if only:
        masters = [p for p in masters if p.stem.startswith(only)]
    if not masters:
        raise GradingError(f"No master notebooks (NN-topic/NN-topic.ipynb) in {source}.")
    written: list[Path] = []
    for master in masters:
        data = json.loads(master.read_text(encoding="utf-8"))
        manifest = manifest_from_master(data)
        if manifest["name"] != master.stem:
            raise GradingError(f"{master.name}: its ASSIGNMENT CONFIG name is {manifest['name']!r}; use {master.stem!r}.")
        with tempfile.TemporaryDirectory(prefix="assign-") as tmp:
            stage = Path(tmp) / "stage"
            shutil.copytree(master.parent, stage, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            shutil.copytree(second, stage / "second_corpus", dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".*", "__pycache__"))
            dist = Path(tmp) / "dist"
            command = [sys.executable, "-m", "otter", "assign", str(stage / master.name), str(dist), "--no-pdfs"]
            if not run_tests:
                command.append("--no-run-tests")
            env = dict(os.environ, PYTHONHASHSEED="0")
            done = subprocess.run(command, cwd=str(stage), capture_output=True, text=True, env=env)
            if done.returncode != 0:
                tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
                raise GradingError(f"otter assign failed for {master.name}:\n{tail}")
            notebook = _clean_student_notebook(dist / "student" / master.name)
            protected = [
                _source(cell) for cell in notebook["cells"]
                if cell.get("metadata", {}).get("deletable") is False and _source(cell).strip()
            ]
            manifest["protected_cells"] = protected
            slots = [c for c in notebook["cells"] if "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
            answer_cells: dict[str, list[str]] = {}
            for cell, (question, _kind, _solution) in zip(slots, solution_answers(data)):
                answer_cells.setdefault(question, []).append(_source(cell))
            manifest["answer_cells"] = answer_cells
            zips = sorted((dist / "autograder").glob("*.zip"))
            if len(zips) != 1:
                raise GradingError(f"otter assign made {len(zips)} zip files for {master.name}; expected one.")
            with zipfile.ZipFile(zips[0]) as archive:
                test_files = [n for n in archive.namelist() if n.startswith("tests/") and n.endswith(".py")]
            graded = {Path(n).stem for n in test_files}
            for question in manifest["questions"]:
                if not question["manual"] and question["name"] not in graded:
                    raise GradingError(f"{master.name}: question {question['name']} has no tests; add some or mark it manual.")
            target_nb = student / master.stem / master.name
            target_nb.parent.mkdir(parents=True, exist_ok=True)
            target_nb.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            for extra in (dist / "student").iterdir():
                if extra.name != master.name:
                    destination = student / master.stem / extra.name
                    if extra.is_dir():
                        shutil.copytree(extra, destination, dirs_exist_ok=True)
                    else:
                        shutil.copy(extra, destination)
            target_zip = bundles / f"{master.stem}.zip"
            tests_dir = Path(tmp) / "tests"
            with zipfile.ZipFile(zips[0]) as archive:
                for name in test_files:
                    (tests_dir / Path(name).name).parent.mkdir(exist_ok=True)
                    (tests_dir / Path(name).name).write_bytes(archive.read(name))
            spec, answers = _probe_the_solutions(dist / "autograder" / master.name, tests_dir, stage, None)
            with zipfile.ZipFile(zips[0]) as archive:
                otter_config = json.loads(archive.read(OTTER_CONFIG).decode("utf-8"))
            otter_config["plugins"] = [{TIME_LIMIT_PLUGIN: {"seconds": DEFAULT_TIMEOUT}}]  # otter run stops as make grade
            extra_files = {
                OTTER_CONFIG: (json.dumps(otter_config, indent=1) + "\n").encode("utf-8"),
                MANIFEST: (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
                PROBES: (json.dumps(spec, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
                REQUIREMENTS: _requirements(),
            }
            built_zip = Path(tmp) / target_zip.name
            _deterministic_zip(zips[0], built_zip, extra_files)
            tests = {Path(n).stem: (tests_dir / Path(n).name).read_text(encoding="utf-8") for n in test_files}
            from helpers.corpus import default_corpus_dir

            seeds = default_corpus_dir().resolve()
            _solutions_pass(master.name, tests, answers, built_zip, seeds)
            _checks_tell_right_from_wrong(master.name, tests, answers, built_zip, seeds, second)
            target_zip.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built_zip, target_zip)
            written += [target_nb, target_zip]
    return written
