"""Speaker phrases: finding the noun phrase that speaks, and deciding what it is.

A phrase is found walking left from a cue (:func:`_chain_left`: "Critics of
the plan") or right after one (:func:`_chain_right`: "said librarian Joe
Park"), and classified (:func:`_classify`) as a person, an organisation, a
news outlet, document, group or nothing that can speak, with the reason in
words. With a verb of saying, a person or group described by any noun
speaks too (:func:`_described_speaker`: "the actress said").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from helpers.quotations import QUOTE_MARKS
from helpers.sourcing.cues import _cue_at
from helpers.sourcing.document import (
    _AUX,
    _CHAIN_PAIRS,
    _CHAIN_WORDS,
    _DETERMINERS,
    _NAME_CONNECTORS,
    _POSSESSIVE_PRONOUNS,
    _QUANTIFIERS,
    _RIGHT_STOPS,
    _SUBJECT_PRONOUNS,
    _WINDOW,
    _Document,
)
from helpers.data_files import read_list
from helpers.text import normalize_quotes


@dataclass
class _Speaker:
    """A speaker phrase with its type and why."""

    start: int
    end: int
    text: str
    type: str
    resolved: str | None
    reason: str
    head: str  # pronoun, person, organization, place, group, document, role, abstract
    pronoun: str | None = None
    apposition: bool = False
    role: bool = False  # a definite role with no name ("the prime minister's spokesman")
    uncertain: str | None = None  # why the link to someone named earlier may be wrong


def _unit_left(doc: _Document, j: int, first: int) -> int | None:
    """Start of the noun phrase ending at token j, walking left; None if j cannot end one."""
    token, norm = doc.tokens[j], doc.norms[j]
    if norm in _SUBJECT_PRONOUNS:
        return j
    if not (doc.is_cap(j) or doc.is_content_word(j) or norm in doc.lex.vague or token.kind == "number"):
        return None
    k = j - 1
    modifiers = 0
    joined = False
    cap_head = doc.is_cap(j)
    while k >= first:
        t, n = doc.tokens[k], doc.norms[k]
        if t.kind == "clitic" and k - 1 >= first:
            k -= 1  # the owner comes next: "the library['s]"
            cap_head = doc.is_cap(k)
            continue
        if t.text in ("'", "’") and k - 1 >= first and doc.tokens[k - 1].kind == "word" and n == "'" and \
                doc.norms[k - 1].endswith("s") and k + 1 <= j and doc.tokens[k + 1].kind == "word":
            k -= 1  # a plural owner: "the teachers' union"
            cap_head = doc.is_cap(k)
            continue
        if doc.is_cap(k):
            if modifiers and not cap_head and doc.is_content_word(k + 1) and k + 2 <= j and doc.is_cap(k + 2):
                break  # "the U.S. pays El Salvador": a lower-case word between names is a verb
            k -= 1
            continue
        if cap_head and doc.is_title(k, k + 1):
            k -= 1  # "librarian Joe Park"
            continue
        if cap_head and n in doc.lex.org_words and t.text.islower():
            cap_head = False  # "the hospital group Carewell"
            k -= 1
            continue
        if cap_head and k - 1 >= first and doc.is_title(k - 1, k + 1):
            k -= 2  # "board chair", "council member"
            continue
        if t.text == "." and k - 1 >= first and doc.title_at(k - 1, k):
            k -= 1
            continue
        if n in _NAME_CONNECTORS and n != "and" and k - 1 >= first and doc.is_cap(k - 1) and doc.is_cap(k + 1):
            k -= 1
            continue
        if n == "and" and not joined and k - 1 >= first and (
            (doc.is_cap(k - 1) and doc.is_cap(k + 1)) or (doc.is_content_word(k - 1) and doc.is_content_word(k + 1))
        ):
            joined = True
            k -= 1
            continue
        if n in ("that", "this") and cap_head:
            break  # "... that Mr. Obama warned": a conjunction before a name
        if n in _DETERMINERS or n in _QUANTIFIERS or n in _POSSESSIVE_PRONOUNS:
            return k
        if doc.is_content_word(k) and modifiers < 4 and not cap_head:
            if k - 1 >= first and doc.norms[k - 1] == "to":
                break  # "to accept ...": a verb, not a modifier
            modifiers += 1
            k -= 1
            continue
        break
    return k + 1


def _chain_left(doc: _Document, j: int, first: int) -> tuple[int, int] | None:
    """The speaker phrase ending at token j: a noun phrase with up to two linked parts
    ("Critics of these deportations", "a study published this week", "Officials in both countries")."""
    start = _unit_left(doc, j, first)
    if start is None:
        return None
    if doc.norms[j] in _SUBJECT_PRONOUNS:
        return j, j + 1
    if start - 2 >= first and doc.norms[start - 1] == "and" and doc.is_cap(start) and (
        doc.norms[start - 2] in ("he", "she") or (doc.is_cap(start - 2) and doc.tokens[start - 2].kind == "word")
    ):
        # two speakers: "he and Mr. Allen said", "Ms. Lee and Mr. Park said"
        other = start - 2 if doc.norms[start - 2] in ("he", "she") else _unit_left(doc, start - 2, first)
        if other is not None:
            return other, j + 1
    hops = 0
    while hops < 2 and start - 1 >= first:
        k = start - 1
        n = doc.norms[k]
        link = None
        if n in _CHAIN_WORDS and doc.tokens[k].text.islower():
            link = k
        elif k - 1 >= first and (doc.norms[k - 1], n) in _CHAIN_PAIRS:
            link = k - 1
        elif n.endswith("ed") and doc.tokens[k].text.islower() and n not in doc.cue_forms:
            link = k  # a participle: "a study published this week"
        if link is None or link - 1 < first:
            break
        earlier = _unit_left(doc, link - 1, first)
        if earlier is None or doc.norms[link - 1] in _SUBJECT_PRONOUNS:
            break
        start = earlier
        hops += 1
    return start, j + 1


def _chain_right(doc: _Document, i: int, last: int, stop_at_cue: bool = False) -> tuple[int, int] | None:
    """A speaker phrase starting at token i and running right ("said librarian Joe Park, who ...")."""
    if i >= last:
        return None
    if doc.norms[i] in _SUBJECT_PRONOUNS:
        return i, i + 1
    j = i
    while j < last and j - i < _WINDOW:
        t, n = doc.tokens[j], doc.norms[j]
        if t.kind == "clitic" and j > i and j + 1 < last and doc.tokens[j + 1].kind == "word":
            j += 1  # a possessive: "the utility's own estimate"
            continue
        if t.kind == "punct" and not (t.text == "." and j > i and doc.title_at(j - 1, j)) and t.text not in "&'’":
            break
        if t.kind == "punct" and t.text in "'’" and not (j + 1 < last and doc.is_cap(j + 1)):
            # a plural possessive ("the Workers' Union") continues only before a capital
            if not (j > i and doc.norms[j - 1].endswith("s")):
                break
        if j > i and n in _RIGHT_STOPS and not (n in _CHAIN_WORDS and j + 1 < last and (doc.is_cap(j + 1) or doc.norms[j + 1] in _DETERMINERS)):
            break
        if j > i and n in _AUX:
            break
        if stop_at_cue and j > i and _cue_at(doc, j, last):
            break
        if n == "and" and not (j > i and doc.is_cap(j - 1) and j + 1 < last and (doc.is_cap(j + 1) or doc.title_at(j + 1, last))):
            break
        j += 1
    while j > i and (doc.tokens[j - 1].kind == "punct" and doc.tokens[j - 1].text != "." or doc.norms[j - 1] in _CHAIN_WORDS | {"and", "the"}):
        j -= 1
    return (i, j) if j > i else None


def _units(doc: _Document, a: int, b: int) -> list[tuple[int, int, str]]:
    """Split a speaker phrase at its links: [(start, end, link word before it)]."""
    units = []
    start, link = a, ""
    k = a
    while k < b:
        n = doc.norms[k]
        pair = k + 1 < b and (n, doc.norms[k + 1]) in _CHAIN_PAIRS
        inside_name = k > a and doc.is_cap(k - 1) and k + 1 < b and doc.is_cap(k + 1) and n in _NAME_CONNECTORS
        participle = n.endswith("ed") and doc.tokens[k].text.islower() and k > a
        if k > start and not inside_name and (pair or (n in _CHAIN_WORDS and doc.tokens[k].text.islower()) or participle):
            units.append((start, k, link))
            link = f"{n} {doc.norms[k + 1]}" if pair else n
            k += 2 if pair else 1
            start = k
            continue
        k += 1
    if start < b:
        units.append((start, b, link))
    return units or [(a, b, "")]


def _head(doc: _Document, a: int, b: int) -> int:
    """The head word of a unit: its last word (the owner of "'s" is not the head)."""
    k = b - 1
    while k > a and doc.tokens[k].kind in ("punct", "clitic"):
        k -= 1
    return k


def _possessor(doc: _Document, a: int, b: int) -> tuple[int, int] | None:
    """The owner in "the library's annual report" or "Noem's speeches" (token range)."""
    for k in range(a, b):
        if doc.tokens[k].kind == "clitic" and k > a:
            owner_start = a
            return owner_start, k
    if doc.norms[a] in _POSSESSIVE_PRONOUNS:
        return a, a + 1
    return None


def _named_org_in(doc: _Document, a: int, b: int) -> tuple[int, int] | None:
    for ra, rb in doc.runs:
        if ra >= a and rb <= b and (doc.run_has(ra, rb, doc.lex.org_words) or doc.run_key(ra, rb) in doc.places):
            return ra, rb
    return None


def _only_starts_sentences(doc: _Document, i: int) -> bool:
    """True if this capitalised word appears nowhere in the article except at the start of a sentence."""
    starts = {bisect.bisect_left(doc.starts, s.start) for s in doc.sentences}
    norm = doc.norms[i]
    return all(k in starts for k, n in enumerate(doc.norms) if n == norm)


def _org_word(doc: _Document, i: int) -> bool:
    norm = doc.norms[i]
    return norm in doc.lex.org_words or (norm.endswith("s") and norm[:-1] in doc.lex.org_words)


def _is_role_plural(doc: _Document, i: int) -> bool:
    """ "lawyers", "spokespeople": people who speak for someone else when "for" follows."""
    norm = doc.norms[i]
    return norm in ("spokespeople", "representatives", "officials") or (norm.endswith("s") and doc.lex.vague.get(norm[:-1]) == "role")


#: Past participles that make "those ..." a group of people: "those surveyed", "those polled".
_SURVEYED = frozenset({"surveyed", "polled", "interviewed", "questioned", "asked", "sampled", "contacted",
                       "quoted", "consulted", "briefed", "involved", "present", "close"})


def _vague_kind(doc: _Document, i: int) -> str | None:
    norm = doc.norms[i]
    kind = doc.lex.vague.get(norm)
    if kind:
        return kind
    singular = norm[:-1]
    if norm.endswith("s") and (doc.lex.vague.get(singular) == "role"
                               or ((singular,) in doc.lex.titles and doc.tokens[i].text.islower())):
        return "people"  # "engineers", "senators", "strategists"
    return None


def _phrase(doc: _Document, a: int, b: int, kind_type: str, resolved, reason: str, head_kind: str) -> _Speaker:
    return _Speaker(doc.tokens[a].start, doc.tokens[b - 1].end, doc.span_text(a, b), kind_type, resolved, reason, head_kind)


def _as_owner(doc: _Document, owner: tuple[int, int], h: int, position: int) -> _Speaker:
    """ "Noem's speeches", "her remarks": the owner of the speech noun speaks."""
    head_text = doc.tokens[h].text
    inner = _classify_unit(doc, owner[0], owner[1], position) if owner[1] - owner[0] >= 1 and doc.norms[owner[0]] not in _POSSESSIVE_PRONOUNS else None
    if inner is None:
        pronoun = _POSSESSIVE_PRONOUNS[doc.norms[owner[0]]]
        return _Speaker(doc.tokens[owner[0]].start, doc.tokens[owner[0]].end, doc.tokens[owner[0]].text, "person", None,
                        f"the owner of “{head_text}”", "pronoun", pronoun)
    inner.reason = f"the owner of “{head_text}”: " + inner.reason
    return inner


def _as_vague_source(doc: _Document, a: int, b: int, h: int, owner) -> _Speaker | None:
    """A word of vague_sources_en.txt at the head: people, an anonymous role, or a document."""
    text, head_text = doc.span_text(a, b), doc.tokens[h].text
    vague = _vague_kind(doc, h)
    if vague in ("people", "quantifier"):
        return _phrase(doc, a, b, "group", text, f"“{head_text}” is a vague source in vague_sources_en.txt", "group")
    if vague == "role" and not doc.has_title(h, h + 1):
        return _phrase(doc, a, b, "group", text, f"“{head_text}” is one unnamed person: an anonymous source", "role")
    if vague != "document":
        return None
    if owner and owner[1] - owner[0] == 1 and doc.norms[owner[0]] in ("their", "its"):
        speaker = _phrase(doc, a, b, "document", None, f"a document (“{head_text}”) of “{doc.tokens[owner[0]].text}”", "pronoun")
        speaker.pronoun = _POSSESSIVE_PRONOUNS[doc.norms[owner[0]]]
        return speaker
    if owner or any(doc.norms[k] in doc.lex.org_words for k in range(a, h)):
        return _phrase(doc, a, b, "document", text, f"a document (“{head_text}”) of a named or definite owner", "document")
    return _phrase(doc, a, b, "document", text, f"“{head_text}” is a document or data with no named source", "document")


def _as_role(doc: _Document, a: int, b: int, h: int, owner) -> _Speaker | None:
    """A lower-case title at the head: "the prime minister's spokesman", "an adviser"."""
    if not (doc.title_at(h, h + 1) and not doc.is_cap(h)):
        return None
    text, head_text = doc.span_text(a, b), doc.tokens[h].text
    bare = a == h  # a headline's "Superintendent says ...": one known person, as with "the"
    if doc.norms[a] in ("the", "its", "his", "her", "their") or owner or bare:
        speaker = _phrase(doc, a, b, "person", text, f"a role (“{head_text}”, in titles_en.txt) held by one known person", "person")
        speaker.role = True
        return speaker
    return _phrase(doc, a, b, "group", text, f"an unnamed “{head_text}”: an anonymous source", "role")


def _as_titled_name(doc: _Document, a: int, b: int, h: int, owner) -> _Speaker | None:
    """A capitalised name with a title: "Secretary Kristi Noem"."""
    if not (doc.is_cap(h) and doc.has_title(a, b)):
        return None
    p, q = doc.name_part(a, b)
    if q > p and not doc.title_at(p, q) and all(doc.is_cap(k) for k in range(p, q)):
        return _phrase(doc, a, b, "person", doc.canonical_person(a, b), "a name with a title (titles_en.txt)", "person")
    return None


def _as_organisation(doc: _Document, a: int, b: int, h: int, owner) -> _Speaker | None:
    """A word of organisation_words_en.txt in the phrase: an organisation, or unnamed ones (a group)."""
    if not any(_org_word(doc, k) for k in range(a, b)):
        return None
    text, head, head_text = doc.span_text(a, b), doc.norms[h], doc.tokens[h].text
    word = next(doc.tokens[k].text for k in range(a, b) if _org_word(doc, k))
    if head.endswith("s") and _org_word(doc, h) and not doc.is_cap(h) and doc.norms[a] not in ("the", "its", "their") and not owner:
        return _phrase(doc, a, b, "group", text, f"“{head_text}” with no name: unnamed organisations are a vague source", "group")
    resolved = text[4:] if text.lower().startswith("the ") else text
    return _phrase(doc, a, b, "organization", resolved, f"“{word}” is in organisation_words_en.txt", "organization")


def _as_name(doc: _Document, a: int, b: int, h: int, owner) -> _Speaker | None:
    """A capitalised head with no organisation word: a person, a place, a body or a plural common noun."""
    if not doc.is_cap(h):
        return None
    text, head, head_text, first = doc.span_text(a, b), doc.norms[h], doc.tokens[h].text, doc.norms[a]
    run = doc.run_at(h) or (a, b)
    ra = max(run[0], a)
    if doc.has_title(ra, b) and not all(doc.title_at(k, b) for k in range(doc.name_part(ra, b)[0], b)):
        return _phrase(doc, a, b, "person", doc.canonical_person(ra, b), "a name with a title (titles_en.txt)", "person")
    if doc.title_at(h, h + 1):
        return _phrase(doc, a, b, "person", text, f"a title (“{head_text}”) standing for one person", "person")
    surname = normalize_quotes(head_text).lower()
    if " ".join(doc.surnames.get(surname, "").lower().split()[-1:]) == surname and surname in doc.surnames:
        return _phrase(doc, a, b, "person", doc.canonical_person(ra, b), f"“{doc.surnames[surname]}” is named as a person in the article", "person")
    if first in _QUANTIFIERS or (first in ("some", "many", "most") and head.endswith("s")):
        return _phrase(doc, a, b, "group", text, f"“{doc.tokens[a].text}” before a plural: an unnamed part of a group", "group")
    if doc.run_key(ra, b) in doc.places or doc.run_has(ra, b, doc.lex.non_person):
        return _phrase(doc, a, b, "organization", text, "a place (it follows “in”, “to” or “from” in the article): "
                       "a place that speaks is its government", "place")
    if first == "the":
        return _phrase(doc, a, b, "organization", text[4:], "“the” before a name: an organisation, not a person", "organization")
    if h > ra and doc.common_plural(head_text):
        return _phrase(doc, a, b, "organization", text, f"the name ends in “{head_text}”, a plural the article also uses "
                       "as a common noun: a company or body, not a person", "organization")
    if ra == h and _only_starts_sentences(doc, h) and head.endswith("s") and not head.endswith("ss"):
        return _phrase(doc, a, b, "group", text, f"“{head_text}” is capitalised only because it starts the sentence: "
                       "a plural common noun, so a vague group", "group")
    return _phrase(doc, a, b, "person", doc.canonical_person(ra, b), "a capitalised name with no title or organisation word: "
                   "taken to be a person", "person")


#: What a noun phrase can be, tried in this order by :func:`_classify_unit`.
_UNIT_KINDS = (_as_vague_source, _as_role, _as_titled_name, _as_organisation, _as_name)


def _classify_unit(doc: _Document, a: int, b: int, position: int) -> _Speaker:
    """Decide what a single noun phrase is, and say why."""
    h = _head(doc, a, b)
    if b - a == 1 and doc.norms[h] in _SUBJECT_PRONOUNS:
        return _Speaker(doc.tokens[a].start, doc.tokens[a].end, doc.span_text(a, b), "person", None, "a pronoun", "pronoun", doc.norms[h])
    owner = _possessor(doc, a, b)
    if owner and doc.norms[h] in doc.lex.nominals:
        return _as_owner(doc, owner, h, position)
    for kind in _UNIT_KINDS:
        speaker = kind(doc, a, b, h, owner)
        if speaker is not None:
            return speaker
    return _phrase(doc, a, b, "none", None, f"“{doc.tokens[h].text}” is not a person, an organisation or a group in the word lists", "abstract")


#: Nouns of amount whose "of" phrase names who speaks ("a majority of voters", "dozens of lawmakers").
_QUANTITY_NOUNS = frozenset({
    "array", "number", "majority", "minority", "handful", "host", "range", "lot", "lots", "couple", "dozen",
    "dozens", "hundreds", "thousands", "millions", "score", "scores", "series", "chorus", "slew", "raft",
    "group", "bunch", "plurality", "share", "portion", "proportion", "percent", "third", "half", "quarter",
    "fraction", "bloc", "coalition", "cadre", "contingent", "variety", "mix", "batch", "wave", "flood",
})


def _classify(doc: _Document, a: int, b: int, lenient: bool = False) -> _Speaker:
    """Decide what a speaker phrase is: its first part decides, a named organisation in a
    linked part ("organisations like Amnesty International") or an owner after "for"/"from"/"by"
    can make it an organisation."""
    if b - a == 2 and doc.norms[a] == "those" and doc.norms[a + 1] in _SURVEYED:
        text = doc.span_text(a, b)
        return _phrase(doc, a, b, "group", text, f"“{text}”: people asked in a poll or by the reporter, not named", "group")
    units = _units(doc, a, b)
    if len(units) > 1 and units[1][2] == "of" and doc.norms[_head(doc, *units[0][:2])] in _QUANTITY_NOUNS:
        units = units[1:]  # "a wide array of economists": the economists speak
    first_a, first_b, _ = units[0]
    speaker = _classify_unit(doc, first_a, first_b, doc.tokens[a].start)
    speaker.start, speaker.end, speaker.text = doc.tokens[a].start, doc.tokens[b - 1].end, doc.span_text(a, b)
    if speaker.type in ("group", "document") and speaker.head in ("group", "role", "document"):
        speaker.resolved = speaker.text
    if speaker.head in ("group", "role", "document") and len(units) > 1:
        for ua, ub, link in units[1:]:
            named = _named_org_in(doc, ua, ub)
            inner = _classify_unit(doc, ua, ub, doc.tokens[ua].start)
            if link in ("like", "such as", "including") and named:
                speaker.type, speaker.resolved = "organization", doc.span_text(*named)
                speaker.reason = f"a vague source with a named example (“{speaker.resolved}”)"
                break
            representative = speaker.head == "role" or (link == "for" and speaker.head == "group" and _is_role_plural(doc, first_b - 1))
            if link in ("for", "from", "by", "of", "at") and (representative or speaker.head == "document") and inner.type in ("organization", "media"):
                speaker.type = "document" if speaker.head == "document" else inner.type
                speaker.resolved = inner.resolved
                speaker.reason = f"speaks for, or comes from, an organisation (“{inner.resolved}”)"
                break
    if speaker.head == "person" and len(units) == 1 and doc.run_has(a, b, {"and"}):
        # two people: "Rubio and President Bukele"
        names = []
        for ra, rb in doc.runs:
            if ra >= a and rb <= b:
                names.append(doc.canonical_person(ra, rb))
        if len(names) >= 2:
            speaker.resolved = " and ".join(names)
    if (speaker.type in ("organization", "person") or (speaker.type == "group" and doc.is_cap(_head(doc, a, b)))) \
            and not speaker.role and _is_media(doc, a, b, speaker.type):
        speaker.type = "media"
        speaker.resolved = speaker.resolved or speaker.text
        speaker.reason = f"“{doc.tokens[_head(doc, a, b)].text}” names a news outlet (media_words_en.txt): a report of a report"
    if speaker.type == "none" and lenient:
        speaker.type, speaker.resolved = "group", speaker.text
        speaker.reason = "a source that is not named or described more closely: vague"
        speaker.head = "group"
    return speaker


def _is_speaker(speaker: _Speaker | None) -> bool:
    return speaker is not None and speaker.type != "none"


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """Given name → "m", "f" or "?" (first_names_en.txt)."""
    table = {}
    for line in read_list("first_names_en.txt"):
        name, _, gender = line.partition("\t")
        table[name.strip()] = gender.strip() or "?"
    return table


def _is_media(doc: _Document, a: int, b: int, taken_for: str = "organization") -> bool:
    """A news outlet: the head of the phrase, or the name it ends in, is on the media list
    ("The Washington Post", "CNN", "the newspaper", "Al Jazeera"); "Fox News host Jane Lee" is
    not, and neither is a person's name that ends in such a word ("Dr. Lena Fox")."""
    h = _head(doc, a, b)
    if taken_for == "person" and (doc.has_title(a, b) or _first_names().get(doc.norms[a]) in ("m", "f", "?")):
        return False
    if doc.norms[h] in doc.lex.media:
        return True
    return h > a and f"{doc.norms[h - 1]} {doc.norms[h]}" in doc.lex.media


# ---------------------------------------------------------------------------
# Described speakers: "the actress said", "forecasters say"
# ---------------------------------------------------------------------------

#: Verbs whose subject can only be someone who speaks, writes or holds a view: an abstract
#: subject never "says" or "tells" ("this move says" is idiom, refused apart), so with these
#: verbs a person or group described by any noun counts, even one no word list knows.
_SAYING = frozenset({
    "say", "tell", "ask", "add", "reply", "respond", "answer", "write", "tweet", "explain", "insist", "recall",
    "announce", "declare", "state", "testify", "admit", "acknowledge", "deny", "complain", "concede", "argue",
    "claim", "contend", "comment", "remark", "recount", "shout", "yell", "whisper", "boast", "retort", "assert",
    "allege", "inform", "assure", "mention", "confirm", "vow", "pledge", "warn", "caution", "praise", "criticize",
    "condemn", "denounce", "blame", "thank", "accuse", "urge", "predict", "believe", "think", "worry", "fear",
    "feel", "hope", "expect", "doubt", "agree",
})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "it", "which", "what", "there", "here"})
#: Words that start a phrase, not a clause: after "states" in "in several states on Tuesday",
#: "states" is a noun, not a verb of saying.
_PHRASE_WORDS = frozenset({"in", "on", "at", "after", "before", "and", "or", "for", "from", "with", "of", "by",
                           "across", "during", "since", "until", "while", "than", "but", "like", "including", "such"})


def _clause_follows(doc: _Document, end: int) -> bool:
    """After a verb of saying comes what was said (a clause or a quotation), or nothing
    when it came before ("..., her friend said."), never a phrase ("states on Tuesday")."""
    if end >= len(doc.tokens):
        return True
    token = doc.tokens[end]
    if token.text in QUOTE_MARKS or token.text in ":.?!":
        return True
    return token.kind in ("word", "number") and doc.norms[end] not in _PHRASE_WORDS


#: Words that make what follows an adjective phrase ("more diverse", "very large").
_DEGREE_WORDS = frozenset({"more", "most", "less", "least", "very", "so", "too", "quite", "rather", "fairly"})
_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "able", "ible", "less", "ish")
#: Last parts of hyphenated adjectives: "delegate-rich", "Texas-based", "state-run".
_ADJECTIVE_PARTS = frozenset({"rich", "poor", "based", "owned", "led", "run", "backed", "friendly", "heavy",
                              "free", "style", "like", "wide", "level", "sized", "old", "long", "term"})


def _looks_adjective(word: str) -> bool:
    """A word shaped like an adjective, never a noun for people ("diverse", "delegate-rich")."""
    last = word.rsplit("-", 1)[-1]
    if "-" in word and last in _ADJECTIVE_PARTS:
        return True
    return word.endswith(_ADJECTIVE_ENDINGS) and word not in _PERSON_NOUNS_LIKE_ADJECTIVES


#: Nouns for people that end like adjectives.
_PERSON_NOUNS_LIKE_ADJECTIVES = frozenset({"executive", "executives", "representative", "representatives",
                                           "detective", "detectives", "relative", "relatives", "native",
                                           "natives", "conservative", "conservatives", "progressive", "progressives",
                                           "operative", "operatives", "captive", "captives", "fugitive", "fugitives"})


def _described_speaker(doc: _Document, a: int, b: int) -> _Speaker | None:
    """A person or group described by a common noun, as the subject of a verb of saying
    ("the actress said", "forecasters say", "one California delegate said", "six in 10 said",
    "his best friend at college said": the first part of the phrase names who)."""
    h = _head(doc, a, b)
    units = _units(doc, a, b)
    first_head = _head(doc, units[0][0], units[0][1])
    if len(units) > 1 and doc.tokens[h].kind != "number" and doc.tokens[first_head].kind == "word" \
            and doc.tokens[first_head].text.islower():
        h = first_head
    head, token = doc.norms[h], doc.tokens[h]
    if token.kind not in ("word", "number") or head in _DEMONSTRATIVES or head in _SUBJECT_PRONOUNS:
        return None
    poll_share = token.kind == "number" and h - 2 >= a and doc.norms[h - 1] in ("in", "of")
    if doc.norms[a] in _DEMONSTRATIVES or head in _QUANTIFIERS or (token.kind == "number" and not poll_share):
        return None  # "this move says": an abstract subject; "won several states": a noun
    if not (token.text.islower() or h in doc.common or poll_share) or head in doc.lex.stopwords:
        return None
    if _looks_adjective(head) or doc.norms[a] in _DEGREE_WORDS:
        return None  # "more diverse states", "delegate-rich states": "states" is a noun here
    text = doc.span_text(a, b)
    plural = (head.endswith("s") and not head.endswith("ss")) or head in ("people", "percent") or poll_share
    if plural or doc.norms[a] in _QUANTIFIERS or doc.norms[a] in ("a", "an", "one", "another"):
        return _Speaker(doc.tokens[a].start, doc.tokens[b - 1].end, text, "group", text,
                        f"“{token.text}” says something, so it stands for people: described, not named", "group")
    speaker = _Speaker(doc.tokens[a].start, doc.tokens[b - 1].end, text, "person", text,
                       f"“{token.text}” says something, so it stands for a person: described, not named", "person")
    speaker.role = True
    return speaker


def _speaker_of_saying(doc: _Document, a: int, b: int, entry) -> _Speaker:
    """Classify a speaker phrase next to a cue; with a verb of saying, a described person
    or group counts even when its noun is in no word list ("said the printed slate card")."""
    speaker = _classify(doc, a, b)
    if not _is_speaker(speaker) and entry is not None and entry.base in _SAYING:
        speaker = _described_speaker(doc, a, b) or speaker
    return speaker


def _before_parenthesis(doc: _Document, j: int, first: int) -> int:
    """Step left over a short parenthesis ending at token j: "Sen. Claire McCaskill (D-Mo.) said"."""
    if j < first or doc.tokens[j].text != ")":
        return j
    for k in range(j - 1, max(first - 1, j - 10), -1):
        if doc.tokens[k].text == "(":
            return k - 1
    return j
