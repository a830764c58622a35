"""/api/amendments: every article a law touched, changes not applied marked, and the
assessed core findable; the cost does not grow with the articles."""

from datetime import date

import pytest
from django.utils import timezone

from provisions.amendment_apply import amendment_apply
from provisions.models import EditorialNote
from tests.factories import make_amendment, make_article, make_change, make_law, make_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_result_cache")]


def note(amendment, article, **fields):
    return EditorialNote.objects.create(
        amendment=amendment, article=article, **{"kind": "amended", "note": "(…)", **fields}
    )


def test_touched_articles_lists_curated_changes_first_and_each_article_once(client):
    law = make_law(slug="test-api-code")
    changed, named = make_article(law=law, number="9601"), make_article(law=law, number="9602")
    make_version(changed, valid_from=date(2000, 1, 1))
    amendment = make_amendment(slug="test-api-law", signed_on=date(2014, 6, 28))
    make_change(amendment, changed, parts="1", description="Part 1 reworded.")
    amendment_apply(amendment=amendment)
    note(amendment, changed, parts="1", note="(В редакции, часть первая)")
    note(amendment, named, kind="restated", parts="2", note="(В редакции, часть вторая)")

    body = client.get("/api/amendments/test-api-law").json()

    assert body["touched_articles"] == [
        {
            "law": "test-api-code",
            "number": "9601",
            "parts": "1",
            "source": "curated",
            "kind": "amended",
            "note": "Part 1 reworded.",
            "official_note": "(В редакции, часть первая)",
            "url": "http://testserver/provisions/test-api-code/9601/",
        },
        {
            "law": "test-api-code",
            "number": "9602",
            "parts": "2",
            "source": "editorial_note",
            "kind": "restated",
            "note": "(В редакции, часть вторая)",
            "official_note": "(В редакции, часть вторая)",
            "url": "http://testserver/provisions/test-api-code/9602/",
        },
    ]
    assert body["applied"] is True and body["changes"][0]["applied"] is True


def test_the_existing_keys_stay_and_the_assessed_core_is_marked(client):
    body = client.get("/api/amendments/157-fz-2023").json()
    assert {"slug", "number", "changes", "sources", "applied", "url"} <= body.keys()
    assert body["assessed"] is True
    assert [t["number"] for t in body["touched_articles"]] == ["275", "280.4"]
    assert {t["source"] for t in body["touched_articles"]} == {"curated"}
    listed = client.get("/api/amendments", {"page_size": 100}).json()["results"]
    assessed = {a["number"] for a in listed if a["assessed"]}
    assert "157-FZ" in assessed and "582-FZ" not in assessed, "582-FZ: effect unknown"


def test_a_change_not_applied_says_so(client):
    amendment = make_amendment(slug="test-api-pending")
    make_change(amendment, make_article(), action="added", description="New.")

    body = client.get("/api/amendments/test-api-pending").json()

    assert body["applied"] is False and body["assessed"] is False
    assert body["changes"][0]["applied"] is False
    assert body["touched_articles"][0]["source"] == "curated"


def test_the_detail_costs_the_same_queries_for_any_number_of_articles(
    client, django_assert_num_queries
):
    law = make_law()
    for slug, size in (("test-api-small", 1), ("test-api-large", 15)):
        amendment = make_amendment(
            slug=slug, signed_on=date(2021, 1, 1), in_force_on=date(2021, 1, 10)
        )
        for _ in range(size):
            article = make_article(law=law)
            make_version(article, valid_from=date(2000, 1, 1))
            make_change(amendment, article)
            note(amendment, make_article(law=law))
        amendment_apply(amendment=amendment)
    for slug in ("test-api-small", "test-api-large"):
        # The Last-Modified stamp, the amendment, its changes, their articles' versions and
        # penalties, its citations, its editorial notes.
        with django_assert_num_queries(7):
            assert client.get(f"/api/amendments/{slug}").status_code == 200
    only_notes = make_amendment(slug="test-api-notes", applied_at=timezone.now())
    for _ in range(20):
        note(only_notes, make_article(law=law))
    with django_assert_num_queries(5):  # no change: no versions or penalties to read
        assert client.get("/api/amendments/test-api-notes").status_code == 200
