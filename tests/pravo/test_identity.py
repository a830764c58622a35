"""A text is imported only as the act it is: the wrong file, a saved LawBase page, or an HTML
page that is no export at all is refused with no row written (issue #21, defect 1)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pravo.identity import (
    ImportRefused,
    check_identity,
    headings_match,
    marks_of,
    normal_number,
)
from pravo.importer import import_document
from pravo.law_record import signature_date
from pravo.parsing.document import ParsedArticle, ParsedDocument, parse_document, parse_file
from provisions.models import (
    Amendment,
    Article,
    ArticleVersion,
    Citation,
    EditorialNote,
    Law,
    OfficialText,
    Penalty,
    Source,
)
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

CRIMINAL_CODE = PRAVO_DIR / "102041891.html"
CONSTITUTION = PRAVO_DIR / "102027595.html"
requires_exports = pytest.mark.skipif(
    not CONSTITUTION.exists(), reason=f"the official exports are not at {PRAVO_DIR}"
)
MODELS = (
    Law,
    Article,
    ArticleVersion,
    Penalty,
    Citation,
    EditorialNote,
    Amendment,
    OfficialText,
    Source,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@requires_exports
def test_the_constitution_saved_under_the_criminal_codes_name_is_refused(tmp_path):
    wrong = tmp_path / "102041891.html"
    wrong.write_bytes(CONSTITUTION.read_bytes())
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    text = treason.versions.get(valid_to=None).text_ru
    before = row_counts()

    with pytest.raises(CommandError) as refused:
        call_command("import_pravo", str(wrong))

    message = str(refused.value)
    assert "not imported as Criminal Code" in message
    assert "its own links give portal nd=102027595, the file is named 102041891" in message
    assert "titled “КОНСТИТУЦИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ”" in message
    assert "Nothing was written" in message
    assert row_counts() == before
    assert treason.versions.get(valid_to=None).text_ru == text


def test_a_saved_lawbase_page_is_not_an_export(client, tmp_path, settings):
    settings.LAWBASE_RESULT_CACHE = False
    page = tmp_path / "p.html"
    page.write_bytes(client.get("/provisions/criminal-code/275/").content)
    treason = Article.objects.get(law__slug="criminal-code", number="275")
    text = treason.versions.get(valid_to=None).text_ru
    before = row_counts()

    with pytest.raises(CommandError, match="nothing in it confirms it is that act"):
        call_command("import_pravo", str(page), "--law", "criminal-code")
    with pytest.raises(CommandError, match="neither the portal's links nor a signing block"):
        call_command("import_pravo", str(page), "--law", "a-new-law")

    assert row_counts() == before
    assert treason.versions.get(valid_to=None).text_ru == text


def test_an_html_page_that_names_another_act_is_refused():
    page = """<html><body><p>Пробный кодекс Российской Федерации</p>
    <p class="H">Статья 275. Государственная измена</p><p>Другой текст.</p>
    <p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p></body></html>"""
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_document(parse_document(page), nd="102041891", law_slug="criminal-code")
    message = str(refused.value)
    assert "its number is 999-FZ, where Criminal Code has 63-FZ" in message
    assert "its signing date is 2001-12-30, where Criminal Code has 1996-06-13" in message
    assert "titled “Пробный кодекс Российской Федерации”" in message
    assert row_counts() == before


@requires_exports
def test_an_export_is_known_by_its_own_links_whatever_its_file_name():
    document = parse_file(CRIMINAL_CODE)
    marks = marks_of(document, signature_date(document))
    assert (marks.nd, marks.number, marks.signed_on) == ("102041891", "63-FZ", date(1996, 6, 13))
    law = Law.objects.get(slug="criminal-code")
    # Imported from "uk.html" with --law: the export's own nd is the one cited.
    assert check_identity(document, law, "uk", marks.signed_on) == "102041891"
    constitution = parse_file(CONSTITUTION)
    assert constitution.portal_nd == "102027595"
    assert check_identity(constitution, None, "102027595", None) == "102027595"
    with pytest.raises(ImportRefused, match="its number is 63-FZ, where Code of Admin"):
        check_identity(document, Law.objects.get(slug="administrative-code"), "x", None)


def test_numbers_compare_in_either_script():
    assert normal_number("63-ФЗ") == normal_number("N 63-FZ") == "63-FZ"
    assert normal_number("1-ФКЗ") == "1-FKZ"


def test_per_article_files_are_known_by_their_headings():
    def document(*titles):
        articles = [
            ParsedArticle(number, title, "", "", [], [], "", False, []) for number, title in titles
        ]
        return ParsedDocument(title="", articles=articles, amending_laws=[], unparsed=[])

    code = Law.objects.get(slug="criminal-code")
    assert headings_match(
        document(("275", "Государственная измена"), ("276", "Шпионаж"), ("999", "Нет такой")), code
    )
    assert not headings_match(document(("275", "Права человека"), ("276", "Выборы")), code)
