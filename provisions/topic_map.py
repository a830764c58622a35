"""Topics across the codes: fixtures/topic_map.json tags the articles of any law with topics
by exact article number, so an imported article is found by topic as a curated one is.

The map is plain JSON read here, not a loaddata fixture: a list of entries
    {"topic": slug, "law": slug, "articles": ["275", "275.1"], "why": "one sentence"}.
Applying it only adds: a topic an editor set is never removed, and applying twice changes
nothing. load_corpus applies the whole map, each import (pravo.importer) its own law's part;
both say how many articles hold each topic and which mapped numbers are not in the database.
validate_corpus reports a mapped article that exists but lacks its topic (stale_topics).
"""

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from provisions.models import Article, Topic
from provisions.models.common import ARTICLE_NUMBER_RE, natural_sort_key

TOPIC_MAP = Path(settings.BASE_DIR) / "fixtures" / "topic_map.json"
KEYS = ("topic", "law", "articles", "why")


class TopicMapError(ValueError):
    """The map file is not a list of well-formed entries."""


@dataclass(frozen=True)
class MapEntry:
    topic: str
    law: str
    articles: tuple[str, ...]
    why: str


def read_topic_map(path: Path | None = None) -> list[MapEntry]:
    """The map's entries, checked: exactly the four keys, slugs and a reason given, article
    numbers exact (digits with dotted parts, no ranges), no article mapped twice to a topic."""
    path = Path(path or TOPIC_MAP)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise TopicMapError(f"{path}: {error}") from error
    if not isinstance(rows, list):
        raise TopicMapError(f"{path.name}: expected a list of entries.")
    entries, seen = [], set()
    for index, row in enumerate(rows, start=1):
        where = f"{path.name}, entry {index}"
        if not isinstance(row, dict) or sorted(row) != sorted(KEYS):
            raise TopicMapError(f"{where}: expected exactly the keys {', '.join(KEYS)}.")
        for key in ("topic", "law", "why"):
            if not isinstance(row[key], str) or not row[key].strip():
                raise TopicMapError(f"{where}: “{key}” must be a non-empty string.")
        numbers = row["articles"]
        if not isinstance(numbers, list) or not numbers:
            raise TopicMapError(f"{where}: “articles” must be a non-empty list.")
        for number in numbers:
            if not isinstance(number, str) or not re.fullmatch(ARTICLE_NUMBER_RE, number):
                raise TopicMapError(f"{where}: “{number}” is not an article number.")
            key = (row["topic"], row["law"], number)
            if key in seen:
                raise TopicMapError(f"{where}: {row['law']} art. {number} is mapped twice.")
            seen.add(key)
        entries.append(MapEntry(row["topic"], row["law"], tuple(numbers), row["why"]))
    return entries


@dataclass
class TopicMapReport:
    """What applying the map did. `held`: per topic, the mapped articles that hold it now;
    `added`: of those, how many were tagged by this run; `not_found`: per law, the mapped
    numbers with no article in the database; `unknown_topics`: mapped topics not in the
    database (load_corpus loads them), whose articles were left untagged."""

    held: Counter = field(default_factory=Counter)
    added: Counter = field(default_factory=Counter)
    not_found: dict[str, list[str]] = field(default_factory=dict)
    unknown_topics: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not (self.held or self.not_found or self.unknown_topics):
            return []
        per_topic = ", ".join(
            f"{slug} {count}" + (f" ({self.added[slug]} new)" if self.added[slug] else "")
            for slug, count in self.held.items()
        )
        lines = [
            f"topics (fixtures/topic_map.json), mapped articles holding each: "
            f"{per_topic or 'none'}; tags added now: {sum(self.added.values())}"
        ]
        lines += [
            f"topics: mapped but not in the database, {law}: {', '.join(numbers)}"
            for law, numbers in self.not_found.items()
        ]
        lines += [
            f"topics: topic “{slug}” is not in the database (load_corpus loads it); "
            "its articles were not tagged"
            for slug in self.unknown_topics
        ]
        return lines


def mapped(laws: Iterable[str] | None = None, path: Path | None = None) -> dict:
    """{(law slug, number): [topic slugs]} in the map's order, for `laws` (all by default)."""
    wanted = None if laws is None else set(laws)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in read_topic_map(path):
        if wanted is None or entry.law in wanted:
            for number in entry.articles:
                pairs[(entry.law, number)].append(entry.topic)
    return pairs


def resolve(pairs: dict) -> tuple[dict, dict, set]:
    """The articles and topics the mapped pairs name, and the (article, topic) links already
    held: three queries, whatever the size of the map."""
    topics = {
        topic.slug: topic.pk
        for topic in Topic.objects.filter(slug__in={s for slugs in pairs.values() for s in slugs})
    }
    candidates = Article.objects.filter(
        law__slug__in={law for law, _ in pairs}, number__in={number for _, number in pairs}
    ).select_related("law")
    articles = {
        (article.law.slug, article.number): article
        for article in candidates
        if (article.law.slug, article.number) in pairs
    }
    links = set(
        Article.topics.through.objects.filter(
            article_id__in=[article.pk for article in articles.values()]
        ).values_list("article_id", "topic_id")
    )
    return topics, articles, links


def apply_topic_map(laws: Iterable[str] | None = None, path: Path | None = None) -> TopicMapReport:
    """Add the mapped topics to the mapped articles that exist (of `laws`, all by default);
    never removes a topic. Returns the counts per topic and the numbers not found per law."""
    report = TopicMapReport()
    pairs = mapped(laws, path)
    if not pairs:
        return report
    topics, articles, links = resolve(pairs)
    through = Article.topics.through
    new = []
    not_found = defaultdict(list)
    for (law, number), slugs in pairs.items():
        article = articles.get((law, number))
        if article is None:
            not_found[law].append(number)
            continue
        for slug in slugs:
            if slug not in topics:
                continue
            report.held[slug] += 1
            if (article.pk, topics[slug]) not in links:
                new.append(through(article_id=article.pk, topic_id=topics[slug]))
                report.added[slug] += 1
    through.objects.bulk_create(new, ignore_conflicts=True)
    report.not_found = {
        law: sorted(numbers, key=natural_sort_key) for law, numbers in not_found.items()
    }
    report.unknown_topics = sorted({s for slugs in pairs.values() for s in slugs} - set(topics))
    return report


def stale_topics(path: Path | None = None) -> list[tuple[Article, str]]:
    """(article, topic slug) for every mapped article that exists but lacks its mapped topic:
    the map was changed, or an editor removed the topic, since it was last applied. An article
    the map names that is not in the database is no problem (another edition may hold it)."""
    pairs = mapped(path=path)
    if not pairs:
        return []
    topics, articles, links = resolve(pairs)
    return [
        (article, slug)
        for key, article in articles.items()
        for slug in pairs[key]
        if (article.pk, topics.get(slug)) not in links
    ]
