"""A GIN index of the small `ranking` vector (titles and penalty names) on PostgreSQL, so a
search of the titles alone (search.engine.rank_tiers) is answered from it: through the whole
document's index every match was rechecked for its weights, reading each document out of TOAST
(189 ms for a word in 8,000 of 10,000 synthetic articles). SQLite's FTS5 filters on its title
column from the index and needs nothing."""

import importlib

from django.db import migrations

words = importlib.import_module("search.migrations.0003_word_forms_index")

INDEX = "provisions_version_search_ranking_gin"
FORWARD = {
    "postgresql": [f"CREATE INDEX {INDEX} ON provisions_version_search USING gin (ranking)"],
    "sqlite": [],
}
BACKWARD = {"postgresql": [f"DROP INDEX {INDEX}"], "sqlite": []}


class Migration(migrations.Migration):
    dependencies = [("search", "0004_watch_unparsed_sanctions")]

    operations = [migrations.RunPython(words.run(FORWARD), words.run(BACKWARD))]
