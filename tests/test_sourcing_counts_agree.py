"""One number for one thing: the sourcing counts of notebooks 03 and 05 agree wherever they are shown.

Each notebook is executed on the seeds and on the second corpus; its tables
are read back from the outputs by their captions, the charts' descriptions
from their captions, and the chart data is computed exactly as the notebook
calls the plot. An article's attributions, sources and share named must be
the same number in every table, chart and sentence, and the same as
``summarize_sourcing`` gives.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.corpus import load_corpus
from helpers.notebooks import run_notebook
from helpers.plots.sourcing import plot_speaker_types
from helpers.sourcing import find_attributions, summarize_sourcing

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {"seeds": ROOT / "seeds", "harbor": ROOT / "tests" / "corpora" / "harbor"}
SEED_STORY = ("CECOT", "Bukele", "El Salvador", "Salvador", "Noem", "Rubio", "MS-13", "Tren de Aragua")

pytestmark = pytest.mark.notebook


class _Tables(HTMLParser):
    """Every <table> of an HTML string as (caption, header, rows), and every <figcaption>."""

    def __init__(self):
        super().__init__()
        self.tables, self.figcaptions = [], []
        self._text, self._row, self._in = None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "header": [], "rows": []})
        elif tag in ("caption", "th", "td", "figcaption"):
            self._text, self._in = [], tag
        elif tag == "tr":
            self._row = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag != self._in or self._text is None:
            if tag == "tr" and self._row is not None and self.tables:
                if self._row and self.tables[-1]["header"]:
                    self.tables[-1]["rows"].append(self._row)
                self._row = None
            return
        text = "".join(self._text).strip()
        self._text, self._in = None, None
        if tag == "caption":
            self.tables[-1]["caption"] = text
        elif tag == "th":
            self.tables[-1]["header"].append(text)
        elif tag == "td":
            self._row.append(text)
        else:
            self.figcaptions.append(text)


def _outputs(run):
    html, text = [], []
    for cell in run.notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            html.append("".join(data.get("text/html", "")))
            text.append("".join(output.get("text", "")) + "".join(data.get("text/plain", "")))
    return "\n".join(html), "\n".join(text)


@pytest.fixture(scope="module", params=[(nb, corpus) for nb in ("03", "05") for corpus in CORPORA],
                ids=lambda p: f"{p[0]}-{p[1]}")
def executed(request, tmp_path_factory):
    number, corpus = request.param
    path = next((ROOT / "notebooks").glob(f"{number}-*.ipynb"))
    run = run_notebook(path, corpus_dir=CORPORA[corpus], timeout=300,
                       extra_env={"ANNOTATION_DIR": str(tmp_path_factory.mktemp("annotations"))})
    html, text = _outputs(run)
    parser = _Tables()
    parser.feed(html)
    loaded = load_corpus(CORPORA[corpus])
    summaries = {a.label: summarize_sourcing(a, find_attributions(a)) for a in loaded}
    return {"number": number, "corpus": corpus, "html": html, "text": text, "tables": parser.tables,
            "figcaptions": parser.figcaptions, "summaries": summaries}


def _table(executed, caption, exact=False):
    found = [t for t in executed["tables"] if (t["caption"] == caption if exact else t["caption"].startswith(caption))]
    assert len(found) == 1, f"one table captioned {caption!r} in notebook {executed['number']}"
    table = found[0]
    return {row[0]: dict(zip(table["header"], row)) for row in table["rows"]}


def _column(row, start):
    """The value of the one column whose heading starts with ``start``."""
    names = [name for name in row if name.startswith(start)]
    assert len(names) == 1, (start, list(row))
    return row[names[0]]


def _named_of(text):
    """ "17 of 28 (61%)" -> (17, 28, "61%"); "-" or "—" -> None."""
    match = re.fullmatch(r"(\d+) of (\d+) \((\d+%)\)", text)
    return (int(match[1]), int(match[2]), match[3]) if match else None


def _expected_named(summary):
    if summary["named_share"] is None:
        return None
    return sum(summary["named_sources"].values()), summary["sources"], f"{summary['named_share']:.0%}"


def test_attributions_and_sources_are_the_summarys_in_every_table(executed):
    summaries = executed["summaries"]
    if executed["number"] == "03":
        by_type = _table(executed, "Attributions by type of source")
        per_article = _table(executed, "The sourcing of each article")
        for label, s in summaries.items():
            row = by_type[label]
            assert int(row["attributions"]) == s["attributions"]
            types = ["named people", "named organisations", "news outlets", "documents", "vague groups", "nobody named"]
            assert sum(int(row[t]) for t in types) == s["attributions"]
            assert int(_column(row, "sources")) == s["sources"] == s["attributions"] - int(row["nobody named"])
            assert int(per_article[label]["sources"]) == s["sources"]
            assert _named_of(_column(per_article[label], "named (")) == _expected_named(s)
    else:
        step2 = _table(executed, "Step 2: who speaks")
        evidence = _table(executed, "Evidence table", exact=True)
        again = _table(executed, "Evidence table: ")  # the same corpus again, through CORPUS_DIR
        for label, s in summaries.items():
            row = step2[label]
            assert int(row["attributions"]) == s["attributions"]
            assert int(_column(row, "sources (")) == s["sources"] == s["attributions"] - int(row["nobody named"])
            assert _named_of(_column(row, "named (")) == _expected_named(s)
            assert int(row["vague groups"]) == s["by_speaker_type"]["group"]
            named = sum(s["named_sources"].values())
            expected = f"{named} named, {s['by_speaker_type']['group']} vague (of {s['sources']})"
            assert _column(evidence[label], "sources") == expected == _column(again[label], "sources")


def test_the_chart_of_sources_has_the_tables_totals_and_share_named(executed):
    if executed["number"] != "03":
        pytest.skip("notebook 05 draws no sourcing chart")
    summaries = list(executed["summaries"].values())
    chart = plot_speaker_types(summaries, count="sources")  # the notebook's call
    assert {label: sum(counts) for label, counts in chart.data.items()} == {s["label"]: s["sources"] for s in summaries}
    shown = [c for c in executed["figcaptions"] if c.startswith("Stacked bars, one per article: the share of its sources")]
    assert shown == [chart.description]
    match = re.search(r"Article (\w+) names its sources most often: (\d+) of its (\d+) sources? \((\d+%)\)", chart.description)
    if any(s["sources"] for s in summaries):
        label, named, sources, share = match.groups()
        assert (int(named), int(sources), share) == _expected_named(executed["summaries"][label])
    for label, vague, sources in re.findall(r"article (\w+) leans most on vague groups: (\d+) of its (\d+) source", chart.description):
        s = executed["summaries"][label]
        assert (int(vague), int(sources)) == (s["by_speaker_type"]["group"], s["sources"])


def test_the_chart_of_kinds_counts_every_attribution(executed):
    if executed["number"] != "03":
        pytest.skip("notebook 05 draws no sourcing chart")
    caption = next(c for c in executed["figcaptions"] if c.startswith("Stacked bars, one per article, of the share of attributions that are"))
    for label, quoted, total in re.findall(r"Article (\w+) quotes directly most often: (\d+) of its (\d+) attribution", caption):
        s = executed["summaries"][label]
        assert (int(quoted), int(total)) == (s["by_kind"]["direct"], s["attributions"])


def test_the_busiest_article_sentence_uses_the_same_counts(executed):
    if executed["number"] != "03":
        pytest.skip("only notebook 03 names its busiest article")
    match = re.search(r"Article (\w+) has the most attributions \((\d+)\); (\d+) of them give a speaker", executed["text"])
    s = executed["summaries"][match[1]]
    assert (int(match[2]), int(match[3])) == (s["attributions"], s["sources"])


def test_no_output_on_another_story_mentions_the_seed_story(executed):
    if executed["corpus"] != "harbor":
        pytest.skip("the seed story is expected on the seeds")
    everything = executed["html"] + executed["text"]
    assert [word for word in SEED_STORY if word.lower() in everything.lower()] == []
