"""A worker keeps its database connection from one task to the next (a new PostgreSQL backend
per task cost as much as the work); a connection the database dropped in between is replaced,
not used until the task fails."""

import pytest
from django.db import connection

from factcheck.models import Verification
from tests.utils import wait_for

from .workload import all_done, send_batch

pytestmark = [pytest.mark.worker]


def drop_other_connections():
    """What a database restart or a failover does to every open connection but ours."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


def test_it_finishes_the_next_article_after_the_database_dropped_the_worker_s_connection(
        transactional_db, worker_factory):
    worker_factory(concurrency=1)  # one pool process: the second article meets its connection
    first = send_batch(1)
    wait_for(lambda: all_done(first), timeout=120, message="the first article to be done")
    assert drop_other_connections() >= 1  # the worker's kept connection was among them
    second = send_batch(1, offset=7)
    wait_for(lambda: all_done(second), timeout=60, message="the second article to be done")
    assert not Verification.objects.filter(claim__article_id__in=second,
                                           state=Verification.STATE_FAILED).exists()
