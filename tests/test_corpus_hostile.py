"""A corpus folder is input from a stranger: each way it could hurt, and what happens instead."""

import json
import os
import signal
from contextlib import contextmanager

import pytest

from helpers.cli import main
from helpers.corpus import (
    ArticleError,
    CorpusError,
    find_entities,
    load_corpus,
    read_article,
    read_corpus,
    read_metadata,
    safe_name,
    unescape_entities,
)

ARTICLE = "Harbor Roof Repair Delayed\nThe council voted on Tuesday to delay the repair of the harbor roof.\n"


@contextmanager
def deadline(seconds=10):
    """Fail instead of hanging forever (opening a pipe for reading would wait for a writer)."""

    def stop(signum, frame):
        raise TimeoutError(f"took more than {seconds} s: something waited on a pipe")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def messages(corpus, severity=None):
    return {p.file: p.message for p in corpus.problems if severity in (None, p.severity)}


# --- links are refused, never followed --------------------------------------


def test_symlink_to_a_file_outside_is_refused_and_never_read(make_corpus, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = make_corpus({"a.txt": ARTICLE})
    (folder / "leak.txt").symlink_to(secret)
    corpus = read_corpus(folder)
    errors = messages(corpus, "error")
    assert "symbolic link" in errors["leak.txt"] and "refused" in errors["leak.txt"]
    assert errors["leak.txt"].startswith("leak.txt")
    assert [a.file for a in corpus] == ["a.txt"]
    assert all("root:x" not in a.text for a in corpus)
    with pytest.raises(CorpusError, match="leak.txt is a symbolic link"):
        load_corpus(folder)
    assert [a.file for a in load_corpus(folder, skip_bad=True)] == ["a.txt"]


def test_symlink_inside_the_folder_is_refused_too(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE})
    (folder / "b.txt").symlink_to(folder / "a.txt")
    errors = messages(read_corpus(folder), "error")
    assert set(errors) == {"b.txt"} and "symbolic link" in errors["b.txt"]
    with pytest.raises(ArticleError, match="symbolic link"):
        read_article(folder / "b.txt")


def test_symlinked_metadata_is_ignored(make_corpus, tmp_path):
    outside = tmp_path / "other.csv"
    outside.write_text("file,headline\na.txt,Planted Headline\n")
    folder = make_corpus({"a.txt": ARTICLE})
    (folder / "metadata.csv").symlink_to(outside)
    corpus = read_corpus(folder)
    assert corpus[0].title == "Harbor Roof Repair Delayed"
    assert "symbolic link" in messages(corpus, "warning")["metadata.csv"]


# --- what is not an article is listed with the reason ----------------------


def test_fifo_is_listed_as_skipped_and_never_opened(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE})
    os.mkfifo(folder / "pipe.txt")
    with deadline():
        corpus = read_corpus(folder)
        with pytest.raises(ArticleError, match="named pipe"):
            read_article(folder / "pipe.txt")
    assert "skipped" in messages(corpus, "warning")["pipe.txt"]
    assert "named pipe" in messages(corpus, "warning")["pipe.txt"]
    assert corpus.labels == ["A"]


def test_device_is_refused_without_reading():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    with pytest.raises(ArticleError, match="a device"):
        read_article("/dev/null")


def test_directory_named_txt_is_listed_as_skipped(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE})
    (folder / "x.txt").mkdir()
    corpus = read_corpus(folder)
    assert "a folder" in messages(corpus, "warning")["x.txt"]
    assert [a.file for a in corpus] == ["a.txt"]


def test_file_without_extension_and_other_files_are_listed_as_skipped(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE, "article": ARTICLE, "notes.docx": b"PK\x03\x04", ".DS_Store": b"\x00"})
    warnings = messages(read_corpus(folder), "warning")
    assert "no extension" in warnings["article"] and "rename it to end in .txt" in warnings["article"]
    assert "not a .txt file" in warnings["notes.docx"]
    assert "hidden" in warnings[".DS_Store"]


def test_companion_files_are_not_reported_as_skipped(make_corpus):
    folder = make_corpus(
        {
            "a.txt": ARTICLE,
            "README.md": "# The story\n\nBackground.\n",
            "provenance.json": "{}",
            "metadata.csv": "file,headline\na.txt,A Headline\n",
        }
    )
    corpus = read_corpus(folder)
    assert [p for p in corpus.problems if p.file != "a.txt"] == []
    assert corpus[0].title == "A Headline"


def test_folder_with_only_things_that_are_not_articles_says_what_they_are(make_corpus):
    folder = make_corpus({"README.md": "# Story\n"})
    (folder / "x.txt").mkdir()
    with pytest.raises(CorpusError, match=r"no \.txt files \(found: README\.md \(a file\), x\.txt \(a folder\)\)"):
        load_corpus(folder)


# --- file names cannot drive the terminal or forge a table row -------------

HOSTILE_NAMES = {
    "escape": "\x1b[2J\x1b[31mred.txt",
    "bidi": "report\u202etxt.exe.txt",
    "newline": "fake\n| forged | row |.txt",
    "control": "bell\x07tab\there.txt",
}


@pytest.mark.parametrize(
    "name, shown",
    [
        ("plain name.txt", "plain name.txt"),
        ("café – ünïcode.txt", "café – ünïcode.txt"),
        (HOSTILE_NAMES["escape"], "\\x1b[2J\\x1b[31mred.txt"),
        (HOSTILE_NAMES["bidi"], "report\\u202etxt.exe.txt"),
        (HOSTILE_NAMES["newline"], "fake\\n| forged | row |.txt"),
        (HOSTILE_NAMES["control"], "bell\\x07tab\\there.txt"),
        ("line\u2028sep\u2029.txt", "line\\u2028sep\\u2029.txt"),
        ("not-utf8-\udcff.txt", "not-utf8-\\udcff.txt"),
        ("tag\U000e0041.txt", "tag\\U000e0041.txt"),
    ],
)
def test_safe_name_escapes_what_could_drive_a_terminal(name, shown):
    assert safe_name(name) == shown
    assert safe_name(shown) == shown  # already safe: unchanged


def _unsafe_characters(text):
    return [ch for ch in text if ch not in "\n" and safe_name(ch) != ch]


def test_hostile_names_through_check_corpus_table_warnings_and_errors(make_corpus, capsys):
    files = {name: ARTICLE for name in HOSTILE_NAMES.values()}
    files["bad\x1b]0;title\x07.txt"] = b"%PDF-1.4 binary"  # an error line names it
    files["\u202eno-extension"] = "x"  # a skipped entry names it
    folder = make_corpus(files)
    assert main(["check-corpus", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert _unsafe_characters(out) == [] and _unsafe_characters(err) == []
    assert "\\x1b[2J\\x1b[31mred.txt" in out
    assert "report\\u202etxt.exe.txt" in out
    assert "fake\\n| forged | row |.txt" in out
    assert "bad\\x1b]0;title\\x07.txt" in err and "PDF" in err
    assert "\\u202eno-extension" in out and "no extension" in out
    assert not any(line.startswith("| forged") for line in (out + err).splitlines())


def test_hostile_names_through_check_corpus_json_are_escaped_but_mean_the_same(make_corpus, capsys):
    folder = make_corpus({name: ARTICLE for name in HOSTILE_NAMES.values()})
    assert main(["check-corpus", str(folder), "--json"]) == 0
    out = capsys.readouterr().out
    assert _unsafe_characters(out) == []
    data = json.loads(out)
    assert sorted(a["file"] for a in data["articles"]) == sorted(HOSTILE_NAMES.values())


def test_hostile_names_in_a_load_error(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE, "\x1b[31mempty.txt": ""})
    with pytest.raises(CorpusError) as raised:
        load_corpus(folder)
    assert "\\x1b[31mempty.txt is empty" in str(raised.value)
    assert "\x1b" not in str(raised.value)


# --- metadata.csv --------------------------------------------------------------


def test_huge_metadata_is_not_read(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE})
    with open(folder / "metadata.csv", "wb") as handle:
        handle.write(b"file,headline\na.txt,Never Read\n")
        handle.seek(10_000_001)
        handle.write(b"\n")
    corpus = read_corpus(folder)
    assert corpus[0].title == "Harbor Roof Repair Delayed"
    message = messages(corpus, "warning")["metadata.csv"]
    assert "10.0 MB" in message and "10 MB limit" in message and "ignored" in message
    rows, problems = read_metadata(folder, ["a.txt"], max_bytes=100)
    assert rows == {} and "limit" in problems[0].message


def test_unterminated_quote_is_reported_with_its_line_and_the_rest_is_read(make_corpus):
    csv_text = 'file,headline\na.txt,"An open quote\nb.txt,Second Headline\nc.txt,Third Headline\n'
    folder = make_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE, "metadata.csv": csv_text})
    rows, problems = read_metadata(folder, ["a.txt", "b.txt", "c.txt"])
    assert [p.message for p in problems] == [
        'line 2 opens a quotation mark (") that is never closed; that row is ignored. '
        "Close the quotation mark, or remove it."
    ]
    assert rows["b.txt"]["headline"] == "Second Headline" and rows["c.txt"]["headline"] == "Third Headline"
    assert "a.txt" not in rows


def test_quote_closed_many_lines_later_does_not_swallow_the_rows_between(make_corpus):
    csv_text = 'file,headline\na.txt,"Open\nb.txt,Kept\nc.txt,"Closed" late\n'
    folder = make_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE, "metadata.csv": csv_text})
    rows, problems = read_metadata(folder, ["a.txt", "b.txt", "c.txt"])
    assert any("line 2" in p.message and "quotation mark" in p.message for p in problems)
    assert rows["b.txt"]["headline"] == "Kept"


def test_a_quoted_value_over_two_lines_is_still_one_value(make_corpus):
    csv_text = 'file,notes\na.txt,"first line\nsecond line"\n'
    folder = make_corpus({"a.txt": ARTICLE, "metadata.csv": csv_text})
    rows, problems = read_metadata(folder, ["a.txt"])
    assert problems == [] and rows["a.txt"]["notes"] == "first line\nsecond line"


# --- identical files, HTML entities -----------------------------------------


def test_byte_identical_files_are_named(make_corpus):
    folder = make_corpus({"a.txt": ARTICLE, "b.txt": ARTICLE, "c.txt": ARTICLE + "More.\n"})
    corpus = read_corpus(folder)
    warnings = [p for p in corpus.warnings if "same bytes" in p.message]
    assert [(p.file, "a.txt" in p.message) for p in warnings] == [("b.txt", True)]
    assert len(corpus) == 3  # both copies are still loaded


def test_identical_files_through_check_corpus(make_corpus, capsys):
    folder = make_corpus({"a.txt": ARTICLE, "copy.txt": ARTICLE})
    assert main(["check-corpus", str(folder)]) == 0
    assert "warning: copy.txt: has the same bytes as a.txt" in capsys.readouterr().out


def test_html_entities_are_flagged_and_kept_unless_decoding_is_asked_for(make_corpus):
    text = "A Pr&#233;cis of the Vote\nThe council&#8217;s vote was a pr&eacute;cis of AT&amp;T&#x27;s view.\n"
    folder = make_corpus({"a.txt": text})
    kept = load_corpus(folder)[0]
    assert kept.text == text
    (warning,) = [w for w in kept.warnings if "HTML entit" in w]
    assert "5 HTML entities" in warning and "&#233; (é)" in warning and "decode_entities=True" in warning
    decoded = load_corpus(folder, decode_entities=True)[0]
    assert decoded.title == "A Précis of the Vote"
    assert "council’s vote was a précis of AT&T's view." in decoded.text
    assert not any("left from a web page" in w for w in decoded.warnings)
    assert any("5 HTML entities" in w and "decoded" in w for w in decoded.warnings)


def test_entities_through_check_corpus(make_corpus, capsys):
    folder = make_corpus({"a.txt": ARTICLE + "A pr&#233;cis.\n"})
    assert main(["check-corpus", str(folder)]) == 0
    assert "1 HTML entity left from a web page" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, found, unescaped",
    [
        ("pr&#233;cis", ["&#233;"], "précis"),
        ("AT&T and R&D & co", [], "AT&T and R&D & co"),
        ("&notanentity; &amp;", ["&amp;"], "&notanentity; &"),
        ("&#x1F600;", ["&#x1F600;"], "\U0001f600"),
        ("&lt;b&gt;", ["&lt;", "&gt;"], "<b>"),
    ],
)
def test_find_and_unescape_entities(text, found, unescaped):
    assert find_entities(text) == found
    assert unescape_entities(text) == unescaped


@pytest.mark.parametrize("command", [["words"], ["sources", "--explain", "--near-misses"], ["reuse", "--top", "5"]])
def test_hostile_names_and_text_through_every_command_are_escaped(make_corpus, capsys, command):
    shared = "The council voted on Tuesday to close the Eastside branch library by the end of June this year."
    files = {name: f"Headline {i}\n“We had no choice,” Mayor Ruth Okafor said.\n{shared}\x1b[2J\n"
             for i, name in enumerate(HOSTILE_NAMES.values())}
    folder = make_corpus(files)
    main([command[0], str(folder), *command[1:]])
    out, err = capsys.readouterr()
    assert _unsafe_characters(out) == [] and _unsafe_characters(err) == [], command
    assert "red.txt" in out
