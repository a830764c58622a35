"""Atom feeds (RFC 4287): every amendment as it is recorded or applied, and one feed per article.

Valid Atom, as tests/pages/test_feeds.py checks against the RFC's RELAX NG schema: a feed
author, an `updated` on every entry taken from the data's own dates (never the time of the
request), ids that do not depend on the host the feed was read from, and plain text sent as
text (an editor's "<script>" reaches a reader as those characters, never as markup). The
amendments feed's summaries are HTML rendered with autoescaping, and say so (type="html").
"""

from datetime import UTC, date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from pages.presenters import article_or_404
from provisions.models import Amendment
from provisions.timeline import REPEAL, timeline_of
from search.result_cache import data_moved_at

FEED_SIZE = 50
AUTHOR = "LawBase"


class TextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (`<summary type="text">`): Django's Atom1Feed
    marks every summary as HTML, which would let a reader render text typed into the admin."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class AmendmentsFeed(Feed):
    """The amending laws, most recently recorded or applied first, so a law applied today
    appears at the top even when it came into force years ago."""

    feed_type = Atom1Feed
    description_template = "provisions/amendment_feed_item.html"
    title = "LawBase: amendments"
    subtitle = "Amending laws recorded or applied in LawBase, most recent first."
    author_name = AUTHOR
    feed_guid = "lawbase:feed:amendments"

    def link(self):
        return reverse("provisions:amendment-list")

    def items(self):
        """The latest amendments by `changed_at`: the later of when it was applied here and
        when an editor last saved it (its change history); with the articles each touched
        (three queries in all)."""
        history = Amendment.history.model.objects.filter(id=OuterRef("pk"))
        last_saved = Subquery(history.order_by("-history_date").values("history_date")[:1])
        first_saved = Subquery(history.order_by("history_date").values("history_date")[:1])
        return (
            Amendment.objects.with_touched_articles()
            .annotate(last_saved=last_saved, first_saved=first_saved)
            .annotate(
                changed_at=Greatest(
                    Coalesce("applied_at", "last_saved"), Coalesce("last_saved", "applied_at")
                )
            )
            .order_by(
                F("changed_at").desc(nulls_last=True), "-in_force_on", "-signed_on", "number"
            )[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.number} of {item.signed_on:%d.%m.%Y}: {item.title_en}"

    def get_context_data(self, **kwargs):
        """The description template's context: the amendment (`obj`), the articles it
        touched, curated first (`curated`), then those only editorial notes name (`named`)."""
        context = super().get_context_data(**kwargs)
        touched = kwargs["item"].touched_articles()
        context["curated"] = [item for item in touched if item.curated]
        context["named"] = [item for item in touched if not item.curated]
        return context

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        """When it was first recorded here (first saved, else applied); else its signing day."""
        return item.first_saved or item.applied_at or midnight_utc(item.signed_on)

    def item_updateddate(self, item):
        """When it was last recorded or applied here; for one never saved nor applied (a bare
        import), the day it came into force."""
        return item.changed_at or midnight_utc(item.in_force_on)

    def item_guid(self, item):
        return f"lawbase:amendment:{item.slug}"


class ArticleFeed(Feed):
    """Follow one article: each entry of its timeline (provisions.timeline), newest first:
    editions whose wording is held, editions known only from the official text's notes, and
    repeals. Summaries are plain text."""

    feed_type = TextAtomFeed
    author_name = AUTHOR

    def get_object(self, request, law, number):
        return article_or_404(law, number)

    def feed_guid(self, article):
        return f"lawbase:feed:article:{article.law.slug}:{article.number}"

    def title(self, article):
        return f"LawBase: {article.law.short_name}, art. {article.number}"

    def subtitle(self, article):
        return f"Editions of art. {article.number} ({article.title}) as they come into force."

    def link(self, article):
        return article.get_absolute_url()

    def items(self, article):
        periods = timeline_of(article).periods
        return [(article, period) for period in reversed(periods)][:FEED_SIZE]

    def item_title(self, item):
        _, period = item
        laws = period.opened_by.numbers if period.opened_by else []
        by = f" by {', '.join(laws)}" if laws else " (original wording)"
        start = f"{period.valid_from:%d.%m.%Y}" if period.valid_from else "an unknown date"
        if period.kind == REPEAL:
            return f"Repealed from {start}{by if laws else ''}"
        if period.held:
            return f"Version in force from {start}{by}"
        return f"Edition in force from {start}{by} (wording not held here)"

    def item_description(self, item):
        _, period = item
        if period.kind == REPEAL:
            return "The article was not in force in this period."
        if not period.held:
            return (
                "The official text's editorial notes name this edition; "
                "its wording is not held here."
            )
        version = period.version
        penalties = "; ".join(
            f"part {penalty.part}: {penalty.summary()}" for penalty in version.penalties.all()
        )
        return f"{version.note} Penalties: {penalties or 'not recorded'}.".strip()

    def item_link(self, item):
        article, period = item
        if period.valid_from is None:
            return article.get_absolute_url()
        return f"{article.get_absolute_url()}?as_of={period.valid_from.isoformat()}"

    def item_pubdate(self, item):
        """The day the edition (or repeal) came into force; where that is not known, the day
        it ended; failing both, when the data last changed."""
        _, period = item
        day = period.valid_from or period.valid_to
        return midnight_utc(day) if day else data_moved_at()

    def item_updateddate(self, item):
        """The later of the day it came into force and when the law that opened it was
        applied here: an old edition recorded today is news to a reader."""
        _, period = item
        applied = [
            amendment.applied_at
            for amendment in (period.opened_by.amendments if period.opened_by else ())
            if getattr(amendment, "applied_at", None)
        ]
        return max([*applied, self.item_pubdate(item)], key=aware)

    def item_guid(self, item):
        article, period = item
        kind = "repeal" if period.kind == REPEAL else "version"
        return f"lawbase:{kind}:{article.law.slug}:{article.number}:{period.valid_from}"


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
