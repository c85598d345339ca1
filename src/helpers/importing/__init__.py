"""Bring articles in from what instructors have: saved pages, URL lists, spreadsheets.

``python -m helpers import SOURCE... -o DIR`` turns saved web pages
(``.html``/``.htm``, ``.mhtml``/``.mht``), text files of web addresses and
CSV or JSON Lines files of articles into a corpus folder: one ``.txt`` per
article, ``metadata.csv``, and ``provenance.json`` saying where each
headline, date, outlet, byline and address was found and where the page
contradicts itself.

One module per step:

========================  ====================================================
module                    what it does
========================  ====================================================
``pages``                 read a saved page or archive into text, refusing
                          empty, binary and oversized files
``extract``               the article's body and metadata, by trafilatura
``evidence``              what the markup states about the article, and where
``records``               one provenance record per article, with conflicts;
                          reading ``provenance.json`` back for the notebooks
``tables``                articles from CSV and JSON Lines rows
``fetch``                 lists of web addresses, fetched only when asked
``folder``                file names, ``metadata.csv``, ``provenance.json``
``importer``              all of the above, for a list of sources
``evaluate``              word-shingle precision and recall against a reference
========================  ====================================================

Nothing here is imported by the analysis modules, so a notebook that only
reads a corpus never loads the extractor.
"""
