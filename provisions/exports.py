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

import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

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
    natural_sort_key,
)

SCHEMA_VERSION = 1
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


PENALTY_SHAPE = ("part", "subject", "role", "kind", "unit", "optional", "min", "max")
PENALTY_KEY = ("part", "subject", "role", "kind", "unit")  # with the version: natural key


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
        for name in ("part", "subject", "role", "kind", "unit")
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
        ),
        ("article__law__slug", "article__sort_key", "valid_from"),
        "Editions of each article, each in force from valid_from to valid_to inclusive.",
    ),
    Table(
        "penalties",
        Penalty,
        (
            Column("law", "version__article__law__slug", doc=LAW_REF),
            Column("number", "version__article__number", doc=ARTICLE_NUMBER_REF),
            Column("valid_from", "version__valid_from", doc=VERSION_REF),
            *columns(*PENALTY_SHAPE, "certainty", "note"),
        ),
        (
            "version__article__law__slug",
            "version__article__sort_key",
            "version__valid_from",
            "part",
            "subject",
            "role",
            "kind",
            "unit",
        ),
        "Penalties of each version, by part. A penalty's natural reference is its version's "
        "plus part, subject, role, kind and unit.",
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
            *columns(*PENALTY_SHAPE, "note"),
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
            *columns("text_ru", "current_to", "extracted_penalties", "differences", "imported_at"),
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
}


def field_reference() -> list[dict]:
    """Every exported table with every column documented, for the /data/ page."""
    return [
        {
            "name": table.name,
            "model": table.model._meta.verbose_name,
            "description": table.description,
            "columns": [column_doc(table.model, column) for column in table.columns],
        }
        for table in TABLES
    ]


# Meanings for fields whose model gives only a bare verbose name; the model's help text is
# used where it has one. Keys: "table.column" for one table, else the column name anywhere.
FIELD_DOCS = {
    "slug": "Stable name used in URLs and as the natural reference.",
    "name_en": "Name in English.",
    "name_ru": "Name in Russian.",
    "description": "What the topic covers.",
    "title_en": "Title in English.",
    "title_ru": "Title in Russian (the official wording).",
    "title": "Title of the document.",
    "publisher": "Who published it.",
    "url": "Where it was published.",
    "published_on": "Date of publication.",
    "reliability_note": "How far the source can be trusted, and why.",
    "summary": "What the act does, in plain words.",
    "signed_on": "Date signed.",
    "in_force_certainty": "How well the date in force is supported.",
    "applied_at": "When the amendment was applied, deriving the new versions; empty if not yet.",
    "laws.kind": "Kind of act.",
    "laws.in_force_on": "Date the law came into force.",
    "laws.official_url": "The official text on pravo.gov.ru.",
    "origin": "Where the record came from: curated by editors, imported from an official "
    "text, or synthetic benchmark data.",
    "certainty": "How well the fact is supported: confirmed by a source, inferred (e.g. a date "
    "by the 10-day rule), unverified, or extracted from the official text.",
    "note": "Caveats and conflicts between sources.",
    "text_ru": "The text in Russian; empty where not recorded.",
    "text_en": "English translation; empty where not recorded.",
    "new_text_en": "English translation of the new wording; empty keeps the previous one.",
    "sources.kind": "Kind of document.",
    "part": 'Part of the article: "1", "2", "3.1".',
    "subject": "Who the penalty applies to; empty for anyone (administrative fines differ for "
    "citizens, officials and legal entities).",
    "role": "A main penalty, or one additional to a main penalty.",
    "kind": "Kind of penalty.",
    "unit": "Unit of min and max; for a fine in years or months, the convict's income for "
    "that period; empty for life imprisonment and death.",
    "optional": 'An additional penalty the court may add ("or without").',
    "min": "Lowest term or amount, in unit; empty where the law states only a maximum.",
    "max": "Highest term or amount, in unit.",
    "action": "What the amendment does to the article.",
    "editorial_notes.kind": "What the note says the amending law did.",
    "year": "Year counted.",
    "period": "Part of the year counted.",
    "measure": "What was counted.",
    "count": "The number reported.",
    "qualifier": "Whether the source gives an exact number or a lower bound.",
    "citations.note": "What the quote supports, where not obvious.",
    "imported_at": "When the official text was last imported.",
}


def column_doc(model, column: Column) -> dict:
    model_field, nullable = resolve_field(model, column)
    doc = column.doc or FIELD_DOCS.get(f"{table_name(model)}.{column.name}", "")
    if not doc and model_field is not None and model_field.help_text:
        doc = str(model_field.help_text)
    doc = doc or FIELD_DOCS.get(column.name, "")
    choices = ""
    if model_field is not None and model_field.choices and not column.many:
        choices = ", ".join(repr(value) for value, _ in model_field.choices)
    kind = "list of text" if column.many else describe_type(model_field, nullable)
    return {"name": column.name, "type": kind, "doc": doc, "choices": choices}


def table_name(model) -> str:
    return next(table.name for table in TABLES if table.model is model)


def resolve_field(model, column: Column):
    """The model field a column's lookup ends at, and whether any step of it may be empty."""
    if column.field is None and not isinstance(column.lookup, str):
        return None, True  # an expression documented by hand
    path = (column.field or column.lookup).split("__")
    nullable = False
    for step in path[:-1]:
        relation = model._meta.get_field(step)
        nullable = nullable or relation.null
        model = relation.related_model
    try:
        found = model._meta.get_field(path[-1])
    except FieldDoesNotExist:
        return None, True
    return found, nullable or found.null


def describe_type(model_field, nullable: bool) -> str:
    if model_field is None:
        return "text or empty"
    nullable = " or empty" if nullable else ""
    if isinstance(model_field, models.DateTimeField):
        return "date and time (ISO 8601, UTC)" + nullable
    if isinstance(model_field, models.DateField):
        return "date (YYYY-MM-DD)" + nullable
    if isinstance(model_field, models.BooleanField):
        return "true / false"
    if isinstance(model_field, models.JSONField):
        return "JSON (CSV: as JSON text)"
    if isinstance(model_field, models.IntegerField | models.AutoField | models.ForeignKey):
        return "integer" + nullable
    return "text" + nullable


# --- writing ------------------------------------------------------------------------------


class ExportError(Exception):
    """The export could not be written or read; the message says why."""


@dataclass(slots=True)
class Written:
    """One file of an export, as its manifest lists it (slots: an AKN export has 300,000)."""

    path: str  # relative to the export directory, with forward slashes
    table: str
    records: int
    bytes: int | None = None  # measured after writing unless the writer knows it
    sha256: str | None = None

    def entry(self) -> dict:
        return {
            "path": self.path,
            "table": self.table,
            "records": self.records,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


@contextmanager
def snapshot():
    """One consistent, read-only view of the corpus while editors keep writing.

    PostgreSQL: REPEATABLE READ, set as the transaction's first statement. SQLite: one read
    transaction already sees a single snapshot. Inside an enclosing transaction (tests), that
    transaction's view is used as it is.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def write_json(out: Path) -> list[Written]:
    return [write_json_table(out, table) for table in TABLES]


def write_json_table(out: Path, table: Table) -> Written:
    # One record per line: readable, diffable, and loadable item by item.
    count = 0
    with open(out / table.filename, "w", encoding="utf-8", newline="\n") as stream:
        stream.write("[")
        for row in table.rows():
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps(row, ensure_ascii=False))
            count += 1
        stream.write("\n]\n")
    return Written(table.filename, table.name, count)


def write_csv(out: Path) -> list[Written]:
    return [write_csv_table(out, table) for table in TABLES]


def write_csv_table(out: Path, table: Table) -> Written:
    # utf-8-sig writes a BOM, so spreadsheets read the Cyrillic correctly.
    name = f"{table.name}.csv"
    count = 0
    with open(out / name, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column.name for column in table.columns])
        for row in table.rows():
            writer.writerow([csv_cell(row[column.name], column) for column in table.columns])
            count += 1
    return Written(name, table.name, count)


def csv_cell(value, column: Column):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.many:
        return CSV_LIST_SEPARATOR.join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_akn(out: Path) -> list[Written]:
    from provisions.akn import write_akn_documents  # lxml and cobalt only when asked for

    return write_akn_documents(out)


WRITERS = {"json": write_json, "csv": write_csv, "akn": write_akn}


def write_export(directory: Path, fmt: str, *, force: bool = False) -> dict:
    """Write the whole corpus in `fmt` into `directory` with its manifest; return the manifest
    (without its file list).

    Files are written into a hidden sibling directory and moved into place at the end, so
    /data/ never lists a half-written export.
    """
    if fmt not in WRITERS:
        raise ExportError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    directory = Path(directory).resolve()
    check_target(directory, force=force)
    workdir, in_place = make_workdir(directory)
    try:
        generated_at = timezone.now().replace(microsecond=0)
        with snapshot():
            written = WRITERS[fmt](workdir)
        manifest = build_manifest(workdir, fmt, written, generated_at)
        write_manifest(workdir / MANIFEST, manifest, written)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=not in_place)
        raise
    if not in_place:
        move_into_place(workdir, directory)
    return manifest


def check_target(directory: Path, *, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} exists and is not a directory.")
    if directory.is_dir() and any(directory.iterdir()):
        if not force:
            raise ExportError(f"{directory} is not empty; use --force to replace an export.")
        if not (directory / MANIFEST).is_file():
            # --force replaces earlier exports only, never an arbitrary directory.
            raise ExportError(
                f"{directory} is not empty and holds no {MANIFEST}; not replacing it."
            )


def make_workdir(directory: Path) -> tuple[Path, bool]:
    """A fresh hidden directory beside the target; or the (empty) target itself when only it is
    writable, e.g. a mounted volume."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        return Path(
            tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent)
        ), False
    except OSError as error:
        empty = directory.is_dir() and not any(directory.iterdir())
        if empty and os.access(directory, os.W_OK):
            return directory, True
        raise ExportError(f"Cannot write to {directory}: {error.strerror or error}.") from error


def move_into_place(workdir: Path, directory: Path) -> None:
    old = None
    if directory.exists():
        old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
        directory.rename(old)
    workdir.rename(directory)
    if old is not None:
        shutil.rmtree(old)


def build_manifest(out: Path, fmt: str, written: list[Written], generated_at) -> dict:
    """The manifest without its file list; write_manifest adds that, streamed."""
    counts: dict[str, int] = {}
    for item in written:
        counts[item.table] = counts.get(item.table, 0) + item.records
        if item.sha256 is None:
            item.bytes = (out / item.path).stat().st_size
            item.sha256 = file_sha256(out / item.path)
    manifest = {
        "name": f"{PUBLISHER} open data",
        "publisher": PUBLISHER,
        "format": fmt,
        "schema_version": SCHEMA_VERSION,
        "generated_at": plain(generated_at),
        "licence": LICENCE,
        "counts": counts,
        "file_count": len(written),
        "total_bytes": sum(item.bytes for item in written),
    }
    if fmt in ("json", "csv"):
        manifest["columns"] = {t.name: [c.name for c in t.columns] for t in TABLES}
    return manifest


def write_manifest(path: Path, manifest: dict, written: list[Written]) -> None:
    """manifest.json with "files" last, one file per line, written entry by entry."""
    head = json.dumps(manifest, ensure_ascii=False, indent=1)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(head[: -len("\n}")] + ',\n "files": [')
        for index, item in enumerate(written):
            stream.write(",\n  " if index else "\n  ")
            stream.write(json.dumps(item.entry(), ensure_ascii=False))
        stream.write("\n ]\n}\n")


def file_sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


# --- reading ------------------------------------------------------------------------------

SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def safe_relative_path(path: str) -> bool:
    """A manifest path names a file inside the export: plain names, no "..", no absolute paths."""
    parts = path.split("/")
    return bool(path) and all(SAFE_PART.match(part) and ".." not in part for part in parts)


def read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ExportError(f"No {MANIFEST} in {directory}.") from error
    except (ValueError, OSError) as error:
        raise ExportError(f"Cannot read {MANIFEST}: {error}.") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise ExportError(f"{MANIFEST} does not describe an export.")
    return manifest


def verify_files(directory: Path, manifest: dict) -> None:
    """Every file the manifest lists exists and has the listed SHA-256."""
    problems = []
    for entry in manifest["files"]:
        path = str(entry.get("path", ""))
        if not safe_relative_path(path):
            problems.append(f"{path!r}: not a plain file name")
        elif not (Path(directory) / path).is_file():
            problems.append(f"{path}: missing")
        elif file_sha256(Path(directory) / path) != entry.get("sha256"):
            problems.append(f"{path}: SHA-256 differs from the manifest")
    if problems:
        raise ExportError(
            "The export is damaged; nothing was imported:\n- " + "\n- ".join(problems)
        )


def iter_json_array(path: Path, read_size: int = 1 << 20) -> Iterator[dict]:
    """The items of a top-level JSON array, decoded one at a time so memory stays flat."""
    decoder = json.JSONDecoder()
    blank = re.compile(r"[\s,]*")
    with open(path, encoding="utf-8") as stream:
        buffer = stream.read(read_size).lstrip()
        if not buffer.startswith("["):
            raise ExportError(f"{path.name}: not a JSON array.")
        position = 1
        while True:
            position = blank.match(buffer, position).end()
            if buffer.startswith("]", position):
                return
            try:
                item, position = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                more = stream.read(read_size)
                if not more:
                    raise ExportError(f"{path.name}: invalid JSON ({error}).") from error
                buffer, position = buffer[position:] + more, 0
                continue
            yield item


def batched(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- importing ----------------------------------------------------------------------------

IMPORT_MODELS = tuple(table.model for table in TABLES)


def corpus_is_empty() -> bool:
    return not any(model.objects.exists() for model in IMPORT_MODELS)


def import_export(directory: Path) -> dict[str, int]:
    """Load a JSON export into an empty database, all or nothing; return records per table.

    The manifest's SHA-256 of every file is checked before anything is written.
    """
    from provisions.search_schema import rebuild_search_index, search_triggers_suspended

    directory = Path(directory)
    manifest = read_manifest(directory)
    if manifest.get("format") != "json":
        raise ExportError(f"Only JSON exports can be imported, not {manifest.get('format')!r}.")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise ExportError(
            f"Schema version {manifest.get('schema_version')!r} is not "
            f"{SCHEMA_VERSION}, the one this LawBase reads."
        )
    listed = {entry.get("path") for entry in manifest["files"]}
    missing = [table.filename for table in TABLES if table.filename not in listed]
    if missing:
        raise ExportError(f"The manifest lists no {', '.join(missing)}.")
    verify_files(directory, manifest)
    with transaction.atomic():
        if not corpus_is_empty():
            raise ExportError(
                "The database already holds provisions data; import needs an empty database."
            )
        with search_triggers_suspended():
            counts = Loader(directory).load()
        reset_id_sequences([ConvictionStat, Citation])
        rebuild_search_index()
    return counts


def reset_id_sequences(models_with_kept_ids) -> None:
    # Statistics and citations were inserted with their exported ids; new rows follow them.
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models_with_kept_ids):
            cursor.execute(statement)


def parse_datetime_value(value):
    return datetime.fromisoformat(value) if value else None


class Loader:
    """Recreates each table in dependency order, resolving natural references to new ids."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.ids: dict[str, dict] = {}
        self.counts: dict[str, int] = {}

    def load(self) -> dict[str, int]:
        for table in TABLES:
            getattr(self, f"load_{table.name}")(self.rows(table.name))
        return self.counts

    def rows(self, name: str) -> Iterator[dict]:
        return iter_json_array(self.directory / TABLES_BY_NAME[name].filename)

    def ref(self, kind: str, key):
        """The new id of a record named by its natural reference; None for an empty one."""
        if key is None:
            return None
        try:
            return self.ids[kind][key]
        except KeyError:
            raise ExportError(f"Unknown {kind} {key!r}.") from None

    def create(self, table: str, rows: Iterable[dict], build, key=None) -> None:
        """bulk_create rows in chunks; remember each record's id under key(row), unless None."""
        model = TABLES_BY_NAME[table].model
        known = self.ids.setdefault(table, {})
        self.counts[table] = 0
        for batch in batched(rows):
            objects = model.objects.bulk_create([build(row) for row in batch], batch_size=CHUNK)
            self.counts[table] += len(objects)
            if key is not None:
                for row, instance in zip(batch, objects, strict=True):
                    if (name := key(row)) is not None:
                        known[name] = instance.pk

    def pick(self, row: dict, table: str, skip: tuple = ()) -> dict:
        """The row's plain columns (those that are model fields of the same name)."""
        names = [c.name for c in TABLES_BY_NAME[table].columns]
        model = TABLES_BY_NAME[table].model
        concrete = {f.name for f in model._meta.concrete_fields if not f.is_relation}
        return {name: row[name] for name in names if name in concrete and name not in skip}

    def article_key(self, row: dict) -> tuple:
        return (row["law"], row["number"])

    def load_topics(self, rows):
        self.create("topics", rows, lambda r: Topic(**self.pick(r, "topics")), itemgetter("slug"))

    def load_laws(self, rows):
        self.create("laws", rows, lambda r: Law(**self.pick(r, "laws")), itemgetter("slug"))

    def load_sources(self, rows):
        self.create(
            "sources", rows, lambda r: Source(**self.pick(r, "sources")), itemgetter("slug")
        )

    def load_amendments(self, rows):
        def build(row):
            fields = self.pick(row, "amendments", skip=("applied_at",))
            applied_at = parse_datetime_value(row["applied_at"])
            return Amendment(**fields, applied_at=applied_at, act_id=self.ref("laws", row["act"]))

        self.create("amendments", rows, build, itemgetter("slug"))

    def load_articles(self, rows):
        topics = []

        def build(row):
            topics.append((self.article_key(row), row["topics"]))
            return Article(
                **self.pick(row, "articles"),
                law_id=self.ref("laws", row["law"]),
                sort_key=natural_sort_key(row["number"]),
            )

        self.create("articles", rows, build, self.article_key)
        Through = Article.topics.through
        links = (
            Through(article_id=self.ids["articles"][article], topic_id=self.ref("topics", slug))
            for article, slugs in topics
            for slug in slugs
        )
        for batch in batched(links):
            Through.objects.bulk_create(batch)

    def version_key(self, row: dict) -> tuple:
        return (row["law"], row["number"], row["valid_from"])

    def load_versions(self, rows):
        # Rows come sorted by article and valid_from, the order the overlap rule expects.
        def build(row):
            return ArticleVersion(
                **self.pick(row, "versions"),
                article_id=self.ref("articles", self.article_key(row)),
                introduced_by_id=self.ref("amendments", row["introduced_by"]),
            )

        self.create("versions", rows, build, self.version_key)

    def penalty_key(self, row: dict) -> tuple:
        return (*self.version_key(row), *(row[name] for name in PENALTY_KEY))

    def load_penalties(self, rows):
        # Only cited penalties need their new id remembered: the map stays small.
        cited = {
            self.penalty_key(row)
            for row in self.rows("citations")
            if row["target_type"] == "penalty"
        }

        def build(row):
            return Penalty(
                **self.pick(row, "penalties"),
                version_id=self.ref("versions", self.version_key(row)),
            )

        def key_if_cited(row):
            key = self.penalty_key(row)
            return key if key in cited else None

        self.create("penalties", rows, build, key=key_if_cited)

    def change_key(self, row: dict) -> tuple:
        return (row["amendment"], row["law"], row["number"])

    def load_article_changes(self, rows):
        def build(row):
            return ArticleChange(
                **self.pick(row, "article_changes"),
                amendment_id=self.ref("amendments", row["amendment"]),
                article_id=self.ref("articles", self.article_key(row)),
            )

        self.create("article_changes", rows, build, self.change_key)

    def load_changed_penalties(self, rows):
        def build(row):
            return ChangedPenalty(
                **self.pick(row, "changed_penalties"),
                change_id=self.ref("article_changes", self.change_key(row)),
            )

        self.create("changed_penalties", rows, build)

    def load_editorial_notes(self, rows):
        def build(row):
            return EditorialNote(
                **self.pick(row, "editorial_notes"),
                amendment_id=self.ref("amendments", row["amendment"]),
                article_id=self.ref("articles", self.article_key(row)),
            )

        self.create("editorial_notes", rows, build)

    def load_statistics(self, rows):
        members = []

        def build(row):
            members.append((row["id"], row["group_articles"]))
            article = self.article_key(row) if row["law"] is not None else None
            return ConvictionStat(
                **self.pick(row, "statistics"), article_id=self.ref("articles", article)
            )

        self.create("statistics", rows, build, itemgetter("id"))
        Through = ConvictionStat.group_articles.through
        links = (
            Through(
                convictionstat_id=stat,
                article_id=self.ref("articles", tuple(reference.split(":", 1))),
            )
            for stat, references in members
            for reference in references
        )
        for batch in batched(links):
            Through.objects.bulk_create(batch)

    def load_citations(self, rows):
        self.create("citations", rows, self.build_citation)

    def build_citation(self, row: dict) -> Citation:
        target = row["target_type"]
        keys = {
            "law": lambda: ("laws", row["law"]),
            "article": lambda: ("articles", self.article_key(row)),
            "version": lambda: ("versions", self.version_key(row)),
            "penalty": lambda: ("penalties", self.penalty_key(row)),
            "amendment": lambda: ("amendments", row["amendment"]),
            "statistic": lambda: ("statistics", row["statistic"]),
        }
        if target not in keys:
            raise ExportError(f"Citation {row['id']}: unknown target type {target!r}.")
        return Citation(
            id=row["id"],
            source_id=self.ref("sources", row["source"]),
            quote=row["quote"],
            note=row["note"],
            **{f"{target}_id": self.ref(*keys[target]())},
        )

    def load_official_texts(self, rows):
        # imported_at is auto_now: bulk_create stamps "now", so the exported time is put back.
        created = []

        def build(row):
            text = OfficialText(
                **self.pick(row, "official_texts", skip=("imported_at",)),
                article_id=self.ref("articles", self.article_key(row)),
                source_id=self.ref("sources", row["source"]),
            )
            created.append((text, parse_datetime_value(row["imported_at"])))
            return text

        self.create("official_texts", rows, build)
        for text, imported_at in created:
            text.imported_at = imported_at
        OfficialText.objects.bulk_update([text for text, _ in created], ["imported_at"])
