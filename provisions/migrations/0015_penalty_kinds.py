from django.db import migrations, models

from provisions.derived import backfill_kinds, create_kinds_triggers, drop_kinds_triggers


def forward(apps, schema_editor):
    create_kinds_triggers(apps, schema_editor)
    backfill_kinds(apps, schema_editor)


class Migration(migrations.Migration):
    """Each version's kinds of penalty as bits, and the current version's on each article,
    kept by their own triggers (search_schema). Nullable columns: SQLite adds them in place,
    without rebuilding the tables (which would drop their triggers)."""

    dependencies = [
        ("provisions", "0014_watch_every_public_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="current_penalty_kinds",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="articleversion",
            name="penalty_kinds",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(forward, drop_kinds_triggers),
    ]
