"""Atom feeds: every amendment as it is recorded or applied, and one feed per article."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from provisions.models import Amendment, Article

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
    """Follow one article: each version as an entry, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, law, number):
        return get_object_or_404(
            Article.objects.select_related("law"), law__slug=law, number=number
        )

    def title(self, article):
        return f"LawBase: {article.law.short_name}, art. {article.number}"

    def subtitle(self, article):
        return f"Versions of art. {article.number} ({article.title}) as they come into force."

    def link(self, article):
        return article.get_absolute_url()

    def items(self, article):
        return article.versions.select_related("introduced_by").order_by("-valid_from")[:FEED_SIZE]

    def item_title(self, version):
        by = (
            f" by {version.introduced_by.number}"
            if version.introduced_by
            else " (original wording)"
        )
        return f"Version in force from {version.valid_from:%d.%m.%Y}{by}"

    def item_description(self, version):
        penalties = "; ".join(
            f"part {penalty.part}: {penalty.summary()}" for penalty in version.penalties.all()
        )
        return f"{version.note} Penalties: {penalties or 'not recorded'}."

    def item_link(self, version):
        return f"{version.article.get_absolute_url()}?as_of={version.valid_from.isoformat()}"

    def item_guid(self, version):
        article = version.article
        return f"lawbase:version:{article.law.slug}:{article.number}:{version.valid_from}"
