"""Two editors applying the same amendment at the same moment, on two real connections."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from provisions.amendment_apply import amendment_apply
from provisions.models import Amendment, ArticleVersion
from tests.factories import make_amendment, make_article, make_change, make_version

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises"
    ),
]


def test_simultaneous_applies_produce_one_set_of_versions():
    article = make_article(number="9401")
    make_version(article, valid_from=date(2000, 1, 1))
    amendment = make_amendment(signed_on=date(2024, 1, 1), in_force_on=date(2024, 1, 10))
    make_change(amendment, article)
    start = threading.Barrier(2)
    created, errors = [], []

    def editor_applies():
        try:
            start.wait()
            created.append(len(amendment_apply(amendment=Amendment.objects.get(pk=amendment.pk))))
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    editors = [threading.Thread(target=editor_applies) for _ in range(2)]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(created) == [0, 1], "one apply derives the version, the other finds it done"
    versions = ArticleVersion.objects.filter(article=article).order_by("valid_from")
    assert [(v.valid_from, v.valid_to) for v in versions] == [
        (date(2000, 1, 1), date(2024, 1, 9)),
        (date(2024, 1, 10), None),
    ]


def test_two_operators_applying_at_once_are_told_apart():
    """The command that loses the row lock says "already applied", never "0 new versions"."""
    from io import StringIO

    from django.core.management import call_command

    article = make_article(number="9402")
    make_version(article, valid_from=date(2000, 1, 1))
    amendment = make_amendment(signed_on=date(2024, 2, 1), in_force_on=date(2024, 2, 10))
    make_change(amendment, article)
    start = threading.Barrier(2)
    outputs, errors = [], []

    def operator_applies():
        out = StringIO()
        try:
            start.wait()
            call_command("apply_amendment", amendment.slug, stdout=out)
            outputs.append(out.getvalue().strip())
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    operators = [threading.Thread(target=operator_applies) for _ in range(2)]
    for thread in operators:
        thread.start()
    for thread in operators:
        thread.join(timeout=30)

    assert errors == []
    applied = [line for line in outputs if line.startswith("Applied")]
    told = [line for line in outputs if "was already applied on" in line]
    assert len(applied) == len(told) == 1, outputs
    assert applied[0].endswith("1 new version(s).")


def test_an_export_taken_during_edits_sees_one_moment():
    """Rows an editor commits while an export runs are not half in it (REPEATABLE READ)."""
    from opendata.exports.tables import TABLES
    from opendata.exports.writers import snapshot
    from provisions.models import Topic

    topics = next(table for table in TABLES if table.name == "topics")
    Topic.objects.create(slug="test-before-export", name_en="Before")

    def editor_adds_a_topic():
        try:
            Topic.objects.create(slug="test-during-export", name_en="During")
        finally:
            connections.close_all()

    with snapshot():
        first = {row["slug"] for row in topics.rows()}
        editor = threading.Thread(target=editor_adds_a_topic)
        editor.start()
        editor.join(timeout=30)
        second = {row["slug"] for row in topics.rows()}

    assert "test-before-export" in first
    assert first == second, "the export's view does not move while it runs"
    assert Topic.objects.filter(slug="test-during-export").exists(), "the edit did commit"
