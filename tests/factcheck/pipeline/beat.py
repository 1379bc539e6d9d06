"""A real `celery beat` process (the database scheduler, default schedule) for the tests that
need the periodic tasks to run as in production."""

import os
import subprocess
import sys

from tests.conftest import ROOT


class BeatProcess:
    def __init__(self, db_url, broker_url, log_path):
        self.db_url, self.broker_url, self.log_path = db_url, broker_url, log_path
        self.proc = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=self.db_url, CELERY_BROKER_URL=self.broker_url,
                   DJANGO_SETTINGS_MODULE="factcheck.settings.test", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "factcheck", "beat", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=self.log_path.open("w"), stderr=subprocess.STDOUT,
        )
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""
