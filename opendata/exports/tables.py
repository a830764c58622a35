"""Open data: the whole corpus written out as JSON, CSV or Akoma Ntoso, and a JSON export
loaded back into an empty database.

An export is a directory of files plus `manifest.json` (format, schema version, licence, time of
generation, and per file its record count, size and SHA-256). Records refer to each other by
natural references (a law's slug, an article's law slug + number, a version's law + number +
valid_from, …), never by database ids. Conviction statistics and citations have no natural key:
they keep their database id as a stable id, and an import recreates them under the same id.

TABLES below is the one description of what is exported: the writers, the importer, the field
reference on /data/ and the tests all read it.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce

from provisions.models import (
    CITATION_TARGETS,
    DERIVED_ARTICLE_FIELDS,
    DERIVED_VERSION_FIELDS,
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    ChangedPenalty,
    Citation,
    ConvictionStat,
    EditorialNote,
    Law,
    OfficialText,
    Penalty,
    Source,
    Topic,
    UnparsedSanction,
)

SCHEMA_VERSION = 1
# Tables added to schema 1 after its first exports: a manifest without them still loads.
LATER_TABLES = {"unparsed_sanctions"}
FORMATS = ("json", "csv", "akn")
PUBLISHER = "LawBase"
LICENCE = (
    "Data: CC BY 4.0; official texts of laws are not subject to copyright "
    "(Civil Code of the RF art. 1259 part 6)"
)
MANIFEST = "manifest.json"
CHUNK = 2000
# Multi-valued cells in CSV (topic slugs, "law:number" references) are joined with this.
CSV_LIST_SEPARATOR = ";"


def export_root() -> Path:
    """Where dated exports live and /data/ looks for them."""
    return Path(getattr(settings, "DATA_EXPORT_ROOT", settings.BASE_DIR / "exports"))


# --- what is exported ---------------------------------------------------------------------

LAW_REF = "Natural reference: the law's slug (laws.slug)."
ARTICLE_NUMBER_REF = "Natural reference, with law: the article's number (articles.number)."
VERSION_REF = "Natural reference, with law and number: the version's valid_from."
AMENDMENT_REF = "Natural reference: the amendment's slug (amendments.slug)."
SOURCE_REF = "Natural reference: the source's slug (sources.slug)."


@dataclass(frozen=True)
class Column:
    """One exported field. `value` is a values() lookup or expression (default: the name);
    `field` names the model field whose verbose name, help text and choices document it."""

    name: str
    value: str | models.Expression | None = None
    field: str | None = None
    doc: str = ""
    many: bool = False  # a list (a many-to-many relation), filled per chunk by Table.lists

    @property
    def lookup(self):
        return self.value if self.value is not None else self.name


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    order_by: tuple[str, ...]
    description: str
    # Many-to-many columns: name -> function(ids) returning {id: [values]}.
    lists: dict[str, Callable[[list[int]], dict[int, list]]] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.name}.json"

    def queryset(self):
        lookups = {f"c_{column.name}": column.lookup for column in self.columns if not column.many}
        plain = {key: value for key, value in lookups.items() if isinstance(value, str)}
        exprs = {key: value for key, value in lookups.items() if not isinstance(value, str)}
        # Rename plain lookups through F() so names may repeat model fields ("law", "number").
        return self.model.objects.order_by(*self.order_by).values(
            "id", **{key: F(value) for key, value in plain.items()}, **exprs
        )

    def rows(self) -> Iterator[dict]:
        """Every record as a plain dict in column order, streamed in chunks of CHUNK."""
        values = self.queryset().iterator(chunk_size=CHUNK)
        while chunk := list(islice(values, CHUNK)):
            ids = [raw["id"] for raw in chunk]
            lists = {name: fetch(ids) for name, fetch in self.lists.items()}
            for raw in chunk:
                yield {
                    column.name: plain(
                        lists[column.name].get(raw["id"], [])
                        if column.many
                        else raw[f"c_{column.name}"]
                    )
                    for column in self.columns
                }


def plain(value):
    """A value as JSON has it: ISO dates and times, everything else unchanged."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def article_topics(ids: list[int]) -> dict[int, list[str]]:
    through = Article.topics.through.objects.filter(article_id__in=ids)
    pairs = through.order_by("topic__slug").values_list("article_id", "topic__slug")
    return group_pairs(pairs)


def statistic_group_articles(ids: list[int]) -> dict[int, list[str]]:
    through = ConvictionStat.group_articles.through.objects.filter(convictionstat_id__in=ids)
    rows = through.order_by("article__law__slug", "article__sort_key").values_list(
        "convictionstat_id", "article__law__slug", "article__number"
    )
    return group_pairs((stat, f"{law}:{number}") for stat, law, number in rows)


def group_pairs(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for owner, value in pairs:
        grouped.setdefault(owner, []).append(value)
    return grouped


def columns(*names: str) -> tuple[Column, ...]:
    return tuple(Column(name) for name in names)


PENALTY_SHAPE = (
    "part",
    "subject",
    "role",
    "kind",
    "unit",
    "optional",
    "min",
    "max",
    "alternative",
    "multiple_of",
)
# With the version: the natural key. Exports written before "alternative" existed hold
# every penalty in alternative 0 (PENALTY_KEY_DEFAULTS).
PENALTY_KEY = ("part", "subject", "role", "kind", "unit", "alternative")
PENALTY_KEY_DEFAULTS = {"alternative": 0}
# Penalty fields that are not part of its shape: written apart, or derived (NOT_EXPORTED).
PENALTY_APART = ("certainty", "note", "main_prison_months")


def penalty_shape(model: type[models.Model]) -> tuple[str, ...]:
    """The columns describing a penalty of `model` (Penalty, ChangedPenalty): PENALTY_SHAPE in
    its published order, then every other plain field the model has, in model order, so a
    field the penalty vocabulary gains is exported (and loaded back) without a change here."""
    plain = [
        field.name
        for field in model._meta.concrete_fields
        if not field.is_relation and not field.primary_key and not field.generated
    ]
    extra = [name for name in plain if name not in PENALTY_SHAPE and name not in PENALTY_APART]
    return (*PENALTY_SHAPE, *extra)


def citation_target(*paths: str) -> Coalesce | F:
    """The first non-empty of several lookups: one per kind of fact a citation may support."""
    return Coalesce(*paths) if len(paths) > 1 else F(paths[0])


CITATION_COLUMNS = (
    Column("id", doc="Stable id of the citation (kept by imports)."),
    Column("source", "source__slug", doc=SOURCE_REF),
    *columns("quote", "note"),
    Column(
        "target_type",
        Case(
            *[When(**{f"{name}__isnull": False}, then=Value(name)) for name in CITATION_TARGETS],
            output_field=models.CharField(),
        ),
        doc="The kind of fact the quote supports: " + ", ".join(CITATION_TARGETS) + ".",
    ),
    Column(
        "law",
        field="law__slug",
        value=citation_target(
            "law__slug",
            "article__law__slug",
            "version__article__law__slug",
            "penalty__version__article__law__slug",
        ),
        doc="Target's law slug (law, article, version and penalty targets).",
    ),
    Column(
        "number",
        field="article__number",
        value=citation_target(
            "article__number", "version__article__number", "penalty__version__article__number"
        ),
        doc="Target's article number (article, version and penalty targets).",
    ),
    Column(
        "valid_from",
        field="version__valid_from",
        value=citation_target("version__valid_from", "penalty__version__valid_from"),
        doc="Target version's valid_from (version and penalty targets).",
    ),
    *[
        Column(name, f"penalty__{name}", doc=f"Target penalty's {name} (penalty targets).")
        for name in PENALTY_KEY
    ],
    Column("amendment", "amendment__slug", doc="Target amendment's slug (amendment targets)."),
    Column("statistic", "statistic_id", doc="Target statistic's id (statistic targets)."),
)

TABLES: tuple[Table, ...] = (
    Table(
        "topics",
        Topic,
        columns("slug", "name_en", "name_ru", "description"),
        ("slug",),
        "Themes articles are grouped under (treason, foreign agents, …).",
    ),
    Table(
        "laws",
        Law,
        columns(
            "slug",
            "short_name",
            "title_en",
            "title_ru",
            "number",
            "kind",
            "adopted_on",
            "in_force_on",
            "in_force_certainty",
            "official_url",
            "certainty",
            "note",
            "origin",
        ),
        ("slug",),
        "Legal acts: codes and federal laws.",
    ),
    Table(
        "sources",
        Source,
        columns(
            "slug",
            "title",
            "publisher",
            "kind",
            "url",
            "published_on",
            "date_note",
            "current_to",
            "language",
            "archived_text",
            "reliability_note",
        ),
        ("slug",),
        "Documents the facts rely on, with our archived copy of the text where we hold one.",
    ),
    Table(
        "amendments",
        Amendment,
        (
            *columns(
                "slug",
                "number",
                "title_en",
                "title_ru",
                "signed_on",
                "in_force_on",
                "in_force_certainty",
                "certainty",
            ),
            Column("act", "act__slug", doc="Slug of this act's own law record, if any."),
            *columns("summary", "note", "applied_at"),
        ),
        ("slug",),
        "Amending acts; their effect on articles is in article_changes.",
    ),
    Table(
        "articles",
        Article,
        (
            Column("law", "law__slug", doc=LAW_REF),
            Column("number", doc="Article number, e.g. 275.1; unique within its law."),
            *columns("section", "chapter", "title_en", "title_ru"),
            Column("topics", many=True, doc="Slugs of the article's topics (CSV: ;-separated)."),
            *columns("repealed_on", "origin"),
        ),
        ("law__slug", "sort_key"),
        "Articles of the laws; their wording and penalties are in versions and penalties.",
        lists={"topics": article_topics},
    ),
    Table(
        "versions",
        ArticleVersion,
        (
            Column("law", "article__law__slug", doc=LAW_REF),
            Column("number", "article__number", doc=ARTICLE_NUMBER_REF),
            Column(
                "valid_from",
                doc="First day of the version (natural reference, with law and number).",
            ),
            *columns("valid_to", "text_ru", "text_en"),
            Column(
                "introduced_by",
                "introduced_by__slug",
                doc="Slug of the amendment that "
                "introduced this wording; empty for the law's original wording.",
            ),
            *columns("certainty", "note"),
            Column(
                "source",
                "source__slug",
                doc="Slug of the source (official export, consolidated text of an edition, "
                "conversion) this wording is held from; empty for curated versions.",
            ),
        ),
        ("article__law__slug", "article__sort_key", "valid_from"),
        "Editions of each article, each in force from valid_from to valid_to inclusive; an "
        "empty valid_to means no later change is known here (see sources.current_to).",
    ),
    Table(
        "penalties",
        Penalty,
        (
            Column("law", "version__article__law__slug", doc=LAW_REF),
            Column("number", "version__article__number", doc=ARTICLE_NUMBER_REF),
            Column("valid_from", "version__valid_from", doc=VERSION_REF),
            *columns(*penalty_shape(Penalty), "certainty", "note"),
        ),
        (
            "version__article__law__slug",
            "version__article__sort_key",
            "version__valid_from",
            "part",
            "subject",
            "alternative",
            "role",
            "kind",
            "unit",
        ),
        "Penalties of each version, by part. A part's main penalties are its alternatives, "
        "numbered from 0 in the sanction's order (`alternative`); an additional penalty has "
        "the number of the alternative it is attached to, and `optional` holds for that "
        "attachment. A fine in unit `multiple` is a multiple of the sum `multiple_of` names "
        "(min/max are the multiples). A penalty's natural reference is its version's plus "
        "part, subject, role, kind, unit and alternative.",
    ),
    Table(
        "unparsed_sanctions",
        UnparsedSanction,
        (
            Column("law", "version__article__law__slug", doc=LAW_REF),
            Column("number", "version__article__number", doc=ARTICLE_NUMBER_REF),
            Column("valid_from", "version__valid_from", doc=VERSION_REF),
            *columns("part", "text", "reason"),
        ),
        ("version__article__law__slug", "version__article__sort_key", "version__valid_from", "id"),
        "Clauses of a version's sanctions that the reader could not place in the penalty "
        "columns, as worded, with the reason: the penalties of that part are incomplete by "
        "these.",
    ),
    Table(
        "article_changes",
        ArticleChange,
        (
            Column("amendment", "amendment__slug", doc=AMENDMENT_REF),
            Column("law", "article__law__slug", doc=LAW_REF),
            Column("number", "article__number", doc=ARTICLE_NUMBER_REF),
            *columns("action", "parts", "description", "new_text_ru", "new_text_en", "certainty"),
        ),
        ("amendment__slug", "article__law__slug", "article__sort_key"),
        "What each amendment does to each article (one row per amendment and article).",
    ),
    Table(
        "changed_penalties",
        ChangedPenalty,
        (
            Column("amendment", "change__amendment__slug", doc=AMENDMENT_REF),
            Column("law", "change__article__law__slug", doc=LAW_REF),
            Column("number", "change__article__number", doc=ARTICLE_NUMBER_REF),
            *columns(*penalty_shape(ChangedPenalty), "note"),
        ),
        (
            "change__amendment__slug",
            "change__article__law__slug",
            "change__article__sort_key",
            "part",
            "subject",
            "role",
            "kind",
            "unit",
        ),
        "Penalties of a part as they read after an amendment's change (amendment, law and "
        "number name the change).",
    ),
    Table(
        "editorial_notes",
        EditorialNote,
        (
            Column("amendment", "amendment__slug", doc=AMENDMENT_REF),
            Column("law", "article__law__slug", doc=LAW_REF),
            Column("number", "article__number", doc=ARTICLE_NUMBER_REF),
            *columns("kind", "parts", "note"),
        ),
        ("amendment__slug", "article__law__slug", "article__sort_key"),
        "Notes in the official text that an amending law touched an article; they derive no "
        "version.",
    ),
    Table(
        "statistics",
        ConvictionStat,
        (
            Column("id", doc="Stable id of the statistic (kept by imports; citations use it)."),
            Column(
                "law",
                "article__law__slug",
                doc="Law of the counted article; empty for a count over a group of articles.",
            ),
            Column(
                "number",
                "article__number",
                doc="Number of the counted article; empty for a group count.",
            ),
            Column("scope_label"),
            Column(
                "group_articles",
                many=True,
                doc='Members of a group count as "law:number" references (CSV: ;-separated).',
            ),
            *columns(
                "year",
                "period",
                "measure",
                "count",
                "qualifier",
                "counted_by",
                "certainty",
                "note",
            ),
        ),
        ("id",),
        "Conviction counts as each source reports them; disagreeing counts are kept side by side.",
        lists={"group_articles": statistic_group_articles},
    ),
    Table(
        "citations",
        Citation,
        CITATION_COLUMNS,
        ("id",),
        "Quotes from sources, each supporting exactly one fact (its target).",
    ),
    Table(
        "official_texts",
        OfficialText,
        (
            Column("law", "article__law__slug", doc=LAW_REF),
            Column("number", "article__number", doc=ARTICLE_NUMBER_REF),
            Column("source", "source__slug", doc=SOURCE_REF),
            *columns(
                "text_ru",
                "current_to",
                "edition_date",
                "extracted_penalties",
                "differences",
                "imported_at",
            ),
        ),
        ("article__law__slug", "article__sort_key"),
        "The official text of an article as an import read it, kept beside the curated history.",
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}

DERIVED_FIELDS = [
    *(f"Article.{name}" for name in DERIVED_ARTICLE_FIELDS),
    *(f"ArticleVersion.{name}" for name in DERIVED_VERSION_FIELDS),
]

# Model fields deliberately left out, and why (the field reference on /data/ lists them).
NOT_EXPORTED = {
    "id": "Database ids differ between databases; natural references are used instead "
    "(statistics and citations keep theirs as stable ids).",
    "Article.sort_key": "Derived from the number (275 < 275.1 < 276).",
    "Amendment.applied_by": "Editors' accounts are not published.",
    **dict.fromkeys(
        DERIVED_FIELDS,
        "Derived from the versions and penalties (the database keeps it; imports recompute it).",
    ),
    "Penalty.main_prison_months": "Derived from the penalty's role, kind, unit and maximum "
    "(the database computes it).",
    **dict.fromkeys(
        ["ArticleChange.effect", "ArticleChange.effect_reasons"],
        "Derived from the penalties before and after when the amendment is applied.",
    ),
    "Amendment.assessed": "Derived: applied, with a change whose effect is assessed "
    "(the database keeps it).",
}
