from django.urls import path, re_path

from .views import claim, exports, inbox, live, notifications, public, queue

app_name = "editorial"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("bulk/", queue.bulk, name="bulk"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/bulk/", inbox.bulk, name="inbox_bulk"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    re_path(r"^export\.(?P<fmt>csv|jsonl)$", exports.export, name="export"),
    path("next/", queue.next_claim, name="next_claim"),
    path("claims/<int:pk>/", claim.claim_detail, name="claim"),
    path("claims/<int:pk>/take/", claim.take, name="take"),
    path("claims/<int:pk>/release/", claim.release, name="release"),
    path("claims/<int:pk>/renew/", claim.renew, name="renew"),
    path("claims/<int:pk>/lease/", claim.lease_status, name="lease"),
    path("claims/<int:pk>/live/", live.claim_live, name="claim_live"),
    path("claims/<int:pk>/unlock/", claim.force_unlock, name="force_unlock"),
    path("claims/<int:pk>/verdict/", claim.verdict, name="verdict"),
    path("claims/<int:pk>/approve/", claim.approve, name="approve"),
    path("claims/<int:pk>/send-back/", claim.send_back, name="send_back"),
    path("claims/<int:pk>/reopen/", claim.reopen, name="reopen"),
    path("claims/<int:pk>/not-a-claim/", claim.not_a_claim, name="not_a_claim"),
    path("claims/<int:pk>/notes/", claim.add_note, name="add_note"),
    path("claims/<int:pk>/assign/", claim.assign, name="assign"),
    path("verdicts/<int:pk>/publish/", public.publish, name="publish"),
    path("verdicts/<int:pk>/withdraw/", public.withdraw, name="withdraw"),
]
