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
