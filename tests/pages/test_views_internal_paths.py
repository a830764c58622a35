"""No page or JSON shows the project's internal files (a "../shared/…" path, "facts.md"): a
reader cannot open them, so a note names the source such a file stands for instead."""

import pytest

from provisions.models import Amendment, Article, Law, Source

pytestmark = pytest.mark.django_db

INTERNAL = ("../shared", "shared/data", "facts.md")


def curated_addresses() -> list[str]:
    addresses = ["/", "/laws/", "/sources/", "/amendments/"]
    for article in Article.objects.select_related("law"):
        url = article.get_absolute_url()
        addresses += [url, f"{url}?format=json", f"{url}history/"]
        addresses += [f"{url}?as_of={v.valid_from.isoformat()}" for v in article.versions.all()]
    addresses += [law.get_absolute_url() for law in Law.objects.all()]
    addresses += [source.get_absolute_url() for source in Source.objects.all()]
    addresses += [amendment.get_absolute_url() for amendment in Amendment.objects.all()]
    return addresses


def test_no_page_or_json_shows_an_internal_path(client):
    addresses = curated_addresses()
    assert len(addresses) > 100
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        body = response.content.decode()
        for internal in INTERNAL:
            assert internal not in body, f"{address} shows {internal}"


def test_an_estimated_in_force_date_names_the_law_it_rests_on(client):
    body = client.get("/amendments/622-fz-2022/").content.decode()
    assert "Federal Law No. 5-FZ of 14.06.1994, art. 6" in body
