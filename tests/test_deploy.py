"""The classroom deployment files say what the docs say."""

import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_jupyterhub_config_parses_with_limits_above_guarantees():
    config = yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "config.yaml").read_text())
    memory = config["singleuser"]["memory"]

    def megabytes(value):
        number, unit = re.fullmatch(r"([\d.]+)([MG])", value).groups()
        return float(number) * (1024 if unit == "G" else 1)

    assert megabytes(memory["limit"]) > megabytes(memory["guarantee"])
    # the limit covers the measured worst case in docs/classroom.md (about 1,150 MB)
    assert megabytes(memory["limit"]) >= 1150
    assert config["singleuser"]["defaultUrl"].endswith("notebooks/00-start-here.ipynb")


def _nbgitpuller_link():
    text = (ROOT / "docs" / "classroom.md").read_text()
    link = re.search(r"https://HUB\S+git-pull\?\S+", text).group(0)
    return urllib.parse.parse_qs(urllib.parse.urlparse(link).query)


def test_nbgitpuller_link_gives_the_student_release_and_opens_the_first_notebook():
    query = _nbgitpuller_link()
    assert query["branch"] == ["student"]
    assert query["repo"][0].startswith("https://") and query["repo"][0].endswith("-student")
    folder = query["targetpath"][0]
    assert query["urlpath"][0] == f"lab/tree/{folder}/notebooks/00-start-here.ipynb"


def test_hub_pulls_the_student_release_into_the_folder_the_link_uses():
    config = yaml.safe_load((ROOT / "deploy" / "jupyterhub" / "config.yaml").read_text())
    command = config["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller"
    url, branch, folder = command[1:]
    assert url.endswith("-student") and branch == "student"
    assert folder == _nbgitpuller_link()["targetpath"][0]
    assert config["singleuser"]["defaultUrl"] == f"/lab/tree/{folder}/notebooks/00-start-here.ipynb"


def test_images_and_binder_are_built_from_the_student_release():
    docs = (ROOT / "docs" / "classroom.md").read_text()
    config = (ROOT / "deploy" / "jupyterhub" / "config.yaml").read_text()
    builds = re.findall(r"repo2docker --no-run .*", docs + config)
    assert builds and all(b.split()[-1] == "build/student-release" for b in builds)
    binder = re.findall(r"https://mybinder\.org/v2/gh/(\S+?)/(\S+?)/(\S+?)\?", docs)
    assert binder and all(repo.endswith("-student") and branch == "student" for _, repo, branch in binder)


def _git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.edu",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.edu"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_documented_publishing_lets_nbgitpuller_update_a_students_copy(tmp_path):
    from helpers.release import build_release

    remote = tmp_path / "REPO-student.git"
    _git("init", "--bare", "-b", "student", str(remote), cwd=tmp_path)
    release = tmp_path / "build" / "student-release"
    build_release(release)
    (release / "seeds" / "README.md").unlink()  # as if this file came with a later release
    # first time, as docs/classroom.md says
    _git("init", "-b", "student", cwd=release)
    _git("add", "--all", cwd=release)
    _git("commit", "-m", "Student release", cwd=release)
    _git("remote", "add", "origin", str(remote), cwd=release)
    _git("push", "-u", "origin", "student", cwd=release)

    home = tmp_path / "home"
    home.mkdir()
    puller = [str(Path(sys.executable).parent / "gitpuller"), str(remote), "student", "news-reading"]
    subprocess.run(puller, cwd=home, check=True, capture_output=True, timeout=120)
    mine = home / "news-reading" / "exercises" / "student" / "02-word-frequencies" / "02-word-frequencies.ipynb"
    mine.write_text(mine.read_text() + " ", encoding="utf-8")  # the student's own work

    # an update, as docs/classroom.md says: build into the same folder, commit on top
    build_release(release)
    assert (release / ".git").is_dir()
    _git("add", "--all", cwd=release)
    _git("commit", "-m", "Update", cwd=release)
    _git("push", cwd=release)
    subprocess.run(puller, cwd=home, check=True, capture_output=True, timeout=120)

    assert (home / "news-reading" / "seeds" / "README.md").is_file()
    assert mine.read_text().endswith(" ")
    assert not (home / "news-reading" / "exercises" / "source").exists()


def test_binder_needs_only_the_requirements():
    lines = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert lines[0] == "-e ."
    assert (ROOT / "runtime.txt").read_text().strip().startswith("python-3")
    assert not (ROOT / "binder").exists(), "a binder/ folder would make repo2docker ignore the root files"
