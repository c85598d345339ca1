import pytest

from helpers.selfcheck import check


@pytest.mark.parametrize(
    "answer, expected, status",
    [
        (..., 3, "unanswered"),
        (None, 3, "unanswered"),
        (3, 3, "correct"),
        (4, 3, "wrong"),
        (" Bukele ", "bukele", "correct"),
        (0.3334, 1 / 3, "correct"),
        (0.5, 1 / 3, "wrong"),
        ("abc", 1.0, "wrong"),
        (["b", "a"], {"a", "b"}, "correct"),
        (5, {"a"}, "wrong"),
    ],
)
def test_check_statuses(answer, expected, status):
    assert check(answer, expected).status == status


def test_hint_not_answer_is_shown():
    feedback = check(7, 42, hint="Use len().")
    assert "Use len()." in feedback.message and "42" not in feedback.message


def test_a_crashing_test_function_is_reported_not_raised():
    feedback = check("x", test=lambda a: a > 3, hint="Give a number.")
    assert feedback.status == "wrong" and "TypeError" in feedback.message


def test_html_escapes():
    assert "&lt;" in check("<b>", "x", hint="<i>")._repr_html_()
