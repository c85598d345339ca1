"""Every notebook runs headless from top to bottom, on the seeds and on a second corpus.

Also: notebooks are committed without outputs, and they follow the lesson
skeleton (time, questions and objectives first; key points last).
"""

import json
import re
from pathlib import Path

import pytest

from helpers.corpus import load_corpus
from helpers.html import escape
from helpers.notebooks import cells_with_outputs, reading_load, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted(p for p in (ROOT / "exercises").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
CORPORA = {
    "seeds": ROOT / "seeds",
    # an invented story with quotations, a copied paragraph and a messy (BOM, CRLF) file
    "harbor": ROOT / "tests" / "corpora" / "harbor",
    # awkward corpora an instructor might bring
    "one-article": ROOT / "tests" / "corpora" / "one-article",
    "very-short": ROOT / "tests" / "corpora" / "very-short",
    "no-quotes": ROOT / "tests" / "corpora" / "no-quotes",
    # newspaper quotation styles: over several paragraphs, British single marks, wire '' marks
    "long-quotes": ROOT / "tests" / "corpora" / "long-quotes",
}
# Corpora that only some notebooks run on (by the notebook's number), to keep the suite fast:
# the quotation styles matter to close reading (01), sourcing (03) and copied text (04).
ONLY_FOR = {"long-quotes": ("01", "03", "04")}
# Notebook runs known to fail, by (notebook number, corpus): the reason names the cell and the error.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _notebook_runs():
    for path in NOTEBOOKS:
        for corpus in sorted(CORPORA):
            if corpus in ONLY_FOR and path.name[:2] not in ONLY_FOR[corpus]:
                continue
            reason = KNOWN_FAILURES.get((path.name[:2], corpus))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(path, corpus, id=f"{path.name}-{corpus}", marks=marks)


def test_the_series_is_there():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "00-start-here.ipynb"
    assert all(name[:2].isdigit() and name[2] == "-" for name in names)


@pytest.mark.parametrize("path", NOTEBOOKS + EXERCISES, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path):
    assert cells_with_outputs(path) == [], f"{path.name} carries outputs: run `make strip` before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_skeleton(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(cells[0]["source"])
    last = "".join(cells[-1]["source"])
    assert first.startswith("# "), "the first cell is the title"
    for heading in ("**Time**", "**Questions**", "**Objectives**"):
        assert heading in first, f"the first cell should state {heading}"
    assert "## Key points" in last, "the last cell should hold the key points"
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert "nltk.download" not in code and "sys.path" not in code


@pytest.mark.notebook
@pytest.mark.parametrize(("path", "corpus"), list(_notebook_runs()))
def test_notebook_runs_headless(path, corpus, tmp_path):
    run = run_notebook(
        path,
        corpus_dir=CORPORA[corpus],
        timeout=180,
        extra_env={"ANNOTATION_DIR": str(tmp_path / "annotations")},
    )
    assert run.outputs_of_type("error") == []
    streams = " ".join("".join(o.get("text", "")) for o in run.outputs_of_type("stream") if o.get("name") == "stderr")
    assert "Traceback" not in streams
    if corpus != "seeds":
        assert _seed_story_mentions(run) == [], "outputs on another story mention the seed story"
    if path.name.startswith("00") and corpus in ("seeds", "harbor"):
        title = load_corpus(CORPORA[corpus]).story.title
        assert title and any(escape(title) in text or title in text for text in _output_texts(run)), "00 shows the corpus README"


#: Words of the seed story that must never appear in what a notebook prints about another corpus.
SEED_STORY = re.compile(r"CECOT|Bukele|El Salvador|Salvadora?n?|Noem|Rubio|MS-13|Tren de Aragua", re.IGNORECASE)


def _output_texts(run) -> list[str]:
    texts = []
    for cell in run.notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            texts.append("".join(output.get("text", "")))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    texts.append("".join(value) if isinstance(value, list) else str(value))
    return texts


#: Embedded images (base64), whose letters can spell anything.
DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+")


def _seed_story_mentions(run) -> list[str]:
    return sorted({m.group(0) for text in _output_texts(run) for m in SEED_STORY.finditer(DATA_URI.sub("", text))})


@pytest.mark.notebook
def test_make_notebooks_writes_executed_copies(tmp_path, capsys):
    from helpers.cli import main

    out = tmp_path / "build"
    code = main(["notebooks", "--corpus", str(CORPORA["very-short"]), "--out", str(out), "--only", "00"])
    assert code == 0
    executed = out / "very-short" / "00-start-here.ipynb"
    assert executed.exists() and cells_with_outputs(executed)
    assert "00-start-here.ipynb" in capsys.readouterr().out


def test_make_notebooks_stops_on_a_bad_corpus_before_running_anything(make_corpus, tmp_path, capsys):
    from helpers.cli import main

    folder = make_corpus({"scan.txt": b"%PDF-1.4 binary"})
    out = tmp_path / "build"
    assert main(["notebooks", "--corpus", str(folder), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "scan.txt is a PDF" in captured.err and "no notebook was run" in captured.out
    assert not out.exists()


@pytest.mark.notebook
def test_a_failing_cell_is_named(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from helpers.notebooks import NotebookError

    path = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("1 / 0")]), path)
    with pytest.raises(NotebookError, match=r"broken.ipynb, cell 1 failed:[\s\S]*ZeroDivisionError"):
        run_notebook(path, timeout=60)


@pytest.mark.notebook
def test_an_endless_cell_is_stopped_and_named(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from helpers.notebooks import NotebookError

    path = tmp_path / "slow.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("while True: pass")]), path)
    with pytest.raises(NotebookError, match=r"slow.ipynb, cell 1: took longer than 3 s"):
        run_notebook(path, timeout=3)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stated_time_matches_the_reading_load(path):
    load = reading_load(path)
    assert load.stated_minutes, "the first cell states the time in minutes"
    assert load.stated_minutes >= load.minutes - 5, (
        f"{path.name} states {load.stated_minutes} min but asks for about {load.minutes:.0f} "
        f"({load.prose_words} words of prose, {load.code_cells} code cells, {load.tasks} tasks): trim it or state more")
    assert load.stated_minutes <= load.minutes * 1.35 + 5, f"{path.name} states far more time than it asks for"


def test_the_overview_states_the_same_times_as_the_notebooks():
    overview = "".join(json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))["cells"][1]["source"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        minutes = reading_load(path).stated_minutes
        number = path.name[:2]
        assert re.search(rf"\*\*{number} · [^|]*\|[^|]*\| {minutes} min \|", overview), f"00's table: {path.name}"
        assert re.search(rf"\[{number} · [^\]]*\]\([^)]*\) \| {minutes} min \|", readme), f"README's table: {path.name}"
