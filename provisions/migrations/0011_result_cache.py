from django.db import migrations

from search.generation import create_tables, drop_tables


class Migration(migrations.Migration):
    """The data-generation counter, its triggers and the result cache (generation_schema)."""

    dependencies = [
        ("provisions", "0010_list_figures_valid_to_index"),
    ]

    operations = [migrations.RunPython(create_tables, drop_tables)]
