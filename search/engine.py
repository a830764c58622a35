"""Full-text search: one interface, PostgreSQL or SQLite FTS5 underneath.

`search_articles(queryset, q, day=…)` filters any article queryset to the articles whose
version in force on `day` (or, where that day's wording is not held, the current one)
matches `q`, annotated with `search_rank` (higher is better):

1. a citation ("ч. 1 ст. 275.1 УК РФ", "УК РФ 276", "275¹", search.citations) goes straight
   to the article, the Criminal Code's first when no law is named; a law or article not held
   is said so;
2. otherwise every word, in any of its forms (search.morphology), over titles, text (the
   official text beside a curated history included) and penalty names; a "quoted phrase"
   matches its words as written, in that order;
3. if nothing matches every word, any word may match; if still nothing, titles within typing
   distance ("шпеонаж" finds espionage). A phrase is never loosened by itself: the page
   offers the looser search instead.

What ran is in `SearchInfo` (mode, relaxed, what the page must say), kept in the request's
`decisions`. The rank puts first an article whose title is the query, then one whose text
holds the query as typed (a pasted passage), then those with every word in the title, then
the database's text rank (0 to 1; titles over text over penalty names).

Views never know which database they run on, and neither does this module: the SQL of each
step comes from the connection's backend (search/backends).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db import connection
from django.db.models import Case, Exists, FloatField, OuterRef, Q, Value, When
from django.utils.safestring import SafeString

from provisions.models import ArticleVersion, Law, in_force_q
from search import query as textsearch
from search.backends import backend_for
from search.citations import CRIMINAL_CODE, Citation, parse_citations
from search.morphology import fold, index_token, tokens, word_forms

# pg_trgm-style word similarity: 0.3 let unrelated titles through, and at 0.4 "terrorism"
# found "territory"; the misspellings people make score 0.45 and more ("шпеонаж").
TYPO_THRESHOLD = 0.42
TYPO_LIMIT = 20
FULL_RANK_LIMIT = 500  # more matches than this are ranked by titles and penalty names
TITLE_CANDIDATES = 500  # articles with every query word in the title, checked for the query
PASSAGE_FROM = 3  # words: a query this long is also looked for as typed (a pasted passage)
ENGLISH_FEW = 1000  # articles with English titles below which an English search says so
# Rank tiers above the database's text rank (0 to 1), which they replace: what is decided in
# Python orders those results, so both databases put the same article first.
TITLE_IS_QUERY, PASSAGE, WORDS_IN_TITLE = 40.0, 30.0, 20.0
CRIMINAL_CODE_FIRST = 5.0  # of several articles titled as the query, as for citations
# Within WORDS_IN_TITLE: the title holds the words as typed, in order; and the share of the
# title's words the query names ("государственная тайна": 283 "Разглашение государственной
# тайны" before 284 "Утрата документов, содержащих государственную тайну").
TYPED_IN_TITLE, TITLE_SHARE = 5.0, 4.0
CITED, CITED_ELSEWHERE = 1000.0, 999.0

MODES = ("citation", "phrase", "all", "any", "typo")
# The parameter a bare number's redirect adds to the Criminal Code's article when other laws
# have an article of that number too, so that its page names them.
NO_LAW_NAMED = "no_law_named"


@dataclass
class SearchInfo:
    """How a query was searched, for the page and the JSON: `mode` (one of MODES),
    `relaxed` (fewer words had to match than were typed), what the page says (`notices`),
    a looser query to offer (`looser`), and the citation read, if any (`citations`: all of
    them, in the order asked, where the query cites several; then `citation` is None)."""

    mode: str
    relaxed: bool = False
    notices: list[str] = field(default_factory=list)
    looser: str = ""
    citation: Citation | None = None
    citations: list[Citation] = field(default_factory=list)

    def as_json(self) -> dict:
        payload = {"mode": self.mode, "relaxed": self.relaxed}
        if self.notices:
            payload["notices"] = self.notices
        if self.looser:
            payload["looser"] = self.looser
        if self.citation:
            payload["citation"] = self.citation.as_dict()
        if len(self.citations) > 1:
            payload["citations"] = [citation.as_dict() for citation in self.citations]
        return payload


@dataclass
class Decision:
    how: str  # a mode, or "none" (a phrase nothing holds, a law not held)
    many: bool  # more than FULL_RANK_LIMIT matches
    info: SearchInfo
    tiers: dict = field(default_factory=dict)  # article id -> rank tier
    scores: dict = field(default_factory=dict)  # typo: article id -> title similarity


def clean(query: str | None) -> str:
    return (query or "").replace("\x00", " ").strip()[: textsearch.MAX_QUERY_LENGTH]


def search_relation(current: bool) -> str:
    """The article's path to the search index row of the version searched."""
    return "current_search" if current else "versions__search"


def matching(queryset, match, day: date, *, current: bool, field: str = "document"):
    """Articles whose version in force on `day` matches `match` (a backend's; None matches
    nothing) in the search row's `field` ("document", or a backend's `title_field`);
    `current`: that version is each article's current one (the stored figures hold), read
    without the versions table."""
    if match is None:
        return queryset.none()
    conditions = {f"{search_relation(current)}__{field}__match": match}
    if current:
        return queryset.filter(**conditions)
    # One filter() call, so the in-force condition and the match apply to the same version:
    # the one in force on `day`, or where no wording of that day is held (the article may
    # still have been in force: the list's in_force_on filter says), the current one.
    held_that_day = ArticleVersion.objects.filter(in_force_q(day), article=OuterRef("pk"))
    searched = in_force_q(day, "versions__") | (
        Q(versions__valid_to__isnull=True) & ~Exists(held_that_day)
    )
    return queryset.filter(searched, **conditions)


def count_up_to(queryset, limit: int) -> int:
    """How many rows `queryset` has, counted no further than `limit`, in the database (a
    count over the first `limit` rows: one row sent, not up to `limit`)."""
    return queryset.order_by().values("pk")[:limit].count()


def count_matching(articles, match, day: date, *, current: bool) -> int:
    """How many articles match on `day` (matching), counted exactly up to FULL_RANK_LIMIT;
    FULL_RANK_LIMIT + 1 stands for "more". The index rows of every version are counted
    first, without joining them to their articles: none means none, and a few are joined
    and counted exactly, in the same statement. Where more than FULL_RANK_LIMIT versions
    match, one article is enough to say "more" (the ranking then reads the small vectors,
    which is right for a word that common): joining thousands of matches to count them was
    most of a common word's decision (60 of 65 ms at 10,000 synthetic articles)."""
    if match is None:
        return 0
    found = matching(articles, match, day, current=current)
    if not surely_many(match):
        versions = count_versions_then_articles(match, found)
        if versions <= FULL_RANK_LIMIT:
            return versions
    # With plain index scans the first match is found by walking the articles' current
    # versions in order (0.4 ms at 100,000 synthetic articles), not by reading every match
    # as a bitmap first (28 ms). It walks far only for a word in thousands of old versions
    # and in no article's current one.
    with backend_for(connection).index_first_plan():
        return FULL_RANK_LIMIT + 1 if found.exists() else 0


MANY_BY_ESTIMATE = 10 * FULL_RANK_LIMIT  # index rows the planner must expect to skip a count


def surely_many(match) -> bool:
    """Whether the planner expects at least MANY_BY_ESTIMATE index rows to match `match`
    (PostgreSQL; never elsewhere): then "more than FULL_RANK_LIMIT" needs no count. Counting
    even up to FULL_RANK_LIMIT + 1 reads a GIN bitmap of every match (20–30 ms for a word in
    240,000 index rows at 100,000 synthetic articles; the estimate takes ~1 ms). Only the
    ranking method rests on it; whether anything matches is still read (count_matching)."""
    from search.models import VersionSearch

    rows = VersionSearch.objects.filter(document__match=match).order_by().values("pk")
    estimate = backend_for(connection).estimated_count(rows)
    return estimate is not None and estimate >= MANY_BY_ESTIMATE


def count_versions_then_articles(match, found) -> int:
    """The articles of `found` (counted up to FULL_RANK_LIMIT + 1) where at most
    FULL_RANK_LIMIT index rows match `match`; else the index rows counted (0, or
    FULL_RANK_LIMIT + 1). One statement: its CASE reads the articles only when the count of
    index rows says to (both databases evaluate a CASE's branches lazily)."""
    from search.models import VersionSearch

    limit = FULL_RANK_LIMIT + 1
    rows = VersionSearch.objects.filter(document__match=match).order_by().values("pk")[:limit]
    articles = found.order_by().values("pk")[:limit]
    rows_sql, rows_params = rows.query.sql_with_params()
    articles_sql, articles_params = articles.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN index_rows.n BETWEEN 1 AND {FULL_RANK_LIMIT} "
            f"THEN (SELECT COUNT(*) FROM ({articles_sql}) articles) ELSE index_rows.n END "
            f"FROM (SELECT COUNT(*) AS n FROM ({rows_sql}) matched) index_rows",
            [*articles_params, *rows_params],
        )
        return cursor.fetchone()[0]


def title_scores(query: str) -> dict[int, float]:
    """{article id: similarity} of the titles within trigram distance of the query, best
    first (at most TYPO_LIMIT, similarity at least TYPO_THRESHOLD)."""
    backend = backend_for(connection)
    return backend.title_scores(query, threshold=TYPO_THRESHOLD, limit=TYPO_LIMIT)


def no_rank(queryset):
    return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))


def search_articles(queryset, query: str, *, day: date, current: bool = False, decisions=None):
    """`queryset` narrowed to the articles matching `query` on `day`, with `search_rank`.

    `current`: the version in force on `day` is each article's current one. `decisions`: a
    dict kept for one request, so the filtersets of the facets reuse the main one's choice
    of citation, phrase, strict, relaxed or typo-tolerant matching (and its SearchInfo,
    under "info") instead of asking the database again.
    """
    query = clean(query)
    if not query:
        return queryset
    decisions = {} if decisions is None else decisions
    key = (query, day, current)
    if key not in decisions:
        decisions[key] = decide(query, day, current)
        decisions["info"] = decisions[key].info
    decision = decisions[key]
    if decision.how == "none":
        return no_rank(queryset)
    if decision.how == "citation":
        return cited(queryset, *(decision.info.citations or [decision.info.citation]))
    if decision.how == "typo":
        # scored once for the request, so the facets' filtersets ask the database no more
        return backend_for(connection).ranked_by_scores(queryset, decision.scores)
    match = text_match(query, decision)
    found = matching(queryset, match, day, current=current)
    rank = backend_for(connection).article_rank(search_relation(current), match, many=decision.many)
    return found.annotate(search_rank=with_tiers(rank, decision.tiers))


def text_match(query: str, decision: Decision):
    """The backend's match for a word or phrase search of `query` as `decision` (a Decision
    of mode all, any or phrase) searches it; None where no word is left to search for."""
    parsed = textsearch.parse_websearch(clean(query))
    return backend_for(connection).match(textsearch.plan(parsed, any_word=decision.how == "any"))


def search_decision(decisions: dict) -> Decision | None:
    """The decision search_articles made for a request's query (`decisions` as passed to it),
    once the results were built; None without a query."""
    return next((d for d in decisions.values() if isinstance(d, Decision)), None)


def with_tiers(rank, tiers: dict):
    """The search rank: an article's tier where rank_tiers gave it one (decided in Python, the
    same on every database; ties then go to the list's number order), else the database's
    text rank."""
    by_tier = {}
    for pk, tier in tiers.items():
        by_tier.setdefault(round(tier, 3), []).append(pk)
    if not by_tier:
        return rank
    return Case(
        *[
            When(pk__in=ids, then=Value(tier))
            for tier, ids in sorted(by_tier.items(), reverse=True)
        ],
        default=rank,
        output_field=FloatField(),
    )


def cited(queryset, *citations: Citation):
    """The cited articles, in the order cited: each in the laws named, else in any law, the
    Criminal Code's first (of several citations, the Criminal Code's articles in the order
    cited, then the other laws' in that order)."""
    wanted, ranks = Q(pk__in=[]), []
    elsewhere = CITED - CITED_ELSEWHERE  # below every Criminal Code article cited
    for i, citation in enumerate(citations):
        this = Q(number=citation.number)
        if citation.code:
            this &= Q(law__slug__in=citation.laws)
        wanted |= this
        step = i * elsewhere / len(citations)
        ranks.append(When(this & Q(law__slug__in=CRIMINAL_CODE.slugs), then=Value(CITED - step)))
        ranks.append(When(this, then=Value(CITED_ELSEWHERE - step)))
    rank = Case(*ranks, default=Value(0.0), output_field=FloatField())
    return queryset.filter(wanted).annotate(search_rank=rank)


def decide(query: str, day: date, current: bool) -> Decision:
    """How to search `query` on `day`, asked of the whole corpus once per request."""
    from provisions.models import Article

    articles = Article.objects.all()
    citations = parse_citations(query)
    if citations:
        if len(citations) > 1:
            decision = decide_citations(articles, citations, query)
        else:
            decision = decide_citation(articles, citations[0], query)
        if decision:
            return decision
    parsed = textsearch.parse_websearch(query)
    notices = english_notices(query)
    if parsed.is_empty:
        dropped = [w for w in textsearch.words(query) if w.lower() in textsearch.STOPWORDS]
        if dropped:
            notices.insert(
                0,
                f"Only words too common to search for ({', '.join(dict.fromkeys(dropped))}): "
                "add a word that says what you are looking for.",
            )
        return Decision("none", False, SearchInfo("all", notices=notices))
    with index_first_plan(query, bitmap_only=True):
        decision = decide_words(articles, query, parsed, notices, day, current)
    if decision:
        return decision
    # No word matched: titles spelled like the query (their trigram indexes, unhinted).
    scores = title_scores(query)
    if scores:
        notices.insert(0, "No article has these words: showing titles spelled like them.")
    else:
        notices.insert(0, "No article has these words, and no title is spelled like them.")
    return Decision("typo", False, SearchInfo("typo", True, notices), scores=scores)


def decide_words(articles, query: str, parsed, notices: list[str], day: date, current: bool):
    """decide's text search: every word, a phrase, or any word; None where nothing matches
    and a typo is worth looking for. Run under index_first_plan(bitmap_only=True)."""
    backend = backend_for(connection)
    found = count_matching(articles, backend.match(textsearch.plan(parsed)), day, current=current)
    if parsed.phrases:
        info = SearchInfo("phrase", notices=notices)
        if not found:
            info.notices.insert(0, "No article has the quoted words in that order and form.")
            info.looser = query.replace('"', " ").strip()
            return Decision("none", False, info)
        tiers = rank_tiers(articles, query, parsed, day, current)
        return Decision("phrase", found > FULL_RANK_LIMIT, info, tiers)
    if found:
        tiers = rank_tiers(articles, query, parsed, day, current)
        return Decision("all", found > FULL_RANK_LIMIT, SearchInfo("all", notices=notices), tiers)
    if len(set(parsed.positive_words)) > 1:
        match = backend.match(textsearch.plan(parsed, any_word=True))
        found = count_matching(articles, match, day, current=current)
        if found:
            notices.insert(0, "No article has all of these words: showing those with any of them.")
            tiers = rank_tiers(articles, query, parsed, day, current)
            return Decision("any", found > FULL_RANK_LIMIT, SearchInfo("any", True, notices), tiers)
    if parsed.negative_terms:
        # the excluded words ruled everything out; not a typo
        return Decision("all", False, SearchInfo("all", notices=notices))
    return None


def cited_article(filterset) -> str | None:
    """The address (with the part's anchor) a citation in the list's `q` goes to: the one
    article cited, or the Criminal Code's when no law was named (with ?no_law_named=1 where
    other laws have that number too); None otherwise."""
    results = filterset.qs  # built now: the search decides, and says how, as it filters
    info = filterset.search_info
    if not info or info.mode != "citation" or len(info.citations) > 1:
        return None  # several citations are listed, in the order asked
    first_two = list(results.values_list("pk", "search_rank")[:2])
    if not first_two:
        return None
    if len(first_two) > 1 and first_two[0][1] == first_two[1][1]:
        return None  # several laws have the number, none of them the Criminal Code
    from provisions.models import Article

    url = Article.objects.select_related("law").get(pk=first_two[0][0]).get_absolute_url()
    if len(first_two) > 1:
        # No law named and other laws have the number too: the page lists them (NO_LAW_NAMED).
        url += f"?{NO_LAW_NAMED}=1"
    anchor = info.citation.anchor
    # ?part= lets the page say so when the wording shown lacks the part (a fragment alone
    # never reaches the server, and a missing anchor silently shows the article's top).
    return f"{url}?part={info.citation.part}#{anchor}" if anchor else url


def decide_citation(articles, citation: Citation, query: str) -> Decision | None:
    """The citation's decision; None for a bare number no article has (searched as text)."""
    info = SearchInfo("citation", citation=citation)
    if citation.code:
        held = set(Law.objects.filter(slug__in=citation.laws).values_list("slug", flat=True))
        if not held:
            info.notices.append(
                f"We hold no text of {citation.code.name}: it has not been imported here, "
                "so none of its articles can be shown."
            )
            return Decision("none", False, info)
    if cited(articles, citation).exists():
        return Decision("citation", False, info)
    bare = not citation.code and not any(c.isalpha() for c in query)
    if bare:
        return None
    info.notices.append(not_held_notice(citation))
    return Decision("none", False, info)


def not_held_notice(citation: Citation) -> str:
    """What the page says of a cited article no law held here has. Never implies it exists:
    an article the law lacks cannot be told from one not imported."""
    if citation.code:
        held = f"We hold no article {citation.number} of {citation.code.name}"
    else:
        held = f"We hold no article {citation.number} in any law held here"
    return f"{held}: either it does not exist or we have not imported it."


def decide_citations(articles, citations: list[Citation], query: str) -> Decision | None:
    """Several citations ("275 276", "ст. 275, 276 УК"): the articles cited, in the order
    asked, saying so and naming those not held; None for bare numbers no article has
    (searched as text)."""
    info = SearchInfo("citation", citations=citations)
    held = set(cited(articles, *citations).values_list("number", "law__slug"))
    missing = [
        c
        for c in citations
        if not any(n == c.number and (not c.code or law in c.laws) for n, law in held)
    ]
    if not held and not any(c.code for c in citations) and not any(ch.isalpha() for ch in query):
        return None
    asked = ", ".join(f"{c.number}{f' ({c.code.name})' if c.code else ''}" for c in citations)
    unnamed = (
        ""
        if all(c.code for c in citations)
        else (
            "; where no code is named, the Criminal Code's articles come first, then other codes' "
            "articles of those numbers"
        )
    )
    info.notices.append(
        f"Read as {len(citations)} citations: articles {asked}; shown in the order asked{unnamed}."
    )
    info.notices.extend(not_held_notice(c) for c in missing)
    return Decision("citation" if held else "none", False, info)


def rank_tiers(articles, query: str, parsed, day: date, current: bool) -> dict[int, float]:
    """{article id: score} for the articles ranked above the text rank, in tiers: the title is
    the query (TITLE_IS_QUERY), the text holds the query as typed (PASSAGE), every word is in
    the title (WORDS_IN_TITLE). Within PASSAGE and WORDS_IN_TITLE, a title holding every word
    scores TYPED_IN_TITLE more where it holds them as typed, in that order ("foreign agent" in
    "… of a foreign agent", not in "… on foreign agents"), and up to TITLE_SHARE more the fewer
    other words it has. Decided here, not by either database's text rank, so both order alike.
    """
    backend = backend_for(connection)
    tiers, title_bonus = {}, {}
    title_match = backend.match(textsearch.title_plan(parsed))
    titled = matching(
        articles, title_match, day, current=current, field=backend.title_field
    ).order_by()
    rows = titled.values_list("pk", "title_ru", "title_en", "law__slug")
    if not current:
        # An article's versions in force that day, or its current one: rows to collapse. Its
        # current version alone joins once (a one-to-one key), and without DISTINCT the first
        # TITLE_CANDIDATES rows end the scan instead of every title match being sorted.
        rows = rows.distinct()
    wanted = [word_forms(w) for w in dict.fromkeys(parsed.positive_words)]
    typed = [fold(word) for word in tokens(query)]
    for pk, title_ru, title_en, law in rows[:TITLE_CANDIDATES]:
        titles = (title_words(title_ru), title_words(title_en))  # each read once
        if any(title_is(title, wanted) for title in titles):
            # "Клевета" is both CC 128.1 and КоАП 5.61.1
            tiers[pk] = TITLE_IS_QUERY + (CRIMINAL_CODE_FIRST if law in CRIMINAL_CODE.slugs else 0)
            continue
        in_order = any(holds_in_order(title, typed) for title in titles)
        share = max(share_named(title, len(wanted)) for title in titles)
        title_bonus[pk] = (TYPED_IN_TITLE if in_order else 0.0) + TITLE_SHARE * share
        tiers[pk] = WORDS_IN_TITLE + title_bonus[pk]
    if len(parsed.positive_words) >= PASSAGE_FROM and not parsed.phrases:
        passage = backend.match(textsearch.passage_plan(parsed))
        for pk in matching(articles, passage, day, current=current).values_list("pk", flat=True)[
            :TITLE_CANDIDATES
        ]:
            tiers[pk] = max(tiers.get(pk, 0.0), PASSAGE + title_bonus.get(pk, 0.0))
    return tiers


@dataclass(frozen=True)
class TitleWords:
    """A title's words as the tiers compare them: `lowered` every word in lower case; `folded`
    the same words joined by spaces and framed by them, ё as е (holds_in_order looks for the
    typed words in it); `named` the words but stop words, as the index holds them
    (search.morphology), `named_count` how many."""

    lowered: tuple[str, ...]
    folded: str
    named_count: int

    @cached_property
    def named(self) -> tuple[str, ...]:
        # Only title_is reads the words themselves, and only for a title of as many words as
        # the query: most of a common word's 500 candidate titles never need them.
        return tuple(index_token(w) for w in self.lowered if w not in textsearch.STOPWORDS)


def title_words(title: str | None) -> TitleWords:
    """The title tokenized once (a common word's 500 candidate titles, each in two languages,
    were tokenized three times over: 9 ms of a 48 ms page at 100,000 articles)."""
    words = tuple(tokens((title or "").lower()))  # the same tokens, lower case (index_token's too)
    named_count = sum(w not in textsearch.STOPWORDS for w in words)
    return TitleWords(words, f" {' '.join(words).replace('ё', 'е')} ", named_count)


def holds_in_order(title: TitleWords, typed: list[str]) -> bool:
    """Whether the title's words (folded: lower case, ё as е) hold `typed` side by side."""
    # Tokens hold no spaces, so a run of whole words is the same run of space-framed text.
    return bool(typed) and f" {' '.join(typed)} " in title.folded


def share_named(title: TitleWords, named: int) -> float:
    """The share (0 to 1) of the title's words (stop words aside) that `named` query words
    make up: 1 for a title of those words alone."""
    count = title.named_count
    return min(named / count, 1.0) if count else 0.0


def title_is(title: TitleWords, wanted: list[frozenset[str]]) -> bool:
    """Whether the title's words are the query's words (in any form, any order)."""
    if not title.named_count or title.named_count != len(wanted):
        return False
    left = list(wanted)
    for word in title.named:
        hit = next((forms for forms in left if word in forms), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def english_notices(query: str) -> list[str]:
    """What the page says when the query is in English and fewer than ENGLISH_FEW articles
    have an English title or text to match: how many do. Counted from a partial index
    (search migration 0006) and never past ENGLISH_FEW, so the cost does not grow with the
    corpus."""
    from provisions.models import Article

    if not any("a" <= c.lower() <= "z" for c in query):
        return []
    # Outside the decision's bitmap-only plan: the planner reads the partial index in order.
    titled = count_up_to(Article.objects.exclude(title_en=""), ENGLISH_FEW)
    if titled >= ENGLISH_FEW:
        return []
    return [
        f"English words match only the {titled} articles that have an English title or text "
        "here; no public English translation with a source has been added for the rest. "
        "Search in Russian to reach them."
    ]


@contextmanager
def index_first_plan(query: str | None, *, bitmap_only: bool = False):
    """Around the queries of one text search (none without a query): the backend's hint that
    the planner should use the search indexes (on PostgreSQL, sequential scans only as a
    last resort; with `bitmap_only`, plain index scans too: for the decision's queries)."""
    if not clean(query):
        yield
        return
    with backend_for(connection).index_first_plan(bitmap_only=bitmap_only):
        yield


def article_snippets(articles, query: str) -> dict[int, SafeString]:
    """A highlighted passage per article (of the version each row shows), keyed by article id."""
    query = clean(query)
    if not query or parse_citations(query):
        return {}
    parsed = textsearch.parse_websearch(query)
    wanted = parsed.positive_words
    versions = {
        article.pk: article.versions_in_force[0]
        for article in articles
        if getattr(article, "versions_in_force", None)
    }
    headlines = backend_for(connection).headlines(versions.values(), query)
    snippets = {}
    for article in articles:
        version = versions.get(article.pk)
        snippet = headlines.get(version.pk) if version else None
        if not snippet and version:
            snippet = textsearch.highlight(f"{version.text_ru} {version.text_en}", wanted)
        if not snippet:
            snippet = textsearch.highlight(f"{article.title_en} · {article.title_ru}", wanted)
        snippets[article.pk] = snippet
    return snippets


def only_punctuation(query: str | None) -> bool:
    """True for a query with characters but no word to search for."""
    text = clean(query)
    return bool(text) and not textsearch.words(text)
