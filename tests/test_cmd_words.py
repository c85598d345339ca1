import json
import subprocess
import sys

import pytest

from helpers.cli import main
from helpers.frequency import count_words, running_words


def run(*args):
    """Run the command line in a child process, as a user would."""
    return subprocess.run([sys.executable, "-m", "helpers", *args], capture_output=True, text=True, timeout=120)


def test_json_schema_is_exactly_the_documented_one(seeds_dir, seeds, capsys):
    assert main(["words", str(seeds_dir), "--json", "--top", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"articles", "corpus"}
    assert set(data["corpus"]) == {"tokens", "top"}
    assert [row["file"] for row in data["articles"]] == [a.file for a in seeds]
    for row, article in zip(data["articles"], seeds):
        assert set(row) == {"file", "tokens", "types", "top"}
        assert row["tokens"] == running_words(article)
        assert 0 < row["types"] <= row["tokens"]
        assert len(row["top"]) == 4
        counts = count_words(article)
        for item in row["top"]:
            assert set(item) == {"word", "count", "per_1000"}
            assert item["count"] == counts[item["word"]]
            assert item["per_1000"] == round(1000 * item["count"] / row["tokens"], 2)
    assert data["corpus"]["tokens"] == sum(row["tokens"] for row in data["articles"])
    assert data["corpus"]["top"][0]["count"] == count_words(seeds).most_common(1)[0][1]


def test_keep_stopwords_and_stems_change_the_top_lists(seeds_dir, capsys):
    main(["words", str(seeds_dir), "--json", "--top", "1", "--keep-stopwords"])
    assert json.loads(capsys.readouterr().out)["corpus"]["top"][0]["word"] == "the"
    main(["words", str(seeds_dir), "--json", "--top", "40", "--stem"])
    words = [item["word"] for item in json.loads(capsys.readouterr().out)["corpus"]["top"]]
    assert "deport" in words and "deported" not in words


def test_lines_option_counts_page_furniture_only_when_asked(seeds_dir, seeds, capsys):
    main(["words", str(seeds_dir / seeds[4].file), "--json", "--top", "200", "--lines", "all"])
    everything = json.loads(capsys.readouterr().out)
    assert everything["articles"][0]["tokens"] == seeds[4].word_count + 9  # its date line and page furniture too
    assert "comment" in [item["word"] for item in everything["articles"][0]["top"]]


def test_table_output_for_a_list_of_files(seeds_dir, seeds):
    files = [str(seeds_dir / seeds[0].file), str(seeds_dir / seeds[3].file)]
    result = run("words", *files, "--top", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"{seeds[0].file} (A): {running_words(seeds[0])} running words" in out
    assert f"{seeds[3].file} (B)" in out  # labels follow the order given
    assert out.count("rank  word") == 3  # two articles and the corpus
    assert "Whole corpus (2 articles)" in out and "stopwords left out" in out
    assert "Traceback" not in result.stderr


def test_an_article_without_words_is_reported_not_crashed(make_corpus):
    folder = make_corpus({"a.txt": "Gang members met.\n", "b.txt": "!!! --- ???\n"})
    result = run("words", str(folder))
    assert result.returncode == 0, result.stderr
    assert "b.txt (B): 0 running words" in result.stdout
    assert "(no words to count)" in result.stdout


def test_other_scripts_are_counted(make_corpus, capsys):
    folder = make_corpus({"ru.txt": "Президент посетил тюрьму. Тюрьму закрыли.\n"})
    assert main(["words", str(folder), "--json"]) == 0
    top = json.loads(capsys.readouterr().out)["articles"][0]["top"]
    assert top[0] == {"word": "тюрьму", "count": 2, "per_1000": 400.0}


@pytest.mark.parametrize(
    "files, message",
    [
        ({"empty.txt": ""}, "empty.txt is empty"),
        ({"doc.txt": b"%PDF-1.4 \x00\x00"}, "doc.txt is a PDF"),
    ],
)
def test_unusable_files_give_a_message_and_exit_1(make_corpus, files, message):
    folder = make_corpus(files)
    result = run("words", str(folder))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_named(tmp_path):
    result = run("words", str(tmp_path / "absent.txt"))
    assert result.returncode == 1
    assert "absent.txt" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--top", "0"], "--top: 0 is too small"),
        (["--top", "ten"], "--top: 'ten' is not a whole number"),
        (["--lines", "footers"], "invalid choice: 'footers'"),
        (["--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_bad_options_exit_2_with_a_message(seeds_dir, args, message):
    result = run("words", str(seeds_dir), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_no_input_is_a_usage_error():
    result = run("words")
    assert result.returncode == 2
    assert "DIR_OR_FILES" in result.stderr
