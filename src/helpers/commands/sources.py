"""``python -m helpers sources DIR_OR_FILES [--json]``: who is quoted or cited, and how.

Also ``python -m helpers sources --evaluate [DIR] [--gold FILE]``: score the
finder against a hand annotation (the seed annotation by default).
"""

from __future__ import annotations

from pathlib import Path

from helpers.commands._common import fail, load_inputs, print_json, print_table, safe_name, safe_text
from helpers.corpus import CorpusError, load_corpus
from helpers.sourcing import explain, find_attributions, find_near_misses, summarize_sourcing
from helpers.sourcing_eval import DEFAULT_GOLD, EVALUATION_SETS, GoldError, evaluate_corpus

HELP = "find who is quoted or cited, and how"

#: The annotations shipped with the project: the rules were developed on their texts.
_REPOSITORY_ANNOTATIONS = {Path(gold).name for _, gold, _ in EVALUATION_SETS.values()}


def add_arguments(parser) -> None:
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="DIR_OR_FILES",
        help="a corpus folder, or one or more .txt article files (with --evaluate: the annotated folder, "
        "by default the corpus folder in use)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--summary", action="store_true", help="one line per article: counts by speaker type and kind")
    parser.add_argument("--explain", action="store_true", help="say under each attribution why it was found")
    parser.add_argument("--near-misses", action="store_true", help="also list look-alikes that were refused, and why")
    parser.add_argument("--thoughts", action="store_true",
                        help="also list what people are said to think, want or feel (kind \"thought\"; never counted as sources)")
    parser.add_argument("--evaluate", action="store_true", help="score the finder against a hand annotation")
    parser.add_argument("--gold", default=DEFAULT_GOLD, metavar="FILE",
                        help="the annotation for --evaluate (default: the project's annotation of the seeds)")
    parser.add_argument("--errors", type=int, default=20, metavar="N", help="how many disagreements --evaluate lists (default 20)")


def _load(inputs):
    return load_inputs(inputs) if inputs else load_corpus()


def _cell(value) -> str:
    return "—" if value in (None, "") else str(value)


def run(args) -> int:
    if args.evaluate:
        return _evaluate(args)
    if not args.inputs:
        fail("give a corpus folder or article files, for example: python -m helpers sources seeds/")
        return 2
    try:
        corpus = load_inputs(args.inputs)
    except CorpusError as error:
        return fail(str(error))
    if not len(corpus):
        return fail("no articles could be loaded from the input.")
    per_article = [(article, find_attributions(article, thoughts=args.thoughts)) for article in corpus]
    if args.json:
        payload = {"attributions": [a.to_dict() for _, found in per_article for a in found]}
        if args.summary:
            payload["summaries"] = [summarize_sourcing(article, found) for article, found in per_article]
        if args.near_misses:
            payload["near_misses"] = [m.__dict__ for article, _ in per_article for m in find_near_misses(article)]
        print_json(payload)
        return 0
    if args.summary:
        _print_summary(per_article)
        return 0
    for article, found in per_article:
        print(f"\n{safe_name(article.label)}  {safe_name(article.file)}: {len(found)} attribution(s)")
        if not found:
            print("  (none found: the article quotes or cites no one that the rules can see)")
            continue
        rows = []
        for number, a in enumerate(found, 1):
            speaker = _cell(a.speaker)
            if a.speaker_resolved and a.speaker and a.speaker_resolved.lower() != a.speaker.lower():
                speaker += f" → {a.speaker_resolved}"
            rows.append([number, speaker[:48], a.speaker_type, f"{_cell(a.cue)[:24]} ({_cell(a.cue_category)})", a.kind, a.rule])
        print_table(rows, ["#", "speaker", "type", "cue (category)", "kind", "rule"])
        if args.explain:
            for number, a in enumerate(found, 1):
                print(f"  {number}. “{safe_name(a.sentence.strip()[:100])}”\n     {safe_text(explain(a, article))}")
        if args.near_misses:
            for miss in find_near_misses(article):
                print(f"  refused [{miss.guard}] “{safe_name(miss.text[:60])}”: {miss.reason}")
    return 0


def _print_summary(per_article) -> None:
    rows = []
    for article, found in per_article:
        s = summarize_sourcing(article, found)
        share = "—" if s["named_share"] is None else f"{s['named_share']:.0%}"
        t, k = s["by_speaker_type"], s["by_kind"]
        rows.append([s["label"], s["file"][:28], s["attributions"], t["person"], t["organization"], t["media"],
                     t["document"], t["group"], t["none"], k["direct"], k["indirect"], k["implicit"], k["scare"],
                     k["no-response"], share, f"{s['unsourced_sentences']}/{s['prose_sentences']}"])
    print_table(rows, ["label", "file", "found", "person", "org", "media", "document", "group", "none", "direct",
                       "indirect", "implicit", "scare", "no reply", "named", "no source"])


def _evaluate(args) -> int:
    try:
        corpus = _load(args.inputs)
        result = evaluate_corpus(corpus, args.gold)
    except (CorpusError, GoldError) as error:
        return fail(str(error))
    if args.json:
        print_json(result)
        return 0
    print(f"Evaluation against {result['annotation']} ({len(result['files'])} articles): "
          f"{result['gold']} annotated, {result['found']} found, {result['matched']} matched.")
    if Path(args.gold).name in _REPOSITORY_ANNOTATIONS:
        print("In-sample: the rules were written or revised while reading these texts, so these scores flatter them. "
              "For figures on real news the rules were not written from, see benchmarks/bench_polnear.py.")
    print()
    rows = []
    for name, label in (("explicit", "explicit (a source is given)"), ("implicit", "implicit (agentless)"),
                        ("scare", "scare quotes"), ("all", "all")):
        r = result[name]
        rows.append([label, _fmt(r["precision"]), _fmt(r["recall"]), _fmt(r["f1"]), r["tp"], r["fp"], r["fn"]])
    print_table(rows, ["attributions", "precision", "recall", "F1", "tp", "fp", "fn"])
    print()
    print_table([[name.replace("_", " "), _fmt(v["accuracy"]), v["n"]] for name, v in result["accuracy"].items()],
                ["on the matches", "accuracy", "n"])
    counts = ", ".join(f"{k}: {v}" for k, v in result["error_counts"].items()) or "none"
    print(f"\nDisagreements: {counts}")
    for error in result["errors"][: max(0, args.errors)]:
        print(f"\n- {error['error']} in {error['file']}: “{error['sentence'].strip()[:110]}”")
        for side in ("gold", "found"):
            if error[side]:
                e = error[side]
                who = _cell(e["speaker"])
                if e["speaker_resolved"] and e["speaker"] and e["speaker_resolved"].lower() != e["speaker"].lower():
                    who += f" = {e['speaker_resolved']}"
                print(f"    {side:5}: {who} ({e['speaker_type']}), cue {_cell(e['cue'])} "
                      f"({_cell(e['cue_category'])}), {e['kind']}" + (f", rule {e['rule']}" if side == "found" else ""))
        if error["note"]:
            print(f"    note : {error['note']}")
    if len(result["errors"]) > args.errors:
        print(f"\n({len(result['errors']) - args.errors} more; use --errors N to see them)")
    return 0


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}"
