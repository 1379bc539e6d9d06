from django import template

register = template.Library()

# How often an open claim page asks whether anything changed (the 5-second promise).
POLL_SECONDS = 2


@register.inclusion_tag("editorial/_claim_live.html", takes_context=True)
def claim_live(context, claim):
    """The polled fragment of a claim page, stating what the page shows."""
    return {"claim": claim, "live_token": claim.live_token(), "poll_seconds": POLL_SECONDS,
            "changed": False, "request": context.get("request")}
