"""ArticleChange.effect and effect_reasons: empty until the amendment is applied, and no part
of the change's history."""

import pytest

from provisions.models import ArticleChange
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
