"""Self-checks of notebook 00 (start here): reading the table of what articles state.

Each question takes ``rows``, the table of :func:`helpers.corpus.describe_corpus`.
"""

from __future__ import annotations

from helpers.selfcheck.core import Key, Misconception, question


@question(
    "00-articles-with-a-date",
    kind="whole number",
    hint="Look at the date column of the table and count the rows where it says something other than “not stated”.",
    success="Right: an article that does not say when it was written leaves its reader unable to place it in the story.",
    misconceptions=("counted every article", "counted the missing dates"),
)
def articles_with_a_date(rows: list[dict]) -> Key:
    """How many articles state a date.

    Examples
    --------
    >>> rows = [{"label": "A", "date": "2025-03-27"}, {"label": "B", "date": None}, {"label": "C", "date": None}]
    >>> articles_with_a_date(rows).expected
    1
    """
    dated = sum(1 for row in rows if row["date"])
    return Key(
        expected=dated,
        misconceptions=(
            Misconception("counted every article", "That is the number of articles. The question asks how many of them "
                          "state a date: look at the date column only.", len(rows)),
            Misconception("counted the missing dates", "That is how many articles do not state a date: count the rows "
                          "where the date is given instead.", len(rows) - dated),
        ),
    )


@question(
    "00-longest-article",
    kind="label",
    hint="Compare the words column of the table and give the label (the letter in the first column).",
    success="Right. Length alone says little about quality: in notebook 02 you will compare articles of different lengths fairly.",
    misconceptions=("longest headline",),
)
def longest_article(rows: list[dict]) -> Key:
    """The label of the article with the most words.

    Examples
    --------
    >>> rows = [{"label": "A", "words": 300, "headline": "Short"}, {"label": "B", "words": 200, "headline": "A much longer headline"}]
    >>> longest_article(rows).expected
    'A'
    """
    longest = max(rows, key=lambda row: row["words"])["label"]
    headline = max(rows, key=lambda row: len(row.get("headline") or ""))["label"]
    traps = ()
    if headline != longest:
        traps = (Misconception("longest headline", "That article has the longest headline, not the most words: "
                               "compare the words column.", headline),)
    return Key(expected=longest, misconceptions=traps)
