from dataclasses import dataclass

import pytest

from helpers.corpus import article_from_text
from helpers.frequency import per_thousand
from helpers.reading import (
    ATTRIBUTION_LEVELS,
    TAGS,
    TONE_CAVEATS,
    find_claims,
    find_details,
    find_loaded_language,
    find_opinion_markers,
    find_provenance,
    find_stance_markers,
    load_lexicon,
    match_lexicon,
    provenance_table,
    rate_by_category,
    read_sentences,
    score_tone,
    summarize_reading,
    where_to_check,
)
from helpers.text import tokenize


@dataclass(frozen=True)
class FakeAttribution:
    """Stands in for helpers.sourcing.Attribution: only the fields the reading rules use."""

    sentence_start: int
    sentence_end: int
    speaker: str
    speaker_type: str
    kind: str = "indirect"
    speaker_resolved: str | None = None


def attribution_for(text, sentence, speaker, speaker_type, kind="indirect"):
    start = text.index(sentence)
    return FakeAttribution(start, start + len(sentence), speaker, speaker_type, kind)


# ---------------------------------------------------------------------------
# Checkable details: one sentence that must match and a near miss for each rule
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, detail, kind",
    [
        ("Over 250 men were flown out.", "Over 250 men", "quantity"),
        ("It holds up to 40,000 inmates.", "up to 40,000 inmates", "quantity"),
        ("The town will save $180,000 a year.", "$180,000", "quantity"),
        ("The council voted 5-2.", "5-2", "number"),
        ("Police counted 3 million visitors.", "3 million visitors", "quantity"),
        ("It can hold thousands of inmates.", "thousands of inmates", "quantity"),
        ("The library is two miles away.", "two miles", "quantity"),
        ("He won re-election last February.", "last February", "date"),
        ("It was published March 27, 2025.", "March 27, 2025", "date"),
        ("The meeting is on May 14.", "May 14", "date"),
        ("They voted on Tuesday night.", "Tuesday", "date"),
        ("He took office in 2019.", "2019", "date"),
        ("They invoked the 1798 Alien Enemies Act.", "1798 Alien Enemies Act", "law"),
        ("They cited the Alien Enemies Act of 1798.", "Alien Enemies Act of 1798", "law"),
        ("Amnesty International objected.", "Amnesty International", "institution"),
        ("The Senate voted.", "Senate", "institution"),
        (
            "The U.S. Court of Appeals for the District of Columbia Circuit ruled.",
            "U.S. Court of Appeals for the District of Columbia Circuit",
            "institution",
        ),
        ("It is the Terrorism Confinement Center (CECOT) in Tecoluca.", "Terrorism Confinement Center (CECOT)", "institution"),
    ],
)
def test_details_are_found_with_their_exact_text_and_kind(sentence, detail, kind):
    found = find_details(sentence)
    assert (detail, kind) in [(d.text, d.kind) for d in found]
    for d in found:
        assert sentence[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics say the policy may change.",  # "may" the verb, not the month
        "Marchers walked to the square.",  # not the month
        "They march every week.",  # lower-case march is a verb
        "The act of leaving was hard.",  # lower-case act is not a law
        "Bill Clinton spoke.",  # "Bill" starts the name: not a law
        "Council member Reyes voted against.",  # one capitalised word, not after "the"
        "Both countries see a crucial step in the partnership.",
        "MS-13 is a gang.",  # letters and digits: a name, not a number
    ],
)
def test_near_misses_are_not_details(sentence):
    assert find_details(sentence) == []


def test_details_only_search_the_given_span_and_keep_text_offsets():
    text = "Intro 12 words. Then 40 men."
    second = text.index("Then")
    found = find_details(text, second, len(text))
    assert [d.text for d in found] == ["40 men"]
    assert text[found[0].start : found[0].end] == "40 men"


def test_overlapping_details_keep_the_longer_one():
    found = find_details("It was signed on March 27, 2025.")
    assert [d.text for d in found] == ["March 27, 2025"]


# ---------------------------------------------------------------------------
# Claims and attribution
# ---------------------------------------------------------------------------


def test_claims_are_marked_by_the_best_attribution_in_their_sentence():
    text = (
        "Officials said over 250 men were deported. "
        "Critics say up to 40,000 inmates share cells. "
        "The 1798 Alien Enemies Act is seen as outdated. "
        "The prison opened in 2023. "
        "It is a sad story."
    )
    attributions = [
        attribution_for(text, "Officials said over 250 men were deported.", "Officials", "group"),
        attribution_for(text, "Officials said over 250 men were deported.", "Mayor Ruth Okafor", "person"),
        attribution_for(text, "Critics say up to 40,000 inmates share cells.", "Critics", "group"),
        attribution_for(text, "The 1798 Alien Enemies Act is seen as outdated.", "", "none", "implicit"),
    ]
    claims = find_claims(text, attributions=attributions)
    assert [c.attribution for c in claims] == ["named", "vague", "agentless", "none"]
    assert [c.attributed for c in claims] == [True, True, False, False]
    assert claims[0].speakers == ("Officials", "Mayor Ruth Okafor")
    assert claims[3].sentence == "The prison opened in 2023."
    assert "It is a sad story." not in [c.sentence for c in claims]


def test_scare_quotes_do_not_count_as_a_source():
    text = "His “mass deportation” plan covers 40,000 people."
    scare = FakeAttribution(0, len(text), "", "none", "scare")
    assert find_claims(text, attributions=[scare])[0].attribution == "none"


def test_attributions_in_another_sentence_do_not_count():
    text = "Critics were angry. Over 250 men were deported."
    attributions = [attribution_for(text, "Critics were angry.", "Critics", "group")]
    claims = find_claims(text, attributions=attributions)
    assert [(c.sentence, c.attribution) for c in claims] == [("Over 250 men were deported.", "none")]


def test_a_quotation_over_two_sentences_covers_both():
    text = 'He spoke. "We closed 3 branches. We opened 2," the mayor said.'
    start = text.index('"We')
    quote = FakeAttribution(start, len(text), "the mayor", "person", "direct")
    claims = find_claims(text, attributions=[quote])
    assert claims and all(c.attribution == "named" for c in claims)


def test_headings_are_not_claims():
    article = article_from_text("Over 250 Deported in 2025\nThe flights left on Tuesday.")
    claims = find_claims(article, attributions=[])
    assert [c.sentence for c in claims] == ["The flights left on Tuesday."]


def test_a_text_without_claims_gives_an_empty_list():
    assert find_claims("Critics say it is unfair. Supporters disagree.", attributions=[]) == []


def test_claims_use_the_sourcing_module_by_default(seeds):
    pytest.importorskip("helpers.sourcing")
    article = seeds[4]
    claims = find_claims(article)
    assert [c.attribution for c in claims] == [c.attribution for c in find_claims(article, attributions=_real(article))]
    assert all(level in ATTRIBUTION_LEVELS for level in (c.attribution for c in claims))


def _real(article):
    from helpers.sourcing import find_attributions

    return find_attributions(article)


def test_where_to_check_names_places_for_each_kind():
    text = "The 1798 Alien Enemies Act was invoked. A poll in 2024 showed 90 percent support."
    law, poll = find_claims(text, attributions=[])
    assert any("law" in s for s in where_to_check(law))
    assert any("poll itself" in s for s in where_to_check(poll))
    assert len(where_to_check(poll)) == len(set(where_to_check(poll)))


def test_seed_claims_include_the_figures_a_reader_would_check(seeds):
    found = {d.text for article in seeds for c in find_claims(article, attributions=[]) for d in c.details}
    assert {"over 250 gang-related individuals", "up to 40,000 inmates", "1798 Alien Enemies Act", "Amnesty International"} <= found
    assert "U.S. Court of Appeals for the District of Columbia Circuit" in found


# ---------------------------------------------------------------------------
# Word lists and matching
# ---------------------------------------------------------------------------


def test_every_shipped_list_loads_with_known_categories():
    categories = {e.category for e in load_lexicon("loaded_language_en.txt")}
    assert categories == {"label for people", "evaluative", "intensifier", "threat metaphor", "euphemism", "fixed phrase"}
    assert {e.category for e in load_lexicon("stance_markers_en.txt")} == {"hedge", "booster"}
    assert {e.category for e in load_lexicon("opinion_markers_en.txt")} == {"first person", "conclusion", "obligation", "evaluation"}
    assert len(load_lexicon("lateral_reading_en.txt")) > 10


def test_a_broken_list_line_is_named(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my list\nnotorious\n", encoding="utf-8")
    with pytest.raises(ValueError, match="notorious"):
        load_lexicon(str(path))


def test_a_students_own_list_is_used(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("gentle giant* | evaluative | a soft label\n", encoding="utf-8")
    hits = find_loaded_language("Two gentle giants arrived.", lexicon=load_lexicon(str(path)))
    assert [(h.text, h.note) for h in hits] == [("gentle giants", "a soft label")]


def test_matching_prefers_the_longest_entry_and_never_overlaps():
    lexicon = load_lexicon("stance_markers_en.txt")
    tokens = tokenize("It is not clear. It is clear. It is seen as fair.")
    found = [(" ".join(t.text for t in tokens[a:b]), e.category) for a, b, e in match_lexicon(tokens, lexicon)]
    assert found == [("not clear", "hedge"), ("clear", "booster"), ("is seen as", "hedge")]


def test_phrases_do_not_match_across_punctuation_or_lines():
    assert find_stance_markers("It was seen, as usual, late.") == []
    hits = find_loaded_language("Illegal\nimmigrants")
    assert [(h.text, h.entry) for h in hits] == [("immigrants", "immigrant*")]


def test_capitals_do_not_match_lower_case_entries():
    hits = find_opinion_markers("The US will act. Let us act.")
    assert [h.text for h in hits] == ["us"]


def test_loaded_language_offsets_index_a_bom_and_crlf_text():
    text = "\ufeffHeadline Here\r\nThe notorious prison holds deportees.\r\n"
    article = article_from_text(text)
    hits = find_loaded_language(article)
    assert [h.text for h in hits] == ["notorious", "deportees"]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_loaded_language_skips_page_furniture_but_reads_headings():
    article = article_from_text("Notorious Prison Opens\nIt opened.\nShare this article")
    assert [h.text for h in find_loaded_language(article)] == ["Notorious"]


def test_loaded_words_in_quotations_are_marked_as_quoted():
    hits = find_loaded_language('He called them “criminals” and said “thugs”. They are deportees.')
    assert [(h.text, h.quoted) for h in hits] == [("criminals", True), ("thugs", True), ("deportees", False)]


def test_every_paragraph_of_a_quotation_over_several_paragraphs_is_quoted():
    text = "“These criminals broke in.\n\n“The thugs came back,” she said. Deportees waited."
    hits = find_loaded_language(text)
    assert [(h.text, h.quoted) for h in hits] == [("criminals", True), ("thugs", True), ("Deportees", False)]


def test_words_in_single_quotation_marks_are_quoted_but_apostrophes_are_not():
    hits = find_loaded_language("Workers' leaders called them ‘thugs’. Critics don't call deportees criminals.")
    assert [(h.text, h.quoted) for h in hits] == [("thugs", True), ("deportees", False), ("criminals", False)]


def test_no_loaded_words_gives_zero_rates():
    article = article_from_text("The council met on Tuesday and voted.")
    assert find_loaded_language(article) == []
    assert rate_by_category([], article.word_count) == {"total": 0.0}
    assert summarize_reading(article, attributions=[])["loaded_per_1000"] == 0.0


def test_rates_are_per_thousand_words_and_can_leave_out_quotations():
    hits = find_loaded_language('Notorious gangs. He said "heinous".')
    assert rate_by_category(hits, 250) == {"evaluative": 8.0, "total": 8.0}
    assert rate_by_category(hits, 250, include_quoted=False) == {"evaluative": 4.0, "total": 4.0}
    assert rate_by_category([hits[0]], 3) == {"evaluative": 333.33, "total": 333.33}, "rounded to two decimals"


# ---------------------------------------------------------------------------
# Hedges, boosters, opinion
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The men allegedly belong to a gang.", [("allegedly", "hedge")]),
        ("This move is seen as a response.", [("is seen as", "hedge")]),
        ("The policy may fail.", [("may", "hedge")]),
        ("This is clearly wrong.", [("clearly", "booster")]),
        ("It is undoubtedly a shift.", [("undoubtedly", "booster")]),
        ("The vote is on May 14.", []),
        ("They met in May 2024.", []),
    ],
)
def test_hedges_and_boosters(sentence, expected):
    assert [(h.text, h.category) for h in find_stance_markers(sentence)] == expected


def test_opinion_markers_leave_quoted_speech_marked():
    text = '"Do not come to our country," she said. Ultimately, we must decide. Is it fair? "Where will they go?"'
    hits = find_opinion_markers(text)
    mine = [(h.text, h.category) for h in hits if not h.quoted]
    theirs = [(h.text, h.category) for h in hits if h.quoted]
    assert mine == [("Ultimately", "conclusion"), ("we", "first person"), ("must", "obligation"), ("Is it fair?", "question")]
    assert ("our", "first person") in theirs and ('"Where will they go?"', "question") in theirs


# ---------------------------------------------------------------------------
# Sentence readings and summaries
# ---------------------------------------------------------------------------


def test_sentence_readings_suggest_tags_from_the_rules():
    text = "Critics said 40 men left. The notorious prison is encouraging. It rained."
    attributions = [attribution_for(text, "Critics said 40 men left.", "Critics", "group")]
    readings = read_sentences(text, attributions=attributions)
    assert [r.suggested for r in readings] == [("claim", "sourced"), ("opinion", "loaded"), ()]
    assert all(set(r.suggested) <= set(TAGS) for r in readings)
    assert all(text[r.start : r.end] == r.text for r in readings)


def test_summary_counts_match_the_finders(seeds):
    article = seeds[3]
    summary = summarize_reading(article, attributions=[])
    assert summary["claims"] == len(find_claims(article, attributions=[]))
    assert summary["loaded"] == len(find_loaded_language(article))
    assert summary["words"] == article.word_count
    assert summary["loaded_per_1000"] == round(per_thousand(summary["loaded"], article.word_count), 2)
    assert summary["claims_by_attribution"]["none"] == summary["claims"]
    assert sum(count for _, count in summary["top_loaded"]) <= summary["loaded"]


def test_an_article_that_is_only_markup_is_read_as_text():
    text = "<script>alert('over 250')</script>\n<p>The notorious prison opened in 2023.</p> It holds men."
    article = article_from_text(text)
    claims = find_claims(article, attributions=[])
    assert any(d.text == "2023" for c in claims for d in c.details)
    assert [h.text for h in find_loaded_language(article)] == ["notorious"]


# ---------------------------------------------------------------------------
# Provenance
# ---------------------------------------------------------------------------


def test_provenance_of_a_text_with_everything_stated():
    text = "Council Votes To Close Library\nBy Dana Ortiz\n| Updated May 2, 2025\nPORT ALDER (AP) — The council voted.\nShare this article"
    p = find_provenance(article_from_text(text, "x.txt"))
    assert (p.headline, p.byline, p.date, p.place, p.agency) == ("Council Votes To Close Library", "Dana Ortiz", "2025-05-02", "PORT ALDER", "AP")
    assert p.unknown == ()
    assert p.boilerplate == ((5, "Share this article"),)
    assert text[p.place_span[0] : p.place_span[1]] == "PORT ALDER (AP) — "
    assert p.sources["byline"] == "text"


def test_provenance_with_a_region_in_the_place_line():
    p = find_provenance(article_from_text("SAN SALVADOR, El Salvador — Officials spoke."))
    assert p.place == "SAN SALVADOR, El Salvador"


@pytest.mark.parametrize("opening", ["The council voted — narrowly.", "I — the writer — disagree.", "US officials — many — agree."])
def test_ordinary_openings_are_not_place_lines(opening):
    assert find_provenance(article_from_text(opening)).place is None


def test_provenance_notes_where_values_come_from_and_conflicts():
    article = article_from_text(
        "Library Closes\n| Published May 2, 2025\nIt closed.",
        metadata={"headline": "Library closes", "date": "2025-05-03", "outlet": "not stated", "notes": "a test"},
    )
    p = find_provenance(article)
    assert p.sources["headline"] == "metadata and text"
    assert p.conflicts == ("date: metadata.csv says '2025-05-03', the text says '2025-05-02'",)
    assert "outlet" in p.unknown and p.notes == "a test"


def test_provenance_of_an_article_with_no_metadata_lists_everything_as_unknown():
    p = find_provenance(article_from_text("Just prose, nothing else."))
    assert p.unknown == ("headline", "date", "outlet", "byline", "place")
    assert p.stated == ()


def test_provenance_table_on_the_seeds(seeds):
    rows = provenance_table(seeds)
    assert [r["label"] for r in rows] == seeds.labels
    by_file = {r["file"]: r for r in rows}
    assert by_file["004_4d12e22949542b7c.txt"]["date"] == "2025-03-27"
    assert by_file["004_4d12e22949542b7c.txt"]["furniture"] == "Be the first to comment"
    assert all(r["outlet"] == "not stated" and r["byline"] == "not stated" for r in rows)
    assert find_provenance(seeds[3]).cut_lines == (14,)
    assert find_provenance(seeds[3]).traces["bullet"] == 5


def test_provenance_table_on_the_harbor_corpus(harbor):
    rows = {r["file"]: r for r in provenance_table(harbor)}
    assert rows["a_wire.txt"]["place"] == "PORT ALDER"
    assert rows["c_messy.txt"]["byline"] == "Dana Ortiz"
    assert rows["c_messy.txt"]["furniture"] == "Share this article"


# ---------------------------------------------------------------------------
# Tone
# ---------------------------------------------------------------------------


def test_tone_scores_every_prose_sentence_and_has_caveats():
    pytest.importorskip("vaderSentiment")
    article = article_from_text("A Headline\nThis is a wonderful, happy day. The attack killed many people.")
    rows = score_tone(article)
    assert [r["sentence"] for r in rows] == ["This is a wonderful, happy day.", "The attack killed many people."]
    assert rows[0]["compound"] > 0 > rows[1]["compound"]
    assert all(-1 <= r["compound"] <= 1 for r in rows)
    assert len(TONE_CAVEATS) >= 3


# ---------------------------------------------------------------------------
# Offsets hold for any text
# ---------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_pieces = st.sampled_from(
    ["over 250 men", "the 1798 Alien Enemies Act", "notorious", "“quoted may”", "May 14", "\r\n", "\n", "\ufeff",
     "We", "allegedly", "?", ". ", "Amnesty International", "<b>", "$180,000", "x", " "]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_pieces, max_size=25).map("".join))
def test_every_offset_indexes_the_text_as_stored(text):
    article = article_from_text(text or "x")
    text = article.text
    for reading in read_sentences(article, attributions=[]):
        assert text[reading.start : reading.end] == reading.text
        for item in reading.details + reading.loaded + reading.hedges + reading.boosters + reading.opinion:
            assert text[item.start : item.end] == item.text


def test_claims_from_readings_equal_find_claims(seeds):
    from helpers.reading import claims_from_readings

    for article in seeds:
        readings = read_sentences(article, attributions=[])
        assert claims_from_readings(readings, article.file) == find_claims(article, attributions=[])
        assert summarize_reading(article, readings=readings) == summarize_reading(article, attributions=[])


# ---------------------------------------------------------------------------
# General loaded language, fixed phrases, names and topic words
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, loaded",
    [
        ("Inspectors found no weapons of mass destruction.", []),  # a fixed phrase
        ("The plan calls for mass deportation.", ["mass"]),  # near miss: the intensifier
        ("The mass media covered it.", []),
        ("The Security Council met on Friday.", []),
        ("A threat to security was named.", ["threat"]),
        ("Officials raised the threat level to severe.", ["severe"]),  # "threat level" is an official rating
        ("The ruling was statistically significant.", []),
        ("The ruling was significant.", ["significant"]),
        ("Violent crime fell last year.", []),  # a category of official statistics
        ("Violent protesters gathered.", ["Violent"]),
        ("She flew a fighter jet.", []),
        ("He is a fighter.", ["fighter"]),
    ],
)
def test_fixed_phrases_are_not_loaded_but_the_word_alone_is(text, loaded):
    assert [h.text for h in find_loaded_language(text)] == loaded


@pytest.mark.parametrize(
    "text, loaded",
    [
        ("The report came from the Strategic Air Command.", []),  # a listed word inside a name
        ("Staff at the Violent Crimes Unit said so.", []),
        ("Notorious gangs were named.", ["Notorious"]),  # the capital comes from the sentence
        ("“Notorious gangs,” he said.", ["Notorious"]),
        ("Critics called the plan strategic.", ["strategic"]),
    ],
)
def test_a_listed_word_inside_a_capitalised_name_is_not_loaded(text, loaded):
    assert [h.text for h in find_loaded_language(text)] == loaded


def test_in_a_headline_every_capitalised_word_is_still_read():
    hits = find_loaded_language(article_from_text("Council Slams Brutal Cuts\nThe council met.", "h.txt"))
    assert [h.text for h in hits] == ["Slams", "Brutal"]


def test_a_figurative_word_that_is_the_topic_is_not_counted():
    text = "The flood reached the town. Officials called it a flood of complaints."
    assert [h.text for h in find_loaded_language(text)] == ["flood", "flood"]
    assert find_loaded_language(text, topic_words=["flood"]) == []
    assert find_loaded_language("The invasion began at dawn.", topic_words=["invasions"]) == []
    assert [h.text for h in find_loaded_language("A flood of complaints.", topic_words=["library"])] == ["flood"]


def test_a_label_that_is_a_topic_word_is_counted_with_a_note():
    hits = find_loaded_language("Refugees crossed. Notorious smugglers waited.", topic_words=["refugee"])
    assert [(h.text, h.topic) for h in hits] == [("Refugees", True), ("Notorious", False)]
    assert hits[0].note.endswith("also a topic word of this corpus")
    summary = summarize_reading("Refugees crossed. Notorious smugglers waited.", attributions=[], topic_words=["refugee"])
    assert (summary["loaded"], summary["loaded_topic"]) == (2, 1)


def test_a_topic_phrase_matches_only_the_whole_phrase():
    text = "Human rights abuses were reported."
    assert [h.topic for h in find_loaded_language(text, topic_words=["human rights"])] == [True]
    assert [h.topic for h in find_loaded_language(text, topic_words=["human error"])] == [False]


def test_figurative_is_the_only_fourth_field(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("storm* | threat metaphor | a weather image | metaphorical\n", encoding="utf-8")
    with pytest.raises(ValueError, match="figurative"):
        load_lexicon(str(path))
    path.write_text("storm* | threat metaphor | a weather image | figurative\n", encoding="utf-8")
    assert load_lexicon(str(path))[0].use == "figurative"


def test_topic_words_are_shared_by_most_articles_and_leave_out_news_words():
    from helpers.reading import find_topic_words

    texts = {
        "A": "The ferry stopped on Monday, the ferry company said. Islanders waited.",
        "B": "No ferry ran in March, officials told reporters. The company is in debt.",
        "C": "The ferry company said repairs would take weeks.",
        "D": "Islanders said the winter was hard.",
    }
    assert find_topic_words(texts) == ("ferry", "company")  # "said", "monday", "march" are news words
    assert find_topic_words(texts, n=1) == ("ferry",)
    assert find_topic_words(texts, also=["Debt", "ferry"]) == ("debt", "ferry", "company")
    assert find_topic_words({"A": "One short article about tides and tides."}) [0] == "tides"


def test_topic_words_of_the_two_corpora(seeds, harbor):
    from helpers.reading import find_topic_words

    assert {"library", "branch", "council", "town"} <= set(find_topic_words(harbor))
    assert "said" not in find_topic_words(harbor) and "fight" not in find_topic_words(harbor)
    assert "gang" in find_topic_words(seeds)
    assert find_topic_words(harbor, also=harbor.story.follow)[:5] == ("library", "branch", "closure", "council", "budget")


def test_where_to_check_matches_plurals_but_not_other_words():
    claim = find_claims("In 2024 three courts heard the case.", attributions=[])[0]
    assert any("court's own records" in s for s in where_to_check(claim))
    claim = find_claims("A fundamental change came in 2024.", attributions=[])[0]
    assert not any("budget" in s for s in where_to_check(claim))
    claim = find_claims("The council's budget rose in 2024.", attributions=[])[0]
    assert any("published budget" in s for s in where_to_check(claim))


def test_lateral_prompts_hold_no_seed_story_triggers():
    triggers = {entry.pieces[0] for entry in load_lexicon("lateral_reading_en.txt")}
    assert not triggers & {"deport", "flight", "prison", "inmate", "fee", "pay", "gang"}
    claim = find_claims("The men were deported on two flights to a prison in 2025.", attributions=[])[0]
    assert not any("prison" in s or "governments on both sides" in s for s in where_to_check(claim))


def test_tone_caveats_are_about_news_in_general():
    assert not any("prison" in caveat for caveat in TONE_CAVEATS)


def _brute_force_matches(tokens, lexicon):
    """Every entry tried at every token, as the definition in match_lexicon's docstring reads."""
    from helpers.text import normalize_quotes

    def fits(piece, token):
        norm = normalize_quotes(token.text).lower()
        if piece.endswith("*"):
            ok = token.is_word and norm.startswith(piece[:-1].lower())
        else:
            ok = norm == piece.lower()
        letters = [ch for ch in token.text if ch.isalpha()]
        acronym = len(letters) >= 2 and all(ch.isupper() for ch in letters)
        return ok and not (acronym and piece == piece.lower())

    found, i = [], 0
    while i < len(tokens):
        best = None
        for entry in lexicon:
            n = len(entry.pieces)
            if i + n <= len(tokens) and all(fits(p, tokens[i + k]) for k, p in enumerate(entry.pieces)):
                exact = not entry.pieces[-1].endswith("*")
                if best is None or (n, exact) > (len(best.pieces), not best.pieces[-1].endswith("*")):
                    best = entry
        if best is None:
            i += 1
        else:
            found.append((i, i + len(best.pieces), best))
            i += len(best.pieces)
    return found


@pytest.mark.parametrize("name", ["loaded_language_en.txt", "stance_markers_en.txt", "opinion_markers_en.txt"])
@pytest.mark.parametrize("folder", ["seeds", "tests/corpora/harbor", "tests/corpora/long-quotes"])
def test_indexed_lexicon_matching_finds_what_trying_every_entry_finds(folder, name):
    from conftest import ROOT
    from helpers.corpus import load_corpus
    from helpers.reading import load_lexicon, match_lexicon
    from helpers.text import tokenize

    lexicon = load_lexicon(name)
    for article in load_corpus(ROOT / folder):
        tokens = tokenize(article.text)
        assert match_lexicon(tokens, lexicon) == _brute_force_matches(tokens, lexicon)
        assert match_lexicon(tokens, list(lexicon)) == _brute_force_matches(tokens, lexicon), "a list, not cached"
