"""Helpers shared by the benchmarks: each one works in a scratch PostgreSQL database of its own."""


def admin_connection(settings_dict, dbname="postgres"):
    import psycopg

    return psycopg.connect(
        dbname=dbname, user=settings_dict.get("USER") or "postgres",
        password=settings_dict.get("PASSWORD") or None, host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432, autocommit=True,
    )


def recreate_database(settings_dict, name, create=True):
    """Drop the scratch database `name` (and create it empty again unless create=False)."""
    with admin_connection(settings_dict) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def missing_services(name, unit="", broker=False):
    """The row a benchmark returns when the settings do not point at PostgreSQL (and, with
    `broker`, a Redis broker); None when they do."""
    from django.conf import settings

    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    redis = settings.CELERY_BROKER_URL.startswith("redis")
    if postgres and (redis or not broker):
        return None
    needs = "needs DATABASE_URL=postgres://…" + (" and a redis:// broker" if broker else "")
    return [{"name": name, "value": None, "unit": unit, "baseline": None, "ratio": None,
             "goal": needs}]
