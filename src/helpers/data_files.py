"""Read the project's plain-text word lists.

Every list the helpers rely on (stopwords, abbreviations, reporting verbs,
loaded words, ...) is a text file in ``helpers/data/`` that a student can
open and edit. This module is the one place that reads them, so every list
follows the same simple format: one entry per line, ``#`` starts a comment,
blank lines are ignored.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "data_path", "parse_list", "read_list", "read_table"]

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str | Path) -> Path:
    """Return the path of a data file shipped with the helpers.

    A path that exists as given (for example a student's own copy of a list)
    is returned unchanged; a bare file name is looked up in ``helpers/data``.

    Parameters
    ----------
    name : str or Path
        A file name such as ``"stopwords_en.txt"``, or a path to a file.

    Returns
    -------
    Path

    Examples
    --------
    >>> data_path("stopwords_en.txt").name
    'stopwords_en.txt'
    >>> data_path("stopwords_en.txt").exists()
    True
    """
    path = Path(name)
    if path.exists():
        return path
    return DATA_DIR / path


def parse_list(text: str) -> list[str]:
    """Parse the entries of a word list: one per line, ``#`` comments removed.

    A ``#`` only starts a comment at the start of a line or after a space,
    so an entry may itself contain ``#``.

    Parameters
    ----------
    text : str
        The contents of a list file.

    Returns
    -------
    list of str
        The entries in file order, stripped of surrounding spaces.

    Examples
    --------
    >>> parse_list("# a comment\\nthe\\n\\n  and  # conjunction\\n")
    ['the', 'and']
    """
    entries = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        if " #" in line:
            line = line.split(" #", 1)[0]
        line = line.strip()
        if line:
            entries.append(line)
    return entries


def read_list(name: str | Path) -> list[str]:
    """Read a word list shipped with the helpers (or a file of your own).

    Parameters
    ----------
    name : str or Path
        File name in ``helpers/data`` or a path.

    Returns
    -------
    list of str

    Raises
    ------
    FileNotFoundError
        With a message naming the file that is missing.

    Examples
    --------
    >>> "the" in read_list("stopwords_en.txt")
    True
    """
    path = data_path(name)
    if not path.is_file():
        raise FileNotFoundError(
            f"Word list {str(name)!r} not found (looked for {path}). "
            "Check the file name, or pass the path to your own list."
        )
    return parse_list(path.read_text(encoding="utf-8-sig"))


def read_table(name: str | Path, columns: int = 2) -> list[tuple[str, ...]]:
    """Read a list whose entries have fields separated by ``|``.

    Parameters
    ----------
    name : str or Path
        File name in ``helpers/data`` or a path.
    columns : int
        How many fields each entry must have.

    Returns
    -------
    list of tuple of str

    Raises
    ------
    ValueError
        Naming the file and the entry when an entry has the wrong number of fields.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "cues.txt")
    >>> _ = open(path, "w").write("said | neutral\\nclaimed | argumentative\\n")
    >>> read_table(path)
    [('said', 'neutral'), ('claimed', 'argumentative')]
    """
    rows = []
    for entry in read_list(name):
        fields = tuple(field.strip() for field in entry.split("|"))
        if len(fields) != columns:
            raise ValueError(
                f"{name}: the entry {entry!r} should have {columns} fields separated by '|'."
            )
        rows.append(fields)
    return rows
