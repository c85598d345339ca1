"""Helpers for reading news coverage critically.

One module per idea; import what you need from it, for example::

    from helpers.corpus import load_corpus
    from helpers.text import split_sentences, tokenize, words

Modules
-------
corpus         load a folder of articles (the only module that reads them)
layout         lines of an article and their kinds (heading, bullet, ...)
text           sentences, word tokens with offsets, stopwords, stems
reading        provenance, checkable claims, loaded language, hedges, opinion
frequency      word counts, rates per 1,000 words, distinctive words, n-grams, concordance
sourcing       who is quoted or cited, how, and by which rule (sourcing_eval scores it)
reuse          shared phrases, overlap scores, aligned passages, paraphrases (reuse_index scales it)
report         the one-page HTML report of a corpus
grading        batch grading of the exercises with otter, in a sandbox
plots, widgets drawing and interactive layers, one module per topic
html           escaped HTML for article text
annotations    a student's own annotations, saved at once
selfcheck      the self-checks of the "Your turn" cells
notebooks      run notebooks headless (tests, ``make notebooks``)
data_files     the editable word lists in ``helpers/data``
"""

from helpers.corpus import Article, Corpus, CorpusError, load_corpus

__all__ = ["Article", "Corpus", "CorpusError", "load_corpus"]
__version__ = "0.1.0"
