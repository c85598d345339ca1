"""The PolNeAR benchmark's reader and lenient scorer, on a brat file written for this test."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_polnear.py"
_spec = importlib.util.spec_from_file_location("bench_polnear", _PATH)
bench = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_polnear", bench)
_spec.loader.exec_module(bench)

TEXT = "The mayor said the bridge would reopen. Residents believe it is unsafe. Nothing else happened."


def brat(tmp_path):
    said = TEXT.index("said")
    believe = TEXT.index("believe")
    lines = [
        "T1\tSource 0 9\tThe mayor",
        f"T2\tCue {said} {said + 4}\tsaid",
        "T3\tSource 40 49\tResidents",
        f"T4\tCue {believe} {believe + 7}\tbelieve",
        "E1\tAttribution:T2 Cue:T2 Source:T1",
        "E2\tAttribution:T4 Cue:T4 Source:T3",
    ]
    path = tmp_path / "x_0001.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bench.read_annotations(path, TEXT)


def test_reader_marks_speech_and_belief_cues(tmp_path):
    gold = brat(tmp_path)
    assert [g.speech for g in gold] == [True, False]
    assert gold[0].source == [(0, 9)]


def test_scorer_counts_matches_speakers_and_leaves_beliefs_out_of_speech(tmp_path):
    gold = brat(tmp_path)
    first = (0, TEXT.index("Residents") - 1)
    second = (TEXT.index("Residents"), TEXT.index("Nothing") - 1)
    third = (TEXT.index("Nothing"), len(TEXT))
    found = [
        bench.Found(first, (10, 14), (4, 9), True),  # right, speaker overlaps
        bench.Found(second, None, None, True),  # matches the belief only
        bench.Found(third, None, (0, 3), True),  # nothing annotated there
    ]
    assert bench.score(found, gold, speech_only=True) == (1, 2, 1, 1, 1)
    assert bench.score(found, gold, speech_only=False) == (2, 3, 2, 2, 1)


def test_missing_folder_is_skipped_with_a_note(tmp_path, capsys):
    assert bench.main(["--folder", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out


@pytest.mark.parametrize("field, spans", [("Cue 3 7", [(3, 7)]), ("Cue 3 7;9 12", [(3, 7), (9, 12)])])
def test_discontinuous_spans(field, spans):
    assert bench._spans(field.split(" ", 1)[1]) == spans


@pytest.mark.parametrize(
    "cue, speech",
    [("said", True), ("according to", True), ("has told", True), ("supports", False), ("believes", False), (":", False)],
)
def test_one_word_test_decides_speech_for_annotated_and_found_cues(cue, speech):
    assert bench.is_speech_cue(cue) is speech


def test_a_found_stance_cue_is_not_counted_against_speech_precision(tmp_path):
    gold = brat(tmp_path)
    first = (0, TEXT.index("Residents") - 1)
    third = (TEXT.index("Nothing"), len(TEXT))
    said = bench.Found(first, (10, 14), (4, 9), True)
    stance = bench.Found(third, (0, 3), (0, 3), bench.is_speech_cue("supports"), True)
    assert bench.score([said, stance], gold, speech_only=True) == (1, 1, 1, 1, 1)
    earlier = bench.Found(third, (0, 3), (0, 3), True)
    assert bench.score([said, earlier], gold, speech_only=True) == (1, 2, 1, 1, 1)
