"""A partial index of the articles with an English title, so a search in English can say how
few there are (search.engine.english_notices) from the index, without counting every article
(two full counts were most of a rare English word's search at 100,000 articles)."""

import importlib

from django.db import migrations

words = importlib.import_module("search.migrations.0003_word_forms_index")

INDEX = "provisions_article_english_title"
CREATE = f"CREATE INDEX {INDEX} ON provisions_article (id) WHERE title_en <> ''"
FORWARD = {"postgresql": [CREATE], "sqlite": [CREATE]}
BACKWARD = {"postgresql": [f"DROP INDEX {INDEX}"], "sqlite": [f"DROP INDEX {INDEX}"]}


class Migration(migrations.Migration):
    dependencies = [("search", "0005_ranking_index")]

    operations = [migrations.RunPython(words.run(FORWARD), words.run(BACKWARD))]
