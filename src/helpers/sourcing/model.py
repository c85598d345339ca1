"""The results of the attribution finder, and the names they use.

:class:`Attribution` is one place where an article gives words or a view as
someone's; :class:`NearMiss` is a look-alike that a guard refused;
:class:`UnsourcedSentence` is a sentence with no source. ``SPEAKER_TYPES``,
``KINDS`` and ``CUE_CATEGORIES`` are the values their fields take.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["CUE_CATEGORIES", "KINDS", "THOUGHT", "NAMED_TYPES", "SPEAKER_TYPES", "Attribution", "NearMiss", "UnsourcedSentence"]

#: Who an attribution gives as its source.
SPEAKER_TYPES = ("person", "organization", "media", "document", "group", "none")

#: Speaker types a reader can look up by name: people, organisations and news outlets.
NAMED_TYPES = ("person", "organization", "media")

#: How the words are reported.
KINDS = ("direct", "indirect", "implicit", "scare", "no-response")

#: The kind of an attribution of a thought, a wish or an attitude ("she wants to leave"):
#: found only with ``find_attributions(article, thoughts=True)`` and never counted as a source.
THOUGHT = "thought"

#: What the choice of cue signals (see ``reporting_cues_en.txt``).
CUE_CATEGORIES = (
    "neutral",
    "no-response",
    "argumentative",
    "emphatic",
    "evaluative",
    "belief",
    "concern",
    "stance",
    "evidence",
    "tentative",
    "concession",
    "intention",
)


@dataclass(frozen=True)
class Attribution:
    """One attribution. Offsets index ``Article.text`` as stored.

    ``sentence_start``/``sentence_end`` cover every sentence the attribution
    spans (a quotation can run over several). ``speaker``, ``cue`` and
    ``quote`` are None when there is none; ``speaker_start``/``speaker_end``,
    ``cue_start``/``cue_end`` and ``quote_start``/``quote_end`` give their
    places (the quotation's span runs from the first quoted word to the last,
    and ``quote`` joins its pieces with " … "). ``speaker_reason`` says how
    the speaker was identified and linked to someone named earlier ("“She”
    refers to Mary Jones, the most recent woman named before it");
    ``uncertain`` says why that link may be wrong ("the article names 2
    people called Blair"), and is None when nothing makes it doubtful.
    """

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    speaker_type: str
    cue: str | None
    cue_category: str | None
    kind: str
    quote: str | None
    rule: str
    cue_start: int | None = None
    cue_end: int | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    speaker_reason: str | None = None
    uncertain: str | None = None

    @property
    def is_explicit(self) -> bool:
        """True when a source is given (a person, an organisation or a group)."""
        return self.speaker_type != "none"

    @property
    def is_named(self) -> bool:
        """True when the source is a named person, organisation or news outlet."""
        return self.speaker_type in NAMED_TYPES

    @property
    def anchor(self) -> tuple[int, int]:
        """The span that identifies it: the cue, or the quotation when there is no cue."""
        if self.cue_start is not None:
            return self.cue_start, self.cue_end
        if self.quote_start is not None:
            return self.quote_start, self.quote_end
        return self.sentence_start, self.sentence_end

    def to_dict(self) -> dict:
        """A plain dict (the JSON record of ``python -m helpers sources --json``)."""
        return asdict(self)


@dataclass(frozen=True)
class NearMiss:
    """Something that looked like an attribution and was refused, with the guard that refused it."""

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    start: int
    end: int
    text: str
    guard: str
    reason: str


@dataclass(frozen=True)
class UnsourcedSentence:
    """A sentence with no named or described source, and what may make it a claim to check."""

    file: str
    sentence_start: int
    sentence_end: int
    sentence: str
    reasons: tuple
