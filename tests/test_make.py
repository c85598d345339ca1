"""The two commands of the README, as a user types them."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.notebook
def test_make_lab_opens_jupyterlab_at_the_first_notebook(tmp_path):
    port, token = _free_port(), secrets.token_hex(8)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path))
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"ARGS=--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    opener = urllib.request.build_opener(_NoRedirect)
    location = None
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                opener.open(f"http://127.0.0.1:{port}/?token={token}", timeout=2)
            except urllib.error.HTTPError as error:  # the redirect we asked not to follow
                location = error.headers.get("Location")
                break
            except OSError:
                time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode(errors="replace")
    assert location is not None, f"JupyterLab did not answer:\n{output[-2000:]}"
    assert location.startswith("/lab/tree/notebooks/00-start-here.ipynb")


def test_make_help_lists_the_commands():
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for target in ("make lab", "make test", "make notebooks", "make bench", "make strip"):
        assert target in result.stdout


def test_ci_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme and "pip install -r requirements.txt" in readme
