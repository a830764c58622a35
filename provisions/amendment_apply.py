"""Applying an amendment: the one write path that turns ArticleChanges into ArticleVersions.

`amendment_apply` is atomic: every change is checked before anything is written, and any
failure while writing rolls the whole amendment back. The admin action and the
`apply_amendment` command both call it; nothing happens behind a signal.

Two laws in force the same day on one article (laws signed together, such as 258-FZ and
260-FZ of 14.07.2022, which both amend Criminal Code art. 104.1, often come into force
together): the first applied opens the version from that day; the second is
merged into it in place, in application order (its parts' penalties replace those parts', its
wording replaces the wording), the version keeps its introduced_by, and its note names the
second law. Both changes stay listed on the article's page.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from provisions.changes import refresh_article_effects, store_change_effects
from provisions.in_force import store_in_force
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    Certainty,
    Citation,
    Penalty,
)

Action = ArticleChange.Action

# Weakest first: a version merged from two changes is only as certain as the less certain.
CERTAINTY_ORDER = [
    Certainty.UNKNOWN,
    Certainty.UNVERIFIED,
    Certainty.ESTIMATED,
    Certainty.INFERRED,
    Certainty.EXTRACTED,
    Certainty.CONFIRMED,
]


class AlreadyApplied(Exception):
    """The amendment was applied before this call got its row (by another editor, perhaps at
    the same moment); `applied_at` says when."""

    def __init__(self, amendment: Amendment):
        super().__init__(f"{amendment} was already applied on {amendment.applied_at:%Y-%m-%d}.")
        self.applied_at = amendment.applied_at


def amendment_apply(
    *, amendment: Amendment, user=None, refuse_applied: bool = False
) -> list[ArticleVersion]:
    """Close each affected article's version the day before `in_force_on`, open the new one,
    and store each change's effect (harsher, softer, …) on the change. Where another applied
    amendment already opened the article's version on that very day, merge the change into
    that version instead (`merge_change`).

    Returns the versions created (not those merged into); an amendment already applied
    returns [] and writes nothing, or, with `refuse_applied`, raises AlreadyApplied (so a
    caller can tell it from an apply that merged every change). Raises ValidationError
    (listing every problem) and writes nothing when a change is invalid.
    """
    with transaction.atomic():
        # The row lock makes two simultaneous applies of one amendment run one after the other;
        # the second then sees applied_at and does nothing.
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.applied_at is not None:
            if refuse_applied:
                raise AlreadyApplied(amendment)
            return []
        changes = list(amendment.changes.select_related("article").prefetch_related("penalties"))
        open_versions = {
            version.article_id: version
            for version in ArticleVersion.objects.filter(
                article__in=[change.article_id for change in changes], valid_to__isnull=True
            )
            .select_related("introduced_by")
            .prefetch_related("penalties__citations")
        }
        problems = change_problems(amendment, changes, open_versions)
        if problems:
            raise ValidationError(problems)
        created, merged = [], []
        try:
            for change in changes:
                current = open_versions.get(change.article_id)
                if is_same_day(current, amendment):
                    merge_change(change, amendment, current, user)
                    merged.append(change.article_id)
                else:
                    created.append(apply_change(change, amendment, current, user))
        except IntegrityError as error:
            raise ValidationError(f"The database refused a change: {error}") from error
        amendment.applied_at = timezone.now()
        amendment.applied_by = user
        with_history_user(amendment, user).save(update_fields=["applied_at", "applied_by"])
        # Labelled once, here, from the versions just derived; pages read the stored label.
        # A merge changes the version another amendment opened: its changes are relabelled.
        store_change_effects(amendment.changes.all())
        refresh_article_effects(merged)
        # An added or repealed article's timeline moves: store its coming into force.
        store_in_force(Article.objects.filter(changes__amendment=amendment).distinct())
    return [version for version in created if version is not None]


def change_problems(amendment, changes, open_versions) -> list[str]:
    """Everything that would make applying the amendment wrong, in words an editor can act on."""
    if not changes:
        return [f"{amendment} has no article changes to apply."]
    problems = []
    day = amendment.in_force_on
    for change in changes:
        label = f"Art. {change.article.number}"
        current = open_versions.get(change.article_id)
        if change.action == Action.ADDED:
            if current is not None:
                problems.append(f"{label} is already in force; it cannot be added again.")
            elif change.article.versions.filter(valid_to__gte=day).exists():
                problems.append(f"{label} has a version that ends on or after {day}.")
            elif not change.penalties.all() and not change.new_text_ru and not change.new_text_en:
                problems.append(f"{label}: a new article needs its text or its penalties.")
        elif current is None:
            problems.append(f"{label} has no version in force to {change.action}.")
        elif is_same_day(current, amendment):
            if change.action == Action.REPEALED:
                problems.append(
                    f"{label}: {current.introduced_by.number} opened its version on {day}, "
                    "the day this amendment repeals it; a repeal on the day another law "
                    "amends the article is not applied automatically. Edit the versions by "
                    "hand or correct the dates."
                )
        elif current.valid_from >= day:
            problems.append(
                f"{label}: its current version starts on {current.valid_from}, "
                f"not before this amendment comes into force ({day})."
            )
    return problems


def is_same_day(current, amendment) -> bool:
    """Whether `current` (an article's open version) was opened by another applied amendment
    on the day `amendment` comes into force: the case `merge_change` handles. A version that
    no amendment opened (an editor's, the original wording) is never merged into."""
    opener = current.introduced_by if current is not None else None
    return (
        opener is not None
        and opener.pk != amendment.pk
        and opener.applied_at is not None
        and current.valid_from == amendment.in_force_on
    )


def merge_change(change, amendment, version, user) -> ArticleVersion:
    """Apply `change` to the version another amendment opened on the same day, in place: the
    parts it lists replace those parts' penalties, its wording (where given) replaces the
    wording, the version's certainty becomes the less certain of the two, and its note names
    `amendment`. introduced_by and valid_from stay as they are."""
    rewritten = {penalty.part for penalty in change.penalties.all()}
    for old in version.penalties.all():
        if old.part in rewritten:
            with_history_user(old, user).delete()
    for unread in version.unparsed_sanctions.all():
        if unread.part in rewritten:
            with_history_user(unread, user).delete()
    for new in change.penalties.all():
        with_history_user(
            Penalty(version=version, certainty=change.certainty, **new.as_penalty_fields()),
            user,
        ).save()
    version.text_ru = change.new_text_ru or version.text_ru
    version.text_en = change.new_text_en or version.text_en
    version.certainty = min(version.certainty, change.certainty, key=CERTAINTY_ORDER.index)
    also = (
        f"Also amended by {amendment.number} of {amendment.signed_on:%d.%m.%Y}, "
        f"in force the same day"
    )
    also += f": {change.description}" if change.description else "."
    version.note = f"{version.note}\n{also}" if version.note else also
    with_history_user(version, user).save(update_fields=["text_ru", "text_en", "certainty", "note"])
    return version


def apply_change(change, amendment, current, user) -> ArticleVersion | None:
    day = amendment.in_force_on
    article = change.article
    if current is not None:
        current.valid_to = day - timedelta(days=1)
        with_history_user(current, user).save(update_fields=["valid_to"])
    if change.action == Action.REPEALED:
        article.repealed_on = day
        with_history_user(article, user).save(update_fields=["repealed_on"])
        return None
    if article.repealed_on is not None:
        article.repealed_on = None
        with_history_user(article, user).save(update_fields=["repealed_on"])
    version = with_history_user(
        ArticleVersion(
            article=article,
            valid_from=day,
            text_ru=change.new_text_ru or (current.text_ru if current else ""),
            text_en=change.new_text_en or (current.text_en if current else ""),
            introduced_by=amendment,
            certainty=change.certainty,
            note=change.description,
        ),
        user,
    )
    version.save()
    rewritten_parts = {penalty.part for penalty in change.penalties.all()}
    if current is not None:
        for old in current.penalties.all():
            if old.part not in rewritten_parts:
                carry_penalty(old, version, user)
        # What the reader could not read of a part carried over still stands beside it.
        for unread in current.unparsed_sanctions.all():
            if unread.part not in rewritten_parts:
                unread.pk = None
                unread.version = version
                with_history_user(unread, user).save()
    for new in change.penalties.all():
        with_history_user(
            Penalty(version=version, certainty=change.certainty, **new.as_penalty_fields()),
            user,
        ).save()
    return version


def carry_penalty(old: Penalty, version: ArticleVersion, user) -> Penalty:
    """Copy an unchanged penalty into the new version, with the citations that support it."""
    penalty = Penalty.objects.get(pk=old.pk)
    penalty.pk = None
    penalty.version = version
    with_history_user(penalty, user).save()
    for citation in old.citations.all():
        with_history_user(
            Citation(source_id=citation.source_id, quote=citation.quote, penalty=penalty),
            user,
        ).save()
    return penalty


def with_history_user(instance, user):
    """Record `user` as the author of this write in the object's history."""
    if user is not None:
        instance._history_user = user
    return instance
