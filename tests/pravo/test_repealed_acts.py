"""Articles repealed with their act (pravo.repealed_acts), through a whole import of a small
export that opens with its own repeal."""

from datetime import date

import pytest

from provisions.models import Amendment, Article, EditorialNote, Law
from tests.pravo.test_importer import counts, import_synthetic

pytestmark = pytest.mark.django_db

# --- An act repealed as a whole (its head line: pravo.parsing.act_repeal) ----------------------

ACT_REPEAL_HEAD = (
    "Утратил силу, за исключением главы 2, которая утрачивает силу со дня вступления в силу "
    "федерального закона - Федеральный закон от 01.03.2012 № 30-ФЗ"
)


def repealed_export(head: str = ACT_REPEAL_HEAD) -> str:
    """An export of a repealed code: chapter 1 goes with it, chapter 2 is excepted, art. 3 was
    amended after the repealing law's estimated in-force date, art. 4 was repealed earlier."""
    note = '<span class="mark">({})</span>'
    listed = note.format(
        "В редакции федеральных законов от 10.03.2010 № 20-ФЗ; от 01.06.2013 № 99-ФЗ"
    )
    return f"""<html><body><p>{head}</p><p>Пробный кодекс Российской Федерации</p>
    <p>{listed}</p>
    <p class="H">Глава 1. Общие положения</p>
    <p class="H">Статья 1. Предмет</p><p>Текст первой статьи.</p>
    <p class="H">Статья 3. Поздняя</p>
    <p>1. Текст. {note.format("В редакции Федерального закона от 01.06.2013 № 99-ФЗ")}</p>
    <p class="H">Статья 4. Утратила силу.</p>
    <p>{note.format("Утратила силу - Федеральный закон от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Глава 2. Свободный склад</p>
    <p class="H">Статья 2. Склад</p><p>Текст второй статьи.</p>
    <p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p>
    </body></html>"""


def test_a_repealed_act_repeals_its_articles_but_not_what_it_excepts(client):
    summary = import_synthetic(repealed_export())
    law = Law.objects.get(slug="test-code")
    articles = {a.number: a for a in Article.objects.filter(law=law)}
    repealing = Amendment.objects.get(number="30-FZ", signed_on=date(2012, 3, 1))
    assert (repealing.in_force_on, repealing.in_force_certainty) == (date(2012, 3, 12), "estimated")
    # Chapter 1: repealed with the act, the head line quoted on it; its wording ends the day
    # before.
    assert articles["1"].repealed_on == date(2012, 3, 12)
    note = EditorialNote.objects.get(article=articles["1"], amendment=repealing)
    assert (note.kind, note.parts, note.note) == ("repealed", "", ACT_REPEAL_HEAD)
    assert articles["1"].versions.get().valid_to == date(2012, 3, 11)
    # Excepted chapter 2, and art. 3 amended after the estimate: not marked; art. 4 keeps the
    # date of its own repeal.
    assert articles["2"].repealed_on is None and articles["3"].repealed_on is None
    assert not EditorialNote.objects.filter(article__number__in=["2", "3"], amendment=repealing)
    assert articles["4"].repealed_on == date(2010, 3, 21)
    # The text knows of the repealing law: current at least to its signing (here the later
    # amending law's day stands).
    assert articles["1"].versions.get().source.current_to == date(2013, 6, 1)
    lines = summary.lines()
    assert "1 more repealed with the act" in lines[0]
    assert any(
        line.startswith(
            f"the act is repealed: «{ACT_REPEAL_HEAD}»; 1 articles repealed with it, "
            "1 kept in force (the chapters it excepts)"
        )
        for line in lines
    )
    assert any(line.endswith("on a day the text does not give: 3") for line in lines)

    page = client.get("/provisions/test-code/1/").content.decode()
    assert "This article was repealed with effect from 12 March 2012 (estimated): the day" in page
    assert "the law may have set a later day" in page
    # A day after the estimate: repealed by that estimate, never said without its caveat.
    later = client.get("/provisions/test-code/1/?as_of=2012-05-01").content.decode()
    assert "By the estimated date of its repeal, this article was" in later
    assert "not verified for that day" in later
    as_json = client.get("/provisions/test-code/1/?as_of=2012-05-01&format=json").json()
    assert as_json["as_of"]["status"] == "repealed"
    assert "estimated" in as_json["as_of"]["caveat"]
    repeal = as_json["repeals"][0]
    assert (repeal["valid_from"], repeal["valid_from_certainty"]) == ("2012-03-12", "estimated")
    assert repeal["caveat"] == as_json["as_of"]["caveat"]
    # Between signing and the estimate, in force or not is itself unknown.
    signing = client.get("/provisions/test-code/1/?as_of=2012-03-05&format=json").json()
    assert (signing["as_of"]["status"], signing["as_of"]["wording"]) == ("unknown", "uncertain")
    law_page = client.get("/laws/test-code/").content.decode()
    assert ACT_REPEAL_HEAD in law_page and "law-repealed" in law_page
    assert "Repealed (date estimated)" in law_page  # art. 1's row: never a bare "Repealed"
    listed = client.get("/provisions/?law=test-code&format=json").json()["results"]
    summaries = {row["number"]: row["penalty_summary"] for row in listed}
    assert summaries["1"] == summaries["4"] == "Repealed (date estimated)"
    assert "law-repealed" not in client.get("/laws/criminal-code/").content.decode()

    before = counts()
    assert import_synthetic(repealed_export()).updated == 0
    assert counts() == before, "a second import changes nothing"


def test_an_exception_not_read_repeals_nothing_and_says_so():
    head = ACT_REPEAL_HEAD.replace("главы 2,", "главы 2 и статьи 7,")
    summary = import_synthetic(repealed_export(head))
    assert not Article.objects.filter(law__slug="test-code", number="1", repealed_on__isnull=False)
    assert any("not read as chapters: no article is marked repealed" in t for t in summary.unparsed)
