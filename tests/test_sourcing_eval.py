"""The hand annotation and the scorer."""

import json

import pytest

from helpers.corpus import article_from_text
from helpers.sourcing import Attribution, find_attributions
from helpers.sourcing_eval import (
    GoldError,
    evaluate_corpus,
    load_gold,
    read_gold_file,
    same_speaker,
    score_attributions,
)


def write_gold(tmp_path, articles, name="gold.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    return path


ENTRY = {"at": "Critics argue", "speaker": "Critics", "speaker_resolved": "critics", "speaker_type": "group",
         "cue": "argue", "cue_category": "argumentative", "kind": "indirect", "quote": None}


def test_the_seed_annotation_covers_every_seed_article_and_places_every_entry(seeds):
    gold = load_gold(seeds)
    assert sorted(gold.files) == sorted(article.file for article in seeds)
    texts = {article.file: article.text for article in seeds}
    for a in gold.attributions:
        text = texts[a.file]
        assert text[a.sentence_start : a.sentence_end] == a.sentence
        if a.speaker:
            assert text[a.speaker_start : a.speaker_end] == a.speaker
        if a.cue:
            assert text[a.cue_start : a.cue_end] == a.cue
        assert a.sentence_start <= a.anchor[0] < a.anchor[1] <= a.sentence_end


def test_the_annotation_is_documented_with_guidelines_and_notes_on_hard_cases():
    data = read_gold_file()
    assert len(data["guidelines"]) >= 5 and data["about"]
    notes = [e for article in data["articles"].values() for e in article["attributions"] if e.get("note")]
    excluded = [e for article in data["articles"].values() for e in article["not_attributions"]]
    assert sum("Hard case" in e["note"] for e in notes) >= 3
    assert all(e["why"] for e in excluded) and len(excluded) >= 20


@pytest.mark.parametrize("corpus_name, gold", [("harbor", "harbor_attributions.json"), ("heldout", "heldout_attributions.json")])
def test_the_other_annotations_place_every_entry(corpus_name, gold, harbor, harbor_dir):
    from pathlib import Path

    from helpers.corpus import load_corpus

    data = Path(__file__).parent / "data"
    corpus = harbor if corpus_name == "harbor" else load_corpus(data / "sourcing_heldout")
    placed = load_gold(corpus, data / gold)
    assert len(placed.attributions) == sum(len(v["attributions"]) for v in read_gold_file(data / gold)["articles"].values())


def test_a_perfect_prediction_scores_one():
    found = find_attributions("Critics argue the plan fails. The plan is seen as bold.")
    score = score_attributions(found, found)
    assert score["all"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0}
    assert score["errors"] == [] and score["accuracy"]["speaker_type"] == {"accuracy": 1.0, "n": 2}


def test_misses_extras_and_wrong_types_are_counted_and_listed():
    text = "Critics argue the plan fails. Mayor Jo Lee said it works. The plan is seen as bold."
    found = find_attributions(text)
    critics, mayor, seen = found
    wrong_type = Attribution(**{**mayor.to_dict(), "speaker_type": "group"})
    score = score_attributions([critics, seen], [critics, wrong_type])
    assert (score["all"]["tp"], score["all"]["fp"], score["all"]["fn"]) == (1, 1, 1)
    assert score["explicit"]["precision"] == 1.0 and score["explicit"]["recall"] == 0.5
    assert score["implicit"]["fp"] == 1
    assert score["error_counts"] == {"extra": 1, "missed": 1}
    score = score_attributions(found, [critics, wrong_type, seen])
    assert score["error_counts"] == {"speaker_type": 1}
    assert score["accuracy"]["speaker_type"]["accuracy"] == pytest.approx(2 / 3, abs=0.001)


def test_matching_is_one_to_one_by_overlapping_cue():
    found = find_attributions("Rubio praised the offer, calling it unique.")
    assert len(found) == 2
    score = score_attributions(found[:1], found)
    assert score["matched"] == 1 and score["all"]["fn"] == 1


def test_an_empty_prediction_has_no_precision_and_zero_recall():
    gold = find_attributions("Critics argue the plan fails.")
    score = score_attributions([], gold)
    assert score["all"]["precision"] is None and score["all"]["recall"] == 0.0


@pytest.mark.parametrize(
    "one, two, same",
    [("Kristi Noem", "Noem", True), ("critics", "Critics of the plan", True), ("Noem", "Rubio", False), (None, None, True)],
)
def test_same_speaker_compares_words_and_allows_one_to_hold_the_other(one, two, same):
    a = find_attributions("Critics argue the plan fails.")[0]
    first = Attribution(**{**a.to_dict(), "speaker_resolved": one, "speaker": one})
    second = Attribution(**{**a.to_dict(), "speaker_resolved": two, "speaker": two})
    assert same_speaker(first, second) is same


def test_extra_finds_that_the_annotator_left_out_carry_the_annotator_s_reason(tmp_path):
    article = article_from_text("Critics argue it fails. This move signals a shift.", "x.txt")
    path = write_gold(tmp_path, {"x.txt": {"attributions": [], "not_attributions": [{"at": "Critics argue", "why": "testing"}]}})
    gold = load_gold([article], path)
    score = score_attributions(find_attributions(article), gold)
    assert score["errors"][0]["note"] == "The annotation left this out: testing"


@pytest.mark.parametrize(
    "entry, message",
    [
        ({**ENTRY, "at": "nowhere in the text"}, "occurs 0 times"),
        ({**ENTRY, "speaker": "Supporters"}, "speaker 'Supporters' is not in that sentence"),
        ({**ENTRY, "at": "argue", "cue": "argue"}, "occurs 2 times"),
        ({**ENTRY, "kind": "quoted"}, "kind must be one of"),
        ({k: v for k, v in ENTRY.items() if k != "at"}, "needs \"at\""),
    ],
)
def test_annotation_problems_name_the_file_the_entry_and_what_to_do(tmp_path, entry, message):
    article = article_from_text("Critics argue it fails. Others argue it works.", "x.txt")
    path = write_gold(tmp_path, {"x.txt": {"attributions": [entry]}})
    with pytest.raises(GoldError, match=message) as error:
        load_gold([article], path)
    assert "x.txt" in str(error.value) and "gold.json" in str(error.value)


def test_a_repeated_cue_is_the_one_beside_its_speaker_or_needs_its_occurrence(tmp_path):
    article = article_from_text("“We said it,” said Al Ray.", "x.txt")
    entry = {**ENTRY, "at": "We said it", "speaker": "Al Ray", "cue": "said", "speaker_type": "person", "kind": "direct"}
    placed = load_gold([article], write_gold(tmp_path, {"x.txt": {"attributions": [entry]}}))
    a = placed.attributions[0]
    assert article.text[a.cue_start : a.cue_end] == "said" and a.cue_start > article.text.index("Al") - 6
    agentless = {**entry, "speaker": None, "speaker_type": "none", "kind": "implicit"}
    with pytest.raises(GoldError, match="cue_occurrence"):
        load_gold([article], write_gold(tmp_path, {"x.txt": {"attributions": [agentless]}}, "g2.json"))
    first = load_gold([article], write_gold(tmp_path, {"x.txt": {"attributions": [{**agentless, "cue_occurrence": 0}]}}, "g3.json"))
    assert first.attributions[0].cue_start == article.text.index("said")


def test_missing_articles_bad_json_and_missing_files_are_clear(tmp_path, harbor):
    with pytest.raises(GoldError, match="the seed annotation goes with seeds/"):
        load_gold(harbor)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid JSON"):
        read_gold_file(bad)
    with pytest.raises(GoldError, match="not found"):
        read_gold_file(tmp_path / "missing.json")
    shapeless = tmp_path / "shapeless.json"
    shapeless.write_text("[]", encoding="utf-8")
    with pytest.raises(GoldError, match="no \"articles\""):
        read_gold_file(shapeless)


def test_evaluate_corpus_on_the_seeds_reports_every_figure(seeds):
    result = evaluate_corpus(seeds)
    assert result["annotation"] == "seed_attributions.json" and len(result["files"]) == 5
    for group in ("all", "explicit", "implicit", "scare"):
        assert set(result[group]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    assert result["gold"] == sum(1 for _ in load_gold(seeds).attributions)
    assert set(result["accuracy"]) == {"speaker", "speaker_type", "kind", "cue_category"}
