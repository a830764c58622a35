"""Login throttling behind a reverse proxy: a username is locked from the client's address,
not from the proxy's that every client shares (issue #21, defect 11)."""

import pytest
from django.test import RequestFactory

from lawbase.proxies import client_address

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def login(client, address, password="wrong", forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for or address}
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password},
        **extra,
    ).status_code


@pytest.fixture
def editor_account(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="the-right-password-1", is_staff=True
    )


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_another(
    client, settings, editor_account
):
    settings.TRUSTED_PROXIES = 1
    assert [login(client, "203.0.113.7") for _ in range(5)][-1] == 429
    # The editor, from their own address through the same proxy, still signs in.
    assert login(client, "198.51.100.20", password="the-right-password-1") == 302


def test_a_client_cannot_choose_its_address_by_sending_the_header(client, settings, editor_account):
    settings.TRUSTED_PROXIES = 1
    # The proxy appends the address it saw: entries to its left are the client's own words.
    for n in range(5):
        status = login(client, "", forwarded_for=f"192.0.2.{n}, 203.0.113.7")
    assert status == 429


def test_without_the_setting_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_address(request) == PROXY
    settings.TRUSTED_PROXIES = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7, 10.0.0.1"
    )
    assert client_address(request) == "203.0.113.7"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert client_address(request) == PROXY
