"""The official text kept beside a curated article (OfficialText): its stored comparison with
the curated record, kept current when the curated record changes."""

from django.db.models import Prefetch

from provisions.models import ArticleVersion, OfficialText, Origin
from provisions.penalties.differences import official_text_differences


def refresh_official_differences() -> int:
    """Recompute `OfficialText.differences` of every curated article from the curated
    version in force, as the article page and validate_corpus compare them
    (official_text_differences; a pair not compared stores none). The import stores the
    comparison it made; load_corpus changes the curated record after that, so it calls this.
    Returns how many texts changed."""
    texts = OfficialText.objects.filter(article__origin=Origin.CURATED).prefetch_related(
        Prefetch(
            "article__versions",
            queryset=ArticleVersion.objects.filter(valid_to__isnull=True).prefetch_related(
                "penalties"
            ),
            to_attr="open_versions",
        )
    )
    changed = []
    for text in texts:
        current = next(iter(text.article.open_versions), None)
        differences = official_text_differences(text, current) or []
        if differences != text.differences:
            text.differences = differences
            changed.append(text)
    OfficialText.objects.bulk_update(changed, ["differences"])
    return len(changed)
