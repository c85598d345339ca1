"""The word lists the attribution rules read from ``helpers/data``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from helpers.data_files import read_list, read_table
from helpers.sourcing.model import CUE_CATEGORIES
from helpers.text import load_stopwords, normalize_quotes, tokenize

__all__ = ["CueEntry", "Lexicon", "load_cue_lexicon"]


@dataclass(frozen=True)
class CueEntry:
    """One line of ``reporting_cues_en.txt``: a base verb, its category and what must follow.

    ``thought`` is True for a line of ``thought_cues_en.txt`` (a verb of
    thinking, wanting or feeling rather than of saying).
    """

    base: str
    category: str
    needs: str
    thought: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules use, read from ``helpers/data`` (see the module help)."""

    cues: dict
    agentless: dict
    nominals: dict
    vague: dict
    titles: frozenset
    org_words: frozenset
    non_person: frozenset
    stopwords: frozenset
    media: frozenset = frozenset()
    cue_lengths: tuple = ()
    agentless_lengths: tuple = ()
    first_words: frozenset = frozenset()


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase) if t.kind != "punct" or t.text == "&")


@lru_cache(maxsize=4)
def load_cue_lexicon(
    cues: str = "reporting_cues_en.txt",
    agentless: str = "agentless_cues_en.txt",
    nominals: str = "nominal_cues_en.txt",
    vague: str = "vague_sources_en.txt",
    titles: str = "titles_en.txt",
    organisations: str = "organisation_words_en.txt",
    non_person: str = "non_person_words_en.txt",
    media: str = "media_words_en.txt",
    thoughts: str | None = None,
) -> Lexicon:
    """Read the word lists the attribution rules use.

    Pass the path of your own copy of a list to try a change without editing
    the project's files. ``thoughts`` (for example ``"thought_cues_en.txt"``)
    adds verbs of thinking, wanting and feeling to the cues; a form listed
    there replaces the same form of ``cues``.

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lexicon = load_cue_lexicon()
    >>> lexicon.cues[("argued",)].category, lexicon.cues[("made", "it", "clear")].category
    ('argumentative', 'emphatic')
    >>> lexicon.vague["critics"], lexicon.nominals["account"]
    ('people', 'neutral')
    """
    cue_map = {}
    for name, thought in ((cues, False), (thoughts, True)):
        for base, category, forms, needs in read_table(name, 4) if name else ():
            if category not in CUE_CATEGORIES and category != "inherit":
                raise ValueError(f"{name}: unknown category {category!r} for {base!r} (use one of {', '.join(CUE_CATEGORIES)}).")
            entry = CueEntry(base, category, needs, thought)
            for form in forms.split(","):
                if form.strip():
                    cue_map[_phrase_key(form)] = entry
    agentless_map = {}
    for phrase, category, reduced in read_table(agentless, 3):
        agentless_map[_phrase_key(phrase)] = (category, reduced.lower() == "yes")
    return Lexicon(
        cues=cue_map,
        agentless=agentless_map,
        nominals={normalize_quotes(k).lower(): v for k, v in read_table(nominals)},
        vague={normalize_quotes(k).lower(): v for k, v in read_table(vague)},
        titles=frozenset(_phrase_key(t) for t in read_list(titles)),
        org_words=frozenset(w.lower() for w in read_list(organisations)),
        non_person=frozenset(w.lower() for w in read_list(non_person)),
        stopwords=load_stopwords(),
        media=frozenset(w.lower() for w in read_list(media)),
        cue_lengths=tuple(sorted({len(k) for k in cue_map}, reverse=True)),
        agentless_lengths=tuple(sorted({len(k) for k in agentless_map}, reverse=True)),
        first_words=frozenset(k[0] for k in list(cue_map) + list(agentless_map) if k),
    )
