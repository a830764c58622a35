"""Loading a JSON export into an empty database (`manage.py import_export`)."""

from collections.abc import Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from pathlib import Path

from django.db import connection, transaction

from opendata.exports.tables import (
    CHUNK,
    LATER_TABLES,
    PENALTY_KEY,
    PENALTY_KEY_DEFAULTS,
    SCHEMA_VERSION,
    TABLES,
    TABLES_BY_NAME,
)
from opendata.exports.writers import (
    ExportError,
    batched,
    iter_json_array,
    read_manifest,
    verify_files,
)
from provisions.changes import store_change_effects
from provisions.in_force import store_in_force
from provisions.models import (
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
    natural_sort_key,
)

# --- importing ----------------------------------------------------------------------------

IMPORT_MODELS = tuple(table.model for table in TABLES)


def corpus_is_empty() -> bool:
    return not any(model.objects.exists() for model in IMPORT_MODELS)


def import_export(directory: Path) -> dict[str, int]:
    """Load a JSON export into an empty database, all or nothing; return records per table.

    The manifest's SHA-256 of every file is checked before anything is written.
    """
    from search.index import rebuild_search_index, search_triggers_suspended

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
    missing = [
        table.filename
        for table in TABLES
        if table.filename not in listed and table.name not in LATER_TABLES
    ]
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
        # Derived, so not exported: each change's effect comes from the versions around it.
        store_change_effects(ArticleChange.objects.all())
        store_in_force()  # and each article's coming into force, from its timeline
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
            if (self.directory / table.filename).exists() or table.name not in LATER_TABLES:
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
        # A column added to the schema later is missing from older files: the model's
        # default stands for it.
        return {
            name: row[name]
            for name in names
            if name in concrete and name not in skip and name in row
        }

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
                source_id=self.ref("sources", row.get("source") or None),
            )

        self.create("versions", rows, build, self.version_key)

    def penalty_key(self, row: dict) -> tuple:
        return (
            *self.version_key(row),
            *(row.get(name, PENALTY_KEY_DEFAULTS.get(name)) for name in PENALTY_KEY),
        )

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

    def load_unparsed_sanctions(self, rows):
        def build(row):
            return UnparsedSanction(
                **self.pick(row, "unparsed_sanctions"),
                version_id=self.ref("versions", self.version_key(row)),
            )

        self.create("unparsed_sanctions", rows, build)

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
