from html.parser import HTMLParser

import pytest

from helpers.corpus import Corpus, article_from_text, load_corpus
from helpers.reading import find_claims
from helpers.report import build_report, describe_evidence, evidence_table, gather_evidence, render_report

VOID = {"meta", "br", "img", "hr", "input", "link", "wbr"}


class Page(HTMLParser):
    """Checks that tags nest, and collects tags, attributes and visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.attrs, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] != "style":
            self.text.append(data)

    @property
    def visible(self):
        return " ".join(self.text)


def parse(page):
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


@pytest.fixture(scope="module")
def seed_evidence(seeds):
    return gather_evidence(seeds)


@pytest.fixture(scope="module")
def seed_page(seed_evidence):
    return build_report(seed_evidence, generated="2025-01-01")


def test_the_seed_report_is_well_formed_and_names_every_article(seeds, seed_page):
    page = parse(seed_page)
    assert page.tags[0] == "html"
    ids = [value for name, value in page.attrs if name == "id" and value.startswith("article-")]
    assert ids == [f"article-{n}" for n in range(len(seeds))]
    for article in seeds:
        assert article.file in page.visible
    assert "2025-01-01" in page.visible


def test_the_report_is_self_contained(seed_page):
    page = parse(seed_page)
    assert {"script", "link", "img", "iframe", "object"}.isdisjoint(page.tags)
    for name, value in page.attrs:
        if name in ("src", "href"):
            assert value.startswith("#"), f"{name}={value!r} points outside the page"
    assert "url(" not in seed_page and "@import" not in seed_page


def test_the_report_shows_the_evidence_it_gathered(seed_evidence, seed_page):
    visible = parse(seed_page).visible
    rows = evidence_table(seed_evidence)
    for row in rows:
        for sentence in describe_evidence(row):
            assert sentence in visible
    strongest = max((p for pair in seed_evidence.pairs for p in pair.passages), key=lambda p: p.words)
    pair = next(pair for pair in seed_evidence.pairs if strongest in pair.passages)
    text = seed_evidence.by_label(pair.a_label).article.text[strongest.a_start : strongest.a_end]
    assert text in visible
    assert "1798 Alien Enemies Act" in visible


def test_evidence_rows_agree_with_the_helpers(seeds, seed_evidence):
    rows = {row["label"]: row for row in evidence_table(seed_evidence)}
    assert list(rows) == seeds.labels
    for article in seeds:
        row = rows[article.label]
        claims = find_claims(article)
        assert row["claims"] == len(claims)
        assert row["unsourced_claims"] == sum(1 for c in claims if not c.attributed)
        assert row["words"] == article.word_count
        assert set(row["unknown"]) <= {"headline", "date", "outlet", "byline", "place"}
    # the two articles that open with the same sentence are each other's closest match
    first, second = seeds.labels[:2]
    assert rows[first]["closest"] == second and rows[second]["closest"] == first
    assert rows[first]["copied_words"] > 0


def test_harbor_copy_is_found_and_shown(harbor):
    evidence = gather_evidence(harbor)
    rows = {row["file"]: row for row in evidence_table(evidence)}
    wire, local = harbor["a_wire.txt"], harbor["b_local.txt"]
    assert rows["b_local.txt"]["closest"] == wire.label
    assert rows["b_local.txt"]["copied_words"] >= 20
    page = build_report(evidence)
    visible = parse(page).visible
    assert "The town council voted 5-2 on Tuesday night" in visible
    assert "PORT ALDER" in visible and "Dana Ortiz" in visible
    assert local.label in visible


def test_markup_in_articles_is_shown_as_text_everywhere(make_corpus):
    folder = make_corpus(
        {
            "evil.txt": "<script>alert('headline')</script>\n"
            "The <b>notorious</b> prison held over 250 men <script>steal()</script> in 2023.\n",
            "plain.txt": "The notorious prison held over 250 men in 2023, officials said.\n",
            "metadata.csv": "file,label,headline,outlet\nevil.txt,<i>X</i>,<img src=x onerror=alert(1)>,\"<a href='http://evil'>o</a>\"\n",
        }
    )
    page = build_report(gather_evidence(load_corpus(folder)))
    parsed = parse(page)
    assert {"script", "img", "b", "i", "a"} & set(parsed.tags) <= {"a"}
    assert all(value.startswith("#") for name, value in parsed.attrs if name == "href")
    assert "<script>alert('headline')</script>" in parsed.visible
    assert "<img src=x onerror=alert(1)>" in parsed.visible
    assert "&lt;script&gt;" in page and "<script" not in page


def test_a_corpus_of_one_article_without_claims_or_loaded_words():
    corpus = Corpus(None, [article_from_text("It rained all day and the streets were quiet.", "rain.txt", "R")])
    evidence = gather_evidence(corpus)
    assert evidence.pairs == [] and evidence.notes
    page = parse(build_report(evidence)).visible
    assert "Only one article" in page
    assert "No sentence with a checkable detail" in page
    assert "No word of the loaded-language list" in page
    assert "No attribution found" in page
    row = evidence_table(evidence)[0]
    assert row["closest"] == "" and row["copied_words"] == 0
    assert row["unknown"] == ["headline", "date", "outlet", "byline", "place"]
    assert "It has no sentence with a checkable detail" in " ".join(describe_evidence(row))


def test_an_article_with_no_metadata_says_not_stated(make_corpus):
    folder = make_corpus({"a.txt": "Over 250 men left on Tuesday.", "b.txt": "Nothing of note happened."})
    page = parse(render_report(load_corpus(folder), title="Two <odd> files")).visible
    assert page.count("not stated") >= 8
    assert "Two <odd> files" in page


def test_an_empty_corpus_is_refused_with_a_message():
    with pytest.raises(ValueError, match="no article"):
        gather_evidence([])


def test_large_corpora_skip_the_quadratic_parts_and_say_so(harbor, monkeypatch):
    import helpers.report as report

    monkeypatch.setattr(report, "MAX_DISTINCTIVE_ARTICLES", 2)
    monkeypatch.setattr(report, "MAX_MATRIX_ARTICLES", 2)
    evidence = gather_evidence(harbor)
    assert all(item.distinctive == [] and "not computed" in item.distinctive_note for item in evidence.articles)
    assert all(pair.passages or pair.paraphrases for pair in evidence.pairs)  # only pairs that share something
    page = build_report(evidence)
    visible = parse(page).visible
    assert "Distinctive words are left out" in visible and "matrix of every pair is left out" in visible
    assert "Containment: the share" not in visible
    assert "The town council voted 5-2 on Tuesday night" in visible  # passages are still shown


def test_a_topic_word_is_not_counted_as_loaded_in_the_report_as_in_notebook_01():
    texts = ["Flood waters rose on Monday. The flood hit the town hard.", "The flood closed roads across the town.",
             "Residents cleaned up after the flood in the town."]
    articles = [article_from_text(text, f"{i}.txt", "ABC"[i]) for i, text in enumerate(texts)]
    evidence = gather_evidence(articles)
    assert all(item.reading["loaded"] == 0 for item in evidence.articles), "flood is the topic here, not a metaphor"
    other = [article_from_text("A flood of applications reached the office.", "x.txt", "A"),
             article_from_text("The office opened on Monday.", "y.txt", "B"),
             article_from_text("Staff at the office worked late.", "z.txt", "C")]
    assert gather_evidence(other).articles[0].reading["loaded"] == 1, "elsewhere a flood of applications is loaded"
