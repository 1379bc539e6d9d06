from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceFact(models.Model):
    """A fact editors vouch for, e.g. (OpenAI, CEO, Sam Altman, valid from …)."""

    subject = models.CharField(_("subject"), max_length=200, db_index=True)
    relation = models.CharField(
        _("relation"), max_length=100, help_text=_("e.g. CEO, founded in, headquarters")
    )
    value = models.CharField(_("value"), max_length=300)
    aliases = models.CharField(
        _("other names"), max_length=500, blank=True,
        help_text=_("Comma-separated other ways articles name the subject or the relation."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=1000)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["subject", "relation", "-valid_from"]
        verbose_name = _("reference fact")
        verbose_name_plural = _("reference facts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="reference_fact_valid_period",
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.relation}: {self.value}"

    def clean(self):
        """One period per value: two values of the same subject and relation over overlapping
        periods would make the reference-facts verifier contradict itself."""
        start, end = self.valid_from, self.valid_to
        if start and end and end < start:
            raise ValidationError({"valid_to": _("A fact cannot end before it starts.")})
        clash = self.overlapping().first()
        if clash is not None:
            raise ValidationError(
                _("This period overlaps “%(other)s”: give one of them an end or a start date.")
                % {"other": clash})

    def overlapping(self):
        """Other values of this subject and relation whose period meets this one."""
        if not (self.subject and self.relation and self.value):
            return ReferenceFact.objects.none()
        others = ReferenceFact.objects.filter(
            subject__iexact=self.subject, relation__iexact=self.relation
        ).exclude(value__iexact=self.value)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.valid_from:
            others = others.filter(models.Q(valid_to__isnull=True)
                                   | models.Q(valid_to__gte=self.valid_from))
        if self.valid_to:
            others = others.filter(models.Q(valid_from__isnull=True)
                                   | models.Q(valid_from__lte=self.valid_to))
        return others

    def holds_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class GazetteerEntry(models.Model):
    """A name the entity recogniser must label this way (fixes the model's usual mistakes)."""

    LABEL_CHOICES = [
        ("PER", _("person")),
        ("ORG", _("organisation")),
        ("LOC", _("place")),
        ("MISC", _("other")),
    ]
    LANGUAGE_CHOICES = [("any", _("any language")), ("fr", _("French")), ("en", _("English"))]

    text = models.CharField(_("name"), max_length=200)
    label = models.CharField(_("label"), max_length=8, choices=LABEL_CHOICES)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="any")
    active = models.BooleanField(_("active"), default=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["text"]
        verbose_name = _("gazetteer entry")
        verbose_name_plural = _("gazetteer entries")
        constraints = [
            models.UniqueConstraint(fields=["text", "label", "language"], name="gazetteer_unique"),
        ]

    def __str__(self):
        return f"{self.text} ({self.label})"

    def clean(self):
        self.text = " ".join(self.text.split())
        if not self.text:
            raise ValidationError({"text": _("A name cannot be empty.")})

    @classmethod
    def active_entries(cls):
        """What the NLP pipeline takes: (text, label, language) tuples."""
        return list(cls.objects.filter(active=True).order_by("text")
                    .values_list("text", "label", "language"))
