"""How long values are stored on PostgreSQL (provisions migration 0005, search 0001)."""

from importlib import import_module

import pytest
from django.db import connection

from provisions.models import ArticleVersion
from tests.factories import make_version

MIGRATION_0018 = import_module("provisions.migrations.0005_lz4_long_values")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's TOAST compression"
)


def lz4_available() -> bool:
    with connection.cursor() as cursor:
        return MIGRATION_0018.lz4_available(cursor)


def stored_compression(table: str, column: str, rowid_column: str, rowid: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_column_compression({column}) FROM {table} WHERE {rowid_column} = %s",
            [rowid],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_long_text_and_its_search_vector_are_stored_with_lz4_and_read_back_intact():
    if not lz4_available():
        pytest.skip("this PostgreSQL was built without LZ4")
    # Over 2 kB, so TOASTed; 600 distinct numbers make the search vector that long too.
    text_ru = " ".join(f"статья {n} предусматривает наказание" for n in range(600))
    text_en = " ".join(f"article {n} provides a penalty" for n in range(600))
    version = make_version(text_ru=text_ru, text_en=text_en)

    stored = ArticleVersion.objects.get(pk=version.pk)
    assert (stored.text_ru, stored.text_en) == (text_ru, text_en)
    table = "provisions_articleversion"
    assert stored_compression(table, "text_ru", "id", version.pk) == "lz4"
    assert stored_compression(table, "text_en", "id", version.pk) == "lz4"
    search = "provisions_version_search"
    assert stored_compression(search, "provisions_version_search", "rowid", version.pk) == "lz4"
