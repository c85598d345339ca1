"""Self-checks of notebook 03 (comparing sourcing): counting sources and scoring the finder.

The questions read the dicts of :func:`helpers.sourcing.summarize_sourcing`
(``summaries``), so a student's answer is checked against the same numbers
the notebook's tables and charts show. Two chooser functions pick the item a
question asks about, so that the right answer and a misconception's answer
differ on the corpus in use.
"""

from __future__ import annotations

from itertools import combinations

from helpers.selfcheck.core import Key, Misconception, question

__all__ = ["choose_named_comparison", "choose_recall_counts", "choose_vague_article", "named_count"]


def named_count(summary: dict) -> int:
    """How many of an article's sources are named (people, organisations, news outlets).

    Examples
    --------
    >>> named_count({"named_sources": {"Ann Lee": 2, "City Council": 1}})
    3
    """
    return sum(summary["named_sources"].values())


def _vague_traps(summary: dict) -> dict[str, int]:
    """The answers the misconceptions give; adding "nobody named" only misleads when there are some."""
    types = summary["by_speaker_type"]
    traps = {"counted all sources": summary["sources"], "counted named sources": named_count(summary)}
    if types["none"]:
        traps["counted nobody named too"] = types["group"] + types["none"]
    return traps


def choose_vague_article(summaries: list[dict]) -> str | None:
    """The article to ask about: the busiest one whose vague count no mistake reproduces.

    Articles are tried from the most attributions down; the first with at
    least one vague group, whose count differs from every misconception's
    answer, is chosen. Failing that, the first whose count differs at all.

    Examples
    --------
    >>> a = {"label": "A", "attributions": 4, "sources": 4, "named_sources": {"Lee": 4},
    ...      "by_speaker_type": {"group": 0, "none": 0}}
    >>> b = {"label": "B", "attributions": 4, "sources": 3, "named_sources": {"Kim": 1},
    ...      "by_speaker_type": {"group": 2, "none": 1}}
    >>> choose_vague_article([a, b])
    'B'
    """
    ordered = sorted(summaries, key=lambda s: -s["attributions"])
    distinct = [s for s in ordered if s["by_speaker_type"]["group"] not in _vague_traps(s).values()]
    with_vague = [s for s in distinct if s["by_speaker_type"]["group"]]
    chosen = (with_vague or distinct or ordered or [None])[0]
    return chosen["label"] if chosen else None


@question(
    "03-vague-sources",
    kind="whole number",
    hint="Find the article's row in the table of attributions by type of source, and read the "
         "“vague groups” column: sources such as “critics” or “officials” that name no one in particular.",
    success="Right. Now read a few of them in the viewer: could you find out who these people are?",
    misconceptions=("counted all sources", "counted named sources", "counted nobody named too"),
)
def vague_sources(summaries: list[dict], label: str) -> Key:
    """How many attributions of the article ``label`` give a vague group as their source.

    Examples
    --------
    >>> s = {"label": "A", "attributions": 5, "sources": 4, "named_sources": {"Lee": 3},
    ...      "by_speaker_type": {"group": 1, "none": 1}}
    >>> vague_sources([s], "A").expected
    1
    """
    summary = next(s for s in summaries if s["label"] == label)
    traps = _vague_traps(summary)
    hints = {
        "counted all sources": "That is the number of all its sources, named and vague. Count only the vague "
                               "ones: the “vague groups” column of the table of attributions by type of source.",
        "counted named sources": "That counts its named sources, the people, organisations and outlets you can "
                                 "look up. A vague source names no one in particular: the “vague groups” column.",
        "counted nobody named too": "You added the attributions with nobody named (“is seen as”). Those give no "
                                    "source at all; a vague group is a source, only one you cannot trace.",
    }
    answers = {}
    for name, answer in traps.items():  # a count two mistakes give is diagnosed as the first
        answers.setdefault(answer, name)
    return Key(
        expected=summary["by_speaker_type"]["group"],
        misconceptions=tuple(Misconception(name, hints[name], answer) for answer, name in answers.items()),
    )


def _leader(summaries: list[dict], measure) -> str | None:
    """The label with the highest value of ``measure``, or None when two share it."""
    values = sorted(((measure(s), s["label"]) for s in summaries), reverse=True)
    if not values or (len(values) > 1 and values[0][0] == values[1][0]):
        return None
    return values[0][1]


def _share(summary: dict) -> float:
    return named_count(summary) / summary["sources"]


def choose_named_comparison(summaries: list[dict]) -> list[str] | None:
    """The articles to compare: where the highest share named is not the highest count named.

    All the articles with sources if their leaders differ, else the first
    pair that does; None when no group of them can tell a share from a count.

    Examples
    --------
    >>> big = {"label": "A", "sources": 20, "named_sources": {"Lee": 10}}
    >>> small = {"label": "B", "sources": 4, "named_sources": {"Kim": 4}}
    >>> choose_named_comparison([big, small])
    ['A', 'B']
    >>> choose_named_comparison([small]) is None
    True
    """
    with_sources = [s for s in summaries if s["sources"]]
    groups = [with_sources] + [list(pair) for pair in combinations(with_sources, 2)]
    for group in groups:
        if len(group) < 2:
            continue
        by_share, by_count = _leader(group, _share), _leader(group, named_count)
        if by_share and by_count and by_share != by_count:
            return [s["label"] for s in group]
    return None


@question(
    "03-most-named",
    kind="label",
    hint="Compare the percentages in the “named” column of the table of each article's sourcing: "
         "of its sources, what share is named?",
    success="Right. A high share of named sources makes an article easier to check; it does not make it fair.",
    misconceptions=("raw count for share", "share of attributions", "most sources"),
)
def most_named(summaries: list[dict], among: list[str] | None) -> Key:
    """Which of the articles ``among`` has the highest share of named sources.

    Examples
    --------
    >>> big = {"label": "A", "attributions": 20, "sources": 20, "named_sources": {"Lee": 10}}
    >>> small = {"label": "B", "attributions": 4, "sources": 4, "named_sources": {"Kim": 4}}
    >>> key = most_named([big, small], ["A", "B"])
    >>> key.expected, [(m.name, m.answer) for m in key.misconceptions]
    ('B', [('raw count for share', 'A')])
    """
    group = [s for s in summaries if among and s["label"] in among and s["sources"]]
    expected = _leader(group, _share) if len(group) > 1 else None
    by_count = _leader(group, named_count)
    if expected is None or by_count is None or by_count == expected:
        return Key(cannot_tell="On this corpus the article with the highest share of named sources is also the one "
                               "with the most named sources (or two articles tie), so this check cannot tell a share "
                               "from a count. Compare the “named” column of the table by its percentages all the same.")
    hints = {
        "raw count for share": "That article has the most named sources by count, but it has more sources in all. "
                               "The question is about the share: compare the percentages in the “named” column.",
        "share of attributions": "You divided by all the attributions, agentless ones included. The share named is "
                                 "taken over the sources only, the attributions that give a speaker.",
        "most sources": "That article has the most sources, not the highest share of named ones: compare the "
                        "percentages in the “named” column.",
    }
    answers = {
        "raw count for share": by_count,
        "share of attributions": _leader(group, lambda s: named_count(s) / s["attributions"]),
        "most sources": _leader(group, lambda s: s["sources"]),
    }
    traps, seen = [], {expected}
    for name, answer in answers.items():  # a label two mistakes give is diagnosed as the first
        if answer is not None and answer not in seen:
            traps.append(Misconception(name, hints[name], answer))
            seen.add(answer)
    return Key(expected=expected, misconceptions=tuple(traps))


@question(
    "03-cue-category",
    kind="text",
    hint="Find the verb of the sentence in the list of reporting cues near the start of the notebook, "
         "and give the category written beside it.",
    success="Right. Compare “Residents said the well had run dry”: the same report, but the writer no longer "
            "hints at a dispute.",
    misconceptions=("kind for category", "speaker type for category", "the cue for its category"),
)
def cue_category(sentence: str) -> Key:
    """The category of the cue the finder reports for ``sentence``.

    Examples
    --------
    >>> key = cue_category("Residents insisted that the well had run dry.")
    >>> key.expected, [m.answer for m in key.misconceptions]
    ('argumentative', ['indirect', 'group', 'insisted'])
    """
    from helpers.sourcing import find_attributions

    found = find_attributions(sentence)
    if not found:
        return Key(expected="none")
    first = found[0]
    traps = (
        Misconception("kind for category", "That is the kind: how the words are reported (quoted or paraphrased). "
                      "The category belongs to the verb: what choosing it signals.", first.kind),
        Misconception("speaker type for category", "That is the type of the speaker. The question asks what the "
                      "verb signals: look up its category in the list of cues.", first.speaker_type),
        Misconception("the cue for its category", "That is the cue itself. Give its category: the word the list of "
                      "reporting cues puts beside it.", first.cue),
    )
    return Key(expected=first.cue_category, misconceptions=tuple(t for t in traps if t.answer))


def choose_recall_counts(results: dict) -> dict:
    """The counts to compute recall from: the scored set that missed the most, where recall is not precision.

    Parameters
    ----------
    results : dict
        Name of an annotated set → what :func:`helpers.sourcing_eval.evaluate_corpus` returns.

    Returns
    -------
    dict
        ``tp``, ``fp`` and ``fn`` of attributions with a source; a small
        invented example when no set is available or none can tell
        precision from recall.

    Examples
    --------
    >>> choose_recall_counts({"x": {"explicit": {"tp": 8, "fp": 1, "fn": 2}}})
    {'tp': 8, 'fp': 1, 'fn': 2}
    >>> choose_recall_counts({})
    {'tp': 9, 'fp': 1, 'fn': 3}
    """
    counts = [{k: r["explicit"][k] for k in ("tp", "fp", "fn")} for r in results.values()]
    telling = [c for c in counts if c["fn"] and c["fp"] != c["fn"]]
    return max(telling, key=lambda c: c["fn"], default={"tp": 9, "fp": 1, "fn": 3})


@question(
    "03-recall-by-hand",
    kind="number",
    hint="Recall asks: of everything the annotator marked, what share did the tool find? The annotator's marks "
         "are the ones the tool found and the ones it missed.",
    success="Right. Recall tells you how much the tool misses; a missed source is one you must find by reading.",
    misconceptions=("precision for recall", "share missed", "per cent instead of fraction"),
    tolerance=0.005,
)
def recall_by_hand(tp: int, fp: int, fn: int) -> Key:
    """Recall from the counts: tp / (tp + fn).

    Examples
    --------
    >>> key = recall_by_hand(tp=8, fp=1, fn=2)
    >>> key.expected, [round(m.answer, 3) for m in key.misconceptions]
    (0.8, [0.889, 0.2, 80.0])
    """
    recall = tp / (tp + fn) if tp + fn else 0.0
    traps = (
        Misconception("precision for recall", "That is precision: the share of the tool's finds that were right "
                      "(found ones and wrong finds). Recall starts from what the annotator marked.",
                      tp / (tp + fp) if tp + fp else 0.0),
        Misconception("share missed", "That is the share the tool missed. Recall is the share it found.",
                      fn / (tp + fn) if tp + fn else 0.0),
        Misconception("per cent instead of fraction", "Give recall as a fraction between 0 and 1, as the scores in "
                      "the table are, not as a percentage.", 100 * recall),
    )
    return Key(expected=recall, misconceptions=traps)
