"""The search index tables, kept in step with the data by database triggers; unmanaged (the
SQL of search migration 0001 creates them and their triggers)."""

from django.db import models


class SearchDocumentField(models.TextField):
    """The indexed document of a search table.

    On PostgreSQL a weighted tsvector; on SQLite the hidden column of an FTS5 table, which
    shares the table's name. Only search/engine.py queries it, through the `match` lookup.
    """

    def deconstruct(self):
        # Migrations see a plain TextField: the tables are unmanaged, and the lookup matters
        # only to queries, so no migration needs to import this module.
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


@SearchDocumentField.register_lookup
class SearchMatch(models.Lookup):
    """`document__match=query`: `@@` a tsquery on PostgreSQL, `MATCH` an FTS5 query on SQLite."""

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
    # No column: the article whose current version this is (article.current_version_id =
    # rowid), so a search of today's text, Article.objects.filter(current_search__…), never
    # reads the (large) versions table.
    current_article = models.ForeignObject(
        "provisions.Article",
        from_fields=["version"],
        to_fields=["current_version"],
        on_delete=models.DO_NOTHING,
        related_name="current_search",
        related_query_name="current_search",
    )

    class Meta:
        managed = False
        db_table = "provisions_version_search"

    def __str__(self):
        return f"search index of version {self.version_id}"


class CurrentSearch(models.Model):
    """PostgreSQL only (search migration 0007): the index row of each article's current
    version, with the article's columns the list's facets and number order read, so that a
    search of today's text narrowed by nothing else is counted and ranked from this table
    alone (search.current_index). Kept in step by database triggers."""

    article = models.OneToOneField(
        "provisions.Article",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        related_name="current_text",
    )
    document = SearchDocumentField()
    ranking = SearchDocumentField(null=True)
    law = models.ForeignKey("provisions.Law", on_delete=models.DO_NOTHING, related_name="+")
    current_penalty_kinds = models.IntegerField(null=True)
    current_penalty_units = models.IntegerField(null=True)
    topic_bits = models.BigIntegerField(null=True)
    sort_key = models.CharField(max_length=60)

    class Meta:
        managed = False
        db_table = "provisions_current_search"

    def __str__(self):
        return f"current text index of article {self.article_id}"


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
