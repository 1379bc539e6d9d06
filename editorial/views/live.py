"""What keeps an open claim page current: a small fragment the page polls every few seconds.

The page states what it shows (the claim's version and who holds it); the answer is empty
(204, nothing to swap) while that holds, and otherwise says what changed and brings the lock
panel and the status badge up to date (htmx out-of-band swaps). Read-only and cheap: polled by
every open claim page.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .claim import get_claim

POLL_SECONDS = 2


def renew_seconds():
    """How often the holder's page renews the lock (as the claim page's lock panel does)."""
    return max(10, getattr(settings, "EDITORIAL_LEASE_SECONDS", 300) // 5)


def live_token(claim):
    """What an open page must show again when it changes: the version (every transition bumps
    it) and the lock (taking, releasing and force-unlocking a lock do not all bump it)."""
    lease = claim.active_lease()
    if lease is None:
        return f"{claim.version}-free"
    return f"{claim.version}-{lease.holder_id}-{lease.taken_at.timestamp():.6f}"


@require_GET
def claim_live(request, pk):
    claim = get_claim(request, pk)
    token = live_token(claim)
    if request.GET.get("seen") == token:
        return HttpResponse(status=204)
    lease = claim.active_lease()
    return render(request, "editorial/_claim_live.html", {
        "claim": claim, "live_token": token, "changed": True, "lease": lease, "oob": True,
        "holds_lease": lease is not None and lease.holder_id == request.user.pk,
        "poll_seconds": POLL_SECONDS, "renew_seconds": renew_seconds(),
    })
