from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search.backends import prepare_connection

        connection_created.connect(prepare_connection)
