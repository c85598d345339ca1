"""How fast saved pages become a corpus, and how close the extracted text is to hand-made references.

Run:  .venv/bin/python benchmarks/bench_import.py [--pages 200]

1. Extraction figures: for each test page of ``tests/data/import_pages``
   (invented pages in the styles of real news sites), the importer's body
   text against its hand-made reference, as 4-word shingle precision,
   recall and F1, per page and over all pages (micro-averaged).
2. Speed: ``--pages`` saved pages (copies of the test pages, each made
   different by a number in its headline and text, so none is a duplicate)
   imported into an empty folder by ``helpers.importing.import_sources``
   (read, extract, collect evidence, write files, metadata.csv and
   provenance.json), beside the baseline of ``trafilatura.extract`` alone on
   the same pages. Each runs in a fresh forked child; its time and peak
   resident memory (ru_maxrss, which includes what the parent had loaded)
   are printed.

Target (2 cores): 200 pages in under 30 s; F1 of at least 0.95 over all pages.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "import_pages"


def extraction_figures() -> None:
    from helpers.importing.evaluate import shingle_scores
    from helpers.importing.importer import candidate_from_page
    from helpers.importing.pages import read_saved_page

    print(f"{'page':26} {'precision':>9} {'recall':>7} {'F1':>6}")
    shared = extracted = reference = 0
    f1s = []
    for page in sorted(p for p in (DATA / "pages").iterdir() if p.is_file()):
        found = candidate_from_page(read_saved_page(page))
        scores = shingle_scores("\n".join(found.lines), (DATA / "references" / f"{page.stem}.txt").read_text(encoding="utf-8"))
        shared, extracted, reference = shared + scores["shared"], extracted + scores["extracted"], reference + scores["reference"]
        f1s.append(scores["f1"])
        print(f"{page.name:26} {scores['precision']:9.3f} {scores['recall']:7.3f} {scores['f1']:6.3f}")
    precision, recall = shared / extracted, shared / reference
    print(f"{'all pages (micro)':26} {precision:9.3f} {recall:7.3f} {2 * precision * recall / (precision + recall):6.3f}")
    print(f"{'mean of pages':26} {'':9} {'':7} {sum(f1s) / len(f1s):6.3f}")


def make_pages(folder: Path, count: int) -> list[Path]:
    """``count`` saved pages: the test pages, each copy numbered so that no two are the same article."""
    originals = sorted(p for p in (DATA / "pages").iterdir() if p.suffix == ".html")
    made = []
    for number in range(count):
        original = originals[number % len(originals)]
        encoding = "cp1252" if "riverbend" in original.name else "utf-8"
        text = original.read_bytes().decode(encoding)
        text = re.sub(r"(<h1[^>]*>)", rf"\g<1>Copy {number}: ", text, count=1)
        text = text.replace("<p>", f"<p>In copy {number}, ", 2)
        text = re.sub(r'("headline":\s*")', rf"\g<1>Copy {number}: ", text)
        text = re.sub(r'(og:title" content=")', rf"\g<1>Copy {number}: ", text)
        text = re.sub(r"(https://[a-z.-]+\.example/[^\"']*?)([\"'])", rf"\g<1>-{number}\g<2>", text)
        path = folder / f"{number:03d}-{original.name}"
        path.write_bytes(text.encode(encoding))
        made.append(path)
    return made


def _ours(pages: list[Path], out: Path) -> dict:
    from helpers.importing.importer import import_sources

    started = time.perf_counter()
    report = import_sources([pages[0].parent], out)
    return {"seconds": time.perf_counter() - started, "articles": report.count("imported"), "failed": report.count("failed")}


def _baseline(pages: list[Path], out: Path) -> dict:
    import trafilatura

    started = time.perf_counter()
    found = sum(1 for page in pages if trafilatura.extract(page.read_bytes(), include_comments=False))
    return {"seconds": time.perf_counter() - started, "articles": found, "failed": len(pages) - found}


def _child(name, pages, out, queue) -> None:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    result = {"ours": _ours, "baseline": _baseline}[name](pages, out)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def run(name: str, pages: list[Path], out: Path) -> dict:
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(name, pages, out, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args(argv)
    print("== Body text against hand-made references (4-word shingles)")
    extraction_figures()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "saved"
        folder.mkdir()
        pages = make_pages(folder, args.pages)
        size = sum(p.stat().st_size for p in pages) / 1e6
        print(f"\n== Importing {len(pages)} saved pages ({size:.1f} MB)")
        for name, label in (("baseline", "trafilatura.extract alone"), ("ours", "python -m helpers import")):
            result = run(name, pages, Path(scratch) / f"out-{name}")
            print(
                f"{label:28} {result['seconds']:6.2f} s  {result['seconds'] / len(pages) * 1000:5.1f} ms/page  "
                f"peak {result['peak_mb']:6.0f} MB  articles {result['articles']}  not read {result['failed']}"
            )
            if name == "ours" and result["seconds"] >= 30:
                print("over the 30 s target", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
