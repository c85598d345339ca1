"""The story behind a corpus: the background an instructor writes in its ``README.md``.

A corpus folder may hold a ``README.md`` beside its articles. Notebook 00
shows it as the story behind the articles, and three optional sections of it
tell the other notebooks what only someone who knows the story can say::

    # The Port Alder library vote

    Background in a few paragraphs: what happened, when, who is involved.

    ## Words to follow
    - library
    - closure

    ## Voices that may be missing
    - library staff
    - people who use the branch

    ## Where to check
    - the town council's published minutes

Each of these sections is a list of ``- `` bullet points; headings are
matched without regard to case. Everything else is background. Without a
README (or without a section) the notebooks say so and fall back on what
they can compute from the articles.

The file is read as hostile input: it must be a regular file (not a link or
a device), at most :data:`MAX_STORY_BYTES`, in UTF-8; otherwise it is
skipped with a message saying why. It is never rendered as markup: every
character is escaped before it reaches HTML (see :func:`story_html`).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from helpers.html import escape

__all__ = ["MAX_STORY_BYTES", "STORY_FILE", "STORY_SECTIONS", "Story", "parse_story", "read_story", "story_html", "story_template"]

STORY_FILE = "README.md"
#: A README larger than this is skipped: a background is a few paragraphs.
MAX_STORY_BYTES = 100_000
#: Section heading (lower case) → the Story attribute it fills.
STORY_SECTIONS = {
    "words to follow": "follow",
    "voices that may be missing": "voices",
    "where to check": "where_to_check",
}


@dataclass(frozen=True)
class Story:
    """What a corpus's README says about its story.

    Attributes
    ----------
    title : str or None
        The first ``# `` heading.
    background : str
        The README's text (Markdown source, unrendered) without the title and
        the three documented sections; empty when there is none.
    follow : tuple of str
        "Words to follow": words or phrases notebook 02 follows.
    voices : tuple of str
        "Voices that may be missing": prompts for notebook 01.
    where_to_check : tuple of str
        "Where to check": places to read laterally, for notebook 01.
    note : str or None
        Why there is no background, when there is none (no README, a README
        that was skipped and why, an empty one).
    """

    title: str | None = None
    background: str = ""
    follow: tuple[str, ...] = ()
    voices: tuple[str, ...] = ()
    where_to_check: tuple[str, ...] = ()
    note: str | None = None

    @property
    def found(self) -> bool:
        """True when the README gave a background or any section."""
        return bool(self.background or self.follow or self.voices or self.where_to_check)


def story_template() -> str:
    """A README skeleton an instructor can copy into a corpus folder.

    Examples
    --------
    >>> "## Words to follow" in story_template()
    True
    """
    return (
        "# A short title for the story\n\n"
        "Two or three paragraphs of background: what happened, when, where, and who is\n"
        "involved. Write what students need to follow the articles, as claims to verify.\n\n"
        "## Words to follow\n- a word or phrase at the heart of the story\n- another one\n\n"
        "## Voices that may be missing\n- people affected who are rarely quoted\n\n"
        "## Where to check\n- an official record or primary source students can read\n"
    )


def _read_regular_file(path: Path, max_bytes: int) -> tuple[bytes | None, str | None]:
    """The bytes of ``path`` if it is a regular file no larger than ``max_bytes``.

    Links, folders, devices and pipes are refused without being opened for
    reading (a pipe would block), so a hostile folder cannot make this hang
    or read outside itself.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, f"{path.name} cannot be read ({error.strerror}); it was skipped."
    if stat.S_ISLNK(info.st_mode):
        return None, f"{path.name} is a link, not a file; it was skipped. Put the file itself in the folder."
    if not stat.S_ISREG(info.st_mode):
        return None, f"{path.name} is not a regular file; it was skipped."
    if info.st_size > max_bytes:
        return None, (
            f"{path.name} is {info.st_size:,} bytes, more than the {max_bytes:,} a background needs; it was "
            "skipped. Keep the story to a few paragraphs."
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        return None, f"{path.name} cannot be read ({error.strerror}); it was skipped."
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None, f"{path.name} is not a regular file; it was skipped."
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
    finally:
        os.close(handle)
    if len(data) > max_bytes:
        return None, f"{path.name} grew beyond {max_bytes:,} bytes while being read; it was skipped."
    return data, None


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*\S)\s*$")


def parse_story(text: str) -> Story:
    """Split a README's text into title, background and the documented sections.

    Parameters
    ----------
    text : str

    Returns
    -------
    Story

    Examples
    --------
    >>> story = parse_story("# Vote\\n\\nThe town voted.\\n\\n## Words to follow\\n- library\\n- closure\\n")
    >>> story.title, story.background, story.follow
    ('Vote', 'The town voted.', ('library', 'closure'))
    """
    title = None
    sections: dict[str, list[str]] = {name: [] for name in STORY_SECTIONS.values()}
    background: list[str] = []
    current: str | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading:
            words = heading.group(2)
            if len(heading.group(1)) == 1 and title is None and not any(background):
                title = words
                continue
            current = STORY_SECTIONS.get(words.strip().lower().rstrip(":"))
            if current is not None:
                continue
        if current is not None:
            bullet = _BULLET.match(line)
            if bullet:
                sections[current].append(bullet.group(1))
            elif line.strip():
                sections[current].append(line.strip())
            continue
        background.append(line)
    return Story(
        title=title,
        background="\n".join(background).strip(),
        follow=tuple(sections["follow"]),
        voices=tuple(sections["voices"]),
        where_to_check=tuple(sections["where_to_check"]),
    )


def read_story(folder: str | os.PathLike | None, *, max_bytes: int = MAX_STORY_BYTES) -> Story:
    """Read the story of a corpus folder from its ``README.md``.

    Parameters
    ----------
    folder : str or Path or None
        The corpus folder (None for a corpus made from strings).
    max_bytes : int
        A larger README is skipped with a note.

    Returns
    -------
    Story
        Never raises for what is in the folder: a missing, empty, oversized,
        linked or undecodable README gives a Story whose ``note`` says why
        and what to do.

    Examples
    --------
    >>> read_story(None).note
    'These articles were not loaded from a folder, so there is no README with their story.'
    """
    if folder is None:
        return Story(note="These articles were not loaded from a folder, so there is no README with their story.")
    path = Path(folder) / STORY_FILE
    data, problem = _read_regular_file(path, max_bytes)
    if problem:
        return Story(note=problem)
    if data is None:
        return Story(note=f"This corpus has no {STORY_FILE}, so there is no background to show. "
                          "An instructor can write one beside the articles (see the template below).")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Story(note=f"{STORY_FILE} is not UTF-8 text (a byte at position {error.start} does not decode); "
                          "it was skipped. Save it as UTF-8 from your editor.")
    if "\x00" in text:
        return Story(note=f"{STORY_FILE} holds binary data, not text; it was skipped.")
    story = parse_story(text)
    if not story.found:
        return Story(title=story.title, note=f"{STORY_FILE} is empty: there is no background to show.")
    return story


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    """Escape a line, then turn **bold** and `code` into markup (nothing else)."""
    html = escape(text)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _CODE.sub(r"<code>\1</code>", html)


def story_html(story: Story) -> str:
    """The story as HTML: headings, paragraphs and bullet lists, every character escaped.

    Links, images and raw HTML in the README are shown as the text they are,
    never rendered, so a README cannot run code or load anything.

    Examples
    --------
    >>> story_html(parse_story("# T\\n\\n<script>x</script> **vote**\\n"))
    '<section aria-label="The story behind the articles"><h3>T</h3><p>&lt;script&gt;x&lt;/script&gt; <strong>vote</strong></p></section>'
    """
    parts: list[str] = []
    if story.title:
        parts.append(f"<h3>{escape(story.title)}</h3>")
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            parts.append("<p>" + " ".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in story.background.split("\n"):
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            flush()
            parts.append(f"<h4>{_inline(heading.group(2))}</h4>")
        elif bullet:
            if paragraph:
                flush()
            items.append(bullet.group(1))
        elif not line.strip():
            flush()
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return '<section aria-label="The story behind the articles">' + "".join(parts) + "</section>"
