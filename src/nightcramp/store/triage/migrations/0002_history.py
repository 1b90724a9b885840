"""Triage history: where a result came from, its headline, and when it was seen to."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="triagerecord",
            name="headline",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="triagerecord",
            name="source",
            field=models.CharField(
                choices=[("web", "web"), ("api", "API"), ("terminal", "terminal")],
                default="web",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="triagerecord",
            name="resolved_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
