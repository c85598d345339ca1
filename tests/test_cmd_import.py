"""python -m helpers import: what it prints, its exit codes, and no traceback on bad input."""

from pathlib import Path

from helpers.cli import main

PAGES = Path(__file__).parent / "data" / "import_pages" / "pages"


def test_import_prints_each_source_and_the_check_corpus_summary(tmp_path, capsys):
    code = main(["import", str(PAGES / "harbor-ledger.html"), str(PAGES / "metro-wire.mhtml"), "-o", str(tmp_path / "c")])
    out = capsys.readouterr().out
    assert code == 0
    assert "imported  " in out and "→ harbor-commission-votes-to-dredge-north-channel.txt" in out
    assert "2 article(s) imported, 0 skipped, 0 problem(s)" in out
    assert "OK: 2 article(s) ready to use." in out


def test_import_prints_the_column_mapping_of_a_table(tmp_path, capsys):
    table = tmp_path / "a.csv"
    table.write_text("Title,Full_Text\nRoof vote,The school board voted on Tuesday to repair the roof of the high school before winter arrives.\n", encoding="utf-8")
    assert main(["import", str(table), "-o", str(tmp_path / "c")]) == 0
    assert "columns   " + str(table) + ": text ← 'Full_Text', headline ← 'Title'" in capsys.readouterr().out


def test_bad_sources_give_one_message_each_exit_1_and_no_traceback(tmp_path, capsys):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code = main(["import", str(tmp_path / "empty.html"), str(tmp_path / "x.csv"), str(tmp_path / "gone.mht"), "-o", str(tmp_path / "c")])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert "empty.html" in errors[0] and "x.csv has no column" in errors[1] and "gone.mht" in errors[2]
    assert "Traceback" not in captured.out + captured.err
    assert "NOT USABLE" in captured.out


def test_an_output_that_is_a_file_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    assert main(["import", str(PAGES / "harbor-ledger.html"), "-o", str(blocker)]) == 1
    captured = capsys.readouterr()
    assert "cannot write there" in captured.err and "Traceback" not in captured.err
