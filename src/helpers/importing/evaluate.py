"""How close an extracted text is to a hand-made reference: word-shingle precision and recall.

A *shingle* is a run of ``n`` consecutive words. Precision is the share of
the extracted text's shingles that are in the reference (how much of what
was kept is article); recall is the share of the reference's shingles that
were kept (how much of the article was found); F1 is their harmonic mean.
Repeated shingles count as often as they occur.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["shingle_scores", "shingles"]


def shingles(text: str, n: int = 4) -> Counter:
    """The ``n``-word shingles of a text, lower-cased, punctuation ignored.

    Examples
    --------
    >>> sorted(shingles("The pier closed on Monday.", 4))
    [('pier', 'closed', 'on', 'monday'), ('the', 'pier', 'closed', 'on')]
    """
    words = re.findall(r"\w+", text.casefold())
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def shingle_scores(extracted: str, reference: str, n: int = 4) -> dict[str, float]:
    """Precision, recall and F1 of an extracted text against a reference.

    Parameters
    ----------
    extracted, reference : str
    n : int
        Words per shingle.

    Returns
    -------
    dict
        ``precision``, ``recall`` and ``f1``, each between 0 and 1, and the
        shingle counts ``extracted``, ``reference`` and ``shared``.

    Examples
    --------
    >>> scores = shingle_scores("Home News The pier closed on Monday after the storm",
    ...                         "The pier closed on Monday after the storm")
    >>> scores["shared"], scores["extracted"], scores["reference"], round(scores["f1"], 3)
    (5, 7, 5, 0.833)
    """
    a, b = shingles(extracted, n), shingles(reference, n)
    shared = sum((a & b).values())
    precision = shared / sum(a.values()) if a else 0.0
    recall = shared / sum(b.values()) if b else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "extracted": sum(a.values()), "reference": sum(b.values()), "shared": shared}
