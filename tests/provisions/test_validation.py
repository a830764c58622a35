"""The corpus checks: what is inconsistent fails validate_corpus; what a reader must know
(two texts disagreeing, a curated version without wording) is listed as a notice."""

from datetime import date

import pytest

from provisions.models import ANOTHER_READING, Citation, EditorialNote, Origin, Penalty, Source
from provisions.validation import (
    additional_penalties_without_their_alternative,
    corpus_notices,
    corpus_problems,
    versions_spanning_a_law,
)
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


def test_an_additional_penalty_attached_to_no_main_alternative_is_a_problem():
    version = make_version(make_article(origin=Origin.OFFICIAL), source=make_source())
    common = {"version": version, "part": "1", "unit": "years"}
    Penalty.objects.create(**common, kind="imprisonment", role="main", max=4, alternative=0)
    Penalty.objects.create(
        **common, kind="deprivation_of_right", role="additional", max=3, alternative=0
    )
    assert additional_penalties_without_their_alternative() == []
    Penalty.objects.create(
        **common, kind="deprivation_of_right", role="additional", max=10, alternative=1
    )
    [problem] = additional_penalties_without_their_alternative()
    assert "attached to alternative 1, which has no main penalty" in problem
    assert problem in corpus_problems()
