"""Amendments as changes to penalties: an article's parts, each change's versions before and
after, and its effect label, which `store_change_effects` computes and saves on the change.
Everything else works on prefetched objects and issues no queries."""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch

from provisions.models import ArticleChange, ArticleVersion, Penalty
from provisions.models.common import read_children
from provisions.models.penalties import (
    PENALTY_ORDER,
    penalties_by_version,
    unparsed_by_version,
)
from provisions.penalties import (
    ADDED,
    HARSHER,
    MIXED,
    NOT_HELD_AFTER,
    NOT_HELD_BEFORE,
    REPEALED,
    SOFTER,
    UNCHANGED,
    UNKNOWN,
    Verdict,
    part_sort_key,
    penalty_summary,
    verdict_between,
)


@dataclass
class Alternative:
    """One main alternative of a part (for one subject, under КоАП) with the additional
    penalties attached to it ("с лишением права … или без такового")."""

    index: int
    subject: str
    main: list = field(default_factory=list)  # one kind; a fine may have several measures
    additional: list = field(default_factory=list)

    @property
    def summary(self) -> str:
        """ "imprisonment up to 4 years, with optional additional: …; …" """
        text = "; ".join(p.summary() for p in self.main) or "no main penalty recorded"
        if self.additional:
            text += ", with " + "; ".join(p.summary() for p in self.additional)
        return text


@dataclass
class Part:
    number: str
    main: list
    additional: list
    alternatives: list = field(default_factory=list)  # [Alternative], in the sanction's order
    unparsed: list = field(default_factory=list)  # UnparsedSanction rows of the part

    @property
    def summary(self) -> str:
        return penalty_summary(self.main)


def parts_of(version) -> list[Part]:
    """The version's penalties by part, each part's main penalties grouped into alternatives
    with their own additional penalties, and the clauses not read (UnparsedSanction)."""
    return parts_from(version.penalties.all(), version.unparsed_sanctions.all())


def parts_from(penalties, unparsed) -> list[Part]:
    """`parts_of` over one version's penalties and unparsed clauses given as lists: anything
    with a Penalty's fields and summary() (pages.amendments reads plain rows)."""
    grouped: OrderedDict[str, Part] = OrderedDict()
    penalties = sorted(
        penalties,
        key=lambda p: (part_sort_key(p.part), p.alternative, p.role != "main", p.pk or 0),
    )
    alternatives: dict[tuple, Alternative] = {}
    for penalty in penalties:
        part = grouped.setdefault(penalty.part, Part(penalty.part, [], []))
        main = penalty.role == "main"
        (part.main if main else part.additional).append(penalty)
        key = (penalty.part, penalty.subject, penalty.alternative)
        if key not in alternatives:
            alternatives[key] = Alternative(penalty.alternative, penalty.subject)
            part.alternatives.append(alternatives[key])
        (alternatives[key].main if main else alternatives[key].additional).append(penalty)
    for unread in unparsed:
        grouped.setdefault(unread.part, Part(unread.part, [], [])).unparsed.append(unread)
    return sorted(grouped.values(), key=lambda part: part_sort_key(part.number))


def edition_verdict(timeline, period) -> Verdict:
    """How an edition of `timeline` (provisions.timeline) changed the penalties of the one
    before it: assessed only where both wordings are held. A first edition is a new offence
    only where a law is known (a curated change, an editorial note) to have added the article;
    else it is the original wording."""
    if not period.held:
        return NOT_HELD_AFTER
    before = timeline.previous_edition(period)
    if before is None:
        opened = period.opened_by
        if opened is not None and {a.pk for a in opened.amendments} & timeline.added_by:
            return ADDED
        if opened is None or period.version.introduced_by_id is None:
            return Verdict(UNKNOWN, ["original wording"])
        return NOT_HELD_BEFORE
    return verdict_between(before.version, period.version)


def penalty_changes(before, after) -> list[dict]:
    """Per part: the summary before → after, for parts whose penalties differ."""
    return part_changes(parts_of(before) if before else [], parts_of(after) if after else [])


def part_changes(parts_before: list[Part], parts_after: list[Part]) -> list[dict]:
    """`penalty_changes` over the two versions' parts (`parts_of`, `parts_from`):
    [{"part", "before", "after", "changed"}] in part order, every part of either."""
    old = {part.number: part for part in parts_before}
    new = {part.number: part for part in parts_after}
    rows = []
    for number in sorted(old.keys() | new.keys(), key=part_sort_key):
        was = describe_part(old.get(number))
        becomes = describe_part(new.get(number))
        rows.append({"part": number, "before": was, "after": becomes, "changed": was != becomes})
    return rows


def describe_part(part: Part | None) -> str:
    """A part's penalties as one line, alternative by alternative, each with its additional
    penalties: "forced labour up to 4 years, with …; or imprisonment up to 4 years, with …"."""
    if part is None:
        return "—"
    text = "; or ".join(alternative.summary for alternative in part.alternatives)
    if part.unparsed:
        text += " (not read into structured data: " + "; ".join(u.text for u in part.unparsed)
        text += ")"
    return text.strip() or "no penalties recorded"


def versions_around(change):
    """(version before, version after) the change, from the article's prefetched versions."""
    versions = sorted(change.article.versions.all(), key=lambda v: v.valid_from)
    return versions_around_in(versions, change.amendment)


def versions_around_in(versions, amendment):
    """`versions_around` over one article's versions in order of valid_from: anything with
    valid_from, valid_to and introduced_by_id (pages.amendments reads plain rows)."""
    after = next((v for v in versions if v.introduced_by_id == amendment.pk), None)
    if after is None and amendment.applied_at is not None:
        # Applied the same day as another law, into the version that law opened
        # (amendment_apply): the two laws' effect is assessed together.
        after = next((v for v in versions if v.valid_from == amendment.in_force_on), None)
    if after is not None:
        earlier = [v for v in versions if v.valid_from < after.valid_from]
        before = earlier[-1] if earlier else None
        if before is not None and before.valid_to != after.valid_from - timedelta(days=1):
            before = None  # an edition between them is not held: not comparable
        return before, after
    day_before = amendment.in_force_on - timedelta(days=1)
    before = next((v for v in versions if v.valid_to == day_before), None)
    return before, None


def change_verdict(change, before, after) -> Verdict:
    """The change's effect; its recorded action wins where a version is missing."""
    if change.action == "added":
        return ADDED
    if change.action == "repealed":
        return REPEALED
    if after is None:
        return Verdict(UNKNOWN, ["the versions around this change are not recorded"])
    return verdict_between(before, after)


def change_effect(change) -> Verdict:
    """The change's stored effect; one not yet written (its amendment not applied) reads as
    its action alone says, as it would be computed without the version after it."""
    if change.effect:
        return Verdict(change.effect, list(change.effect_reasons))
    return change_verdict(change, None, None)


def amendment_effect(labels) -> str:
    """An amendment's overall label from its changes' labels (`change_effect`), the rule of
    AmendmentQuerySet.with_effect in Python: mixed when any change is mixed or some are
    harsher and others softer; else harsher, softer or unchanged when any change is; else
    unknown (no changes, or none judged)."""
    found = set(labels)
    if MIXED in found or {HARSHER, SOFTER} <= found:
        return MIXED
    return next((label for label in (HARSHER, SOFTER, UNCHANGED) if label in found), UNKNOWN)


EFFECT_BATCH = 500  # changes per read and write: bounded memory on a large corpus
EFFECT_FIELDS = ["effect", "effect_reasons"]


def store_change_effects(changes) -> int:
    """Compute the effect of each change in `changes` (a QuerySet of ArticleChange) from the
    versions around it and save it as effect and effect_reasons; returns how many changed.

    Applying an amendment calls it for the amendment's changes, and every load that brings
    changes with their versions (load_corpus, import_export) calls it after."""
    versions = ArticleVersion.objects.prefetch_related(
        penalties_by_version(), unparsed_by_version()
    )
    found = (
        changes.select_related("amendment")
        .prefetch_related(Prefetch("article__versions", queryset=versions))
        .order_by("pk")
    )
    stale, written = [], 0
    for change in found.iterator(chunk_size=EFFECT_BATCH):
        verdict = change_verdict(change, *versions_around(change))
        if (change.effect, change.effect_reasons) != (verdict.label, verdict.reasons):
            change.effect, change.effect_reasons = verdict.label, list(verdict.reasons)
            stale.append(change)
        if len(stale) == EFFECT_BATCH:
            written += ArticleChange.objects.bulk_update(stale, EFFECT_FIELDS)
            stale = []
    return written + ArticleChange.objects.bulk_update(stale, EFFECT_FIELDS)


def refresh_article_effects(article_ids) -> int:
    """Recompute the stored effects of every change to these articles, after an edit to their
    versions or penalties outside amendment_apply (the admin); returns how many changed."""
    if not article_ids:
        return 0
    return store_change_effects(ArticleChange.objects.filter(article_id__in=set(article_ids)))


def change_rows(amendment) -> list[dict]:
    """Each change of a with_changes() amendment, as the API lists it: the change, its versions
    before and after with their penalties in PENALTY_ORDER (one query, of those versions
    only: an article's other versions, a third of them on the synthetic corpus, are not
    shown) and its stored effect (`verdict`). The amendment page compares the penalties part
    by part itself (pages.amendments)."""
    around = [(change, *versions_around(change)) for change in amendment.changes.all()]
    shown = [version for _, *pair in around for version in pair if version is not None]
    read_children(shown, Penalty.objects.order_by(*PENALTY_ORDER), "penalties")
    return [
        {"change": change, "before": before, "after": after, "verdict": change_effect(change)}
        for change, before, after in around
    ]
