"""Two editors applying the same amendment at the same moment, on two real connections."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from provisions.amendments import amendment_apply
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
