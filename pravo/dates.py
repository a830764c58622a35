"""The dates an import stores beyond what the text states outright, and how sure each is.

- A code's in-force date: read from its own final provisions (pravo.parsing.in_force), stored
  as extracted with the sentence quoted; where the text gives none, unknown. A curated date
  is never replaced.
- An amending law's in-force date: the editorial notes give only its signing date, so the
  date is estimated by the default rule for federal laws (estimated_in_force below).
"""

import re
from datetime import date, timedelta

from pravo.parsing.in_force import DATE, ENACTING_LAW, PUBLICATION, InForceReading
from provisions.models import Certainty, Citation, Law, Origin, Source

# Federal Law of 14.06.1994 No. 5-FZ, art. 6: federal laws come into force throughout the
# country "по истечении десяти дней после дня их официального опубликования, если самими
# законами … не установлен другой порядок вступления их в силу" (../shared/facts.md §19).
# Ten days run after the day of publication, so the law is in force on the eleventh day.
IN_FORCE_AFTER_SIGNING = timedelta(days=11)
ESTIMATE_NOTE = (
    "In-force date estimated: signing date + 11 days (Federal Law 5-FZ of 14.06.1994, art. 6, "
    "assuming publication on the day of signing); the law may set another date."
)
RULE_SIGNED_ON = date(1994, 6, 14)
UNKNOWN_NOTE = (
    "In-force date unknown: the signing date stands in for it (the estimate by Federal Law 5-FZ "
    "of 14.06.1994, art. 6 is made for federal laws only, and this act is not one)."
)
FEDERAL_LAW_NUMBER_RE = re.compile(r"\d+-FZ")
# Citations that support (or explain the absence of) a law's in-force date start so.
IN_FORCE_NOTE = "in force"


def estimated_in_force(signed_on: date) -> date:
    """The estimated in-force date of a federal law known only by its signing date.

    Rule: Federal Law 5-FZ of 14.06.1994, art. 6 — a federal law comes into force ten days
    after the day of its official publication unless it sets another order. Assuming
    publication on the day of signing, that is the signing date + 11 days. Only an estimate:
    publication may come days later, and many laws set their own date (on publication, or
    months later); the curated 260-FZ, 157-FZ, 58-FZ and 538-FZ fit it.
    """
    return signed_on + IN_FORCE_AFTER_SIGNING


def rule_applies(number_latin: str, signed_on: date) -> bool:
    """Whether the estimate is made for this act: a federal law ("…-FZ"), the kind of act the
    rule as quoted in ../shared/facts.md §19 speaks of, signed no earlier than 5-FZ itself.
    Not for federal constitutional laws and laws on amendments to the Constitution ("…-FKZ")
    or presidential decrees: their date stays unknown."""
    return bool(FEDERAL_LAW_NUMBER_RE.fullmatch(number_latin)) and signed_on >= RULE_SIGNED_ON


def amendment_in_force(number_latin: str, signed_on: date) -> tuple[date, str, str]:
    """(in_force_on, in_force_certainty, note) for an amending act known only by its number
    and signing date. Where the rule does not apply, the date is unknown and the signing date
    stands in for it (the field cannot be empty)."""
    if rule_applies(number_latin, signed_on):
        return estimated_in_force(signed_on), Certainty.ESTIMATED, ESTIMATE_NOTE
    return signed_on, Certainty.UNKNOWN, UNKNOWN_NOTE


def is_signing_stand_in(amendment) -> bool:
    """An amendment an earlier import recorded with its signing date standing in for the
    in-force date (before the estimate): the estimate replaces it. Curated ones never match
    (their certainty is not `extracted`)."""
    return (
        amendment.certainty == Certainty.EXTRACTED
        and amendment.in_force_certainty == Certainty.UNVERIFIED
        and amendment.in_force_on == amendment.signed_on
    )


def citation_note(reading: InForceReading) -> str:
    statement = reading.statement
    if statement.basis == DATE:
        return f"{IN_FORCE_NOTE} date ({statement.where})"
    if statement.basis == PUBLICATION:
        return (
            f"{IN_FORCE_NOTE} on official publication ({statement.where}); "
            "the day of publication is not in the text"
        )
    return f"{IN_FORCE_NOTE} by a separate enacting law ({statement.where}); no date in the text"


def why_no_date(reading: InForceReading) -> str:
    statement = reading.statement
    if statement is None:
        return "not found in the text"
    quoted = f"{statement.where}: «{statement.sentence}»"
    if statement.basis == PUBLICATION:
        return (
            f"not found in the text (on official publication, whose day it does not give; {quoted})"
        )
    if statement.basis == ENACTING_LAW:
        return f"not found in the text (set by a separate enacting law; {quoted})"
    return "not found in the text"


def settle_law_in_force(law: Law, reading: InForceReading, source: Source) -> list[str]:
    """Store what the text says of `law`'s in-force date; the import summary's lines on it.

    A curated date stays as it is. Otherwise the date the final provisions give is stored as
    extracted, with a citation quoting the sentence; with none, the date is left empty and
    marked unknown, and a sentence saying why (on publication, or by an enacting law) is cited.
    """
    lines = [
        f"in-force: not the code's date (limited to some provisions), {s.where}: «{s.sentence}»"
        for s in reading.skipped
    ]
    lines += [f"in-force: could not settle: {problem}" for problem in reading.problems]
    statement = reading.statement
    day = reading.on
    held = (law.in_force_on, law.in_force_certainty)
    if day is not None and law.adopted_on is not None and day < law.adopted_on:
        lines.append(
            f"in-force: {statement.where} gives {day:%d.%m.%Y}, before the signing date "
            f"{law.adopted_on:%d.%m.%Y}; not stored"
        )
        day = None
    curated = law.origin == Origin.CURATED
    if curated and law.in_force_on is not None and law.in_force_certainty != Certainty.EXTRACTED:
        basis = law.citations.filter(note__startswith=IN_FORCE_NOTE).select_related("source")
        cited = next(iter(basis), None)
        lines.insert(
            0,
            f"in-force date: {law.in_force_on:%d.%m.%Y}, {law.in_force_certainty} (curated, kept; "
            + (f"source: {cited.source.title})" if cited else "no source cited)")
            + ("" if day in (None, law.in_force_on) else f"; the text says {day:%d.%m.%Y}"),
        )
        return lines
    if day is not None:
        law.in_force_on, law.in_force_certainty = day, Certainty.EXTRACTED
        lines.insert(
            0,
            f"in-force date: {day:%d.%m.%Y}, extracted from {statement.where}: "
            f"«{statement.sentence}»",
        )
    else:
        lines.insert(0, f"in-force date: {why_no_date(reading)}; unknown")
        if curated:
            return lines  # a curated law's own certainty stays as its editors set it
        law.in_force_on, law.in_force_certainty = None, Certainty.UNKNOWN
    if (law.in_force_on, law.in_force_certainty) != held:  # a re-import writes nothing
        law.save(update_fields=["in_force_on", "in_force_certainty"])
    # The sentence is cited when it gave the stored date or says why there is none.
    cited = statement is not None and (statement.basis != DATE or day is not None)
    cite_in_force(law, reading if cited else None, source)
    return lines


def cite_in_force(law: Law, reading: InForceReading | None, source: Source) -> None:
    """One citation of the text's in-force sentence on the law (none where the text has none);
    re-running keeps it, a changed sentence replaces it."""
    held = list(law.citations.filter(source=source, note__startswith=IN_FORCE_NOTE))
    wanted = None if reading is None else (reading.statement.sentence, citation_note(reading))
    if wanted is not None and [(c.quote, c.note) for c in held] == [wanted]:
        return
    Citation.objects.filter(pk__in=[c.pk for c in held]).delete()
    if wanted is not None:
        Citation.objects.create(law=law, source=source, quote=wanted[0], note=wanted[1])


def version_note(introduced_by, law: Law) -> str:
    """Why the imported version starts when it does, in a sentence."""
    if introduced_by is not None:
        if introduced_by.in_force_certainty == Certainty.ESTIMATED:
            return (
                f"As held in its source text. It starts on the estimated in-force date of "
                f"{introduced_by.number}, the last amending law it names (signed "
                f"{introduced_by.signed_on:%d.%m.%Y}; + 11 days by Federal Law 5-FZ, art. 6); "
                "the actual date may differ."
            )
        if introduced_by.in_force_certainty == Certainty.UNKNOWN:
            return (
                f"As held in its source text. It starts on the signing date of "
                f"{introduced_by.number}, the last amending act it names: the date that act "
                "came into force is unknown."
            )
        return (
            f"As held in its source text. It starts when {introduced_by.number}, the last "
            f"amending law it names, came into force (that date: "
            f"{introduced_by.get_in_force_certainty_display().lower()})."
        )
    if law.in_force_on is not None:
        return "As held in its source text, never amended: it starts when the code came into force."
    return (
        "As held in its source text, never amended: it starts on the code's signing date, "
        "the date it came into force being unknown."
    )
