from django.urls import path, register_converter

from pages import feeds, laws_and_sources, views
from pages.page_cache import cached_while_unchanged as cached


class ArticleNumberConverter:
    """275, 275.1, 20.2: anything else is not an article address (and 404s before any query)."""

    regex = r"[0-9]{1,6}(?:\.[0-9]{1,6}){0,3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ArticleNumberConverter, "article_number")

app_name = "provisions"

# Read pages anonymous visitors get from the result cache while the data is unchanged.
urlpatterns = [
    path("", cached(views.home), name="home"),
    path("provisions/", cached(views.ArticleListView.as_view()), name="article-list"),
    path(
        "provisions/<slug:law>/<article_number:number>/",
        cached(views.article_detail),
        name="article-detail",
    ),
    path(
        "provisions/<slug:law>/<article_number:number>/history/",
        cached(views.article_history),
        name="article-history",
    ),
    path("compare/", cached(views.compare), name="compare"),
    path("amendments/", cached(views.amendment_list), name="amendment-list"),
    path("amendments/<slug:slug>/", cached(views.amendment_detail), name="amendment-detail"),
    path("laws/", laws_and_sources.law_list, name="law-list"),
    path("laws/<slug:slug>/", cached(laws_and_sources.law_detail), name="law-detail"),
    path("sources/", laws_and_sources.source_list, name="source-list"),
    path("sources/<int:pk>/", laws_and_sources.source_detail, name="source-detail"),
    path("statistics/", cached(views.statistics), name="statistics"),
    path("feeds/amendments/", feeds.AmendmentsFeed(), name="amendments-feed"),
    path(
        "provisions/<slug:law>/<article_number:number>/feed/",
        feeds.ArticleFeed(),
        name="article-feed",
    ),
    path("healthz", views.healthz, name="healthz"),
]
