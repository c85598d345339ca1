import subprocess
import sys
from html.parser import HTMLParser

from helpers.cli import main


def sections(page):
    class Count(HTMLParser):
        found = 0

        def handle_starttag(self, tag, attrs):
            if tag == "section" and ("class", "article") in attrs:
                Count.found += 1

    Count().feed(page)
    return Count.found


def test_report_of_the_seeds_as_a_user_runs_it(seeds_dir, tmp_path):
    output = tmp_path / "report.html"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(seeds_dir), "-o", str(output)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "5 articles" in result.stdout
    assert "Traceback" not in result.stderr
    page = output.read_text(encoding="utf-8")
    assert sections(page) == 5


def test_report_to_standard_output_and_a_list_of_files(harbor_dir, capsys):
    files = [str(harbor_dir / "a_wire.txt"), str(harbor_dir / "b_local.txt")]
    assert main(["report", *files, "-o", "-", "--title", "Two files", "--passages", "1"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "<title>Two files</title>" in page
    assert sections(page) == 2


def test_a_missing_folder_is_named_and_nothing_is_written(tmp_path, capsys):
    output = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "absent"), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "absent" in err and ("no such file" in err or "does not exist" in err)
    assert not output.exists()


def test_a_broken_article_is_named(make_corpus, tmp_path, capsys):
    folder = make_corpus({"good.txt": "An article of some words.", "broken.txt": b"%PDF-1.4 \x00\x00"})
    assert main(["report", str(folder), "-o", str(tmp_path / "r.html")]) == 1
    assert "broken.txt" in capsys.readouterr().err


def test_the_report_never_overwrites_an_article_or_another_file(make_corpus, tmp_path, capsys):
    folder = make_corpus({"a.txt": "Over 250 men left.", "b.txt": "They left on Tuesday."})
    article = folder / "a.txt"
    assert main(["report", str(folder), "-o", str(article)]) == 1
    assert article.read_text(encoding="utf-8") == "Over 250 men left."
    notes = tmp_path / "notes.md"
    notes.write_text("mine", encoding="utf-8")
    assert main(["report", str(folder), "-o", str(notes)]) == 1
    assert notes.read_text(encoding="utf-8") == "mine"
    err = capsys.readouterr().err
    assert "article of the corpus" in err and "--force" in err
    assert main(["report", str(folder), "-o", str(notes), "--force"]) == 0
    assert notes.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_options_get_a_message(make_corpus, tmp_path, capsys):
    folder = make_corpus({"a.txt": "Over 250 men left."})
    assert main(["report", str(folder), "-o", str(tmp_path / "no" / "r.html")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", str(folder), "-o", str(tmp_path), "--claims", "3"]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["report", str(folder), "-o", str(tmp_path / "r.html"), "--passages", "-1"]) == 1
    assert "--passages" in capsys.readouterr().err
