"""The crawl mix (issue #22): 20 everyday URL shapes, each request a URL never asked before, as
a crawler or a client varying its query string sends them; so no request is served from the
result cache and every page is computed, while the cache still stores what it computes (the
site as deployed).

`crawl_urls(count)` (inside Django, called by bench/pages.py) returns `count` paths, the 20
shapes in turn, each filled from the corpus in the database (its laws, topics, articles,
amendments and words from its articles' titles), so it serves the imported codes and the
synthetic corpus alike. Every path also carries `crawl=<its index>`: two paths are never equal
even where the corpus has fewer values than requests (a crawler's tracking parameter). wrk
(bench/crawl.lua) walks the list without repeating one.
"""

import random
import re
from urllib.parse import quote

from provisions.models import Amendment, Article, Law, Penalty, Topic

WORD = re.compile(r"[^\W\d_]{5,}")


def corpus_values(rng: random.Random) -> dict:
    """The values the shapes are filled from, read once (a few small queries)."""
    articles = list(
        Article.objects.order_by("id").values_list("law__slug", "number", "title_en", "title_ru")
    )
    rng.shuffle(articles)
    words = sorted(
        {
            word.lower()
            for _, _, *titles in articles[:2000]
            for title in titles
            for word in WORD.findall(title or "")
        }
    )
    rng.shuffle(words)
    laws = Law.objects.filter(articles__isnull=False).distinct().values_list("slug", flat=True)
    topics = list(Topic.objects.values_list("slug", flat=True)) or [""]
    amendments = list(Amendment.objects.order_by("id").values_list("slug", flat=True)[:5000])
    rng.shuffle(amendments)
    return {
        "articles": articles or [("", "", "", "")],
        "words": words or ["law"],
        "laws": sorted(set(laws)) or [""],
        "topics": sorted(topics),
        "amendments": amendments or [""],
        "kinds": [kind for kind, _ in Penalty.Kind.choices],
        "list_pages": max(1, len(articles) // 50),
    }


def shapes(v: dict, i: int) -> list[str]:
    """The 20 shapes, the i-th value of each kind in each (values repeat; `crawl=` does not)."""

    def pick(name):
        values = v[name]
        return values[i % len(values)]

    law, number, *_ = pick("articles")
    other_law, other_number, *_ = v["articles"][(i * 7 + 3) % len(v["articles"])]
    word, second = pick("words"), v["words"][(i * 13 + 1) % len(v["words"])]
    page = 1 + i % min(v["list_pages"], 20)
    return [
        "/",
        f"/provisions/?page={page}",
        f"/provisions/?law={pick('laws')}",
        f"/provisions/?topic={pick('topics')}",
        f"/provisions/?q={word}",
        f"/provisions/?q={word}+{second}",
        f"/provisions/?q={word}&law={pick('laws')}",
        f"/provisions/?law={pick('laws')}&format=json",
        f"/provisions/?penalty_kind={pick('kinds')}&sort=heaviest",
        f"/provisions/?max_prison_years_min={1 + i % 15}",
        f"/provisions/{law}/{number}/",
        f"/provisions/{other_law}/{other_number}/history/",
        f"/compare/?articles={law}:{number},{other_law}:{other_number}",
        f"/amendments/?page={1 + i % 3}",
        f"/amendments/{pick('amendments')}/",
        f"/laws/{pick('laws')}/",
        # Not /statistics/: it lists every conviction count (9,107 rows and 6.7 s at 10,000
        # synthetic articles), a page that grows with the corpus; see bench/README.md.
        f"/provisions/{law}/{number}/feed/",
        f"/api/articles/{other_law}/{other_number}",
        f"/api/articles?q={second}",
        f"/api/amendments/{pick('amendments')}",
    ]


SHAPES = 20


def crawl_urls(count: int, seed: int = 1) -> list[str]:
    """`count` distinct paths, the shapes interleaved (request k is shape k % 20)."""
    rng = random.Random(seed)
    values = corpus_values(rng)
    urls = []
    for i in range(-(-count // SHAPES)):
        for path in shapes(values, i):
            joiner = "&" if "?" in path else "?"
            # Russian words and article numbers percent-encoded, as a browser sends them.
            urls.append(quote(f"{path}{joiner}crawl={len(urls)}", safe="/?&=:,+"))
    return urls[:count]
