"""Uploading a bulk file of articles (JSON Lines or CSV): decoded and counted here, read row by
row by a Celery task (factcheck.bulk)."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from factcheck import bulk
from factcheck.models import BulkImport
from factcheck.pipeline import dispatch


class BulkImportForm(forms.Form):
    upload = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", _("from the file's name"))] + BulkImport.FORMAT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = _(
            "One article per row with the columns title, body or url, outlet, published_at, "
            "language; up to %(limit)s.") % {"limit": filesizeformat(settings.FACTCHECK_BULK_MAX_BYTES)}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is None:
            return cleaned
        fmt = cleaned.get("format") or upload.name.rsplit(".", 1)[-1].lower()
        if fmt == "json" or fmt == "ndjson":
            fmt = BulkImport.FORMAT_JSONL
        if fmt not in bulk.FORMATS:
            raise forms.ValidationError(
                _("Choose the format: the file's name ends neither in .jsonl nor in .csv."),
                code="format")
        if upload.size > settings.FACTCHECK_BULK_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s, over the limit of %(limit)s: split it in parts."),
                code="too_large", params={"size": filesizeformat(upload.size),
                                          "limit": filesizeformat(settings.FACTCHECK_BULK_MAX_BYTES)})
        text = bulk.decode(upload.read())
        total = bulk.count_rows(text, fmt)
        if not total:
            raise forms.ValidationError(_("The file has no rows."), code="empty")
        cleaned.update(format=fmt, text=text, total=total)
        return cleaned

    def save(self, user):
        with transaction.atomic():
            job = BulkImport.objects.create(
                file_name=self.cleaned_data["upload"].name[:255], format=self.cleaned_data["format"],
                content=self.cleaned_data["text"], total=self.cleaned_data["total"], uploaded_by=user)
            dispatch.send_bulk_import_after_commit(job.pk)
        return job
