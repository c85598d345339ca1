"""How far to trust the attribution finder: a hand annotation and a scorer.

The project annotated every attribution in the five seed articles by hand
(``helpers/data/seed_attributions.json``), before the rules of
:mod:`helpers.sourcing` were tuned. The annotation is the reference: where the
rules and the annotation disagree, the rules are wrong (or the annotation
is, and then it should be corrected, with a note).

An annotation file is JSON. Each entry names its sentence by a short excerpt
(``at``) that occurs once in the article, and gives the speaker and the cue
as they are written in that sentence, so a person can check it by reading::

    {"at": "Critics argue that these conditions", "speaker": "Critics",
     "speaker_resolved": "critics", "speaker_type": "group", "cue": "argue",
     "cue_category": "argumentative", "kind": "indirect", "quote": null,
     "note": "why this case is hard, if it is"}

Optional fields: ``through`` (an excerpt of the last sentence, for a
quotation that runs over several), ``speaker_occurrence`` and
``cue_occurrence`` (which occurrence in the sentence, counting from 0, when
the words occur more than once). Each article also lists
``not_attributions``: look-alikes the annotator considered and left out, with
why; the scorer shows that reason next to a false alarm.

:func:`score_attributions` matches found and annotated attributions by
overlapping cue (or quotation) spans and reports precision, recall and F1,
and, on the matches, how often the speaker, its type, the kind and the cue
category agree.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers.corpus import Article
from helpers.data_files import data_path
from helpers.quotations import QUOTE_MARKS
from helpers.sourcing import KINDS, SPEAKER_TYPES, Attribution, find_attributions
from helpers.text import normalize_quotes, split_sentences

__all__ = [
    "DEFAULT_GOLD",
    "EVALUATION_SETS",
    "evaluation_set",
    "GoldError",
    "GoldSet",
    "load_gold",
    "read_gold_file",
    "same_speaker",
    "score_attributions",
    "evaluate_corpus",
]

#: The hand annotation of the seed articles, shipped with the helpers.
DEFAULT_GOLD = "seed_attributions.json"


#: The annotated sets of this repository, by name: (folder, annotation file, what it is).
#: Folders and files are relative to the repository root.
EVALUATION_SETS = {
    "seeds": ("seeds", "src/helpers/data/seed_attributions.json",
              "the five seed articles: the rules were written while reading them (development set)"),
    "harbor": ("tests/corpora/harbor", "tests/data/harbor_attributions.json",
               "four short invented articles of the second test corpus"),
    "heldout": ("tests/data/sourcing_heldout", "tests/data/heldout_attributions.json",
                "seven invented news texts written and annotated before the rules were run on them"),
    "news": ("tests/data/sourcing_news", "tests/data/sourcing_news_attributions.json",
             "ten invented British, American and opinion news texts, written and annotated apart from the "
             "rules and never read while tuning them (held out)"),
}


def evaluation_set(name: str):
    """Load one of the repository's annotated sets: (corpus, annotation path), or None when it is not there.

    The sets live in the repository (not in the installed package), so a copy
    of the helpers without the repository has none of them but the seeds' annotation.

    Examples
    --------
    >>> corpus, gold = evaluation_set("seeds")
    >>> len(corpus), gold.name
    (5, 'seed_attributions.json')
    >>> evaluation_set("no such set")
    """
    from helpers.corpus import load_corpus

    if name not in EVALUATION_SETS:
        return None
    folder, gold, _ = EVALUATION_SETS[name]
    root = Path(__file__).resolve().parents[2]
    if not (root / folder).is_dir() or not (root / gold).is_file():
        return None
    return load_corpus(root / folder), root / gold


class GoldError(Exception):
    """An annotation file cannot be used; the message names the file, the article and the entry."""


@dataclass
class GoldSet:
    """A hand annotation placed on the articles it describes.

    Attributes
    ----------
    attributions : list of Attribution
        Every annotated attribution, with offsets into the article texts
        (``rule`` is ``"hand"``).
    notes : dict
        Position in ``attributions`` → the annotator's note on a hard case.
    excluded : list of dict
        Look-alikes left out on purpose: ``file``, ``start``, ``end``, ``why``.
    files : list of str
        The articles the annotation covers.
    """

    attributions: list
    notes: dict = field(default_factory=dict)
    excluded: list = field(default_factory=list)
    files: list = field(default_factory=list)


def read_gold_file(path: str | Path = DEFAULT_GOLD) -> dict:
    """Read an annotation file (the project's by default) and check its shape.

    Raises
    ------
    GoldError
        When the file is missing, is not JSON, or lacks ``articles``.

    Examples
    --------
    >>> data = read_gold_file()
    >>> sorted(data["articles"])[0]
    '000_f3b808c696cbbcf6.txt'
    """
    location = data_path(path)
    if not location.is_file():
        raise GoldError(f"Annotation file {str(path)!r} not found (looked for {location}). Give the path of a JSON annotation file.")
    try:
        data = json.loads(location.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise GoldError(f"{location.name} is not valid JSON (line {error.lineno}: {error.msg}). Fix the file and try again.") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise GoldError(f"{location.name} has no \"articles\" object: see helpers/data/seed_attributions.json for the format.")
    return data


def _find(text: str, phrase: str, start: int, end: int, occurrence: int, what: str, where: str,
          near: int | None = None) -> tuple[int, int]:
    pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)") if phrase[:1].isalnum() and phrase[-1:].isalnum() else re.compile(re.escape(phrase))
    hits = [m.span() for m in pattern.finditer(text, start, end)]
    if not hits:
        raise GoldError(f"{where}: the {what} {phrase!r} is not in that sentence. Copy it exactly as written.")
    if len(hits) > 1 and occurrence is None and what == "quote":
        marked = [h for h in hits if text[h[0] - 1 : h[0]] in QUOTE_MARKS and text[h[1] : h[1] + 1] in QUOTE_MARKS]
        marked = marked or [h for h in hits if text[h[0] - 1 : h[0]] in QUOTE_MARKS]
        if len(marked) == 1:
            return marked[0]  # the occurrence inside quotation marks
    if len(hits) > 1 and occurrence is None and near is not None:
        return min(hits, key=lambda h: min(abs(h[0] - near), abs(h[1] - near)))  # the one beside the speaker
    if len(hits) > 1 and occurrence is None:
        raise GoldError(
            f"{where}: the {what} {phrase!r} occurs {len(hits)} times in that sentence; "
            f"add \"{what}_occurrence\": N (0 for the first) to say which."
        )
    index = occurrence or 0
    if index >= len(hits):
        raise GoldError(f"{where}: there is no occurrence {index} of the {what} {phrase!r}.")
    return hits[index]


def _sentence_of(sentences, position: int):
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None


def _place(article: Article, entry: dict, number: int, gold_name: str) -> tuple[Attribution, str | None]:
    text = article.text
    where = f"{gold_name}, {article.file}, entry {number + 1}"
    at = entry.get("at")
    if not at or not isinstance(at, str):
        raise GoldError(f"{where}: every entry needs \"at\", an excerpt of its sentence.")
    count = text.count(at)
    if count != 1:
        raise GoldError(f"{where}: the excerpt {at!r} occurs {count} times in the article; it must occur exactly once.")
    sentences = split_sentences(article)
    first = _sentence_of(sentences, text.index(at))
    last = first
    if entry.get("through"):
        through = entry["through"]
        if text.count(through) != 1:
            raise GoldError(f"{where}: the excerpt {through!r} given as \"through\" must occur exactly once.")
        last = _sentence_of(sentences, text.index(through))
    if first is None or last is None:
        raise GoldError(f"{where}: the excerpt {at!r} is not inside a sentence of the article.")
    start, end = first.start, max(first.end, last.end)
    for key, allowed in (("speaker_type", SPEAKER_TYPES), ("kind", KINDS)):
        if entry.get(key) not in allowed:
            raise GoldError(f"{where}: {key} must be one of {', '.join(allowed)}, not {entry.get(key)!r}.")
    speaker = entry.get("speaker")
    speaker_span = (None, None)
    if speaker:
        speaker_span = _find(text, speaker, start, end, entry.get("speaker_occurrence"), "speaker", where)
    cue = entry.get("cue")
    cue_span = (None, None)
    if cue:
        cue_span = _find(text, cue, start, end, entry.get("cue_occurrence"), "cue", where, near=speaker_span[0])
    quote = entry.get("quote")
    quote_span = (None, None)
    if quote:
        # a quotation in several pieces is written with " … " between them: span from the first to the last
        # a quotation may run on past the sentence of "at" when no "through" is given: look in its paragraph
        # ("“...” — Name" puts it before): look in the paragraph when it is not in the sentences
        paragraph_end = text.find("\n", end)
        line_start = text.rfind("\n", 0, start)
        previous_start = text.rfind("\n", 0, max(0, len(text[:line_start].rstrip("\n")))) + 1 if line_start > 0 else 0
        reach = (previous_start, max(end, paragraph_end if paragraph_end >= 0 else len(text)))
        pieces = [p for p in quote.split(" … ") if p.strip()]
        try:
            first_piece = _find(text, pieces[0], start, end, entry.get("quote_occurrence"), "quote", where)
        except GoldError:
            first_piece = _find(text, pieces[0], *reach, entry.get("quote_occurrence"), "quote", where)
        last_piece = _find(text, pieces[-1], first_piece[0], reach[1], None, "quote", where) if len(pieces) > 1 else first_piece
        quote_span = (first_piece[0], last_piece[1])
        start = min(start, (_sentence_of(sentences, first_piece[0]) or first).start)
        end = max(end, (_sentence_of(sentences, last_piece[1] - 1) or last).end)
    attribution = Attribution(
        file=article.file,
        sentence_start=start,
        sentence_end=end,
        sentence=text[start:end],
        speaker=speaker or None,
        speaker_start=speaker_span[0],
        speaker_end=speaker_span[1],
        speaker_resolved=entry.get("speaker_resolved"),
        speaker_type=entry["speaker_type"],
        cue=cue or None,
        cue_category=entry.get("cue_category"),
        kind=entry["kind"],
        quote=quote or None,
        rule="hand",
        cue_start=cue_span[0],
        cue_end=cue_span[1],
        quote_start=quote_span[0],
        quote_end=quote_span[1],
    )
    return attribution, entry.get("note")


def load_gold(corpus, path: str | Path = DEFAULT_GOLD) -> GoldSet:
    """Place a hand annotation on the articles of a corpus.

    Parameters
    ----------
    corpus : Corpus or list of Article
        It must hold every article the annotation names.
    path : str or Path
        The annotation file (the seed annotation by default).

    Returns
    -------
    GoldSet

    Raises
    ------
    GoldError
        Naming the file, the article and the entry that cannot be placed.

    Examples
    --------
    >>> from helpers.corpus import load_corpus
    >>> gold = load_gold(load_corpus())
    >>> len(gold.files), sum(1 for a in gold.attributions if a.speaker_type == "group") > 10
    (5, True)
    """
    data = read_gold_file(path)
    name = Path(str(path)).name
    articles = {article.file: article for article in corpus}
    missing = [file for file in data["articles"] if file not in articles]
    if missing:
        raise GoldError(
            f"{name} annotates {', '.join(missing)}, which the corpus does not hold. "
            "Evaluate on the folder the annotation was made for (the seed annotation goes with seeds/)."
        )
    gold = GoldSet([], files=list(data["articles"]))
    for file, content in data["articles"].items():
        article = articles[file]
        for number, entry in enumerate(content.get("attributions", [])):
            attribution, note = _place(article, entry, number, name)
            if note:
                gold.notes[len(gold.attributions)] = note
            gold.attributions.append(attribution)
        for entry in content.get("not_attributions", []):
            at = entry.get("at", "")
            if at and article.text.count(at) == 1:
                start = article.text.index(at)
                gold.excluded.append({"file": file, "start": start, "end": start + len(at), "why": entry.get("why", "")})
    return gold


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------

_LEADING = re.compile(r"^(the|a|an)\s+")


def _speaker_words(attribution: Attribution) -> set:
    name = attribution.speaker_resolved or attribution.speaker
    if not name:
        return set()
    name = normalize_quotes(name).lower().replace("'s", "")
    name = _LEADING.sub("", name.strip())
    return set(re.findall(r"[^\W_]+(?:-[^\W_]+)*", name))


def same_speaker(found: Attribution, gold: Attribution) -> bool:
    """Do two attributions name the same speaker? Words of the resolved names are
    compared, and one may hold the other ("Noem" and "Kristi Noem" agree).

    Examples
    --------
    >>> from helpers.sourcing import find_attributions
    >>> a = find_attributions("Kristi Noem toured the prison. She said it was safe.")[0]
    >>> b = a.__class__(**{**a.to_dict(), "speaker_resolved": "Noem"})
    >>> same_speaker(a, b)
    True
    """
    one, two = _speaker_words(found), _speaker_words(gold)
    if not one or not two:
        return not one and not two
    return one <= two or two <= one


def _overlap(a: tuple, b: tuple) -> int:
    if a[0] is None or b[0] is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(found: list[Attribution], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (found index, gold index) with overlapping cues or quotations, largest overlap first."""
    candidates = []
    for i, f in enumerate(found):
        for j, g in enumerate(gold):
            if f.file != g.file:
                continue
            size = _overlap(f.anchor, g.anchor) if (f.cue_start is None) == (g.cue_start is None) else 0
            if not size:
                size = _overlap((f.cue_start, f.cue_end), (g.cue_start, g.cue_end))
            if not size:
                size = _overlap((f.quote_start, f.quote_end), (g.quote_start, g.quote_end))
            if size:
                candidates.append((-size, i, j))
    pairs, used_found, used_gold = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in used_found and j not in used_gold:
            pairs.append((i, j))
            used_found.add(i)
            used_gold.add(j)
    return sorted(pairs)


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if precision is not None and recall is not None else None)
    rounded = {key: (round(value, 3) if value is not None else None) for key, value in (("precision", precision), ("recall", recall), ("f1", f1))}
    return {**rounded, "tp": tp, "fp": fp, "fn": fn}


def _subset(found, gold, pairs, test) -> dict:
    tp = sum(1 for i, j in pairs if test(found[i]) and test(gold[j]))
    fp = sum(1 for f in found if test(f)) - tp
    fn = sum(1 for g in gold if test(g)) - tp
    return _prf(tp, fp, fn)


def _brief(a: Attribution) -> dict:
    return {
        "speaker": a.speaker,
        "speaker_resolved": a.speaker_resolved,
        "speaker_type": a.speaker_type,
        "cue": a.cue,
        "cue_category": a.cue_category,
        "kind": a.kind,
        "rule": a.rule,
    }


def score_attributions(predicted: list[Attribution], gold, *, excluded: list | None = None, notes: dict | None = None) -> dict:
    """Compare found attributions with a hand annotation.

    Parameters
    ----------
    predicted : list of Attribution
        What the finder found (on the annotated articles).
    gold : list of Attribution or GoldSet
        The annotation (a :class:`GoldSet` brings its notes and exclusions).
    excluded, notes : optional
        Look-alikes left out on purpose and notes on hard cases, when ``gold`` is a list.

    Returns
    -------
    dict
        ``found``, ``gold``, ``matched``; precision/recall/F1 (with tp, fp, fn)
        for ``all``, ``explicit`` (a source is given), ``implicit`` (agentless)
        and ``scare``; ``accuracy`` on the matches of ``speaker``,
        ``speaker_type``, ``kind`` and ``cue_category`` (each with how many
        matches it was measured on); ``errors`` (one dict per disagreement:
        ``error`` is missed, extra, speaker, speaker_type, kind or
        cue_category) and ``error_counts``.

    Examples
    --------
    >>> from helpers.sourcing import find_attributions
    >>> found = find_attributions("Critics argue the plan fails. The plan is seen as costly.")
    >>> gold = [found[0]]                 # pretend the annotation holds only the first
    >>> score = score_attributions(found, gold)
    >>> score["all"]["precision"], score["all"]["recall"], score["explicit"]["f1"]
    (0.5, 1.0, 1.0)
    >>> score["error_counts"]
    {'extra': 1}
    """
    if isinstance(gold, GoldSet):
        excluded = gold.excluded if excluded is None else excluded
        notes = gold.notes if notes is None else notes
        gold = gold.attributions
    excluded = excluded or []
    notes = notes or {}
    files = {g.file for g in gold}
    found = [f for f in predicted if not files or f.file in files]
    pairs = _match(found, gold)
    errors = []
    matched_found = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    for j, g in enumerate(gold):
        if j not in matched_gold:
            errors.append({"error": "missed", "file": g.file, "sentence_start": g.sentence_start, "sentence": g.sentence,
                           "gold": _brief(g), "found": None, "note": notes.get(j, "")})
    for i, f in enumerate(found):
        if i not in matched_found:
            why = next((e["why"] for e in excluded if e["file"] == f.file and e["start"] < f.anchor[1] and f.anchor[0] < e["end"]), "")
            errors.append({"error": "extra", "file": f.file, "sentence_start": f.sentence_start, "sentence": f.sentence,
                           "gold": None, "found": _brief(f), "note": f"The annotation left this out: {why}" if why else ""})
    checks = {"speaker": 0, "speaker_type": 0, "kind": 0, "cue_category": 0}
    totals = dict(checks)
    for i, j in pairs:
        f, g = found[i], gold[j]
        tests = {
            "speaker": (g.speaker_type != "none", same_speaker(f, g)),
            "speaker_type": (True, f.speaker_type == g.speaker_type),
            "kind": (True, f.kind == g.kind),
            "cue_category": (g.cue_category is not None, f.cue_category == g.cue_category),
        }
        for name, (counted, right) in tests.items():
            if not counted:
                continue
            totals[name] += 1
            if right:
                checks[name] += 1
            else:
                errors.append({"error": name, "file": g.file, "sentence_start": g.sentence_start, "sentence": g.sentence,
                               "gold": _brief(g), "found": _brief(f), "note": notes.get(j, "")})
    accuracy = {name: {"accuracy": round(checks[name] / totals[name], 3) if totals[name] else None, "n": totals[name]} for name in checks}
    errors.sort(key=lambda e: (e["file"], e["sentence_start"], e["error"]))
    return {
        "found": len(found),
        "gold": len(gold),
        "matched": len(pairs),
        "all": _prf(len(pairs), len(found) - len(pairs), len(gold) - len(pairs)),
        "explicit": _subset(found, gold, pairs, lambda a: a.speaker_type != "none"),
        "implicit": _subset(found, gold, pairs, lambda a: a.kind == "implicit"),
        "scare": _subset(found, gold, pairs, lambda a: a.kind == "scare"),
        "accuracy": accuracy,
        "errors": errors,
        "error_counts": dict(Counter(e["error"] for e in errors).most_common()),
    }


def evaluate_corpus(corpus, path: str | Path = DEFAULT_GOLD) -> dict:
    """Run the finder on the annotated articles of a corpus and score it.

    Parameters
    ----------
    corpus : Corpus or list of Article
    path : str or Path
        The annotation file (the seed annotation by default).

    Returns
    -------
    dict
        What :func:`score_attributions` returns, plus ``annotation`` (the
        file name) and ``files``.

    Examples
    --------
    >>> from helpers.corpus import load_corpus
    >>> score = evaluate_corpus(load_corpus())
    >>> score["gold"] > 50 and 0 <= score["explicit"]["precision"] <= 1
    True
    """
    gold = load_gold(corpus, path)
    predicted = [a for article in corpus if article.file in gold.files for a in find_attributions(article)]
    result = score_attributions(predicted, gold)
    result["annotation"] = Path(str(path)).name
    result["files"] = gold.files
    return result
