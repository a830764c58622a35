"""Applying an amendment: the one write path that turns ArticleChanges into ArticleVersions.

`amendment_apply` is atomic: every change is checked before anything is written, and any
failure while writing rolls the whole amendment back. The admin action and the
`apply_amendment` command both call it; nothing happens behind a signal.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from provisions.changes import store_change_effects
from provisions.models import Amendment, ArticleChange, ArticleVersion, Citation, Penalty

Action = ArticleChange.Action


def amendment_apply(*, amendment: Amendment, user=None) -> list[ArticleVersion]:
    """Close each affected article's version the day before `in_force_on`, open the new one,
    and store each change's effect (harsher, softer, …) on the change.

    Returns the versions created; an amendment already applied returns [] and writes nothing.
    Raises ValidationError (listing every problem) and writes nothing when a change is invalid.
    """
    with transaction.atomic():
        # The row lock makes two simultaneous applies of one amendment run one after the other;
        # the second then sees applied_at and does nothing.
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.applied_at is not None:
            return []
        changes = list(amendment.changes.select_related("article").prefetch_related("penalties"))
        open_versions = {
            version.article_id: version
            for version in ArticleVersion.objects.filter(
                article__in=[change.article_id for change in changes], valid_to__isnull=True
            ).prefetch_related("penalties__citations")
        }
        problems = change_problems(amendment, changes, open_versions)
        if problems:
            raise ValidationError(problems)
        try:
            created = [
                apply_change(change, amendment, open_versions.get(change.article_id), user)
                for change in changes
            ]
        except IntegrityError as error:
            raise ValidationError(f"The database refused a change: {error}") from error
        # Labelled once, here, from the versions just derived; pages read the stored label.
        store_change_effects(amendment.changes.all())
        amendment.applied_at = timezone.now()
        amendment.applied_by = user
        with_history_user(amendment, user).save(update_fields=["applied_at", "applied_by"])
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
        elif current.valid_from >= day:
            problems.append(
                f"{label}: its current version starts on {current.valid_from}, "
                f"not before this amendment comes into force ({day})."
            )
    return problems


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
