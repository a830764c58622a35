"""The law page: the in-force date with its certainty, quote and source, or why it is unknown."""

from datetime import date

import pytest

from provisions.models import Citation, Origin
from tests.factories import make_law, make_source

pytestmark = pytest.mark.django_db


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def in_force(page: str) -> str:
    """The page's "In force" entry."""
    return page.split('class="law-in-force">')[1].split("</dd>")[0]


def test_the_criminal_code_in_force_date_is_cited_from_its_enacting_law(client):
    page = in_force(text(client, "/laws/criminal-code/"))
    assert page.startswith("1 January 1997") and "certainty-confirmed" in page
    assert "Ввести в действие Уголовный кодекс Российской Федерации с 1 января 1997 года" in page
    assert "№ 64-ФЗ" in page and "in force date (Federal Law 64-FZ of 13.06.1996, art. 1)" in page


def test_an_unknown_date_says_so_and_why(client):
    page = text(client, "/laws/administrative-code/")
    assert "In-force date unknown: no source held here states it." in page
    imported = make_law(origin=Origin.OFFICIAL, in_force_certainty="unknown")
    page = text(client, imported.get_absolute_url())
    assert "In-force date unknown: not found in the official text." in page


def test_an_extracted_date_shows_the_codes_own_sentence(client):
    law = make_law(
        origin=Origin.OFFICIAL, in_force_on=date(2002, 2, 1), in_force_certainty="extracted"
    )
    source = make_source(title="Трудовой кодекс (official text)")
    sentence = "Настоящий Кодекс вводится в действие с 1 февраля 2002 года."
    Citation.objects.create(law=law, source=source, quote=sentence, note="in force date (art. 420)")
    whole = text(client, law.get_absolute_url())
    page = in_force(whole)
    assert page.startswith("1 February 2002") and "certainty-extracted" in page
    assert sentence in page and "(in force date (art. 420))" in page
    assert "Трудовой кодекс (official text)" in page
    assert "<h2>Sources</h2>" not in whole, "the in-force quote is not repeated below"


def test_no_date_because_an_enacting_law_sets_it(client):
    law = make_law(origin=Origin.OFFICIAL, in_force_certainty="unknown")
    Citation.objects.create(
        law=law,
        source=make_source(),
        quote="Настоящий Кодекс вводится в действие федеральным законом о введении в действие.",
        note="in force by a separate enacting law (art. 307); no date in the text",
    )
    page = text(client, law.get_absolute_url())
    assert (
        "In-force date unknown: by a separate enacting law (art. 307); no date in the text." in page
    )
    assert "вводится в действие федеральным законом" in page
