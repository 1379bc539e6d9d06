"""Indexes nothing reads, on tables the pipeline writes most: the claim indexes of evidence and
verifications (their unique constraints start with the claim) and the LIKE index Django adds
beside a CharField's db_index (verification state). Every row version writes every index."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0006_claim_search_gist'),
    ]

    operations = [
        migrations.AlterField(
            model_name='evidence',
            name='claim',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='factcheck.claim'),
        ),
        migrations.AlterField(
            model_name='verification',
            name='claim',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='verifications', to='factcheck.claim'),
        ),
        migrations.AlterField(
            model_name='verification',
            name='state',
            field=models.CharField(choices=[('pending', 'pending'), ('started', 'started'), ('succeeded', 'succeeded'), ('failed', 'failed')], default='pending', max_length=16, verbose_name='state'),
        ),
        migrations.AddIndex(
            model_name='verification',
            index=models.Index(fields=['state'], name='verification_state'),
        ),
    ]
