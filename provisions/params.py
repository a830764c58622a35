"""Parsing query parameters into values, with messages fit to show the user."""

from datetime import date


class BadParameter(ValueError):
    """A query parameter that does not parse; its message is shown to the user."""


def parse_day(value: str | None, name: str) -> date | None:
    """'2023-05-09' -> date; empty -> None; anything else -> BadParameter."""
    if value is None or value.strip() == "":
        return None
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise BadParameter(f"{name} must be a date as YYYY-MM-DD, not {shown!r}.") from None
