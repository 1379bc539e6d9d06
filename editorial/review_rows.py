"""What a queue row says about the review under way (see editorial.models.verdict's
queue_annotations), translated once per distinct value per page."""

from django.utils.translation import gettext


def proposed_label(claim, status_labels, cache):
    """“alice proposes “disputed”” for a claim awaiting approval, else ""."""
    status = getattr(claim, "proposed_status", None)
    if not status:
        return ""
    key = (claim.proposed_by, status)
    if key not in cache:
        cache[key] = gettext("%(name)s proposes “%(verdict)s”") % {
            "name": claim.proposed_by or "?", "verdict": status_labels.get(status, status),
        }
    return cache[key]
