from django import template

from ..views.live import POLL_SECONDS, live_token

register = template.Library()


@register.inclusion_tag("editorial/_claim_live.html", takes_context=True)
def claim_live(context, claim):
    """The polled fragment of a claim page, stating what the page shows."""
    return {"claim": claim, "live_token": live_token(claim), "poll_seconds": POLL_SECONDS,
            "changed": False, "request": context.get("request")}
