"""The clauses of a sanction a reader could not place (provisions.UnparsedSanction, issue #18)
are shown on the article page: writes to their table move the data generation too, as the
other watched tables' do (migration 0002)."""

import importlib

from django.db import migrations

generation = importlib.import_module("search.migrations.0002_data_generation")

TABLE = "provisions_unparsedsanction"

FORWARD = {
    "postgresql": [
        f"CREATE TRIGGER {TABLE}_generation "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION provisions_bump_generation()"
    ],
    "sqlite": [
        f"CREATE TRIGGER {TABLE}_generation_{event} AFTER {event.upper()} ON {TABLE} "
        f"BEGIN {generation.BUMP}; END"
        for event in generation.EVENTS
    ],
}
BACKWARD = {
    "postgresql": [f"DROP TRIGGER {TABLE}_generation ON {TABLE}"],
    "sqlite": [f"DROP TRIGGER {TABLE}_generation_{event}" for event in generation.EVENTS],
}


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_word_forms_index"),
        ("provisions", "0009_sanctions_exact"),
    ]

    operations = [migrations.RunPython(generation.run(FORWARD), generation.run(BACKWARD))]
