"""Cues: the words that signal speech, and what must follow them."""

from __future__ import annotations

from helpers.quotations import QUOTE_MARKS
from helpers.sourcing.document import _AUX, _BE, _OBJECT_PRONOUNS, _WINDOW, _Document
from helpers.sourcing.lexicon import CueEntry


def _longest(doc: _Document, i: int, limit: int, table: dict, lengths: tuple):
    """The longest phrase of ``table`` starting at token i: (end token, its value) or None."""
    if doc.norms[i] not in doc.lex.first_words:
        return None
    for length in lengths:
        if i + length <= limit:
            value = table.get(tuple(doc.norms[i : i + length]))
            if value:
                return i + length, value
    return None


def _cue_at(doc: _Document, i: int, limit: int):
    """The longest reporting cue starting at token i: (end token, CueEntry) or None."""
    return _longest(doc, i, limit, doc.lex.cues, doc.lex.cue_lengths)


def _agentless_at(doc: _Document, i: int, limit: int):
    """The longest agentless cue starting at token i: (end token, (category, reduced)) or None."""
    return _longest(doc, i, limit, doc.lex.agentless, doc.lex.agentless_lengths)
    for length in doc.lex.agentless_lengths:
        if i + length <= limit:
            entry = doc.lex.agentless.get(tuple(doc.norms[i : i + length]))
            if entry:
                return i + length, entry
    return None


def _skip_left(doc: _Document, j: int, first: int) -> tuple[int, bool]:
    """Skip auxiliaries and adverbs left of a cue: (new j, whether a form of "be" was skipped)."""
    passive = False
    while j >= first and (doc.norms[j] in _AUX or doc.is_adverb(j) or doc.tokens[j].kind == "clitic"
                          or doc.norms[j].endswith("n't")):
        if doc.norms[j] in _BE or (doc.tokens[j].kind == "clitic" and doc.norms[j] == "'s"):
            passive = passive or doc.norms[j] in _BE
        j -= 1
    return j, passive


def _noun_after(doc: _Document, i: int, last: int) -> int | None:
    """A speech noun within three words after token i ("issued a stern warning")."""
    for k in range(i, min(last, i + 4)):
        if doc.norms[k] in doc.lex.nominals and doc.tokens[k].kind == "word":
            return k
        if doc.tokens[k].kind == "punct":
            return None
    return None


#: Words after "called her" that show a telephone call, not a name ("called her at home", "called him back").
_NOT_A_COMPLEMENT = frozenset({"to", "at", "on", "from", "back", "and", "in", "after", "before", "during", "about",
                               "with", "up", "last", "yesterday", "again", "twice", "several", "every", "late", "early"})


def _needs_met(doc: _Document, entry: CueEntry, end: int, last: int) -> tuple[bool, str]:
    """Does what follows the cue give it content? (False, reason) when not."""
    after = [k for k in range(end, min(last, end + _WINDOW))]
    words = [k for k in after if doc.tokens[k].kind in ("word", "number") or doc.tokens[k].text in QUOTE_MARKS]
    if after and doc.tokens[after[0]].text == ":" and entry.needs in ("any", "that"):
        return True, ""  # "The reporter says:" and what she said in the next paragraph
    if not words:
        return False, "nothing follows the cue"
    needs = entry.needs
    if needs == "any":
        if doc.norms[words[0]] == "to" and entry.category in ("belief", "concern", "neutral") and entry.base not in ("offer", "promise", "pledge", "vow", "ask", "respond", "reply"):
            return False, "aim"
        return True, ""
    if needs == "that":
        for k in after[:7]:
            if doc.norms[k] == "that" or doc.tokens[k].text in QUOTE_MARKS or doc.tokens[k].text == ":":
                return True, ""
        if words and doc.norms[words[0]] == "to":
            return False, "aim"
        return False, "needs “that”, a colon or a quotation after it"
    if needs == "noun":
        return (_noun_after(doc, end, last) is not None), "needs a speech noun after it (nominal_cues_en.txt)"
    if needs == "complement":
        # "called it unique", "called the plan a disaster", "called the vote “a decision ...”"
        window = after[:9]
        if any(doc.tokens[k].text in QUOTE_MARKS for k in window):
            return True, ""
        if doc.norms[words[0]] in _OBJECT_PRONOUNS and len(words) > 1:
            if doc.norms[words[1]] in _NOT_A_COMPLEMENT and not any(doc.tokens[k].text in QUOTE_MARKS for k in window):
                return False, "a telephone call, not what the thing is called (“called her to ...”)"
            return True, ""
        determiners = [k for k in window if doc.norms[k] in ("a", "an", "the")]
        if len(determiners) >= 2 or (determiners and determiners[0] != words[0]):
            return True, ""
        return False, "needs what the thing is called after it (“calling it ...”)"
    wanted = set(needs.split("/"))
    for k in after[:9]:
        if doc.norms[k] in wanted:
            return True, ""
        if doc.tokens[k].text in ".;":
            break
    return False, f"needs “{needs}” after it"


def _category(doc: _Document, entry: CueEntry, start: int, end: int, last: int) -> tuple[str, int]:
    """The cue's category and the end of the cue span (extended over a speech noun)."""
    noun = _noun_after(doc, end, last) if entry.needs == "noun" or entry.base == "express" else None
    if noun is not None:
        category = doc.lex.nominals[doc.norms[noun]] if entry.category in ("inherit",) or entry.base == "express" else entry.category
        return category, noun + 1
    return (entry.category if entry.category != "inherit" else "neutral"), end
