"""What the amendment pages show, read as plain rows rather than model instances.

An amendment page shows some 40 changes, their articles' versions and the penalties of the
versions around each change; the timeline shows 50 laws with every article they touched (some
2,000 on the synthetic corpus). As model instances and prefetches those cost ten times their
SQL (issue #22: ~1,000 objects and a queryset clone per related lookup on one amendment page);
here each is a tuple from `values_list`, grouped once in Python. The rules are the models'
own: `Amendment.touched_articles` (curated changes first, then the articles only editorial
notes name) and provisions.changes (versions around a change, penalties per part, effect).
"""

from html import escape
from typing import NamedTuple

from django.db.models import OuterRef, Subquery
from django.utils.safestring import mark_safe

from provisions.changes import (
    amendment_effect,
    change_effect,
    part_changes,
    parts_from,
    versions_around_in,
)
from provisions.links import address
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    Citation,
    EditorialNote,
    Penalty,
    UnparsedSanction,
)
from provisions.models.penalties import PENALTY_ORDER, UNPARSED_ORDER
from provisions.penalties.summaries import describe_penalty

ACTION_LABELS = {value: label.lower() for value, label in ArticleChange.Action.choices}
# An editorial note in the order the pages list them (provisions.models.named_articles).
NOTE_ORDER = ("article__law__slug", "article__sort_key")


class ChangeRow(NamedTuple):
    """One curated change with its article; `effect`, `effect_reasons` and `action` are what
    provisions.changes.change_effect reads."""

    pk: int
    article_id: int
    action: str
    parts: str
    description: str
    effect: str
    effect_reasons: list
    number: str
    law_slug: str
    law_name: str


class VersionRow(NamedTuple):
    """An article version's period and the law that opened it (no text, no penalties)."""

    pk: int
    article_id: int
    valid_from: object
    valid_to: object
    introduced_by_id: int | None
    introduced_by_number: str | None
    introduced_by_slug: str | None

    @property
    def introduced_by_url(self) -> str:
        return address("provisions:amendment-detail", slug=self.introduced_by_slug)


class PenaltyRow(NamedTuple):
    """The fields of a Penalty that provisions.changes.parts_from and its summary read."""

    pk: int
    version_id: int
    part: str
    subject: str
    alternative: int
    role: str
    kind: str
    min: int | None
    max: int | None
    unit: str
    multiple_of: str
    optional: bool

    def summary(self) -> str:
        return describe_penalty(self)


class UnparsedRow(NamedTuple):
    version_id: int
    part: str
    text: str


class NoteRow(NamedTuple):
    """An editorial note with its article (`amendment_id` on the timeline only)."""

    amendment_id: int
    article_id: int
    kind: str
    parts: str
    note: str
    number: str
    law_slug: str
    law_name: str


class TimelineChange(NamedTuple):
    """A curated change as the timeline names it, with its stored effect."""

    amendment_id: int
    article_id: int
    action: str
    effect: str
    number: str
    sort_key: str
    law_id: int

    @property
    def label(self) -> str:
        """The stored effect; one not yet written as its action says (change_effect)."""
        return self.effect or change_effect(self).label


CHANGE_FIELDS = (
    "pk",
    "article_id",
    "action",
    "parts",
    "description",
    "effect",
    "effect_reasons",
    "article__number",
    "article__law__slug",
    "article__law__short_name",
)
NOTE_FIELDS = (
    "amendment_id",
    "article_id",
    "kind",
    "parts",
    "note",
    "article__number",
    "article__law__slug",
    "article__law__short_name",
)


def article_url(row) -> str:
    return address("provisions:article-detail", law=row.law_slug, number=row.number)


def notes_by_article(notes) -> dict:
    """{article id: note}, as Amendment.touched_articles keys them."""
    return {note.article_id: note for note in notes}


def named_only(notes: dict, curated_ids: set) -> list:
    """The notes on articles no curated change touched, in the notes' order."""
    return [note for note in notes.values() if note.article_id not in curated_ids]


def change_rows_of(amendment) -> list[ChangeRow]:
    found = ArticleChange.objects.filter(amendment=amendment).values_list(*CHANGE_FIELDS)
    return [ChangeRow._make(values) for values in found]


def versions_by_article(article_ids) -> dict[int, list[VersionRow]]:
    """Each article's versions in order of valid_from. One query."""
    # Each version's amending law read by its primary key: joined instead, the planner hashes
    # every amendment (5,000 on the synthetic corpus, 2 ms) for a page's ~150 versions.
    law = Amendment.objects.filter(pk=OuterRef("introduced_by_id")).order_by()
    found = (
        ArticleVersion.objects.filter(article_id__in=article_ids)
        .order_by("article_id", "valid_from")
        .annotate(law_number=Subquery(law.values("number")), law_slug=Subquery(law.values("slug")))
        .values_list(
            "pk",
            "article_id",
            "valid_from",
            "valid_to",
            "introduced_by_id",
            "law_number",
            "law_slug",
        )
    )
    grouped: dict[int, list[VersionRow]] = {}
    for values in found:
        grouped.setdefault(values[1], []).append(VersionRow._make(values))
    return grouped


def parts_by_version(version_ids) -> dict[int, list]:
    """{version id: its parts (provisions.changes.Part)} for these versions. Two queries."""
    penalties: dict[int, list] = {pk: [] for pk in version_ids}
    unparsed: dict[int, list] = {pk: [] for pk in version_ids}
    # Within a version, the default order, without joining each penalty's article and law
    # to sort by them (PENALTY_ORDER): 2 of the page's 6 ms of SQL at 100,000 articles.
    found = (
        Penalty.objects.filter(version_id__in=version_ids)
        .order_by(*PENALTY_ORDER)
        .values_list(*PenaltyRow._fields)
    )
    for values in found:
        penalties[values[1]].append(PenaltyRow._make(values))
    clauses = (
        UnparsedSanction.objects.filter(version_id__in=version_ids)
        .order_by(*UNPARSED_ORDER)
        .values_list("version_id", "part", "text")
    )
    for values in clauses:
        unparsed[values[0]].append(UnparsedRow._make(values))
    return {pk: parts_from(penalties[pk], unparsed[pk]) for pk in version_ids}


def merged_version(amendment, after):
    """The version another law opened the day `amendment` came into force, into which its
    change was merged on applying (provisions.amendment_apply.merge_change); else None."""
    if not amendment.is_applied or after is None:
        return None
    other = after.introduced_by_id not in (None, amendment.pk)
    return after if other and after.valid_from == amendment.in_force_on else None


def amendment_detail_context(amendment) -> dict:
    """What provisions/amendment_detail.html loops over: {"rows": [one dict per curated
    change], "named": [NoteRow with its article_url, for the articles only editorial notes
    name], "citations"}.
    Seven queries with curated changes (changes, versions, penalties, unparsed clauses,
    same-day laws, citations, notes), three without."""
    changes = change_rows_of(amendment)
    versions = versions_by_article({change.article_id for change in changes}) if changes else {}
    around = [
        (change, *versions_around_in(versions.get(change.article_id, []), amendment))
        for change in changes
    ]
    shown = {version.pk for _, *pair in around for version in pair if version is not None}
    parts = parts_by_version(shown) if shown else {}
    same_day = amendment.same_day_laws() if amendment.is_applied and changes else {}
    notes = notes_by_article(
        NoteRow._make(values)
        for values in EditorialNote.objects.filter(amendment=amendment)
        .order_by(*NOTE_ORDER)
        .values_list(*NOTE_FIELDS)
    )
    rows = []
    for change, before, after in around:
        shown_parts = (parts[before.pk] if before else [], parts[after.pk] if after else [])
        note = notes.get(change.article_id)
        rows.append(
            {
                "change": change,
                "article_url": article_url(change),
                "action": ACTION_LABELS.get(change.action, change.action.lower()),
                "before": before,
                "after": after,
                "verdict": change_effect(change),
                "penalty_rows": part_changes(*shown_parts) if (before or after) else [],
                "history_url": address(
                    "provisions:article-history", law=change.law_slug, number=change.number
                ),
                "applied": amendment.is_applied,
                "same_day": same_day.get(change.article_id, []),
                "official_note": note.note if note else "",
                "merged_into": merged_version(amendment, after),
            }
        )
    named = named_only(notes, {change.article_id for change in changes})
    return {
        "rows": rows,
        "named": [{"note": note, "article_url": article_url(note)} for note in named],
        "citations": list(Citation.objects.filter(amendment=amendment).select_related("source")),
    }


TOUCHED_SHOWN = 12  # articles named per amendment on the timeline; the page lists them all


def timeline_items(amendments, laws) -> list[dict]:
    """Per amendment of the timeline's page: {"amendment", "effect", "curated": the curated
    changes' articles as one escaped line, "named": the first TOUCHED_SHOWN articles only
    notes name as one line, "more": how many more}. `laws`: every Law (short_name). Two
    queries."""
    ids = [amendment.pk for amendment in amendments]
    law_names = {law.pk: law.short_name for law in laws}
    # Each change's article read by its primary key: joined instead, the planner reads all
    # the articles (100,000 on the synthetic corpus) for a page's 2,000 changes.
    article = Article.objects.filter(pk=OuterRef("article_id")).order_by()
    found = (
        ArticleChange.objects.filter(amendment_id__in=ids)
        .order_by()
        .annotate(
            article_number=Subquery(article.values("number")),
            article_sort_key=Subquery(article.values("sort_key")),
            article_law_id=Subquery(article.values("law_id")),
        )
        .values_list(
            "amendment_id",
            "article_id",
            "action",
            "effect",
            "article_number",
            "article_sort_key",
            "article_law_id",
        )
    )
    changes: dict[int, list[TimelineChange]] = {pk: [] for pk in ids}
    for values in sorted(found, key=lambda values: values[5]):  # by the article's sort_key
        changes[values[0]].append(TimelineChange._make(values))
    notes: dict[int, list] = {pk: [] for pk in ids}
    for values in (
        EditorialNote.objects.filter(amendment_id__in=ids)
        .order_by(*NOTE_ORDER)
        .values_list(*NOTE_FIELDS)
    ):
        notes[values[0]].append(NoteRow._make(values))
    items = []
    for amendment in amendments:
        own = changes[amendment.pk]
        named = named_only(notes_by_article(notes[amendment.pk]), {row.article_id for row in own})
        items.append(
            {
                "amendment": amendment,
                "effect": amendment_effect(change.label for change in own),
                "curated": joined(
                    f"{law_names[row.law_id]} {row.number} ({row.action})" for row in own
                ),
                "named": joined(map(named_article, named[:TOUCHED_SHOWN])),
                "more": max(0, len(named) - TOUCHED_SHOWN),
            }
        )
    return items


def named_article(note) -> str:
    """ "Criminal Code 275 (part 1, 2)" """
    return f"{note.law_name} {note.number}" + (f" (part {note.parts})" if note.parts else "")


def joined(texts) -> str:
    """The texts escaped as the template's autoescape does (django.utils.html.escape is
    html.escape, behind a lazy-string wrapper that costs more here), joined by ", "."""
    return mark_safe(", ".join(escape(text) for text in texts))
