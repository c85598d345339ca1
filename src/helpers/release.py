"""The student release: the copy of the module that students are given.

This repository holds the exercise masters (solutions, hidden checks, model
answers), the grading bundles and the test corpora, among them the second
corpus the hidden checks run on. None of that may reach a student. The
release is a separate folder holding only what students work with:

- the course notebooks (``notebooks/``) and the student exercise notebooks
  (``exercises/student/``);
- the helper package (``src/``, without the teacher's tools), the seed
  articles, and what installs them (``requirements.txt``, ``pyproject.toml``,
  ``runtime.txt``), with the README, licence and Makefile.

It leaves out ``exercises/source`` (the masters), ``exercises/autograder``
(the bundles), ``exercises/README.md`` (the teacher guide, with rubrics and
example answers), ``tests/`` (the second corpus, hand annotations and tests
that contain answers), ``benchmarks/``, ``.ci/``, ``deploy/``, ``docs/``,
``tools/`` and the grading, gradebook and release modules of the helpers.

After building, :func:`find_leaks` reads every file of the release and
looks for what only the masters, the bundles and the second corpus hold.
``make student-release`` does both and refuses to call a leaking release
good. ``docs/classroom.md`` shows how to publish the folder as the branch
that the nbgitpuller link and the JupyterHub image use.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

__all__ = [
    "INCLUDED",
    "EXCLUDED",
    "TEACHER_ONLY",
    "is_released",
    "release_files",
    "build_release",
    "secret_lines",
    "find_leaks",
]

_ROOT = Path(__file__).resolve().parents[2]

#: What a release holds, and why students need it.
INCLUDED = {
    "notebooks": "the lesson series",
    "exercises/student": "the exercise notebooks students fill in (public checks only)",
    "src": "the helper package the notebooks import",
    "seeds": "the seed articles the notebooks read",
    "requirements.txt": "one install for everything (it starts with -e .)",
    "requirements-dev.txt": "what make lab installs on a laptop",
    "pyproject.toml": "makes src/helpers installable",
    "runtime.txt": "the Python version for repo2docker and Binder",
    "README.md": "how to start",
    "CONTRIBUTING.md": "how the helpers are organised",
    "LICENSE": "the licence",
    "Makefile": "make lab on a laptop",
    ".gitignore": "keeps caches and a student's annotations out of git",
}

#: What a release leaves out, and why (shown by ``make student-release``).
EXCLUDED = {
    "exercises/source": "the masters: solutions, hidden checks and model answers",
    "exercises/autograder": "the grading bundles: hidden checks and the second corpus",
    "exercises/README.md": "the teacher guide: rubrics with example answers",
    "tests": "the second corpus the hidden checks use, hand annotations, tests that contain answers",
    "benchmarks": "measurements for maintainers",
    ".ci": "continuous integration",
    "deploy": "the hub configuration, for the teacher",
    "docs": "the teacher's deployment guide",
    "tools": "maintainer scripts",
}

#: Parts of the helper package only a teacher runs; a student copy does not need them.
TEACHER_ONLY = (
    "src/helpers/grading.py",
    "src/helpers/grading",
    "src/helpers/commands/grade.py",
    "src/helpers/gradebook.py",
    "src/helpers/commands/gradebook.py",
    "src/helpers/release.py",
    "src/helpers/commands/student_release.py",
)

#: What is never copied from inside the included folders.
_JUNK = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints|[^/]*\.egg-info|annotations|\.pytest_cache)(/|$)|\.pyc$")

#: The file in a release that says where it came from (and marks the folder as a release).
MANIFEST = ".student-release.json"

#: The smallest line (in characters, spaces collapsed) that counts as text from a master.
MIN_SECRET_LENGTH = 30


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def is_released(path: str) -> bool:
    """Whether a file of the repository (a path relative to its root) goes into the release.

    Examples
    --------
    >>> is_released("notebooks/02-word-frequencies.ipynb")
    True
    >>> is_released("exercises/student/02-word-frequencies/02-word-frequencies.ipynb")
    True
    >>> is_released("exercises/source/02-word-frequencies/02-word-frequencies.ipynb")
    False
    >>> is_released("tests/corpora/harbor/a_wire.txt"), is_released("src/helpers/grading/__init__.py")
    (False, False)
    """
    path = path.replace(os.sep, "/")
    if _JUNK.search(path) or any(_under(path, part) for part in TEACHER_ONLY):
        return False
    return any(_under(path, part) for part in INCLUDED)


def _tracked_files(root: Path) -> list[str] | None:
    """The files git tracks under ``root`` (None when it is not a git checkout)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached"],
            capture_output=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def release_files(root: str | os.PathLike | None = None) -> list[str]:
    """The files of ``root`` that a release holds, as sorted paths relative to it.

    In a git checkout only tracked files count (their working-tree content is
    copied), so unfinished files and local caches stay out; elsewhere every
    file is walked.
    """
    root = Path(root) if root else _ROOT
    files = _tracked_files(root)
    if files is None:
        files = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return sorted(p for p in files if is_released(p) and (root / p).is_file() and not (root / p).is_symlink())


_STUB = '''"""Not part of the student copy of the module: {what} is a teacher's tool."""

import sys

HELP = "(teacher's tool, not in this copy)"


def add_arguments(parser) -> None:
    parser.add_argument("rest", nargs="*", help="ignored")


def run(args) -> int:
    print("{what} is a teacher's tool and is not part of the student copy of the module.", file=sys.stderr)
    return 2
'''


def _clear(folder: Path) -> None:
    """Empty a folder made by an earlier build, keeping its ``.git`` (the release branch)."""
    for child in folder.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def build_release(out: str | os.PathLike, root: str | os.PathLike | None = None) -> list[str]:
    """Write the student release of ``root`` into the folder ``out``.

    ``out`` must be empty, missing, a git checkout with nothing else in it,
    or a release built before (it is then emptied, except for ``.git``, so
    that the release can be committed on top of the last one).

    Returns
    -------
    list of str
        The files written, relative to ``out``.

    Raises
    ------
    ValueError
        When ``out`` is the repository itself or inside one of its released
        folders, or is a folder of something else.
    """
    root = (Path(root) if root else _ROOT).resolve()
    out = Path(out).resolve()
    inside = out.relative_to(root).as_posix() if out.is_relative_to(root) else None
    if out == root or out in root.parents or (inside and any(_under(inside, part) for part in INCLUDED)):
        raise ValueError(f"{out} would overwrite the repository; choose a folder such as build/student-release.")
    if out.exists():
        contents = {child.name for child in out.iterdir()}
        if contents - {".git"} and MANIFEST not in contents:
            raise ValueError(
                f"{out} already holds files that are not a student release; choose an empty folder "
                "(or a clone of the release branch)."
            )
        _clear(out)
    out.mkdir(parents=True, exist_ok=True)

    files = release_files(root)
    for path in files:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / path, target)
        shutil.copymode(root / path, target)
    written = list(files)
    commands = out / "src" / "helpers" / "commands"
    for teacher_only in TEACHER_ONLY:
        name = Path(teacher_only).name
        if (teacher_only.startswith("src/helpers/commands/") and (root / teacher_only).is_file()
                and commands.is_dir() and not (commands / name).exists()):
            (commands / name).write_text(_STUB.format(what=f"`{Path(name).stem.replace('_', '-')}`"), encoding="utf-8")
            written.append(f"src/helpers/commands/{name}")
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    manifest = {
        "built_from": commit.stdout.strip() or None,
        "holds": sorted(INCLUDED),
        "leaves_out": EXCLUDED,
        "files": sorted(written),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sorted(written)


# ---------------------------------------------------------------------------
# Checking a release for anything only the masters hold
# ---------------------------------------------------------------------------

#: Text that marks an otter master or a hidden check, wherever it appears.
MARKERS = (
    (re.compile(r"#\s*(BEGIN|END)\s+(SOLUTION|TESTS|QUESTION|PROMPT|TEST\s+CONFIG)\b"), "an otter master's block marker"),
    (re.compile(r"#\s*ASSIGNMENT\s+CONFIG\b"), "an otter master's configuration cell"),
    (re.compile(r"#\s*SOLUTION\b"), "otter's one-line solution marker"),
    (re.compile(r"""\bhidden['"]?\s*[:=]\s*True\b""", re.IGNORECASE), "a hidden check"),
)

#: Paths that only the teacher's side holds.
_FORBIDDEN = ("exercises/source", "exercises/autograder", "tests", "benchmarks", ".ci")
_FORBIDDEN_NAMES = re.compile(r"(^|/)(second_corpus|otter_config\.json|run_autograder)(/|$)|\.zip$")


#: Import lines say which helper a solution uses, which the student notebook says too.
_IMPORT = re.compile(r"(from\s+\S+\s+)?import\s")


def _normal(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _notebook_texts(raw: str) -> list[str]:
    """The texts of a notebook: cell sources, outputs and the check code kept in its metadata."""
    nb = json.loads(raw)
    texts = []
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        texts.append("".join(source) if isinstance(source, list) else str(source))
        for output in cell.get("outputs", []) or []:
            texts.append(json.dumps(output, ensure_ascii=False))
    for test in ((nb.get("metadata") or {}).get("otter") or {}).get("tests", {}).values():
        texts.append(str(test))
    texts.append(json.dumps(nb.get("metadata", {}), ensure_ascii=False))
    return texts


def _texts(path: Path) -> list[str]:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".ipynb":
        try:
            return [raw, *_notebook_texts(raw)]
        except (ValueError, AttributeError):
            pass
    return [raw]


def _lines(texts) -> set[str]:
    return {_normal(line) for text in texts for line in text.splitlines()}


def _master_secrets(master: Path) -> set[str]:
    """Lines of a master's solutions, model answers and hidden checks."""
    found = set()
    in_solution = in_tests = False
    for cell in json.loads(master.read_text(encoding="utf-8")).get("cells", []):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        first = _normal(text.splitlines()[0]) if text.strip() else ""
        if re.match(r"#\s*BEGIN\s+TESTS", first):
            in_tests = True
        elif re.match(r"#\s*END\s+TESTS", first):
            in_tests = False
        hidden = in_tests and re.search(r"hidden:\s*true", text, re.IGNORECASE) is not None
        for line in text.splitlines():
            if re.match(r"\s*#\s*BEGIN\s+SOLUTION", line):
                in_solution = True
            elif re.match(r"\s*#\s*END\s+SOLUTION", line):
                in_solution = False
            elif in_solution or hidden:
                found.add(_normal(line))
    return found


def secret_lines(root: str | os.PathLike | None = None, second_corpus: str | os.PathLike | None = None) -> set[str]:
    """Lines that only the teacher's side holds: text that must never appear in a release.

    They are the lines of the masters' solutions, model answers and hidden
    checks, every text file in the grading bundles, and the second corpus
    (default ``tests/corpora/harbor``), less any line a student is given
    anyway (in the student notebooks, or in the helper package and seeds the
    release ships), import lines, and lines under :data:`MIN_SECRET_LENGTH`
    characters, which are too common to tell anything.
    """
    root = Path(root) if root else _ROOT
    second = Path(second_corpus) if second_corpus else root / "tests" / "corpora" / "harbor"
    secret: set[str] = set()
    for master in sorted((root / "exercises" / "source").glob("*/*.ipynb")):
        secret |= _master_secrets(master)
    for bundle in sorted((root / "exercises" / "autograder").glob("*.zip")):
        with zipfile.ZipFile(bundle) as archive:
            for name in archive.namelist():
                secret |= _lines([archive.read(name).decode("utf-8", errors="replace")])
    if second.is_dir():
        for path in sorted(second.rglob("*")):
            if path.is_file():
                secret |= _lines(_texts(path))
    given = set()
    for path in release_files(root):
        if _under(path, "exercises/student") or _under(path, "src") or _under(path, "seeds"):
            given |= _lines(_texts(root / path))
    return {line for line in secret - given if len(line) >= MIN_SECRET_LENGTH and not _IMPORT.match(line)}


def find_leaks(folder: str | os.PathLike, root: str | os.PathLike | None = None,
               second_corpus: str | os.PathLike | None = None) -> list[str]:
    """Everything in a release that a student must not have, one message per finding.

    A release leaks when it holds a path of the teacher's side (masters,
    bundles, tests), any text that marks an otter master or a hidden check,
    or any line of :func:`secret_lines`.

    Returns
    -------
    list of str
        ``path: what was found``; empty when the release is clean.
    """
    folder = Path(folder)
    secrets = secret_lines(root, second_corpus)
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.relative_to(folder).parts[:1]):
        rel = path.relative_to(folder).as_posix()
        if any(_under(rel, part) for part in _FORBIDDEN) or _FORBIDDEN_NAMES.search(rel):
            leaks.append(f"{rel}: a file of the teacher's side (masters, bundles or tests)")
            continue
        texts = _texts(path)
        for pattern, what in MARKERS:
            match = next((m for text in texts for m in [pattern.search(text)] if m), None)
            if match:
                leaks.append(f"{rel}: {what} ({match.group(0)!r})")
        shared = sorted(secrets & _lines(texts))
        if shared:
            leaks.append(f"{rel}: {len(shared)} line(s) of a solution, hidden check or the second corpus, "
                         f"first {shared[0][:80]!r}")
    return leaks
