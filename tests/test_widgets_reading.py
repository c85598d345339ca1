import json
from html.parser import HTMLParser

import pytest

from helpers.corpus import article_from_text
from helpers.reading import TAGS
from helpers.widgets.reading import LAYERS, ReadingView, SentenceAnnotator, reading_html, reading_marks, readings_for

TEXT = "Prison Visit\nOver 250 men were deported. Ultimately, we must act.\nThe notorious <script>alert(1)</script> prison may close."


@pytest.fixture
def articles():
    return [
        article_from_text(TEXT, "a.txt", "A"),
        article_from_text("Critics say it may rain. Supporters disagree.", "b.txt", "B"),
    ]


@pytest.fixture
def none():
    return {"A": [], "B": []}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def tags_in(markup):
    parser = Tags()
    parser.feed(markup)
    return parser.tags


def test_reading_html_escapes_markup_and_marks_each_layer(articles, none):
    html = reading_html(articles[0], attributions=[])
    assert "script" not in tags_in(html)
    assert "&lt;script&gt;alert(" in html and "&lt;/script&gt;" in html
    for layer in ("details", "loaded", "hedges", "opinion"):
        assert f'class="r-{layer}"' in html
    assert "1 loaded word" in html


def test_marks_carry_offsets_and_reasons(articles):
    readings = readings_for(articles[0], attributions=[])
    marks = reading_marks(readings, ["details", "loaded"])
    texts = {articles[0].text[m.start : m.end]: m.title for m in marks}
    assert "Over 250 men" in texts and "source: none" in texts["Over 250 men"]
    assert texts["notorious"].startswith("evaluative")
    with pytest.raises(ValueError, match="Unknown layer"):
        reading_marks(readings, ["colour"])


def test_quoted_words_can_be_left_unmarked():
    article = article_from_text('He said "thugs" and deportees left.')
    readings = readings_for(article, attributions=[])
    assert len(reading_marks(readings, ["loaded"])) == 2
    assert len(reading_marks(readings, ["loaded"], include_quoted=False)) == 1


def test_reading_view_switches_article_and_layers(articles, none):
    view = ReadingView(articles, attributions=none)
    assert "Prison Visit" in view.output.value
    view.show("B")
    assert "Critics say" in view.output.value and "Prison Visit" not in view.output.value
    view.set_layers(["hedges"])
    assert "r-hedges" in view.output.value and "r-loaded" not in view.output.value
    assert [layer for layer, box in view.layer_boxes.items() if box.value] == ["hedges"]
    view.layer_boxes["loaded"].value = True  # as a click would
    assert view.layers == ("loaded", "hedges")
    view.article_picker.value = "A"
    assert "Prison Visit" in view.output.value
    with pytest.raises(KeyError, match="labels: A, B"):
        view.show("Z")


def test_annotations_are_saved_and_restored_by_a_new_annotator(articles, none, tmp_path):
    path = tmp_path / "notes" / "reading.json"
    first = SentenceAnnotator(articles, path, attributions=none)
    first.select_sentence(1)
    first.set_tags(["claim", "unsourced"])
    first.set_note("Who counted the 250?")
    record = first.save()
    assert record["tags"] == ["claim", "unsourced"] and record["text"] == "Over 250 men were deported."
    assert articles[0].text[record["start"] : record["end"]] == record["text"]
    first.select_article("B")
    first.set_tags(["opinion"])
    first.save()

    saved = json.loads(path.read_text(encoding="utf-8"))["records"]
    assert {(r["label"], tuple(r["tags"])) for r in saved} == {("A", ("claim", "unsourced")), ("B", ("opinion",))}

    again = SentenceAnnotator(articles, path, attributions=none)  # as after a kernel restart
    again.select_sentence(1)
    assert again.tags() == ["claim", "unsourced"]
    assert again.note_box.value == "Who counted the 250?"
    assert [box.value for box in again.tag_boxes.values()] == [t in ("claim", "unsourced") for t in TAGS]
    again.select_sentence(2)
    assert again.tags() == [] and again.note_box.value == ""
    assert "Who counted the 250?" in again.saved_view.value


def test_saving_a_sentence_again_replaces_its_record(articles, none, tmp_path):
    annotator = SentenceAnnotator(articles, tmp_path / "n.json", attributions=none)
    annotator.select_sentence(2)
    annotator.set_tags(["opinion"])
    annotator.save()
    annotator.set_tags(["opinion", "loaded"])
    annotator.save()
    assert len(annotator.store) == 1 and annotator.store.records[0]["tags"] == ["opinion", "loaded"]
    annotator.set_tags([])
    assert annotator.save() is None
    assert len(annotator.store) == 0 and "removed" in annotator.status.value


def test_remove_clears_the_boxes(articles, none, tmp_path):
    annotator = SentenceAnnotator(articles, tmp_path / "n.json", attributions=none)
    annotator.set_tags(["loaded"])
    record = annotator.save()
    assert annotator.remove(record["id"]) is True
    assert annotator.tags() == [] and len(annotator.store) == 0


def test_navigation_stays_inside_the_article(articles, none, tmp_path):
    annotator = SentenceAnnotator(articles, tmp_path / "n.json", attributions=none)
    count = len(annotator.sentences())
    annotator.previous_sentence()
    assert annotator.index == 0
    for _ in range(count + 3):
        annotator.next_sentence()
    assert annotator.index == count - 1 == annotator.sentence_slider.value
    annotator.sentence_slider.value = 1  # as dragging the slider would
    assert annotator.index == 1 and "Over 250 men" in annotator.sentence_view.value
    annotator.article_picker.value = "B"
    assert annotator.label == "B" and annotator.index == 0
    assert annotator.sentence_slider.max == len(annotator.sentences()) - 1
    with pytest.raises(ValueError, match="Unknown tag"):
        annotator.set_tags(["gossip"])


def test_the_current_sentence_is_escaped(articles, none, tmp_path):
    annotator = SentenceAnnotator(articles, tmp_path / "n.json", attributions=none)
    annotator.select_sentence(3)
    assert "&lt;script&gt;" in annotator.sentence_view.value
    assert "script" not in tags_in(annotator.sentence_view.value)


def test_comparison_with_the_rules(articles, none, tmp_path):
    annotator = SentenceAnnotator(articles, tmp_path / "n.json", attributions=none)
    assert "Save a few annotations first" in annotator.compare()
    annotator.select_sentence(1)  # a claim with no source, say the rules
    annotator.set_tags(["claim", "opinion"])
    annotator.save()
    rows = annotator.comparison()
    assert rows == [
        {
            "sentence": 2,
            "text": "Over 250 men were deported.",
            "yours": ["claim", "opinion"],
            "rules": ["claim", "unsourced"],
            "agree": ["claim"],
            "differ": ["opinion", "unsourced"],
        }
    ]
    assert "agree on 1 tag and differ on 2" in annotator.compare()


def test_an_unreadable_annotation_file_is_kept_and_reported(articles, none, tmp_path):
    path = tmp_path / "n.json"
    path.write_text("{not json", encoding="utf-8")
    annotator = SentenceAnnotator(articles, path, attributions=none)
    assert "could not be read" in annotator.status.value
    assert list(tmp_path.glob("n.unreadable-*.json"))


def test_the_default_file_is_in_the_annotation_dir(articles, none, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATION_DIR", str(tmp_path / "mine"))
    annotator = SentenceAnnotator(articles, attributions=none)
    annotator.set_tags(["claim"])
    annotator.save()
    assert (tmp_path / "mine" / "reading-annotations.json").is_file()


def test_annotator_on_the_seeds_uses_every_sentence(seeds, tmp_path):
    annotator = SentenceAnnotator(seeds, tmp_path / "n.json", attributions={a.label: [] for a in seeds})
    annotator.select_article(seeds.labels[-1])
    assert len(annotator.sentences()) == annotator.sentence_slider.max + 1
    assert all(set(s.suggested) <= set(TAGS) for s in annotator.sentences())
    assert LAYERS[0] == "details"
