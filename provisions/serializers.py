"""The article JSON contract, built from an article fetched with ArticleQuerySet.for_detail().

Shape (tools and tests rely on it; extra keys may be added, none removed):
{"law", "number", "title_en", "title_ru", "topics": [...],
 "versions": [{"valid_from", "valid_to", "certainty", "introduced_by",
               "penalties": [{"part", "kind", "min", "max", "unit", "role", "certainty"}]}],
 "sources": [{"title", "publisher", "url", "published_on", "quote"}],
 "statistics": [{"year", "period", "count", "qualifier", "source"}]}
"""

from provisions.models import Article, ArticleVersion, Citation, ConvictionStat, Penalty


def iso(day):
    return day.isoformat() if day else None


def penalty_as_dict(penalty: Penalty) -> dict:
    return {
        "part": penalty.part,
        "kind": penalty.kind,
        "min": penalty.min,
        "max": penalty.max,
        "unit": penalty.unit or None,
        "role": penalty.role,
        "certainty": penalty.certainty,
        "subject": penalty.subject or None,
        "optional": penalty.optional,
        "summary": penalty.summary(),
    }


def version_as_dict(version: ArticleVersion) -> dict:
    return {
        "valid_from": iso(version.valid_from),
        "valid_to": iso(version.valid_to),
        "certainty": version.certainty,
        "introduced_by": version.introduced_by.number if version.introduced_by else None,
        "note": version.note,
        "penalties": [penalty_as_dict(penalty) for penalty in version.penalties.all()],
    }


def citation_as_dict(citation: Citation, supports: str) -> dict:
    source = citation.source
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url or None,
        "published_on": iso(source.published_on),
        "quote": citation.quote,
        "supports": supports,
    }


def statistic_as_dict(stat: ConvictionStat) -> dict:
    citations = stat.citations.all()
    return {
        "year": stat.year,
        "period": stat.period,
        "count": stat.count,
        "qualifier": stat.qualifier,
        "source": citations[0].source.title if citations else None,
        "counted_by": stat.counted_by,
        "measure": stat.measure,
        "scope": stat.scope_label or None,
        "certainty": stat.certainty,
    }


def article_citations(article: Article) -> list[tuple[str, Citation]]:
    """Every citation behind what the article shows, labelled with the fact it supports."""
    labelled = [("article", citation) for citation in article.citations.all()]
    for version in article.versions.all():
        period = f"version from {iso(version.valid_from)}"
        labelled += [(period, citation) for citation in version.citations.all()]
        for penalty in version.penalties.all():
            label = f"{period}, part {penalty.part}: {penalty.summary()}"
            labelled += [(label, citation) for citation in penalty.citations.all()]
    for stat in article_statistics(article):
        labelled += [(f"statistic: {stat}", citation) for citation in stat.citations.all()]
    return labelled


def article_statistics(article: Article) -> list[ConvictionStat]:
    stats = [*article.statistics.all(), *article.group_statistics.all()]
    return sorted(stats, key=lambda stat: (stat.year, stat.period, stat.pk))


def article_as_dict(article: Article) -> dict:
    seen = set()
    sources = []
    for supports, citation in article_citations(article):
        key = (citation.source_id, citation.quote, supports)
        if key not in seen:
            seen.add(key)
            sources.append(citation_as_dict(citation, supports))
    return {
        "law": article.law.slug,
        "number": article.number,
        "title_en": article.title_en,
        "title_ru": article.title_ru,
        "topics": [topic.slug for topic in article.topics.all()],
        "repealed_on": iso(article.repealed_on),
        "versions": [version_as_dict(version) for version in article.versions.all()],
        "sources": sources,
        "statistics": [statistic_as_dict(stat) for stat in article_statistics(article)],
    }
