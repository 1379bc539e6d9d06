"""Rows record the worker (Celery hostname) holding them, for prompt recovery."""


from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0005_ingesting'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='worker',
            field=models.CharField(blank=True, default='', editable=False, max_length=255, verbose_name='worker'),
        ),
        migrations.AddField(
            model_name='verification',
            name='worker',
            field=models.CharField(blank=True, default='', max_length=255, verbose_name='worker'),
        ),
    ]
