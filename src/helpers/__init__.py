"""Helpers for reading news coverage critically.

One module per idea; import what you need from it, for example::

    from helpers.corpus import load_corpus
    from helpers.text import split_sentences, tokenize, words

Modules
-------
corpus      load a folder of articles (the only module that reads them)
layout      lines of an article and their kinds (heading, bullet, ...)
text        sentences, word tokens with offsets, stopwords, stems
data_files  the editable word lists in ``helpers/data``
"""

from helpers.corpus import Article, Corpus, CorpusError, load_corpus

__all__ = ["Article", "Corpus", "CorpusError", "load_corpus"]
__version__ = "0.1.0"
