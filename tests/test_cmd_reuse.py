"""``python -m helpers reuse``: text and JSON output, and bad input."""

import json
import subprocess
import sys

import pytest

from helpers.cli import main
from helpers.reuse import compare_corpus, reports_to_json

PARAGRAPH = "The town council voted on Tuesday night to close the Eastside branch library by the end of June."


def run(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "reuse", *args], capture_output=True, text=True, timeout=120)


def test_json_on_the_harbor_corpus_matches_the_module(harbor_dir, harbor, capsys):
    assert main(["reuse", str(harbor_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(reports_to_json(compare_corpus(harbor))))
    containment = [pair["containment"] for pair in data["pairs"]]
    assert containment == sorted(containment, reverse=True)
    first = data["pairs"][0]
    text = (harbor_dir / first["a"]).read_text(encoding="utf-8")
    passage = first["passages"][0]
    assert text[passage["a_start"] : passage["a_end"]].startswith("The town council voted 5-2")


def test_offsets_index_the_file_as_stored_with_bom_and_crlf(make_corpus, capsys):
    folder = make_corpus(
        {
            "messy.txt": f"\ufeffBy Dana Ortiz\r\n| Updated May 2, 2025\r\nA headline\r\nFirst, {PARAGRAPH}\r\n".encode("utf-8"),
            "clean.txt": f"Another headline\n{PARAGRAPH} More news follows.\n",
        }
    )
    assert main(["reuse", str(folder), "--json"]) == 0
    [pair] = json.loads(capsys.readouterr().out)["pairs"]
    texts = {name: (folder / name).read_bytes().decode("utf-8") for name in ("messy.txt", "clean.txt")}
    [passage] = pair["passages"]
    assert texts[pair["a"]][passage["a_start"] : passage["a_end"]] == PARAGRAPH.rstrip(".")
    assert texts[pair["b"]][passage["b_start"] : passage["b_end"]] == PARAGRAPH.rstrip(".")


def test_text_output_on_the_seeds(seeds_dir):
    result = run(str(seeds_dir), "--top", "1")
    assert result.returncode == 0, result.stderr
    assert "Compared 5 articles (10 pairs)" in result.stdout
    assert "The recent collaboration between the U.S. and El Salvador" in result.stdout
    assert "Traceback" not in result.stderr


def test_options_change_the_search(seeds_dir, capsys):
    assert main(["reuse", str(seeds_dir), "--json", "--min-words", "5", "--no-paraphrases"]) == 0
    loose = json.loads(capsys.readouterr().out)["pairs"]
    assert main(["reuse", str(seeds_dir), "--json"]) == 0
    strict = json.loads(capsys.readouterr().out)["pairs"]
    assert sum(len(p["passages"]) for p in loose) > sum(len(p["passages"]) for p in strict)
    assert all(p["paraphrases"] == [] for p in loose)


def test_a_list_of_files_and_identical_copies(make_corpus, capsys):
    folder = make_corpus({"one.txt": PARAGRAPH, "two.txt": PARAGRAPH})
    assert main(["reuse", str(folder / "one.txt"), str(folder / "two.txt"), "--json"]) == 0
    [pair] = json.loads(capsys.readouterr().out)["pairs"]
    assert (pair["a"], pair["b"], pair["containment"], pair["jaccard"]) == ("one.txt", "two.txt", 1.0, 1.0)


@pytest.mark.parametrize(
    "files, message",
    [
        ({"only.txt": PARAGRAPH}, "only one article"),
        ({"empty.txt": "", "other.txt": PARAGRAPH}, "empty.txt is empty"),
    ],
)
def test_too_few_articles_get_a_clear_message(make_corpus, files, message):
    result = run(str(make_corpus(files)))
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_short_articles_get_a_note(make_corpus):
    result = run(str(make_corpus({"short.txt": "Three words here.", "long.txt": PARAGRAPH})))
    assert result.returncode == 0
    assert "short.txt has 3 words" in result.stderr
    assert "No pair shares" in result.stdout


def test_duplicated_file_names_are_refused(make_corpus):
    folder = make_corpus({"a.txt": PARAGRAPH})
    result = run(str(folder / "a.txt"), str(folder / "a.txt"))
    assert result.returncode == 1
    assert "a.txt" in result.stderr and "more than once" in result.stderr


@pytest.mark.parametrize("option", [["--n", "0"], ["--min-words", "x"], ["--paraphrase-threshold", "2"], ["--winnow", "1"]])
def test_bad_options_are_usage_errors(seeds_dir, option):
    result = run(str(seeds_dir), *option)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and option[0] in result.stderr


def test_missing_folder(tmp_path):
    result = run(str(tmp_path / "absent"))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_winnowed_index_agrees_on_long_passages(harbor_dir, capsys):
    assert main(["reuse", str(harbor_dir), "--json", "--winnow", "3"]) == 0
    winnowed = json.loads(capsys.readouterr().out)["pairs"]
    assert main(["reuse", str(harbor_dir), "--json"]) == 0
    full = json.loads(capsys.readouterr().out)["pairs"]
    assert winnowed[0] == full[0]


def test_large_corpus_note_and_all_paraphrases_switch(harbor_dir, monkeypatch, capsys):
    from helpers import reuse

    monkeypatch.setattr(reuse, "PARAPHRASE_ALL_WORDS", 10)
    assert main(["reuse", str(harbor_dir), "--json"]) == 0
    captured = capsys.readouterr()
    assert "only between articles that share a passage" in captured.err
    related = json.loads(captured.out)["pairs"]
    assert all(pair["passages"] for pair in related)  # the pair with only a paraphrase is not searched
    assert main(["reuse", str(harbor_dir), "--json", "--all-paraphrases"]) == 0
    everything = json.loads(capsys.readouterr().out)["pairs"]
    assert len(everything) > len(related)
