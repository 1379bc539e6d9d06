from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = _("Fact-check pipeline")

    def ready(self):
        from . import worker_signals  # noqa: F401  (registers the worker heartbeat)
