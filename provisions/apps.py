from django.apps import AppConfig


class ProvisionsConfig(AppConfig):
    name = "provisions"
    verbose_name = "Legal provisions"
