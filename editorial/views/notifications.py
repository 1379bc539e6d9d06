from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.contrib import messages
from django.views.decorators.http import require_GET, require_POST

from ..models import Notification


@require_GET
def notifications(request):
    items = Notification.objects.filter(recipient=request.user).select_related("actor", "claim")[:100]
    return render(request, "editorial/notifications.html", {"items": items})


@require_POST
def mark_all_read(request):
    Notification.objects.filter(recipient=request.user).mark_read()
    messages.success(request, _("All notifications marked as read."))
    return redirect("editorial:notifications")
