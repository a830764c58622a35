from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_functions(sender, connection, **kwargs):
    """The SQLite search triggers call these to index Snowball stems."""
    if connection.vendor != "sqlite":
        return
    from search.query import penalty_words, stems_text

    connection.connection.create_function("lawbase_stems", 1, stems_text, deterministic=True)
    connection.connection.create_function(
        "lawbase_penalty_words", 1, penalty_words, deterministic=True
    )


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        connection_created.connect(register_sqlite_functions)
