"""A worker's pool processes bind parameters on the server and prepare the statements they run
again (FACTCHECK_WORKER_PREPARED_STATEMENTS); an operator behind an old PgBouncer turns that
off. What PostgreSQL shows of the worker's session tells which: `$1` placeholders, or the
values written into the statement's text."""

import pytest
from django.db import connection

from tests.utils import wait_for

from .workload import all_done, send_batch

pytestmark = [pytest.mark.worker]


def worker_statements():
    """The last statement of every other session on the test database (the worker's)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
        return [query for (query,) in cursor.fetchall()]


def run_one_article(worker_factory, **settings):
    worker_factory(concurrency=1, env=settings)  # one pool process, which keeps its connection
    ids = send_batch(1)
    wait_for(lambda: all_done(ids), timeout=120, message="the article to be done")


def test_it_binds_the_worker_s_parameters_on_the_server(transactional_db, worker_factory):
    run_one_article(worker_factory)
    assert any("$1" in query for query in worker_statements())


def test_it_writes_values_into_the_statements_when_prepared_statements_are_off(
        transactional_db, worker_factory):
    run_one_article(worker_factory, FACTCHECK_WORKER_PREPARED_STATEMENTS="false")
    statements = worker_statements()
    assert statements and not any("$1" in query for query in statements)
