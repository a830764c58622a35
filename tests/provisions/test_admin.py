"""The editors' workflow through real HTTP: record an amendment, apply it, read its history."""

from datetime import date, timedelta

import pytest

from provisions.models import Amendment, Article, ArticleVersion, Penalty
from tests.factories import make_article, make_penalty, make_version

pytestmark = pytest.mark.django_db


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_anonymous_users_are_redirected_to_login(client):
    for url in ["/admin/", "/admin/provisions/amendment/", "/admin/provisions/amendment/add/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_non_staff_users_get_nothing_from_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 20))
    assert client.get("/admin/provisions/article/").status_code == 302


def test_editor_records_applies_and_sees_history_of_an_amendment(editor_client, editor):
    article = make_article(number="9276")
    old = make_version(article, valid_from=date(2012, 11, 14))
    make_penalty(old, min=10, max=20)

    form = {
        "slug": "test-999-fz-2024",
        "number": "999-FZ",
        "title_en": "A test amending law",
        "title_ru": "",
        "signed_on": "2024-03-01",
        "in_force_on": "2024-03-12",
        "in_force_certainty": "confirmed",
        "certainty": "confirmed",
        "act": "",
        "summary": "Rewrites the disposition.",
        "note": "",
        **inline_management("changes", total=1),
        "changes-0-article": str(article.pk),
        "changes-0-action": "amended",
        "changes-0-parts": "1",
        "changes-0-description": "New wording of part 1.",
        "changes-0-certainty": "confirmed",
        **inline_management("citations"),
        "_save": "Save",
    }
    response = editor_client.post("/admin/provisions/amendment/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    amendment = Amendment.objects.get(slug="test-999-fz-2024")
    assert amendment.changes.get().article == article

    response = editor_client.post(
        "/admin/provisions/amendment/",
        {"action": "apply_selected", "_selected_action": [amendment.pk]},
        follow=True,
    )
    assert "Applied 999-FZ" in response.content.decode()
    new = article.versions.get(valid_to__isnull=True)
    assert new.valid_from == date(2024, 3, 12) and new.introduced_by == amendment
    assert article.versions.get(pk=old.pk).valid_to == date(2024, 3, 11)

    history = editor_client.get(f"/admin/provisions/amendment/{amendment.pk}/history/")
    assert history.status_code == 200
    assert "editor" in history.content.decode()
    version_history = editor_client.get(f"/admin/provisions/articleversion/{old.pk}/history/")
    assert "editor" in version_history.content.decode()


def test_applying_an_invalid_amendment_shows_the_reason_and_changes_nothing(editor_client):
    article = make_article(number="9277")  # no version in force
    amendment = Amendment.objects.create(
        slug="test-bad",
        number="1-FZ",
        title_en="x",
        signed_on="2024-01-01",
        in_force_on="2024-01-10",
    )
    amendment.changes.create(article=article, action="amended")

    response = editor_client.post(
        "/admin/provisions/amendment/",
        {"action": "apply_selected", "_selected_action": [amendment.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "was not applied" in response.content.decode()
    amendment.refresh_from_db()
    assert amendment.applied_at is None


def test_editors_may_not_delete(editor_client):
    version = make_version()
    response = editor_client.get(f"/admin/provisions/articleversion/{version.pk}/delete/")
    assert response.status_code == 403
    assert ArticleVersion.objects.filter(pk=version.pk).exists()


def test_editors_see_form_errors_not_500s(editor_client):
    version = make_version()
    form = {
        "version": str(version.pk),
        "part": "1",
        "subject": "",
        "kind": "imprisonment",
        "role": "main",
        "min": "9",
        "max": "3",
        "unit": "years",
        "certainty": "confirmed",
        "note": "",
        **inline_management("citations"),
        "_save": "Save",
    }
    response = editor_client.post("/admin/provisions/penalty/add/", form)
    assert response.status_code == 200
    assert "minimum cannot exceed the maximum" in response.content.decode()
    assert not Penalty.objects.filter(version=version).exists()


def test_overlapping_versions_in_one_submission_are_a_form_error(editor_client):
    article = make_article()
    form = {
        "law": str(article.law.pk),
        "number": article.number,
        "chapter": "",
        "title_en": article.title_en,
        "title_ru": "",
        "repealed_on": "",
        **inline_management("versions", total=2),
        "versions-0-valid_from": "2000-01-01",
        "versions-0-valid_to": "",
        "versions-0-certainty": "confirmed",
        "versions-1-valid_from": "2010-01-01",
        "versions-1-valid_to": "",
        "versions-1-certainty": "confirmed",
        **inline_management("citations"),
        "_save": "Save",
    }
    response = editor_client.post(f"/admin/provisions/article/{article.pk}/change/", form)
    assert response.status_code == 200
    assert "overlaps" in response.content.decode()
    assert not article.versions.exists()


def penalty_form(penalty, **changed) -> dict:
    """The penalty's change form as the admin posts it (no citations inline rows)."""
    fields = [
        "part",
        "subject",
        "alternative",
        "kind",
        "role",
        "min",
        "max",
        "unit",
        "multiple_of",
        "certainty",
        "note",
    ]
    form = {
        name: "" if getattr(penalty, name) is None else getattr(penalty, name) for name in fields
    }
    form.update(version=penalty.version_id, **inline_management("citations"), _save="Save")
    if penalty.optional:
        form["optional"] = "on"
    return {**form, **changed}


def test_a_revert_from_history_recomputes_the_changes_effect(editor_client):
    """django-simple-history's revert view saves through save_model alone (never
    save_related): the stored harsher/softer label of the change must follow it too."""
    from provisions.amendment_apply import amendment_apply
    from tests.factories import make_amendment, make_change

    article = make_article(number="9277")
    make_penalty(make_version(article, valid_from=date(2012, 11, 14)), min=12, max=20)
    amendment = make_amendment(in_force_on=date(2022, 7, 25), signed_on=date(2022, 7, 14))
    term = {"part": "1", "kind": "imprisonment", "min": 12, "max": 25, "unit": "years"}
    change = make_change(amendment, article, penalties=[term])
    amendment_apply(amendment=amendment)
    penalty = Penalty.objects.get(version__article=article, version__introduced_by=amendment)
    url = f"/admin/provisions/penalty/{penalty.pk}/change/"

    assert editor_client.post(url, penalty_form(penalty, max=15)).status_code == 302
    change.refresh_from_db()
    assert change.effect == "softer"
    softer = penalty.history.order_by("-history_id").first()
    assert editor_client.post(url, penalty_form(penalty, max=25)).status_code == 302
    change.refresh_from_db()
    assert change.effect == "harsher"

    revert = f"/admin/provisions/penalty/{penalty.pk}/history/{softer.history_id}/"
    assert editor_client.post(revert, penalty_form(penalty, max=15)).status_code == 302

    penalty.refresh_from_db()
    change.refresh_from_db()
    assert penalty.max == 15
    assert (change.effect, change.effect_reasons) == ("softer", ["part 1: max 20 years → 15 years"])


def test_the_history_page_has_no_inline_style(editor_client):
    """The Content-Security-Policy allows no inline style (style-src 'self')."""
    article = Article.objects.get(law__slug="criminal-code", number="275")
    page = editor_client.get(f"/admin/provisions/article/{article.pk}/history/")
    assert page.status_code == 200
    assert "style-src 'self'" in page["Content-Security-Policy"]
    assert ' style="' not in page.content.decode()


def amendment_form(**dates) -> dict:
    return {
        "slug": "test-future",
        "number": "998-FZ",
        "title_en": "A test amending law",
        "title_ru": "",
        "in_force_certainty": "confirmed",
        "certainty": "confirmed",
        "act": "",
        "summary": "",
        "note": "",
        **inline_management("changes"),
        **inline_management("citations"),
        "_save": "Save",
        **dates,
    }


def test_an_amendment_signed_after_today_is_refused_with_a_form_error(editor_client):
    tomorrow = date.today() + timedelta(days=1)
    form = amendment_form(signed_on=tomorrow.isoformat(), in_force_on=tomorrow.isoformat())
    response = editor_client.post("/admin/provisions/amendment/add/", form)
    assert response.status_code == 200
    assert "An amendment cannot be signed after today" in response.content.decode()
    assert not Amendment.objects.filter(slug="test-future").exists()
    # Signed today, in force later: an ordinary amending law.
    form = amendment_form(
        signed_on=date.today().isoformat(), in_force_on=(tomorrow + timedelta(days=9)).isoformat()
    )
    assert editor_client.post("/admin/provisions/amendment/add/", form).status_code == 302
    assert Amendment.objects.filter(slug="test-future").exists()


def test_an_amendment_in_force_before_its_signing_is_refused_with_a_form_error(editor_client):
    form = amendment_form(signed_on="2024-03-12", in_force_on="2024-03-01")
    response = editor_client.post("/admin/provisions/amendment/add/", form)
    assert response.status_code == 200
    assert "An amendment cannot come into force before it is signed." in response.content.decode()
    assert not Amendment.objects.filter(slug="test-future").exists()
