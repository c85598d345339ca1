"""Sourcing widgets: the highlighted viewer and the student's source annotator."""

import json

import pytest

from helpers.corpus import article_from_text
from helpers.sourcing import find_attributions
from helpers.widgets.sourcing import (
    AttributionViewer,
    SourceAnnotator,
    attribution_marks,
    attributions_html,
    records_to_attributions,
)

TEXT = "Mayor Ann Lee toured the site. “It is safe,” she said. Critics argue it is not. The site is seen as risky."
ARTICLE = article_from_text(TEXT, "a.txt", "A")
OTHER = article_from_text("Officials say the bridge <script>alert(1)</script> will open.", "b.txt", "B")


def test_marks_draw_speaker_cue_and_quotation_with_the_rule_on_hover():
    found = find_attributions(ARTICLE)
    marks = attribution_marks(TEXT, found)
    kinds = {(m.css_class, TEXT[m.start : m.end]) for m in marks}
    assert ("src-speaker", "she") in kinds and ("src-cue", "said") in kinds and ("src-quote", "It is safe,") in kinds
    assert ("src-implicit", "is seen as") in kinds
    assert all(m.title.startswith("#") and "Rule " in m.title for m in marks)


def test_html_escapes_article_text_and_hover_titles():
    html = attributions_html(OTHER)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'title="#1 · Rule speaker-cue-content' in html


def test_html_for_an_article_with_no_attributions_says_so():
    html = attributions_html(article_from_text("The bridge opens on Monday.", "c.txt", "C"))
    assert "No attributions found in this article" in html and "<table" not in html


def test_viewer_switches_article_and_filters():
    viewer = AttributionViewer([ARTICLE, OTHER])
    assert viewer.html.value.count("<tr>") == 1 + len(find_attributions(ARTICLE))
    viewer.set_types(["group"])
    assert [a.speaker for a in viewer.shown()] == ["Critics"] and "src-quote" not in viewer.html.value
    viewer.select_article("B")
    assert viewer.label == "B" and viewer.selected is None and "Officials" in viewer.html.value
    with pytest.raises(KeyError, match="labels: A, B"):
        viewer.select_article("Z")


def test_viewer_explains_the_selected_attribution_in_full():
    viewer = AttributionViewer([ARTICLE])
    text = viewer.select(1)
    assert text.startswith("#1: Rule quote-then-speaker") and "Ann Lee" in text
    assert "src-selected" in viewer.html.value and "src-details" in viewer.html.value
    assert viewer.select(99) == "" and viewer.selected is None


def test_annotator_saves_at_once_and_reloads_after_a_restart(tmp_path):
    path = tmp_path / "annotations" / "sources.json"
    annotator = SourceAnnotator([ARTICLE], path)
    annotator.select_sentence(1)
    record = annotator.add(speaker="she", cue="said", speaker_type="person", kind="direct", note="the mayor")
    assert record["speaker"] == "she" and TEXT[record["cue_start"] : record["cue_end"]] == "said"
    saved = json.loads(path.read_text(encoding="utf-8"))["records"]
    assert [r["note"] for r in saved] == ["the mayor"]
    again = SourceAnnotator([ARTICLE], path)
    assert [r["speaker"] for r in again.saved_records()] == ["she"]
    assert "the mayor" in again.saved_view.value


def test_annotator_refuses_words_that_are_not_in_the_sentence_and_saves_nothing(tmp_path):
    annotator = SourceAnnotator([ARTICLE], tmp_path / "s.json")
    annotator.select_sentence(2)
    assert annotator.add(speaker="Supporters", cue="argue", speaker_type="group") is None
    assert "not in sentence 3" in annotator.status.value
    assert annotator.add(speaker="Critics", cue="", speaker_type="group") is None
    assert annotator.add(speaker="", cue="argue", speaker_type="group") is None
    assert annotator.add(speaker="Critics", cue="argue", speaker_type="nobody") is None
    assert annotator.saved_records() == []


def test_the_add_button_reads_the_boxes_and_clears_them(tmp_path):
    annotator = SourceAnnotator([ARTICLE], tmp_path / "s.json")
    annotator.select_sentence(2)
    annotator.speaker_box.value, annotator.cue_box.value = "Critics", "argue"
    annotator.type_picker.value, annotator.kind_picker.value = "group", "indirect"
    assert annotator.add_from_boxes()["speaker_type"] == "group"
    assert annotator.speaker_box.value == "" and "src-speaker" in annotator.sentence_view.value


def test_comparison_counts_agreement_and_lists_differences(tmp_path):
    annotator = SourceAnnotator([ARTICLE], tmp_path / "s.json")
    annotator.select_sentence(1)
    annotator.add(speaker="she", cue="said", speaker_type="person", kind="direct")
    annotator.select_sentence(2)
    annotator.add(speaker="Critics", cue="argue", speaker_type="person", kind="indirect")
    result = annotator.agreement()
    machine = len(find_attributions(ARTICLE))
    assert (result["yours"], result["machine"], result["both"]) == (2, machine, 2)
    assert result["only_machine"] == machine - 2 and result["speaker_type"] == 0.5
    html = annotator.compare()
    assert "only the machine" in html and "different speaker type" in html


def test_comparison_before_any_mark_asks_for_marks(tmp_path):
    assert "Mark a few sources first" in SourceAnnotator([ARTICLE], tmp_path / "s.json").compare()


def test_remove_deletes_a_mark(tmp_path):
    annotator = SourceAnnotator([ARTICLE], tmp_path / "s.json")
    annotator.select_sentence(2)
    record = annotator.add(speaker="Critics", cue="argue", speaker_type="group")
    assert annotator.remove(record["id"]) and annotator.saved_records() == []
    assert annotator.remove(record["id"]) is False


def test_an_unreadable_annotation_file_is_kept_aside_and_reported(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{broken", encoding="utf-8")
    annotator = SourceAnnotator([ARTICLE], path)
    assert "could not be read" in annotator.status.value and annotator.saved_records() == []
    assert any(p.name.startswith("s.unreadable-") for p in tmp_path.iterdir())


def test_records_become_attributions_for_the_scorer():
    record = {"sentence_start": 0, "sentence_end": 30, "speaker": "Mayor Ann Lee", "speaker_start": 0, "speaker_end": 13,
              "speaker_type": "person", "cue": "", "kind": "indirect"}
    a = records_to_attributions([record], ARTICLE)[0]
    assert a.rule == "student" and a.cue is None and a.anchor == (0, 30)


def test_widgets_need_at_least_one_article():
    with pytest.raises(ValueError, match="no article"):
        AttributionViewer([])
    with pytest.raises(ValueError, match="no article"):
        SourceAnnotator([])
