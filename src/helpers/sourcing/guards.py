"""Guards: the look-alikes the rules refuse, and why.

Every refusal is recorded as a :class:`~helpers.sourcing.model.NearMiss`
with the name of its guard and the reason in :data:`GUARDS`, so that
:func:`~helpers.sourcing.find_near_misses` can show what was left out.
"""

from __future__ import annotations

from helpers.sourcing.document import _Document
from helpers.sourcing.model import NearMiss
from helpers.text import Sentence

__all__ = ["GUARDS", "refuse"]

#: Every guard, by the name stored in ``NearMiss.guard``, with why it refuses a look-alike.
GUARDS = {
    "author-claim": "the subject is not a person, an organisation or a group (an abstract noun "
    "such as “this move” or “the deal”): the sentence is the author's own claim",
    "document-emphasis": "a document or data with an emphatic verb (“the findings highlight”): "
    "the emphasis is the author's reading",
    "naming": "“called”, “named”, “dubbed” or “known as” before a name gives a name, not speech",
    "aim": "the verb is followed by “to”: it states an aim or plan, not a reported belief",
    "no-content": "nothing the cue needs comes after it (see the last field of reporting_cues_en.txt)",
    "organisation-stance": "an organisation or country “supports” or “opposes” through actions as "
    "often as through words, so stance verbs count only for people and groups",
    "first-person": "“I” or “we” outside a quotation is the author's own voice",
    "no-speaker": "no speaker could be found before the cue",
    "nested": "the cue is part of what someone else is reported to have said",
    "title-in-quotes": "quotation marks around a capitalised title or name, not speech",
    "negated": "the cue is negated (“did not agree”, “never said”): nothing is attributed (a source that "
    "“did not respond” or “declined to comment” is kept, as the kind no-response)",
    "prediction": "a passive act in the future or as a possibility (“is likely to be challenged”, "
    "“will be criticised”): the author's prediction, not a view someone holds",
}


def refuse(doc: _Document, sentence: Sentence, a: int, b: int, guard: str, detail: str = "") -> None:
    """Record that tokens ``a`` to ``b`` of a sentence look like an attribution and are not one."""
    start, end = doc.tokens[a].start, doc.tokens[b - 1].end
    reason = GUARDS[guard] + (f" ({detail})" if detail else "")
    doc.near_misses.append(
        NearMiss(doc.article.file, sentence.start, sentence.end, sentence.text, start, end, doc.text[start:end], guard, reason)
    )
