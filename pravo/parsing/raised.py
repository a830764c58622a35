"""Raised (superscript) numbers of the portal's exports, read as the dotted numbers they are.

The portal writes an inserted article, part or point with a raised number: "205<sup>2</sup>"
is article 205.2, "частью второй<sup>1</sup>" part two.1, "е<sup>1</sup>)" point е.1. The
HTML reader (pravo.parsing.document) puts SUP_OPEN and SUP_CLOSE around every raised text;
`dotted` writes each raised number with a dot, as official citations and the consolidated
texts do ("статьями 205.2", "частью второй.1", "е.1)"), and drops the other marks.
"""

import re

# Sentinels put around superscript text while the markup is flattened.
SUP_OPEN, SUP_CLOSE = "\x03", "\x04"

# A raised number after a number, a numeral word or a point's letter (dropping the tags glued
# them: "2052"); only after those: a raised mark after any other word would be a footnote's.
SUP_NUMBER_RE = re.compile(
    r"([\dIVXLC]|(?<![А-Яа-яЁё])[а-яё]|[А-Яа-яЁё]+(?:ой|ей|ий|ый))"
    rf"{SUP_OPEN}\s*(\d+(?:-\d+)*|l)\s*{SUP_CLOSE}"
)


def _raised(match: re.Match) -> str:
    before, number = match.groups()
    if number == "l":
        # The Criminal Code's export once types a Latin "l" for the raised 1 ("205<sup>l</sup>"
        # between 205 and 205.2 in art. 104.1); only after a number is it read as one.
        if not before.isdigit():
            return match.group(0)
        number = "1"
    return f"{before}.{number}"


def dotted(raw: str) -> str:
    """`raw` with each raised number written with a dot ("205" SUP_OPEN "2" SUP_CLOSE ->
    "205.2") and every other superscript mark dropped, its text kept."""
    text = SUP_NUMBER_RE.sub(_raised, raw)
    return text.replace(SUP_OPEN, "").replace(SUP_CLOSE, "")
