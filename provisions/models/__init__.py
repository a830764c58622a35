"""The legal data model: laws, their articles, the articles' versions and penalties, the
amendments that produce new versions, and the sources that support every fact.

Constraints live in the database (named, so errors say which rule broke). The one constraint
SQL cannot express portably, "no two versions of an article overlap", is added by migration:
an exclusion constraint on PostgreSQL, a trigger on SQLite.
"""

from provisions.models.amendments import Amendment, ArticleChange, ChangedPenalty, EditorialNote
from provisions.models.articles import (
    DERIVED_ARTICLE_FIELDS,
    DERIVED_VERSION_FIELDS,
    Article,
    ArticleVersion,
    in_force_q,
)
from provisions.models.common import Certainty, Origin, natural_sort_key
from provisions.models.laws import Law, Topic
from provisions.models.penalties import Penalty, UnparsedSanction
from provisions.models.sources import (
    ANOTHER_READING,
    CITATION_TARGETS,
    MAX_SOURCE_CITATIONS,
    Citation,
    ConvictionStat,
    OfficialText,
    Source,
)

__all__ = [
    "ANOTHER_READING",
    "CITATION_TARGETS",
    "DERIVED_ARTICLE_FIELDS",
    "DERIVED_VERSION_FIELDS",
    "MAX_SOURCE_CITATIONS",
    "Amendment",
    "Article",
    "ArticleChange",
    "ArticleVersion",
    "Certainty",
    "ChangedPenalty",
    "Citation",
    "ConvictionStat",
    "EditorialNote",
    "Law",
    "OfficialText",
    "Origin",
    "Penalty",
    "Source",
    "Topic",
    "UnparsedSanction",
    "in_force_q",
    "natural_sort_key",
]
