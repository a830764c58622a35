"""PostgreSQL settings changed for a few statements and then put back."""

from contextlib import contextmanager


@contextmanager
def local_settings(cursor, settings: dict[str, str]):
    """Each setting `name` set to its value for the statements inside the block, in the open
    transaction, in two statements whatever their number (and one more to put them back).

    SET LOCAL would last to the end of the whole transaction, not of this block, so the
    previous values are put back after it; an error inside rolls the settings back with the
    block's savepoint."""
    names = list(settings)
    reads = ", ".join("current_setting(%s)" for _ in names)
    cursor.execute(f"SELECT {reads}", names)
    before = cursor.fetchone()
    _set(cursor, settings)
    yield
    _set(cursor, dict(zip(names, before, strict=True)))


def local_setting(cursor, name: str, value: str):
    """One setting changed for the block (local_settings)."""
    return local_settings(cursor, {name: value})


def _set(cursor, settings: dict[str, str]) -> None:
    calls = ", ".join("set_config(%s, %s, true)" for _ in settings)
    cursor.execute(f"SELECT {calls}", [part for item in settings.items() for part in item])
