# Celery's autodiscovery imports this package: every task module must be imported here.
from . import extraction, sweeper, verification  # noqa: F401
