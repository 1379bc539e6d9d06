"""The review queue's filters, sort orders and pages, read from the query string.

An invalid filter is left out and named (`QueueFilters.problems`); the others still apply, so a
mistyped date never turns a narrow list into the whole queue without saying so.
"""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _

from factcheck.models import Article, Claim, Source

from .forms import QuickSelect

# Dates outside these bounds overflow when turned into aware datetimes (year 1 in UTC+1 is
# year 0), and no claim is that old or that far ahead.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)
SEARCH_MAX_LENGTH = 200
MAX_PAGE = 1000

SORT_PRIORITY, SORT_SCORE, SORT_AGE, SORT_OUTLET = "priority", "score", "age", "outlet"
SORT_CHOICES = [
    (SORT_PRIORITY, _("priority")),
    (SORT_SCORE, _("check-worthiness")),
    (SORT_AGE, _("oldest first")),
    (SORT_OUTLET, _("outlet")),
]


def in_desk_range(day):
    """A filter date the database can compare with; the message says which dates work."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise forms.ValidationError(
            _("Choose a date between %(first)s and %(last)s."), code="out_of_range",
            params={"first": date_format(EARLIEST_DATE), "last": date_format(LATEST_DATE)},
        )


def _date_field(label):
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}),
        validators=[in_desk_range],
    )


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("Needing a decision"))] + list(Claim.STATUS_CHOICES)
    q = forms.CharField(
        label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False, widget=QuickSelect)
    outlet = forms.ModelChoiceField(
        label=_("Outlet"), queryset=Source.objects.order_by("name"), required=False,
        empty_label=_("All outlets"), widget=QuickSelect,
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, widget=QuickSelect,
        choices=[("", _("All languages"))] + list(Article.LANGUAGE_CHOICES),
    )
    modality = forms.ChoiceField(
        label=_("Modality"), required=False, widget=QuickSelect,
        choices=[("", _("Any modality"))] + list(Claim.MODALITY_CHOICES),
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    contradiction = forms.BooleanField(label=_("Contradiction found"), required=False)
    since = _date_field(_("From"))
    until = _date_field(_("To"))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES, widget=QuickSelect)
    size = forms.IntegerField(required=False, min_value=1, max_value=200, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)

    def applied(self):
        """(filters, problems): the valid filters, and one sentence per invalid one."""
        self.is_valid()
        filters = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        problems = [
            gettext("%(filter)s: %(error)s This filter was left out.") % {
                "filter": self.fields[name].label or name, "error": " ".join(errors),
            }
            for name, errors in self.errors.items()
        ]
        return filters, problems
