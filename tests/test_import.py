"""helpers.importing: saved pages, archives, tables and URL lists become a corpus with its provenance."""

import csv
import http.server
import json
import os
import socket
import threading
import time
import urllib.error
from pathlib import Path

import pytest

from helpers.corpus import load_corpus
from helpers.html import html_table
from helpers.importing.evaluate import shingle_scores
from helpers.importing.fetch import USER_AGENT, fetch_page
from helpers.importing.importer import candidate_from_page, import_sources
from helpers.importing.pages import MAX_PAGE_BYTES, PageError, read_saved_page
from helpers.importing.records import provenance_rows, read_provenance

DATA = Path(__file__).parent / "data" / "import_pages"
PAGES = DATA / "pages"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["pages"]


def candidate(name):
    return candidate_from_page(read_saved_page(PAGES / name))


def scores(name):
    found = candidate(name)
    reference = (DATA / "references" / (Path(name).stem + ".txt")).read_text(encoding="utf-8")
    return shingle_scores("\n".join(found.lines), reference)


def quiet(outcomes):
    return [o for o in outcomes if o.status == "failed"]


# --- body text against the hand-made references ------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_page_body_matches_its_reference(name):
    result = scores(name)
    assert result["f1"] >= 0.90, result
    assert result["recall"] >= 0.97, result  # nothing of the article is lost


def test_body_f1_over_all_pages_is_at_least_095():
    results = [scores(name) for name in EXPECTED]
    shared = sum(r["shared"] for r in results)
    precision = shared / sum(r["extracted"] for r in results)
    recall = shared / sum(r["reference"] for r in results)
    assert 2 * precision * recall / (precision + recall) >= 0.95
    assert sum(r["f1"] for r in results) / len(results) >= 0.95


def test_boilerplate_is_dropped_from_the_body():
    body = "\n".join(candidate("harbor-ledger.html").lines)
    for furniture in ("We use cookies", "Share on Facebook", "Ferry fares to rise", "crab season", "Photo: Ben Adair", "Get the morning briefing"):
        assert furniture not in body
    assert "You have reached your limit" not in "\n".join(candidate("valley-tribune.html").lines)


# --- metadata ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata_is_what_the_page_states_and_nothing_is_invented(name):
    expected, found = EXPECTED[name], candidate(name)
    for field in ("headline", "date", "outlet", "byline", "url"):
        value = found.row[field]
        assert (None if value == "not stated" else value) == expected[field], field


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_expected_disagreement_is_recorded_and_no_other(name):
    conflicts = candidate(name).record["conflicts"]
    assert len(conflicts) == len(EXPECTED[name]["conflicts"]), conflicts
    for words in EXPECTED[name]["conflicts"]:
        assert any(words in c for c in conflicts), (words, conflicts)


def test_provenance_says_where_each_field_was_found():
    fields = candidate("harbor-ledger.html").record["fields"]
    assert "JSON-LD datePublished" in fields["date"]["found_in"]
    assert "meta article:published_time" in fields["date"]["found_in"]
    assert {"value": "2025-05-22", "where": "JSON-LD dateModified"} not in fields["date"]["other_values"]  # modified is its own field
    assert "a byline on the page" in fields["byline"]["found_in"]
    assert "link rel=canonical" in fields["url"]["found_in"]
    authors = candidate("metro-wire.mhtml").record["fields"]["byline"]
    assert {"value": "Rhea Tamm", "where": "a byline on the page"} in authors["other_values"]
    nothing = candidate("coastal-notes.html").record["fields"]
    assert nothing["date"] == {"value": None, "found_in": [], "other_values": []}


# --- the folder an import writes --------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    report = import_sources([PAGES], folder)
    return folder, report


def test_import_writes_one_text_per_article_that_the_corpus_loader_reads(imported):
    folder, report = imported
    assert report.count("imported") == len(EXPECTED) and not quiet(report.outcomes)
    corpus = load_corpus(folder)
    assert len(corpus) == len(EXPECTED)  # provenance.json and metadata.csv are not articles
    cafe = corpus["cafe-dube-to-close-after-38-years.txt"]
    assert cafe.title == "Café Dubé to close after 38 years" and cafe.outlet == "Riverbend Gazette"
    assert "“one espresso machine and far too much optimism.”" in cafe.text  # cp1252 quotes decoded
    assert "&eacute;" not in cafe.text and "Hélène" in cafe.text  # entities decoded
    assert cafe.encoding == "utf-8"


def test_notebook_rows_show_every_field_of_imported_articles_and_nothing_for_the_seeds(imported, seeds):
    folder, _ = imported
    corpus = load_corpus(folder)
    fields, conflicts = provenance_rows(corpus)
    assert len(fields) == 5 * len(corpus)
    coastal = corpus["notes-from-the-tide-pools.txt"].label
    assert [r[2] for r in fields if r[0] == coastal] == ["Notes from the tide pools", "not stated", "not stated", "not stated", "not stated"]
    assert sum(len(EXPECTED[name]["conflicts"]) for name in EXPECTED) == len(conflicts)
    assert provenance_rows(seeds) == ([], [])


def test_a_readme_in_the_output_folder_is_not_an_article(imported, tmp_path):
    folder, _ = imported
    copy = tmp_path / "c"
    copy.mkdir()
    for path in folder.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "README.md").write_text("# A story\n\nBackground.\n", encoding="utf-8")
    assert len(load_corpus(copy)) == len(EXPECTED)


def test_metadata_csv_and_provenance_json_agree(imported):
    folder, _ = imported
    rows = list(csv.DictReader((folder / "metadata.csv").open(encoding="utf-8")))
    records = read_provenance(folder)
    assert {r["file"] for r in rows} == set(records)
    for row in rows:
        for field in ("headline", "date", "outlet", "byline", "url"):
            value = records[row["file"]]["fields"][field]["value"]
            assert row[field] == (value or "not stated")


def test_file_names_are_short_safe_and_unique(imported):
    folder, _ = imported
    names = [p.name for p in folder.glob("*.txt")]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 64 and n == n.lower() and " " not in n and n.isascii() for n in names)


def test_reimport_adds_nothing_overwrites_nothing_and_deletes_nothing(imported, tmp_path):
    folder = tmp_path / "c"
    import_sources([PAGES], folder)
    mine = folder / "my-own-article.txt"
    mine.write_text("My own headline\nA paragraph I typed myself, with enough words to count.\n", encoding="utf-8")
    edited = folder / "harbor-commission-votes-to-dredge-north-channel.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "An instructor's note.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".txt"}
    report = import_sources([PAGES], folder)
    assert report.count("imported") == 0 and report.count("skipped") == len(EXPECTED)
    assert all("already in the corpus" in o.message for o in report.outcomes)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".txt"} == before
    forced = import_sources([PAGES / "harbor-ledger.html"], folder, force=True)
    assert forced.outcomes[0].file == edited.name and "An instructor's note." not in edited.read_text(encoding="utf-8")
    assert mine.exists() and len(list(folder.glob("*.txt"))) == len(EXPECTED) + 1
    rows = list(csv.DictReader((folder / "metadata.csv").open(encoding="utf-8")))
    assert len(rows) == len(EXPECTED)  # replaced, not repeated


def test_duplicates_are_imported_once_with_a_note(tmp_path):
    copies = tmp_path / "saved"
    copies.mkdir()
    (copies / "a.html").write_bytes((PAGES / "valley-tribune.html").read_bytes())
    (copies / "b-copy.html").write_bytes((PAGES / "valley-tribune.html").read_bytes())
    moved = (PAGES / "valley-tribune.html").read_text(encoding="utf-8").replace("Bus riders", "Riders")
    (copies / "c-same-address.html").write_text(moved, encoding="utf-8")
    report = import_sources([copies], tmp_path / "out")
    assert [o.status for o in report.outcomes] == ["imported", "skipped", "skipped"]
    assert "already in the corpus as transit-board-cuts-three-east-valley-bus-routes.txt" in report.outcomes[1].message
    assert len(list((tmp_path / "out").glob("*.txt"))) == 1


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home-page.html", "login-wall.html", "error-page.html"])
def test_pages_without_an_article_are_refused_by_name(name, tmp_path):
    report = import_sources([DATA / "not_articles" / name], tmp_path)
    assert report.count("failed") == 1 and name in report.outcomes[0].message
    assert "no article found" in report.outcomes[0].message
    assert not list(tmp_path.glob("*.txt"))


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.html", b"", "empty"),
        ("blank.htm", b"  \n\n ", "empty"),
        ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("nul.html", b"<html>\x00\x00\x01\x02" * 200, "binary"),
        ("archive.mhtml", b"From: <Saved by Blink>\r\nContent-Type: text/css\r\n\r\nbody{}", "no web page inside"),
    ],
)
def test_empty_binary_and_broken_files_are_refused_by_name(name, data, words, tmp_path):
    source = tmp_path / name
    source.write_bytes(data)
    report = import_sources([source], tmp_path / "out")
    assert report.count("failed") == 1
    assert name in report.outcomes[0].message and words in report.outcomes[0].message
    assert not list((tmp_path / "out").glob("*.txt"))


def test_a_50_mb_page_is_refused_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.html"
    with big.open("wb") as stream:
        stream.truncate(50_000_000)  # sparse: nothing to read, only its size
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    report = import_sources([big], tmp_path / "out")
    assert "huge.html is 50.0 MB" in report.outcomes[0].message and str(MAX_PAGE_BYTES // 1_000_000) in report.outcomes[0].message
    assert big not in read


def test_a_page_in_another_encoding_is_read_as_it_declares(tmp_path):
    paragraph = "Το δημοτικό συμβούλιο ενέκρινε χθες το σχέδιο για το λιμάνι, μετά από συζήτηση τριών ωρών. " * 4
    page = f'<html><head><meta charset="iso-8859-7"><title>Λιμάνι</title></head><body><article><h1>Το λιμάνι</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>'
    source = tmp_path / "greek.html"
    source.write_bytes(page.encode("iso-8859-7"))
    report = import_sources([source], tmp_path / "out")
    assert report.count("imported") == 1
    text = (tmp_path / "out" / report.outcomes[0].file).read_text(encoding="utf-8")
    assert "Το δημοτικό συμβούλιο ενέκρινε" in text


def test_hostile_markup_never_reaches_the_corpus_or_the_notebook_tables(tmp_path):
    report = import_sources([PAGES / "evening-post.html"], tmp_path)
    text = (tmp_path / report.outcomes[0].file).read_text(encoding="utf-8")
    for trace in ("alert", "javascript", "onerror", "<script", "steal", "fetch("):
        assert trace not in text
    hostile = tmp_path / "h.html"
    hostile.write_text(
        '<html><head><meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; Vote set">'
        '<meta property="og:site_name" content="&lt;img src=x onerror=alert(2)&gt;"></head><body><article>'
        + "".join(f"<p>The council set vote number {n} for June after a long debate about the harbor budget and its reserves.</p>" for n in ("one", "two", "three"))
        + "</article></body></html>",
        encoding="utf-8",
    )
    import_sources([hostile], tmp_path / "c")
    corpus = load_corpus(tmp_path / "c")
    fields, conflicts = provenance_rows(corpus)
    shown = html_table(fields, ["label", "field", "value", "where", "other"])
    assert "<script>" not in shown and "<img" not in shown and "&lt;script&gt;" in shown


def test_unknown_and_missing_sources_are_named(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    report = import_sources([tmp_path / "notes.docx", tmp_path / "nowhere.html"], tmp_path / "out")
    messages = [o.message for o in report.outcomes]
    assert "notes.docx: not a kind of file the importer reads" in messages[0]
    assert "nowhere.html: no such file" in messages[1]


# --- tables ----------------------------------------------------------------------------

ARTICLE = "The county opened two cooling centers on Friday as temperatures passed 100 degrees for a third day."


def test_csv_columns_are_matched_without_regard_to_case_and_recorded(tmp_path):
    source = tmp_path / "export.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["ID", "HEADLINE", "Body", "Published_At", "Source", "Authors", "Link"])
        writer.writerow(["1", "Cooling centers open", ARTICLE + "\n\n" + ARTICLE.replace("Friday", "Saturday"), "2025-07-04T09:00:00Z", "Prairie Post", "Ana Ruiz", "https://www.prairiepost.example/a"])
        writer.writerow(["2", "Wire copy", "Fish &amp; chips shop closes after 60 years on the pier, its owner said on Monday morning.", "July 5, 2025", "Wire Desk", "", "https://aggregator.example/b"])
    report = import_sources([source], tmp_path / "out")
    assert report.count("imported") == 2
    assert report.mappings == [f"{source}: text ← 'Body', headline ← 'HEADLINE', date ← 'Published_At', outlet ← 'Source', byline ← 'Authors', url ← 'Link'"]
    rows = {r["headline"]: r for r in csv.DictReader((tmp_path / "out" / "metadata.csv").open(encoding="utf-8"))}
    assert rows["Cooling centers open"]["date"] == "2025-07-04" and rows["Wire copy"]["date"] == "2025-07-05"
    records = read_provenance(tmp_path / "out")
    first = records[rows["Cooling centers open"]["file"]]
    assert first["fields"]["outlet"]["found_in"] == ["CSV column 'Source'"]
    second = records[rows["Wire copy"]["file"]]
    assert any("aggregator.example" in c for c in second["conflicts"])
    text = (tmp_path / "out" / rows["Wire copy"]["file"]).read_text(encoding="utf-8")
    assert "Fish & chips" in text


def test_a_csv_without_a_text_column_lists_its_columns(tmp_path):
    source = tmp_path / "list.csv"
    source.write_text("title,date\nA,2025-01-01\n", encoding="utf-8")
    report = import_sources([source], tmp_path / "out")
    message = report.outcomes[0].message
    assert report.count("failed") == 1 and "list.csv has no column with the article text" in message and "'title', 'date'" in message


def test_a_broken_csv_row_is_named_and_the_others_are_imported(tmp_path):
    source = tmp_path / "rows.csv"
    source.write_text(
        f'text,title\n"{ARTICLE}",First\n"{ARTICLE} Again.",Second,extra\n"{ARTICLE} Third time.",Third\n"unterminated,Fourth\n',
        encoding="utf-8",
    )
    report = import_sources([source], tmp_path / "out")
    failed = [o.message for o in quiet(report.outcomes)]
    assert report.count("imported") == 2 and len(failed) == 2
    assert "row ending on line 3 has 3 fields" in failed[0]
    assert "line 5 cannot be read" in failed[1] and "quotation marks" in failed[1]


def test_json_lines_rows_with_author_lists_and_a_bad_line(tmp_path):
    source = tmp_path / "articles.jsonl"
    good = {"Title": "Heat closes pools", "maintext": ARTICLE, "authors": ["Ana Ruiz", "Li Wei"], "date_publish": "2025-07-04"}
    source.write_text(json.dumps(good) + "\n{not json\n" + json.dumps([1, 2]) + "\n", encoding="utf-8")
    report = import_sources([source], tmp_path / "out")
    assert report.count("imported") == 1
    failed = [o.message for o in quiet(report.outcomes)]
    assert "line 2 is not valid JSON" in failed[0] and "line 3 is not a JSON object" in failed[1]
    row = next(csv.DictReader((tmp_path / "out" / "metadata.csv").open(encoding="utf-8")))
    assert row["byline"] == "Ana Ruiz; Li Wei" and row["headline"] == "Heat closes pools"


# --- web addresses, on a server on the loopback address only -----------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list = []

    def do_GET(self):
        _Handler.agents.append(self.headers.get("User-Agent"))
        if self.path == "/slow":
            time.sleep(2.5)
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        name = {"/harbor": "harbor-ledger.html", "/slow": "valley-tribune.html"}.get(self.path)
        if name is None:
            self.send_error(404, "Not Found")
            return
        body = (PAGES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_list_is_not_fetched_unless_asked(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/harbor\n", encoding="utf-8")
    _Handler.agents.clear()
    report = import_sources([urls], tmp_path / "out")
    assert report.count("imported") == 0 and "add --fetch" in report.outcomes[0].message
    assert _Handler.agents == []


def test_fetching_a_url_list_with_one_message_per_failing_address(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# my class\n{server}/harbor\n{server}/missing\n{server}/loop\n{server}/slow\nnot an address\n", encoding="utf-8")
    _Handler.agents.clear()
    started = time.monotonic()
    report = import_sources([urls], tmp_path / "out", fetch=True, timeout=1, delay=0)
    assert time.monotonic() - started < 20
    by_status = {}
    for outcome in report.outcomes:
        by_status.setdefault(outcome.status, []).append(outcome)
    assert [o.file for o in by_status["imported"]] == ["harbor-commission-votes-to-dredge-north-channel.txt"]
    messages = [o.message for o in by_status["failed"]]
    assert len(messages) == 4
    assert any("line 6 is not a web address" in m for m in messages)
    assert any(m.startswith(f"{server}/missing: the server answered 404") for m in messages)
    assert any(m.startswith(f"{server}/loop: redirects too many times") for m in messages)
    assert any(m.startswith(f"{server}/slow: no answer within 1 seconds") for m in messages)
    assert set(_Handler.agents) == {USER_AGENT}
    record = read_provenance(tmp_path / "out")["harbor-commission-votes-to-dredge-north-channel.txt"]
    assert record["source"] == f"{server}/harbor"


def test_offline_a_url_list_says_so_once_and_imports_nothing(server, tmp_path, monkeypatch):
    def no_network(self, request, *args, **kwargs):
        raise urllib.error.URLError(socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"))

    monkeypatch.setattr("urllib.request.OpenerDirector.open", no_network)
    urls = tmp_path / "urls.txt"
    urls.write_text("https://news.example.com/a\nhttps://news.example.com/b\nhttps://news.example.com/c\n", encoding="utf-8")
    report = import_sources([urls], tmp_path / "out", fetch=True, delay=0)
    assert len(report.outcomes) == 1 and report.outcomes[0].status == "failed"
    assert "no network" in report.outcomes[0].message and "3 remaining" in report.outcomes[0].message
    assert not list((tmp_path / "out").glob("*.txt"))


@pytest.mark.skipif(os.environ.get("NETWORK_ISOLATED") != "1", reason="only where tools/run-offline cut the network")
def test_offline_for_real_the_list_stops_at_the_first_address(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"https://news.example.com/a\n{server}/harbor\n", encoding="utf-8")
    report = import_sources([urls], tmp_path / "out", fetch=True, delay=0, timeout=3)
    assert [o.status for o in report.outcomes] == ["failed"] and "no network" in report.outcomes[0].message


def test_fetch_refuses_other_schemes():
    with pytest.raises(PageError, match="only http:// and https://"):
        fetch_page("file:///etc/passwd")
