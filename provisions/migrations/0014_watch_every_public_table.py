from django.db import migrations

from search.generation import (
    FIRST_WATCHED_TABLES,
    WATCHED_TABLES,
    create_generation_triggers,
    drop_generation_triggers,
)

ADDED = [table for table in WATCHED_TABLES if table not in FIRST_WATCHED_TABLES]


def forward(apps, schema_editor):
    create_generation_triggers(apps, schema_editor, ADDED)


def backward(apps, schema_editor):
    drop_generation_triggers(apps, schema_editor, ADDED)


class Migration(migrations.Migration):
    """Writes to citations, statistics, changes, notes and official texts move the data
    generation too: the cached article, amendment and statistics pages show them."""

    dependencies = [
        ("provisions", "0013_article_current_search"),
    ]

    operations = [migrations.RunPython(forward, backward)]
