"""Who a pronoun refers to: the most recent named person, organisation or group before it.

:func:`_resolve` takes the document and the attributions found so far, and
fills in the type and the resolved name of every speaker that is a pronoun.
"""

from __future__ import annotations

import bisect

from helpers.sourcing.document import _Document
from helpers.sourcing.registry import _Found
from helpers.text import normalize_quotes


def _mentions(doc: _Document, found: list[_Found]) -> list[tuple[int, str, str]]:
    """(position, name, type) of every named person or organisation, outside quotations."""
    people = set(doc.persons)
    for item in found:
        if item.speaker is not None and item.speaker.type == "person" and item.speaker.head == "person" and item.speaker.resolved:
            for name in item.speaker.resolved.split(" and "):
                people.add(name)
    surnames = dict(doc.surnames)
    for name in people:
        surnames.setdefault(normalize_quotes(name.split()[-1]).lower(), name)
    mentions = []
    for a, b in doc.runs:
        if doc.in_quote(doc.tokens[a].start):
            continue
        p, q = doc.name_part(a, b)
        last = normalize_quotes(doc.tokens[q - 1].text).lower()
        if doc.run_has(a, b, doc.lex.org_words):
            mentions.append((doc.tokens[a].start, doc.span_text(a, b), "organization"))
        elif last in surnames and not doc.run_has(p, q, doc.lex.non_person):
            mentions.append((doc.tokens[a].start, surnames[last], "person"))
    for item in found:
        if item.speaker is not None and item.speaker.type in ("group", "organization") and item.speaker.head != "pronoun":
            mentions.append((item.speaker.start, item.speaker.resolved or item.speaker.text, item.speaker.type))
        elif item.speaker is not None and item.speaker.role:
            # A speaking role is a person of its own: "He said" after "Tony Blair's
            # spokesman said" is the spokesman. It counts from its last word, after
            # any name it holds.
            mentions.append((item.speaker.end - 1, item.speaker.text, "person"))
    return sorted(mentions)


def _resolve(doc: _Document, found: list[_Found]) -> None:
    mentions = _mentions(doc, found)
    positions = [m[0] for m in mentions]
    for item in sorted(found, key=lambda f: f.speaker.start if f.speaker else 0):
        speaker = item.speaker
        if speaker is None or speaker.head != "pronoun":
            continue
        before = mentions[: bisect.bisect_left(positions, speaker.start)]
        wanted = ("person",) if speaker.pronoun in ("he", "she") else ("organization", "group")
        match = next((m for m in reversed(before) if m[2] in wanted), None)
        if speaker.pronoun == "it":
            match = next((m for m in reversed(before) if m[2] == "organization"), None)
        if match is None:
            speaker.resolved = None
            speaker.type = {"he": "person", "she": "person", "it": "organization"}.get(speaker.pronoun, "group")
            speaker.reason = f"“{speaker.text}” with no earlier named {'person' if speaker.pronoun in ('he', 'she') else 'source'} to refer to"
        else:
            speaker.resolved, speaker.type = match[1], match[2]
            speaker.reason = f"“{speaker.text}” refers to {match[1]}, the most recent named {match[2]} before it"
