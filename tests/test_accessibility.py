"""Accessibility of what the project renders, checked with axe-core in headless Chromium.

Two kinds of page are checked:

* the report of ``python -m helpers report`` on the seed articles;
* every notebook, executed on the seeds and exported to HTML with nbconvert,
  its widgets drawn by the Jupyter widget manager from the state saved
  while it ran (as a reader of the exported page sees them).

axe-core (https://github.com/dequelabs/axe-core) runs in the page and lists
what breaks the WCAG rules it knows. A page passes when nothing serious or
critical comes from the project's content. Besides, no table header may be
empty, the report needs a ``main`` landmark, and a chart's description must
be read once, not twice.

What nbconvert's template adds around the content (prompts, the colours of
code and of tracebacks) is not the project's and is left out by the
selectors in ``TEMPLATE``, each with its reason. A deliberately broken page
shows that the check still reports what it should.

Needs Debian's ``chromium`` and ``npm ci`` (``make install``) for axe-core
and the widget manager in ``node_modules/``. Without them these tests are
skipped with a note, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WIDGET_MANAGER = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js"
REQUIRE_JS = NODE_MODULES / "requirejs" / "require.js"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
SERIOUS = ("serious", "critical")
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
CONTROLS = ".jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets textarea, .jupyter-widgets button"

#: Parts of an exported notebook that nbconvert's template makes, not the project.
TEMPLATE = [
    # "In [3]:" and "Out[3]:": the lab template's grey prompts fall below 4.5:1 (color-contrast).
    ".jp-InputPrompt",
    ".jp-OutputPrompt",
    # Code cells coloured by the template's Pygments theme (keywords such as `in` fail color-contrast).
    ".jp-InputArea-editor",
    # Tracebacks and warnings: the template's ANSI colours on its pink stderr background (color-contrast).
    # Whether a notebook runs without errors is tests/test_notebooks.py's concern.
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
]

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _require(*files: Path) -> None:
    """Skip (fail in CI) with a note when the browser or a file from npm is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = "Playwright is not installed (pip install -r requirements-dev.txt)"
    else:
        message = None if _chromium() else "no chromium on PATH (Debian: apt-get install chromium)"
    missing = [str(f.relative_to(ROOT)) for f in files if not f.is_file()]
    if message is None and missing:
        where = "npm is not installed (Debian: apt-get install npm), then" if not shutil.which("npm") else "run"
        message = f"{', '.join(missing)} missing: {where} `make install` (npm ci)"
    if message:
        if os.environ.get("CI"):
            pytest.fail(f"Accessibility tests cannot run in CI: {message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _require(AXE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS, timeout=60_000)
        try:
            yield instance
        finally:
            instance.close()


class Audit:
    """What axe-core found on one page, and the page itself for further checks."""

    def __init__(self, page, violations: list[dict]):
        self.page = page
        self.violations = violations

    def serious(self) -> list[dict]:
        return [v for v in self.violations if v["impact"] in SERIOUS]

    def rules(self) -> dict[str, int]:
        """``{"impact rule-id": nodes}``, to print in a failure."""
        return {f"{v['impact']} {v['id']}": len(v["nodes"]) for v in self.violations}

    def explain(self, violations: list[dict]) -> str:
        lines = []
        for v in violations:
            lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])})")
            lines += [f"    {node['target']} {node['html'][:160]}" for node in v["nodes"][:5]]
        return "\n".join(lines)


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # Nothing leaves the machine: the template's links to MathJax and the like are cut.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort())
    page.goto(path.as_uri(), wait_until="load")
    return page


def _audit(page, exclude: list[str] = ()) -> Audit:
    page.add_script_tag(path=str(AXE))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    result = page.evaluate(
        "async (context) => await axe.run(context || document, {resultTypes: ['violations']})", context
    )
    return Audit(page, result["violations"])


def _in_outputs(audit: Audit, rule: str) -> list[str]:
    """Where a rule failed inside code-cell outputs (what the helpers render)."""
    found = []
    for violation in audit.violations:
        if violation["id"] != rule:
            continue
        for node in violation["nodes"]:
            inside = audit.page.evaluate(
                "t => { const e = document.querySelector(t); return !!(e && e.closest('.jp-OutputArea-output')); }",
                node["target"][0],
            )
            if inside:
                found.append(f"{node['target']} {node['html'][:120]}")
    return found


_READ_TWICE = """() => Array.from(document.querySelectorAll('figure')).filter(figure => {
    const image = figure.querySelector('img[alt]');
    if (!image || !image.alt.trim()) return false;
    const heard = figure.cloneNode(true);
    heard.querySelectorAll('[aria-hidden="true"], img').forEach(e => e.remove());
    return heard.textContent.includes(image.alt.trim());
}).map(figure => figure.querySelector('img').alt.slice(0, 80))"""


# ---------------------------------------------------------------------------
# The check itself
# ---------------------------------------------------------------------------


def test_a_page_with_faults_is_reported(browser, tmp_path):
    """The audit is not blind: an image without alt, an unnamed slider and an empty header are found."""
    page_file = tmp_path / "faulty.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>faulty</title></head><body><main>'
        '<div class="jp-OutputArea-output"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<div role="slider" tabindex="0" aria-valuenow="3" aria-valuemin="0" aria-valuemax="9"></div>'
        "<table><thead><tr><th></th><th>n</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>"
        '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="Two bars."><figcaption>Two bars.</figcaption></figure>'
        "</div></main></body></html>",
        encoding="utf-8",
    )
    page = _open(browser, page_file)
    try:
        audit = _audit(page, TEMPLATE)
        serious = {v["id"] for v in audit.serious()}
        assert {"image-alt", "aria-input-field-name"} <= serious, audit.rules()
        assert len(_in_outputs(audit, "empty-table-header")) == 1
        assert page.evaluate(_READ_TWICE) == ["Two bars."]
    finally:
        page.close()


def test_template_exclusions_do_not_hide_cell_outputs(browser, tmp_path):
    """A fault inside an output is found even when the output sits in a cell whose prompt is excluded."""
    page_file = tmp_path / "cell.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>cell</title></head><body><main><div class="jp-Cell">'
        '<div class="jp-OutputPrompt">Out[1]:</div>'
        '<div class="jp-OutputArea-output"><select><option>a</option></select></div>'
        "</div></main></body></html>",
        encoding="utf-8",
    )
    page = _open(browser, page_file)
    try:
        assert "select-name" in {v["id"] for v in _audit(page, TEMPLATE).serious()}
    finally:
        page.close()


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, seeds_dir):
    output = tmp_path_factory.mktemp("report") / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(seeds_dir), "-o", str(output)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return output


def test_the_report_passes_axe(browser, report_file):
    page = _open(browser, report_file)
    try:
        audit = _audit(page)
        # Not only serious ones: the report is all ours, so nothing at all.
        assert audit.violations == [], audit.explain(audit.violations)
        assert page.locator("main").count() == 1
        assert page.locator("th").evaluate_all("cells => cells.filter(c => !c.textContent.trim()).length") == 0
    finally:
        page.close()


def test_containment_shading_keeps_text_readable(browser, tmp_path):
    """Every shade of the reuse matrix, from 0 to 1, with its number on it, passes color-contrast."""
    from helpers.report import _shade

    cells = "".join(f'<td style="{_shade(v / 100)}">{v / 100:.2f}</td>' for v in range(0, 101))
    page_file = tmp_path / "shades.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>shades</title></head><body><main><h1>Shades</h1>'
        f"<table><caption>shades</caption><tbody><tr>{cells}</tr></tbody></table></main></body></html>",
        encoding="utf-8",
    )
    page = _open(browser, page_file)
    try:
        audit = _audit(page)
        assert audit.violations == [], audit.explain(audit.violations)
    finally:
        page.close()


def test_the_report_shows_article_markup_as_text(browser, make_corpus, tmp_path):
    """Bad input: markup in an article, its file name and its headline is shown, never run."""
    attack = '<img src="x" onerror="window.ran = 1"><script>window.ran = 2</script>'
    folder = make_corpus(
        {
            "a.txt": f"Headline: Council {attack}\n\nThe council said {attack} it would close 3 libraries.",
            "b.txt": f"The council said {attack} it would close 3 libraries, critics say.",
        }
    )
    output = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(folder), "-o", str(output)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = _open(browser, output)
    try:
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.ran") is None
        assert page.locator("img, script").count() == 0
        assert "<script>window.ran = 2</script>" in page.locator("main").inner_text()
        assert _audit(page).serious() == []
    finally:
        page.close()


# ---------------------------------------------------------------------------
# The notebooks, exported to HTML
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory, seeds_dir):
    """Execute a notebook on the seeds and export it to HTML, once per notebook and module."""
    folder = tmp_path_factory.mktemp("exported")
    made: dict[str, Path] = {}

    def export(path: Path) -> Path:
        if path.name not in made:
            import nbformat
            from nbconvert import HTMLExporter

            from helpers.notebooks import run_notebook

            executed = folder / path.name
            # Errors stay in the page (test_notebooks.py fails on them); here only what is shown counts.
            run_notebook(path, corpus_dir=seeds_dir, timeout=300, output_path=executed, allow_errors=True,
                         extra_env={"ANNOTATION_DIR": str(folder / "annotations")})
            exporter = HTMLExporter()
            exporter.require_js_url = REQUIRE_JS.as_uri()
            exporter.widget_renderer_url = WIDGET_MANAGER.as_uri()
            body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
            target = executed.with_suffix(".html")
            target.write_text(body, encoding="utf-8")
            made[path.name] = target
        return made[path.name]

    return export


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exported_notebook_passes_axe(browser, exported, path):
    _require(AXE, WIDGET_MANAGER, REQUIRE_JS)
    page = _open(browser, exported(path))
    try:
        views = page.locator(WIDGET_VIEW).count()
        if views:
            # The widget manager draws each view in a box beside its script: wait for all of them.
            page.wait_for_function(
                "selector => Array.from(document.querySelectorAll(selector)).every("
                "script => script.parentElement.querySelector('.widget-subarea .jupyter-widgets'))",
                arg=WIDGET_VIEW,
                timeout=60_000,
            )
            page.wait_for_timeout(500)
            assert page.locator(CONTROLS).count() > 0, f"{path.name}: widgets were not drawn"
        audit = _audit(page, TEMPLATE)
        serious = audit.serious()
        assert serious == [], f"{path.name}: {audit.rules()}\n{audit.explain(serious)}"
        empty_headers = _in_outputs(audit, "empty-table-header")
        assert empty_headers == [], f"{path.name}: output tables with an empty header: {empty_headers}"
        assert page.evaluate(_READ_TWICE) == [], f"{path.name}: a chart description is read twice"
    finally:
        page.close()
