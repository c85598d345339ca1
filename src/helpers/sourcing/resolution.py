"""Who a speaker is: each mention linked to someone the article introduced earlier.

:func:`_resolve` takes the document and the attributions found, builds the
people and organisations the article names (outside quotations, in order,
with the gender a title or a given name shows and the roles they are
introduced with), and links each speaker to one of them, saying which rule
linked it and to whom, in ``reason``:

* **pronoun**: "she" is the most recent person named before it whose gender
  fits (``first_names_en.txt``, "Mr", "Baroness"); a name used only as a
  modifier ("Cherie Blair's Matrix Chambers") is passed over; "it" and
  "they" are organisations, outlets or groups;
* **role**: "the attorney general" is the person introduced with that role
  ("Lord Goldsmith, the attorney general,"); "the company" is the
  organisation named most recently;
* **surname**: "Mr Blair" is the Blair whose given name fits "Mr" when the
  article names several;
* a spokesperson is a speaker of their own ("Tony Blair's official
  spokesman"), and a later "he said" is the spokesman, not Tony Blair.

When the link may be wrong, ``uncertain`` says why (two people share the
surname, another person who fits was named close by, nobody fits).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from helpers.sourcing.document import _Document
from helpers.sourcing.registry import _Found
from helpers.sourcing.speakers import _first_names, _Speaker
from helpers.text import normalize_quotes

#: Honorifics that tell a person's gender ("Mr Blair" is a man, "Baroness Ashdown" a woman).
_GENDERED_TITLES = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "duke": "m", "earl": "m",
    "baron": "m", "father": "m", "brother": "m", "monsignor": "m", "sheikh": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "baroness": "f", "queen": "f",
    "princess": "f", "duchess": "f", "countess": "f", "sister": "f",
    "congressman": "m", "congresswoman": "f", "chairman": "m", "chairwoman": "f", "spokesman": "m",
    "spokeswoman": "f", "councilman": "m", "councilwoman": "f",
}
#: Titles that stay part of the name a person is known by ("Lord Goldsmith").
_PEERAGE = {"lord", "lady", "baroness", "baron", "sir", "dame", "earl", "viscount", "duke", "duchess", "countess"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: Nouns that stand for an organisation already named ("the company said").
_ORG_ANAPHORS = {"company", "firm", "group", "union", "party", "ministry", "department", "agency", "council",
                 "government", "campaign", "administration", "bank", "court", "committee", "board", "charity",
                 "organisation", "organization", "university", "hospital", "club", "team", "network",
                 "newspaper", "paper", "broadcaster", "channel", "station", "airline", "regulator", "watchdog",
                 "authority", "office", "police", "force", "army", "school", "trust", "foundation", "institute",
                 "center", "centre", "commission", "corporation", "business", "retailer", "insurer", "carrier",
                 "operator", "developer", "utility", "district", "city", "state", "country", "chambers"}


#: Nouns for any kind of business: "the company said" may be a firm named without that word.
_GENERIC_ORGS = {"company", "firm", "business", "group", "organisation", "organization", "corporation",
                 "retailer", "insurer", "carrier", "operator", "developer", "chain", "airline", "manufacturer",
                 "chipmaker", "carmaker", "lender", "bank"}


@dataclass
class _Entity:
    """Someone or something the article introduces: a person, an organisation, a role."""

    name: str
    type: str
    gender: str | None = None
    roles: set = field(default_factory=set)
    first: int = 0
    last: int = 0


@dataclass
class _Mention:
    position: int
    entity: _Entity
    modifier: bool  # "Cherie Blair's Matrix Chambers": named, but not as someone who acts


def _gender_of_name(doc: _Document, a: int, b: int) -> str | None:
    """The gender a name shows: a gendered honorific before it, or its given name."""
    for k in range(max(0, a - 1), b):
        gender = _GENDERED_TITLES.get(doc.norms[k].rstrip("."))
        if gender:
            return gender
    p, q = doc.name_part(a, b)
    if q - p >= 2:
        gender = _first_names().get(normalize_quotes(doc.tokens[p].text).lower())
        if gender in ("m", "f"):
            return gender
    return None


def _roles_near(doc: _Document, a: int, b: int) -> set:
    """Role words a name is introduced with: a title before it ("Attorney General Lord
    Goldsmith") or an apposition after it ("Lord Goldsmith, the attorney general,")."""
    roles = set()
    k = a
    while k < b:
        length = doc.title_at(k, b)
        if length:
            roles.add(" ".join(doc.norms[k : k + length]))
            k += length
        else:
            k += 1
    if b + 2 < len(doc.tokens) and doc.tokens[b].text == "," and doc.norms[b + 1] in ("the", "a", "an", "its", "their"):
        for start in range(b + 2, min(len(doc.tokens), b + 8)):
            for length in (4, 3, 2, 1):
                if doc.is_title(start, start + length):
                    roles.add(" ".join(doc.norms[start : start + length]))
            if doc.tokens[start].text in ",.;":
                break
    return {r for r in roles if r not in _GENDERED_TITLES and r not in ("dr", "prof", "rev")}


def _people_and_bodies(doc: _Document, found: list[_Found]) -> list[_Mention]:
    """Every named person and organisation outside quotations, in order, as mentions of entities.

    A person's surname alone ("Noem") is a mention of the full name it was
    introduced with, also when that came inside a longer run with a title
    that holds an organisation word ("Homeland Security Secretary Kristi Noem").
    """
    known = dict(doc.surnames)  # surname -> fullest name
    for item in found:
        speaker = item.speaker
        if speaker is not None and speaker.type == "person" and speaker.head == "person" and speaker.resolved:
            for name in speaker.resolved.split(" and "):
                known.setdefault(normalize_quotes(name.split()[-1]).lower(), name)
    entities: dict[str, _Entity] = {}
    mentions = []
    for a, b in doc.runs:
        if doc.in_quote(doc.tokens[a].start):
            continue
        p, q = doc.name_part(a, b)
        titled_person = (p, q) != (a, b) and q - p >= 1 and not doc.run_has(p, q, doc.lex.org_words)
        surname = normalize_quotes(doc.tokens[q - 1].text).lower()
        if doc.run_has(a, b, doc.lex.org_words) and not (titled_person and surname in known):
            name, kind = doc.span_text(a, b), "organization"
        elif doc.run_has(p, q, doc.lex.non_person) or doc.run_key(a, b) in doc.places or surname not in known:
            continue
        else:
            name, kind = doc.canonical_person(a, b), "person"
            if " " not in name and known[surname].endswith(name) and len(known[surname]) > len(name):
                name = known[surname]
            if " " not in name and p > a and doc.norms[p - 1] in _PEERAGE:
                name = f"{doc.tokens[p - 1].text} {name}"  # "Lord Goldsmith" is the name he is known by
        entity = entities.get(name)
        if entity is None:
            entity = entities[name] = _Entity(name, kind, first=doc.tokens[a].start)
        if kind == "person":
            entity.gender = entity.gender or _gender_of_name(doc, a, b)
            entity.roles |= _roles_near(doc, a, b)
        entity.last = doc.tokens[a].start
        mentions.append(_Mention(doc.tokens[a].start, entity, doc._modifies(b)))
    return mentions


def _link_pronoun(speaker: _Speaker, before: list[_Mention]) -> None:
    """ "she said": the most recent person before it whose gender fits; uncertain when another
    person who fits was named in the same stretch."""
    gender = _PRONOUN_GENDER.get(speaker.pronoun or "")
    wanted = ("person",) if speaker.pronoun in ("he", "she") else ("organization", "group", "media")
    if speaker.type == "document" and speaker.pronoun in ("it", "they"):
        wanted = ("organization", "group", "media")
    if speaker.pronoun == "it":
        wanted = ("organization", "media", "document")
    fitting, passed = [], []
    for mention in reversed(before):
        entity = mention.entity
        if entity.type not in wanted or mention.modifier or any(entity is f.entity for f in fitting):
            continue
        if gender and entity.gender and entity.gender != gender:
            passed.append(entity)
            continue
        fitting.append(mention)
        if len(fitting) == 2:
            break
    if not fitting:
        speaker.resolved = None
        speaker.type = {"he": "person", "she": "person", "it": "organization"}.get(speaker.pronoun, "group")
        speaker.reason = f"“{speaker.text}” with no earlier {'person' if speaker.pronoun in ('he', 'she') else 'source'} it can refer to"
        speaker.uncertain = "nobody named before it fits"
        return
    chosen = fitting[0].entity
    speaker.resolved = chosen.name
    if speaker.type != "document":  # "their results" stay a document of the organisation
        speaker.type = chosen.type
    why = f"the most recent {'man' if gender == 'm' and chosen.gender == 'm' else 'woman' if gender == 'f' and chosen.gender == 'f' else chosen.type} named before it"
    if passed and gender:
        why += f" ({passed[0].name} is passed over: not a {'man' if gender == 'm' else 'woman'})"
    speaker.reason = f"pronoun: “{speaker.text}” refers to {chosen.name}, {why}"
    if len(fitting) == 2 and gender and not (chosen.gender == gender) and fitting[0].position - fitting[1].position < 300:
        speaker.uncertain = f"{fitting[1].entity.name} could also be “{speaker.text}”"


def _link_role(speaker: _Speaker, doc: _Document, before: list[_Mention]) -> None:
    """ "the attorney general said": the person introduced with that role, if any;
    "the company said": the organisation named most recently."""
    words = [w for w in normalize_quotes(speaker.text).lower().split() if w not in ("the", "a", "an")]
    role = " ".join(words)
    for mention in reversed(before):
        entity = mention.entity
        if entity.type == "person" and entity.roles and any(role.endswith(r) for r in entity.roles):
            speaker.resolved = entity.name
            speaker.reason = f"role: “{speaker.text}” is {entity.name}, introduced earlier as {sorted(entity.roles)[0]}"
            return
    head = words[-1] if words else ""
    if head in _ORG_ANAPHORS and speaker.type == "organization" and len(words) <= 2 and speaker.text.islower() \
            or (head in _ORG_ANAPHORS and speaker.type == "organization" and len(words) == 1):
        candidates = [m for m in reversed(before) if _could_be_organisation(m.entity) and not m.modifier]
        # "the union" is a union named before; "the company" may be any business named before
        named_so = [m for m in candidates if head in m.entity.name.lower()]
        if named_so or (candidates and head in _GENERIC_ORGS):
            chosen = (named_so or candidates)[0].entity
            speaker.resolved = chosen.name
            speaker.reason = f"“{speaker.text}” is {chosen.name}, the organisation named most recently before it"
            if not named_so:
                speaker.uncertain = f"“{head}” is not part of the name {chosen.name}"
            return


def _could_be_organisation(entity: _Entity) -> bool:
    """An organisation, or a name taken for a person that starts with no given name and shows
    no gender ("Norvel Semiconductor": the word list of organisations does not know every trade)."""
    if entity.type == "organization":
        return True
    first = entity.name.split()[0].lower()
    return entity.type == "person" and entity.gender is None and first not in _first_names() and " " in entity.name


def _resolve(doc: _Document, found: list[_Found]) -> None:
    """Link every speaker mention to someone introduced earlier, and say how."""
    mentions = _people_and_bodies(doc, found)
    for item in found:
        speaker = item.speaker
        if speaker is None or speaker.head == "pronoun":
            continue
        if speaker.role or (speaker.type in ("group", "organization", "media", "document")):
            entity = _Entity(speaker.text, "person" if speaker.role else speaker.type, first=speaker.start)
            if speaker.role:
                entity.gender = next((_GENDERED_TITLES[w] for w in normalize_quotes(speaker.text).lower().split()
                                      if w in _GENDERED_TITLES), None)
            # a speaking role counts from its last word, after any name it holds
            mentions.append(_Mention(speaker.end - 1, entity, False))
    mentions.sort(key=lambda m: m.position)
    positions = [m.position for m in mentions]
    for item in sorted(found, key=lambda f: f.speaker.start if f.speaker else 0):
        speaker = item.speaker
        if speaker is None:
            continue
        before = mentions[: bisect.bisect_left(positions, speaker.start)]
        if speaker.head == "pronoun":
            _link_pronoun(speaker, before)
        elif speaker.role or speaker.head in ("organization",):
            _link_role(speaker, doc, before)
        if speaker.type == "person" and speaker.head == "person" and not speaker.role:
            _check_shared_surname(doc, speaker)


def _check_shared_surname(doc: _Document, speaker: _Speaker) -> None:
    """ "Mr Blair said" when the article names two Blairs: the one whose gender fits the
    title, or else the latest named before; uncertain when nothing tells them apart."""
    words = normalize_quotes(speaker.text).split()
    title_gender = _GENDERED_TITLES.get(words[0].lower().rstrip(".")) if len(words) >= 2 else None
    if len(words) > 2 and not title_gender:
        return
    surname = words[-1].lower() if words else ""
    earlier = [(position, name) for position, name, modifier in doc.full_names.get(surname, ())
               if not modifier and doc.tokens[position].start < speaker.start]
    names = list(dict.fromkeys(name for _, name in reversed(earlier)))  # latest first
    if len(names) < 2:
        return
    if title_gender:
        fitting = [n for n in names if _first_names().get(n.split()[0].lower()) == title_gender]
        if len(fitting) == 1:
            speaker.resolved = fitting[0]
            speaker.reason = (f"surname: “{speaker.text}” is {fitting[0]}: the article names {len(names)} people "
                              f"called {words[-1]}, and only {fitting[0]} fits “{words[0]}”")
            return
    speaker.uncertain = f"the article names {len(names)} people called {words[-1]}: {', '.join(names)}"
