import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="factcheck.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )


def test_it_passes_the_deployment_checklist_with_a_real_secret():
    result = run_check(DJANGO_SECRET_KEY="x7" * 30 + "Qz!k", DJANGO_ALLOWED_HOSTS="desk.example.org")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = run_check(DJANGO_ALLOWED_HOSTS="desk.example.org")
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
