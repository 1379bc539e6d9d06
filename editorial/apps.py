from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial review")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .sqlite_fold import register
        # Webhook events follow verdicts through signals.
        from .webhooks import events  # noqa: F401

        connection_created.connect(register, dispatch_uid="editorial-sqlite-fold")
