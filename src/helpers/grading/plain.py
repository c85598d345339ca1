"""Answers as plain data: what a graded notebook's values become before they leave the sandbox.

A student's answer is turned into JSON by its **exact** type, never by
asking the object itself: a ``str`` is a string, an ``int`` or ``float`` a
number, lists, tuples, dicts, sets, ``Counter`` and NLTK's ``FreqDist`` are
taken apart item by item, an article is named by its corpus and file (or
rebuilt from its text). Anything else (a subclass of ``str``, an object
whose ``__eq__`` always says yes, a generator) becomes
``{"unsupported": "<type name>"}``, which equals nothing once read back.

:func:`decode` reads that JSON back into real Python values on the grader's
side, building only the types listed above, so a check that compares them
compares plain data, whatever the student's objects did.

The same encoding names the inputs a function is called on (:func:`call_key`),
so a call made in the sandbox and the same call made by a check on the grader's
side have the same key.

Examples
--------
>>> encode({"a": (1, 2.5), "b": {"x"}})
{'dict': [['a', {'tuple': [1, 2.5]}], ['b', {'set': ['x']}]]}
>>> decode(encode({"a": (1, 2.5), "b": {"x"}}))
{'a': (1, 2.5), 'b': {'x'}}
>>> class Liar(str):
...     def __eq__(self, other):
...         return True
>>> encode(Liar("anything"))
{'unsupported': 'Liar'}
>>> decode(encode(Liar("anything"))) == "anything"
False
"""

from __future__ import annotations

import json
import math
from collections import Counter

__all__ = ["Corpora", "Unsupported", "call_key", "decode", "encode"]

#: How deep lists and dicts may nest in an answer.
MAX_DEPTH = 24
#: How many items one answer may hold in all.
MAX_ITEMS = 200_000
_TAGS = ("tuple", "list", "dict", "set", "frozenset", "Counter", "FreqDist", "float", "Article", "Corpus",
         "unsupported")


class Unsupported:
    """An answer the grader cannot read as plain data; it equals nothing, not even itself.

    Examples
    --------
    >>> value = Unsupported("generator")
    >>> value == value, bool(value), str(value)
    (False, True, 'a generator object')
    """

    __slots__ = ("type_name",)

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __eq__(self, other) -> bool:
        return False

    def __ne__(self, other) -> bool:
        return True

    __hash__ = object.__hash__

    def __str__(self) -> str:
        return f"a {self.type_name} object"

    __repr__ = __str__


class Corpora:
    """The corpora that articles may be named from: ``"default"`` (the one the notebook loads) and others by folder.

    Parameters
    ----------
    folders : dict
        Name → folder (``None`` for the default corpus, read from ``CORPUS_DIR`` or the seeds).
    """

    def __init__(self, folders: dict[str, str | None]):
        self.folders = dict(folders)
        self._loaded: dict = {}

    def get(self, name: str):
        """The corpus called ``name``, loaded once."""
        from helpers.corpus import load_corpus

        if name not in self.folders:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = load_corpus(self.folders[name])
        return self._loaded[name]

    def name_of_corpus(self, corpus) -> str | None:
        for name in self.folders:
            known = self.get(name)
            if corpus is known or (corpus.folder == known.folder and corpus.articles == known.articles):
                return name
        return None

    def name_of_article(self, article) -> tuple[str, str] | None:
        for name in self.folders:
            for known in self.get(name):
                if known.file == article.file and known == article:
                    return name, known.file
        return None


def _article_types():
    from helpers.corpus import Article, Corpus

    return Article, Corpus


def _freqdist_type():
    from nltk import FreqDist

    return FreqDist


def encode(value, corpora: Corpora | None = None, _depth: int = 0, _budget: list | None = None):
    """One value as JSON-ready plain data, chosen by its exact type.

    Parameters
    ----------
    value : object
    corpora : Corpora, optional
        Articles and corpora found here are named (``{"Article": {"corpus": ..., "file": ...}}``)
        instead of copied.

    Returns
    -------
    object
        ``None``, ``bool``, ``int``, ``str``, a finite ``float``, a list, or a
        one-key dict whose key says what it holds.

    Examples
    --------
    >>> encode([1, True, None, "x", float("nan")])
    [1, True, None, 'x', {'float': 'nan'}]
    >>> encode(x for x in "ab")
    {'unsupported': 'generator'}
    """
    budget = [MAX_ITEMS] if _budget is None else _budget
    budget[0] -= 1
    kind = type(value)
    if budget[0] < 0 or _depth > MAX_DEPTH:
        return {"unsupported": "answer too large or too deep"}
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value if math.isfinite(value) else {"float": repr(value)}

    def inner(item):
        return encode(item, corpora, _depth + 1, budget)

    if kind is list:
        return [inner(item) for item in value]
    if kind is tuple:
        return {"tuple": [inner(item) for item in value]}
    if kind is dict:
        return {"dict": [[inner(k), inner(v)] for k, v in value.items()]}
    if kind in (set, frozenset):
        items = [inner(item) for item in value]
        return {kind.__name__: sorted(items, key=lambda item: json.dumps(item, sort_keys=True))}
    if kind is Counter or kind is _freqdist_type():
        return {kind.__name__: [[inner(k), inner(v)] for k, v in value.items()]}
    if kind.__module__ == "numpy" and kind.__name__ in ("float64", "float32", "int64", "int32", "bool_"):
        plain = {"f": float, "i": int, "b": bool}[kind.__name__[0]](value)
        return encode(plain, corpora, _depth, budget)
    article_type, corpus_type = _article_types()
    if kind is article_type:
        named = corpora.name_of_article(value) if corpora else None
        if named:
            return {"Article": {"corpus": named[0], "file": named[1]}}
        return {"Article": {"text": inner(value.text), "file": inner(value.file), "label": inner(value.label),
                            "metadata": inner(dict(value.metadata))}}
    if kind is corpus_type:
        named = corpora.name_of_corpus(value) if corpora else None
        if named:
            return {"Corpus": {"corpus": named}}
        return {"Corpus": {"articles": [inner(article) for article in value.articles]}}
    return {"unsupported": kind.__name__[:80]}


class _Invalid(ValueError):
    pass


def decode(data, corpora: Corpora | None = None):
    """Plain data from :func:`encode` back into Python values, building nothing but plain types.

    Anything that is not exactly what :func:`encode` writes becomes an
    :class:`Unsupported` value (the data came out of a sandbox, so it is
    read as untrusted).

    Examples
    --------
    >>> decode({"FreqDist": [["the", 3]]})
    FreqDist({'the': 3})
    >>> decode({"dict": [[["unhashable"], 1]]})
    a invalid data object
    >>> type(decode({"float": "inf"})) is float
    True
    """
    try:
        return _decode(data, corpora, 0)
    except (_Invalid, TypeError, ValueError, KeyError, RecursionError):
        return Unsupported("invalid data")


def _decode(data, corpora, depth):
    if depth > MAX_DEPTH + 2:
        raise _Invalid("too deep")
    kind = type(data)
    if data is None or kind in (bool, int, str):
        return data
    if kind is float:
        if not math.isfinite(data):
            raise _Invalid("not finite")
        return data
    if kind is list:
        return [_decode(item, corpora, depth + 1) for item in data]
    if kind is not dict or len(data) != 1:
        raise _Invalid("not plain data")
    (tag, body), = data.items()
    if tag not in _TAGS:
        raise _Invalid(f"unknown tag {tag!r}")
    if tag == "unsupported":
        return Unsupported(body[:80] if type(body) is str else "invalid data")
    if tag == "float":
        if body not in ("nan", "inf", "-inf"):
            raise _Invalid("not a float")
        return float(body)

    def items(pairs):
        if type(pairs) is not list or not all(type(p) is list and len(p) == 2 for p in pairs):
            raise _Invalid("not pairs")
        return [(_decode(k, corpora, depth + 1), _decode(v, corpora, depth + 1)) for k, v in pairs]

    if tag in ("tuple", "list", "set", "frozenset"):
        if type(body) is not list:
            raise _Invalid("not a list")
        values = [_decode(item, corpora, depth + 1) for item in body]
        return {"tuple": tuple, "list": list, "set": set, "frozenset": frozenset}[tag](values)
    if tag == "dict":
        return dict(items(body))
    if tag == "Counter":
        return Counter(dict(items(body)))
    if tag == "FreqDist":
        return _freqdist_type()(dict(items(body)))
    if type(body) is not dict:
        raise _Invalid("not a table")
    if tag == "Article":
        if set(body) == {"corpus", "file"}:
            if corpora is None:
                raise _Invalid("no corpora to name articles from")
            return corpora.get(body["corpus"])[body["file"]]
        from helpers.corpus import article_from_text

        if set(body) != {"text", "file", "label", "metadata"}:
            raise _Invalid("not an article")
        text, file, label = (_decode(body[k], corpora, depth + 1) for k in ("text", "file", "label"))
        metadata = _decode(body["metadata"], corpora, depth + 1)
        if not (type(text) is str and type(file) is str and type(label) is str and type(metadata) is dict):
            raise _Invalid("not an article")
        return article_from_text(text, file, label, metadata=metadata or None)
    if tag == "Corpus":
        if set(body) == {"corpus"}:
            if corpora is None:
                raise _Invalid("no corpora to name a corpus from")
            return corpora.get(body["corpus"])
        from helpers.corpus import Corpus

        if set(body) != {"articles"} or type(body["articles"]) is not list:
            raise _Invalid("not a corpus")
        return Corpus(None, [_decode(item, corpora, depth + 1) for item in body["articles"]])
    raise _Invalid("unreachable")


def call_key(args: tuple, kwargs: dict, corpora: Corpora | None = None) -> str:
    """The key of one function call: its arguments as canonical JSON.

    Examples
    --------
    >>> call_key((5, 2000), {})
    '[[5,2000],{}]'
    """
    encoded = [[encode(a, corpora) for a in args], {k: encode(v, corpora) for k, v in sorted(kwargs.items())}]
    return json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
