"""Several editions of one code held side by side: each adds its wordings, none removes
another's, and the versions of all tile each article's timeline whatever the import order."""

from datetime import date

import pytest
from django.core.management import call_command

from pravo.editions import ALSO_HELD_IN, ANOTHER_READING, quoted_in, wording_key
from pravo.importer import import_document
from pravo.parsing.document import parse_document
from provisions.in_force import timelines
from provisions.models import Article, Source
from provisions.timeline import timeline_of
from provisions.validation import corpus_problems
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

NOTE = '<span class="mark">({})</span>'
SIGNATURE = """<p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p>"""
FINAL = "Настоящий Кодекс вводится в действие с 1 июля 2003 года."
BOTH_LAWS = "от 10.03.2010 № 20-ФЗ; от 14.07.2022 № 260-ФЗ"


def edition_2015() -> str:
    """An older edition: art. 3 in its 2010 wording, art. 1 worded a little differently."""
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p>{NOTE.format("В редакции Федерального закона от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Статья 1. Предмет</p><p>Текст первой статьи в прежнем чтении.</p>
    <p class="H">Статья 2. Изменённая</p>
    <p>1. Текст. {NOTE.format("В редакции Федерального закона от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Статья 3. Дополненная</p>
    <p>{NOTE.format("Статья в редакции Федерального закона от 10.03.2010 № 20-ФЗ")}</p>
    <p>Прежний текст.</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{FINAL}</p>
    {SIGNATURE}</body></html>"""


def edition_2022() -> str:
    """The newer edition: art. 3 restated by 260-FZ in 2022."""
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p>{NOTE.format(f"В редакции федеральных законов {BOTH_LAWS}")}</p>
    <p class="H">Статья 1. Предмет</p><p>Текст первой статьи.</p>
    <p class="H">Статья 2. Изменённая</p>
    <p>1. Текст. {NOTE.format("В редакции Федерального закона от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Статья 3. Дополненная</p>
    <p>{NOTE.format(f"Статья в редакции федеральных законов {BOTH_LAWS}")}</p>
    <p>Новый текст.</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{FINAL}</p>
    {SIGNATURE}</body></html>"""


def consolidated_source() -> Source:
    return Source.objects.get_or_create(
        slug="test-code-2015",
        defaults={
            "title": "Test Code, edition of 2015 (consolidated text)",
            "publisher": "A legal database",
            "kind": Source.Kind.CONSOLIDATED_TEXT,
            "published_on": date(2015, 1, 1),
        },
    )[0]


def import_older():
    document = parse_document(edition_2015())
    return import_document(
        document, nd="900000001", law_slug="test-code", law_title="Test Code",
        source=consolidated_source(),
    )  # fmt: skip


def import_newer():
    document = parse_document(edition_2022())
    return import_document(document, nd="900000001", law_slug="test-code", law_title="Test Code")


def held(number: str) -> list[tuple]:
    article = Article.objects.get(law__slug="test-code", number=number)
    return [
        (v.valid_from, v.valid_to, wording_key(v.text_ru), v.source.kind if v.source else None)
        for v in article.versions.select_related("source").order_by("valid_from")
    ]


def everything() -> dict:
    return {number: held(number) for number in ("1", "2", "3")}


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_two_editions_hold_two_wordings_whatever_the_order(order):
    steps = [import_older, import_newer] if order == "older first" else [import_newer, import_older]
    for step in steps:
        step()
    three = held("3")
    assert [(start, end, text) for start, end, text, _ in three] == [
        (date(2010, 3, 21), date(2022, 7, 24), wording_key("Прежний текст.")),
        (date(2022, 7, 25), None, wording_key("Новый текст.")),
    ]
    assert [kind for *_, kind in three] == ["consolidated_text", "official_text"]
    article = Article.objects.get(law__slug="test-code", number="3")
    found = timeline_of(Article.objects.for_detail().get(pk=article.pk))
    assert [p.held for p in found.periods] == [False, True, True]
    assert found.gaps() == []
    assert corpus_problems() == []


def test_the_order_of_imports_does_not_change_what_is_held():
    import_older()
    import_newer()
    first = everything()
    import_older()  # again: nothing moves
    assert everything() == first


def test_a_wording_both_texts_hold_is_one_version_cited_by_both():
    import_newer()
    import_older()
    two = Article.objects.get(law__slug="test-code", number="2").versions.get()
    assert two.source.kind == "official_text"
    assert two.citations.filter(note=ALSO_HELD_IN, source__slug="test-code-2015").exists()


def test_two_texts_disagreeing_on_a_wording_keep_both():
    import_older()
    import_newer()
    one = Article.objects.get(law__slug="test-code", number="1").versions.get()
    # The official export's wording is the version's; the other text's stays as a reading.
    assert wording_key(one.text_ru) == wording_key("Текст первой статьи.")
    reading = one.citations.get(note=ANOTHER_READING)
    assert reading.source.slug == "test-code-2015" and "прежнем чтении" in reading.quote


def test_every_timeline_tiles_after_both():
    import_older()
    import_newer()
    for article, found in timelines(Article.objects.filter(law__slug="test-code")):
        assert found.gaps() == [], article


CRIMINAL_CODE = PRAVO_DIR / "102041891.html"


@pytest.mark.skipif(not CRIMINAL_CODE.exists(), reason=f"no official exports at {PRAVO_DIR}")
def test_the_curated_core_reads_in_full_from_the_official_text():
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    current = treason.versions.get(introduced_by__number="157-FZ")
    quotes = set(current.citations.values_list("quote", flat=True))
    call_command("import_pravo", str(CRIMINAL_CODE), verbosity=0)
    current.refresh_from_db()
    assert current.text_ru.startswith("Государственная измена")
    assert current.source.kind == "official_text"
    # The quotes stay as citations; the edit is in the version's history.
    assert quotes <= set(current.citations.values_list("quote", flat=True))
    assert current.history.first().history_change_reason.startswith("Full wording from")
    # A version set by a law the text does not name as the last one keeps its quote.
    older = treason.versions.get(introduced_by__number="190-FZ")
    assert older.source is None


def test_a_curated_quote_inside_the_full_wording_is_recognised():
    full = "1. Деяние - наказывается лишением свободы на срок от двух до пяти лет."
    quote = "… наказывается лишением свободы … (В редакции Федерального закона от … № 1-ФЗ)"
    assert quoted_in(quote, full)
    assert not quoted_in("наказывается штрафом", full)


def test_a_later_text_brings_a_curated_article_up_to_its_date_and_removes_nothing():
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    before = list(treason.versions.order_by("valid_from").values_list("pk", "valid_from"))
    note = NOTE.format("В редакции Федерального закона от 28.12.2024 № 510-ФЗ")
    later = f"""<html><body><p>Уголовный кодекс Российской Федерации</p>
    <p class="H">Статья 275. Государственная измена</p>
    <p>Государственная измена, то есть … {note}</p>
    <p>Президент Российской Федерации Б.Ельцин</p><p>Москва, Кремль</p>
    <p>13 июня 1996 года</p><p>№ 63-ФЗ</p></body></html>"""  # the Criminal Code's own
    conversion = Source.objects.create(
        slug="uk-2025-test",
        title="Criminal Code, articles current to 2025 (conversion)",
        publisher="A third party",
        kind=Source.Kind.CONVERSION,
    )
    summary = import_document(
        parse_document(later), nd="102041891", law_slug="criminal-code", source=conversion
    )
    assert summary.curated_wordings["added_later"] == 1
    versions = list(treason.versions.order_by("valid_from"))
    assert [(v.pk, v.valid_from) for v in versions[:-1]] == before
    assert versions[-1].valid_from == date(2025, 1, 8) and versions[-1].valid_to is None
    assert versions[-1].source == conversion
    assert versions[-2].valid_to == date(2025, 1, 7)


def test_a_text_naming_no_law_never_dates_an_added_article_from_the_code():
    added_note = NOTE.format("Дополнение статьей - Федеральный закон от 01.05.2016 № 139-ФЗ")
    portal = f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p class="H">Статья 6. Новая</p><p>{added_note}</p><p>Текст новой статьи.</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{FINAL}</p>
    {SIGNATURE}</body></html>"""
    bare = f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p class="H">Статья 6. Новая</p><p>Текст новой статьи, иначе.</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{FINAL}</p>
    {SIGNATURE}</body></html>"""
    import_document(parse_document(portal), nd="900000001", law_slug="test-code")
    import_document(
        parse_document(bare), nd="900000001", law_slug="test-code", source=consolidated_source()
    )
    six = Article.objects.get(law__slug="test-code", number="6")
    starts = sorted(six.versions.values_list("valid_from", flat=True))
    assert starts == [date(2016, 5, 12)], "not from the code's 2003 start"
    assert timeline_of(Article.objects.for_detail().get(pk=six.pk)).gaps() == []


def portal_export(cited: str) -> str:
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p class="H">Статья 1. Предмет</p><p>Деяния, предусмотренные статьями {cited} и 280.</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{FINAL}</p>
    {SIGNATURE}</body></html>"""


def test_a_text_read_again_with_other_punctuation_takes_the_new_reading():
    # An older reader glued the raised 2 of 205<sup>2</sup> to its article ("2052"): the
    # same wording to wording_key, so it once stayed as held. Read again, it is corrected.
    import_document(parse_document(portal_export("2052")), nd="900000001", law_slug="test-code")
    summary = import_document(
        parse_document(portal_export("205.2")), nd="900000001", law_slug="test-code"
    )
    version = Article.objects.get(law__slug="test-code", number="1").versions.get()
    assert version.text_ru == "Деяния, предусмотренные статьями 205.2 и 280."
    # Art. 1 read again; art. 5 (the final provisions) the same as held.
    assert (summary.wordings_reread, summary.wordings_same, summary.updated) == (1, 1, 1)
    assert version.history.first().history_change_reason == "The same text read again"
    again = import_document(
        parse_document(portal_export("205.2")), nd="900000001", law_slug="test-code"
    )
    assert (again.wordings_reread, again.wordings_same) == (0, 2)


def test_a_curated_articles_wording_read_again_takes_the_new_reading():
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    conversion = Source.objects.create(
        slug="uk-2025-test", title="Articles (conversion)", publisher="x", kind="conversion"
    )

    def later(cited: str):
        note = NOTE.format("В редакции Федерального закона от 28.12.2024 № 510-ФЗ")
        return parse_document(f"""<html><body><p>Уголовный кодекс Российской Федерации</p>
        <p class="H">Статья 275. Государственная измена</p>
        <p>Государственная измена, то есть … статьями {cited} … {note}</p>
        <p>Президент Российской Федерации Б.Ельцин</p><p>Москва, Кремль</p>
        <p>13 июня 1996 года</p><p>№ 63-ФЗ</p></body></html>""")

    import_document(later("2761"), nd="102041891", law_slug="criminal-code", source=conversion)
    summary = import_document(
        later("276.1"), nd="102041891", law_slug="criminal-code", source=conversion
    )
    assert summary.curated_wordings["reread"] == 1
    latest = treason.versions.get(valid_to__isnull=True)
    assert "статьями 276.1" in latest.text_ru and latest.source == conversion


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_the_newest_text_names_the_article_whatever_the_order(order):
    """Art. 2 was last amended in 2010, so both texts know every law that changed it; the
    newer one still names it. The older one's chapter heading, set in capitals (as the 2005
    and 2017 editions of the Criminal Code set theirs against the portal's), once split a
    chapter on the law's page."""
    chaptered = {
        "older": edition_2015().replace(
            '<p class="H">Статья 1.',
            '<p class="H">ГЛАВА 1. ОБЩИЕ ПОЛОЖЕНИЯ</p><p class="H">Статья 1.',
        ),
        "newer": edition_2022().replace(
            '<p class="H">Статья 1.',
            '<p class="H">Глава 1. Общие положения</p><p class="H">Статья 1.',
        ),
    }

    def run(which):
        source = consolidated_source() if which == "older" else None
        return import_document(
            parse_document(chaptered[which]), nd="900000001", law_slug="test-code",
            law_title="Test Code", source=source,
        )  # fmt: skip

    for which in ["older", "newer"] if order == "older first" else ["newer", "older"]:
        run(which)
    chapters = set(Article.objects.filter(law__slug="test-code").values_list("chapter", flat=True))
    assert chapters == {"Глава 1. Общие положения"}


def test_a_repealed_point_or_part_reads_alike_from_either_publisher():
    """The portal prints "н) (Пункт утратил силу - …)" and "3. (Часть утратила силу - …)" in
    place; ConsultantPlus prints "н) утратил силу. - …" and leaves the part out. The same
    wording either way (28 Criminal Code articles stopped matching the 2017 edition without
    this)."""
    portal = (
        "1. Текст.\nм) в целях;\nн) (Пункт утратил силу - Федеральный закон от 08.12.2003 "
        "№ 162-ФЗ)\n3. (Часть утратила силу - Федеральный закон от 08.12.2003 № 162-ФЗ)\n4. Ещё."
    )
    consultant = (
        "1. Текст.\nм) в целях;\nн) утратил силу. - Федеральный закон от 08.12.2003 N 162-ФЗ\n"
        "4. Ещё."
    )
    assert wording_key(portal) == wording_key(consultant)
    assert wording_key("2. Часть вторая.") != wording_key("")
