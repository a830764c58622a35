"""The API's request and response schemas (django-ninja / pydantic): what /api/openapi.json
publishes. The article schemas describe the article JSON contract (provisions.serializers)."""

from datetime import date
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field, WithJsonSchema

from provisions.models import MAX_SOURCE_CITATIONS, Penalty
from provisions.params import BadParameter, parse_day
from search.filters import SORTS

MAX_PAGE_SIZE = 100


class Error(Schema):
    error: str
    errors: dict[str, list[str]] | None = None


class Page(Schema):
    count: int
    page: int
    num_pages: int


class LawOut(Schema):
    slug: str
    short_name: str
    title_en: str
    title_ru: str
    number: str
    kind: str
    adopted_on: date | None
    in_force_on: date | None
    official_url: str
    certainty: str
    origin: str
    article_count: int
    url: str


class LawPage(Page):
    results: list[LawOut]


class ArticleRow(Schema):
    law: str
    number: str
    title_en: str
    title_ru: str
    url: str
    max_prison_years: float | None
    life_imprisonment: bool
    penalty_summary: str
    last_amended: date | None
    certainty: str | None
    snippet: str


class ArticlePage(Page):
    results: list[ArticleRow]
    facets: dict[str, dict[str, int]]
    # How `q` was searched (search.engine.SearchInfo.as_json): mode, relaxed, notices.
    search: dict | None = None


class AttachedTo(Schema):
    alternative: int
    kind: str | None


class PenaltyOut(Schema):
    """A penalty of a part: `alternative` numbers the main ones from 0; an additional one is
    `attached_to` one. A fine in unit "multiple" multiplies the sum `multiple_of` names."""

    part: str
    kind: Literal[tuple(Penalty.Kind.values)]
    min: int | None
    max: int | None
    unit: Literal[tuple(v for v in Penalty.Unit.values if v)] | None
    role: str
    certainty: str
    subject: str | None
    optional: bool
    summary: str
    alternative: int
    attached_to: AttachedTo | None
    multiple_of: Literal[tuple(v for v in Penalty.MultipleOf.values if v)] | None


class UnparsedOut(Schema):  # a clause of the sanction not read into penalties, as worded
    part: str
    text: str
    reason: str


class VersionOut(Schema):
    """An edition: a held wording (`held` true, with penalties) or one known only from the
    official text's editorial notes (`held` false; valid_from null where the article's start
    is unknown)."""

    valid_from: date | None
    valid_to: date | None
    certainty: str
    introduced_by: str | None
    note: str
    penalties: list[PenaltyOut]
    unparsed: list[UnparsedOut] = []
    held: bool
    introduced_by_laws: list[str]
    ended_by: list[str]
    valid_from_certainty: str
    held_from: "HeldFromOut | None" = None
    other_readings: list["ReadingOut"] = []
    # Held editions only: original, amended, or unidentified (set by a law not identified
    # here); why the wording is not verified for its whole period ("" when it is).
    wording_origin: str | None = None
    caveat: str = ""


class HeldFromOut(Schema):
    """The text a held wording comes from; `kind`: official_text, consolidated_text or
    conversion; `current_to`: the day that text is current to, where known."""

    title: str
    publisher: str
    kind: str
    url: str | None
    current_to: date | None


class ReadingOut(Schema):
    """Another text's different wording of the same period."""

    source: HeldFromOut
    text: str


VersionOut.model_rebuild()


class RepealOut(Schema):
    """`valid_from_certainty`: how sure the repeal's start is; `caveat`: why it is not
    verified (an estimated in-force date of the repealing law), or ""."""

    valid_from: date | None
    valid_to: date | None
    repealed_by: list[str]
    valid_from_certainty: str = ""
    caveat: str = ""


class AsOfOut(Schema):
    """`status`: in_force, not_yet_in_force, repealed or unknown; `wording`: held, not_held
    or uncertain (null when the article was not in force); `caveat`: why a held wording, or
    a repeal's date, is not verified for that day ("" when it is)."""

    date: date
    status: str
    wording: str | None
    reason: str
    caveat: str = ""


class SourceQuote(Schema):
    title: str
    publisher: str
    url: str | None
    published_on: date | None
    quote: str
    supports: str


class StatisticOut(Schema):
    year: int
    period: str
    count: int
    qualifier: str
    source: str | None
    counted_by: str
    measure: str
    scope: str | None
    certainty: str


class ArticleOut(Schema):
    law: str
    number: str
    title_en: str
    title_ru: str
    topics: list[str]
    repealed_on: date | None
    in_force_from: date | None
    in_force_from_certainty: str
    in_force_basis: str
    versions: list[VersionOut]
    repeals: list[RepealOut]
    as_of: AsOfOut | None = None
    # The last day the data held covers (provisions.currency) and where it comes
    # from: an open `valid_to` means no later change is known here, not "in force today".
    known_to: date | None = None
    known_basis: str = ""
    sources: list[SourceQuote]
    statistics: list[StatisticOut]


class ChangeOut(Schema):
    law: str
    article: str
    action: str
    parts: str
    description: str
    effect: str
    effect_reasons: list[str]
    penalties_before: list[PenaltyOut]
    penalties_after: list[PenaltyOut]
    applied: bool = Field(
        description="False: recorded, not applied; no version is derived from it, so it is no "
        "part of the article's history yet (its effect then reads as its action alone says)."
    )


class TouchedArticleOut(Schema):
    law: str
    number: str
    parts: str = Field(description='Parts touched, e.g. "1, 2"; empty: not stated.')
    source: Literal["curated", "editorial_note"] = Field(
        description="curated: a curated change (listed under `changes`, with its effect); "
        "editorial_note: only the official text's editorial note names the article, and "
        "what the law did to it is not assessed (the wording before it is not held)."
    )
    kind: str = Field(
        description="curated: the change's action (added, amended, repealed); editorial_note: "
        "the note's kind (added, amended, restated, repealed)."
    )
    note: str = Field(
        description="curated: the change's description; editorial_note: the note's wording."
    )
    official_note: str = Field(
        description="The official text's editorial note naming this law on the article, "
        "where one is held; empty where none is."
    )
    url: str = Field(description="The article's page.")


class AmendmentOut(Schema):
    slug: str
    number: str
    title_en: str
    title_ru: str
    signed_on: date
    in_force_on: date
    in_force_certainty: str
    certainty: str
    summary: str
    applied: bool
    assessed: bool = Field(
        description="Applied, with at least one curated change whose effect on the penalties "
        "is assessed (harsher, softer, mixed or unchanged); false for the laws only the "
        "official texts' editorial notes name."
    )
    url: str


class AmendmentDetail(AmendmentOut):
    changes: list[ChangeOut]
    touched_articles: list[TouchedArticleOut] = Field(
        description="Every article the law touched: its curated changes first, then the "
        "articles only the official texts' editorial notes name; each article once."
    )
    sources: list[SourceQuote]


class AmendmentPage(Page):
    results: list[AmendmentOut]


class SourceOut(Schema):
    id: int
    slug: str
    title: str
    publisher: str
    kind: str
    url: str | None
    published_on: date | None
    date_note: str
    # For a text of a law: the day it is current to, where known.
    current_to: date | None = None
    language: str
    citation_count: int


class CitationOut(Schema):
    quote: str
    supports: str


class SourceDetail(SourceOut):
    archived_text: str
    citations: list[CitationOut] = Field(
        description=f"The first {MAX_SOURCE_CITATIONS} facts the source supports "
        "(citation_count has them all)."
    )


class SourcePage(Page):
    results: list[SourceOut]


class StatisticRow(StatisticOut):
    law: str | None
    article: str | None


class StatisticPage(Page):
    results: list[StatisticRow]


PenaltyKind = Literal[tuple(Penalty.Kind.values)]
SortOrder = Literal[tuple(SORTS)]


class ArticleFilters(Schema):
    """The filters of /provisions/, with the same names and meanings."""

    q: str | None = Field(
        None, max_length=300, description="Full-text search, or an article number."
    )
    law: str | None = Field(None, description="A law's slug, e.g. criminal-code.")
    topic: str | None = Field(None, description="A topic's slug, e.g. treason.")
    penalty_kind: PenaltyKind | None = None
    penalty_unit: Literal[tuple(v for v in Penalty.Unit.values if v)] | None = None
    max_prison_years_min: float | None = Field(None, ge=0, le=100)
    max_prison_years_max: float | None = Field(None, ge=0, le=100)
    in_force_on: date | None = Field(None, description="Articles (and texts) as of this day.")
    amended_in: int | None = Field(None, ge=1900, le=2100)
    sort: SortOrder | None = None
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def iso_day(value):
    """Only YYYY-MM-DD (pydantic alone would read "0" as a Unix time)."""
    if isinstance(value, date):
        return value
    try:
        return parse_day(str(value), "as_of")
    except BadParameter as error:
        raise ValueError(str(error)) from None


IsoDay = Annotated[
    date, BeforeValidator(iso_day), WithJsonSchema({"type": "string", "format": "date"})
]


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
