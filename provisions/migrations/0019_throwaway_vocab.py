"""THROWAWAY (branch h-vocab only): the lead drops this migration on merge, because the squashed
migrations add the same three fields. It lets this branch's tests run against them:
Penalty.main_prison_months (generated, kept in its history too), ArticleChange.effect and
effect_reasons.

SQLite adds these columns by rebuilding the two tables, which drops the triggers on them; they
step aside first and are recreated after. Existing changes get their effect written."""

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

REBUILT = ["provisions_penalty", "provisions_articlechange"]


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


def store_effects(apps, schema_editor):
    # Today's models match this (last) migration's state.
    from provisions.changes import store_change_effects
    from provisions.models import ArticleChange

    store_change_effects(ArticleChange.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0018_lz4_long_values"),
    ]

    operations = [
        migrations.RunPython(triggers_step_aside, triggers_back),
        migrations.AddField(
            model_name="articlechange",
            name="effect",
            field=models.CharField(
                blank=True,
                choices=[
                    ("harsher", "Harsher"),
                    ("softer", "Softer"),
                    ("mixed", "Mixed"),
                    ("unchanged", "Unchanged"),
                    ("unknown", "Unknown"),
                ],
                editable=False,
                help_text="Harsher, softer, mixed, unchanged or unknown; written when the "
                "amendment is applied.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="articlechange",
            name="effect_reasons",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
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
        migrations.AddField(
            model_name="historicalpenalty",
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
        migrations.RunPython(store_effects, migrations.RunPython.noop),
    ]
