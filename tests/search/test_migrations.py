"""The search app's migrations undo and redo cleanly: the index tables, their triggers and the
data-generation counter go, and come back with the index filled from the data."""

import pytest
from django.core.management import call_command
from django.db import connection

from search.models import SourceSearch, VersionSearch
from tests.factories import make_source, make_version


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_search_migrates_to_zero_and_back():
    version = make_version(text_en="Numbat poaching.")
    source = make_source(title="Numbat weekly")
    search_tables = {"provisions_version_search", "provisions_source_search"}
    try:
        call_command("migrate", "search", "zero", verbosity=0)
        assert not (search_tables | {"provisions_datageneration"}) & tables()
        make_version(valid_from=version.valid_from)  # no trigger left behind
    finally:
        call_command("migrate", "search", verbosity=0)
    assert search_tables | {"provisions_datageneration"} <= tables()
    assert VersionSearch.objects.filter(version=version).exists()
    assert SourceSearch.objects.filter(source=source).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM provisions_datageneration WHERE id = 1")
        assert cursor.fetchone() == (1,)
