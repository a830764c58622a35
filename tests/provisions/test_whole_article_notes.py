"""Telling whole-article notes from notes on a part (provisions.whole_article_notes)."""

from datetime import date

from provisions.whole_article_notes import adds_the_article, repeals_the_article
from tests.provisions.timeline_doubles import Note, law


def test_whole_article_notes_are_told_from_part_notes():
    any_law = law(1, "1-FZ", date(2003, 12, 8))
    assert adds_the_article(Note(any_law, "(Дополнение статьей - Федеральный закон …)"))
    assert not adds_the_article(Note(any_law, "(Дополнение пунктом - Федеральный закон …)"))
    assert repeals_the_article(Note(any_law, "(Утратила силу - Федеральный закон …)"))
    assert not repeals_the_article(Note(any_law, "(Часть утратила силу - …)", parts="3"))
    assert not repeals_the_article(Note(any_law, "(Утратил силу - Федеральный закон …)", "1"))
    # The head line of an act repealed as a whole, quoted on each article it repeals.
    head = "Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ"
    assert repeals_the_article(Note(any_law, head))
    assert not repeals_the_article(Note(any_law, head, parts="2"))


def test_a_part_introduced_is_not_the_article_introduced():
    any_law = law(1, "1-FZ", date(2003, 12, 8))
    assert adds_the_article(Note(any_law, "(введена Федеральным законом от … № 1-ФЗ)", parts=""))
    assert not adds_the_article(Note(any_law, "(введена Федеральным законом …)", parts="2"))
