"""The corpus checks: what is inconsistent fails validate_corpus; what a reader must know
(two texts disagreeing, a curated version without wording) is listed as a notice."""

from datetime import date

import pytest

from provisions.models import ANOTHER_READING, Citation, EditorialNote, Origin, Source
from provisions.validation import corpus_notices, corpus_problems, versions_spanning_a_law
from tests.factories import make_amendment, make_article, make_source, make_version

pytestmark = pytest.mark.django_db


def test_the_curated_corpus_is_consistent():
    assert corpus_problems() == []


def test_two_texts_disagreeing_on_a_wording_are_a_notice_not_a_problem():
    version = make_version(make_article(origin=Origin.OFFICIAL), source=make_source())
    other = make_source(kind=Source.Kind.CONSOLIDATED_TEXT, title="An older edition")
    Citation.objects.create(
        source=other, version=version, quote="Иной текст.", note=ANOTHER_READING
    )
    assert any("An older edition" in line and "both kept" in line for line in corpus_notices())


def test_an_imported_wording_running_over_a_law_its_notes_name_is_a_problem():
    article = make_article(origin=Origin.OFFICIAL)
    make_version(article, valid_from=date(2000, 1, 1), valid_to=None, source=make_source())
    later = make_amendment(signed_on=date(2010, 1, 1), in_force_on=date(2010, 1, 12))
    EditorialNote.objects.create(amendment=later, article=article, kind="amended", note="(…)")
    assert len(versions_spanning_a_law()) == 1
    assert any("runs over a law" in line for line in corpus_problems())
