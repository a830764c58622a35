"""The kinds of penalty, their units, roles and subjects, declared once.

Each kind has its English name (the choice label), the words search finds it by, the words an
official Russian sanction names it with, and the bit it sets in a version's stored kinds.
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


class Unit(models.TextChoices):
    YEARS = "years", "years"
    MONTHS = "months", "months"
    HOURS = "hours", "hours"
    RUB = "rub", "RUB"
    NONE = "", "—"


class Role(models.TextChoices):
    MAIN = "main", "Main"
    ADDITIONAL = "additional", "Additional"


class Subject(models.TextChoices):
    ANYONE = "", "Anyone"
    CITIZEN = "citizen", "Citizens"
    OFFICIAL = "official", "Officials"
    LEGAL_ENTITY = "legal_entity", "Legal entities"


@dataclass(frozen=True)
class KindWords:
    """What one kind of penalty is searched by and stored as."""

    bit: int  # in ArticleVersion.penalty_kinds; never renumber, stored rows hold it
    search_en: str  # English words a search finds it by
    search_ru: str  # Russian words, as a dictionary names it
    sanction_ru: str  # as a sanction names it: "наказывается лишением свободы"
    termless: bool = False  # no term or unit: life and death


# A new kind takes the next free bit, and a migration that replaces the kinds triggers (provisions
# migration 0004 spells these bits out as literals); the order is the order of Kind.
KINDS: dict[str, KindWords] = {
    Kind.IMPRISONMENT: KindWords(1, "imprisonment prison", "лишение свободы", "лишением свободы"),
    Kind.LIFE_IMPRISONMENT: KindWords(
        2,
        "life imprisonment",
        "пожизненное лишение свободы",
        "пожизненным лишением свободы",
        termless=True,
    ),
    Kind.DEATH_PENALTY: KindWords(
        4, "death penalty", "смертная казнь", "смертной казнью", termless=True
    ),
    Kind.FINE: KindWords(8, "fine", "штраф", "штрафом"),
    Kind.FORCED_LABOUR: KindWords(
        16, "forced labour", "принудительные работы", "принудительными работами"
    ),
    Kind.RESTRICTION_OF_FREEDOM: KindWords(
        32, "restriction of freedom", "ограничение свободы", "ограничением свободы"
    ),
    Kind.COMPULSORY_WORK: KindWords(
        64, "compulsory work", "обязательные работы", "обязательными работами"
    ),
    Kind.CORRECTIONAL_LABOUR: KindWords(
        128, "correctional labour", "исправительные работы", "исправительными работами"
    ),
    Kind.ARREST: KindWords(256, "arrest", "арест", "арестом"),
    Kind.DEPRIVATION_OF_RIGHT: KindWords(
        512,
        "deprivation of the right to hold posts",
        "лишение права",
        "лишением права занимать определённые должности",
    ),
}

# The same facts keyed by the stored value, for lookups by plain strings and for SQL.
KIND_PHRASES = {kind.value: kind.label.lower() for kind in Kind}
PENALTY_WORDS = {kind.value: (words.search_en, words.search_ru) for kind, words in KINDS.items()}
PENALTY_KIND_BITS = {kind.value: words.bit for kind, words in KINDS.items()}
SANCTION_PHRASES_RU = {kind.value: words.sanction_ru for kind, words in KINDS.items()}
TERMLESS_KINDS = tuple(kind.value for kind, words in KINDS.items() if words.termless)
SUBJECT_PHRASES = {subject.value: subject.label.lower() for subject in Subject if subject.value}
