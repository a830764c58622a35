"""PostgreSQL settings changed for a few statements and then put back."""

from contextlib import contextmanager


@contextmanager
def local_settings(cursor, settings: dict[str, str], *, restore: bool = True):
    """Each setting `name` set to its value for the statements inside the block, in the open
    transaction, in one statement whatever their number (and one more to put them back).

    SET LOCAL would last to the end of the whole transaction, not of this block, so the
    previous values are put back after it (`restore`; a caller whose block is the whole
    transaction passes False: the values end with it); an error inside rolls the settings
    back with the block's savepoint."""
    names = list(settings)
    if not restore:
        set_settings(cursor, settings)
        yield
        return
    # Read in a materialized CTE, so the old values are read before any is set.
    reads = ", ".join(f"current_setting(%s) AS s{i}" for i in range(len(names)))
    olds = ", ".join(f"s{i}" for i in range(len(names)))
    cursor.execute(
        f"WITH before AS MATERIALIZED (SELECT {reads}) SELECT {olds}, {_calls(settings)} "
        "FROM before",
        [*names, *_pairs(settings)],
    )
    before = cursor.fetchone()[: len(names)]
    yield
    set_settings(cursor, dict(zip(names, before, strict=True)))


def local_setting(cursor, name: str, value: str, *, restore: bool = True):
    """One setting changed for the block (local_settings)."""
    return local_settings(cursor, {name: value}, restore=restore)


def _calls(settings: dict[str, str]) -> str:
    return ", ".join("set_config(%s, %s, true)" for _ in settings)


def _pairs(settings: dict[str, str]) -> list[str]:
    return [part for item in settings.items() for part in item]


def set_settings(cursor, settings: dict[str, str]) -> None:
    """Each setting `name` set to its value to the end of the open transaction (SET LOCAL's
    effect, several in one statement); nothing when `settings` is empty."""
    if settings:
        cursor.execute(f"SELECT {_calls(settings)}", _pairs(settings))
