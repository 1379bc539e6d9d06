"""The result backend writes each task state in one statement, and the rows read the same as
the ones django-celery-results writes (the monitoring page reads them)."""

import uuid
from types import SimpleNamespace

import pytest
from celery import states
from django_celery_results.backends.database import DatabaseBackend
from django_celery_results.models import TaskResult

from factcheck.celery import app
from factcheck.results import ResultBackend

pytestmark = pytest.mark.django_db


def request(task_id):
    return SimpleNamespace(
        id=task_id, task="factcheck.tasks.verification.verify_claims", args=[[1, 2, 3]],
        kwargs={}, argsrepr="[[1, 2, 3]]", kwargsrepr="{}", hostname="worker-1@desk",
        periodic_task_name=None, children=[], group=None, chord=None, parent_id=None,
        root_id=None, retries=0, delivery_info={}, ignore_result=False,
    )


def lifecycle(backend):
    """Started, succeeded, then failed on a rerun: what the table holds after each."""
    task_id = str(uuid.uuid4())
    seen = []
    for status, result, trace in ((states.STARTED, {"pid": 7}, None),
                                  (states.SUCCESS, {"verified": 3}, None),
                                  (states.FAILURE, None, "Traceback: boom")):
        backend.store_result(task_id, result, status, traceback=trace, request=request(task_id))
        row = TaskResult.objects.get(task_id=task_id)
        seen.append(row)
    first = seen[0]
    return [(r.status, r.result, r.traceback, r.meta, r.task_name, r.task_args, r.worker,
             r.date_started == first.date_started, r.date_created == first.date_created,
             r.date_done >= first.date_done) for r in seen]


def test_it_records_every_state_of_a_task_as_django_celery_results_does():
    assert lifecycle(ResultBackend(app=app)) == lifecycle(DatabaseBackend(app=app))


def test_it_keeps_when_a_task_started_once_it_finished():
    rows = lifecycle(ResultBackend(app=app))
    assert [row[0] for row in rows] == [states.STARTED, states.SUCCESS, states.FAILURE]
    assert all(row[7] and row[8] for row in rows)
