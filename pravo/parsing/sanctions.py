"""Read the penalties out of a Criminal Code sanction ("наказывается лишением свободы на срок …").

The sanction prose is regular: penalties are named by a noun in the instrumental case
("штрафом", "лишением свободы", …). A noun after "с"/"со" is an additional penalty attached to
the main penalty before it, and "либо/или без такового" after it makes that additional penalty
optional. So the reader finds every penalty noun, takes the words up to the next one as its
clause, and reads the measures ("на срок от … до …", "в размере до … рублей") out of the clause.
Anything left over that is not a connective ("либо", "или", "и") is reported as a problem, so
``complete`` is True only when every word of the sanction was accounted for.

Besides the kinds in the importer's list, two military penalties ("ограничением по военной
службе", "содержанием в дисциплинарной воинской части") get their own kinds, and a fine set as a
multiple of a bribe ("от десятикратной до пятидесятикратной суммы взятки") has unit "multiple".
Confiscation ("с конфискацией имущества") is not a penalty of the current Code's sanctions; if it
turns up it is reported as a problem rather than silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import normalize, parse_number


@dataclass
class ExtractedPenalty:
    kind: str
    min: int | None
    max: int | None
    unit: str  # years | months | hours | rub | multiple | "" (life imprisonment, death penalty)
    role: str  # main | additional
    optional: bool
    text: str
    alternative: int = 0  # index of the main alternative this penalty belongs to


@dataclass
class SanctionReading:
    penalties: list[ExtractedPenalty] = field(default_factory=list)
    complete: bool = True
    problems: list[str] = field(default_factory=list)


# Penalty nouns, longest first so "пожизненным лишением свободы" wins over "лишением свободы".
HEADS = [
    (r"пожизненным\s+лишением\s+свободы", "life_imprisonment"),
    (r"смертной\s+казнью", "death_penalty"),
    (
        r"лишением\s+права(?:\s+занимать\s+определенные\s+должности)?"
        r"(?:\s+(?:или|либо))?(?:\s+заниматься\s+определенной\s+деятельностью)?",
        "deprivation_of_right",
    ),
    (r"лишением\s+свободы", "imprisonment"),
    (r"штрафом", "fine"),
    (r"ограничением\s+свободы", "restriction_of_freedom"),
    (r"ограничением\s+по\s+военной\s+службе", "restriction_in_military_service"),
    (r"принудительными\s+работами", "forced_labour"),
    (r"обязательными\s+работами", "compulsory_work"),
    (r"исправительными\s+работами", "correctional_labour"),
    (r"арестом", "arrest"),
    (r"содержанием\s+в\s+дисциплинарной\s+воинской\s+части", "disciplinary_military_unit"),
    (r"конфискацией\s+имущества", "confiscation"),
]
HEAD_RE = re.compile(
    r"(?P<prep>\bсо?\s+)?(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(HEADS)) + r")"
)
NO_TERM_KINDS = {"life_imprisonment", "death_penalty", "confiscation"}

UNITS = {
    "лет": "years", "года": "years", "год": "years",
    "месяцев": "months", "месяца": "months", "месяц": "months",
    "часов": "hours", "часа": "hours", "час": "hours",
}  # fmt: skip
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
WORDS = r"[0-9а-я][0-9а-я ]*?"
RANGE = rf"(?:от\s+(?P<a>{WORDS})\s+)?до\s+(?P<b>{WORDS})"

# The unit may be followed by more months ("до двух лет шести месяцев"); "на срок" is missing
# in a few sanctions of the official text ("обязательными работами до трехсот … часов").
UNIT_TAIL = rf"\s+(?P<u>{UNIT_WORDS})\b(?:\s+(?P<more>[а-я]+\s+(?:месяцев|месяца))\b)?"
TERM_RE = re.compile(rf"(?:на\s+срок\s+)?{RANGE}{UNIT_TAIL}")
SAME_TERM_RE = re.compile(r"на\s+тот\s+же\s+срок")
INCOME_RE = re.compile(
    r"в\s+размере\s+заработной\s+платы\s+(?:или|либо)\s+иного\s+дохода\s+осужденного\s+за\s+период\s+"
    rf"{RANGE}{UNIT_TAIL}"
)
RUB_RE = re.compile(rf"(?:в\s+размере\s+)?{RANGE}\s+рублей")
# "от десятикратной до пятидесятикратной суммы взятки", with the object of the sum after it.
MULTIPLE_RE = re.compile(
    r"в\s+размере\s+(?:от\s+(?P<a>[а-я]+)кратной\s+)?(?:до\s+)?(?P<b>[а-я]+)кратной\s+"
    r"(?:суммы|стоимости)(?:\s+(?!или\b|либо\b|со?\b)(?:[а-я]+|\(или\)))*"
)
FILLER = {"либо", "или", "и", "без", "такового", "таковой", "таковых"}
MULTIPLE_PREFIX = {"дву": 2, "двух": 2}


def _number(words: str) -> int:
    words = words.strip()
    return MULTIPLE_PREFIX.get(words) or parse_number(words)


def _bound(words: str | None) -> tuple[float | None, str | None]:
    """'шести месяцев' -> (6, months); 'двух лет шести месяцев' -> (30, months).

    'двух' -> (2, None): a bound without a unit takes the other bound's; 'полутора' is 1.5.
    """
    if not words:
        return None, None
    groups: list[tuple[float, str | None]] = []
    tokens: list[str] = []
    for token in words.split() + [""]:
        if token in UNITS or (not token and tokens):
            value = 1.5 if tokens == ["полутора"] else parse_number(" ".join(tokens))
            groups.append((value, UNITS.get(token)))
            tokens = []
        elif token and token != "рублей":
            tokens.append(token)
    if len(groups) == 1:
        return groups[0]
    # "два года шесть месяцев": add the parts up in months.
    return sum(v * 12 if u == "years" else v for v, u in groups), "months"


def _range(m: re.Match) -> tuple[int | None, int | None, str]:
    """Read "от A до B unit" into (min, max, unit), in months when the units differ."""
    b_words = m.group("b")
    if "u" in m.re.groupindex:
        b_words += " " + m.group("u") + " " + (m.group("more") or "")
    lo, lo_unit = _bound(m.group("a"))
    hi, hi_unit = _bound(b_words)
    hi_unit = hi_unit or "rub"  # only the rouble pattern leaves its unit outside the bound
    lo_unit = lo_unit or hi_unit
    unit = hi_unit
    if lo_unit != hi_unit or any(v is not None and v != int(v) for v in (lo, hi)):
        # Mixed units ("от шести месяцев до двух лет") or "полутора лет": count in months.
        lo, hi = (
            v * 12 if v is not None and u == "years" else v
            for v, u in ((lo, lo_unit), (hi, hi_unit))
        )
        unit = "months"
    return (None if lo is None else int(lo)), int(hi), unit


def _strip_sanction(text: str) -> str:
    text = normalize(text)
    text = re.sub(r"[–—−]", "-", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:-\s*)?наказыва(?:е|ю)тся\s+", "", text)
    return text.strip().rstrip(".").strip()


def _measures(kind: str, body: str) -> tuple[list[tuple[int | None, int | None, str]], str]:
    """The measures named in a clause body, and the body with them cut out."""
    found: list[tuple[int, tuple[int | None, int | None, str]]] = []
    patterns = [TERM_RE]
    if kind == "fine":
        patterns = [INCOME_RE, RUB_RE, MULTIPLE_RE]
    rest = body
    for pattern in patterns:
        for m in pattern.finditer(rest):
            if pattern is MULTIPLE_RE:
                lo = _number(m.group("a")) if m.group("a") else None
                measure = (lo, _number(m.group("b")), "multiple")
            else:
                measure = _range(m)
            found.append((m.start(), measure))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    found.sort(key=lambda item: item[0])
    return [measure for _, measure in found], rest


def read_sanction(text: str) -> SanctionReading:
    """Read one sanction sentence into penalties; see the module docstring for the rules."""
    reading = SanctionReading()
    sanction = _strip_sanction(text)
    heads = list(HEAD_RE.finditer(sanction))
    if not heads:
        reading.complete = False
        reading.problems.append(f"no penalty named in: {sanction[:120]!r}")
        return reading
    lead = sanction[: heads[0].start()].strip(" ,")
    if lead:
        reading.problems.append(f"unrecognised text before the first penalty: {lead!r}")

    alternative = -1
    last_term: tuple[int | None, int | None, str] | None = None
    for i, head in enumerate(heads):
        kind = next(kind for j, (_, kind) in enumerate(HEADS) if head.group(f"k{j}"))
        end = heads[i + 1].start() if i + 1 < len(heads) else len(sanction)
        body = sanction[head.end() : end]
        clause = sanction[head.start() : end].strip(" ,")
        role = "additional" if head.group("prep") else "main"
        if role == "main":
            alternative += 1
        optional = role == "additional" and bool(re.search(r"\bбез\s+таков", body))

        if kind == "confiscation":
            reading.problems.append(f"confiscation is not read as a penalty: {clause!r}")
            continue
        try:
            measures, rest = _measures(kind, body)
        except ValueError as exc:
            reading.problems.append(f"unreadable number in {clause!r}: {exc}")
            continue
        if not measures and SAME_TERM_RE.search(body):
            if last_term is None:
                reading.problems.append(f"'на тот же срок' with no earlier term: {clause!r}")
                continue
            measures = [last_term]
            rest = SAME_TERM_RE.sub(" ", rest)
        if kind in NO_TERM_KINDS:
            measures = [(None, None, "")]
        elif not measures:
            reading.problems.append(f"no term or amount found in {clause!r}")
            continue
        leftover = [w for w in re.findall(r"[0-9а-я()]+", rest) if w not in FILLER]
        if leftover:
            reading.problems.append(f"unrecognised words {' '.join(leftover)!r} in {clause!r}")

        for lo, hi, unit in measures:
            reading.penalties.append(
                ExtractedPenalty(kind, lo, hi, unit, role, optional, clause, max(alternative, 0))
            )
        if kind != "fine" and measures[0][2] in {"years", "months", "hours"}:
            last_term = measures[0]

    reading.complete = not reading.problems
    return reading
