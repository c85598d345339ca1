"""The attribution finder on the patterns of real news writing: each rule with a sentence
it must take and a near miss it must not, and speaker resolution across an article.

Every sentence here is written for these tests (no sentence comes from a news corpus).
"""

import pytest

from helpers.sourcing import find_attributions, find_near_misses


def only(text, **expected):
    found = [a for a in find_attributions(text) if a.kind != "scare"]
    assert len(found) == 1, [(a.speaker, a.cue, a.rule) for a in found]
    for key, value in expected.items():
        assert getattr(found[0], key) == value, (key, getattr(found[0], key), value)
    return found[0]


def by_cue(text, cue):
    matches = [a for a in find_attributions(text) if a.cue == cue]
    assert len(matches) == 1, [(a.speaker, a.cue) for a in find_attributions(text)]
    return matches[0]


# -- described speakers: a verb of saying makes its subject a speaker -----------------------


@pytest.mark.parametrize(
    "text, speaker, speaker_type",
    [
        ("The pilot said the engine had failed twice.", "The pilot", "person"),
        ("Forecasters say the storm will turn north.", "Forecasters", "group"),
        ("One Ohio delegate said the vote was rushed.", "One Ohio delegate", "group"),
        ("About three in 10 said they would stay home.", "three in 10", "group"),
    ],
)
def test_a_person_or_group_described_by_any_noun_speaks_with_a_verb_of_saying(text, speaker, speaker_type):
    a = only(text, speaker_type=speaker_type, cue="said" if "said" in text else "say")
    assert speaker in a.speaker


@pytest.mark.parametrize(
    "text",
    [
        "This move says a lot about the council.",  # an abstract subject with "says" is idiom
        "The derogatory comments had two aims.",  # "comments" is a noun here
        "Trump has won several states on Tuesday.",  # "states" is a noun
        "The ferry runs in several states and provinces.",
    ],
)
def test_look_alikes_of_a_described_speaker_are_not_taken(text):
    assert [a for a in find_attributions(text) if a.kind != "scare"] == []


def test_a_capitalised_word_inside_a_sentence_is_never_a_cue():
    assert find_attributions("He moved to the United States in 1990.") == []


# -- where the speaker stands -----------------------------------------------------------------


def test_a_party_label_in_brackets_does_not_hide_the_speaker():
    only("Sen. Ada Moss (D-Ore.) said the bill would pass.", speaker="Sen. Ada Moss", speaker_resolved="Ada Moss")
    only("Sen. Ada Moss (D-Ore.), who chairs the panel, said the bill would pass.", speaker_resolved="Ada Moss")


def test_an_aside_between_dashes_does_not_hide_the_speaker():
    only("The judge -- who has heard the case twice -- said the ruling would stand.", speaker="The judge")


def test_an_apposition_with_commas_of_its_own_does_not_hide_the_speaker():
    only("Rob Lane, a farmer from Dover, Delaware, said the price was too low.", speaker_resolved="Rob Lane")


def test_an_inverted_speaker_may_be_followed_by_an_apposition():
    only("Prices will rise again, said Nia Cole, an economist at Westbay Bank.", speaker_resolved="Nia Cole",
         rule="content-then-speaker")


def test_a_quotation_that_ends_its_sentence_keeps_a_speaker_in_the_next():
    a = only("“We are not done yet.” Ms Reyes said.", speaker="Ms Reyes", kind="direct")
    assert a.quote == "We are not done yet."


def test_a_full_sentence_after_a_quotation_is_not_taken_for_its_attribution():
    found = find_attributions("He called the rise “a tax by another name.” Others questioned why grants were not used.")
    assert all(a.rule != "quote-then-speaker" for a in found)


def test_a_sentence_opening_question_is_an_agentless_attribution():
    found = find_attributions("Asked about the delay, Mr Hale said the parts had not arrived.")
    assert [(a.rule, a.kind) for a in found] == [("agentless-reduced", "implicit"), ("speaker-cue-content", "indirect")]


# -- non-responses, headlines, outlets, documents ------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("A spokesman for Harlow Rail did not respond to a request for comment.", "A spokesman for Harlow Rail"),
        ("The council declined to comment.", "The council"),
        ("Lee Park didn't respond to emails.", "Lee Park"),
    ],
)
def test_a_source_that_did_not_answer_is_its_own_kind(text, speaker):
    only(text, speaker=speaker, kind="no-response", cue_category="no-response", rule="no-response")


def test_a_negated_cue_that_is_not_an_answer_stays_a_near_miss():
    assert find_attributions("The mayor did not claim that the report was wrong.") == []
    assert [m.guard for m in find_near_misses("The mayor did not claim that the report was wrong.")] == ["negated"]


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("Minister says ferry talks will go on\nThe talks resumed on Monday.", "Minister", "indirect"),
        ("Union Warns Of Strike Over Pay\nThe union met on Monday.", "Union", "indirect"),
        ("Hale: ‘We will not back down’\nThe minister spoke on Monday.", "Hale", "direct"),
    ],
)
def test_a_headline_of_the_form_x_says_is_an_attribution(text, speaker, kind):
    headline = [a for a in find_attributions(text) if a.rule == "headline"]
    assert [(a.speaker, a.kind) for a in headline] == [(speaker, kind)]


def test_a_headline_without_a_verb_of_saying_is_not_an_attribution():
    assert find_attributions("Ferry Talks Resume After Storm\nThe talks resumed on Monday.") == []


def test_a_headline_name_then_colon_is_an_attribution_when_the_article_names_them_again():
    text = "Okafor: Ferry Talks Will Go On\nHarbour minister Ruth Okafor spoke in Leith on Monday."
    assert [(a.speaker, a.speaker_type, a.kind, a.rule) for a in find_attributions(text)] == [
        ("Okafor", "person", "indirect", "headline")]


@pytest.mark.parametrize(
    "text",
    [
        "Looking Ahead: The Ferry's Future\nThe ferry runs twice a day.",  # a section heading, named nowhere else
        "Exclusive: Okafor Plans New Route\nRuth Okafor spoke in Leith.",  # a label word before the colon
        "Some: Ferry Too Slow\nSome riders wrote to the council.",  # a vague group is not a headline source
        "The Latest: Okafor Plans New Route.\nRuth Okafor spoke in Leith.",  # a label, with a final full stop
        "The panel met.\n\nQ: Will the ferry run?\n\nA: Not this year.",  # interview labels, not names
    ],
)
def test_a_label_or_heading_before_a_colon_is_not_a_headline_source(text):
    assert [a for a in find_attributions(text) if a.rule == "headline"] == []


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("Okafor continued: “We will run the ferry all winter.”", "Okafor", "continued"),
        ("“We are ready,” she said. She continued, “The boats are fixed.”", "She", "continued"),
        ("The mayor resigned on Monday, citing the cuts to her budget.", "The mayor", "citing"),
        ("Ms Lee referred to the vote as a turning point.", "Ms Lee", "referred to"),
    ],
)
def test_continued_citing_and_referred_to_report_speech(text, speaker, cue):
    found = by_cue(text, cue)
    assert found.speaker == speaker and found.kind in ("direct", "indirect")


def test_states_as_a_noun_is_not_a_cue_and_states_that_is():
    assert find_attributions("As Baltic states and neighbours, they share a border.") == []
    assert by_cue("The report states that the bridge is unsafe.", "states").speaker == "The report"


@pytest.mark.parametrize(
    "text",
    ["Prices continued to rise in the spring.", "The team continued its tour of the coast."],
)
def test_continued_without_a_quotation_or_colon_is_not_speech(text):
    assert find_attributions(text) == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Okafor said the ferry was safe before adding: “We check it every day.”", "adding"),
        ("Okafor defended the timetable, while stressing that the boats are old.", "stressing"),
        ("Okafor called it “a fair deal,” claiming that riders would gain.", "claiming"),
    ],
)
def test_an_ing_cue_joined_by_while_before_or_a_quoted_comma_follows_on(text, cue):
    assert by_cue(text, cue).speaker == "Okafor"


@pytest.mark.parametrize(
    "text",
    ["The company grew by selling shoes.", "The mayor spoke for an hour before leaving the stage."],
)
def test_an_ing_verb_that_is_not_a_cue_does_not_follow_on(text):
    assert find_attributions(text) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The head teachers' union said it would strike.", "The head teachers' union"),
        ("The nurses’ union said the wards were full.", "The nurses’ union"),
    ],
)
def test_a_plural_owner_belongs_to_the_speaker(text, speaker):
    assert by_cue(text, "said").speaker == speaker


def test_talking_about_a_subject_is_speech():
    assert by_cue("Okafor talked about the cost of the new boats.", "talked about").kind == "indirect"


def test_a_participle_phrase_before_the_comma_is_not_the_speaker():
    found = by_cue("Speaking at a rally in Leith, Okafor went after the council, calling it “asleep.”", "calling")
    assert found.speaker == "Okafor"


# -- thoughts: what people are said to think, want or feel (thoughts=True) --------------------


@pytest.mark.parametrize(
    "text, speaker, cue, category",
    [
        ("The senator wants to cut the ferry budget.", "The senator", "wants", "intention"),
        ("Most voters know that the boats are old.", "Most voters", "know", "belief"),
        ("The union plans to strike in March.", "The union", "plans", "intention"),
        ("She seemed to doubt the figures.", "She", "seemed", "belief"),
        ("Local officials favour a later timetable.", "Local officials", "favour", "stance"),
        ("Okafor mocked the council's plan.", "Okafor", "mocked", "evaluative"),
        ("Both towns hope to share the cost.", "Both towns", "hope", "intention"),
        ("The mayor is confident that the ferry will run.", "The mayor", "confident", "belief"),
        ("Local officials are in favour of a later timetable.", "Local officials", "in favour of", "stance"),
    ],
)
def test_a_thought_is_found_only_when_asked_for_and_has_its_own_kind(text, speaker, cue, category):
    assert [a for a in find_attributions(text) if a.cue == cue] == []
    (found,) = [a for a in find_attributions(text, thoughts=True) if a.cue == cue]
    assert (found.speaker, found.kind, found.cue_category) == (speaker, "thought", category)


@pytest.mark.parametrize(
    "text",
    [
        "The economy seems to be recovering.",  # a thing, not a mind
        "The plan appeared on the council's website.",  # "appeared" without "to"
        "The ferry plans were published on Monday.",  # a noun, not a verb
        "A wanted poster hung by the door.",  # an adjective
        "The ferry is ready to sail.",  # a thing, not a mind
        "The new timetable is confident and bold.",  # an adjective of a thing
    ],
)
def test_a_look_alike_of_a_thought_is_not_found(text):
    assert [a for a in find_attributions(text, thoughts=True) if a.kind == "thought"] == []


def test_thoughts_are_never_counted_as_sources():
    from helpers.sourcing import summarize_sourcing

    text = "The senator wants to cut the budget. “It is too high,” said Ann Lee."
    with_thoughts = find_attributions(text, thoughts=True)
    assert sorted(a.kind for a in with_thoughts) == ["direct", "thought"]
    assert summarize_sourcing(text, with_thoughts) == summarize_sourcing(text, find_attributions(text))
    assert [(a.speaker, a.kind) for a in find_attributions(text)] == [("Ann Lee", "direct")]


def test_speech_found_with_thoughts_is_what_is_found_without_them_on_speech_only_text():
    text = ("Mayor Ruth Okafor visited the harbour. “We did our best,” she said. Critics argue that the plan "
            "is too costly, according to a report by the Harbour Trust.")
    assert find_attributions(text, thoughts=True) == find_attributions(text)


@pytest.mark.parametrize(
    "text",
    ["Reuters reported that the ferry would close.", "The Westbury Gazette reports the ferry will close."],
)
def test_outlets_that_report_are_media_also_without_that(text):
    only(text, speaker_type="media")


@pytest.mark.parametrize(
    "text",
    ["The latest Harbour Poll showed the mayor leading by six points.",
     "Figures from the transport office show fares rose by a tenth."],
)
def test_data_that_shows_is_a_document_also_without_that(text):
    only(text, speaker_type="document", cue_category="evidence")


def test_a_possessed_speech_noun_needs_what_was_said():
    only("Her warning that the bridge would fail was ignored.", rule="nominal-possessive", cue="warning")
    assert [a for a in find_attributions("Mr Dale's comments came at a town hall in Leeds.")] == []


# -- speaker resolution across the article ----------------------------------------------------


def test_a_pronoun_skips_a_person_of_the_other_gender():
    a = by_cue("Anna Weller, the treasurer, arrived after Prince Edmund opened the hall. She said costs were rising.",
               "said")
    assert a.speaker_resolved == "Anna Weller" and "passed over" in a.speaker_reason
    assert a.uncertain is None


def test_a_title_picks_the_right_one_of_two_people_who_share_a_surname():
    text = "Tom Ardley and Ruth Ardley arrived together. Mrs Ardley said the visit went well."
    a = by_cue(text, "said")
    assert a.speaker_resolved == "Ruth Ardley" and "fits “Mrs”" in a.speaker_reason


def test_a_shared_surname_with_nothing_to_tell_the_people_apart_is_uncertain():
    text = "Tom Ardley and Rupert Ardley arrived together. Mr Ardley said the visit went well."
    a = by_cue(text, "said")
    assert a.uncertain and "2 people called Ardley" in a.uncertain


def test_a_name_used_as_a_modifier_is_not_taken_for_the_speaker():
    text = "Lawyers at Joan Frome's Fenwick Chambers advised the firm. Mr Frome said the talks went well."
    a = by_cue(text, "said")
    assert a.speaker_resolved != "Joan Frome"


def test_a_role_is_linked_to_the_person_introduced_with_it():
    text = "Lord Varley, the attorney general, gave his advice on Monday. The attorney general said the plan was lawful."
    a = by_cue(text, "said")
    assert a.speaker_resolved == "Lord Varley" and a.speaker_reason.startswith("role:")


def test_the_company_is_linked_to_the_organisation_named_before_it():
    text = "Harlow Rail Company cut 300 jobs. The company said demand had fallen."
    a = by_cue(text, "said")
    assert a.speaker_resolved == "Harlow Rail Company" and a.speaker_type == "organization"


def test_a_spokesman_is_a_speaker_of_his_own_not_his_principal():
    text = ("Oliver Crane's official spokesman said the prime minister was relaxed. "
            "He said: “There is no change.”")
    second = [a for a in find_attributions(text) if a.speaker == "He"][0]
    assert second.speaker_resolved == "Oliver Crane's official spokesman"


def test_a_pronoun_with_nobody_before_it_is_uncertain():
    a = only("She said the bridge would open in May.")
    assert a.speaker_resolved is None and a.uncertain


def test_a_particular_body_is_not_linked_to_another_kind_of_body():
    text = "The board of Harlow Rail Company met on Monday. The union said wages were late."
    a = by_cue(text, "said")
    assert a.speaker_resolved != "Harlow Rail Company"


def test_explain_says_no_speaker_was_found_only_when_none_was():
    from helpers.sourcing import explain

    quoted = only("“We will reopen,” said Mayor Lena Ortiz.")
    assert "No speaker was found" not in explain(quoted) and "Lena Ortiz" in explain(quoted)
    silent = only("The council declined to comment.")
    assert "did not answer" in explain(silent)


# -- speaker and cue set off inside the sentence they report -------------------------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Patience, he noted, has long been the council's rule.", "he"),
        ("The harbour, Ms Okoro added, will reopen in June.", "Ms Okoro"),
        ("As the mayor noted, the budget is tight this year.", "the mayor"),
    ],
)
def test_a_speaker_and_cue_between_commas_report_the_sentence_around_them(text, speaker):
    only(text, speaker=speaker, rule="content-then-speaker")


def test_a_list_of_verbs_after_a_comma_is_not_a_set_off_attribution():
    assert [a for a in find_attributions("In 2015, Lee wrote, directed and produced a film.") if a.kind != "scare"] == []


def test_an_auxiliary_or_adverb_may_stand_between_a_quotation_speaker_and_cue():
    a = only("“We need no more of that,” she has said.", speaker="she", kind="direct")
    assert a.quote == "We need no more of that,"
    only("“It is simple,” he often says.", speaker="he", kind="direct")


def test_a_negated_cue_after_a_quotation_is_not_a_direct_attribution():
    found = find_attributions("“It is simple,” he did not say.")
    assert not any(a.kind == "direct" for a in found)


# -- who the speaker is: people named by their role, amount and survey phrases ---------------


@pytest.mark.parametrize(
    "text, speaker_type",
    [
        ("The candidate said she would win the county.", "person"),
        ("The columnist wrote that the plan had failed.", "person"),
        ("Three senators said the bill would fail.", "group"),
        ("Protesters chanted that the mine must close.", "group"),
        ("The crowd chanted that the mine must close.", "group"),
        ("A wide array of economists say the cuts came too soon.", "group"),
        ("Those surveyed said the economy mattered most.", "group"),
    ],
)
def test_roles_amounts_and_those_surveyed_are_speakers(text, speaker_type):
    only(text, speaker_type=speaker_type)


def test_a_role_after_a_name_describes_that_name():
    only("Rob Lane, a farmer from Dover, Delaware, said the price was too low.", speaker_resolved="Rob Lane")
    only("Candidate Ann Lee said the plan was bad.", speaker_resolved="Ann Lee")


@pytest.mark.parametrize(
    "text",
    [
        "The contest now moves to larger, more diverse states.",
        "The gap may narrow in delegate-rich states that vote later.",
        "A wide array of options remains open.",
    ],
)
def test_an_adjective_before_a_noun_like_states_is_not_a_speaker(text):
    assert [a for a in find_attributions(text) if a.kind != "scare"] == []


def test_a_headline_ending_in_a_full_stop_is_still_a_headline():
    text = "Okafor: Ferry Talks Will Go On.\n\nHarbour minister Ruth Okafor spoke in Leith on Monday."
    assert [(a.speaker, a.rule) for a in find_attributions(text)] == [("Okafor", "headline")]


def test_each_line_of_a_transcript_opens_with_its_speaker():
    text = "The panel met on Sunday.\n\nLEE: Will the ferry run in May?\n\nOKAFOR: Not this year.\n\nLEE: Why not?\n\nOKAFOR: The pier is closed."
    found = [(a.speaker, a.rule) for a in find_attributions(text)]
    assert found == [("LEE", "headline"), ("OKAFOR", "headline"), ("LEE", "headline"), ("OKAFOR", "headline")]


def test_a_label_in_running_text_is_not_a_transcript_speaker_when_named_nowhere_else():
    text = "The panel met on Sunday.\n\nBackground: the pier closed in May."
    assert [a for a in find_attributions(text) if a.rule == "headline"] == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Then she left the stage, saying that the vote was rigged.", "she"),
        ("On Monday, even as prices fell, Mr. Ng wrote to staff, telling them the firm was sound.", "Mr. Ng"),
    ],
)
def test_an_ing_cue_after_a_comma_takes_the_subject_of_its_clause(text, speaker):
    a = only(text, rule="follow-on")
    assert a.speaker == speaker


def test_an_ing_verb_that_is_not_a_cue_after_a_comma_is_not_an_attribution():
    assert find_attributions("Then the storm hit the coast, forcing thousands to flee.") == []


def test_a_line_that_opens_with_a_sentence_and_a_colon_is_not_a_transcript_label():
    text = "The bill passed.\n\nOkafor said at the signing: “No child should go hungry.”\n\nOkafor smiled."
    found = find_attributions(text)
    assert [a.rule for a in found if a.rule == "headline"] == []
    assert [a.speaker for a in found] == ["Okafor"]


def test_a_speech_noun_takes_its_source_after_from():
    only("The response from the ministry was swift.", cue="response", speaker="the ministry", rule="nominal-source")


def test_make_the_case_and_make_a_suggestion_report_an_argument():
    only("They have made the case that the pier is unsafe.", cue="made the case", speaker="They")
    only("He made the suggestion that the ferry be sold.", cue="made the suggestion", speaker="He")


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Okafor touted her record on the harbour.", "touted"),
        ("Lee joked that the ferry was older than he was.", "joked"),
        ("The mayor reminded residents that the pier was closed.", "reminded"),
        ("Okafor apologized for the delay.", "apologized"),
        ("The union lamented the loss of the night ferry.", "lamented"),
    ],
)
def test_more_verbs_of_saying_and_judging_are_cues(text, cue):
    only(text, cue=cue, kind="indirect")


def test_pleaded_guilty_is_not_speech_but_pleaded_with_is():
    assert find_attributions("The captain pleaded guilty to fraud.") == []
    only("The captain pleaded with the crew to stay.", cue="pleaded")


def test_declining_to_discuss_or_confirm_is_a_non_response():
    only("The aide declined to discuss the talks.", kind="no-response", speaker="The aide")
    only("Port officials refused to confirm the date.", kind="no-response")
    assert find_attributions("The mayor did not discuss the plan.") == []


def test_called_her_to_or_at_is_a_telephone_call():
    assert find_attributions("Lee called her to arrange a meeting.") == []
    assert find_attributions("Lee called him at home on Sunday.") == []
    only("Lee called him a liar.", cue="called")


@pytest.mark.parametrize(
    "text, cue",
    [("Lee cast himself as a reformer.", "cast"), ("Okafor took a shot at the council.", "took a shot at"),
     ("Lee portrayed the plan as a giveaway.", "portrayed")],
)
def test_verbs_that_frame_someone_are_cues(text, cue):
    only(text, cue=cue)


def test_an_adjective_before_a_plural_noun_form_is_not_a_cue():
    assert find_attributions("The race now moves to bigger states and a faster pace.") == []
    only("The ministry states that the pier will close.", cue="states", speaker="The ministry")


def test_two_speakers_joined_by_and_speak_together():
    only("Ms. Lee and Mr. Park said the pier was unsafe.", speaker="Ms. Lee and Mr. Park")
    only("The pier is unsafe, he and Mr. Park said.", speaker="he and Mr. Park", rule="content-then-speaker")


def test_a_cue_and_colon_that_end_a_paragraph_introduce_the_quotation_below():
    text = "The station aired the report.\n\nReporter Ann Lee says:\n\n“The pier is closed and nobody knows why.”"
    a = only(text, speaker="Reporter Ann Lee", kind="direct", rule="speaker-then-quote")
    assert a.quote == "The pier is closed and nobody knows why."


def test_a_quotation_after_a_paragraph_without_a_colon_is_not_taken_by_its_cue():
    text = "Reporter Ann Lee says the pier is shut.\n\n“Nobody knows why,” a worker added."
    assert [(a.speaker, a.cue) for a in find_attributions(text)] == [("Reporter Ann Lee", "says"), ("a worker", "added")]


@pytest.mark.parametrize(
    "text, cue",
    [
        ("Mr. Lee said of the vote, ''I don't like it,'' adding that ''the port deserves better.''", "adding"),
        ("She declined to claim victory - only saying that she was relieved.", "saying"),
        ("He gave to the fund \u2014 asserting that large gifts were fine.", "asserting"),
    ],
)
def test_an_ing_cue_after_a_dash_or_a_quotation_closed_with_two_apostrophes_follows_on(text, cue):
    a = by_cue(text, cue)
    assert a.rule == "follow-on"


def test_a_hyphen_inside_a_word_does_not_join_a_cue():
    assert find_attributions("The left-leaning party won the seat.") == []


def test_a_described_speaker_is_named_by_the_first_part_of_the_phrase():
    a = only("''It was his first attempt,'' said his best friend at Lehigh, Bruce Lee.", kind="direct")
    assert a.speaker.startswith("his best friend") and a.speaker_type == "person"


@pytest.mark.parametrize("text", ["“It was insensitive,” the column noted.", "The ad claims that the mayor raised taxes."])
def test_a_piece_of_writing_with_no_named_author_is_a_document_source(text):
    only(text, speaker_type="document")
