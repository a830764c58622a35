"""Atom feeds: every amendment as it is recorded or applied, and one feed per article."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from provisions.models import Amendment, Article
from provisions.timeline import REPEAL, timeline_of

FEED_SIZE = 50


class AmendmentsFeed(Feed):
    feed_type = Atom1Feed
    description_template = "provisions/amendment_feed_item.html"
    title = "LawBase: amendments"
    subtitle = "Amending laws recorded or applied in LawBase, newest first."

    def link(self):
        return reverse("provisions:amendment-list")

    def items(self):
        """The latest amendments, with the articles each touched (three queries in all)."""
        return Amendment.objects.with_touched_articles().order_by(
            "-in_force_on", "-signed_on", "number"
        )[:FEED_SIZE]

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
        return item.applied_at

    def item_updateddate(self, item):
        return item.applied_at

    def item_guid(self, item):
        return f"lawbase:amendment:{item.slug}"


class ArticleFeed(Feed):
    """Follow one article: each entry of its timeline (provisions.timeline), newest first:
    editions whose wording is held, editions known only from the official text's notes, and
    repeals."""

    feed_type = Atom1Feed

    def get_object(self, request, law, number):
        return get_object_or_404(Article.objects.for_detail(), law__slug=law, number=number)

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
        return f"{version.note} Penalties: {penalties or 'not recorded'}."

    def item_link(self, item):
        article, period = item
        if period.valid_from is None:
            return article.get_absolute_url()
        return f"{article.get_absolute_url()}?as_of={period.valid_from.isoformat()}"

    def item_guid(self, item):
        article, period = item
        kind = "repeal" if period.kind == REPEAL else "version"
        return f"lawbase:{kind}:{article.law.slug}:{article.number}:{period.valid_from}"
