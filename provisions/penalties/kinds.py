"""The kinds of penalty, their units, roles and subjects, declared once.

Each kind has its English name (the choice label), the words search finds it by, the words an
official Russian sanction names it with, the bit it sets in a version's stored kinds, and its
term rule: the units its term may be counted in, or none.

The Criminal Code's punishments come first (art. 44), then the administrative penalties of the
Code of Administrative Offences (КоАП) that the Criminal Code has no kind for (art. 3.2 part 1:
warning, confiscation of the instrument or object of the offence, deprivation of a special
right, administrative expulsion, disqualification, administrative suspension of activity, the
ban on attending official sports competitions). The administrative fine, arrest and compulsory
work are the kinds `fine` (roubles), `arrest` (in days) and `compulsory_work` (hours).

The military penalties of the Criminal Code (art. 44 "и" and "л": restriction in military
service, art. 51; detention in a disciplinary military unit, art. 55) come last of all, added
after КоАП's. A fine may also be a multiple of an amount the sanction names (art. 46 part 2:
"в размере от десятикратной до пятидесятикратной суммы взятки"): unit `multiple`, with
min/max the multiples and `multiple_of` saying of what (MultipleOf).
"""

from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    IMPRISONMENT = "imprisonment", "Imprisonment"
    LIFE_IMPRISONMENT = "life_imprisonment", "Life imprisonment"
    DEATH_PENALTY = "death_penalty", "Death penalty"
    FINE = "fine", "Fine"
    FORCED_LABOUR = "forced_labour", "Forced labour"
    RESTRICTION_OF_FREEDOM = "restriction_of_freedom", "Restriction of freedom"
    COMPULSORY_WORK = "compulsory_work", "Compulsory work"
    CORRECTIONAL_LABOUR = "correctional_labour", "Correctional labour"
    ARREST = "arrest", "Arrest"
    DEPRIVATION_OF_RIGHT = "deprivation_of_right", "Deprivation of the right to hold posts"
    # Administrative penalties (КоАП art. 3.2 part 1), besides fine, arrest and compulsory work.
    WARNING = "warning", "Warning"
    CONFISCATION = "confiscation", "Confiscation of the instrument or object of the offence"
    DEPRIVATION_OF_SPECIAL_RIGHT = "deprivation_of_special_right", "Deprivation of a special right"
    EXPULSION = "expulsion", "Administrative expulsion from the Russian Federation"
    DISQUALIFICATION = "disqualification", "Disqualification"
    SUSPENSION_OF_ACTIVITY = "suspension_of_activity", "Administrative suspension of activity"
    SPORTS_EVENT_BAN = "sports_event_ban", "Ban on attending official sports competitions"
    # The Criminal Code's military penalties (art. 44), for servicemen only (arts. 51, 55).
    MILITARY_SERVICE_RESTRICTION = (
        "military_service_restriction",
        "Restriction in military service",
    )
    DISCIPLINARY_MILITARY_UNIT = (
        "disciplinary_military_unit",
        "Detention in a disciplinary military unit",
    )


class Unit(models.TextChoices):
    YEARS = "years", "years"
    MONTHS = "months", "months"
    HOURS = "hours", "hours"
    DAYS = "days", "days"  # administrative arrest and suspension ("на срок до … суток")
    RUB = "rub", "RUB"
    # A fine as a multiple of an amount (Criminal Code art. 46 part 2); see MultipleOf.
    MULTIPLE = "multiple", "times"
    NONE = "", "—"


class MultipleOf(models.TextChoices):
    """What a fine in unit `multiple` multiplies, as the sanction names it ("суммы взятки")."""

    NONE = "", "—"
    BRIBE = "bribe", "the bribe"  # "суммы взятки" (arts. 290, 291, 291.1)
    COMMERCIAL_BRIBE = "commercial_bribe", "the commercial bribe"  # "коммерческого подкупа"
    # "суммы подкупа": the sum of the subornation of a sports participant, a procurement
    # employee (arts. 184, 200.5)
    SUBORNATION = "subornation", "the subornation sum"
    # "суммы незаконно перемещенных наличных денежных средств и (или) стоимости незаконно
    # перемещенных денежных инструментов" (art. 200.1)
    SMUGGLED_CASH = (
        "smuggled_cash",
        "the cash and (or) monetary instruments illegally moved across the border",
    )


class Role(models.TextChoices):
    MAIN = "main", "Main"
    ADDITIONAL = "additional", "Additional"


class Subject(models.TextChoices):
    ANYONE = "", "Anyone"
    CITIZEN = "citizen", "Citizens"
    OFFICIAL = "official", "Officials"
    LEGAL_ENTITY = "legal_entity", "Legal entities"
    # "лица, осуществляющие предпринимательскую деятельность без образования юридического лица"
    # (or "индивидуальные предприниматели")
    ENTREPRENEUR = "entrepreneur", "Individual entrepreneurs"


@dataclass(frozen=True)
class KindWords:
    """What one kind of penalty is searched by and stored as."""

    bit: int  # in ArticleVersion.penalty_kinds; never renumber, stored rows hold it
    search_en: str  # English words a search finds it by
    search_ru: str  # Russian words, as a dictionary names it
    sanction_ru: str  # as a sanction names it: "наказывается лишением свободы"
    termless: bool = False  # no term or unit: life and death
    # The term rule: the units its term (or amount) may be counted in; none for a penalty
    # that has no term or amount at all (a warning, a confiscation, an expulsion).
    units: tuple[str, ...] = ("years", "months")


# A new kind takes the next free bit, and a migration that replaces the kinds triggers (provisions
# migrations 0004 and 0008 spell these bits out as literals, and 0008 the search words too, for
# PostgreSQL's index); the order is the order of Kind. A sanction phrase is the Criminal Code's
# instrumental ("наказывается лишением свободы") or КоАП's accusative ("влечет предупреждение").
TERM = ("years", "months")
NO_TERM = ()
KINDS: dict[str, KindWords] = {
    Kind.IMPRISONMENT: KindWords(1, "imprisonment prison", "лишение свободы", "лишением свободы"),
    Kind.LIFE_IMPRISONMENT: KindWords(
        2,
        "life imprisonment",
        "пожизненное лишение свободы",
        "пожизненным лишением свободы",
        termless=True,
        units=NO_TERM,
    ),
    Kind.DEATH_PENALTY: KindWords(
        4, "death penalty", "смертная казнь", "смертной казнью", termless=True, units=NO_TERM
    ),
    # In roubles, the convict's income for a period, or a multiple of a sum (Criminal Code art. 46).
    Kind.FINE: KindWords(8, "fine", "штраф", "штрафом", units=("rub", *TERM, "multiple")),
    Kind.FORCED_LABOUR: KindWords(
        16, "forced labour", "принудительные работы", "принудительными работами"
    ),
    Kind.RESTRICTION_OF_FREEDOM: KindWords(
        32, "restriction of freedom", "ограничение свободы", "ограничением свободы"
    ),
    Kind.COMPULSORY_WORK: KindWords(
        64, "compulsory work", "обязательные работы", "обязательными работами", units=("hours",)
    ),
    Kind.CORRECTIONAL_LABOUR: KindWords(
        128, "correctional labour", "исправительные работы", "исправительными работами"
    ),
    # Months under the Criminal Code (art. 54), days under КоАП (art. 3.9).
    Kind.ARREST: KindWords(256, "arrest", "арест", "арестом", units=("months", "days")),
    Kind.DEPRIVATION_OF_RIGHT: KindWords(
        512,
        "deprivation of the right to hold posts",
        "лишение права",
        "лишением права занимать определённые должности",
    ),
    Kind.WARNING: KindWords(1024, "warning", "предупреждение", "предупреждение", units=NO_TERM),
    Kind.CONFISCATION: KindWords(
        2048,
        "confiscation",
        "конфискация",
        "конфискацию орудия совершения или предмета административного правонарушения",
        units=NO_TERM,
    ),
    Kind.DEPRIVATION_OF_SPECIAL_RIGHT: KindWords(
        4096,
        "deprivation of a special right",
        "лишение специального права",
        "лишение специального права",
    ),
    Kind.EXPULSION: KindWords(
        8192,
        "administrative expulsion",
        "административное выдворение",
        "административное выдворение за пределы Российской Федерации",
        units=NO_TERM,
    ),
    Kind.DISQUALIFICATION: KindWords(
        16384, "disqualification", "дисквалификация", "дисквалификацию"
    ),
    Kind.SUSPENSION_OF_ACTIVITY: KindWords(
        32768,
        "suspension of activity",
        "приостановление деятельности",
        "административное приостановление деятельности",
        units=("days",),
    ),
    Kind.SPORTS_EVENT_BAN: KindWords(
        65536,
        "sports competitions ban",
        "запрет на посещение спортивных соревнований",
        "административный запрет на посещение мест проведения официальных спортивных "
        "соревнований в дни их проведения",
    ),
    # Terms in months or years, as the sanction states them (arts. 51 and 55).
    Kind.MILITARY_SERVICE_RESTRICTION: KindWords(
        131072,
        "restriction in military service",
        "ограничение по военной службе",
        "ограничением по военной службе",
    ),
    Kind.DISCIPLINARY_MILITARY_UNIT: KindWords(
        262144,
        "disciplinary military unit",
        "содержание в дисциплинарной воинской части",
        "содержанием в дисциплинарной воинской части",
    ),
}

# The same facts keyed by the stored value, for lookups by plain strings and for SQL.
# "Administrative expulsion from the Russian Federation" -> "administrative expulsion from the
# Russian Federation": only the first letter is lowered.
KIND_PHRASES = {kind.value: kind.label[0].lower() + kind.label[1:] for kind in Kind}
PENALTY_WORDS = {kind.value: (words.search_en, words.search_ru) for kind, words in KINDS.items()}
PENALTY_KIND_BITS = {kind.value: words.bit for kind, words in KINDS.items()}
# What a penalty is counted in, as bits in ArticleVersion.penalty_units (the list's unit facet
# and filter); never renumber: stored rows hold them, and provisions migration 0010 spells them
# out as literals. A new unit takes the next free bit and a migration replacing that CASE.
PENALTY_UNIT_BITS = {"years": 1, "months": 2, "days": 4, "hours": 8, "rub": 16, "multiple": 32}
SANCTION_PHRASES_RU = {kind.value: words.sanction_ru for kind, words in KINDS.items()}
TERMLESS_KINDS = tuple(kind.value for kind, words in KINDS.items() if words.termless)
# Kinds with no term or amount at all: life and death, and the warning, confiscation and
# expulsion of КоАП. Every other kind has a unit and a bound (penalty_shape_constraints).
NO_TERM_KINDS = tuple(kind.value for kind, words in KINDS.items() if not words.units)
KIND_UNITS = {kind.value: words.units for kind, words in KINDS.items()}
MULTIPLE_OF_PHRASES = {choice.value: choice.label for choice in MultipleOf if choice.value}
SUBJECT_PHRASES = {subject.value: subject.label.lower() for subject in Subject if subject.value}
