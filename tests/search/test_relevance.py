"""Relevance on the real corpus: the official Criminal Code (imported once for this module)
and the curated records, with the article a lawyer expects first (or in the first three) for
real queries: citations in every usual form, Russian word forms, phrases, pasted passages,
English and typos. The same table runs on SQLite and PostgreSQL (CI runs both); each row also
records its first result, which must be the same article on both databases.
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from provisions.models import Article
from search.engine import search_articles
from search.filters import SORTS
from tests.pravo_data import PRAVO_DIR

CRIMINAL_CODE = PRAVO_DIR / "102041891.html"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not CRIMINAL_CODE.exists(), reason=f"the official exports are not at {PRAVO_DIR}"
    ),
]

FIRST, TOP3 = "first", "top3"
# (query, the article (law:number, the Criminal Code when no law is given), first or top 3)
TABLE = [
    # Citations in every usual form.
    ("ч. 1 ст. 275.1 УК РФ", "275.1", FIRST),
    ("ст. 275.1 ч. 1", "275.1", FIRST),
    ("УК 275.1", "275.1", FIRST),
    ("УК РФ 276", "276", FIRST),
    ("ст 275", "275", FIRST),
    ("art 276", "276", FIRST),
    ("275¹", "275.1", FIRST),
    ("ст. 207³ УК РФ", "207.3", FIRST),
    ("275<sup>1</sup>", "275.1", FIRST),
    ("п. «а» ч. 2 ст. 105 УК", "105", FIRST),
    ("часть 2 статьи 105 УК РФ", "105", FIRST),
    ("ч.2 ст.105", "105", FIRST),
    ("Art. 275.1 Criminal Code", "275.1", FIRST),
    ("article 276 of the Criminal Code", "276", FIRST),
    ("статья 280.3 УК", "280.3", FIRST),
    ("Статья 275.1 Уголовного кодекса Российской Федерации", "275.1", FIRST),
    ("19.34 КоАП", "administrative-code:19.34", FIRST),
    ("ст. 20.3.3 КоАП РФ", "administrative-code:20.3.3", FIRST),
    ("ст.284.1", "284.1", FIRST),
    ("УК 330.1", "330.1", FIRST),
    # Russian word forms: every case form meets at one lemma.
    ("государственная измена", "275", FIRST),
    ("государственной измене", "275", FIRST),
    ("измена", "275", TOP3),
    ("изменой", "275", TOP3),
    ("измены", "275", TOP3),
    ("шпионаж", "276", FIRST),
    ("шпионажа", "276", FIRST),
    ("шпионажем", "276", FIRST),
    ("убийство", "105", FIRST),
    ("убийства", "105", FIRST),
    ("клевета", "128.1", FIRST),
    ("клеветы", "128.1", FIRST),
    ("иностранного агента", "330.1", TOP3),
    ("террористический акт", "205", FIRST),
    ("разглашение государственной тайны", "283", FIRST),
    ("мошенничество", "159", FIRST),
    ("кража", "158", FIRST),
    ("грабёж", "161", FIRST),
    ("разбой", "162", FIRST),
    ("вымогательство", "163", FIRST),
    ("получение взятки", "290", FIRST),
    ("дача взятки", "291", FIRST),
    ("массовые беспорядки", "212", FIRST),
    ("сотрудничество на конфиденциальной основе", "275.1", FIRST),
    ("нежелательной организации", "284.1", TOP3),
    ("дискредитация", "280.3", TOP3),
    # A doctrine's noun finds the adjective the titles use (search.morphology.derived_lemmas).
    ("экстремизм", "282.1", FIRST),
    ("экстремизма", "282.1", FIRST),
    ("экстремист", "282.1", FIRST),
    # Phrases mean phrases.
    ('"переход на сторону противника"', "275", FIRST),
    ('"на конфиденциальной основе"', "275.1", TOP3),
    # Pasted passages of an article's text.
    (
        "Государственная измена, то есть совершенные гражданином Российской Федерации шпионаж",
        "275",
        FIRST,
    ),
    ("Убийство, то есть умышленное причинение смерти другому человеку", "105", FIRST),
    ("Кража, то есть тайное хищение чужого имущества", "158", FIRST),
    (
        "Мошенничество, то есть хищение чужого имущества или приобретение права на чужое "
        "имущество путем обмана или злоупотребления доверием",
        "159",
        FIRST,
    ),
    # English: the articles that have English titles or text.
    ("treason", "275", TOP3),
    ("espionage", "276", TOP3),
    ("foreign agent", "330.1", TOP3),
    ("libel", "128.1", TOP3),
    ("state secret", "283", TOP3),
    # Ties within a tier go the same way on both databases (decided in Python).
    ("государственная тайна", "283", FIRST),
    ("заведомо ложной информации", "207.3", TOP3),
    # Typos.
    ("шпеонаж", "276", FIRST),
    ("клевита", "128.1", TOP3),
    ("treasn", "275", TOP3),
    ("убийсво", "105", TOP3),
]


@pytest.fixture(scope="module")
def criminal_code(django_db_setup, django_db_blocker):
    """The official Criminal Code over the curated corpus, imported once for the module and
    rolled back after it (each test's own writes roll back to this state)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("import_pravo", str(CRIMINAL_CODE), verbosity=0)
        yield
        transaction.set_rollback(True)


def ranked(query: str) -> list[str]:
    found = search_articles(Article.objects.all(), query, day=date.today())
    order = [F("search_rank").desc(), *SORTS["number"][1]]
    rows = found.order_by(*order).values_list("law__slug", "number")[:3]
    return [number if law == "criminal-code" else f"{law}:{number}" for law, number in rows]


# The first result of every row, as found on both databases; a row whose first result moves
# on one database only fails here.
# For the rows where the expected article need only be in the first three, the first result
# both databases give (the others' first result is the expected article).
FIRST_OF_TOP3 = {
    "foreign agent": "administrative-code:19.34",
    "иностранного агента": "administrative-code:19.34",
    "state secret": "283.1",
}


@pytest.mark.parametrize(("query", "expected", "where"), TABLE)
def test_the_article_a_lawyer_expects_comes_first(criminal_code, query, expected, where):
    found = ranked(query)
    if where == FIRST:
        assert found[:1] == [expected], found
    else:
        assert expected in found, found
        assert found[:1] == [FIRST_OF_TOP3.get(query, expected)], "the same on every database"


def test_the_table_is_large_enough():
    assert len(TABLE) >= 60
