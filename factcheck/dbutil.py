"""Database helpers for the pipeline's own writes."""

from django.db import connection
from django.db.models.base import ModelState


def relaxed_commit():
    """Inside a transaction on PostgreSQL: commit without waiting for the WAL flush.

    Pipeline writes are derived data, redone idempotently when lost: a PostgreSQL crash can only
    drop the last fraction of a second of progress (rows fall back to pending/started and the
    sweeper sends them again), never leave them inconsistent. Waiting for an fsync per commit
    was the largest cost per verification (about 11 ms on the dev machine's disk).
    """
    if (connection.vendor == "postgresql" and connection.in_atomic_block
            and not getattr(connection, "relaxed_session", False)):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def relax_session(sender, connection, **kwargs):
    """connection_created receiver for pipeline worker processes, whose every write is pipeline
    data (see relaxed_commit): the whole session commits without waiting for the WAL flush,
    which spares relaxed_commit's statement in each transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
        connection.relaxed_session = True


def update_rows(model, objs, fields):
    """UPDATE many rows, each with its own values, in one statement: what bulk_update does, but
    on PostgreSQL as `UPDATE … FROM (VALUES …)`, which costs a fraction of Django's CASE WHEN
    compilation (the pipeline's roll-ups update dozens of claims per task). Elsewhere,
    bulk_update. Values go through each field's get_db_prep_save, as save() would."""
    objs = list(objs)
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        return model.objects.bulk_update(objs, fields)
    meta = model._meta
    pk = meta.pk
    columns = [pk] + [meta.get_field(name) for name in fields]
    casts = [f.db_type(connection) for f in columns]
    row = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    params = []
    for obj in objs:
        for field in columns:
            params.append(field.get_db_prep_save(getattr(obj, field.attname), connection))
    table = connection.ops.quote_name(meta.db_table)
    names = [connection.ops.quote_name(f.column) for f in columns]
    sets = ", ".join(f"{n} = v.{n}" for n in names[1:])
    sql = (f"UPDATE {table} SET {sets} FROM (VALUES {', '.join([row] * len(objs))}) "
           f"AS v({', '.join(names)}) WHERE {table}.{names[0]} = v.{names[0]}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def loaded(model, fields, values):
    """A model instance for a row read with raw SQL: `fields` (model fields) → `values`, the
    others deferred, as `.only()` leaves them (reading one loads it). What Model.from_db does,
    without running __init__ over every field of the model: for the verifiers' hundreds of
    candidate claims a batch reads, building instances cost three times the query."""
    obj = model.__new__(model)
    for field, value in zip(fields, values):
        if value is not None and hasattr(field, "from_db_value"):
            value = field.from_db_value(value, None, connection)
        obj.__dict__[field.attname] = value
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj
