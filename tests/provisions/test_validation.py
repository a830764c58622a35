"""The corpus checks: what is inconsistent fails validate_corpus; what a reader must know
(two texts disagreeing, a curated version without wording) is listed as a notice."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from provisions.models import (
    ANOTHER_READING,
    Article,
    Citation,
    EditorialNote,
    OfficialText,
    Origin,
    Penalty,
    Source,
)
from provisions.penalties.differences import COMPARED
from provisions.validation import (
    additional_penalties_without_their_alternative,
    corpus_notices,
    corpus_problems,
    curated_short_of_official,
    versions_spanning_a_law,
)
from tests.factories import make_amendment, make_article, make_source, make_version
from tests.pravo_data import EDITIONS_DIR, KOAP_DIR, PRAVO_DIR

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


def test_the_curated_versions_hold_what_the_official_texts_hold():
    """Issue #18: each curated version in force against the official text imported beside it —
    the portal's Criminal Code (04.08.2023), then the 2025 articles (284.2 and 276.1 are current
    from 2025), then КоАП (08.08.2024) — holds the same penalties, alternative by alternative."""
    texts = [
        ("import_pravo", PRAVO_DIR / "102041891.html"),
        ("import_official", EDITIONS_DIR / "uk_red-2025-10-15_articles", "--law", "criminal-code"),
        ("import_official", KOAP_DIR / "koap_2024-08-08_consultant.txt"),
    ]
    for _command, path, *_options in texts:
        if not path.exists():
            pytest.skip(f"not found: {path}")
    for command, path, *options in texts:
        extra = ["--write"] if command == "import_official" else []
        call_command(command, str(path), *options, *extra, stdout=StringIO())
        assert curated_short_of_official() == [], path.name
    compared = OfficialText.objects.filter(article__origin=Origin.CURATED).exclude(
        extracted_penalties=[]
    )
    assert compared.filter(article__law__slug="criminal-code").count() >= 14
    assert compared.filter(article__law__slug="administrative-code").count() >= 3


def test_a_curated_version_short_of_its_official_text_is_a_problem():
    article = Article.objects.get(law__slug="criminal-code", number="283.1")
    current = article.versions.get(valid_to__isnull=True)
    penalties = list(current.penalties.all())
    OfficialText.objects.create(
        article=article,
        source=make_source(kind=Source.Kind.OFFICIAL_TEXT),
        text_ru="Статья 283.1.",
        edition_date=date(2023, 8, 4),
        extracted_penalties=[{name: getattr(p, name) for name in COMPARED} for p in penalties],
    )
    assert curated_short_of_official() == []
    prison = current.penalties.get(part="1", kind="imprisonment")
    assert prison.alternative == 1  # "штрафом …, либо лишением свободы …": the second
    prison.delete()
    assert curated_short_of_official() == [
        "Criminal Code, art. 283.1: the curated version from 2012-11-14 and the official text "
        "(current to 2023-08-04) differ: official text has part 1 alternative 1 main "
        "imprisonment –4 years, curated does not"
    ]
    assert any("art. 283.1" in line for line in corpus_problems())
