import json
import subprocess
import sys

from helpers.cli import main


def run(*args):
    """Run the command line in a child process, as a user would."""
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, timeout=120)


def test_check_corpus_table_on_seeds(seeds_dir):
    result = run("check-corpus", str(seeds_dir))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["file", "label", "title", "date", "words", "warnings"]
    assert sum(".txt" in line for line in lines[2:7]) == 5
    assert "2025-03-27" in result.stdout and "OK: 5 article(s)" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_corpus_json_schema(seeds_dir, capsys):
    assert main(["check-corpus", str(seeds_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"articles", "errors"}
    assert len(data["articles"]) == 5 and data["errors"] == []
    for article in data["articles"]:
        assert set(article) >= {"file", "title", "date", "words", "warnings"}
        assert isinstance(article["words"], int) and article["words"] > 300
    assert data["articles"][4]["warnings"]  # the page furniture in E


def test_check_corpus_exit_1_and_names_the_file(make_corpus):
    folder = make_corpus({"good.txt": "An article.", "broken.txt": b"%PDF-1.4 \x00\x00"})
    result = run("check-corpus", str(folder))
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "PDF" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("check-corpus", str(folder), "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert data["errors"][0]["file"] == "broken.txt"


def test_check_corpus_missing_folder(tmp_path, capsys):
    assert main(["check-corpus", str(tmp_path / "absent")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "check-corpus" in capsys.readouterr().out


def test_check_corpus_does_not_list_companion_files_as_skipped(seeds_dir):
    result = run("check-corpus", str(seeds_dir))
    assert (seeds_dir / "README.md").exists() and (seeds_dir / "metadata.csv").exists()
    assert "skipped" not in result.stdout and "README.md" not in result.stdout


def test_check_corpus_lists_a_pipe_as_skipped_without_waiting_on_it(make_corpus):
    import os

    folder = make_corpus({"a.txt": "An article."})
    os.mkfifo(folder / "pipe.txt")
    result = run("check-corpus", str(folder))  # run() gives up after 120 s
    assert result.returncode == 0
    assert "warning: pipe.txt: skipped: a named pipe (FIFO)" in result.stdout
