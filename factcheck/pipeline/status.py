"""Counts by state, for `pipeline_status` and the monitoring page."""

from django.db.models import Count

from factcheck.models import Article, Claim, Verification


def _by(queryset, field):
    rows = queryset.values(field).annotate(n=Count("id")).order_by()
    return {row[field]: row["n"] for row in rows}


def status_counts():
    return {
        "articles": _by(Article.objects.all(), "state"),
        "claims": _by(Claim.objects.filter(is_current=True), "pipeline_state"),
        "verifications": _by(Verification.objects.all(), "state"),
    }
