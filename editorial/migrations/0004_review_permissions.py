from django.db import migrations, models

from editorial.roles import create_all_permissions, sync_role_groups

CODENAMES = ("review_claim", "approve_verdict", "assign_claim", "force_unlock")


def move_permissions(apps, schema_editor, old_app="factcheck", old_model="claim",
                     new_app="editorial", new_model="reviewableclaim"):
    """Whoever held factcheck.<codename> (a group or a user) holds editorial.<codename>."""
    create_all_permissions(apps)
    Permission = apps.get_model("auth", "Permission")
    for codename in CODENAMES:
        new = Permission.objects.filter(content_type__app_label=new_app,
                                        content_type__model=new_model, codename=codename).first()
        for old in Permission.objects.filter(content_type__app_label=old_app,
                                             content_type__model=old_model, codename=codename):
            if new is not None:
                for group in old.group_set.all():
                    group.permissions.add(new)
                for user in old.user_set.all():
                    user.user_permissions.add(new)
            old.delete()


def grant_roles(apps, schema_editor):
    move_permissions(apps, schema_editor)
    sync_role_groups(apps)


def ungrant_roles(apps, schema_editor):
    move_permissions(apps, schema_editor, "editorial", "reviewableclaim", "factcheck", "claim")


class Migration(migrations.Migration):
    """The review permissions move from factcheck's Claim to editorial's ReviewableClaim
    (same codenames: editorial.review_claim…), with the groups and users that held them."""

    dependencies = [
        ('editorial', '0003_reviewable_claim'),
        ('factcheck', '0003_verbatim_claim_text'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='reviewableclaim',
            options={'permissions': [('review_claim', 'Can take claims and give verdicts'), ('approve_verdict', 'Can approve or send back verdicts'), ('assign_claim', 'Can assign claims to checkers'), ('force_unlock', "Can release another editor's lock")], 'verbose_name': 'claim under review', 'verbose_name_plural': 'claims under review'},
        ),
        migrations.AlterField(
            model_name='verdict',
            name='from_status',
            field=models.CharField(choices=[('new', 'new'), ('in_review', 'in review'), ('pending_approval', 'awaiting approval'), ('confirmed', 'confirmed'), ('disputed', 'disputed'), ('unverifiable', 'unverifiable'), ('not_a_claim', 'not a claim')], max_length=20),
        ),
        migrations.AlterField(
            model_name='verdict',
            name='to_status',
            field=models.CharField(choices=[('new', 'new'), ('in_review', 'in review'), ('pending_approval', 'awaiting approval'), ('confirmed', 'confirmed'), ('disputed', 'disputed'), ('unverifiable', 'unverifiable'), ('not_a_claim', 'not a claim')], max_length=20, verbose_name='verdict'),
        ),
        migrations.RunPython(grant_roles, ungrant_roles),
    ]
