"""Are aligned passages the passages a reader would mark? PAN measures on planted copies.

Run:  .venv/bin/python benchmarks/bench_passages.py [--pairs 300] [--seed 11]

A seeded generator (the sentence model of ``make_reuse_corpus.py``) writes
pairs of documents: a *source* and a *suspicious* document of its own
prose, into which one to three passages of the source are planted at known
character offsets:

=========  ===================================================================
verbatim   one to four consecutive source sentences, copied as they are
edited     the same, with 3-12% of the words changed, dropped or added
partial    a piece of 10 to 40 words cut from the middle of the source
           sentences (it starts and ends inside a sentence)
=========  ===================================================================

A planted passage may open a paragraph of its own or sit inside one of the
document's paragraphs; one pair in ten has nothing planted. Every pair is
aligned with :func:`helpers.reuse.align_passages` (default settings) and
scored with the measures of the PAN plagiarism detection competitions
(Potthast, Stein, Barrón-Cedeño and Rosso 2010, "An Evaluation Framework
for Plagiarism Detection"): a case and a detection are each a pair of
character spans (suspicious, source); a detection *detects* a case when it
overlaps it in both documents.

* precision: for each detection, the share of its characters (in both
  documents) that belong to cases it detects, averaged over detections;
* recall: for each case, the share of its characters covered by the
  detections that detect it, averaged over cases;
* granularity: the number of detections per detected case, averaged over
  the detected cases (1 is best);
* plagdet: F1 of precision and recall divided by log2(1 + granularity).

Targets: granularity <= 1.05 and plagdet >= 0.90 without losing recall.
"""

from __future__ import annotations

import argparse
import math
import random
import time

from helpers.reuse import align_passages
from make_reuse_corpus import _Writer

KINDS = ("verbatim", "edited", "partial")


# --- planted pairs -----------------------------------------------------------------


def _sentences(writer: _Writer, topic: list[str], count: int) -> list[str]:
    return [writer.sentence(topic) for _ in range(count)]


def make_pair(writer: _Writer, rng: random.Random) -> dict:
    """One source and one suspicious document with planted passages and their offsets."""
    topic = [writer.word() for _ in range(12)]
    source_paragraphs = [_sentences(writer, topic, rng.randint(2, 4)) for _ in range(rng.randint(6, 9))]
    source, sentence_spans = _join(writer.headline(topic), source_paragraphs)
    own_topic = topic if rng.random() < 0.5 else [writer.word() for _ in range(12)]
    paragraphs = [_sentences(writer, own_topic, rng.randint(2, 4)) for _ in range(rng.randint(5, 8))]
    plants = []
    count = 0 if rng.random() < 0.1 else rng.randint(1, 3)
    free = list(range(len(source_paragraphs)))
    rng.shuffle(free)
    for number in free[:count]:
        kind = rng.choice(KINDS)
        spans = sentence_spans[number]
        first = rng.randrange(len(spans))
        last = min(len(spans), first + rng.randint(1, 4))
        while last < len(spans) and len(source[spans[first][0] : spans[last - 1][1]].split()) < 12:
            last += 1
        while first > 0 and len(source[spans[first][0] : spans[last - 1][1]].split()) < 12:
            first -= 1
        start, end = spans[first][0], spans[last - 1][1]
        piece = source[start:end]
        if kind == "edited":
            piece = writer.edit(piece, rng.uniform(0.03, 0.12))
        elif kind == "partial":
            words = [(m, m + len(w)) for m, w in _word_spans(source, start, end)]
            if len(words) < 14:
                kind = "verbatim"
            else:
                size = rng.randint(10, min(40, len(words) - 2))
                skip = rng.randint(1, len(words) - size - 1)
                start, end = words[skip][0], words[skip + size - 1][1]
                piece = source[start:end]
        where = rng.randrange(len(paragraphs))
        plants.append({"kind": kind, "source": (start, end), "piece": piece, "paragraph": where, "alone": rng.random() < 0.4})
    text, spans = _render_suspicious(writer, own_topic, paragraphs, plants, rng)
    cases = [(plant["kind"], spans[k], plant["source"]) for k, plant in enumerate(plants)]
    return {"source": source, "suspicious": text, "cases": cases}


def _join(headline: str, paragraphs: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The document's text and the character span of every sentence, paragraph by paragraph."""
    text, spans = headline + "\n", []
    for sentences in paragraphs:
        mine = []
        for index, sentence in enumerate(sentences):
            if index:
                text += " "
            mine.append((len(text), len(text) + len(sentence)))
            text += sentence
        text += "\n"
        spans.append(mine)
    return text, spans


def _word_spans(text: str, start: int, end: int):
    position = start
    for word in text[start:end].split():
        position = text.index(word, position)
        yield position, word
        position += len(word)


def _render_suspicious(writer, topic, paragraphs, plants, rng) -> tuple[str, list[tuple[int, int]]]:
    """Join the suspicious document, placing each plant; return it and each plant's span."""
    lines = [writer.headline(topic)]
    spans: list = [None] * len(plants)
    offset = len(lines[0]) + 1
    for number, sentences in enumerate(paragraphs):
        mine = [k for k, plant in enumerate(plants) if plant["paragraph"] == number]
        for k in mine:
            if plants[k]["alone"]:
                spans[k] = (offset, offset + len(plants[k]["piece"]))
                lines.append(plants[k]["piece"])
                offset += len(plants[k]["piece"]) + 1
        parts: list[str] = []
        position = offset
        inner = [k for k in mine if not plants[k]["alone"]]
        cut = rng.randint(1, max(1, len(sentences) - 1)) if inner else len(sentences)
        for index, sentence in enumerate(sentences):
            if index == cut:
                for k in inner:
                    piece = plants[k]["piece"]
                    if plants[k]["kind"] == "partial":  # a fragment inside a sentence of its own
                        piece = f"Officials said that {piece} and nothing more."
                        begin = position + (1 if parts else 0) + len("Officials said that ")
                        spans[k] = (begin, begin + len(plants[k]["piece"]))
                    else:
                        begin = position + (1 if parts else 0)
                        spans[k] = (begin, begin + len(piece))
                    position += (1 if parts else 0) + len(piece)
                    parts.append(piece)
            position += (1 if parts else 0) + len(sentence)
            parts.append(sentence)
        line = " ".join(parts)
        assert len(line) == position - offset
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines) + "\n", spans


# --- the PAN measures ----------------------------------------------------------------


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def _union_length(spans) -> int:
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start >= reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def _clip(span, inside):
    return (max(span[0], inside[0]), min(span[1], inside[1]))


def pan_scores(documents: list[tuple[list, list]]) -> dict:
    """PAN precision, recall, granularity and plagdet.

    Parameters
    ----------
    documents : list of (cases, detections)
        For each document pair, its cases and its detections, each a pair
        of spans ``((susp_start, susp_end), (src_start, src_end))``.

    Returns
    -------
    dict
        ``precision``, ``recall``, ``granularity``, ``plagdet``, ``cases``,
        ``detections``, ``detected`` (cases with at least one detection).

    Examples
    --------
    >>> case = ((0, 100), (0, 100))
    >>> round(pan_scores([([case], [((0, 50), (0, 50)), ((50, 100), (50, 100))])])["granularity"], 2)
    2.0
    >>> pan_scores([([case], [((0, 100), (0, 100))])])["plagdet"]
    1.0
    """
    recalls, precisions, granularities = [], [], []
    for cases, detections in documents:
        def detects(r, s):
            return _overlap(r[0], s[0]) > 0 and _overlap(r[1], s[1]) > 0

        for s in cases:
            hits = [r for r in detections if detects(r, s)]
            size = (s[0][1] - s[0][0]) + (s[1][1] - s[1][0])
            covered = _union_length([_clip(r[0], s[0]) for r in hits if _overlap(r[0], s[0])]) + _union_length(
                [_clip(r[1], s[1]) for r in hits if _overlap(r[1], s[1])]
            )
            recalls.append(covered / size)
            if hits:
                granularities.append(len(hits))
        for r in detections:
            hits = [s for s in cases if detects(r, s)]
            size = (r[0][1] - r[0][0]) + (r[1][1] - r[1][0])
            covered = _union_length([_clip(s[0], r[0]) for s in hits if _overlap(s[0], r[0])]) + _union_length(
                [_clip(s[1], r[1]) for s in hits if _overlap(s[1], r[1])]
            )
            precisions.append(covered / size if size else 0.0)
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    granularity = sum(granularities) / len(granularities) if granularities else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "granularity": granularity,
        "plagdet": f1 / math.log2(1 + granularity),
        "cases": len(recalls),
        "detections": len(precisions),
        "detected": len(granularities),
    }


def evaluate(pairs: list[dict], kinds=KINDS) -> dict:
    """Align every pair and score the detections against the planted cases of the given kinds."""
    documents = []
    for pair in pairs:
        found = align_passages(pair["source"], pair["suspicious"])
        cases = [(susp, src) for kind, susp, src in pair["cases"] if kind in kinds]
        detections = [((p.b_start, p.b_end), (p.a_start, p.a_end)) for p in found]
        if len(kinds) < len(KINDS):  # score a kind alone: only detections touching its cases
            others = [(susp, src) for kind, susp, src in pair["cases"] if kind not in kinds]
            detections = [r for r in detections if not any(_overlap(r[0], s[0]) and _overlap(r[1], s[1]) for s in others)]
        documents.append((cases, detections))
    return pan_scores(documents)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    writer = _Writer(args.seed)
    rng = random.Random(args.seed)
    pairs = [make_pair(writer, rng) for _ in range(args.pairs)]
    started = time.perf_counter()
    rows = [("all", evaluate(pairs))] + [(kind, evaluate(pairs, (kind,))) for kind in KINDS]
    seconds = time.perf_counter() - started
    cases = sum(len(p["cases"]) for p in pairs)
    print(f"{args.pairs} document pairs (seed {args.seed}), {cases} planted passages; aligned and scored in {seconds:.1f} s")
    header = f"{'cases':<10} {'n':>5} {'found':>6} {'detections':>11} {'precision':>10} {'recall':>7} {'granularity':>12} {'plagdet':>8}"
    print(header)
    print("-" * len(header))
    for name, row in rows:
        print(
            f"{name:<10} {row['cases']:>5} {row['detected']:>6} {row['detections']:>11} {row['precision']:>10.3f} "
            f"{row['recall']:>7.3f} {row['granularity']:>12.3f} {row['plagdet']:>8.3f}"
        )
    print("Targets: granularity <= 1.05 and plagdet >= 0.90, recall not below the figure before the change.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
