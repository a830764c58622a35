"""provisions.links: addresses remembered, the same as reverse's."""

from django.test import override_settings
from django.urls import clear_url_caches, reverse, set_script_prefix

from provisions.links import address


def test_address_is_reverse():
    assert address("provisions:article-detail", law="criminal-code", number="275.1") == reverse(
        "provisions:article-detail", kwargs={"law": "criminal-code", "number": "275.1"}
    )
    assert address("provisions:compare") == reverse("provisions:compare")


def test_address_follows_the_script_prefix():
    try:
        set_script_prefix("/lawbase/")
        assert address("provisions:compare") == "/lawbase/compare/"
    finally:
        set_script_prefix("/")
    assert address("provisions:compare") == "/compare/"


def test_address_follows_a_new_urlconf():
    before = address("provisions:compare")
    with override_settings(ROOT_URLCONF="lawbase.urls"):
        clear_url_caches()
        assert address("provisions:compare") == before == reverse("provisions:compare")
