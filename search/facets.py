"""The list's facet counts: for each facet (law, topic, penalty kind, penalty unit), how many
results each choice would give with the list's other filters applied, and the total.

While the stored figures of each article's current version hold (today's list), the counts
are read from the articles' stored kinds, units and topic bits (provisions migrations 0004,
0010, 0011), which the covering list indexes hold: on PostgreSQL in one pass over the results
(GROUPING SETS), elsewhere in two. Another day's kinds and units are counted from the
penalties in force that day, a query per facet.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count

from provisions.models import Article, Penalty, in_force_q
from provisions.penalties import PENALTY_KIND_BITS, PENALTY_UNIT_BITS
from search.backends import backend_for
from search.current_index import current_rows
from search.filters import UNIT_CHOICES

FACETS = ("law", "topic", "penalty_kind", "penalty_unit")
KIND_BITS = list(PENALTY_KIND_BITS.items())
UNIT_BITS = list(PENALTY_UNIT_BITS.items())
STORED = ("law", "penalty_kind", "penalty_unit")  # the facets the stored figures count


def facet_counts(filterset) -> tuple[dict[str, list[dict]], int | None]:
    """For each facet, how many results each choice would give with the other filters of
    `filterset` applied (the facet's own left out); and the total, when it came with them
    (else None).

    {"law": [{"value": slug, "label": name, "n": count}, …], "topic": …, "penalty_kind": …}
    """
    counts, total, names = {}, None, FACETS
    if filterset.figures_hold:
        every_topic_has_a_bit = all(topic.bit is not None for topic in filterset.topics)
        if every_topic_has_a_bit and backend_for(connection).groups_in_sets:
            return one_pass_facet_counts(filterset)
        stored, total = stored_facet_counts(filterset)
        counts.update(stored)
        names = ("topic",)
    for name in names:
        if name == "law":
            found = dict(
                Article.objects.filter(pk__in=filterset.without(name).values("pk"))
                .order_by()
                .values_list("law_id")
                .annotate(n=Count("pk"))
            )
            counts[name] = law_choices(filterset.laws, found)
        elif name == "topic":
            counts[name] = topic_choices(filterset.topics, topic_counts(filterset))
        else:
            counts[name] = penalties_in_force(filterset, name)
    return {name: counts[name] for name in FACETS}, total


def penalties_in_force(filterset, name: str) -> list[dict]:
    """The kind or unit facet (`name`) of another day: from the penalties in force then."""
    column = "kind" if name == "penalty_kind" else "unit"
    penalties = Penalty.objects.filter(
        in_force_q(filterset.day, "version__"),
        version__article__in=filterset.without(name).values("pk"),
    )
    # order_by(): the models' default orderings would join articles and laws.
    rows = penalties.order_by().values(column).annotate(n=Count("version_id", distinct=True))
    found = {row[column]: row["n"] for row in rows}
    return kind_choices(found) if name == "penalty_kind" else unit_choices(found)


def results_sql(filterset, *left_out: str):
    """The SQL and parameters of the results without the filters `left_out`, selecting the
    stored columns the facets count; None when the results are known to be empty (a search
    with no match). A search narrowed by nothing else reads them from the current text index
    alone (search.current_index), not from the articles."""
    rows = current_rows(filterset, *left_out)
    results = rows if rows is not None else filterset.without(*left_out)
    columns = results.values_list(
        "law_id", "current_penalty_kinds", "current_penalty_units", "topic_bits"
    )
    try:
        return columns.query.sql_with_params()
    except EmptyResultSet:
        return None


def one_pass_facet_counts(filterset) -> tuple[dict[str, list[dict]], int]:
    """facet_counts on PostgreSQL while the stored figures hold: one pass over the results
    without the four facets' filters, counted per combination of law, kinds and units (those
    of the chosen topic) and per combination of topic bits (those passing the chosen law, kind
    and unit): GROUPING SETS, a few hundred groups, summed in Python. At 100,000 synthetic
    articles this halved the two passes of stored_facet_counts and topic_counts."""
    cleaned = filterset.form.cleaned_data
    topic, law = cleaned.get("topic"), cleaned.get("law")
    kind, unit = cleaned.get("penalty_kind"), cleaned.get("penalty_unit")
    in_topic = f"(topic_bits & {int(topic.bit)}) <> 0" if topic else "TRUE"
    others = [
        f"law_id = {int(law.pk)}" if law else "",
        f"(current_penalty_kinds & {int(PENALTY_KIND_BITS[kind])}) <> 0" if kind else "",
        f"(current_penalty_units & {int(PENALTY_UNIT_BITS[unit])}) <> 0" if unit else "",
    ]
    in_others = " AND ".join(condition for condition in others if condition) or "TRUE"
    rows = grouped(
        results_sql(filterset, *FACETS),
        "SELECT GROUPING(topic_bits), law_id, current_penalty_kinds, current_penalty_units,"
        f" topic_bits, COUNT(*) FILTER (WHERE {in_topic}), COUNT(*) FILTER (WHERE {in_others})"
        " FROM ({results}) listed GROUP BY GROUPING SETS"
        " ((law_id, current_penalty_kinds, current_penalty_units), (topic_bits))",
    )
    groups = [(law_id, kinds, units, n) for by_law, law_id, kinds, units, _, n, _ in rows if by_law]
    bits = [(topic_bits, n) for by_law, *_, topic_bits, _, n in rows if not by_law]
    facets, total = summed_groups(filterset, groups)
    facets["topic"] = topic_choices(filterset.topics, spread_over_topics(filterset.topics, bits))
    return {name: facets[name] for name in FACETS}, total


def stored_facet_counts(filterset) -> tuple[dict[str, list[dict]], int]:
    """The law, penalty-kind and penalty-unit facets and the total, from one query over the
    stored kinds and units of each article's current version (valid when the stored figures
    hold): the results without those three filters, counted per combination of law, kinds
    and units (a few hundred groups), summed in Python by summed_groups.

    The counts are written as SQL around the results' own query. Grouping and summing in
    Python beats conditional sums in SQL: at 100,000 synthetic articles the unfiltered list's
    26 SUM(CASE …) took 59 ms, this grouping 17 ms."""
    groups = grouped(
        results_sql(filterset, *STORED),
        "SELECT law_id, current_penalty_kinds, current_penalty_units, COUNT(*)"
        " FROM ({results}) listed GROUP BY 1, 2, 3",
    )
    return summed_groups(filterset, groups)


def grouped(results, template: str) -> list[tuple]:
    """The rows of `template` (SQL with a {results} slot) around `results` (results_sql's
    SQL and parameters); none when the results are known to be empty."""
    if results is None:
        return []
    sql, params = results
    with connection.cursor() as cursor:
        cursor.execute(template.replace("{results}", sql), params)
        return cursor.fetchall()


def summed_groups(filterset, groups) -> tuple[dict[str, list[dict]], int]:
    """The law, kind and unit facets and the total from `groups`: (law id, kind bits, unit
    bits, n) of results that pass every filter but those three. Each facet sums the groups
    that pass the other two facets' filters (the law's own choice narrows the kinds, units
    and total, not the law facet)."""
    cleaned = filterset.form.cleaned_data
    chosen_law = cleaned.get("law")
    kind_wanted = PENALTY_KIND_BITS[cleaned["penalty_kind"]] if cleaned.get("penalty_kind") else 0
    unit_wanted = PENALTY_UNIT_BITS[cleaned["penalty_unit"]] if cleaned.get("penalty_unit") else 0
    laws, total = {}, 0
    kinds = dict.fromkeys(PENALTY_KIND_BITS, 0)
    units = dict.fromkeys(PENALTY_UNIT_BITS, 0)
    for law_id, kind_bits, unit_bits, n in groups:
        kind_bits, unit_bits = kind_bits or 0, unit_bits or 0  # no current version: none
        kind_passes = not kind_wanted or kind_bits & kind_wanted
        unit_passes = not unit_wanted or unit_bits & unit_wanted
        if kind_passes and unit_passes:
            laws[law_id] = laws.get(law_id, 0) + n
        if chosen_law is not None and law_id != chosen_law.pk:
            continue
        if kind_passes and unit_passes:
            total += n
        if unit_passes:
            for kind, bit in KIND_BITS:
                if kind_bits & bit:
                    kinds[kind] += n
        if kind_passes:
            for unit, bit in UNIT_BITS:
                if unit_bits & bit:
                    units[unit] += n
    facets = {
        "law": law_choices(filterset.laws, laws),
        "penalty_kind": kind_choices(kinds),
        "penalty_unit": unit_choices(units),
    }
    return facets, total


def topic_counts(filterset) -> dict[int, int]:
    """The topic facet: topic id → how many results there are of that topic with the other
    filters applied. Grouped by the articles' stored topic bits (a few hundred combinations,
    read from the list index) and spread over the topics in Python; through the article–topic
    table when a topic has no bit (Topic.bit)."""
    matching = filterset.without("topic")
    if any(topic.bit is None for topic in filterset.topics):
        return dict(
            Article.topics.through.objects.filter(article__in=matching.values("pk"))
            .order_by()
            .values_list("topic_id")
            .annotate(n=Count("article_id"))
        )
    bits = matching.values_list("topic_bits").annotate(n=Count("pk"))
    return spread_over_topics(filterset.topics, bits)


def spread_over_topics(topics, bits) -> dict[int, int]:
    """Topic id → the sum of n over `bits` ((topic bits, n) pairs) holding that topic's bit."""
    bits = [(held or 0, n) for held, n in bits]  # NULL: no topic yet
    found = {}
    for topic in topics:
        bit = topic.bit
        found[topic.pk] = sum(n for held, n in bits if held & bit)
    return found


def topic_choices(topics, found: dict[int, int]) -> list[dict]:
    return [
        {"value": topic.slug, "label": topic.name_en, "n": found.get(topic.pk, 0)}
        for topic in topics
    ]


def law_choices(laws, found: dict[int, int]) -> list[dict]:
    """The law facet: each of `laws` (in order) with its count in `found` (law id → n)."""
    return [{"value": law.slug, "label": law.short_name, "n": found.get(law.pk, 0)} for law in laws]


def unit_choices(found: dict[str, int]) -> list[dict]:
    return [
        {"value": unit, "label": label, "n": found.get(unit, 0)} for unit, label in UNIT_CHOICES
    ]


def kind_choices(found: dict[str, int]) -> list[dict]:
    return [
        {"value": kind, "label": label, "n": found.get(kind, 0)}
        for kind, label in Penalty.Kind.choices
    ]
