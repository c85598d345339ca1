"""Attribution finder on real US political news: the PolNeAR training split.

Run:  .venv/bin/python benchmarks/bench_polnear.py [--folder ../shared/polnear-train] [--limit N]

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in
news articles from seven US publishers of 2016 in brat standoff files. Its
texts are not part of this repository: the script reads a local copy and
skips with a note when there is none. Its dev and test splits are reserved
for independent evaluation and are never read here.

The scorer is lenient, as PolNeAR's authors score agreement:

* a found attribution **matches** an annotated one when the found
  attribution's sentence span contains the annotated cue (one to one: first
  every found attribution takes an annotated one whose cue overlaps its own,
  then the rest take what is left in their sentence);
* the **speaker is correct** when the found speaker's span overlaps the
  annotated source's span (on matches whose annotation has a source).

PolNeAR marks beliefs and intentions too ("wants", "believes"). Figures are
given twice: over **all** annotated attributions, and over **speech** ones,
those whose cue holds a word of saying or writing from ``SPEECH_WORDS``
below (a list written from general English, not from the data) or is
"according to". The same word test decides whether a found attribution is
speech (a direct quotation with no cue word is speech too); found
attributions matched to a non-speech annotation are left out of precision
rather than counted wrong. The earlier scorer called every found attribution
speech unless its cue category was "belief", so a found "supports" could only
ever count against precision; its figure is printed too, marked "earlier
scorer", so the two can be compared.

Found attributions with a speaker count, and so do agentless ones (PolNeAR
annotates attributions with no source too); scare quotes and quotations with
no speaker found do not.

Baseline in the same run: a regular expression for "X said / said X /
according to X" (``bench_sourcing``'s first baseline), scored the same way.

In-sample or not: the rules of this version were revised while reading the
finder's errors on the **even-numbered** articles of this split (in sorted
order); the errors on the odd-numbered ones were never read. Both halves
are printed, so a gap between them would show over-fitting; both are
development data in a wider sense (same publishers, same year), so neither
promises the same on other news. The time is measured without memory
tracing; peak memory in a second, traced pass over the first 100 articles.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tracemalloc
from dataclasses import dataclass, replace
from pathlib import Path

from helpers.corpus import article_from_text
from helpers.sourcing import THOUGHT, find_attributions
from helpers.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "polnear-train"

#: Word stems of saying and writing (matched at the start of a cue's words).
SPEECH_WORDS = (
    "say", "said", "tell", "told", "ask", "add", "announc", "stat", "claim", "argu", "insist",
    "explain", "wrote", "writ", "report", "note", "declar", "comment", "remark", "repl", "respond",
    "answer", "warn", "urg", "call", "describ", "suggest", "acknowledg", "admit", "conced", "deni",
    "deny", "confirm", "assert", "contend", "maintain", "mention", "predict", "promis", "vow",
    "pledg", "complain", "criticiz", "criticis", "prais", "accus", "charg", "blam", "tweet",
    "post", "quot", "recount", "recall", "recal", "testif", "disclos", "reveal", "rais", "point",
    "emphasi", "stress", "repeat", "reiterat", "echo", "joke", "quipp", "shout", "yell", "told",
    "interview", "statement", "speech", "remark", "comment", "letter", "memo", "email", "release",
    "message", "testimony", "rebuke", "retort", "boast", "brag", "conclud", "estimat", "show",
)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass
class Gold:
    cue: tuple[int, int]
    source: list[tuple[int, int]]
    speech: bool


def is_speech_cue(cue: str) -> bool:
    """A cue of saying or writing: it holds a word of ``SPEECH_WORDS`` or is "according to".
    The same test decides for annotated and for found attributions."""
    words = [w.lower() for w in _WORD.findall(cue)]
    return "according" in words or any(w.startswith(SPEECH_WORDS) for w in words)


def _spans(field: str) -> list[tuple[int, int]]:
    spans = []
    for piece in field.split(";"):
        a, b = piece.split()[-2:]
        spans.append((int(a), int(b)))
    return spans


def read_annotations(path: Path, text: str) -> list[Gold]:
    """The attribution relations of one brat file, with cue, source spans and speech flag."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # a line that continues the text of the line before
        if line.startswith("T"):
            spans[fields[0]] = _spans(fields[1].split(" ", 1)[1])
        elif line.startswith("E"):
            relations.append(dict(part.split(":", 1) for part in fields[1].split() if ":" in part))
    gold = []
    for relation in relations:
        cue_id = relation.get("Cue")
        if cue_id not in spans:
            continue
        cue_spans = spans[cue_id]
        cue = (min(a for a, _ in cue_spans), max(b for _, b in cue_spans))
        gold.append(Gold(cue, spans.get(relation.get("Source"), []), is_speech_cue(" ".join(text[a:b] for a, b in cue_spans))))
    return gold


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Found:
    sentence: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    speech: bool
    speech_by_category: bool = True  # the earlier test: any cue whose category is not "belief"


def _finder(text: str, thoughts: bool = False) -> list[Found]:
    found = []
    for a in find_attributions(article_from_text(text, file="x.txt"), thoughts=thoughts):
        if a.speaker_type == "none" and a.kind != "implicit":
            continue  # scare quotes and quotations with no speaker found; agentless attributions count
        cue = (a.cue_start, a.cue_end) if a.cue_start is not None else None
        speaker = (a.speaker_start, a.speaker_end) if a.speaker_start is not None else None
        speech = is_speech_cue(a.cue) if a.cue else a.kind == "direct"
        found.append(Found((a.sentence_start, a.sentence_end), cue, speaker, speech,
                           a.cue_category != "belief" and a.kind != THOUGHT))
    return found


def _finder_with_thoughts(text: str) -> list[Found]:
    return _finder(text, thoughts=True)


_NAME = r"(?:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}|he|she|they|He|She|They)"
_SAID = re.compile(rf"(?P<a>{_NAME})\s+(?:said|says)\b|\b(?:said|says)\s+(?P<b>{_NAME})|"
                   rf"[Aa]ccording to\s+(?P<c>(?:the\s+)?[\w'’ -]+?)(?=[,.;])")


def _baseline(text: str) -> list[Found]:
    found = []
    for s in split_sentences(text):
        for m in _SAID.finditer(s.text):
            group = next(g for g in "abc" if m.group(g))
            speaker = (s.start + m.start(group), s.start + m.end(group))
            found.append(Found((s.start, s.end), (s.start + m.start(), s.start + m.end()), speaker, True))
    return found


def score(found: list[Found], gold: list[Gold], speech_only: bool) -> tuple[int, int, int, int, int]:
    """Counts (true positives, found, gold, speaker checked, speaker right) for one article.

    Matching is one to one in two passes: first each found attribution takes an
    annotated one whose cue its own cue overlaps, then the rest take any annotated
    attribution left in their sentence (in order), so that a second attribution in
    a sentence is not refused because the first one took the wrong partner.
    """
    wanted = [g for g in gold if g.speech or not speech_only]
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for overlapping in (True, False):
        for n, f in enumerate(found):
            if n in partner or (speech_only and not f.speech):
                continue
            for i, g in enumerate(gold):
                if i in taken or not (f.sentence[0] <= g.cue[0] and g.cue[1] <= f.sentence[1]):
                    continue
                if overlapping and not (f.cue and _overlaps(f.cue, g.cue)):
                    continue
                partner[n] = i
                taken.add(i)
                break
    tp = counted = checked = right = 0
    for n, f in enumerate(found):
        if speech_only and not f.speech:
            continue
        if n not in partner:
            counted += 1
            continue
        g = gold[partner[n]]
        if speech_only and not g.speech:
            continue  # matched a belief: neither right nor wrong for speech
        counted += 1
        tp += 1
        if g.source:
            checked += 1
            right += bool(f.speaker and any(_overlaps(f.speaker, s) for s in g.source))
    return tp, counted, len(wanted), checked, right


def _totals(results, speech_only: bool) -> list[int]:
    totals = [0] * 5
    for found, gold in results:
        for i, v in enumerate(score(found, gold, speech_only)):
            totals[i] += v
    return totals


def _report(name: str, totals: list[int]) -> str:
    tp, found, gold, checked, right = totals
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    speaker = right / checked if checked else 0.0
    return f"{name:<28} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  speaker {speaker:.3f} ({checked} checked)  found {found}, annotated {gold}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    text_dir, ann_dir = args.folder / "text", args.folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        print(f"skipped: no PolNeAR training split at {args.folder} (text/ and attributions/); nothing measured")
        return 0
    names = sorted(p.stem for p in text_dir.glob("*.txt"))[: args.limit]
    files = {}
    for path in sorted(ann_dir.glob("*.ann")):
        files.setdefault(path.stem.rsplit("_", 1)[0], path)  # the first annotator, consistently
    data = []
    for name in names:
        if name in files:
            text = (text_dir / f"{name}.txt").read_text(encoding="utf-8")
            data.append((text, read_annotations(files[name], text)))
    print(f"PolNeAR training split: {len(data)} articles, {sum(len(g) for _, g in data)} annotated attributions "
          f"({sum(g.speech for _, gs in data for g in gs)} speech)")
    methods = (("finder", _finder), ("finder, thoughts=True", _finder_with_thoughts), ("baseline said/according", _baseline))
    for label, method in methods:
        began = time.perf_counter()
        results = [(method(text), gold) for text, gold in data]
        seconds = time.perf_counter() - began
        tracemalloc.start()
        for text, _ in data[:100]:
            method(text)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        halves = (("", results), (" even", results[0::2]), (" odd", results[1::2])) if label.startswith("finder") else (("", results),)
        for half, part in halves:
            for speech_only in (True, False):
                print(_report(f"{label}{half} ({'speech' if speech_only else 'all'})", _totals(part, speech_only)))
        if label.startswith("finder"):
            earlier = [([replace(f, speech=f.speech_by_category) for f in found], gold) for found, gold in results]
            print(_report(f"{label} (speech, earlier scorer)", _totals(earlier, True)))
        print(f"{label:<28} {seconds:.1f} s for {len(data)} articles (one core), peak traced memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
