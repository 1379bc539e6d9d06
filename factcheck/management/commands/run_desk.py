"""Start the web server and a Celery worker (with beat) together; Ctrl-C stops both."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


def _stop_like_ctrl_c(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the desk: web server on ADDRPORT and a real Celery worker with the beat scheduler."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, addrport, **options):
        settings.BROKER_DIR.mkdir(parents=True, exist_ok=True)
        from factcheck.celery import WORKER_QUEUES

        python = sys.executable
        worker = [
            python, "-m", "celery", "-A", "factcheck", "worker", "--beat",
            "-Q", WORKER_QUEUES, "--concurrency", "2", "--loglevel", "INFO",
        ]
        web = [python, "manage.py", "runserver", addrport, "--noreload"]
        # Stopped by SIGTERM (a supervisor, `timeout`) as by Ctrl-C: never leave the worker behind.
        signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
        procs = [subprocess.Popen(worker), subprocess.Popen(web)]
        host = addrport if ":" in addrport else f"127.0.0.1:{addrport}"
        self.stdout.write(self.style.SUCCESS(
            f"\nfactcheck is running on http://{host}/  — log in as chief / factcheck-demo "
            "(also checker, reporter, admin). Ctrl-C stops everything.\n"
        ))
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            deadline = time.time() + 10
            for p in procs:
                try:
                    p.wait(timeout=max(0.1, deadline - time.time()))
                except subprocess.TimeoutExpired:
                    p.kill()
        code = next((p.returncode for p in procs if p.returncode not in (0, None, -15)), 0)
        if code:
            sys.exit(code)
