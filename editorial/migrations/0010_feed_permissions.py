from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import sync_role_groups


def grant_feed_permissions(apps, schema_editor):
    # As 0002_roles: the permissions exist only after all migrations, the chiefs need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_role_groups(apps)


class Migration(migrations.Migration):
    """Chiefs manage the feeds and see the bulk uploads in the admin."""

    dependencies = [
        ('editorial', '0009_queue_search_unaccent'),
        ('factcheck', '0005_ingesting'),
    ]

    operations = [migrations.RunPython(grant_feed_permissions, migrations.RunPython.noop)]
