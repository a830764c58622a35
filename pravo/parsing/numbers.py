"""Russian cardinal numbers, in words (any case form) or figures, to integers.

Sanctions spell amounts out in the genitive or instrumental ("до пятисот тысяч рублей",
"от двух миллионов пятисот тысяч"), so every case form of every number word is listed here.
"""

from __future__ import annotations

import re


def _forms(value: int, *words: str) -> dict[str, int]:
    return dict.fromkeys(words, value)


def _soft(value: int, stem: str) -> dict[str, int]:
    """Numbers declined like "пять": пять, пяти, пятью."""
    return _forms(value, stem + "ь", stem + "и", stem + "ью")


# Units, teens and tens: every case form.
SIMPLE: dict[str, int] = {
    **_forms(
        1,
        "один",
        "одна",
        "одно",
        "одного",
        "одной",
        "одному",
        "одним",
        "одном",
        "одну",
        "одни",
        "одних",
        "одними",
    ),
    **_forms(2, "два", "две", "двух", "двум", "двумя"),
    **_forms(3, "три", "трех", "трем", "тремя"),
    **_forms(4, "четыре", "четырех", "четырем", "четырьмя"),
    **_soft(5, "пят"),
    **_soft(6, "шест"),
    **_soft(7, "сем"),
    **_forms(8, "восемь", "восьми", "восемью", "восьмью"),
    **_soft(9, "девят"),
    **_soft(10, "десят"),
    **_soft(11, "одиннадцат"),
    **_soft(12, "двенадцат"),
    **_soft(13, "тринадцат"),
    **_soft(14, "четырнадцат"),
    **_soft(15, "пятнадцат"),
    **_soft(16, "шестнадцат"),
    **_soft(17, "семнадцат"),
    **_soft(18, "восемнадцат"),
    **_soft(19, "девятнадцат"),
    **_soft(20, "двадцат"),
    **_soft(30, "тридцат"),
    **_forms(40, "сорок", "сорока"),
    **_forms(50, "пятьдесят", "пятидесяти", "пятьюдесятью"),
    **_forms(60, "шестьдесят", "шестидесяти", "шестьюдесятью"),
    **_forms(70, "семьдесят", "семидесяти", "семьюдесятью"),
    **_forms(80, "восемьдесят", "восьмидесяти", "восемьюдесятью"),
    **_forms(90, "девяносто", "девяноста"),
    **_forms(100, "сто", "ста"),
}

# Hundreds 200-900: nominative, genitive (-сот), dative (-стам), instrumental (-стами), locative.
for _value, _nom, _stem, _instr in (
    (200, "двести", "двух", "двумя"),
    (300, "триста", "трех", "тремя"),
    (400, "четыреста", "четырех", "четырьмя"),
    (500, "пятьсот", "пяти", "пятью"),
    (600, "шестьсот", "шести", "шестью"),
    (700, "семьсот", "семи", "семью"),
    (800, "восемьсот", "восьми", "восемью"),
    (900, "девятьсот", "девяти", "девятью"),
):
    SIMPLE.update(
        _forms(
            _value,
            _nom,
            _stem + "сот",
            _stem[:-1] + "мстам" if _value <= 400 else _stem + "стам",
            _instr + "стами",
            _stem + "стах",
        )
    )

MULTIPLIERS: dict[str, int] = {
    **_forms(
        1000,
        "тысяча",
        "тысячи",
        "тысяч",
        "тысяче",
        "тысячу",
        "тысячей",
        "тысячью",
        "тысячам",
        "тысячами",
        "тысячах",
    ),
    **_forms(
        1_000_000,
        "миллион",
        "миллиона",
        "миллионов",
        "миллиону",
        "миллионом",
        "миллионе",
        "миллионам",
        "миллионами",
        "миллионах",
    ),
    **_forms(
        1_000_000_000,
        "миллиард",
        "миллиарда",
        "миллиардов",
        "миллиарду",
        "миллиардом",
        "миллиарде",
        "миллиардам",
        "миллиардами",
        "миллиардах",
    ),
}

# "полтора/полутора" = one and a half: only meaningful before a multiplier or a unit.
HALF_WORDS = {"полтора", "полторы", "полутора"}


def normalize(text: str) -> str:
    return text.lower().replace("ё", "е").replace("\xa0", " ").strip()


def parse_number(words: str) -> int:
    """'двух миллионов пятисот тысяч' -> 2500000; '1 000 000' -> 1000000.

    Raises ValueError for anything that is not a whole number (e.g. 'полутора' on its own).
    """
    text = normalize(words)
    if not text:
        raise ValueError("empty number")
    if re.fullmatch(r"\d{1,3}(?:[ \u202f]\d{3})+|\d+", text):
        return int(re.sub(r"\D", "", text))
    total = 0
    current = 0
    half = False
    tokens = text.split()
    for token in tokens:
        if token in HALF_WORDS:
            if current:
                raise ValueError(f"'{token}' after another number in {words!r}")
            half = True
        elif token in SIMPLE:
            current += SIMPLE[token]
        elif token in MULTIPLIERS:
            mult = MULTIPLIERS[token]
            if half:
                total += mult * 3 // 2
                half = False
            else:
                total += (current or 1) * mult
            current = 0
        else:
            raise ValueError(f"not a number word: {token!r} in {words!r}")
    if half:
        raise ValueError(f"'полтора' without a multiplier is not a whole number: {words!r}")
    return total + current
