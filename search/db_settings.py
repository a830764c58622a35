"""PostgreSQL settings changed for a few statements and then put back."""

from contextlib import contextmanager


@contextmanager
def local_setting(cursor, name: str, value: str):
    """`name` set to `value` for the statements inside the block, in the open transaction.

    SET LOCAL would last to the end of the whole transaction, not of this block, so the
    previous value is put back after it; an error inside rolls the setting back with the
    block's savepoint."""
    cursor.execute("SELECT current_setting(%s)", [name])
    (before,) = cursor.fetchone()
    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
    yield
    cursor.execute("SELECT set_config(%s, %s, true)", [name, before])
