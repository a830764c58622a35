"""Every transition an article can make between two editions of one text: new, changed,
unchanged, repealed, restored; and an older edition imported over a newer one and back again
leaves what the newer one wrote (the right file repairs a wrong import; issue #21, defect 2)."""

from datetime import date

import pytest

from pravo.importer import import_document
from pravo.parsing.document import parse_document
from provisions.models import Article, ArticleVersion, Citation, EditorialNote, Penalty
from provisions.validation import corpus_problems

pytestmark = pytest.mark.django_db

NOTE = '<span class="mark">({})</span>'
OLD_LAW, NEW_LAW = "от 10.03.2010 № 20-ФЗ", "от 14.07.2022 № 260-ФЗ"
OLD_START, NEW_START = date(2010, 3, 21), date(2022, 7, 25)  # signing + 11 days (5-FZ art. 6)


def export(*articles: str, laws: str) -> str:
    return f"""<html><body><p>Пробный кодекс Российской Федерации</p>
    <p>{NOTE.format("В редакции федеральных законов " + laws)}</p>{"".join(articles)}
    <p class="H">Статья 9. Введение в действие настоящего Кодекса</p>
    <p>Настоящий Кодекс вводится в действие с 1 июля 2003 года.</p>
    <p>Президент Российской Федерации В.Путин</p><p>Москва, Кремль</p>
    <p>30 декабря 2001 года</p><p>№ 999-ФЗ</p></body></html>"""


def article(number: int, text: str, note: str = "") -> str:
    noted = NOTE.format(note) if note else ""
    return f'<p class="H">Статья {number}. Статья</p><p>1. {text} {noted}</p>'


def repealed(number: int, law: str) -> str:
    note = NOTE.format(f"Утратила силу - Федеральный закон {law}")
    return f'<p class="H">Статья {number}. Утратила силу.</p><p>{note}</p>'


OLDER = export(
    article(1, "Без изменений."),
    article(2, "Прежний текст.", f"В редакции Федерального закона {OLD_LAW}"),
    article(3, "Действует."),
    repealed(4, OLD_LAW),
    laws=OLD_LAW,
)
NEWER = export(
    article(1, "Без изменений."),
    article(2, "Новый текст.", f"В редакции Федерального закона {NEW_LAW}"),
    repealed(3, NEW_LAW),
    article(4, "Восстановлена.", f"Статья в редакции Федерального закона {NEW_LAW}"),
    article(6, "Новая.", f"Дополнение статьей - Федеральный закон {NEW_LAW}"),
    laws=f"{OLD_LAW}; {NEW_LAW}",
)


def run(html):
    return import_document(
        parse_document(html), nd="900000003", law_slug="test-code", law_title="Test Code"
    )


def state() -> dict:
    """Each article: repealed_on, whether a version is in force, its versions' periods and
    first words (the figures the database keeps from a rebuilt state)."""
    return {
        a.number: (
            a.repealed_on,
            a.current_version_id is not None,
            [(v.valid_from, v.valid_to, v.text_ru[:16]) for v in a.versions.order_by("valid_from")],
        )
        for a in Article.objects.filter(law__slug="test-code")
    }


def rows():
    law_rows = {"article__law__slug": "test-code"}
    return (
        Article.objects.filter(law__slug="test-code").count(),
        ArticleVersion.objects.filter(**law_rows).count(),
        Penalty.objects.filter(version__article__law__slug="test-code").count(),
        Citation.objects.filter(version__article__law__slug="test-code").count(),
        EditorialNote.objects.filter(**law_rows).count(),
    )


def test_each_transition_between_two_editions():
    run(OLDER)
    summary = run(NEWER)

    assert (summary.created, summary.updated, summary.unchanged) == (1, 3, 2)
    held = state()
    assert held["1"] == (None, True, [(date(2003, 7, 1), None, "1. Без изменений")])  # unchanged
    assert held["2"] == (None, True, [(NEW_START, None, "1. Новый текст.")])  # changed
    assert held["3"] == (  # repealed: its wording ends the day before
        NEW_START,
        False,
        [(date(2003, 7, 1), date(2022, 7, 24), "1. Действует.")],
    )
    assert held["4"] == (None, True, [(NEW_START, None, "1. Восстановлена")])  # restored
    assert held["6"] == (None, True, [(NEW_START, None, "1. Новая.")])  # new
    assert corpus_problems() == []


def test_the_newer_edition_again_repairs_an_older_one_imported_over_it():
    run(OLDER)
    run(NEWER)
    newer, counted = state(), rows()

    run(OLDER)  # the wrong (older) file
    assert state() != newer
    again = run(NEWER)  # the right one

    assert state() == newer and rows() == counted
    assert again.created == 0
    assert corpus_problems() == []
