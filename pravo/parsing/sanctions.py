"""Read the penalties out of a Criminal Code sanction ("наказывается лишением свободы на срок …").

The sanction prose is regular: penalties are named by a noun in the instrumental case
("штрафом", "лишением свободы", …). A noun after "с"/"со" is an additional penalty attached to
the main penalty before it, and "либо/или без такового" after it makes that additional penalty
optional. So the reader finds every penalty noun, takes the words up to the next one as its
clause, and reads the measures ("на срок от … до …", "в размере до … рублей") out of the clause.
Anything left over that is not a connective ("либо", "или", "и") makes its clause "unparsed"
(kept with its words in ``unparsed``, the reason in ``problems``), so ``complete`` is True only
when every word of the sanction was accounted for.

Alternatives: the main penalties are numbered 0, 1, 2 … in order; every measure of one fine
("до одного миллиона рублей или в размере заработной платы … за период до двух лет") shares its
number, and an additional penalty takes the number of the main penalty it follows, with its own
term and its own "или без такового" (art. 134 part 1: disqualification up to 3 years with forced
labour, up to 10 with prison). "На тот же срок" takes the term of the last main penalty before
it, never of an additional one in between (art. 200.6 part 3: "принудительными работами на
срок до четырех лет с лишением права … на срок до пяти лет …, либо лишением свободы на тот же
срок" is prison up to 4 years).

The military penalties ("ограничением по военной службе", "содержанием в дисциплинарной
воинской части", art. 44) have their own kinds, and a fine set as a multiple of a sum ("от
десятикратной до пятидесятикратной суммы взятки", art. 46 part 2) has unit "multiple" with
``multiple_of`` naming the sum (MULTIPLE_OF). Confiscation ("с конфискацией имущества") is not a
penalty of the current Code's sanctions (a measure under art. 104.1); if it turns up its clause
is unparsed rather than silently dropped.
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
    optional: bool  # an additional penalty "или без такового"; False for a main one
    text: str  # the clause it was read from
    alternative: int = 0  # the main alternative it is, or (additional) is attached to
    multiple_of: str = ""  # unit "multiple": bribe | commercial_bribe | subornation | …


@dataclass
class SanctionReading:
    penalties: list[ExtractedPenalty] = field(default_factory=list)
    complete: bool = True  # every clause read: ``unparsed`` is empty
    problems: list[str] = field(default_factory=list)  # why, one line per unparsed clause
    unparsed: list[str] = field(default_factory=list)  # the clauses not read, as worded

    def not_read(self, clause: str, problem: str) -> None:
        """Keep `clause` as unparsed with the reason; the reading is then not complete."""
        self.unparsed.append(clause)
        self.problems.append(problem)
        self.complete = False


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
    (r"ограничением\s+по\s+военной\s+службе", "military_service_restriction"),
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
    r"(?P<of>(?:суммы|стоимости)(?:\s+(?!или\b|либо\b|со?\b)(?:[а-я]+|\(или\)))*)"
)
# What a multiple multiplies, as the sanction names it (provisions.penalties.MultipleOf).
MULTIPLE_OF = {
    "суммы взятки": "bribe",
    "суммы коммерческого подкупа": "commercial_bribe",
    "суммы подкупа": "subornation",
    "суммы незаконно перемещенных наличных денежных средств": "smuggled_cash",
    "суммы незаконно перемещенных наличных денежных средств и (или) стоимости незаконно "
    "перемещенных денежных инструментов": "smuggled_cash",
}
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


Measure = tuple[int | None, int | None, str, str]  # min, max, unit, multiple_of


def _measures(kind: str, body: str) -> tuple[list[Measure], str]:
    """The measures named in a clause body, and the body with them cut out.

    Raises ValueError for a number it cannot read or a multiple of a sum it does not know."""
    found: list[tuple[int, Measure]] = []
    patterns = [TERM_RE]
    if kind == "fine":
        patterns = [INCOME_RE, RUB_RE, MULTIPLE_RE]
    rest = body
    for pattern in patterns:
        for m in pattern.finditer(rest):
            if pattern is MULTIPLE_RE:
                lo = _number(m.group("a")) if m.group("a") else None
                of = MULTIPLE_OF.get(m.group("of").strip())
                if of is None:
                    raise ValueError(f"a multiple of an unknown sum: {m.group('of')!r}")
                measure = (lo, _number(m.group("b")), "multiple", of)
            else:
                measure = (*_range(m), "")
            found.append((m.start(), measure))
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    found.sort(key=lambda item: item[0])
    return [measure for _, measure in found], rest


def read_sanction(text: str) -> SanctionReading:
    """Read one sanction sentence into penalties; see the module docstring for the rules.

    Never raises: what cannot be read is returned as ``unparsed`` clauses."""
    reading = SanctionReading()
    sanction = _strip_sanction(text)
    heads = list(HEAD_RE.finditer(sanction))
    if not heads:
        reading.not_read(sanction, "no penalty named")
        return reading
    lead = sanction[: heads[0].start()].strip(" ,")
    if lead:
        reading.not_read(lead, "text before the first penalty")

    alternative = -1
    last_main_term: Measure | None = None  # "на тот же срок" refers to it
    for i, head in enumerate(heads):
        kind = next(kind for j, (_, kind) in enumerate(HEADS) if head.group(f"k{j}"))
        end = heads[i + 1].start() if i + 1 < len(heads) else len(sanction)
        body = sanction[head.end() : end]
        clause = sanction[head.start() : end].strip(" ,")
        role = "additional" if head.group("prep") else "main"
        if role == "main":
            alternative += 1
        attached = max(alternative, 0)
        optional = role == "additional" and bool(re.search(r"\bбез\s+таков", body))

        if kind == "confiscation":
            reading.not_read(clause, "confiscation is not a penalty of the current Code")
            continue
        try:
            measures, rest = _measures(kind, body)
        except ValueError as exc:
            reading.not_read(clause, str(exc))
            continue
        if not measures and SAME_TERM_RE.search(body):
            if last_main_term is None:
                reading.not_read(clause, "'на тот же срок' with no earlier main term")
                continue
            measures = [last_main_term]
            rest = SAME_TERM_RE.sub(" ", rest)
        if kind in NO_TERM_KINDS:
            measures = [(None, None, "", "")]
        elif not measures:
            reading.not_read(clause, "no term or amount found")
            continue
        leftover = [w for w in re.findall(r"[0-9а-я()]+", rest) if w not in FILLER]
        if leftover:
            reading.not_read(clause, f"unrecognised words {' '.join(leftover)!r}")

        for lo, hi, unit, of in measures:
            reading.penalties.append(
                ExtractedPenalty(kind, lo, hi, unit, role, optional, clause, attached, of)
            )
        if role == "main" and measures[0][2] in {"years", "months", "hours"}:
            last_main_term = measures[0]
    return reading
