import re
from html.parser import HTMLParser

import pytest

from helpers.corpus import article_from_text
from helpers.frequency import concordance, count_words, running_words, stem_forms, top_words
from helpers.widgets.frequency import ConcordanceBox, WordExplorer, dispersion_strip_html, kwic_html


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


HOSTILE = [
    article_from_text("The <script>alert(1)</script> prison holds gang members. Gang leaders.", "x.txt", "X"),
    article_from_text("Court rules on the prison. The court waits.", "y.txt", "Y"),
]


def bar_words(markup):
    """The words in the first column of the explorer's bar tables."""
    return re.findall(r'<td style="text-align:right;padding-right:6px">([^<]+)', markup)


def test_explorer_shows_the_top_words_of_each_article(seeds):
    explorer = WordExplorer(seeds, n=5)
    html = explorer.output.value
    for article in seeds:
        assert f"<strong>{article.label}</strong> ({running_words(article)} running words)" in html
    expected = [w.word for a in seeds for w in top_words(a, n=5)]
    assert bar_words(html) == expected


def test_explorer_callbacks_redraw(seeds):
    explorer = WordExplorer(seeds, n=3)
    explorer.articles.value = ("C",)
    assert bar_words(explorer.output.value) == [w.word for w in top_words(seeds["C"], n=3)]
    explorer.stopwords.value = False
    assert bar_words(explorer.output.value)[0] == "the"
    explorer.number.value = 7
    assert len(bar_words(explorer.output.value)) == 7
    explorer.stopwords.value = True
    explorer.stemming.value = True
    html = explorer.output.value
    stems = [w.word for w in top_words(seeds["C"], n=7, stemmer="porter")]
    assert [w.split(" ")[0] for w in bar_words(html)] == stems
    assert "forms grouped by stem" in html
    forms = stem_forms(seeds["C"])
    for stem in stems:  # each stem shows the words behind it, most frequent first
        word, count = forms[stem][0]
        assert f"({word} {count}" in html


def test_explorer_bars_by_rate_and_by_count(seeds):
    explorer = WordExplorer(seeds, n=1)
    widths = lambda: [float(w) for w in re.findall(r"width:([\d.]+)%", explorer.output.value)]
    counts = widths()
    explorer.scale.value = True
    rates = widths()
    assert "rates per 1,000 running words" in explorer.output.value
    top = {a.label: top_words(a, 1)[0] for a in seeds}
    biggest_count = max(top, key=lambda k: top[k].count)
    biggest_rate = max(top, key=lambda k: top[k].per_1000)
    assert counts[seeds.labels.index(biggest_count)] == 100.0
    assert rates[seeds.labels.index(biggest_rate)] == 100.0


def test_explorer_with_no_article_chosen_says_what_to_do(seeds):
    explorer = WordExplorer(seeds)
    explorer.articles.value = ()
    assert "Choose at least one article" in explorer.output.value


def test_explorer_escapes_article_text():
    explorer = WordExplorer(HOSTILE, n=20)
    html = explorer.update()
    assert html == explorer.output.value
    assert "script" not in tags_in(html)
    assert "gang" in bar_words(html)


def test_explorer_can_draw_the_matplotlib_chart(seeds):
    explorer = WordExplorer(seeds, n=3, image=True)
    assert explorer.output.value.startswith('<figure class="chart"><img src="data:image/png;base64,')
    assert explorer.chart.data["A"][0][0] == top_words(seeds["A"], 1)[0].word


def test_explorer_displays_as_a_widget(seeds):
    bundle = WordExplorer(seeds)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_concordance_box_shows_every_hit_in_context(seeds):
    box = ConcordanceBox(seeds)
    assert "Type a word" in box.output.value
    box.query.value = "illegal"
    expected = count_words(seeds)["illegal"]
    assert len(box.hits) == expected
    html = box.output.value
    assert html.count("<mark>") == expected
    assert f"{expected} hits for “illegal”" in html
    for hit in box.hits:
        assert f"{hit.start}–{hit.end}" in html


def test_concordance_box_phrase_stems_and_article_choice(seeds):
    box = ConcordanceBox(seeds, query="human rights")
    assert {h.keyword.lower() for h in box.hits} == {"human rights"}
    box.query.value = "deported"
    plain = len(box.hits)
    box.stems.value = True
    assert len(box.hits) > plain
    assert {h.keyword.lower() for h in box.hits} >= {"deported", "deportation"}
    box.article.value = "C"
    assert {h.label for h in box.hits} == {"C"}
    assert "of 1 article(s)" in box.output.value


def test_concordance_box_sorts_by_the_word_after(seeds):
    box = ConcordanceBox(seeds, query="illegal")
    in_text_order = [h.start for h in box.hits]
    box.order.value = "right"
    after = [h.right.split()[0].strip(".,").lower() for h in box.hits]
    assert after == sorted(after)
    rows = re.findall(r"<mark>[^<]*</mark></td><td[^>]*>([^<]*)</td>", box.output.value)
    assert [r.split()[0].strip(".,").lower() for r in rows] == after
    box.order.value = "text"
    assert [h.start for h in box.hits] == in_text_order


def test_concordance_box_no_hits_is_a_message_not_an_error(seeds):
    box = ConcordanceBox(seeds)
    box.query.value = "bukle"
    assert box.hits == []
    assert "No hits for &#x27;bukle&#x27;. Did you mean: bukele?" in box.output.value
    box.query.value = "   "
    assert "Type a word" in box.output.value


def test_concordance_box_escapes_article_text():
    box = ConcordanceBox(HOSTILE, query="prison")
    html = box.output.value
    assert "script" not in tags_in(html)
    assert "&lt;script&gt;" in html


def test_dispersion_strips_describe_positions_in_words():
    hits = concordance({"A": "gang x y gang", "B": "nothing"}, "gang")
    html = dispersion_strip_html(hits, ["A", "B"], {"A": 4, "B": 1})
    assert 'aria-label="A: 2 hits (500.0 per 1,000 words), at 0%, 75%"' in html
    assert "B: 0 hits" in html
    assert html.count("position:absolute") == 2


def test_kwic_rows_are_capped():
    hits = concordance("gang " * 30, "gang")
    html = kwic_html(hits, limit=10)
    assert html.count("<mark>") == 10
    assert "first 10 of 30 hits" in html


@pytest.mark.parametrize("query", ["security", "due process", "deport*"])
def test_hits_shown_match_the_text_as_stored(seeds, query):
    box = ConcordanceBox(seeds, query=query)
    for hit in box.hits:
        assert seeds[hit.label].text[hit.start : hit.end] == hit.keyword
