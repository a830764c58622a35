"""The sources held, searched as a group of their own (search.sources)."""

import pytest

from search.sources import search_sources

pytestmark = pytest.mark.django_db


def test_sources_are_searchable_as_their_own_group(client):
    hits = search_sources("confidential cooperation")
    assert any("Moscow Times" in hit.source.publisher for hit in hits)
    html = client.get("/provisions/", {"q": "confidential cooperation"}).content.decode()
    assert "In the sources" in html
