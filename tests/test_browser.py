"""The notebooks as a student meets them: JupyterLab in a real (headless) browser.

For every notebook in ``notebooks/``: open it in JupyterLab, run all cells,
and check that there is no error output, that every plot and every widget
rendered, and that each widget answers an interaction (a number stepped, a
word typed, an option picked) by changing what it shows. A screenshot of
each notebook is saved in ``build/screenshots/``.

Needs Debian's ``chromium`` (``.ci/run`` installs it). Without it these
tests are skipped with a note, except in CI (``CI=true``), where a missing
browser is a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.notebooks import run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _require_browser():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = "Playwright is not installed (pip install -r requirements-dev.txt)"
    else:
        message = None if _chromium() else "no chromium on PATH (Debian: apt-get install chromium)"
    if message:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests cannot run in CI: {message}")
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A JupyterLab server on a free local port, with a token, in its own settings folder."""

    def __init__(self, workdir: Path, timeout: float = 90, root: Path = ROOT):
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.log_path = workdir / "jupyterlab.log"
        settings = workdir / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        # No news or update checks: the network is closed, and the pop-up would cover cells.
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        command = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.user_settings_dir={workdir / 'settings'}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            "--ServerApp.port_retries=0",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        env = dict(os.environ, ANNOTATION_DIR=str(workdir / "annotations"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait(timeout)

    def _wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"JupyterLab exited at start (code {self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.closed:
            self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.log.closed:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _require_browser()
    server = LabServer(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_FLAGS, timeout=60_000)
        try:
            yield instance
        finally:
            instance.close()


def _expected_outputs(path: Path) -> tuple[int, int]:
    """Run the notebook headless to learn how many images and widget views it shows."""
    run = run_notebook(path, corpus_dir=ROOT / "seeds", timeout=180)
    images = widgets = 0
    for kind in ("display_data", "execute_result"):
        for output in run.outputs_of_type(kind):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                widgets += 1
            elif "image/png" in data or "<img" in str(data.get("text/html", "")):
                images += 1
    return images, widgets


_CONTROLS = [
    ("dropdown", ".widget-dropdown select"),
    ("slider", ".widget-slider .noUi-handle, .widget-hslider .noUi-handle"),
    ("text", ".widget-text input[type=text], .widget-text input:not([type])"),
    ("number", ".widget-text input[type=number]"),
    ("toggle", ".widget-toggle-buttons button, .widget-toggle-button"),
    ("checkbox", ".widget-checkbox input[type=checkbox]"),
    ("select-multiple", ".widget-select-multiple select"),
]


def _interact(page, control, kind: str) -> None:
    if kind == "dropdown":
        options = control.evaluate("s => Array.from(s.options).map(o => o.value)")
        current = control.evaluate("s => s.value")
        choice = next((o for o in options if o != current), None)
        if choice is not None:
            control.select_option(choice)
    elif kind == "slider":
        control.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
    elif kind == "number":
        control.focus()
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
    elif kind == "text":
        control.fill("prison")
        control.press("Enter")
    elif kind == "select-multiple":
        options = control.evaluate("s => Array.from(s.options).map(o => o.value)")
        control.select_option(options[:1])
    else:
        control.click()


def _output_text(area) -> str:
    return area.evaluate("e => e.innerText + '|' + e.querySelectorAll('img').length + '|' + e.innerHTML.length")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_in_jupyterlab(lab, browser, path):
    expected_images, expected_widgets = _expected_outputs(path)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console_errors = []
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    try:
        relative = path.relative_to(ROOT).as_posix()
        page.goto(f"{lab.url}/lab/tree/{relative}?reset&token={lab.token}", timeout=90_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
        # Wait for the kernel, then Run -> Run All Cells, as a student would.
        page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=90_000,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " const cells = w.content.widgets.filter(c => c.model.type === 'code');"
            " return cells.length > 0 && cells.every(c => c.model.executionCount !== null)"
            " && w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=240_000,
        )
        assert page.locator(".jp-OutputArea-output").count() > 0, f"{path.name}: no output at all"
        # 1. no error output
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        error_texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
        assert error_texts == [], f"{path.name}: error output in the browser:\n" + "\n".join(error_texts)[:2000]
        # 2. every plot rendered, with alt text
        page.wait_for_function(
            "n => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))"
            ".filter(i => i.complete && i.naturalWidth > 0).length >= n",
            arg=expected_images,
            timeout=30_000,
        )
        images = page.locator(".jp-OutputArea-output img")
        assert images.count() >= expected_images
        for index in range(images.count()):
            assert images.nth(index).get_attribute("alt"), f"{path.name}: an image without alt text"
        # 3. every widget rendered
        views = page.locator(".jp-OutputArea-output:has(> .jupyter-widgets)")
        if expected_widgets:
            page.wait_for_function(
                "n => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= n",
                arg=expected_widgets,
                timeout=30_000,
            )
        assert views.count() == expected_widgets, f"{path.name}: {views.count()} widget views, expected {expected_widgets}"
        page_text = page.locator(".jp-Notebook").inner_text()
        assert "Error displaying widget" not in page_text
        assert "Loading widget..." not in page_text
        # 4. each widget answers an interaction
        for index in range(views.count()):
            view = views.nth(index)
            area = view.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea')][1]")
            changed = False
            tried = []
            for kind, selector in _CONTROLS:
                controls = view.locator(selector)
                if controls.count() == 0:
                    continue
                before = _output_text(area)
                view.scroll_into_view_if_needed()
                _interact(page, controls.first, kind)
                try:
                    page.wait_for_function(
                        "([e, b]) => (e.innerText + '|' + e.querySelectorAll('img').length + '|' + e.innerHTML.length) !== b",
                        arg=[area.element_handle(), before],
                        timeout=10_000,
                    )
                    changed = True
                    break
                except Exception:
                    tried.append(kind)
            if tried or changed:
                assert changed, f"{path.name}: widget {index + 1} did not change its output after {tried}"
        assert console_errors == [], f"{path.name}: JavaScript errors: {console_errors}"
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))
        context.close()


def test_a_lab_that_cannot_start_fails_clearly(tmp_path):
    """A server that exits at start gives a test failure with its log, not a hang."""
    _require_browser()
    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception) as raised:
        LabServer(tmp_path, timeout=60, root=tmp_path / "no-such-folder")
    assert time.monotonic() - started < 60
    assert "JupyterLab exited at start" in str(raised.value)
