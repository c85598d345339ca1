import hashlib
import os

import pytest

from helpers.corpus import (
    ArticleError,
    CorpusError,
    article_from_text,
    decode_article,
    default_corpus_dir,
    load_corpus,
    read_article,
    read_corpus,
    read_metadata,
)


def snapshot(folder):
    """File name → (size, hash), to prove nothing on disk changed."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# --- the seeds -------------------------------------------------------------


def test_seeds_load_with_labels_and_metadata(seeds):
    assert seeds.labels == ["A", "B", "C", "D", "E"]
    assert seeds["C"].title == "Bilateral cooperation highlighted at El Salvador prison tour"
    assert seeds["E"].date == "2025-03-27"
    assert all(a.outlet is None and a.byline is None for a in seeds)
    assert not seeds.errors


def test_seed_text_is_exactly_the_file(seeds, seeds_dir):
    for article in seeds:
        assert article.text == (seeds_dir / article.file).read_text(encoding="utf-8")


def test_seed_line_kinds_flag_artefacts(seeds):
    assert seeds["D"].line_kinds()["bullet"] == 5
    assert seeds["E"].line_kinds()["boilerplate"] == 1
    assert seeds["E"].line_kinds()["dateline"] == 1
    assert seeds["C"].line_kinds()["heading"] == 7
    assert seeds["A"].line_kinds() == {"paragraph": 5}


def test_corpus_lookup_by_label_id_file_and_position(seeds):
    article = seeds["B"]
    assert seeds[1] is article
    assert seeds[article.id] is article
    assert seeds[article.file] is article
    with pytest.raises(KeyError, match="labels: A, B, C, D, E"):
        seeds["Z"]


def test_word_counts_are_close_to_wc(seeds):
    # `wc -w` splits on spaces only; our tokens split "Bukele’s" but then drop the clitic
    for article in seeds:
        assert abs(article.word_count - len(article.text.split())) <= 10


# --- where the corpus comes from --------------------------------------------


def test_corpus_dir_argument_beats_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path))
    assert default_corpus_dir("elsewhere").name == "elsewhere"
    assert default_corpus_dir() == tmp_path


def test_environment_points_load_corpus_elsewhere(monkeypatch, harbor_dir):
    monkeypatch.setenv("CORPUS_DIR", str(harbor_dir))
    corpus = load_corpus()
    assert corpus.folder == harbor_dir
    assert "a_wire.txt" in [a.file for a in corpus]


def test_default_is_the_seeds(monkeypatch):
    monkeypatch.delenv("CORPUS_DIR", raising=False)
    assert default_corpus_dir().name == "seeds"


# --- the second corpus: BOM, CRLF, byline, metadata gaps --------------------


def test_messy_file_keeps_bom_and_crlf_and_offsets(harbor, harbor_dir):
    article = harbor["M"]
    raw = (harbor_dir / "c_messy.txt").read_bytes().decode("utf-8")
    assert article.text == raw
    assert article.text.startswith("\ufeff")
    for line in article.lines:
        assert article.text[line.start : line.end] == line.text
    assert article.byline == "Dana Ortiz"
    assert any("byte-order mark" in w for w in article.warnings)
    assert any("Windows line endings" in w for w in article.warnings)
    assert any("page furniture" in w for w in article.warnings)


def test_article_without_metadata_row_gets_a_free_label(harbor):
    assert harbor["d_brief.txt"].label == "D"
    assert len(set(harbor.labels)) == len(harbor)


# --- bad input: each gets a message naming the file; nothing changes -------


def test_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_missing_folder_from_environment_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(CorpusError, match="CORPUS_DIR"):
        load_corpus()


def test_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="is empty"):
        load_corpus(tmp_path)


def test_folder_without_txt(make_corpus):
    folder = make_corpus({"notes.docx": b"PK\x03\x04", "a.md": "text"})
    with pytest.raises(CorpusError, match="no .txt files"):
        load_corpus(folder)


def test_a_file_instead_of_a_folder(make_corpus):
    folder = make_corpus({"a.txt": "An article."})
    with pytest.raises(CorpusError, match="is a file"):
        load_corpus(folder / "a.txt")


def test_empty_file_is_an_error_naming_it(make_corpus):
    folder = make_corpus({"good.txt": "A real article sentence.", "empty.txt": "", "blank.txt": " \n\n "})
    corpus = read_corpus(folder)
    assert {p.file for p in corpus.errors} == {"empty.txt", "blank.txt"}
    assert all("is empty" in p.message for p in corpus.errors)
    with pytest.raises(CorpusError) as raised:
        load_corpus(folder)
    assert "empty.txt" in str(raised.value) and "skip_bad=True" in str(raised.value)
    assert [a.file for a in load_corpus(folder, skip_bad=True)] == ["good.txt"]


def test_windows_1252_is_decoded_with_a_warning(make_corpus):
    folder = make_corpus({"old.txt": "Bukele\x92s \x93mega-prison\x94 caf\xe9".encode("latin-1")})
    article = load_corpus(folder)[0]
    assert article.text == "Bukele’s “mega-prison” café"
    assert article.encoding == "cp1252"
    assert any("not valid UTF-8" in w and "Windows-1252" in w for w in article.warnings)


def test_utf16_with_bom_is_decoded(make_corpus):
    folder = make_corpus({"u16.txt": "Noem visited the prison.".encode("utf-16")})
    article = load_corpus(folder)[0]
    assert article.text == "Noem visited the prison."
    assert article.encoding == "utf-16"


@pytest.mark.parametrize(
    "content, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Word"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files_are_refused_with_a_reason(make_corpus, content, what):
    folder = make_corpus({"good.txt": "A real article.", "renamed.txt": content})
    corpus = read_corpus(folder)
    (problem,) = corpus.errors
    assert problem.file == "renamed.txt"
    assert what in problem.message
    assert "UTF-8" in problem.message or "plain text" in problem.message


def test_html_saved_as_text_is_kept_as_text_with_a_warning(make_corpus):
    html = "<!DOCTYPE html><html><body><p>Noem visited.</p><script>alert(1)</script></body></html>"
    folder = make_corpus({"page.txt": html})
    article = load_corpus(folder)[0]
    assert article.text == html
    assert any("HTML" in w and "never rendered" in w for w in article.warnings)


def test_huge_file_is_refused_without_reading(make_corpus):
    folder = make_corpus({"big.txt": "word " * 300_000, "ok.txt": "Fine."})
    corpus = read_corpus(folder, max_bytes=1_000_000)
    (problem,) = corpus.errors
    assert problem.file == "big.txt" and "1.5 MB" in problem.message and "limit" in problem.message


def test_default_limit_is_five_megabytes(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.seek(5_000_001)
        handle.write(b"x")
    with pytest.raises(ArticleError, match="5 MB"):
        read_article(path)


def test_loading_changes_nothing_on_disk(make_corpus):
    folder = make_corpus(
        {
            "crlf.txt": b"\xef\xbb\xbfHeadline\r\nBody text here.\r\n",
            "bad.txt": b"\x00\x01\x02",
            "latin.txt": "caf\xe9".encode("latin-1"),
            "metadata.csv": "file,label\nmissing.txt,Q\n",
        }
    )
    before = snapshot(folder)
    read_corpus(folder)
    with pytest.raises(CorpusError):
        load_corpus(folder)
    assert snapshot(folder) == before


# --- metadata.csv ------------------------------------------------------------


def test_metadata_row_naming_a_missing_file(make_corpus):
    folder = make_corpus({"a.txt": "Text.", "metadata.csv": "file,label,headline\na.txt,X,Real\nghost.txt,Y,Gone\n"})
    corpus = load_corpus(folder)
    assert corpus[0].label == "X" and corpus[0].title == "Real"
    (warning,) = [p for p in corpus.warnings if p.file == "metadata.csv"]
    assert "ghost.txt" in warning.message and "line 3" in warning.message


@pytest.mark.parametrize(
    "csv_text, expected",
    [
        ("file,label\na.txt,X,extra,fields\n", "more fields"),
        ("file,label,date\na.txt,X,27/03/2025\n", "not YYYY-MM-DD"),
        ("name,label\na.txt,X\n", "no 'file' column"),
        ("file,label\n,X\n", "no file name"),
        ("file,label\na.txt,X\na.txt,Y\n", "repeats"),
    ],
)
def test_bad_metadata_rows_are_warnings_that_name_the_line(make_corpus, csv_text, expected):
    folder = make_corpus({"a.txt": "Text of the article.", "metadata.csv": csv_text})
    rows, problems = read_metadata(folder, ["a.txt"])
    assert any(expected in p.message for p in problems), problems
    assert all(p.file == "metadata.csv" and p.severity == "warning" for p in problems)
    load_corpus(folder)  # still usable


def test_metadata_not_utf8_is_ignored_with_a_warning(make_corpus):
    folder = make_corpus({"a.txt": "Text.", "metadata.csv": "file,headline\na.txt,Caf\xe9\n".encode("latin-1")})
    corpus = load_corpus(folder)
    assert any("not UTF-8" in p.message for p in corpus.warnings)


def test_not_stated_means_unknown(make_corpus):
    folder = make_corpus({"a.txt": "| Published March 1, 2025\nBody.", "metadata.csv": "file,date,outlet\na.txt,not stated,Not stated\n"})
    article = load_corpus(folder)[0]
    assert article.outlet is None
    assert article.date == "2025-03-01"  # what the text itself states


def test_duplicate_labels_are_an_error(make_corpus):
    folder = make_corpus({"a.txt": "One.", "b.txt": "Two.", "metadata.csv": "file,label\na.txt,X\nb.txt,X\n"})
    with pytest.raises(CorpusError, match="label 'X'"):
        load_corpus(folder)


# --- small pieces --------------------------------------------------------------


def test_article_from_text_prefers_metadata():
    article = article_from_text("Headline In Text\nBody.", metadata={"headline": "From CSV", "date": "2024-01-02"})
    assert (article.title, article.date) == ("From CSV", "2024-01-02")


def test_article_with_no_words_warns():
    assert any("no words" in w for w in article_from_text("— — —").warnings)


def test_decode_rejects_empty_bytes():
    with pytest.raises(ArticleError, match="empty"):
        decode_article(b"   \n", "x.txt")


def test_unreadable_file_is_an_article_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "locked.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(ArticleError, match="locked.txt"):
        read_article(path)


def test_word_count_is_counted_on_first_use_and_agrees_with_the_lines(seeds):
    from helpers.corpus import words_on_lines

    fresh = load_corpus(seeds.folder)
    for article in fresh:
        assert article.word_count == words_on_lines(article.text, article.lines)
    assert fresh["E"].word_count == 418


def test_a_short_article_is_counted_at_once_for_its_warning():
    article = article_from_text("Short Note\nOnly a few words here.")
    assert any("only 7 words" in w for w in article.warnings)
    assert not any("words:" in w for w in article_from_text("Long\n" + "word " * 60 + "end.").warnings)


def test_one_way_in_gives_the_same_labels_to_every_helper():
    from helpers.corpus import Corpus, UnknownArticle, as_articles, find_article, label_for
    from helpers.frequency import count_by_article
    from helpers.reuse import compare_corpus

    texts = [f"Article number {i} says the council voted on the budget." for i in range(28)]
    labels = [a.label for a in as_articles(texts)]
    assert labels[26:] == ["AA", "AB"] and labels == [label_for(i) for i in range(28)]
    assert sorted(count_by_article(texts).conditions()) == sorted(labels)
    pairs = compare_corpus(texts[:3] + texts[:1], paraphrases=False)
    assert {p.a for p in pairs} | {p.b for p in pairs} <= {f"{label}.txt" for label in labels}
    keyed = {"W": "The wire story.", "notes.txt": "A note."}
    assert [(a.label, a.file) for a in as_articles(keyed)] == [("W", "W.txt"), ("notes.txt", "notes.txt")]
    assert sorted(count_by_article(keyed).conditions()) == ["W", "notes.txt"]
    with pytest.raises(UnknownArticle, match="labels: W, notes.txt") as caught:
        find_article(as_articles(keyed), "Q")
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ValueError)
    with pytest.raises(UnknownArticle):
        Corpus(None, as_articles(keyed))["Q"]
