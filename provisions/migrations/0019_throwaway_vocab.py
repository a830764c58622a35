"""THROWAWAY (branch h-vocab only): the lead drops this migration on merge, because the squashed
migrations add the same field. It lets this branch's tests run against it:
Penalty.main_prison_months (generated).

SQLite adds the column by rebuilding the table, which drops the triggers on it; they step
aside first and are recreated after."""

from django.db import migrations, models
from django.db.models import Case, F, When

from provisions.derived import (
    create_figures_triggers,
    create_kinds_triggers,
    drop_figures_triggers,
    drop_kinds_triggers,
)
from search.generation import create_generation_triggers, drop_generation_triggers
from search.index import create_search_triggers, drop_search_triggers

REBUILT = ["provisions_penalty"]


def triggers_step_aside(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        drop_search_triggers(apps, schema_editor)
        drop_figures_triggers(apps, schema_editor)
        drop_kinds_triggers(apps, schema_editor)
        drop_generation_triggers(apps, schema_editor, REBUILT)


def triggers_back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        create_search_triggers(apps, schema_editor)
        create_figures_triggers(apps, schema_editor)
        create_kinds_triggers(apps, schema_editor)
        create_generation_triggers(apps, schema_editor, REBUILT)


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0018_lz4_long_values"),
    ]

    operations = [
        migrations.RunPython(triggers_step_aside, triggers_back),
        migrations.AddField(
            model_name="penalty",
            name="main_prison_months",
            field=models.GeneratedField(
                db_persist=True,
                expression=Case(
                    When(role="main", kind="imprisonment", unit="years", then=F("max") * 12),
                    When(role="main", kind="imprisonment", unit="months", then=F("max")),
                    default=None,
                    output_field=models.PositiveBigIntegerField(),
                ),
                output_field=models.PositiveBigIntegerField(null=True),
            ),
        ),
        migrations.RunPython(triggers_back, triggers_step_aside),
    ]
