"""Who speaks in an article: find attributions with rules you can read and check.

An **attribution** is a place where an article presents words, a claim, a
belief or a judgment as someone's: "Critics argue that ...", "“Do not come,”
she said", "according to the library's annual report", or, with nobody named,
"the move is seen as ...". For each one this module records

* the **speaker** as written, and who it is (``speaker_resolved``: "she",
  "Mr Blair", "the attorney general" or "the company" is linked to someone
  named earlier, ``speaker_reason`` says which rule linked it, and
  ``uncertain`` says when the link may be wrong);
* the **speaker type**: ``person``, ``organization``, ``media`` (news
  outlets and agencies: "The New York Post reports"), ``document``
  (reports, studies, polls, figures), ``group`` (vague or anonymous
  sources: "critics", "officials", "some", "one engineer") or ``none``
  (nobody named: "is seen as", and scare quotes);
* the **cue** (the verb or phrase that signals speech) and its **category**
  (neutral "said", argumentative "claimed", emphatic "underscored",
  evaluative "praised", belief "sees as", ...);
* the **kind**: ``direct`` (quotation marks around the speaker's words),
  ``indirect`` (paraphrase), ``implicit`` (agentless), ``scare`` (quotation
  marks around a term with no speaker) or ``no-response`` (a source that
  "did not respond to a request for comment");
* the quotation, if any, and **which rule found it** (see :data:`RULES` and
  :func:`explain`).

There is no statistical model here: no part-of-speech tagger, no named-entity
recogniser. The rules use capital letters, the sentence and token offsets of
:mod:`helpers.text`, the quotations of :mod:`helpers.quotations`, and ten
word lists in ``helpers/data`` that you can open and extend:

=============================  ==============================================
``reporting_cues_en.txt``      verbs and phrases of saying, with categories
``agentless_cues_en.txt``      passives that hide the speaker ("is seen as")
``nominal_cues_en.txt``        nouns that stand for speech ("account", "warning")
``vague_sources_en.txt``       words for unnamed sources ("critics", "some")
``titles_en.txt``              titles before names ("Secretary", "Mayor")
``organisation_words_en.txt``  words that make a name an organisation
``non_person_words_en.txt``    words that make a name a place, law or date
``media_words_en.txt``         words and names that make a source a news outlet
``first_names_en.txt``         given names with their usual gender (for "he"/"she")
``thought_cues_en.txt``        verbs of thinking, wanting and feeling (read
                               only with ``thoughts=True``)
=============================  ==============================================

Thoughts are not words. With ``find_attributions(article, thoughts=True)``
the finder also reports what an article says someone thinks, wants,
intends or feels ("the senator wants to cut taxes", "voters know the
risks"), with the kind ``"thought"``. Nobody is quoted there: the writer
tells the reader what is in someone's mind, and a critical reader asks how
the writer knows. Thoughts are never counted as sources.

The rules also refuse some look-alikes, and say why (:func:`find_near_misses`):
an abstract subject with an emphatic verb ("this move signals ...") is the
author's own claim; "a prison called CECOT" is naming, not speech; "both
nations hope to ..." states an aim. Rules make mistakes: check every result
against your own reading, and see ``python -m helpers sources --evaluate`` for
how often they are right on the hand-annotated seed articles.

How the package is laid out
---------------------------

=================  ==========================================================
``model``          the results: :class:`Attribution`, :class:`NearMiss`,
                   :class:`UnsourcedSentence`, and the values of their fields
``lexicon``        the word lists (:func:`load_cue_lexicon`)
``document``       one article as the rules see it: tokens, sentences,
                   quotations, names, people and places
``speakers``       finding a speaker phrase and deciding what it is
``cues``           cue words and what must follow them
``guards``         the look-alikes that are refused (:data:`GUARDS`)
``registry``       how rules are registered, ordered and run
``rules``          the rules, one function each (:data:`RULES`)
``resolution``     who "she", "Mr Blair", "the attorney general" or "the
                   company" is: each mention linked to someone named earlier
``api``            the public functions
=================  ==========================================================

The order the rules run in
--------------------------

Each step runs on a scope: each quotation not yet given a speaker; each word
of a prose sentence that starts a cue (the first step that takes a word ends
the search there);
each speech noun; each sentence; or the whole article. Word, noun and
sentence steps run sentence by sentence. Guard steps refuse a look-alike
before the rules after them can take it. The numbers are the order recorded
with each step in ``rules.py``.

1. ``quote-then-speaker`` (each quotation)
2. ``prediction`` (guard, each word)
3. ``passive-with-agent`` (each word)
4. ``agentless-passive`` (each word)
5. ``agentless-reduced`` (each word)
6. ``according-to`` (each word)
7. ``naming`` (guard, each word)
8. ``follow-on`` (each word)
9. ``shared-subject`` (each word)
10. ``no-response`` (each word)
11. ``negated`` (guard, each word)
12. ``nested`` (guard, each word)
13. ``author-claim`` (guard, each word: "it" with a cue that is not neutral)
14. ``organisation-stance`` (guard, each word)
15. ``document-emphasis`` (guard, each word)
16. ``no-content`` (guard, each word)
17. ``speech-as-subject`` (each word)
18. ``content-then-speaker`` (each word)
19. ``no-speaker`` (guard, each word)
20. ``speaker-cue-content`` (each word)
21. ``nominal-source`` (each speech noun)
22. ``nominal-possessive`` (each speech noun)
23. ``nominal-of`` (each speech noun)
24. ``agentless-pair`` (each sentence)
25. ``speaker-then-quote`` (each quotation)
26. ``continued`` (each quotation)
27. ``title-in-quotes`` (guard, each quotation: also "naming")
28. ``scare-quote`` (each quotation)
29. ``quote-without-speaker`` (each quotation)
30. ``headline`` (the whole article: headings and summary lines)
31. ``weasel-pair`` (the whole article)
"""

from __future__ import annotations

from helpers.quotations import Quotation, find_quotations
from helpers.sourcing.api import (  # _document_for, _Document and CueEntry stay importable from here
    _document_for,
    attributions_to_records,
    explain,
    find_attributions,
    find_near_misses,
    find_unsourced_sentences,
    is_attributed,
    summarize_sourcing,
)
from helpers.sourcing.document import _Document
from helpers.sourcing.guards import GUARDS
from helpers.sourcing.lexicon import CueEntry, Lexicon, load_cue_lexicon
from helpers.sourcing.model import CUE_CATEGORIES, KINDS, SPEAKER_TYPES, THOUGHT, Attribution, NearMiss, UnsourcedSentence
from helpers.sourcing.rules import RULES

__all__ = [
    "CUE_CATEGORIES",
    "GUARDS",
    "KINDS",
    "RULES",
    "SPEAKER_TYPES",
    "THOUGHT",
    "Attribution",
    "Lexicon",
    "NearMiss",
    "Quotation",
    "UnsourcedSentence",
    "attributions_to_records",
    "explain",
    "find_attributions",
    "find_near_misses",
    "find_quotations",
    "find_unsourced_sentences",
    "is_attributed",
    "load_cue_lexicon",
    "summarize_sourcing",
]
