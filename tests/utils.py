import time


def wait_for(predicate, timeout=60, interval=0.25, message="condition"):
    """Poll until predicate() is truthy; return its value. For work done by another process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


class use_broker:
    """Point this process's Celery app at another broker URL (e.g. a dead port), then restore."""

    def __init__(self, url):
        self.url = url

    def _reset(self, url):
        from factcheck.celery import app

        # Settings come in under the CELERY_ namespace; the read/write URLs are what connects.
        app.conf.broker_read_url = app.conf.broker_write_url = url
        # Pools are cached per URL: forget ours so the next send picks the pool of the new URL.
        app._pool = None
        app.amqp._producer_pool = None

    def __enter__(self):
        from factcheck.celery import app

        self.previous = app.conf.broker_write_url
        self._reset(self.url)
        return self

    def __exit__(self, *exc):
        self._reset(self.previous)
