"""OpenAPI parameters for the queue's filters, read from the Django form that parses them."""

from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from ..claim_filters import ClaimFilterForm


def _parameter(name, field):
    enum = None
    if isinstance(field, forms.BooleanField):
        kind = OpenApiTypes.BOOL
    elif isinstance(field, forms.DateField):
        kind = OpenApiTypes.DATE
    elif isinstance(field, (forms.ModelChoiceField, forms.IntegerField)):
        kind = OpenApiTypes.INT
    elif isinstance(field, forms.ChoiceField):
        kind, enum = OpenApiTypes.STR, [value for value, _label in field.choices if value]
    else:
        kind = OpenApiTypes.STR
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, required=False, enum=enum,
                            description=str(field.label or ""))


def filter_parameters(exclude=("size",)):
    form = ClaimFilterForm()
    return [_parameter(name, field) for name, field in form.fields.items() if name not in exclude]
