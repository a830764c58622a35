"""What every model of the legal data shares: certainty, origin, natural keys, and rows read
by hand kept where a prefetch keeps them."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

ARTICLE_NUMBER_RE = r"^\d+(\.\d+)*$"
article_number_validator = RegexValidator(
    ARTICLE_NUMBER_RE, "An article number is digits with optional dotted parts, e.g. 275.1."
)


def natural_sort_key(number: str) -> str:
    """'275.1' -> '000275.000001', so a plain string sort puts 275 < 275.1 < 276 < 1000."""
    return ".".join(part.zfill(6) for part in re.findall(r"\d+", number))


def refuse_future(day: date | None, field: str, message: str) -> None:
    """Raise a ValidationError on `field` when `day` is after today: a law's signing date is
    a fact of the past (the site never records one announced ahead). `message` is shown with
    today's date."""
    today = date.today()
    if day is not None and day > today:
        raise ValidationError({field: f"{message} ({today:%d.%m.%Y})."}, code="signed_in_future")


def keep_prefetched(instance, relation: str, rows: list) -> None:
    """Keep `rows`, read by hand, as `instance.<relation>.all()`'s answer: the related manager
    returns what the prefetch cache holds as it is, so callers iterate the list (`.filter()`,
    `.count()` and the like on that manager fail: read it as a prefetch's rows only). No
    queryset is built per instance, which cost more than the one query that read the rows
    (read_children: list rows' penalties, the article and compare pages' relations; the
    article page's citations)."""
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = rows


def read_children(
    owners: list, rows: models.QuerySet | None, relation: str, to_attr: str | None = None
) -> list:
    """Read the rows of a reverse foreign key (`relation`, such as "penalties" of
    ArticleVersion) for all `owners` in one query of `rows` (their queryset, ordered as the
    page wants), and keep each owner's share as `owner.<relation>.all()` (keep_prefetched)
    or, given `to_attr`, as a list in `owner.<to_attr>`; each row's foreign key points back
    at its owner, as prefetch_related would.

    prefetch_related clones a queryset per owner to keep its share: on the article page
    (three versions, their penalties) that was 0.9 of the 2.5 ms the fetch took. Returns
    every row read. `rows` None: the owners are known to have none (a flag said so), and each
    is given its empty share without a query; nor is there one when there are no owners.
    For a reverse foreign key to the owner's primary key, named by its related_name; `rows`
    not sliced."""
    if not owners:
        return []
    link = owners[0]._meta.get_field(relation).field  # the child's ForeignKey
    shares: dict = {owner.pk: [] for owner in owners}
    found = [] if rows is None else list(rows.filter(**{f"{link.attname}__in": list(shares)}))
    for row in found:
        shares[getattr(row, link.attname)].append(row)
    for owner in owners:
        for row in shares[owner.pk]:
            link.set_cached_value(row, owner)
        if to_attr:
            setattr(owner, to_attr, shares[owner.pk])
        else:
            keep_prefetched(owner, relation, shares[owner.pk])
    return found


class NaturalKeyManager(models.Manager):
    """A manager whose get_by_natural_key delegates to the model's classmethod."""

    def get_by_natural_key(self, *key):
        return self.model.get_by_natural_key(*key)


class Certainty(models.TextChoices):
    """How well a fact is supported, as ../shared/facts.md marks it."""

    CONFIRMED = "confirmed", "Confirmed"
    INFERRED = "inferred", "Inferred"
    UNVERIFIED = "unverified", "Unverified"
    EXTRACTED = "extracted", "Extracted from the official text"
    # A date reasoned from a rule rather than read in a source (e.g. an amending law's
    # in-force date from its signing date under Federal Law 5-FZ of 14.06.1994, art. 6).
    ESTIMATED = "estimated", "Estimated"
    UNKNOWN = "unknown", "Unknown"


class Origin(models.TextChoices):
    """Where a record came from: curated by editors, imported from an official text, or made up
    by `generate_corpus` for benchmarks (never mixed with real data)."""

    CURATED = "curated", "Curated"
    OFFICIAL = "official", "Imported from the official text"
    SYNTHETIC = "synthetic", "Synthetic (benchmark data)"
