"""The pipeline's hand-written SQL: the only statements outside the ORM (with the candidate
search, factcheck/verifiers/search.py). Each function takes values, never SQL text; table and
column names come from the models' `_meta`. Each one stays because `make bench` showed the ORM
statement it replaces costing more than the figure in its docstring; on SQLite (`make run`) each
does what the ORM does.

Why plain SQL pays here: the pipeline writes thousands of rows per run, and on PostgreSQL one
`INSERT … SELECT * FROM unnest(one array per column)` (or `UPDATE … FROM unnest(…)`) whose text
is the same for any number of rows is parsed and planned once per worker process (prepared
statements, factcheck.worker_signals), where Django's statements change with the row count.
"""

import collections
import contextlib
import datetime
import decimal
import functools
import json
import uuid

from django.db import connection, models, transaction
from django.utils import timezone
from psycopg.types.json import Json, Jsonb

from factcheck.models import Article, Claim, ClaimCluster, Evidence, Verification
from factcheck.verifiers.search import claim_columns, claims_from_rows

# Evidence fields an upsert rewrites when a verifier finds the same key again.
EVIDENCE_UPDATED_FIELDS = (
    "kind", "stance", "confidence", "explanation", "source_article", "source_claim",
    "reference_fact", "url", "excerpt", "data", "updated_at",
)


def _postgresql():
    return connection.vendor == "postgresql"


# --- Commits ----------------------------------------------------------------------------------
def commit_without_flush():
    """Inside a transaction on PostgreSQL: its commit does not wait for the WAL flush.

    Kept: waiting for an fsync per commit was the largest cost of a verification (about 11 ms
    on the development machine's disk). Pipeline rows are derived data, redone idempotently:
    a PostgreSQL crash can only drop the last fraction of a second of progress (rows fall back
    to pending/started and the sweeper sends them again), never leave them inconsistent.
    """
    if (_postgresql() and connection.in_atomic_block
            and not getattr(connection, "commits_without_flush", False)):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def sessions_without_flush(sender, connection, **kwargs):
    """connection_created receiver for worker pool processes, whose every write is pipeline
    data (see commit_without_flush): the whole session commits without waiting for the WAL
    flush, which spares commit_without_flush's statement in each transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
        connection.commits_without_flush = True


@contextlib.contextmanager
def one_statement():
    """Around a step that writes in one statement: in a worker's pool process (autocommit,
    a session that commits without flush) nothing, the statement being its own transaction,
    which spares a BEGIN and a COMMIT round trip; elsewhere a transaction (a savepoint inside
    a caller's) that commits without flush."""
    if (getattr(connection, "commits_without_flush", False)
            and connection.get_autocommit() and not connection.in_atomic_block):
        yield
        return
    with transaction.atomic():
        commit_without_flush()
        yield


# --- Locked reads -----------------------------------------------------------------------------
def lock_claims(ids, fields, with_clusters=False):
    """{pk: claim} for `ids` (and, `with_clusters`, every member of their clusters), in id
    order, with only `fields` (named as for .only(); the article's as "article__…"), each with
    its article, the claim rows locked FOR NO KEY UPDATE in id order in one statement (two
    roll-ups or cluster links sharing claims queue instead of deadlocking).

    Kept for the figure of verifiers.search.load_claims, whose query and instance building it
    shares: with the ORM's select_related loading claims and their articles, an in-process run
    of the benchmark's 24 articles took 3.9 CPU-s instead of 3.0 (spaCy included). The clusters
    are found in the same statement: a cluster link's separate query for them cost 6 ms of
    CPU a batch (0.14 of the 0.72 CPU-s of cluster linking in an in-process run).
    """
    ids = sorted(set(ids))
    if not ids:
        return {}
    if not _postgresql():
        wanted = models.Q(pk__in=ids)
        if with_clusters:
            wanted |= models.Q(cluster_id__in=Claim.objects.filter(
                pk__in=ids, cluster__isnull=False).order_by().values("cluster_id"))
        return {c.pk: c for c in Claim.objects.filter(wanted)
                .select_related("article").only(*fields).order_by("pk")}
    groups, select = claim_columns(fields)
    quote = connection.ops.quote_name
    pk, cluster = quote(Claim._meta.pk.column), quote(Claim._meta.get_field("cluster").column)
    where = f"c.{pk} = ANY(%s::bigint[])"
    if with_clusters:
        # ARRAY(…) is computed once, before the scan: the condition stays an index probe.
        where += (f" OR c.{cluster} = ANY(ARRAY(SELECT m.{cluster} FROM "
                  f"{quote(Claim._meta.db_table)} m WHERE m.{pk} = ANY(%s::bigint[]) "
                  f"AND m.{cluster} IS NOT NULL))")
    with connection.cursor() as cursor:
        cursor.execute(f"{select} WHERE {where} ORDER BY c.{pk} FOR NO KEY UPDATE OF c",
                       [_array(ids)] * (2 if with_clusters else 1))
        return claims_from_rows(groups, cursor.fetchall())


def claim_verifications(ids, now, task_id, worker):
    """Those of the verifications `ids` still active that nobody holds become started, their
    attempt counted, in one statement (`UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)
    RETURNING`); returns [(pk, claim id, verifier, attempts now)] by claim and id.

    Kept: the ORM needs a locking select and an update (two statements, two compiled
    querysets); this way claiming the batches took 0.03 instead of 0.37–0.38 CPU-s of an
    in-process run of the benchmark's 24 articles (cProfile, two alternating pairs, 7 Dec 2026).
    """
    ids = sorted(set(ids))
    if not ids:
        return []
    fields = ("state", "started_at", "task_id", "worker")
    values = (Verification.STATE_STARTED, now, task_id, worker)
    if not _postgresql():
        free = list(Verification.objects.filter(pk__in=ids, state__in=Verification.ACTIVE_STATES)
                    .values_list("pk", flat=True))
        Verification.objects.filter(pk__in=free).update(
            attempts=models.F("attempts") + 1, **dict(zip(fields, values)))
        rows = Verification.objects.filter(pk__in=free).values_list(
            "pk", "claim_id", "verifier", "attempts")
    else:
        rows = _take_verifications(ids, fields, values, "attempts",
                                   ("id", "claim", "verifier", "attempts"))
    return sorted(map(tuple, rows), key=lambda row: (row[1], row[0]))


def succeed_verifications(ids, now):
    """Mark succeeded those of the verifications `ids` still active that no other run holds,
    locking them (SKIP LOCKED, in id order) in the same statement; returns their ids, the rows
    this run may store.

    Kept: one statement instead of the ORM's locking select at the start of the store and
    update at its end: storing took 0.66–0.67 instead of 1.01–1.05 CPU-s of an in-process run
    of the benchmark's 24 articles (cProfile, two alternating pairs, 7 Dec 2026)."""
    ids = sorted(set(ids))
    if not ids:
        return set()
    fields = ("state", "finished_at", "error", "traceback")
    values = (Verification.STATE_SUCCEEDED, now, "", "")
    if not _postgresql():
        held = set(Verification.objects.filter(pk__in=ids, state__in=Verification.ACTIVE_STATES)
                   .values_list("pk", flat=True))
        Verification.objects.filter(pk__in=held).update(**dict(zip(fields, values)))
        return held
    return {pk for (pk,) in _take_verifications(ids, fields, values, None, ("id",))}


def _take_verifications(ids, fields, values, counted, returned):
    """UPDATE the active rows among `ids` that nobody holds (locked in id order, SKIP LOCKED):
    `fields` set to `values`, the field `counted` (if any) incremented; returns `returned`."""
    meta, quote = Verification._meta, connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    state = quote(meta.get_field("state").column)
    sets = [f"{quote(meta.get_field(n).column)} = %s" for n in fields]
    if counted:
        column = quote(meta.get_field(counted).column)
        sets.append(f"{column} = v.{column} + 1")
    columns = ", ".join(f"v.{quote(meta.get_field(n).column)}" for n in returned)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} v SET {', '.join(sets)} FROM (SELECT {pk} FROM {table} "
            f"WHERE {pk} = ANY(%s::bigint[]) AND {state} = ANY(%s::text[]) ORDER BY {pk} "
            f"FOR UPDATE SKIP LOCKED) free WHERE v.{pk} = free.{pk} RETURNING {columns}",
            [*values, _array(ids), _array(list(Verification.ACTIVE_STATES))])
        return cursor.fetchall()


def roll_up_inputs(claim_ids):
    """What a roll-up reads of these claims: ({claim id: [(claim_id, verifier, state)], oldest
    first}, {claim id: [(claim_id, key, kind, stance, confidence, explanation)]}), as named
    tuples.

    Kept: `values_list()` cost five times the statement for the hundreds of rows a roll-up reads
    (a roll-up's 260 verification rows: 1.35 ms against 0.24 ms; its 336 evidence rows: 1.77
    against 0.32); in an in-process run of the benchmark's 24 articles the ORM's reads took the
    roll-ups from 0.19 to 0.34 s, about 6% of the run's CPU.
    """
    ids = sorted(set(claim_ids))
    verifications, evidence = {}, {}
    if not ids:
        return verifications, evidence
    if _postgresql():
        v_rows = _select(Verification, VerificationRow._fields, ids, order=("created_at", "id"))
        e_rows = _select(Evidence, EvidenceRow._fields, ids)
    else:
        v_rows = (Verification.objects.filter(claim_id__in=ids).order_by("created_at", "id")
                  .values_list(*VerificationRow._fields))
        e_rows = Evidence.objects.filter(claim_id__in=ids).order_by().values_list(*EvidenceRow._fields)
    for row in map(VerificationRow._make, v_rows):
        verifications.setdefault(row.claim_id, []).append(row)
    for row in map(EvidenceRow._make, e_rows):
        if isinstance(row.data, str):  # Django's psycopg loads JSON columns as text
            row = row._replace(data=json.loads(row.data))
        evidence.setdefault(row.claim_id, []).append(row)
    return verifications, evidence


def _verified_articles(ids):
    """(condition on the article table `a`, params): those of the articles `ids` in VERIFYING
    whose current claims have no verification pending or started."""
    quote = connection.ops.quote_name
    a_id, a_state = (quote(Article._meta.get_field(n).column) for n in ("id", "state"))
    c_id, c_article, c_current = (quote(Claim._meta.get_field(n).column)
                                  for n in ("id", "article", "is_current"))
    v_claim, v_state = (quote(Verification._meta.get_field(n).column) for n in ("claim", "state"))
    return (f"a.{a_id} = ANY(%s::bigint[]) AND a.{a_state} = %s AND NOT EXISTS (SELECT 1 FROM "
            f"{quote(Verification._meta.db_table)} v JOIN {quote(Claim._meta.db_table)} c "
            f"ON c.{c_id} = v.{v_claim} WHERE c.{c_article} = a.{a_id} AND c.{c_current} "
            f"AND v.{v_state} = ANY(%s::text[]))",
            [_array(sorted(ids)), Article.STATE_VERIFYING, _array(list(Verification.ACTIVE_STATES))])


def claims_left_verifying(article_ids):
    """Ids of the current claims still marked verifying in those of these articles that have
    nothing left to verify (their roll-up was lost with a worker).

    Kept with close_verified_articles, for the same figure."""
    if not _postgresql():
        return list(Claim.objects.filter(
            article__in=_verified_articles_orm(article_ids), is_current=True,
            pipeline_state=Claim.PIPELINE_VERIFYING).values_list("pk", flat=True))
    quote = connection.ops.quote_name
    where, params = _verified_articles(article_ids)
    c_id, c_article, c_current, c_state = (quote(Claim._meta.get_field(n).column) for n in
                                           ("id", "article", "is_current", "pipeline_state"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.{c_id} FROM {quote(Claim._meta.db_table)} c WHERE c.{c_current} AND "
            f"c.{c_state} = %s AND c.{c_article} IN (SELECT a.{quote(Article._meta.pk.column)} "
            f"FROM {quote(Article._meta.db_table)} a WHERE {where})",
            [Claim.PIPELINE_VERIFYING, *params])
        return [pk for (pk,) in cursor.fetchall()]


def close_verified_articles(article_ids, now):
    """VERIFYING → DONE for those of these articles with nothing left to verify, in one
    conditional statement; returns how many were closed.

    Kept: every verification task ends with it; the ORM's statement (a filtered update with an
    `Exists()` subquery) and its companion read cost twice these in an in-process run of the
    benchmark's articles (0.17 s against 0.09 s, 4% of the run's CPU).
    """
    if not _postgresql():
        return _verified_articles_orm(article_ids).update(
            state=Article.STATE_DONE, state_changed_at=now, error="")
    quote = connection.ops.quote_name
    where, params = _verified_articles(article_ids)
    sets = ", ".join(f"{quote(Article._meta.get_field(n).column)} = %s"
                     for n in ("state", "state_changed_at", "error"))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(Article._meta.db_table)} a SET {sets} WHERE {where}",
                       [Article.STATE_DONE, now, "", *params])
        return cursor.rowcount


def _verified_articles_orm(article_ids):
    active = Verification.objects.filter(claim__article=models.OuterRef("pk"),
                                         claim__is_current=True,
                                         state__in=Verification.ACTIVE_STATES)
    return Article.objects.filter(pk__in=list(article_ids),
                                  state=Article.STATE_VERIFYING).exclude(models.Exists(active))


VerificationRow = collections.namedtuple("VerificationRow", "claim_id verifier state")
EvidenceRow = collections.namedtuple("EvidenceRow",
                                     "claim_id key kind stance confidence explanation data")


def _select(model, attnames, claim_ids, order=()):
    """Rows of `model` (plain columns, no conversion needed) whose claim is one of `claim_ids`."""
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(n.removesuffix("_id") if n.endswith("_id") else n).column)
                        for n in attnames)
    sql = (f"SELECT {columns} FROM {quote(meta.db_table)} "
           f"WHERE {quote(meta.get_field('claim').column)} = ANY(%s::bigint[])")
    if order:
        sql += " ORDER BY " + ", ".join(quote(meta.get_field(n).column) for n in order)
    with connection.cursor() as cursor:
        cursor.execute(sql, [_array(claim_ids)])
        return cursor.fetchall()


# --- Bulk writes ------------------------------------------------------------------------------
def insert_verifications(rows):
    """Insert Verification rows (dicts: field attname → value); returns their ids in order.

    Kept: `bulk_create` builds a model instance per row and calls three methods per value,
    40–60 µs a row for the 2,800 verification and evidence rows a benchmark run writes;
    without them the 24 articles ran in 1.40–1.46 CPU-s instead of 1.53 (three alternating
    pairs), about 6%.
    """
    return _insert(Verification, rows, returning=True)


def upsert_evidence(rows):
    """Insert or update Evidence rows keyed by (claim, verifier, key). A row that already holds
    the values given is not written again: no new row version, its `updated_at` kept.

    Kept: Django's `bulk_create(update_conflicts=True)` cannot leave unchanged rows alone; with
    articles verified together, about 440 of 1,900 evidence upserts of a benchmark run rewrote a
    row identical to the mirror evidence another batch had just written. Per-row cost as
    insert_verifications.
    """
    return _insert(Evidence, rows, update=(("claim", "verifier", "key"), EVIDENCE_UPDATED_FIELDS))


def insert_mirror_evidence(rows):
    """Insert Evidence rows, leaving alone the keys that already exist (their own run's
    findings win); returns the ids of the claims given a new row (elsewhere than PostgreSQL,
    of every row given). Kept for the per-row cost given in insert_verifications.

    Only those claims are rolled up again. In the benchmark every cited claim gets a new row
    (each article is new), so its figures do not move; a re-verification, whose mirror rows
    exist already, skips the roll-up of every claim it cites."""
    inserted = _insert(Evidence, rows, ignore_conflicts=True, returning="claim_id")
    return set(inserted) if _postgresql() else {row["claim_id"] for row in rows}


def insert_claims(rows):
    """Insert Claim rows (dicts: field attname → value; the others take their defaults).
    Kept for the per-row cost given in insert_verifications: an extraction stores up to a few
    dozen claims, each with about 25 columns."""
    return _insert(Claim, rows)


def insert_clusters(labels):
    """One new ClaimCluster per label; returns their ids in order."""
    return _insert(ClaimCluster, [{"label": label} for label in labels], returning=True)


def update_claims(claims, fields):
    """Write `fields` of each of these claims, each with its own values, in one statement.

    Kept: Django's `bulk_update` writes a `CASE WHEN` per field and row, whose compilation cost
    more than the statement for the dozens of claims a roll-up or a cluster link changes, and
    whose text changes with the number of rows (a new plan each time).
    """
    claims = list(claims)
    if not claims:
        return 0
    if not _postgresql():
        return Claim.objects.bulk_update(claims, fields)
    meta, quote = Claim._meta, connection.ops.quote_name
    columns = [meta.pk] + [meta.get_field(name) for name in fields]
    arrays = [_values(field, [getattr(c, field.attname) for c in claims]) for field in columns]
    table, names = quote(meta.db_table), [quote(f.column) for f in columns]
    sets = ", ".join(f"{n} = v.{n}" for n in names[1:])
    sql = (f"UPDATE {table} SET {sets} FROM unnest({_array_types(tuple(columns))}) "
           f"AS v({', '.join(names)}) WHERE {table}.{names[0]} = v.{names[0]}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [_array(a) for a in arrays])
        return cursor.rowcount


def delete_stale_evidence(kept, before):
    """Delete what the verifiers that just ran no longer find: `kept` is {(claim id, verifier):
    keys found}; only rows written before `before` go (a newer row is mirror evidence from a
    batch running at the same time).

    Kept: the ORM's filter is one `OR` branch per (claim, verifier) with its keys, a statement
    whose text grows with the batch; here the pairs and keys are arrays and the text is the
    same for every batch (prepared once per worker process: parsing and planning the pipeline's
    statements took a seventh of PostgreSQL's CPU before they were prepared).
    """
    if not kept:
        return 0
    if not _postgresql():
        stale = models.Q()
        for (claim_id, verifier), keys in kept.items():
            stale |= models.Q(claim_id=claim_id, verifier=verifier) & ~models.Q(key__in=keys)
        return Evidence.objects.filter(stale, updated_at__lt=before).delete()[0]
    meta, quote = Evidence._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    claim, verifier, key, updated = (quote(meta.get_field(n).column)
                                     for n in ("claim", "verifier", "key", "updated_at"))
    pairs = list(kept)
    keys = [(claim_id, name, k) for (claim_id, name), ks in kept.items() for k in ks]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} e USING unnest(%s::bigint[], %s::text[]) AS k(c, v) "
            f"WHERE e.{claim} = k.c AND e.{verifier} = k.v AND e.{updated} < %s "
            f"AND (e.{claim}, e.{verifier}, e.{key}) NOT IN "
            "(SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[]))",
            [_array([p[0] for p in pairs]), _array([p[1] for p in pairs]), before,
             *(_array([k[i] for k in keys]) for i in range(3))])
        return cursor.rowcount


# --- How the bulk writes are built ------------------------------------------------------------
def _insert(model, rows, *, ignore_conflicts=False, update=None, returning=False):
    """INSERT `rows` (dicts with the same keys: field attname → value) in one statement; a field
    not given takes its default, auto_now fields the time of the call, as bulk_create does.
    `update`: (unique fields, fields to update) for an upsert that skips unchanged rows.
    `returning`: the new ids, in the order of `rows` (plain inserts only), or, given a field's
    attname, that column of the rows inserted. Elsewhere than PostgreSQL, bulk_create."""
    rows = list(rows)
    if not rows:
        return []
    if not _postgresql():
        objs = [model(**row) for row in rows]
        if update:
            model.objects.bulk_create(objs, update_conflicts=True, unique_fields=update[0],
                                      update_fields=update[1])
        else:
            model.objects.bulk_create(objs, ignore_conflicts=ignore_conflicts)
        return [obj.pk for obj in objs] if returning is True else []
    meta, quote, now = model._meta, connection.ops.quote_name, timezone.now()
    given = rows[0].keys()
    columns, arrays = [], []
    for field in meta.concrete_fields:
        if field.attname in given:
            values = _values(field, [row[field.attname] for row in rows])
        elif field.primary_key:
            continue
        else:
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            values = [field.get_db_prep_save(now if auto else field.get_default(), connection)]
            values *= len(rows)
        columns.append(field)
        arrays.append(values)
    table = quote(meta.db_table)
    names = ", ".join(quote(f.column) for f in columns)
    sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({_array_types(tuple(columns))})"
    if update:
        unique, fields = ([meta.get_field(n) for n in group] for group in update)
        compared = [quote(f.column) for f in fields if not getattr(f, "auto_now", False)]
        sql += (f" ON CONFLICT ({', '.join(quote(f.column) for f in unique)}) DO UPDATE SET "
                + ", ".join(f"{quote(f.column)} = EXCLUDED.{quote(f.column)}" for f in fields)
                + f" WHERE ({', '.join(f'{table}.{c}' for c in compared)}) IS DISTINCT FROM "
                f"({', '.join(f'EXCLUDED.{c}' for c in compared)})")
    elif ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        column = meta.pk if returning is True else meta.get_field(returning.removesuffix("_id"))
        sql += f" RETURNING {quote(column.column)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [_array(a) for a in arrays])
        return [row[0] for row in cursor.fetchall()] if returning else []


# Field types whose Python values the driver takes as they are (get_db_prep_save only checks
# them). Not integers: a float given for an integer column would fail in its array.
_PLAIN_FIELDS = (models.CharField, models.TextField, models.FloatField, models.BooleanField,
                 models.ForeignKey)


def _values(field, values):
    """A column's values as the database takes them (get_db_prep_save, as save() does), once
    per distinct value where values hash: the rows of one statement mostly share their times."""
    if isinstance(field, _PLAIN_FIELDS):
        return values
    done = {}
    try:
        return [done[v] if v in done else done.setdefault(v, field.get_db_prep_save(v, connection))
                for v in values]
    except TypeError:  # unhashable values (JSON): each on its own
        return [field.get_db_prep_save(v, connection) for v in values]


@functools.lru_cache(maxsize=128)
def _array_types(fields):
    """One array placeholder per column, as Django's own unnest insert writes them (no length
    in the type: varchar[], not varchar(64)[])."""
    return ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _json(value):
    return _quoted((value.dumps or json.dumps)(value.obj))


# How each Python type is written as an element of a PostgreSQL array literal.
_ELEMENTS = {
    int: str, float: repr, decimal.Decimal: str, uuid.UUID: str, str: _quoted,
    bool: lambda value: "t" if value else "f",
    datetime.datetime: lambda value: '"' + value.isoformat() + '"',
    datetime.date: datetime.date.isoformat,
    Jsonb: _json, Json: _json,
}


def _array(values):
    """A list as the text of a PostgreSQL array literal ('{1,"a",NULL}') for a placeholder cast
    to its array type. The driver writes a list element by element with a regular expression
    and a quoting pass each: 0.22 of 2.43 CPU-s in an in-process run of the benchmark's
    articles, against 0.05 s this way (one lookup and one join per value). A value of another
    type leaves the list to the driver."""
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
