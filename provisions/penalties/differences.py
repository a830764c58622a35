"""Where two readings of one wording's penalties differ: the curated record against the
penalties an import read out of the official text (OfficialText.extracted_penalties).

Plain Python over Penalty-like objects or the importer's dicts; no queries.
"""

# What makes two penalties the same: the subject and part, the alternative it is (or is
# attached to), what it is and its bounds, and whether it is optional there.
COMPARED = (
    "subject",
    "part",
    "alternative",
    "role",
    "kind",
    "unit",
    "multiple_of",
    "min",
    "max",
    "optional",
)
# Readings stored before a key existed hold none: they meant this.
DEFAULTS = {"subject": "", "alternative": 0, "multiple_of": "", "optional": False, "unit": ""}


def comparable(penalty) -> tuple:
    """A penalty (a model row or the importer's dict) as a COMPARED tuple."""
    if isinstance(penalty, dict):
        values = (penalty.get(name) for name in COMPARED)
    else:
        values = (getattr(penalty, name, None) for name in COMPARED)
    return tuple(
        DEFAULTS[name] if value is None and name in DEFAULTS else value
        for name, value in zip(COMPARED, values, strict=True)
    )


def describe(values: tuple) -> str:
    """A COMPARED tuple as words: "part 1 alternative 2 optional additional
    deprivation_of_right –3 years"."""
    subject, part, alternative, role, kind, unit, of, low, high, optional = values
    span = f"{low if low is not None else ''}–{high if high is not None else ''} {unit}".strip()
    of = f" of the {of}" if of else ""
    role = f"optional {role}" if optional else role
    who = f" for {subject}" if subject else ""
    return f"part {part} alternative {alternative} {role} {kind} {span}{of}{who}".strip()


def penalty_differences(curated, official) -> list[str]:
    """What the official reading has that the curated one lacks, then the reverse, one line
    each ("official text has …, curated does not"); empty when they agree."""
    ours = {comparable(p) for p in curated}
    theirs = {comparable(p) for p in official}
    lines = [
        f"official text has {describe(t)}, curated does not" for t in sorted(theirs - ours, key=str)
    ]
    lines += [
        f"curated has {describe(t)}, official text does not" for t in sorted(ours - theirs, key=str)
    ]
    return lines


def official_text_differences(text, current) -> list[str] | None:
    """Where the curated version in force (`current`, an ArticleVersion or None) differs
    from the penalties read out of the official text kept beside it (`text`, an
    OfficialText); None when the two are not compared, which is not agreement: nothing was
    read out of the text, no curated version is in force, or that version starts after the
    text's edition (the law that set it explains any difference)."""
    if not text.extracted_penalties or current is None:
        return None
    if text.edition_date and current.valid_from > text.edition_date:
        return None
    return penalty_differences(current.penalties.all(), text.extracted_penalties)
