"""Each user's API token: see it, create or replace it, revoke it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token


@require_http_methods(["GET", "POST"])
def api_token(request):
    token = Token.objects.filter(user=request.user).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            Token.objects.filter(user=request.user).delete()
            messages.success(request, _("Your API token is revoked: scripts using it are refused."))
        elif action == "create":
            # A new key replaces the old one at once: a leaked token stops working.
            Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
            messages.success(
                request, _("Your new API token is below; the previous one no longer works."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect("api_token")
    return render(request, "editorial/api_token.html", {"token": token})
