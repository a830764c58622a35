import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A relation without a column (article.current_version_id = version_search.rowid): state
    only, so SQLite never rebuilds provisions_article (and loses its triggers) for it."""

    dependencies = [
        ("provisions", "0012_search_ranking_vector"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="article",
                    name="current_search",
                    field=models.ForeignObject(
                        from_fields=["current_version"],
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="provisions.versionsearch",
                        to_fields=["version"],
                    ),
                ),
            ]
        )
    ]
