"""Search index tables (kept by database triggers); unmanaged."""

from django.db import models


class SearchDocumentField(models.TextField):
    """The indexed document of a search table (migration 0004 creates the tables).

    On PostgreSQL a weighted tsvector; on SQLite the hidden column of an FTS5 table, which
    shares the table's name. Only provisions/search.py queries it, through the `match` lookup.
    """


@SearchDocumentField.register_lookup
class SearchMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = "@@" if connection.vendor == "postgresql" else "MATCH"
        return f"{lhs} {operator} {rhs}", [*lhs_params, *rhs_params]


class VersionSearch(models.Model):
    """The search index row of one article version, kept in step by database triggers."""

    version = models.OneToOneField(
        "provisions.ArticleVersion",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search",
    )
    document = SearchDocumentField(db_column="provisions_version_search")
    # PostgreSQL only: titles and penalty names, to rank very common words cheaply.
    ranking = SearchDocumentField(null=True)

    class Meta:
        managed = False
        db_table = "provisions_version_search"

    def __str__(self):
        return f"search index of version {self.version_id}"


class SourceSearch(models.Model):
    """The search index row of one source's title and archived text."""

    source = models.OneToOneField(
        "provisions.Source",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="search",
    )
    document = SearchDocumentField(db_column="provisions_source_search")

    class Meta:
        managed = False
        db_table = "provisions_source_search"

    def __str__(self):
        return f"search index of source {self.source_id}"
