"""Full-text search on the curated corpus, the same expectations on PostgreSQL and SQLite."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provisions.models import Article
from search import engine as search
from search.backends.sqlite import fts5_query
from search.citations import parse_citation
from search.engine import search_articles
from search.morphology import word_forms
from search.query import parse_websearch, plan
from tests.factories import make_article, make_law, make_version

pytestmark = pytest.mark.django_db

TODAY = date.today()

# (query, the article that must be among the first three)
REAL_QUERIES = [
    ("сотрудничество на конфиденциальной основе", "275.1"),
    ("шпионаж", "276"),
    ("иностранный агент", "330.1"),
    ("иностранного агента", "330.1"),
    ("об иностранных агентах", "330.1"),
    ("foreign agent", "330.1"),
    ("treason life imprisonment", "275"),
    ("государственная измена", "275"),
    ("discrediting the army", "280.3"),
    ("false information about the armed forces", "207.3"),
    ("libel", "128.1"),
    ("клевета", "128.1"),
    ("state secret", "283.1"),
    ("disclosure of state secrets", "283"),
    ("разглашение государственной тайны", "283"),
    ("undesirable organisation", "284.1"),
    ("шпеонаж", "276"),  # a typo still finds espionage
    ("treasn", "275"),
]


def top_three(query, day=TODAY, queryset=None, current=False):
    found = search_articles(queryset or Article.objects.all(), query, day=day, current=current)
    return list(found.order_by("-search_rank", "sort_key").values_list("number", flat=True)[:3])


@pytest.mark.parametrize("current", [False, True], ids=["versions-in-force", "current-versions"])
@pytest.mark.parametrize(("query", "number"), REAL_QUERIES)
def test_real_queries_find_the_article_in_the_top_three(query, number, current):
    assert number in top_three(query, current=current)


@pytest.mark.parametrize(("query", "number"), REAL_QUERIES)
def test_a_very_common_word_is_ranked_by_titles_and_penalties(query, number, monkeypatch):
    """Above FULL_RANK_LIMIT matches PostgreSQL ranks by titles and penalty names alone."""
    monkeypatch.setattr(search, "FULL_RANK_LIMIT", 0)
    assert number in top_three(query, current=True)


def test_the_facets_reuse_the_main_search_decision(client, settings):
    settings.LAWBASE_RESULT_CACHE = False
    with CaptureQueriesContext(connection) as context:
        assert client.get("/provisions/?q=шпионаж").status_code == 200
    limit = f"LIMIT {search.FULL_RANK_LIMIT + 1}"
    # the decision counts once, in one statement: the index rows, then their articles
    # (search.count_matching)
    assert len([q for q in context.captured_queries if limit in q["sql"]]) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL estimates")
@pytest.mark.parametrize(("word", "matches"), [("шпионаж", True), ("zzqxvnothing", False)])
def test_a_word_the_planner_expects_everywhere_is_not_counted(monkeypatch, word, matches):
    """Where the planner expects at least MANY_BY_ESTIMATE index rows, "more than
    FULL_RANK_LIMIT" is taken from the estimate (no count); whether anything matches is
    still read."""
    monkeypatch.setattr(search, "MANY_BY_ESTIMATE", 0)
    match = search.backend_for(connection).match(plan(parse_websearch(word)))
    with CaptureQueriesContext(connection) as context:
        found = search.count_matching(Article.objects.all(), match, TODAY, current=True)
    limit = f"LIMIT {search.FULL_RANK_LIMIT + 1}"
    assert not [q for q in context.captured_queries if limit in q["sql"]]
    assert found == (search.FULL_RANK_LIMIT + 1 if matches else 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_sequential_scans_are_a_last_resort_only_inside_a_search():
    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    with search.index_first_plan("шпионаж"):
        assert setting() == "off"
    assert setting() == "on"


@pytest.mark.parametrize(
    ("query", "law", "number"),
    [
        ("275.1", None, "275.1"),
        ("ст. 275.1", None, "275.1"),
        ("ст.275.1", None, "275.1"),
        ("статья 275.1 УК", "criminal-code", "275.1"),
        ("Статья 275.1 УК РФ", "criminal-code", "275.1"),
        ("Art. 275.1", None, "275.1"),
        ("article 275.1", None, "275.1"),
        ("20.2 КоАП", "administrative-code", "20.2"),
    ],
)
def test_article_numbers_are_understood(query, law, number):
    citation = parse_citation(query)
    assert (citation.laws[0] if citation.laws else None, citation.number) == (law, number)
    assert top_three(query) == [number]


def test_an_article_number_goes_straight_to_the_article(client):
    response = client.get("/provisions/", {"q": "ст. 275.1"})
    assert response.status_code == 302
    assert response["Location"] == "/provisions/criminal-code/275.1/"
    data = client.get("/provisions/", {"q": "20.2 КоАП", "format": "json"}).json()
    assert [row["number"] for row in data["results"]] == ["20.2"]


def test_quoted_phrase_and_excluded_word():
    assert "283" in top_three('"disclosure of state secrets"')
    assert "275" not in top_three("treason -life")
    assert "275" in top_three("treason -life", day=date(2022, 1, 1)), "no life term before 2023"


def test_or_between_alternatives():
    found = set(top_three("libel or шпионаж"))
    assert {"128.1", "276"} <= found


def test_inflected_russian_finds_other_forms_and_highlights_the_original_words(client):
    data = client.get("/provisions/", {"q": "иностранного агента", "format": "json"}).json()
    # The two foreign-agent articles lead: КоАП 19.34 (its title) and CC 330.1.
    assert {r["number"] for r in data["results"][:2]} == {"19.34", "330.1"}
    row = next(r for r in data["results"] if r["number"] == "330.1")
    assert "<mark>иностранных</mark>" in row["snippet"]
    assert "<mark>агентах</mark>" in row["snippet"]


def test_search_combines_with_filters_and_in_force_on(client):
    data = client.get(
        "/provisions/",
        {"q": "confidential cooperation", "in_force_on": "2022-01-01", "format": "json"},
    ).json()
    assert data["count"] == 0, "275.1 did not exist before 25 July 2022"
    data = client.get(
        "/provisions/", {"q": "state secret", "law": "criminal-code", "format": "json"}
    ).json()
    assert data["count"] >= 3
    assert data["facets"]["law"]["administrative-code"] == 0


def test_search_sees_the_text_as_it_stood_that_day():
    article = make_article(number="9301")
    make_version(article, valid_from=date(2000, 1, 1), valid_to=date(2009, 12, 31), text_en="old")
    make_version(article, valid_from=date(2010, 1, 1), text_en="zebrawording")
    assert (
        top_three(
            "zebrawording", day=date(2005, 1, 1), queryset=Article.objects.filter(pk=article.pk)
        )
        == []
    )
    assert top_three("zebrawording", queryset=Article.objects.filter(pk=article.pk)) == ["9301"]


def test_index_follows_every_write():
    article = make_article(number="9302", title_en="Placeholder")
    version = make_version(article, valid_from=date(2000, 1, 1), text_ru="первоначальная")
    scoped = Article.objects.filter(pk=article.pk)
    assert top_three("первоначальный", queryset=scoped) == ["9302"]
    version.text_ru = "изменённая редакция"
    version.save()
    assert top_three("первоначальный", queryset=scoped) == []
    assert top_three("изменённой", queryset=scoped) == ["9302"]
    article.title_en = "Quokka smuggling"
    article.save()
    assert top_three("quokka", queryset=scoped) == ["9302"]
    version.penalties.create(part="1", kind="life_imprisonment", unit="")
    assert top_three("пожизненное", queryset=scoped) == ["9302"]


BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    '"unbalanced quote',
    'a "b',
    "\x00",
    "null\x00byte",
    "'; DROP TABLE provisions_article; --",
    "!!! ??? ...",
    "😀🔥",
    "- - -",
    "or or or",
    "NEAR(a b)",
    "title:treason",
    "*",
    "^treason",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_bad_queries_never_give_a_500(client, query, fmt):
    response = client.get("/provisions/", {"q": query, "format": fmt})
    assert response.status_code in (200, 400)


def test_the_parser_and_the_fts5_query():
    parsed = parse_websearch('"state secret" -treason libel or клевета')
    forms = " OR ".join(f'"{form}"' for form in sorted(word_forms("клевета")))
    assert fts5_query(plan(parsed)) == (
        "(" + f'"state secret" AND ("libel" OR ({forms}))' + ') NOT "treason"'
    )
    assert "иностранных" in word_forms("иностранного")
    assert fts5_query(plan(parse_websearch("!!!"))) == ""


def test_bulk_loads_can_suspend_the_triggers_and_rebuild_the_index():
    from search.index import rebuild_search_index, search_triggers_suspended

    article = make_article(number="9303", title_en="Pangolin trade")
    scoped = Article.objects.filter(pk=article.pk)
    with search_triggers_suspended():
        make_version(article, valid_from=date(2000, 1, 1), text_en="armadillo")
    assert top_three("armadillo", queryset=scoped) == []
    rebuild_search_index()
    assert top_three("armadillo", queryset=scoped) == ["9303"]
    assert top_three("pangolin", queryset=scoped) == ["9303"]


def test_an_english_search_says_how_few_articles_have_english_titles():
    titled = Article.objects.exclude(title_en="").count()
    notices = search.decide("foreign agent", TODAY, True).info.notices
    assert f"English words match only the {titled} articles" in " ".join(notices)
    assert not any("English" in n for n in search.decide("шпионаж", TODAY, True).info.notices)


def test_an_english_search_says_nothing_where_english_titles_are_many(monkeypatch):
    monkeypatch.setattr(search, "ENGLISH_FEW", 1)
    assert not any("English" in n for n in search.decide("espionage", TODAY, True).info.notices)


def test_a_typo_that_no_title_resembles_says_so():
    decision = search.decide("zzqxv", TODAY, True)
    assert decision.how == "typo" and not decision.scores
    assert decision.info.notices[0] == (
        "No article has these words, and no title is spelled like them."
    )


def test_a_query_of_function_words_only_says_why_nothing_is_searched():
    decision = search.decide("над и под", TODAY, True)
    assert decision.how == "none"
    assert decision.info.notices == [
        "Only words too common to search for (над, и, под): add a word that says what you "
        "are looking for."
    ]


def test_several_citations_list_those_articles_in_the_order_asked(client):
    other = make_law(slug="other-code")
    for number in ("275", "276"):
        make_article(law=other, number=number)
    data = client.get("/provisions/", {"q": "276 275", "format": "json"}).json()
    # No code named: the Criminal Code's articles in the order asked, then the other code's.
    assert [(row["law"], row["number"]) for row in data["results"]] == [
        ("criminal-code", "276"),
        ("criminal-code", "275"),
        ("other-code", "276"),
        ("other-code", "275"),
    ]
    assert data["search"]["mode"] == "citation"
    assert [c["number"] for c in data["search"]["citations"]] == ["276", "275"]
    assert data["search"]["notices"] == [
        "Read as 2 citations: articles 276, 275; shown in the order asked; where no code is "
        "named, the Criminal Code's articles come first, then other codes' articles of those "
        "numbers."
    ]
    response = client.get("/provisions/", {"q": "ст. 275, 276 УК"})
    assert response.status_code == 200  # a list, not a redirect to the first
    page = response.content.decode()
    assert "Read as 2 citations: articles 275 (the Criminal Code), 276 (the Criminal Code)" in page
    assert page.index("/provisions/criminal-code/275/") < page.index(
        "/provisions/criminal-code/276/"
    )


def test_a_citation_among_several_that_is_not_held_is_named():
    info = search.decide("275 и 9999", TODAY, False).info
    assert info.notices[-1] == (
        "We hold no article 9999 in any law held here: either it does not exist or we have "
        "not imported it."
    )
    assert top_three("275 и 9999") == ["275"]
    assert search.decide("9998 9999", TODAY, False).how != "citation"  # numbers no article has


def test_a_bare_number_other_laws_have_too_goes_to_the_criminal_code_naming_them(client):
    other = make_article(law=make_law(short_name="Test Code"), number="275")
    response = client.get("/provisions/", {"q": "275"})
    assert response.status_code == 302
    assert response["Location"] == "/provisions/criminal-code/275/?no_law_named=1"
    page = " ".join(client.get(response["Location"]).content.decode().split())
    assert "You searched for the number 275 without naming a code" in page
    assert f'1 other law has an article 275 too: <a href="{other.get_absolute_url()}">' in page
    # A law named, or a number no other law has: straight there, as before.
    assert (
        client.get("/provisions/", {"q": "УК 275"})["Location"] == "/provisions/criminal-code/275/"
    )
    assert "same-number" not in client.get("/provisions/criminal-code/275/").content.decode()


def test_a_cited_article_we_lack_is_never_implied_to_exist():
    notices = search.decide("ст. 999 УК РФ", TODAY, True).info.notices
    assert notices == [
        "We hold no article 999 of the Criminal Code: either it does not exist or we have "
        "not imported it."
    ]
    assert not any("not in this database yet" in notice for notice in notices)


def test_a_cited_code_we_hold_nothing_of_says_so_plainly():
    notices = search.decide("ст. 10 ГК РФ", TODAY, True).info.notices
    assert notices == [
        "We hold no text of the Civil Code: it has not been imported here, so none of its "
        "articles can be shown."
    ]


def test_a_cited_part_goes_to_the_article_asking_for_that_part(client):
    response = client.get("/provisions/", {"q": "ч. 9 ст. 275 УК"})
    assert response.status_code == 302
    assert response["Location"] == "/provisions/criminal-code/275/?part=9#part-9"


def test_a_titles_words_as_the_tiers_compare_them():
    title = search.title_words("Отказ от её передачи иностранному агенту")
    # stop words ("от", "её") are not named; the rest as the index holds them
    assert title.named_count == 4
    assert title.named == ("отказ", "передачи", "иностранному", "агенту")
    assert search.share_named(title, 2) == 0.5
    query = ("агент", "иностранный", "передача", "отказ")  # any form, any order
    assert search.title_is(title, [word_forms(w) for w in query])
    assert not search.title_is(title, [word_forms(w) for w in query[:3]])


@pytest.mark.parametrize(
    ("typed", "held"),
    [
        (["иностранному", "агенту"], True),
        (["ее", "передачи"], True),  # ё as е on both sides
        (["иностранному", "агент"], False),  # a whole word, not its start
        (["агенту", "иностранному"], False),  # side by side and in order
        ([], False),
    ],
)
def test_a_title_holds_the_typed_words_in_order(typed, held):
    title = search.title_words("Отказ от её передачи иностранному агенту")
    assert search.holds_in_order(title, typed) is held
