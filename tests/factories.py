"""Small builders for test data, separate from the curated corpus (slugs start with "test-")."""

from datetime import date
from itertools import count

from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    ChangedPenalty,
    Citation,
    Law,
    Penalty,
    Source,
)

_sequence = count(1)


def make_law(**fields) -> Law:
    n = next(_sequence)
    defaults = {
        "slug": f"test-law-{n}",
        "short_name": f"Test law {n}",
        "title_en": f"Test law {n}",
        "kind": Law.Kind.CODE,
    }
    return Law.objects.create(**{**defaults, **fields})


def make_article(law=None, number=None, **fields) -> Article:
    law = law or make_law()
    number = number or str(next(_sequence))
    return Article.objects.create(
        law=law, number=number, **{"title_en": f"Article {number}", **fields}
    )


def make_version(article=None, valid_from=date(2000, 1, 1), valid_to=None, **fields):
    article = article or make_article()
    return ArticleVersion.objects.create(
        article=article, valid_from=valid_from, valid_to=valid_to, **fields
    )


def make_penalty(version=None, **fields) -> Penalty:
    defaults = {
        "part": "1",
        "kind": Penalty.Kind.IMPRISONMENT,
        "min": 2,
        "max": 5,
        "unit": Penalty.Unit.YEARS,
    }
    return Penalty.objects.create(version=version or make_version(), **{**defaults, **fields})


def make_source(**fields) -> Source:
    n = next(_sequence)
    defaults = {
        "slug": f"test-source-{n}",
        "title": f"Test source {n}",
        "publisher": "Test publisher",
        "kind": Source.Kind.NEWS,
    }
    return Source.objects.create(**{**defaults, **fields})


def cite(**target) -> Citation:
    return Citation.objects.create(source=make_source(), quote="A supporting quote.", **target)


def make_amendment(signed_on=date(2020, 1, 1), in_force_on=date(2020, 1, 10), **fields):
    n = next(_sequence)
    defaults = {"slug": f"test-{n}-fz", "number": f"{n}-FZ", "title_en": f"Amending law {n}"}
    return Amendment.objects.create(
        signed_on=signed_on, in_force_on=in_force_on, **{**defaults, **fields}
    )


def make_change(amendment, article, action=ArticleChange.Action.AMENDED, penalties=(), **fields):
    change = ArticleChange.objects.create(
        amendment=amendment, article=article, action=action, **fields
    )
    for penalty in penalties:
        ChangedPenalty.objects.create(change=change, **penalty)
    return change
