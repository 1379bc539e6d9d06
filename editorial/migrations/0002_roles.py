from django.db import migrations

from editorial.roles import grant_role_permissions



class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("factcheck", "0001_schema"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant_role_permissions, migrations.RunPython.noop)]
