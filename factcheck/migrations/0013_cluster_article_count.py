"""Each cluster keeps how many articles its claims come from; a claim's repeat_count is counted
up to Claim.REPEATS_CAP (what its priority reads). A wire story taken up by many outlets then
costs one cluster row per new copy, not a rewrite of every copy."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

REPEATS_CAP = 5  # Claim.REPEATS_CAP when this migration was written


def count_articles(apps, schema_editor):
    Claim = apps.get_model("factcheck", "Claim")
    ClaimCluster = apps.get_model("factcheck", "ClaimCluster")
    per_cluster = (Claim.objects.filter(cluster=OuterRef("pk")).order_by().values("cluster")
                   .annotate(n=Count("article", distinct=True)).values("n")[:1])
    # A cluster merged into another is left empty: 0.
    ClaimCluster.objects.update(article_count=Coalesce(Subquery(per_cluster), 0))
    Claim.objects.filter(repeat_count__gt=REPEATS_CAP).update(repeat_count=REPEATS_CAP)


class Migration(migrations.Migration):

    dependencies = [
        ("factcheck", "0012_candidate_window_in_vectors"),
    ]

    operations = [
        migrations.AddField(
            model_name="claimcluster",
            name="article_count",
            field=models.PositiveIntegerField(default=0, verbose_name="articles"),
        ),
        migrations.AlterField(
            model_name="claim",
            name="repeat_count",
            field=models.PositiveIntegerField(default=0, verbose_name="articles repeating it (up to 5)"),
        ),
        migrations.RunPython(count_articles, migrations.RunPython.noop),
    ]
