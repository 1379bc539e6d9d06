"""The search table's fingerprint in one b-tree: it is compared for equality only (the candidate
search's near-duplicates at any date), and Django's second index for LIKE was 62 MB at a million
claims, written for every new claim."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0010_wording_by_distinctive_words'),
    ]

    operations = [
        migrations.AlterField(
            model_name='claimsearch',
            name='fingerprint',
            field=models.CharField(max_length=40),
        ),
        migrations.AddIndex(
            model_name='claimsearch',
            index=models.Index(fields=['fingerprint'], name='claimsearch_fingerprint'),
        ),
    ]
