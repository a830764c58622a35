"""The law page: the in-force date with its certainty, quote and source, or why it is unknown;
its articles 50 a page."""

import re
from datetime import date

import pytest

from provisions.models import Citation, Law, OfficialText, Origin, Source
from tests.factories import make_article, make_law, make_source, make_version
from tests.pages.test_views import queries_for

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


# Paging (issue #22): 50 articles a page, the law's facts on every page.


def law_of(size: int):
    law = make_law(in_force_on=date(2001, 1, 1))
    for n in range(size):
        make_article(law=law, number=str(n + 1), chapter=f"Chapter {n // 30 + 1}")
    return law


def listed(page: str) -> list[str]:
    return re.findall(r'<td><a href="/provisions/[^/]+/([^/]+)/">', page)


def test_a_long_law_is_paged_and_every_article_is_on_one_page(client):
    law = law_of(120)
    url = law.get_absolute_url()
    pages = [text(client, f"{url}?page={n}") for n in (1, 2, 3)]
    assert [len(listed(page)) for page in pages] == [50, 50, 20]
    assert sum((listed(page) for page in pages), []) == [str(n) for n in range(1, 121)]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of 3" in page
        assert "1 January 2001" in in_force(page)
    # Chapter 2 (articles 31–60) runs across pages 1 and 2: headed on both.
    assert "Chapter 2" in pages[0] and "Chapter 2" in pages[1]
    assert 'rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'rel="prev"' in pages[2] and 'rel="next"' not in pages[2]


def test_a_short_law_has_no_pages(client):
    page = text(client, law_of(50).get_absolute_url())
    assert len(listed(page)) == 50
    assert 'class="pagination"' not in page


@pytest.mark.parametrize(
    ("raw", "shown", "message"),
    [
        ("abc", 1, "“abc” is not a page number; showing page 1."),
        ("0", 1, "Pages start at 1; showing page 1."),
        ("9", 3, "There are only 3 page(s); showing the last one."),
    ],
)
def test_a_bad_page_number_says_which_page_is_shown(client, raw, shown, message):
    page = text(client, f"{law_of(120).get_absolute_url()}?page={raw}")
    assert f"Page {shown} of 3" in page
    assert message in page


@pytest.mark.usefixtures("no_result_cache")
def test_the_queries_of_a_law_page_do_not_grow_with_the_law(client):
    small, large = law_of(60), law_of(240)
    counts = {
        queries_for(client, small.get_absolute_url()),
        queries_for(client, f"{large.get_absolute_url()}?page=3"),
        queries_for(client, f"{large.get_absolute_url()}?page=5"),
    }
    assert len(counts) == 1


def law_with_totals():
    """Four articles: in force with two official wordings; repealed, with a consolidated one;
    curated with its official text kept beside it; one with nothing held."""
    law = make_law()
    official = make_source(kind=Source.Kind.OFFICIAL_TEXT)
    consolidated = make_source(kind=Source.Kind.CONSOLIDATED_TEXT)
    in_force = make_article(law=law, number="1", in_force_from=date(2001, 1, 1))
    make_version(
        in_force, valid_from=date(2001, 1, 1), valid_to=date(2009, 12, 31), source=official
    )
    make_version(in_force, valid_from=date(2010, 1, 1), source=official)
    repealed = make_article(
        law=law, number="2", in_force_from=date(2001, 1, 1), repealed_on=date(2020, 1, 1)
    )
    make_version(
        repealed, valid_from=date(2001, 1, 1), valid_to=date(2019, 12, 31), source=consolidated
    )
    curated = make_article(law=law, number="3", origin=Origin.CURATED)
    make_version(curated, valid_from=date(2010, 1, 1))
    OfficialText.objects.create(article=curated, source=official, text_ru="Статья 3.")
    make_article(law=law, number="4")
    return law


@pytest.mark.parametrize("named", [False, True])
def test_the_law_page_gives_its_totals_from_one_query(client, django_assert_num_queries, named):
    law = law_with_totals()
    make_article(law=make_law(), number="1")  # another law's article, not counted
    with django_assert_num_queries(1):
        laws = Law.objects.filter(pk=law.pk)
        totals = laws.with_totals(date.today(), law=law if named else None).get()
    assert (
        totals.articles_held,
        totals.articles_in_force,
        totals.articles_official,
        totals.versions_held,
    ) == (4, 2, 2, 4)
    page = text(client, law.get_absolute_url())
    assert (
        "4 articles of this law in this database: 2 in force by the newest texts held (a later "
        "repeal is not known here); 2 with a wording from the "
        "official text (the rest from consolidated or curated texts only); 4 wordings "
        "(versions) held in all."
    ) in page


@pytest.mark.usefixtures("no_result_cache")
def test_the_totals_cost_the_law_page_one_query(client):
    # 10, as tests/pages/test_views.py's QUERY_LIMITS pins it: the totals in one query of their
    # own, naming the law by its id (LawQuerySet.with_totals), and the act's own repeal in one;
    # and one more as a row of the page is repealed, to say whether its date is estimated
    # (provisions.models.amendments.repeals_estimated).
    assert queries_for(client, law_with_totals().get_absolute_url()) == 11


@pytest.mark.parametrize("named", [False, True])
def test_an_imported_wording_without_a_source_counts_as_official(named):
    """The portal importer wrote wordings without a source before sources were kept on
    versions: an imported article's such wording is from the official text; a curated
    article's is not."""
    law = make_law()
    imported = make_article(law=law, number="1", origin=Origin.OFFICIAL)
    make_version(imported, valid_from=date(2010, 1, 1))
    curated = make_article(law=law, number="2", origin=Origin.CURATED)
    make_version(curated, valid_from=date(2010, 1, 1))
    laws = Law.objects.filter(pk=law.pk)
    totals = laws.with_totals(date.today(), law=law if named else None).get()
    assert (totals.articles_held, totals.articles_official, totals.versions_held) == (2, 1, 2)


def test_a_chapter_headed_in_several_ways_is_one_chapter(client):
    """The portal sets "ГЛАВА 3." where a consolidated edition sets "Глава 3.", the 2025
    articles "Глава 24" alone, a curated article "Chapter 24. …": one chapter each, under its
    first Russian heading with a title."""
    law = make_law(origin=Origin.OFFICIAL)
    make_article(law, "14", chapter="Глава 3. ПОНЯТИЕ ПРЕСТУПЛЕНИЯ")
    make_article(law, "15", chapter="ГЛАВА 3.  ПОНЯТИЕ ПРЕСТУПЛЕНИЯ")
    make_article(law, "16", chapter="Глава 3. ПОНЯТИЕ ПРЕСТУПЛЕНИЯ")
    make_article(law, "205", chapter="Chapter 24. Crimes against public safety")
    make_article(law, "205.1", chapter="Глава 24")
    make_article(law, "205.2", chapter="ГЛАВА 24. ПРЕСТУПЛЕНИЯ ПРОТИВ ОБЩЕСТВЕННОЙ БЕЗОПАСНОСТИ")
    make_article(law, "206", chapter="")
    make_article(law, "207", chapter="Глава 24.1-1. ОСОБАЯ")
    page = text(client, law.get_absolute_url())
    headings = re.findall(r'<h2 id="chapter-\d+">(?:<span lang="ru">)?([^<]*)', page)
    assert headings == [
        "Глава 3. ПОНЯТИЕ ПРЕСТУПЛЕНИЯ",
        "ГЛАВА 24. ПРЕСТУПЛЕНИЯ ПРОТИВ ОБЩЕСТВЕННОЙ БЕЗОПАСНОСТИ",
        "Articles",
        "Глава 24.1-1. ОСОБАЯ",
    ]
    assert page.count('href="/provisions/') >= 7
