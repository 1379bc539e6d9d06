"""What the monitoring page counts, indexed: the claims still in the pipeline (a small partial
index; the verified ones, nearly all of a large desk, are estimated) and the claims' arrival
time (claims extracted per minute). factcheck.monitoring.stats."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0007_evidence_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="claim",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, db_index=True),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("is_current", True),
                                   models.Q(("pipeline_state", "verified"), _negated=True)),
                fields=["pipeline_state"], name="claim_unverified"),
        ),
    ]
