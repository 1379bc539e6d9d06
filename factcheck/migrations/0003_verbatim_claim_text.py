"""A claim's text is the article's own words (article.body[start:end]); a text extraction had
reworded is kept as its restatement (`normalized`). With the columns extraction now fills: the
restatement, how many times the claim appears in its article, and how many claims an article's
cap left out."""

from django.db import migrations, models

BATCH = 500


def verbatim_text(apps, schema_editor):
    Claim = apps.get_model("factcheck", "Claim")
    claims = Claim.objects.select_related("article").only(
        "text", "normalized", "start", "end", "article__body").order_by("pk")
    last = 0
    while True:
        batch = list(claims.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1].pk
        changed = []
        for claim in batch:
            words = claim.article.body[claim.start:claim.end]
            if words and claim.text != words:
                claim.normalized = claim.normalized or claim.text
                claim.text = words
                changed.append(claim)
        Claim.objects.bulk_update(changed, ["text", "normalized"])


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0002_postgresql_search")]
    operations = [
        migrations.AddField(
            model_name="claim", name="normalized",
            field=models.TextField(blank=True, default="", verbose_name="restated claim"),
        ),
        migrations.AddField(
            model_name="claim", name="occurrences",
            field=models.PositiveIntegerField(default=1, verbose_name="occurrences in the article"),
        ),
        migrations.AddField(
            model_name="article", name="claims_not_kept",
            field=models.PositiveIntegerField(default=0, editable=False,
                                              verbose_name="claims not kept"),
        ),
        migrations.RunPython(verbatim_text, migrations.RunPython.noop),
    ]
