"""Self-checks of notebook 05 (putting it together): the evidence table and an argued judgment.

The questions read ``reading``, the dict label → :func:`helpers.reading.summarize_reading`
of the notebook's step 4, and the corpus itself. The judgment is checked for
its form only: whether it names articles and gives reasons with figures. Its
argument is for the student to make and the instructor to judge.
"""

from __future__ import annotations

import re

from helpers.selfcheck.core import Key, Misconception, question

__all__ = [
    "MIN_JUDGMENT_WORDS",
    "PLACEHOLDERS",
    "choose_unsourced_article",
    "judgment_problems",
    "labels_named",
    "unsourced_share_of",
]

#: The fewest words a judgment may have (the notebook asks for 150 to 300).
MIN_JUDGMENT_WORDS = 150
#: Below this share of different words, a text repeats itself rather than argues.
MIN_DIFFERENT_WORDS = 0.4
#: The fewest figures from the evidence table a judgment cites.
MIN_FIGURES = 3
#: What students type to see what a check says; each is a label without a reason.
PLACEHOLDERS = ("...", "…", "asdf", "test", "todo", "tbd", "x", "xxx", "lorem ipsum", "my judgment", "answer")
#: Fewer words than this cannot hold a reason: a label, a placeholder, half a sentence.
MIN_REASON_WORDS = 25
#: Labels that are also English words: they count only when written "article A".
_WORD_LABELS = {"a", "i", "o"}


def unsourced_share_of(summary: dict) -> float | None:
    """The share of an article's claims that have no source, from 0 to 1 (None without claims).

    Examples
    --------
    >>> unsourced_share_of({"claims": 4, "claims_attributed": 1})
    0.75
    >>> unsourced_share_of({"claims": 0, "claims_attributed": 0}) is None
    True
    """
    if not summary["claims"]:
        return None
    return (summary["claims"] - summary["claims_attributed"]) / summary["claims"]


def _unsourced_traps(summary: dict) -> dict[str, float]:
    share = unsourced_share_of(summary)
    return {
        "share of sourced instead of unsourced": 1 - share,
        "per cent instead of fraction": 100 * share,
        "count instead of share": summary["claims"] - summary["claims_attributed"],
    }


def choose_unsourced_article(reading: dict) -> str | None:
    """The article to ask about: the most claims, with a share no mistake reproduces.

    Parameters
    ----------
    reading : dict
        Label → :func:`helpers.reading.summarize_reading`.

    Returns
    -------
    str or None
        None when no article makes a claim.

    Examples
    --------
    >>> choose_unsourced_article({"A": {"claims": 2, "claims_attributed": 1}, "B": {"claims": 3, "claims_attributed": 1}})
    'B'
    """
    with_claims = sorted((label for label, r in reading.items() if r["claims"]), key=lambda label: -reading[label]["claims"])
    telling = [label for label in with_claims
               if all(abs(answer - unsourced_share_of(reading[label])) > 0.02
                      for answer in _unsourced_traps(reading[label]).values())]
    return (telling or with_claims or [None])[0]


@question(
    "05-unsourced-share",
    kind="number",
    hint="In the table of step 4, take the article's claims and those without a source, and give the second "
         "as a share of the first: a fraction between 0 and 1.",
    success="Right. A share makes articles with many and few claims comparable, like a rate per 1,000 words.",
    misconceptions=("share of sourced instead of unsourced", "per cent instead of fraction", "count instead of share"),
)
def unsourced_share(reading: dict, label: str) -> Key:
    """The share of the claims of article ``label`` that have no source.

    Examples
    --------
    >>> key = unsourced_share({"A": {"claims": 4, "claims_attributed": 1}}, "A")
    >>> key.expected, [m.answer for m in key.misconceptions]
    (0.75, [0.25, 75.0, 3])
    """
    summary = reading[label]
    share = unsourced_share_of(summary)
    if share is None:
        return Key(cannot_tell=f"Article {label} makes no checkable claim, so it has no share to compute.")
    hints = {
        "share of sourced instead of unsourced": "That is the share of the claims that do have a source. The "
                                                 "question asks for the others: the claims without a source.",
        "per cent instead of fraction": "Give the share as a fraction between 0 and 1 (a half is 0.5), not as a "
                                        "percentage.",
        "count instead of share": "That is how many claims have no source. Divide it by all the article's claims "
                                  "to make a share.",
    }
    return Key(expected=share, misconceptions=tuple(Misconception(name, hints[name], answer)
                                                    for name, answer in _unsourced_traps(summary).items()))


@question(
    "05-trust-for-a-figure",
    kind="label",
    hint="Give the label of one article (the letter in the first column of the evidence table), or \"none\".",
    success="Recorded. Now find the row of the evidence table that supports your choice, and the sentence in the "
            "article that holds the figure.",
    misconceptions=("file name for the label", "an article with no figure"),
)
def trust_for_a_figure(corpus, reading: dict) -> Key:
    """Any article that states something checkable, or "none": the choice is the student's.

    Examples
    --------
    >>> from helpers.corpus import article_from_text
    >>> corpus = [article_from_text("It cost 5 pounds.", label="A", file="a.txt")]
    >>> key = trust_for_a_figure(corpus, {"A": {"claims": 1}})
    >>> key.accept("a"), key.accept("B"), [m.answer for m in key.misconceptions]
    (True, False, ['a.txt'])
    """
    with_figures = {label.lower() for label, r in reading.items() if r["claims"]}
    traps = [Misconception("file name for the label", "That is the article's file name. Give its label: the letter "
                           "in the first column of the evidence table.", article.file) for article in corpus]
    traps += [Misconception("an article with no figure", "The evidence table counts no claim in that article: no "
                            "sentence with a number, a date or a named institution. Pick one that gives a figure to "
                            "quote, or answer \"none\".", label) for label, r in reading.items() if not r["claims"]]
    return Key(accept=lambda answer: answer.strip().lower() in with_figures | {"none"}, misconceptions=tuple(traps))


def labels_named(text: str, labels) -> set[str]:
    """The article labels a text names as whole words.

    A label that is also an English word ("A", "I") counts only after the
    word "article" ("article A", "articles A and C"), so "A closer look"
    names no article.

    Examples
    --------
    >>> sorted(labels_named("A closer look: D cites more than article A and B.", ["A", "B", "C", "D"]))
    ['A', 'B', 'D']
    >>> labels_named("A good article.", ["A", "B"])
    set()
    """
    found = set()
    after_article = set()
    for match in re.finditer(r"\barticles?\s+(\w+(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)\w+)*)", text, re.IGNORECASE):
        after_article.update(re.split(r"\s*,\s*|\s+and\s+|\s+or\s+", match.group(1)))
    for label in labels:
        if label in after_article:
            found.add(label)
        elif label.lower() not in _WORD_LABELS and re.search(rf"(?<![\w'’]){re.escape(label)}(?![\w])", text):
            found.add(label)
    return found


def judgment_problems(text: str, labels) -> list[str]:
    """What a judgment still lacks in form: length, variety, articles named, figures cited.

    Examples
    --------
    >>> judgment_problems("A", ["A", "B"])[0]
    'It has 1 word; write at least 150.'
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    problems = []
    if len(words) < MIN_JUDGMENT_WORDS:
        problems.append(f"It has {len(words)} word{'' if len(words) == 1 else 's'}; write at least {MIN_JUDGMENT_WORDS}.")
    if words and len({w.lower() for w in words}) / len(words) < MIN_DIFFERENT_WORDS:
        problems.append("It repeats the same few words: write your reasons in your own sentences.")
    if len(labels_named(text, labels)) < min(2, len(labels)):
        problems.append("Name at least two articles by their label (write “article A”).")
    if len(re.findall(r"\d+(?:[.,]\d+)*", text)) < MIN_FIGURES:
        problems.append(f"Cite at least {MIN_FIGURES} figures from the evidence table, each with what it measures.")
    return problems


@question(
    "05-judgment",
    kind="text",
    hint="A judgment is a claim with its reasons: at least 150 words of your own, at least two articles named by "
         "label (“article A”), and at least three figures from the evidence table, each with what it measures "
         "(“40 loaded words per 1,000”).",
    success="The form is right: now reread it as a sceptical reader would. Is every claim backed by a number or a "
            "quotation, and did you face the strongest point against it?",
    misconceptions=("a label without a reason", "filler that repeats itself"),
)
def judgment(labels) -> Key:
    """An argued judgment about the coverage, checked for its form only.

    Examples
    --------
    >>> key = judgment(["A", "B"])
    >>> key.accept("A"), [m.name for m in key.misconceptions if m.test("article A")]
    (False, ['a label without a reason'])
    """
    labels = list(labels)
    hint = ("A label is not yet a judgment: say what you would trust that article for, and why, with at least "
            "three figures from the evidence table and the strongest point against your view.")
    repeat = ("The text says the same few words again and again: a judgment is your reasons in your own "
              "sentences, each backed by a figure or a quotation.")

    def words(text: str) -> list[str]:
        return [w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", text)]

    def without_reason(text: str) -> bool:
        return len(words(text)) < MIN_REASON_WORDS or text.strip().lower() in PLACEHOLDERS

    def repeats(text: str) -> bool:
        found = words(text)
        return len(found) >= MIN_REASON_WORDS and len(set(found)) / len(found) < MIN_DIFFERENT_WORDS

    return Key(accept=lambda text: not judgment_problems(text, labels),
               misconceptions=(Misconception("a label without a reason", hint, test=without_reason),
                               Misconception("filler that repeats itself", repeat, test=repeats)))
