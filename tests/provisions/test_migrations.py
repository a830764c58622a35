"""Provisions migration 0008 (the administrative penalties) undoes and redoes cleanly: on
SQLite it rebuilds the penalty tables, and every trigger of the database comes back, the kinds
triggers spelling the vocabulary's bits again. So do 0010 (the stored units) and 0011 (the
topics as bits) and 0015 (the stored `assessed` flag of amendments)."""

import re

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from provisions.models import Amendment, Article, ArticleVersion, Citation, Penalty
from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS
from tests.factories import (
    make_amendment,
    make_article,
    make_change,
    make_penalty,
    make_version,
)
from tests.provisions.test_derived import topic_with_a_bit, trigger_sql

# The triggers of the current text index (search migration 0007, PostgreSQL), which needs 0011
# and goes when it is undone.
CURRENT_INDEX = "provisions_current_search"


def spelled_bits(triggers: dict[str, str]) -> dict[str, int]:
    name = next(n for n in triggers if "penalty_kinds" in n)
    return {kind: int(bit) for kind, bit in re.findall(r"WHEN '(\w+)' THEN (\d+)", triggers[name])}


OLD_KINDS = {
    "imprisonment", "life_imprisonment", "death_penalty", "fine", "forced_labour",
    "restriction_of_freedom", "compulsory_work", "correctional_labour", "arrest",
    "deprivation_of_right",
}  # fmt: skip


def set_aside_what_0007_cannot_hold() -> str:
    """Penalties of the vocabulary 0008 and 0009 added (the curated КоАП records hold some),
    and additional penalties of an alternative after the first, with their citations, as
    serialized JSON; deleted so that 0007's constraints can be restored."""
    new = (
        Penalty.objects.exclude(kind__in=OLD_KINDS)
        | Penalty.objects.filter(unit__in=["days", "multiple"])
        | Penalty.objects.exclude(subject__in=["", "citizen", "official", "legal_entity"])
        # 0009's per-alternative rows: before it, one row per kind and unit of a part.
        | Penalty.objects.exclude(alternative=0)
    )
    citations = Citation.objects.filter(penalty__in=new)
    kept = serializers.serialize("json", [*new, *citations])
    citations.delete()
    new.delete()
    return kept


@pytest.mark.django_db(transaction=True)
def test_0008_undoes_and_redoes_keeping_every_trigger_and_row():
    version = make_version()
    make_penalty(version, kind="fine", min=None, max=5_000, unit="rub")
    kept = set_aside_what_0007_cannot_hold()
    before = trigger_sql()
    try:
        call_command("migrate", "provisions", "0007", verbosity=0)
        undone = trigger_sql()
        # The unparsed-sanctions table (0009) and its triggers (search 0004) are gone too, and
        # the units triggers of 0010 and the topic bits triggers of 0011 (and the current text
        # index of search 0007, which copies the bits).
        assert set(undone) == {
            name
            for name in before
            if "unparsedsanction" not in name
            and "_units_" not in name
            and "_bits" not in name
            and not name.startswith(CURRENT_INDEX)
            and "_assessed" not in name
        }
        assert "warning" not in spelled_bits(undone)
    finally:
        call_command("migrate", verbosity=0)  # with the search migrations that need 0009
        for row in serializers.deserialize("json", kept):
            row.save()
    redone = trigger_sql()
    assert redone == before
    assert spelled_bits(redone) == PENALTY_KIND_BITS
    assert Penalty.objects.filter(version=version).count() == 1
    make_penalty(version, part="2", kind="warning", min=None, max=None, unit="")
    bits = ArticleVersion.objects.get(pk=version.pk).penalty_kinds
    assert bits == PENALTY_KIND_BITS["fine"] | PENALTY_KIND_BITS["warning"]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_penalty(version, part="3", kind="warning", min=None, max=1, unit="days")


@pytest.mark.django_db(transaction=True)
def test_0010_undoes_and_redoes_keeping_every_trigger_and_filling_the_units():
    version = make_version()
    make_penalty(version, kind="fine", min=None, max=5_000, unit="rub")
    before = trigger_sql()
    try:
        call_command("migrate", "provisions", "0009", verbosity=0)
        assert set(trigger_sql()) == {
            name
            for name in before
            if "_units_" not in name
            and "topics_bits" not in name
            and not name.startswith(CURRENT_INDEX)
            and "_assessed" not in name
        }
    finally:
        call_command("migrate", verbosity=0)
    assert trigger_sql() == before
    stored = ArticleVersion.objects.select_related("article").get(pk=version.pk)
    assert stored.penalty_units == stored.article.current_penalty_units == PENALTY_UNIT_BITS["rub"]


@pytest.mark.django_db(transaction=True)
def test_0011_undoes_and_redoes_keeping_every_trigger_and_filling_the_topic_bits():
    topic = topic_with_a_bit("undone")
    article = make_article()
    before = trigger_sql()
    try:
        call_command("migrate", "provisions", "0010", verbosity=0)
        assert set(trigger_sql()) == {
            name
            for name in before
            if "topics_bits" not in name
            and not name.startswith(CURRENT_INDEX)
            and "_assessed" not in name
        }
        article.topics.through.objects.create(article_id=article.pk, topic_id=topic.pk)
    finally:
        call_command("migrate", verbosity=0)
    assert trigger_sql() == before
    assert Article.objects.get(pk=article.pk).topic_bits == topic.bit


@pytest.mark.django_db(transaction=True)
def test_0015_undoes_and_redoes_keeping_every_trigger_and_filling_the_flag():
    """Undone, the flag's triggers go; redone, they come back and the flag is filled from the
    changes written meanwhile (the backfill)."""
    amendment = make_amendment(applied_at=timezone.now())
    before = trigger_sql()
    try:
        call_command("migrate", "provisions", "0014", verbosity=0)
        assert set(trigger_sql()) == {name for name in before if "_assessed" not in name}
        make_change(amendment, make_article(), effect="harsher")
    finally:
        call_command("migrate", verbosity=0)
    assert trigger_sql() == before
    assert Amendment.objects.get(pk=amendment.pk).assessed is True
