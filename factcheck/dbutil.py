"""Database helpers for the pipeline's own reads and writes: plain SQL where the ORM's
per-statement and per-row costs were larger than the statements'."""

import datetime
import decimal
import functools
import json
import uuid

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models.base import ModelState
from django.utils import timezone
from psycopg import adapters as psycopg_adapters
from psycopg.postgres import types as pg_types
from psycopg.pq import Format
from psycopg.types.json import Json, Jsonb


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
    on PostgreSQL as `UPDATE … FROM unnest(one array per column)`, which costs a fraction of
    Django's CASE WHEN compilation (the pipeline's roll-ups update dozens of claims per task),
    and whose text is the same whatever the number of rows. Elsewhere, bulk_update. Values go
    through each field's get_db_prep_save, as save() would."""
    objs = list(objs)
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        return model.objects.bulk_update(objs, fields)
    meta = model._meta
    columns = [meta.pk] + [meta.get_field(name) for name in fields]
    arrays = [_column(field, [getattr(obj, field.attname) for obj in objs]) for field in columns]
    quote = connection.ops.quote_name
    table, names = quote(meta.db_table), [quote(f.column) for f in columns]
    sets = ", ".join(f"{n} = v.{n}" for n in names[1:])
    sql = (f"UPDATE {table} SET {sets} FROM unnest({_array_types(tuple(columns))}) "
           f"AS v({', '.join(names)}) WHERE {table}.{names[0]} = v.{names[0]}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [array_text(a) for a in arrays])
        return cursor.rowcount


# Field types whose Python values the driver takes as they are (get_db_prep_save only checks
# them): _column skips the per-value call for these. Not integers: a float given for an integer
# column would fail in its array, where get_db_prep_save rounds it.
_PLAIN_FIELDS = (models.CharField, models.TextField, models.FloatField, models.BooleanField,
                 models.ForeignKey)


def insert_rows(model, rows, *, ignore_conflicts=False, update=None, returning=False):
    """INSERT many rows in one statement; `rows` are dicts (field name → value, attname for a
    foreign key: "claim_id"), all with the same keys. A field not given takes its default,
    auto_now fields the time of the call, as bulk_create would give them.

    `ignore_conflicts`: ON CONFLICT DO NOTHING. `update`: (unique fields, fields to update) for
    an upsert; on PostgreSQL a row that already holds the values given (auto_now fields aside)
    is not written again, and keeps their time: no new row version, no index entries (a
    verification often finds again what the mirror of another's run wrote). `returning`: the
    new ids, in the order of `rows` (plain inserts only).

    On PostgreSQL, `INSERT … SELECT * FROM unnest(one array per column)` built here: bulk_create
    writes the same statement, but through a model instance per row and three calls per value,
    which cost more than the statement itself for the thousands of verification and evidence
    rows a run writes. Elsewhere, bulk_create.
    """
    rows = list(rows)
    if not rows:
        return []
    meta = model._meta
    if connection.vendor != "postgresql":
        objs = [model(**row) for row in rows]
        if update:
            model.objects.bulk_create(objs, update_conflicts=True, unique_fields=update[0],
                                      update_fields=update[1])
        else:
            model.objects.bulk_create(objs, ignore_conflicts=ignore_conflicts)
        return [obj.pk for obj in objs] if returning else []
    now = timezone.now()
    given = rows[0].keys()
    columns, arrays = [], []
    for field in meta.concrete_fields:
        key = field.attname if field.attname in given else field.name
        if key in given:
            values = _column(field, [row[key] for row in rows])
        elif field.primary_key:
            continue
        else:
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            value = field.get_db_prep_save(now if auto else field.get_default(), connection)
            values = [value] * len(rows)
        columns.append(field)
        arrays.append(values)
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in columns)
    sql = (f"INSERT INTO {quote(meta.db_table)} ({names}) "
           f"SELECT * FROM unnest({_array_types(tuple(columns))})")
    if update:
        unique, fields = ([meta.get_field(n) for n in group] for group in update)
        compared = [quote(f.column) for f in fields if not getattr(f, "auto_now", False)]
        table = quote(meta.db_table)
        sql += (f" ON CONFLICT ({', '.join(quote(f.column) for f in unique)}) DO UPDATE SET "
                + ", ".join(f"{quote(f.column)} = EXCLUDED.{quote(f.column)}" for f in fields))
        if compared:
            sql += (f" WHERE ({', '.join(f'{table}.{c}' for c in compared)}) IS DISTINCT FROM "
                    f"({', '.join(f'EXCLUDED.{c}' for c in compared)})")
    elif ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += f" RETURNING {quote(meta.pk.column)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [array_text(a) for a in arrays])
        return [row[0] for row in cursor.fetchall()] if returning else []


def any_of(column, values, sql_type="bigint"):
    """(condition, params) for `column` (SQL) being one of `values`: `= ANY(array)` on
    PostgreSQL, one parameter in a statement whose text does not change with the number of
    values; `IN (…)` elsewhere."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::{sql_type}[])", [array_text(values)]
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def row_lock(clause):
    """`clause` ("FOR UPDATE", "FOR NO KEY UPDATE SKIP LOCKED"…) on PostgreSQL; nothing on
    SQLite, whose write transactions hold the whole database (Django's select_for_update
    does nothing there either)."""
    return f" {clause}" if connection.vendor == "postgresql" else ""


def select_rows(model, fields, where, params, *, order_by=(), lock="", instances=False):
    """Rows of `model` read with plain SQL: `fields` (named as for values_list(); None: every
    column), WHERE `where` (SQL, with `params`; None: every row), ORDER BY `order_by` (field
    names, "-name" descending), `lock` a row-lock clause for PostgreSQL (row_lock). Returns
    tuples of the fields' Python values, or with `instances`, model instances with the other
    fields deferred.

    For the pipeline's hot reads: compiling a queryset cost several times running the query
    (0.3–0.6 ms here, for a statement that takes 0.1), and values_list() five times the query
    for the hundreds of rows a roll-up reads. Values go through the same converters the ORM
    applies (JSON decoded, SQLite's dates parsed)."""
    conn = current_connection()
    meta, quote = model._meta, conn.ops.quote_name
    chosen = meta.concrete_fields if fields is None else [meta.get_field(n) for n in fields]
    sql = f"SELECT {', '.join(quote(f.column) for f in chosen)} FROM {quote(meta.db_table)}"
    if where:
        sql += f" WHERE {where}"
    if order_by:
        sql += " ORDER BY " + ", ".join(
            quote(meta.get_field(n.lstrip("-")).column) + (" DESC" if n.startswith("-") else "")
            for n in order_by)
    sql += row_lock(lock) if lock else ""
    cols = [field.get_col(meta.db_table) for field in chosen]
    # As the ORM's compiler does: the backend's converters, then the field's.
    converters = [(i, convert) for i, col in enumerate(cols) for convert in
                  conn.ops.get_db_converters(col) + col.get_db_converters(conn)]
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = [list(row) for row in rows]
        for row in rows:
            for i, convert in converters:
                row[i] = convert(row[i], cols[i], conn)
    if not instances:
        return [tuple(row) for row in rows] if converters else rows
    names = [f.attname for f in chosen]
    return [model.from_db(conn.alias, names, row) for row in rows]


def update_where(model, values, where, params, expressions=None):
    """UPDATE the rows of `model` matching `where` (SQL, with `params`): `values` {field name:
    Python value} go through each field's get_db_prep_save, `expressions` {field name: SQL}
    as written ("attempts + 1"). Returns the number of rows. Plain SQL for the pipeline's
    per-article state changes, whose ORM update() cost more to compile than to run."""
    conn = current_connection()
    meta, quote = model._meta, conn.ops.quote_name
    fields = [meta.get_field(name) for name in values]
    sets = [f"{quote(f.column)} = %s" for f in fields]
    sets += [f"{quote(meta.get_field(name).column)} = {sql}"
             for name, sql in (expressions or {}).items()]
    prepared = [f.get_db_prep_save(value, conn) for f, value in zip(fields, values.values())]
    with conn.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(meta.db_table)} SET {', '.join(sets)} WHERE {where}",
                       prepared + list(params))
        return cursor.rowcount


def rows_where_in(model, fields, column, ids, order_by=()):
    """select_rows() for the rows of `model` whose `column` is one of `ids`."""
    ids = list(ids)
    if not ids:
        return []
    where, params = any_of(connection.ops.quote_name(model._meta.get_field(column).column), ids)
    return select_rows(model, fields, where, params, order_by=order_by)


def instance_row(obj):
    """An unsaved model instance as the row insert_rows takes: its fields' values, without the
    primary key and the auto_now fields (insert_rows gives those the time of the insert)."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if not f.primary_key and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)}


@functools.lru_cache(maxsize=128)
def _array_types(fields):
    """One array placeholder per column (a tuple of fields), as Django's own unnest insert
    writes them: no length in the type (varchar[], not varchar(64)[]). Cached: the pipeline
    writes the same few column lists over and over, and db_type() is not free."""
    return ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)


def _column(field, values):
    """A column's values as the database takes them: field.get_db_prep_save() of each, except
    for the types whose values go as they are; once per distinct value where values hash (the
    rows of one statement mostly share their timestamps)."""
    if isinstance(field, _PLAIN_FIELDS):
        return values
    done, conn = {}, current_connection()
    try:
        return [done[v] if v in done else done.setdefault(v, field.get_db_prep_save(v, conn))
                for v in values]
    except TypeError:  # unhashable values (JSON): each on its own
        return [field.get_db_prep_save(v, conn) for v in values]


def current_connection():
    """The default connection itself: `django.db.connection` is a proxy that looks it up
    again (a context-local read) on every attribute access, a cost per row in the loops
    below."""
    return connections[DEFAULT_DB_ALIAS]


def fast_timestamps(cursor):
    """Let this cursor (Django's, on PostgreSQL) load timestamptz values with the driver's own
    loader, compiled, instead of Django's subclass of its Python one: 5 µs a value here
    against 0.4, for the four times of each of the hundreds of claims a batch loads. The same
    values: Django's loader parses in the session's time zone and labels the result with its
    own, and this is done only when both are UTC."""
    db = cursor.db
    if (db.vendor == "postgresql" and db.timezone_name == "UTC"
            and db.connection.info.parameter_status("TimeZone") == "UTC"):
        loader = psycopg_adapters.get_loader(pg_types["timestamptz"].oid, Format.TEXT)
        cursor.cursor.adapters.register_loader("timestamptz", loader)


def loaded(model, fields, values, conn=None):
    """A model instance for a row read with raw SQL: `fields` (model fields) → `values`, the
    others deferred, as `.only()` leaves them (reading one loads it). What Model.from_db does,
    without running __init__ over every field of the model: for the verifiers' hundreds of
    candidate claims a batch reads, building instances cost three times the query."""
    conn = conn or current_connection()
    obj = model.__new__(model)
    for field, value in zip(fields, values):
        if value is not None and hasattr(field, "from_db_value"):
            value = field.from_db_value(value, None, conn)
        obj.__dict__[field.attname] = value
    obj._state = ModelState()
    obj._state.adding = False
    obj._state.db = conn.alias
    return obj


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _json(value):
    return _quoted((value.dumps or json.dumps)(value.obj))


# How each Python type is written as an element of a PostgreSQL array literal.
_ELEMENTS = {
    int: str, float: repr, decimal.Decimal: str, uuid.UUID: str, str: _quoted,
    bool: lambda value: "t" if value else "f",
    datetime.datetime: lambda value: '"' + value.isoformat() + '"',
    datetime.date: datetime.date.isoformat, datetime.time: lambda value: '"' + value.isoformat() + '"',
    Jsonb: _json, Json: _json,
}


def array_text(values):
    """A one-dimensional list as the text of a PostgreSQL array ('{1,2,NULL}'), for a
    placeholder cast to its array type (%s::bigint[]).

    The driver builds the same text from a list, element by element in Python, with a regular
    expression and a quoting pass each: for the pipeline's columns of hundreds of values that
    was a tenth of its CPU outside PostgreSQL. Here, one dictionary lookup and one join per
    value. Values of another type are left to the driver (the list is returned as it is)."""
    parts = []
    for value in values:
        if value is None:
            parts.append("NULL")
            continue
        write = _ELEMENTS.get(type(value))
        if write is None:
            return values
        parts.append(write(value))
    return "{" + ",".join(parts) + "}"
