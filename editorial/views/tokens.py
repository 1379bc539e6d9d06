"""Each user's API token: create or replace it (the key is shown once), see when it was last
used, revoke it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..models import ApiToken


@require_http_methods(["GET", "POST"])
def api_token(request):
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            ApiToken.revoke_all(request.user)
            messages.success(request, _("Your API token is revoked: scripts using it are refused."))
        elif action == "create":
            # A new key replaces the old one at once: a leaked token stops working.
            _token, new_key = ApiToken.issue(request.user)
        else:
            messages.error(request, _("Unknown action."))
        if new_key is None:
            return redirect("api_token")
    token = ApiToken.objects.active().filter(user=request.user).first()
    # The key is in this one answer only (never stored, never redirected through the session).
    response = render(request, "editorial/api_token.html", {"token": token, "new_key": new_key})
    if new_key:
        response["Cache-Control"] = "no-store"
    return response
