"""What keeps an open claim page current: a small fragment the page polls every few seconds.

The page states what it shows (the claim's version and who holds it); the answer is empty
(204, nothing to swap) while that holds, and otherwise says what changed and brings the lock
panel and the status badge up to date (htmx out-of-band swaps). Read-only and cheap: polled by
every open claim page.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models.lease import renew_seconds
from ..templatetags.live_tags import POLL_SECONDS
from .claim import get_claim

@require_GET
def claim_live(request, pk):
    claim = get_claim(request, pk)
    token = claim.live_token()
    if request.GET.get("seen") == token:
        return HttpResponse(status=204)
    lease = claim.active_lease()
    return render(request, "editorial/_claim_live.html", {
        "claim": claim, "live_token": token, "changed": True, "lease": lease, "oob": True,
        "holds_lease": lease is not None and lease.holder_id == request.user.pk,
        "poll_seconds": POLL_SECONDS, "renew_seconds": renew_seconds(),
    })
