"""Planner settings changed for a block of statements and put back after it (PostgreSQL)."""

import pytest
from django.db import connection, transaction

from search.db_settings import local_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL settings"),
]


def current(*names):
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names)
        return cursor.fetchone()


def test_several_settings_change_inside_the_block_and_come_back_after_it():
    before = current("enable_seqscan", "work_mem")
    with transaction.atomic(), connection.cursor() as cursor:
        with local_settings(cursor, {"enable_seqscan": "off", "work_mem": "7MB"}):
            assert current("enable_seqscan", "work_mem") == ("off", "7MB")
        assert current("enable_seqscan", "work_mem") == before


def test_nested_blocks_put_back_what_the_outer_one_set():
    with transaction.atomic(), connection.cursor() as cursor:
        with local_settings(cursor, {"enable_seqscan": "off"}):
            with local_settings(cursor, {"enable_seqscan": "on", "enable_indexscan": "off"}):
                assert current("enable_seqscan", "enable_indexscan") == ("on", "off")
            assert current("enable_seqscan", "enable_indexscan") == ("off", "on")


@pytest.mark.django_db(transaction=True)  # no test transaction around: the block's is its own
def test_a_block_that_is_its_own_transaction_sets_them_in_one_statement():
    from django.test.utils import CaptureQueriesContext

    before = current("enable_seqscan")
    with CaptureQueriesContext(connection) as context:
        with transaction.atomic(), connection.cursor() as cursor:
            with local_settings(cursor, {"enable_seqscan": "off"}, restore=False):
                assert current("enable_seqscan") == ("off",)
    assert current("enable_seqscan") == before  # ended with the transaction
    assert len([q for q in context.captured_queries if "set_config" in q["sql"]]) == 1
    from search.backends import backend_for

    with backend_for(connection).index_first_plan(bitmap_only=True):
        assert current("enable_seqscan", "enable_indexscan") == ("off", "off")
    assert current("enable_seqscan", "enable_indexscan") == (before[0], "on")


def test_the_search_plan_puts_nothing_back_where_its_block_is_the_transaction():
    from search.backends import backend_for

    backend = backend_for(connection)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = on")
        with backend.index_first_plan(bitmap_only=True):
            assert current("enable_seqscan", "enable_indexscan") == ("off", "off")
        assert current("enable_seqscan", "enable_indexscan") == ("on", "on")
