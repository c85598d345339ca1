"""Fixtures shared by the tests: the seed corpus, the second corpus, file makers."""

from pathlib import Path

import pytest

from helpers.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
HARBOR = ROOT / "tests" / "corpora" / "harbor"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def harbor_dir() -> Path:
    return HARBOR


@pytest.fixture(scope="session")
def seeds():
    """The five seed articles, loaded once."""
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def harbor():
    """The second corpus (an invented story about a library closing)."""
    return load_corpus(HARBOR)


@pytest.fixture
def make_corpus(tmp_path):
    """Write files into a fresh folder: make_corpus({"a.txt": "text" or b"bytes"})."""

    def make(files: dict, folder: str = "corpus") -> Path:
        target = tmp_path / folder
        target.mkdir(exist_ok=True)
        for name, content in files.items():
            path = target / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        return target

    return make
