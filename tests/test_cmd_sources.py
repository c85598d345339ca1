"""``python -m helpers sources``: tables, JSON, summaries and the evaluation."""

import json

from helpers.cli import main
from helpers.sourcing import find_attributions

FIELDS = {"file", "sentence_start", "sentence_end", "sentence", "speaker", "speaker_start", "speaker_end",
          "speaker_resolved", "speaker_type", "cue", "cue_category", "kind", "quote", "rule"}


def test_json_has_the_documented_fields_and_offsets_index_the_files(seeds_dir, capsys):
    assert main(["sources", str(seeds_dir), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["attributions"]
    assert records and all(FIELDS <= set(r) for r in records)
    for r in records:
        text = (seeds_dir / r["file"]).read_text(encoding="utf-8")
        assert text[r["sentence_start"] : r["sentence_end"]] == r["sentence"]
        if r["speaker"]:
            assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]


def test_offsets_count_the_byte_order_mark_and_crlf_of_the_stored_file(harbor_dir, capsys):
    path = harbor_dir / "c_messy.txt"
    assert main(["sources", str(path), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["attributions"]
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    assert all(text[r["cue_start"] : r["cue_end"]] == r["cue"] for r in records if r["cue"])


def test_table_names_each_article_and_says_when_none_was_found(harbor_dir, capsys):
    assert main(["sources", str(harbor_dir)]) == 0
    out = capsys.readouterr().out
    assert "a_wire.txt" in out and "Ruth Okafor" in out and "none found" in out


def test_explain_and_near_misses(seeds_dir, capsys):
    assert main(["sources", str(seeds_dir / "003_622c07eab0eecb96.txt"), "--explain", "--near-misses"]) == 0
    out = capsys.readouterr().out
    assert "Rule quote-then-speaker" in out or "Rule speaker-cue-content" in out
    assert "refused [author-claim]" in out


def test_summary_table_and_json_summary(harbor_dir, capsys):
    assert main(["sources", str(harbor_dir), "--summary"]) == 0
    assert "named" in capsys.readouterr().out
    assert main(["sources", str(harbor_dir), "--json", "--summary"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [s["file"] for s in payload["summaries"]] == ["a_wire.txt", "b_local.txt", "c_messy.txt", "d_brief.txt"]


def test_evaluate_prints_precision_recall_and_accuracy(seeds_dir, capsys):
    assert main(["sources", "--evaluate", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "explicit (a source is given)" in out and "speaker type" in out and "precision" in out


def test_evaluate_json_matches_the_library(seeds_dir, seeds, capsys):
    from helpers.sourcing_eval import evaluate_corpus

    assert main(["sources", "--evaluate", str(seeds_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["explicit"] == evaluate_corpus(seeds)["explicit"]


def test_evaluate_with_another_annotation_lists_its_disagreements(harbor_dir, capsys):
    from pathlib import Path

    gold = Path(__file__).parent / "data" / "harbor_attributions.json"
    assert main(["sources", "--evaluate", str(harbor_dir), "--gold", str(gold), "--errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "Evaluation against harbor_attributions.json" in out
    assert "In-sample" in out  # the project's own annotation: the rules were developed on it


def test_evaluate_with_an_instructors_own_annotation_is_not_called_in_sample(harbor_dir, tmp_path, capsys):
    import shutil
    from pathlib import Path

    own = tmp_path / "my_annotation.json"
    shutil.copy(Path(__file__).parent / "data" / "harbor_attributions.json", own)
    assert main(["sources", "--evaluate", str(harbor_dir), "--gold", str(own)]) == 0
    out = capsys.readouterr().out
    assert "Evaluation against my_annotation.json" in out
    assert "In-sample" not in out


def test_bad_input_gives_a_message_not_a_traceback(tmp_path, harbor_dir, capsys):
    assert main(["sources"]) == 2
    assert "give a corpus folder" in capsys.readouterr().err
    assert main(["sources", str(tmp_path / "missing")]) == 1
    assert "error:" in capsys.readouterr().err
    assert main(["sources", "--evaluate", str(harbor_dir)]) == 1
    err = capsys.readouterr().err
    assert "the seed annotation goes with seeds/" in err and "Traceback" not in err
    assert main(["sources", "--evaluate", str(harbor_dir), "--gold", str(tmp_path / "none.json")]) == 1
    assert "not found" in capsys.readouterr().err


def test_an_article_with_odd_text_still_gives_json(make_corpus, capsys):
    folder = make_corpus({"odd.txt": 'He said "never closed\n«Bonjour», dit-elle.\n' + "word " * 3000})
    assert main(["sources", str(folder), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["attributions"]
    text = (folder / "odd.txt").read_text(encoding="utf-8")
    assert [{**r, "file": "article.txt"} for r in records] == [a.to_dict() for a in find_attributions(text)]


def test_thoughts_are_listed_only_when_asked_for_and_stay_out_of_the_summary(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The senator wants to cut the ferry budget. “It is too high,” said Ann Lee.\n", encoding="utf-8")
    assert main(["sources", str(article), "--json", "--summary"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert main(["sources", str(article), "--json", "--summary", "--thoughts"]) == 0
    with_thoughts = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in plain["attributions"]] == ["direct"]
    assert [r["kind"] for r in with_thoughts["attributions"]] == ["thought", "direct"]
    assert with_thoughts["summaries"] == plain["summaries"]
