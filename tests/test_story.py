"""The story of a corpus: its README.md, read as hostile input and never rendered as markup."""

import os

import pytest

from helpers.corpus import load_corpus
from helpers.story import MAX_STORY_BYTES, parse_story, read_story, story_html, story_template

from conftest import ROOT


def _folder(tmp_path, readme: bytes | None):
    (tmp_path / "a.txt").write_text("Headline\nThe council voted on Tuesday.\n", encoding="utf-8")
    if readme is not None:
        (tmp_path / "README.md").write_bytes(readme)
    return tmp_path


def test_seeds_and_the_second_story_carry_their_own_story():
    seeds, harbor = load_corpus(ROOT / "seeds").story, load_corpus(ROOT / "tests" / "corpora" / "harbor").story
    assert "CECOT" in seeds.title and "Port Alder" in harbor.title
    assert seeds.follow and harbor.follow and set(seeds.follow).isdisjoint(harbor.follow)
    assert harbor.voices and harbor.where_to_check
    assert "Words to follow" not in harbor.background, "the documented sections are not background"


def test_sections_are_found_whatever_their_case_and_bullets():
    story = parse_story("# T\n\nBackground.\n\n## WORDS TO FOLLOW:\n* tax\n+ levy\n\n## Where to check\n- the budget\n")
    assert story.follow == ("tax", "levy") and story.where_to_check == ("the budget",)
    assert story.background == "Background."


def test_the_template_parses_into_every_section():
    story = parse_story(story_template())
    assert story.title and story.background and story.follow and story.voices and story.where_to_check


@pytest.mark.parametrize(
    "readme, says",
    [
        (None, "no README.md"),
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"# Only a title\n", "empty"),
        (b"\xff\xfe\x00b\x00a\x00d", "not UTF-8"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"text\x00with a NUL", "binary"),
        (b"x" * (MAX_STORY_BYTES + 1), "skipped"),
    ],
)
def test_an_unusable_readme_is_skipped_with_a_message(tmp_path, readme, says):
    story = read_story(_folder(tmp_path, readme))
    assert not story.found and says in story.note


def test_a_readme_with_a_byte_order_mark_and_windows_lines_is_read(tmp_path):
    story = read_story(_folder(tmp_path, "\ufeff# Vote\r\n\r\nThe vote.\r\n\r\n## Words to follow\r\n- vote\r\n".encode("utf-8")))
    assert story.title == "Vote" and story.follow == ("vote",)


def test_a_linked_readme_is_not_followed(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nnot for students\n")
    folder = tmp_path / "corpus"
    folder.mkdir()
    _folder(folder, None)
    (folder / "README.md").symlink_to(secret)
    story = read_story(folder)
    assert not story.found and "link" in story.note and "Secret" not in (story.title or "")


def test_a_folder_or_a_pipe_named_readme_is_refused_without_blocking(tmp_path):
    (tmp_path / "README.md").mkdir()
    assert "not a regular file" in read_story(tmp_path).note
    other = tmp_path / "other"
    other.mkdir()
    os.mkfifo(other / "README.md")
    assert "not a regular file" in read_story(other).note  # opening a pipe would wait for a writer


def test_html_and_script_are_shown_as_text_never_as_markup(tmp_path):
    readme = b'# <img src=x onerror=alert(1)>\n\n<script>alert("x")</script> [link](javascript:alert(1))\n\n- <b>bold</b>\n'
    html = story_html(read_story(_folder(tmp_path, readme)))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html and "javascript:alert(1)" in html  # shown as text
    assert "<a " not in html


def test_markup_kept_is_headings_paragraphs_lists_bold_and_code():
    html = story_html(parse_story("# T\n\nOne **bold** `code`.\n\n### Sub\n\n- a\n- b\n\nAfter.\n"))
    assert "<h3>T</h3>" in html and "<strong>bold</strong>" in html and "<code>code</code>" in html
    assert "<h4>Sub</h4>" in html and "<ul><li>a</li><li>b</li></ul>" in html and "<p>After.</p>" in html


def test_a_corpus_from_strings_has_no_story():
    assert not read_story(None).found
