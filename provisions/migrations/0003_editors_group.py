"""The editors group: may view, add and change the corpus, never delete it."""

from django.db import migrations

EDITED_MODELS = [
    "topic",
    "law",
    "article",
    "articleversion",
    "penalty",
    "amendment",
    "articlechange",
    "changedpenalty",
    "source",
    "citation",
    "convictionstat",
]


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    codenames = [
        f"{action}_{model}" for model in EDITED_MODELS for action in ("view", "add", "change")
    ]
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="provisions", codename__in=codenames)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("provisions", "0002_version_periods_never_overlap"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
