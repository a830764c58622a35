from django.apps import AppConfig


class PravoConfig(AppConfig):
    name = "pravo"
    verbose_name = "Official-portal importer"
