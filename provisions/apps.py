from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ProvisionsConfig(AppConfig):
    name = "provisions"
    verbose_name = "Legal provisions"

    def ready(self):
        from provisions.derived import register_trigger_switch

        # SQLite's derived-data triggers ask lawbase_triggers_on() whether to run.
        connection_created.connect(register_trigger_switch)
