from datetime import timezone

from django import forms
from django.utils.translation import gettext_lazy as _

from factcheck.forms import ArticleForm

from ..claim_filters import EARLIEST_YEAR, LATEST_YEAR


class ApiArticleForm(ArticleForm):
    """The desk's article form, for JSON clients: a publication date may carry any ISO 8601
    offset, which is brought to UTC (PostgreSQL refuses offsets past ±15:59), and must fall in
    years a newsroom files."""

    def clean_published_at(self):
        value = self.cleaned_data.get("published_at")
        if value is None:
            return value
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s."),
                params={"first": EARLIEST_YEAR, "last": LATEST_YEAR}, code="date_range",
            )
        return value.astimezone(timezone.utc)
