"""Read the penalties out of a КоАП sanction ("влечет наложение административного штрафа на
граждан в размере от тридцати тысяч до пятидесяти тысяч рублей; на должностных лиц - …").

The entry point is `read_administrative_sanction(text)`, one call per part, like the Criminal
Code's `read_sanction`; `sanction_of(part_text)` finds the sanction in a part's text. Its
reading has the fields the Criminal Code's has (`penalties`, `complete`, `problems`) and
`unread`: every item it could not read, with its subject and words, so nothing is dropped
silently. `complete` is True only when every word was read.

The prose is regular:
- The sanction follows "влечет"/"влекут". ";" separates groups by subject: the first names its
  subject after the fine ("штрафа на граждан в размере …") or names none; each later one opens
  with its subject ("на должностных лиц - …", "на юридических лиц в размере …"). Subjects are
  citizens, officials (also "должностных лиц, ответственных за …", kept in the note), legal
  entities and individual entrepreneurs ("лиц, осуществляющих предпринимательскую деятельность
  без образования юридического лица", "индивидуальных предпринимателей"), alone or listed
  together; a group for anyone else ("на водителя") is unread.
- In a group the penalties are nouns in the accusative ("наложение административного
  штрафа", "обязательные работы", "административный арест", "дисквалификацию", …) joined by
  "или"/"либо"; an amount at the start of a later group, with no noun, is a fine.
- A noun in the instrumental after "с" ("с конфискацией …", "с административным выдворением
  …", "с лишением права …", "с наложением административного запрета …") is an additional
  penalty of the alternative before it; "или/либо без таковой" makes it optional. A noun joined
  by "и" ("штрафа … и административное выдворение …") is imposed together with the one before
  it: as art. 3.3 allows only confiscation, expulsion, the driving-licence deprivation and the
  sports ban as additional penalties, such a noun is read as additional and not optional, and
  any other noun joined so is unread.
- Fines are read in roubles ("от A до B рублей", "до B рублей", "в размере A рублей": a fixed
  fine has min = max). A fine computed otherwise — a multiple of a sum or value
  ("от двукратного до трехкратного размера стоимости …"), a percentage, a floor or cap beside
  it ("но не менее …") — has no unit in the data contract: it is unread, never a rouble figure.
- Terms: "на срок (от A) до B" or "сроком на B" with суток (days), часов (hours), месяцев or
  лет; mixed units ("от шести месяцев до одного года") are counted in months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import normalize, parse_number
from .sanctions import ExtractedPenalty


@dataclass
class AdministrativePenalty(ExtractedPenalty):
    subject: str = ""  # citizen | official | legal_entity | entrepreneur | "" (none named)
    note: str = ""  # what is confiscated, the qualified subject, how it is joined


@dataclass
class UnreadItem:
    """A piece of a sanction not read into penalties, as it stands in the text."""

    subject: str  # the subject of its group, "" where none is named or it is not read
    kind: str  # the kind where the noun was read ("fine"), else ""
    text: str
    reason: str

    def describe(self) -> str:
        who = f" ({self.subject})" if self.subject else ""
        what = f"{self.kind}{who}: " if self.kind else (f"{self.subject}: " if who else "")
        return f"{self.reason}: {what}{self.text!r}"


@dataclass
class AdministrativeReading:
    penalties: list[AdministrativePenalty] = field(default_factory=list)
    unread: list[UnreadItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one readable line per unread item
    complete: bool = True

    def leave(self, item: UnreadItem) -> None:
        self.unread.append(item)
        self.problems.append(item.describe())

    @property
    def unparsed(self) -> list[str]:
        """The clauses not read, as worded (as the Criminal Code's reading gives them)."""
        return [item.text for item in self.unread]


# --- subjects -----------------------------------------------------------------------------

ENTREPRENEUR = (
    r"лиц,?\s+осуществляющих\s+предпринимательскую\s+деятельность\s+без\s+образования\s+"
    r"юридического\s+лица"
)
SUBJECTS = [
    (r"граждан", "citizen"),
    (r"должностных\s+лиц", "official"),
    (ENTREPRENEUR, "entrepreneur"),
    (r"индивидуальных\s+предпринимателей|индивидуального\s+предпринимателя", "entrepreneur"),
    (r"юридических\s+лиц|юридическое\s+лицо", "legal_entity"),
]
SUBJECT_RE = re.compile(
    "(?:" + "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(SUBJECTS)) + r")(?![а-я])"
)
SUBJECT_GLUE = re.compile(r"\s*,?\s*(?:и\s+)?")
# What may follow "должностных лиц" and still name officials: "…, ответственных за перевозку,",
# "… кредитной организации", "… федеральных органов исполнительной власти".
OFFICIAL_QUALIFIER = re.compile(r"(?:,\s*)?(?!-)[а-я(].*")


def read_subjects(phrase: str) -> tuple[list[str], str] | None:
    """'граждан, лиц, осуществляющих …, и юридических лиц' -> (['citizen', 'entrepreneur',
    'legal_entity'], ''); 'должностных лиц кредитной организации' -> (['official'], the
    phrase); None where the phrase names someone else."""
    phrase = phrase.strip(" ,")
    found: list[str] = []
    at = 0
    while at < len(phrase):
        m = SUBJECT_RE.match(phrase, at)
        if not m:
            break
        found.append(next(s for i, (_, s) in enumerate(SUBJECTS) if m.group(f"s{i}")))
        at = m.end()
        glue = SUBJECT_GLUE.match(phrase, at)
        if glue.end() < len(phrase) and SUBJECT_RE.match(phrase, glue.end()):
            at = glue.end()
        else:
            break
    rest = phrase[at:].strip(" ,")
    if not found:
        return None
    if not rest:
        return found, ""
    if found == ["official"] and OFFICIAL_QUALIFIER.fullmatch(phrase[at:].strip()):
        return found, phrase
    return None


# --- penalty nouns ------------------------------------------------------------------------

FEDERATION = (
    r"за\s+пределы\s+российской\s+федерации"
    r"(?:\s+иностранного\s+гражданина\s+или\s+лица\s+без\s+гражданства)?"
)
SPORTS = (
    r"на\s+посещение\s+мест\s+проведения\s+официальных\s+спортивных\s+соревнований\s+в\s+дни\s+"
    r"их\s+проведения"
)
# (pattern, kind, case): accusative nouns are main penalties, instrumental ones ("с …") additional.
HEADS = [
    (r"наложение\s+административного\s+штрафа|административный\s+штраф", "fine", "acc"),
    (r"предупреждение", "warning", "acc"),
    (r"обязательные\s+работы", "compulsory_work", "acc"),
    (r"административный\s+арест", "arrest", "acc"),
    (
        r"административное\s+приостановление\s+(?:их\s+)?деятельности",
        "suspension_of_activity",
        "acc",
    ),
    (r"административным\s+приостановлением\s+деятельности", "suspension_of_activity", "ins"),
    (r"дисквалификацию", "disqualification", "acc"),
    (r"дисквалификацией", "disqualification", "ins"),
    (r"конфискацию", "confiscation", "acc"),
    (r"(?:их\s+)?конфискацией", "confiscation", "ins"),
    (rf"административное\s+выдворение\s+{FEDERATION}", "expulsion", "acc"),
    (rf"административным\s+выдворением\s+{FEDERATION}", "expulsion", "ins"),
    (r"лишение\s+(?:специального\s+)?права", "deprivation_of_special_right", "acc"),
    (r"лишением\s+(?:специального\s+)?права", "deprivation_of_special_right", "ins"),
    (rf"административный\s+запрет\s+{SPORTS}", "sports_event_ban", "acc"),
    (rf"(?:наложением\s+)?административного\s+запрета\s+{SPORTS}", "sports_event_ban", "ins"),
]
HEAD_RE = re.compile(
    r"(?P<join>\bсо?\s+|\bи\s+\(или\)\s+|\bи\s+)?(?<![а-я])(?:их\s+)?(?:"
    + "|".join(f"(?P<h{i}>{p})" for i, (p, _, _) in enumerate(HEADS))
    + r")(?![а-я])"
)
# Nouns whose object follows them ("конфискацией орудия …", "лишение права управления
# транспортными средствами"): the object is kept as the note, not checked word by word.
WITH_OBJECT = {"confiscation", "deprivation_of_special_right"}
NO_TERM = {"warning", "confiscation", "expulsion"}
# Art. 3.3 part 2: the penalties that may be additional.
MAY_BE_ADDITIONAL = {
    "confiscation",
    "expulsion",
    "deprivation_of_special_right",
    "sports_event_ban",
}

# --- measures -----------------------------------------------------------------------------

UNITS = {
    "суток": "days",
    "часов": "hours", "часа": "hours", "час": "hours",
    "месяцев": "months", "месяца": "months", "месяц": "months",
    "лет": "years", "года": "years", "год": "years",
}  # fmt: skip
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
W = r"[0-9а-я][0-9а-я ]*?"
TERM_RE = re.compile(
    rf"(?:на\s+срок|сроком\s+на)\s+(?:от\s+(?P<a>{W})\s+до\s+|до\s+)?(?P<b>{W})\s+"
    rf"(?P<u>{UNIT_WORDS})(?![а-я])"
)
RUB_RANGE_RE = re.compile(
    rf"(?:в\s+размере\s+)?(?:от\s+(?P<a>{W})\s+(?:рублей\s+)?)?до\s+(?P<b>{W})\s+рублей"
)
RUB_FIXED_RE = re.compile(rf"^[\s,]*(?:в\s+размере\s+)?(?P<b>{W})\s+рублей")
OPTIONAL_RE = re.compile(r"(?:,\s*)?(?:или|либо)\s+без\s+таков(?:ой|ого|ых)")
FILLER = {"или", "либо", "и"}


def _value(words: str) -> tuple[float, str | None]:
    """'шести месяцев' -> (6, 'months'); 'двух' -> (2, None); 'полутора' -> (1.5, None)."""
    tokens = words.split()
    unit = UNITS.get(tokens[-1]) if tokens else None
    if unit:
        tokens = tokens[:-1]
    number = " ".join(tokens)
    return (1.5 if number == "полутора" else parse_number(number)), unit


def _term(m: re.Match) -> tuple[int | None, int, str]:
    """A matched term as (min, max, unit), in months where the units differ; a fixed term
    ("сроком на один год") has min = max."""
    unit = UNITS[m.group("u")]
    hi, _ = _value(m.group("b"))
    lo, lo_unit = _value(m.group("a")) if m.group("a") else (None, None)
    if not re.search(r"(?<![а-я])до\s", m.group(0)):  # "сроком на один год": a fixed term
        lo = hi
    lo_unit = lo_unit or unit
    if lo_unit != unit or any(v is not None and v != int(v) for v in (lo, hi)):
        if {lo_unit, unit} - {"years", "months"}:
            raise ValueError(f"units {lo_unit} and {unit} cannot be counted together")
        lo = None if lo is None else lo * (12 if lo_unit == "years" else 1)
        hi = hi * (12 if unit == "years" else 1)
        unit = "months"
    return (None if lo is None else int(lo)), int(hi), unit


def _leftover(text: str) -> list[str]:
    return [w for w in re.findall(r"[0-9а-я()]+", text) if w not in FILLER]


def _blank(text: str, m: re.Match, group: int | str = 0) -> str:
    """`text` with what `m` matched (or its `group`) replaced by as many spaces."""
    start, end = m.span(group)
    return text[:start] + " " * (end - start) + text[end:]


def read_fine(body: str) -> tuple[int | None, int] | None:
    """A fine clause's range in roubles, or None unless the whole clause is that range."""
    m = RUB_RANGE_RE.search(body) or RUB_FIXED_RE.search(body)
    if not m:
        return None
    try:
        hi = parse_number(m.group("b"))
        lo = parse_number(m.group("a")) if m.groupdict().get("a") else None
    except ValueError:
        return None
    if m.re is RUB_FIXED_RE:
        lo = hi
    if _leftover(_blank(body, m)):
        return None
    return lo, hi


# --- the sentence -------------------------------------------------------------------------

SANCTION_START = re.compile(r"(?:^|\n|\s-\s*)\s*(?P<verb>влечет(?:\s+за\s+собой)?|влекут)\s+")


def sanction_of(part_text: str) -> str | None:
    """The sanction of a part: from "влечет"/"влекут" to the end of its paragraph (a line;
    the editorial notes and article notes after it are paragraphs of their own), or None."""
    text = normalize(part_text)
    m = SANCTION_START.search(text)
    if not m:
        return None
    return text[m.start("verb") :].split("\n", 1)[0].strip()


def clean(text: str) -> str:
    text = normalize(text)
    text = re.sub(r"[–—−]", "-", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:-\s*)?(?:влечет(?:\s+за\s+собой)?|влекут)\s+", "", text)
    return text.strip().rstrip(".").strip()


# A subject ends at " - ", or before "в размере" ("в двукратном размере") or "от" (8.4 part 3).
SUBJECT_END = r"(?:\s*-\s+|,?\s+(?=в\s+(?:[а-я]+\s+)?размере\b|от\s))"
GROUP_SUBJECT = re.compile(rf"^(?:а\s+)?(?:на|в\s+отношении|для)\s+(?P<subject>.+?){SUBJECT_END}")
FINE_SUBJECT = re.compile(
    rf"(?:наложение\s+административного\s+штрафа|административный\s+штраф)"
    rf"(?P<on>\s+на\s+(?P<subject>.+?){SUBJECT_END})"
)
# "влечет в отношении должностных лиц дисквалификацию …", "влечет для граждан лишение права …"
LEAD_SUBJECT = re.compile(r"^(?:в\s+отношении|для)\s+(?P<subject>.+)$")
# Groups are separated by ";", a few by ", на должностных лиц - " or ", на … в размере".
GROUP_BREAK = re.compile(r";|,\s+(?=на\s+(?:[а-я]+\s+){1,2}(?:-\s|в\s+размере\b))")
AMOUNT_RE = re.compile(r"рублей|размер|кратн|процент")
# Which officials, between dashes, before a penalty noun (20.33).
DASHED_QUALIFIER = re.compile(r"^(?!от\s|до\s|в\s)(?P<who>[а-я][а-я ,()]*?)\s+-\s+(?=[а-я])")
GENITIVE_SUBJECT = re.compile(
    r"^\s+(?P<subject>должностных\s+лиц|граждан|юридических\s+лиц)(?![а-я])"
)


@dataclass
class Group:
    subjects: list[str]
    note: str
    text: str  # the group without its opening subject
    opened: bool = True  # it opened with its subject (every group but the first)


UNNAMED = "no subject named for it: it stands before the first subject the sanction names"


def read_administrative_sanction(text: str) -> AdministrativeReading:
    """Read one КоАП sanction into penalties per subject; see the module docstring."""
    reading = AdministrativeReading()
    sanction = clean(text)
    alternative = -1
    groups = GROUP_BREAK.split(sanction)
    for index, raw in enumerate(groups):
        raw = raw.strip()
        if not raw:
            continue
        group = open_group(raw, first=index == 0)
        if group is None:
            reading.leave(UnreadItem("", "", raw, "a group for a subject not read"))
            continue
        alternative = read_group(reading, group, alternative)
    named = {p.subject for p in reading.penalties} - {""}
    for penalty in reading.penalties:
        if not penalty.subject and named:
            penalty.note = penalty.note or UNNAMED
    if not reading.penalties and not reading.unread:
        reading.leave(UnreadItem("", "", sanction[:200], "no penalty named"))
    reading.complete = not reading.unread
    return reading


def open_group(raw: str, *, first: bool) -> Group | None:
    """A group with its subjects read off its start; None for a subject not read."""
    if first:
        return Group([""], "", raw, opened=False)
    m = GROUP_SUBJECT.match(raw)
    if not m and FINE_SUBJECT.match(raw):  # "…; наложение административного штрафа на …"
        return Group([""], "", raw, opened=False)
    if not m:
        return None
    subjects = read_subjects(m.group("subject"))
    if subjects is None:
        return None
    names, qualified = subjects
    rest = raw[m.end() :]
    if names == ["official"] and not qualified and (q := DASHED_QUALIFIER.match(rest)):
        # "на должностных лиц - работников аппаратов избирательных комиссий - дисквалификацию"
        qualified, rest = f"{m.group('subject')} - {q.group('who')}", rest[q.end() :]
    return Group(names, f"на {qualified}" if qualified else "", rest)


def read_group(reading: AdministrativeReading, group: Group, alternative: int) -> int:
    """Read the penalties of one group into `reading`; returns the last alternative's index."""
    text = scan = group.text
    # The subjects named after a fine ("штрафа на граждан в размере"), blanked out of the text
    # the nouns are looked for in: "на лиц, к которым не может применяться административный
    # арест," names no penalty.
    fine_subjects: dict[int, str] = {}
    for m in FINE_SUBJECT.finditer(text):
        fine_subjects[m.start()] = m.group("subject")
        scan = _blank(scan, m, "on")
    heads = list(HEAD_RE.finditer(scan))
    subjects, note = group.subjects, group.note
    lead = text[: heads[0].start() if heads else len(text)].strip(" ,")
    named = LEAD_SUBJECT.match(lead)
    if named and (read := read_subjects(named.group("subject"))):
        subjects, note = read[0], f"на {read[1]}" if read[1] else ""
    elif lead and group.opened and AMOUNT_RE.search(lead):  # "на должностных лиц - от … рублей"
        alternative += 1
        read_clause(reading, "fine", "main", False, lead, lead, subjects, note, alternative)
    elif lead:
        reading.leave(UnreadItem(subjects[0], "", lead, "words before any penalty not read"))
    for i, head in enumerate(heads):
        kind, case = next((k, c) for j, (_, k, c) in enumerate(HEADS) if head.group(f"h{j}"))
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = scan[head.end() : end]
        clause = text[head.start() : end].strip(" ,")
        join = (head.group("join") or "").strip()
        if kind == "fine" and head.start() in fine_subjects:
            read = read_subjects(fine_subjects[head.start()])
            # "на водителя в размере … или лишение права …": the rest is the driver's too.
            subjects, qualified = read or ([], "")
            note = f"на {qualified}" if qualified else ""
        if not subjects:
            reading.leave(UnreadItem("", kind, clause, "a penalty for a subject not read"))
            alternative += 1
            continue
        head_subjects, head_note = subjects, note
        if kind in {"disqualification", "warning"} and (m := GENITIVE_SUBJECT.match(body)):
            head_subjects, head_note = read_subjects(m.group("subject"))[0], ""
            body = body[m.end() :]
        if case == "ins" and join in {"с", "со"}:
            role, optional = "additional", bool(OPTIONAL_RE.search(body))
            body = OPTIONAL_RE.sub(" ", body)
        elif case == "acc" and join == "и" and kind in MAY_BE_ADDITIONAL:
            role, optional = "additional", False
            head_note = "; ".join(filter(None, (head_note, "imposed together with it ('и')")))
        elif case == "acc" and not join:
            role, optional = "main", False
            alternative += 1
        elif case == "acc" and join == "и (или)":  # with the one before it or instead of it
            role, optional = "main", False
            alternative += 1
            head_note = "; ".join(filter(None, (head_note, "with the one before it or alone")))
        else:
            reason = "a penalty joined so not read"
            reading.leave(UnreadItem(head_subjects[0], kind, clause, reason))
            continue
        read_clause(
            reading, kind, role, optional, body, clause, head_subjects, head_note, alternative
        )
    return alternative


def read_term(body: str, *, words_before: bool = False):
    """The term of a clause body as (min, max, unit) and "", or None and why not. Every other
    word must be a connective, but for `words_before` it (what a deprivation names)."""
    m = TERM_RE.search(body)
    if not m:
        return None, "no term found"
    try:
        measure = _term(m)
    except ValueError as exc:
        return None, f"unreadable term ({exc})"
    rest = body[m.end() :] if words_before else _blank(body, m)
    return (None, "unrecognised words") if _leftover(rest) else (measure, "")


JOIN_RE = re.compile(r"^(?:со?|и(?:\s+\(или\))?)\s+")
CONNECTIVES_AT_END = re.compile(r"(?:[\s,]+(?:или|либо|и))+[\s,]*$")


def object_of(clause: str) -> str:
    """What a confiscation or deprivation names, as the text words it: "конфискацией орудий
    охоты", "лишение права осуществлять охоту"."""
    words = JOIN_RE.sub("", clause, count=1)
    ends = [m.start() for m in (OPTIONAL_RE.search(words), TERM_RE.search(words)) if m]
    words = words[: min(ends)] if ends else words
    return CONNECTIVES_AT_END.sub("", words).strip(" ,")


def read_clause(
    reading: AdministrativeReading,
    kind: str,
    role: str,
    optional: bool,
    body: str,
    clause: str,
    subjects: list[str],
    note: str,
    alternative: int,
) -> None:
    """Read one penalty's measure out of its clause body, for each of its subjects."""

    def leave(reason: str) -> None:
        for subject in subjects:
            reading.leave(UnreadItem(subject, kind, clause, reason))

    measure: tuple[int | None, int | None, str] | None = (None, None, "")
    problem = ""
    if kind == "fine":
        found = read_fine(body)
        measure = (found[0], found[1], "rub") if found else None
        problem = "" if found else "a fine not set in roubles alone"
    elif kind == "deprivation_of_special_right":  # "лишение права … на срок от … до …"
        # The words before the term name the right; the note keeps them.
        measure, problem = read_term(body, words_before=True)
        note = "; ".join(filter(None, (note, object_of(clause))))
    elif kind == "confiscation":  # "с конфискацией орудий охоты": no term
        note = "; ".join(filter(None, (note, object_of(clause))))
    elif kind in NO_TERM:
        problem = "unrecognised words" if _leftover(body) else ""
    else:
        measure, problem = read_term(body)
    if problem or measure is None:
        leave(problem)
        return
    low, high, unit = measure
    for subject in subjects:
        reading.penalties.append(
            AdministrativePenalty(
                kind,
                low,
                high,
                unit,
                role,
                optional,
                clause,
                alternative=max(alternative, 0),
                subject=subject,
                note=note,
            )
        )
