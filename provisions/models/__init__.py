"""The legal data model: laws, their articles, the articles' versions and penalties, the
amendments that produce new versions, and the sources that support every fact.

Constraints live in the database (named, so errors say which rule broke). The one constraint
SQL cannot express portably, "no two versions of an article overlap", is added by migration:
an exclusion constraint on PostgreSQL, a trigger on SQLite.
"""

from provisions.models.amendments import *  # noqa: F403
from provisions.models.articles import *  # noqa: F403
from provisions.models.common import *  # noqa: F403
from provisions.models.laws import *  # noqa: F403
from provisions.models.penalties import *  # noqa: F403
from provisions.models.sources import *  # noqa: F403
