"""Database helpers for the pipeline's own writes."""

from django.db import connection


def relaxed_commit():
    """Inside a transaction on PostgreSQL: commit without waiting for the WAL flush.

    Pipeline writes are derived data, redone idempotently when lost: a PostgreSQL crash can only
    drop the last fraction of a second of progress (rows fall back to pending/started and the
    sweeper sends them again), never leave them inconsistent. Waiting for an fsync per commit
    was the largest cost per verification (about 11 ms on the dev machine's disk).
    """
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
