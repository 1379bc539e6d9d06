from django.db import migrations

from editorial.roles import grant_role_permissions



class Migration(migrations.Migration):
    """Chiefs manage the feeds and see the bulk uploads in the admin."""

    dependencies = [
        ('editorial', '0009_queue_search_unaccent'),
        ('factcheck', '0005_ingesting'),
    ]

    operations = [migrations.RunPython(grant_role_permissions, migrations.RunPython.noop)]
