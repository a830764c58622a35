"""Raised numbers of the portal's exports read with a dot (pravo.parsing.raised)."""

import pytest

from pravo.parsing.raised import SUP_CLOSE, SUP_OPEN, dotted


def raised(number: str) -> str:
    return f"{SUP_OPEN}{number}{SUP_CLOSE}"


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (f"статьями 205{raised('2')}, 280", "статьями 205.2, 280"),
        (f"статья 123{raised('16-1')}", "статья 123.16-1"),
        (f"частью второй{raised('1')} настоящей", "частью второй.1 настоящей"),
        (f"частями третьей{raised(' 2 ')}", "частями третьей.2"),
        (f"пункт е{raised('1')})", "пункт е.1)"),
        (f"205, 205{raised('l')}, 205{raised('2')}", "205, 205.1, 205.2"),
        # After any other word a raised mark is no number's: kept as it was, unmarked.
        (f"Кодекса{raised('2')}", "Кодекса2"),
        (f"е{raised('l')})", "е" + "l)"),
    ],
)
def test_raised_numbers_take_a_dot_after_numbers_numeral_words_and_points(raw, read):
    assert dotted(raw) == read
