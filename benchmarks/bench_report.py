"""How long the one-page report takes on a large corpus, from the command line.

Run:  .venv/bin/python benchmarks/bench_report.py [--articles 1000] [--seed 7] [--sample 10] [--big 10000]

1. Makes (once) a synthetic corpus of ``--articles`` news-shaped articles
   (``make_reuse_corpus.py``) in ``benchmarks/out/`` (ignored by git).
2. Runs ``python -m helpers report DIR -o FILE`` as a user would, in its own
   process, and prints wall time, CPU time and peak memory, and whether every
   article of the report has its distinctive words (or a note saying why not).
3. Measures, in the same run, distinctive words (keyness) two ways:

   * ours: :func:`helpers.frequency.distinctive_words_by_article`, every
     article at once, its reference the corpus totals minus its own counts
     (linear in the size of the corpus);
   * the baseline: :func:`helpers.frequency.distinctive_words` called for
     each article, which pools the other articles anew every time
     (quadratic). It is timed on ``--sample`` articles and extrapolated to
     the whole corpus by article count, and checked to give the same words.

4. With ``--big N``: the report on N articles too, to show that it finishes
   and what it says it leaves out.

Targets (2 cores): the report on 1,000 articles in under 60 s with
distinctive words for every article; on 10,000 it finishes, saying what it
leaves out and why.
"""

from __future__ import annotations

import argparse
import html
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from helpers.corpus import load_corpus
from helpers.frequency import distinctive_words, distinctive_words_by_article
from make_reuse_corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def _corpus(articles: int, seed: int) -> Path:
    folder = OUT / f"report-{articles}-{seed}"
    if not (folder / "metadata.csv").exists() and not any(folder.glob("*.txt")):
        write_corpus(folder, articles=articles, seed=seed)
    return folder


def _run_report(folder: Path) -> dict:
    target = OUT / f"{folder.name}.html"
    began = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(folder), "-o", str(target), "--force"],
        capture_output=True, text=True, check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"the report failed on {folder}:\n{done.stderr[-2000:]}")
    page = target.read_text(encoding="utf-8")
    sections = page.count('class="article"') or page.count("<article")
    notes = sorted(set(re.findall(r'<p class="note">(.*?)</p>', page)))
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,
        "articles": sections,
        "notes": [html.unescape(re.sub("<[^>]+>", "", note)) for note in notes][:6],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=10, help="articles on which the quadratic baseline is timed")
    parser.add_argument("--big", type=int, default=0, help="also run the report on a corpus of this size")
    args = parser.parse_args(argv)

    folder = _corpus(args.articles, args.seed)
    corpus = load_corpus(folder)
    print(f"corpus: {len(corpus)} articles, {sum(a.word_count for a in corpus):,} words ({folder})")

    began = time.perf_counter()
    every = distinctive_words_by_article(corpus, 6)
    ours = time.perf_counter() - began
    sample = corpus.labels[: args.sample]
    began = time.perf_counter()
    one_by_one = {label: distinctive_words(corpus, label, 6) for label in sample}
    baseline = (time.perf_counter() - began) * len(corpus) / len(sample)
    same = all(one_by_one[label] == every[label] for label in sample)
    with_words = sum(1 for label in corpus.labels if every[label])
    print(f"keyness, every article at once (ours):        {ours:7.1f} s")
    print(f"keyness, one article at a time (baseline):    {baseline:7.1f} s  (timed on {len(sample)}, extrapolated)")
    print(f"ratio ours / baseline: {ours / baseline:.3f}; same words on the sample: {same}; "
          f"articles with distinctive words: {with_words} of {len(corpus)}")

    for size in [args.articles] + ([args.big] if args.big else []):
        result = _run_report(_corpus(size, args.seed))
        print(f"report on {size:,} articles (CLI): {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, "
              f"peak {result['peak_mb']:.0f} MB")
        for note in result["notes"]:
            print(f"  note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
