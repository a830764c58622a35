"""Importing the official Criminal Code export from ../shared/data/pravo (never copied here)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.dates import ESTIMATE_NOTE, estimated_in_force
from pravo.importer import import_document
from pravo.parsing.document import parse_document
from provisions.models import (
    Amendment,
    Article,
    ArticleVersion,
    Certainty,
    Citation,
    EditorialNote,
    Law,
    OfficialText,
    Origin,
    Penalty,
)
from provisions.validation import corpus_problems
from tests.factories import make_law
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

PRAVO = PRAVO_DIR
CRIMINAL_CODE = PRAVO / "102041891.html"
CURATED = [
    "128.1",
    "207.3",
    "275",
    "275.1",
    "276",
    "280.3",
    "280.4",
    "283",
    "283.1",
    "283.2",
    "284",
    "284.1",
    "330.1",
]

requires_exports = pytest.mark.skipif(
    not CRIMINAL_CODE.exists(), reason=f"the official exports are not at {PRAVO}"
)


def counts():
    return tuple(
        model.objects.count()
        for model in (Article, ArticleVersion, Penalty, Amendment, EditorialNote, OfficialText)
    )


def curated_snapshot():
    rows = Penalty.objects.filter(version__article__origin=Origin.CURATED).values_list(
        "version__article__number", "version__valid_from", "part", "kind", "min", "max"
    )
    return sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))


@requires_exports
def test_import_the_criminal_code_twice(capsys, client):
    curated_before = curated_snapshot()

    call_command("import_pravo", str(CRIMINAL_CODE))
    first = counts()
    call_command("import_pravo", str(CRIMINAL_CODE))

    assert counts() == first, "a second import changes nothing"
    output = capsys.readouterr().out
    assert "509 unchanged" in output  # 523 headings, 14 of them curated
    # Its text states no in-force date (64-FZ set it): the curated, cited date stands.
    assert (
        "in-force date: 01.01.1997, confirmed (curated, kept; source: Федеральный закон" in output
    )
    law = Law.objects.get(slug="criminal-code")
    assert (law.in_force_on, law.in_force_certainty) == (date(1997, 1, 1), "confirmed")
    assert law.citations.get(note__startswith="in force").source.url.endswith("nd=102041892")
    code = Article.objects.filter(law__slug="criminal-code")
    assert code.count() == 524  # and curated 276.1, added in 2024, after this text
    numbers = set(code.values_list("number", flat=True))
    assert {"105", "275.1", "280.4", "283.2", "361"} <= numbers
    assert "2751" not in numbers
    repealed = code.get(number="159.4")
    assert repealed.repealed_on is not None and not repealed.versions.exists()
    assert curated_snapshot() == curated_before, "curated records are never overwritten"
    assert code.get(number="275").versions.count() == 4
    murder = code.get(number="105").versions.get()
    assert murder.text_ru.startswith("1. Убийство")
    assert {("1", "imprisonment", 6, 15), ("2", "life_imprisonment", None, None)} <= set(
        murder.penalties.values_list("part", "kind", "min", "max")
    )
    assert all(p.certainty == "extracted" for p in murder.penalties.all())
    assert murder.penalties.first().citations.get().source.url.endswith("nd=102041891")
    # The export is current to its last amending law, 413-FZ of 04.08.2023: the page says no
    # later change is known after that day, never that the wording is today's.
    assert murder.penalties.first().citations.get().source.current_to == date(2023, 8, 4)
    page = client.get(code.get(number="105").get_absolute_url()).content.decode()
    assert "no later change known here after 04.08.2023" in page
    note = EditorialNote.objects.get(article__number="280.1", amendment__number="433-FZ")
    assert note.kind == "added" and "433-ФЗ" in note.note
    assert EditorialNote.objects.get(article__number="280.1", amendment__number="274-FZ").parts == (
        "1, 2"
    )
    assert corpus_problems() == []


@requires_exports
def test_curated_penalties_match_the_official_text():
    """Each curated article's penalties in force appear in the importer's reading of the text.

    The reading also finds alternatives facts.md does not list (e.g. fines set as months of
    income, compulsory work in 330.1 part 3); those are kept as OfficialText.differences.
    """
    call_command("import_pravo", str(CRIMINAL_CODE))
    mismatches = {}
    for number in CURATED:
        official = OfficialText.objects.get(
            article__law__slug="criminal-code", article__number=number
        )
        missing = [d for d in official.differences if d.startswith("curated has")]
        if missing:
            mismatches[number] = missing
    assert mismatches == {}


@requires_exports
def test_imported_code_is_filterable_and_comparable(client):
    call_command("import_pravo", str(CRIMINAL_CODE))
    heavy = client.get(
        "/provisions/",
        {"law": "criminal-code", "max_prison_years_min": "15", "format": "json", "sort": "number"},
    ).json()
    numbers = [row["number"] for row in heavy["results"]]
    assert {"105", "275"} <= set(numbers)
    assert heavy["count"] > 30
    compared = client.get(
        "/compare/", {"articles": "criminal-code:105,criminal-code:275", "format": "json"}
    ).json()
    assert [a["number"] for a in compared["articles"]] == ["105", "275"]
    page = client.get("/provisions/criminal-code/275/").content.decode()
    assert "Official text" in page
    assert client.get("/provisions/criminal-code/105/").status_code == 200


@pytest.mark.parametrize(
    "content",
    [
        None,  # the first 5,000 bytes of the real export: truncated
        b"<html><body><p>Hello</p></body></html>",
        b"",
        b"not html at all",
    ],
)
@requires_exports
def test_a_file_that_is_not_an_export_is_refused_with_no_writes(tmp_path, content):
    bad = tmp_path / "102041891.html"
    bad.write_bytes(CRIMINAL_CODE.read_bytes()[:5000] if content is None else content)
    before = counts()
    with pytest.raises(CommandError, match="not a pravo.gov.ru export"):
        call_command("import_pravo", str(bad))
    assert counts() == before


def test_unknown_file_needs_a_law_slug(tmp_path):
    export = tmp_path / "999.html"
    export.write_text("<html></html>")
    with pytest.raises(CommandError, match="--law"):
        call_command("import_pravo", str(export))


# --- Dates: the code's in-force date from its own text; amending laws' estimated dates ---------

CODE_ND = "900000001"


def synthetic_export(
    final: str = "Настоящий Кодекс вводится в действие с 1 июля 2003 года.",
) -> str:
    """A small export: two amended articles, one repealed, one never amended, final provisions."""
    note = '<span class="mark">({})</span>'
    listed = note.format(
        "В редакции федеральных законов от 10.03.2010 № 20-ФЗ; от 14.07.2022 № 260-ФЗ"
    )
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p>{listed}</p>
    <p class="H">Статья 1. Предмет</p><p>Текст первой статьи.</p>
    <p class="H">Статья 2. Изменённая</p>
    <p>1. Текст. {note.format("В редакции Федерального закона от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Статья 3. Дополненная</p>
    <p>{note.format("Статья в редакции Федерального закона от 14.07.2022 № 260-ФЗ")}</p>
    <p>Новый текст.</p>
    <p class="H">Статья 4. Утратила силу.</p>
    <p>{note.format("Утратила силу - Федеральный закон от 10.03.2010 № 20-ФЗ")}</p>
    <p class="H">Статья 5. Введение в действие настоящего Кодекса</p><p>{final}</p>
    <p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p>
    </body></html>"""


def import_synthetic(html=None, slug="test-code"):
    document = parse_document(html or synthetic_export())
    return import_document(document, nd=CODE_ND, law_slug=slug, law_title="Test Code")


def in_force_citations(law):
    return list(law.citations.filter(note__startswith="in force"))


def test_the_estimate_rule_fits_the_curated_amendments_it_names():
    """260-FZ, 157-FZ, 58-FZ and 538-FZ came into force on signing + 11 days (curated)."""
    for slug in ("260-fz-2022", "157-fz-2023", "58-fz-2023", "538-fz-2020"):
        amendment = Amendment.objects.get(slug=slug)
        assert estimated_in_force(amendment.signed_on) == amendment.in_force_on, slug


def test_a_code_and_its_amendments_get_honest_dates():

    summary = import_synthetic()
    law = Law.objects.get(slug="test-code")
    assert (law.in_force_on, law.in_force_certainty) == (date(2003, 7, 1), "extracted")
    [citation] = in_force_citations(law)
    assert citation.quote == "Настоящий Кодекс вводится в действие с 1 июля 2003 года."
    assert citation.note == "in force date (art. 5)"
    assert citation.source.url.endswith(f"nd={CODE_ND}")
    lines = summary.lines()
    assert (
        "in-force date: 01.07.2003, extracted from art. 5: "
        "«Настоящий Кодекс вводится в действие с 1 июля 2003 года.»"
    ) in lines
    assert any("signing date + 11 days (Federal Law 5-FZ" in line for line in lines)

    new = Amendment.objects.get(number="20-FZ", signed_on=date(2010, 3, 10))
    assert (new.in_force_on, new.in_force_certainty) == (date(2010, 3, 21), "estimated")
    assert new.note == ESTIMATE_NOTE
    # 260-FZ is curated: its dates stand (in force 25.07.2022, inferred).
    curated = Amendment.objects.get(slug="260-fz-2022")
    assert (curated.in_force_on, curated.in_force_certainty) == (date(2022, 7, 25), "inferred")

    articles = {a.number: a for a in Article.objects.filter(law=law)}
    assert articles["1"].versions.get().valid_from == date(2003, 7, 1)  # never amended
    assert articles["2"].versions.get().valid_from == date(2010, 3, 21)  # the estimate
    version = articles["3"].versions.get()
    assert (version.valid_from, version.introduced_by) == (date(2022, 7, 25), curated)
    assert "estimated in-force date of 20-FZ" in articles["2"].versions.get().note
    # A repealed article: repealed from the repealing law's (estimated) in-force date.
    assert articles["4"].repealed_on == date(2010, 3, 21)
    assert not articles["4"].versions.exists()

    before = (counts(), Citation.objects.count())
    again = import_synthetic()
    assert (counts(), Citation.objects.count()) == before, "a second import changes nothing"
    assert again.unchanged == 5 and again.updated == 0
    assert len(in_force_citations(law)) == 1


def test_reimporting_an_import_made_before_the_estimate_moves_its_dates():
    """The earlier importer stored each amendment's signing date as its in-force date
    (unverified), started versions and repeals on it, and left the code's date empty."""

    import_synthetic()
    law = Law.objects.get(slug="test-code")
    # Put the database back as the earlier importer left it.
    made = Amendment.objects.filter(certainty=Certainty.EXTRACTED, number__in=["20-FZ"])
    for amendment in made:
        amendment.in_force_on, amendment.in_force_certainty = amendment.signed_on, "unverified"
        amendment.save()
    for version in ArticleVersion.objects.filter(article__law=law):
        start = version.introduced_by.in_force_on if version.introduced_by else law.adopted_on
        ArticleVersion.objects.filter(pk=version.pk).update(valid_from=start)
    Article.objects.filter(law=law, number="4").update(repealed_on=date(2010, 3, 10))
    Law.objects.filter(pk=law.pk).update(in_force_on=None, in_force_certainty="confirmed")
    law.citations.all().delete()

    summary = import_synthetic()

    assert summary.amendments_estimated == 1
    amendment = Amendment.objects.get(number="20-FZ", signed_on=date(2010, 3, 10))
    assert (amendment.in_force_on, amendment.in_force_certainty) == (date(2010, 3, 21), "estimated")
    articles = {a.number: a for a in Article.objects.filter(law=law)}
    assert articles["1"].versions.get().valid_from == date(2003, 7, 1)
    assert articles["2"].versions.get().valid_from == date(2010, 3, 21)
    assert articles["4"].repealed_on == date(2010, 3, 21)
    law.refresh_from_db()
    assert (law.in_force_on, law.in_force_certainty) == (date(2003, 7, 1), "extracted")
    assert len(in_force_citations(law)) == 1
    assert corpus_problems() == []


def test_no_date_in_the_text_leaves_it_unknown_and_says_why():

    summary = import_synthetic(synthetic_export(final="Иные положения."))
    law = Law.objects.get(slug="test-code")
    assert (law.in_force_on, law.in_force_certainty) == (None, "unknown")
    assert in_force_citations(law) == []
    assert "in-force date: not found in the text; unknown" in summary.lines()
    # Never-amended articles start on the signing date, and say so.
    version = Article.objects.get(law=law, number="1").versions.get()
    assert version.valid_from == law.adopted_on
    assert "the date it came into force being unknown" in version.note

    enacting = "Настоящий Кодекс вводится в действие федеральным законом о введении в действие."
    summary = import_synthetic(synthetic_export(final=enacting))
    [citation] = in_force_citations(law)
    assert citation.quote == enacting
    assert citation.note.startswith("in force by a separate enacting law (art. 5)")
    assert any(
        line.startswith("in-force date: not found in the text (set by a separate")
        for line in summary.lines()
    )


def test_a_curated_in_force_date_is_kept():

    law = make_law(slug="curated-code", in_force_on=date(2003, 1, 1), adopted_on=date(2001, 12, 30))
    summary = import_synthetic(slug="curated-code")
    law.refresh_from_db()
    assert (law.in_force_on, law.in_force_certainty) == (date(2003, 1, 1), "confirmed")
    assert in_force_citations(law) == []
    assert any(
        line.startswith("in-force date: 01.01.2003, confirmed (curated, kept")
        and "the text says 01.07.2003" in line
        for line in summary.lines()
    )


@requires_exports
def test_the_labour_code_is_in_force_from_its_own_art_420():

    call_command("import_pravo", str(PRAVO / "102074279.html"))
    law = Law.objects.get(slug="labour-code")
    assert (law.in_force_on, law.in_force_certainty) == (date(2002, 2, 1), "extracted")
    [citation] = in_force_citations(law)
    assert citation.quote == "Настоящий Кодекс вводится в действие с 1 февраля 2002 года."
    assert citation.note == "in force date (art. 420)"
    never_amended = ArticleVersion.objects.filter(
        article__law=law, introduced_by__isnull=True
    ).values_list("valid_from", flat=True)
    assert set(never_amended) == {date(2002, 2, 1)}


SANCTIONED_EXPORT = """<html><body><p>Пробный кодекс Российской Федерации</p>
<p class="H">Статья 7. Пробная</p>
<p>1. Деяние - наказывается принудительными работами на срок до четырех лет с лишением права
занимать определенные должности или заниматься определенной деятельностью на срок до трех лет
или без такового, либо лишением свободы на срок до четырех лет с лишением права занимать
определенные должности или заниматься определенной деятельностью на срок до десяти лет.</p>
<p>2. То же деяние - наказывается штрафом в размере от десятикратной до пятидесятикратной суммы
взятки, либо лишением свободы на срок до пяти лет с конфискацией имущества.</p>
<p>Президент Российской Федерации В.Путин</p><p>30 декабря 2001 года</p><p>№ 999-ФЗ</p>
</body></html>"""


def test_alternatives_are_stored_apart_and_what_is_not_read_is_kept(client):
    document = parse_document(SANCTIONED_EXPORT)
    summary = import_document(
        document, nd=CODE_ND, law_slug="test-code", law_title="Test Code", sanctions=True
    )
    version = ArticleVersion.objects.get(article__law__slug="test-code", article__number="7")
    rows = set(
        version.penalties.values_list(
            "part", "alternative", "role", "kind", "min", "max", "unit", "multiple_of", "optional"
        )
    )
    assert rows == {
        ("1", 0, "main", "forced_labour", None, 4, "years", "", False),
        ("1", 0, "additional", "deprivation_of_right", None, 3, "years", "", True),
        ("1", 1, "main", "imprisonment", None, 4, "years", "", False),
        ("1", 1, "additional", "deprivation_of_right", None, 10, "years", "", False),
        ("2", 0, "main", "fine", 10, 50, "multiple", "bribe", False),
        ("2", 1, "main", "imprisonment", None, 5, "years", "", False),
    }
    [unread] = version.unparsed_sanctions.all()
    assert (unread.part, unread.text) == ("2", "с конфискацией имущества")
    lines = "\n".join(summary.lines())
    assert "sanctions: 1 of 2 read completely, 1 with clauses not read (1 clauses" in lines
    assert "fine in multiple 1" in lines

    data = client.get("/provisions/test-code/7/", {"format": "json"}).json()
    [held] = [v for v in data["versions"] if v["held"]]
    assert held["unparsed"] == [
        {"part": "2", "text": "с конфискацией имущества", "reason": unread.reason}
    ]
    additional = [p for p in held["penalties"] if p["role"] == "additional"]
    assert {(p["attached_to"]["kind"], p["max"], p["optional"]) for p in additional} == {
        ("forced_labour", 3, True),
        ("imprisonment", 10, False),
    }
    fine = next(p for p in held["penalties"] if p["unit"] == "multiple")
    assert (fine["multiple_of"], fine["summary"]) == ("bribe", "fine of 10–50 times the bribe")
    page = client.get("/provisions/test-code/7/").content.decode()
    assert "Not read into structured data:" in page and "с конфискацией имущества" in page
