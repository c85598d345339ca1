from html.parser import HTMLParser

import pytest
from hypothesis import given, strategies as st

from helpers.html import Mark, escape, highlight, html_table, legend


class _Checker(HTMLParser):
    """Collects text and checks that tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def parse(markup):
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.stack
    return checker


def test_script_in_article_text_is_shown_as_text():
    text = 'Before <script>alert("x")</script> after'
    markup = highlight(text, [Mark(0, 6, "a")])
    parsed = parse(markup)
    assert "script" not in parsed.tags
    assert "".join(parsed.text) == text


def test_attributes_are_escaped_too():
    markup = highlight("abc", [Mark(0, 1, 'x" onmouseover="evil', title='"><script>')])
    parsed = parse(markup)
    assert parsed.tags == ["mark"]
    assert "onmouseover=\"evil" not in markup


@given(
    st.text(alphabet="ab<>&\"' \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_highlight_is_well_formed_and_keeps_all_text(text, spans):
    marks = [Mark(min(a, b), max(a, b), "m") for a, b in spans]
    parsed = parse(highlight(text, marks))
    assert "".join(parsed.text) == text.replace("\r\n", "").replace("\n", "")


def test_highlight_part_of_text_clips_marks():
    assert highlight("0123456789", [Mark(2, 8, "m")], start=5, end=7) == '<mark class="m">56</mark>'


def test_newlines_become_breaks():
    assert highlight("a\nb", []) == "a<br>b"


def test_table_and_legend_escape():
    assert "&lt;b&gt;" in html_table([["<b>"]], ["x"], caption="<i>")
    assert "&lt;i&gt;" in html_table([], ["x"], caption="<i>")
    assert "&amp;" in legend([("a&b", "color:red")])


@pytest.mark.parametrize("value", [1, None, 2.5])
def test_escape_accepts_non_strings(value):
    assert escape(value) == str(value)


def test_bidirectional_overrides_and_control_characters_are_shown_not_obeyed():
    from helpers.html import escape, html_table

    shown = escape("report\u202etxt.exe\x1b[2J")
    assert "\u202e" not in shown and "\x1b" not in shown
    assert "\\u202e" in shown and "\\u001b" in shown
    table = html_table([["a\u2066b.txt", 1]], ["file", "n"])
    assert "\u2066" not in table and "\\u2066" in table
    assert escape("line one\nline two\ttab") == "line one\nline two\ttab", "layout characters stay"
