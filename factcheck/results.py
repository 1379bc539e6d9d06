"""The Celery result backend: django-celery-results' database backend (same table, same
rows), each state stored in one statement on PostgreSQL.

The library stores a state with get_or_create then save: a transaction, a SELECT, an INSERT
in a savepoint or an UPDATE of every column. Twice per task (started, then finished), that
was a fifth of the database statements of a verification batch. Here it is one
`INSERT … ON CONFLICT (task_id) DO UPDATE` per state. Elsewhere (SQLite for local runs), the
library's own path.
"""

from celery import states
from django.db import connection
from django.utils import timezone
from django_celery_results.backends.database import DatabaseBackend
from django_celery_results.models import TaskResult

# Written on every state; date_created only by the first, date_started only when started.
COLUMNS = (
    "task_id", "status", "result", "traceback", "meta", "content_encoding", "content_type",
    "periodic_task_name", "task_name", "task_args", "task_kwargs", "worker", "date_done",
)


class ResultBackend(DatabaseBackend):
    def _store_result(self, task_id, result, status, traceback=None, request=None, using=None):
        if connection.vendor != "postgresql" or using not in (None, "default"):
            return super()._store_result(task_id, result, status, traceback, request, using)
        content_type, content_encoding, encoded = self.encode_content(result)
        meta = {**self._get_meta_from_request(request),
                "children": self.current_task_children(request)}
        _, _, encoded_meta = self.encode_content(meta)
        now = timezone.now()
        row = {"task_id": task_id, "status": status, "result": encoded, "traceback": traceback,
               "meta": encoded_meta, "content_encoding": content_encoding,
               "content_type": content_type, "date_done": now}
        # As the library does: the extended properties (task name, arguments, worker), and
        # its traceback value, override the plain ones.
        row.update(self._get_extended_properties(request, traceback))
        table = TaskResult._meta.db_table
        names = ", ".join(COLUMNS)
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "task_id")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}, date_created, date_started) "
                f"VALUES ({', '.join(['%s'] * len(COLUMNS))}, %s, %s) "
                f"ON CONFLICT (task_id) DO UPDATE SET {updates}, "
                f"date_started = COALESCE(EXCLUDED.date_started, {table}.date_started)",
                [row[c] for c in COLUMNS] + [now, now if status == states.STARTED else None],
            )
        return encoded
