"""Indexes on the claim table that nothing reads: the pipeline state (counted over all current
claims, never looked up) and the fingerprint (near-duplicates are found in ClaimSearch). The
pipeline writes each claim several times, and every index is written again each time."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0004_claim_search'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='claim',
            name='factcheck_c_pipelin_30b43c_idx',
        ),
        migrations.AlterField(
            model_name='claim',
            name='fingerprint',
            field=models.CharField(editable=False, max_length=40),
        ),
    ]
