"""ArticleChange.effect and effect_reasons: empty until the amendment is applied, and no part
of the change's history; Amendment.assessed, derived from them by the database."""

import pytest
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from provisions.models import Amendment, ArticleChange
from provisions.models.amendments import ASSESSED_EFFECTS
from tests.factories import make_amendment, make_article, make_change

pytestmark = pytest.mark.django_db


def new_change():
    return make_change(make_amendment(), make_article())


def test_a_new_change_has_no_effect_yet():
    change = ArticleChange.objects.get(pk=new_change().pk)
    assert (change.effect, change.effect_reasons) == ("", [])


def test_the_effect_is_stored_and_kept_out_of_the_history():
    change = new_change()
    change.effect = "harsher"
    change.effect_reasons = [{"part": "1", "why": "a longer prison term"}]
    change.save()
    stored = ArticleChange.objects.get(pk=change.pk)
    assert stored.effect_reasons == [{"part": "1", "why": "a longer prison term"}]
    history_fields = {f.name for f in ArticleChange.history.model._meta.fields}
    assert not {"effect", "effect_reasons"} & history_fields


def test_editors_never_edit_it():
    for name in ("effect", "effect_reasons"):
        assert not ArticleChange._meta.get_field(name).editable


# --- Amendment.assessed, kept by the database's triggers (provisions migration 0015) ----------


def computed_assessed() -> dict[int, bool]:
    """Each amendment's flag as its rule says: applied, with a change whose stored effect says
    what it did (ASSESSED_EFFECTS)."""
    judged = ArticleChange.objects.filter(amendment=OuterRef("pk"), effect__in=ASSESSED_EFFECTS)
    rule = Q(applied_at__isnull=False) & Exists(judged)
    now = Case(When(rule, then=Value(True)), default=Value(False), output_field=BooleanField())
    return dict(Amendment.objects.annotate(now=now).values_list("pk", "now"))


def stored(amendment) -> bool | None:
    return Amendment.objects.values_list("assessed", flat=True).get(pk=amendment.pk)


def test_the_loaded_corpus_holds_the_flag_its_rule_gives():
    """The curated corpus (loaded before the tests) after the migration's backfill and every
    write since: assessed and not, and never NULL."""
    flags = dict(Amendment.objects.values_list("pk", "assessed"))
    assert flags == computed_assessed()
    assert set(flags.values()) == {True, False}


def test_the_flag_follows_every_write_of_a_change_or_of_applied_at():
    amendment = make_amendment()
    assert stored(amendment) is False  # inserted: set by the trigger, not left NULL
    change = make_change(amendment, make_article(), effect="harsher")
    assert stored(amendment) is False  # not applied
    amendment.applied_at = timezone.now()
    amendment.save()
    assert stored(amendment) is True
    ArticleChange.objects.filter(pk=change.pk).update(effect="unknown")
    assert stored(amendment) is False  # "unknown" is not an assessment
    ArticleChange.objects.filter(pk=change.pk).update(effect="softer")
    assert stored(amendment) is True
    other = make_amendment(applied_at=timezone.now())
    ArticleChange.objects.filter(pk=change.pk).update(amendment=other)  # moved: both refreshed
    assert (stored(amendment), stored(other)) == (False, True)
    ArticleChange.objects.filter(pk=change.pk).delete()
    assert stored(other) is False
    assert dict(Amendment.objects.values_list("pk", "assessed")) == computed_assessed()


def test_a_stale_instance_saved_does_not_write_a_stale_flag():
    """An editor's form saves every field, the flag as the instance last read it: the triggers
    set it again from the changes."""
    amendment = make_amendment(applied_at=timezone.now())
    read_before = Amendment.objects.get(pk=amendment.pk)
    make_change(amendment, make_article(), effect="mixed")
    assert stored(amendment) is True
    read_before.title_en = "Renamed"
    read_before.save()
    assert read_before.assessed is False and stored(amendment) is True


def test_the_flag_is_derived_not_edited_nor_in_the_history():
    assert not Amendment._meta.get_field("assessed").editable
    assert "assessed" not in {f.name for f in Amendment.history.model._meta.fields}
