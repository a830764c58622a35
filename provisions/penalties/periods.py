"""Which held version covers a day."""

from datetime import date


def version_on(versions, day: date):
    """The version of `versions` (objects with valid_from/valid_to and is_in_force_on) in force
    on `day`, or None: no wording of that day is held (which says nothing of whether the
    article was in force; provisions.timeline does)."""
    return next((version for version in versions if version.is_in_force_on(day)), None)
