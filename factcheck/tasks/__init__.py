"""Celery tasks: a decorator and one call into factcheck.pipeline each. They are sent by name
from factcheck.pipeline.dispatch; Celery's autodiscovery imports this package, so every task
module is imported here."""

from . import extraction, ingesting, sweeper, verification  # noqa: F401
