"""How fast a large folder loads, against reading and decoding the same files.

    .venv/bin/python benchmarks/bench_load.py [--articles 10000] [--seed 7] [--repeat 3] [--folder DIR]

What it measures, in one run:

1. **Loading.** :func:`helpers.corpus.load_corpus` on a folder of
   ``--articles`` articles (made by ``make_reuse_corpus.py`` with a fixed seed
   into ``benchmarks/out/load-corpus``, or the ``--folder`` you give), against
   the baseline of reading every ``.txt`` file and decoding it as UTF-8, and
   nothing else. The two are run in turn ``--repeat`` times and the best time
   of each is kept, so both see the same disk cache and machine load.
   Printed: both times, their ratio, and the peak Python memory of one load
   (``tracemalloc``).
2. **Word counts on demand.** Loading leaves :attr:`Article.word_count` to be
   counted when first asked for; the time to count every article is printed
   too, so the full cost is visible.
3. **One 5 MB line.** Tokenising and counting a 5 MB article written on a
   single line (seeded, deterministic): :func:`helpers.text.tokenize`,
   :func:`helpers.text.number_of_words`, :func:`helpers.frequency.count_words`
   and loading it as a one-file corpus, in CPU seconds. Each must take time
   linear in the size of the text; the time for 1 MB is printed beside it as
   a check. ``tokenize`` as it was before issue 14 (a match object and a
   frozen-dataclass ``Token`` per token) is timed beside it.
   :func:`helpers.text.split_sentences` is timed on lines of 20 to 160 KB.

Targets (issue 14): loading within 3x the read-and-decode baseline and under
3 s for 10,000 articles; tokenising the 5 MB line in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus import load_corpus

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_reuse_corpus import write_corpus  # noqa: E402

__all__ = ["main", "one_line_text", "read_and_decode", "tokenize_one_match_at_a_time"]


def read_and_decode(folder: Path) -> int:
    """The baseline: read every ``.txt`` file of a folder and decode it; returns the characters read."""
    total = 0
    for path in sorted(folder.glob("*.txt")):
        total += len(path.read_bytes().decode("utf-8"))
    return total


def _best(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _ensure_folder(folder: Path | None, articles: int, seed: int) -> Path:
    if folder is not None:
        return folder
    folder = HERE / "out" / "load-corpus"
    stamp = HERE / "out" / "load-corpus.made-with"  # beside the folder, so it is not one of its entries
    wanted = f"articles={articles} seed={seed}\n"
    if not (stamp.is_file() and stamp.read_text() == wanted):
        print(f"making {articles} articles (seed {seed}) in {folder} ...", flush=True)
        write_corpus(folder, articles, seed)
        stamp.write_text(wanted)
    return folder


def one_line_text(megabytes: float = 5.0, seed: int = 7) -> str:
    """A long article on one line: seed-article words in a seeded random order, no line break."""
    words = []
    for path in sorted((HERE.parent / "seeds").glob("*.txt")):
        words.extend(path.read_text(encoding="utf-8").split())
    rng = random.Random(seed)
    size = int(megabytes * 1_000_000)
    pieces, length = [], 0
    while length < size:
        word = rng.choice(words)
        pieces.append(word)
        length += len(word) + 1
    return " ".join(pieces)[:size].rstrip()


def _time(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _bench_load(folder: Path, repeat: int) -> None:
    files = sorted(folder.glob("*.txt"))
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    print(f"\n## Loading {len(files):,} articles ({megabytes:.1f} MB) from {folder}")
    read_and_decode(folder)  # warm the disk cache for both
    baseline, loading = float("inf"), float("inf")
    for _ in range(repeat):  # interleaved, so both see the same machine load
        baseline = min(baseline, _best(lambda: read_and_decode(folder), 1))
        loading = min(loading, _best(lambda: load_corpus(folder), 1))
    corpus = load_corpus(folder)
    counting = _time(lambda: [article.word_count for article in corpus])
    words = sum(article.word_count for article in corpus)
    tracemalloc.start()
    load_corpus(folder)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"read and decode every file (baseline)  {baseline:7.2f} s")
    print(f"load_corpus                            {loading:7.2f} s   ratio {loading / baseline:.1f}x  (target <= 3x, < 3 s)")
    print(f"  then Article.word_count of all       {counting:7.2f} s   ({words:,} words; lines classified and words counted on first use)")
    print(f"  peak Python memory of one load       {peak:7.0f} MB")


def tokenize_one_match_at_a_time(text: str) -> list:
    """:func:`helpers.text.tokenize` as it was before issue 14, kept to be timed beside it.

    One match object, one kind check and one frozen-dataclass ``Token`` per token.
    """
    from helpers.text import _TOKEN_RE, _kind

    return [_OldToken(m.group(), m.start(), m.end(), _kind(m.group())) for m in _TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class _OldToken:
    text: str
    start: int
    end: int
    kind: str


def _cpu(function, repeat: int = 1) -> float:
    """The best CPU time of ``repeat`` calls (steadier than wall time on a shared machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def _bench_one_line(megabytes: float, repeat: int) -> None:
    from helpers import frequency
    from helpers.text import number_of_words, split_sentences, tokenize

    print(f"\n## One line of {megabytes:g} MB (and 1 MB, to see that time grows linearly); CPU seconds, best of {repeat}")
    rows = []
    for size in (1.0, megabytes):
        text = one_line_text(size)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "one-line.txt"
            path.write_text(text, encoding="utf-8")
            load = _cpu(lambda: load_corpus(tmp, max_bytes=len(text.encode("utf-8")) + 1), repeat)
        frequency._span_tokens.cache_clear()  # it keeps the tokens of the last articles counted
        rows.append(
            (
                size,
                _cpu(lambda: tokenize_one_match_at_a_time(text), repeat),
                _cpu(lambda: tokenize(text), repeat),
                _cpu(lambda: number_of_words(text), repeat),
                _cpu(lambda: frequency.count_words(text)),
                load,
            )
        )
    print("MB    tokenize before   tokenize   text.number_of_words   frequency.count_words   load_corpus")
    for size, old, tok, count, freq, load in rows:
        print(f"{size:4.1f}  {old:13.2f} s  {tok:7.2f} s  {count:15.2f} s  {freq:20.2f} s  {load:10.2f} s")
    small, large = rows
    print(
        f"growth from 1 MB to {megabytes:g} MB: tokenize {large[2] / small[2]:.1f}x, "
        f"frequency {large[4] / small[4]:.1f}x (linear: about {megabytes:g}x); "
        f"tokenize {large[1] / large[2]:.1f}x faster than before"
    )
    print(f"target: tokenising {megabytes:g} MB in < 2 s: {'met' if large[2] < 2 else 'NOT met'}")
    sizes = (20, 40, 80, 160)
    times = {kb: _cpu(lambda: split_sentences(one_line_text(kb / 1000)), repeat) for kb in sizes}
    shown = ", ".join(f"{kb} KB {times[kb]:.3f} s" for kb in sizes)
    print(f"split_sentences on one line: {shown} (growth {times[160] / times[20]:.1f}x for 8x the text; linear: 8x)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time load_corpus against reading and decoding the same files.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs; the best of each is kept")
    parser.add_argument("--folder", type=Path, default=None, help="an existing folder of .txt articles to load instead")
    parser.add_argument("--mb", type=float, default=5.0, help="size of the one-line article")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    _bench_load(_ensure_folder(args.folder, args.articles, args.seed), args.repeat)
    _bench_one_line(args.mb, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
