"""docker-compose.yml: valid for Compose, every service healthchecked, Flower behind basic auth.

Mirrors `make compose-check`; the validity test needs a Compose client (skipped without one)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.services import IN_CI

COMPOSE = Path(__file__).resolve().parents[3] / "docker-compose.yml"
SERVICES = ["web", "worker", "beat", "flower", "postgres", "redis"]
SCALED = ["worker-nlp", "worker-verify"]  # the "scale" profile


def compose_command():
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    message = "no Compose client (docker compose plugin or docker-compose; `make test` installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def service_block(name):
    text = COMPOSE.read_text()
    match = re.search(rf"^  {name}:\n(.*?)(?=^  [a-z-]+:\n|^\S|\Z)", text, re.S | re.M)
    assert match, f"no service {name}"
    return match.group(1)


def test_it_is_a_valid_compose_file():
    result = subprocess.run(compose_command() + ["-f", str(COMPOSE), "config", "--quiet"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_it_defines_the_six_services():
    result = subprocess.run(compose_command() + ["-f", str(COMPOSE), "config", "--services"],
                            capture_output=True, text=True)
    # Compose v1 lists the services of every profile, v2 those of the active ones.
    assert sorted(set(result.stdout.split()) - set(SCALED)) == sorted(SERVICES)


@pytest.mark.parametrize("name", SERVICES)
def test_it_checks_the_health_of_every_service(name):
    assert "healthcheck:" in service_block(name)


@pytest.mark.parametrize("name", ["web", "worker", "beat", "flower"])
def test_it_builds_the_python_services_from_one_image_and_one_environment(name):
    assert "<<: *app" in service_block(name)


def test_it_shares_one_environment_anchor():
    text = COMPOSE.read_text()
    assert ("x-env: &env" in text, "environment: *env" in text) == (True, True)


def test_it_puts_flower_behind_basic_auth():
    assert '--basic-auth="$$FLOWER_BASIC_AUTH"' in service_block("flower")


def test_it_runs_the_web_with_gunicorn_and_production_settings():
    assert ("exec gunicorn factcheck.wsgi" in service_block("web"),
            "DJANGO_SETTINGS_MODULE: factcheck.settings.production" in COMPOSE.read_text()) == (True, True)


def test_it_bases_the_image_on_python_3_11_slim_with_the_requirements():
    dockerfile = (COMPOSE.parent / "Dockerfile").read_text()
    assert ("FROM python:3.11-slim" in dockerfile, "pip install -r requirements.txt" in dockerfile) == (True, True)


def test_it_gives_the_worker_the_queue_order_the_code_uses():
    from factcheck.celery import WORKER_QUEUES

    assert f"worker -Q {WORKER_QUEUES} " in service_block("worker")


def test_it_adds_workers_split_by_queue_in_the_scale_profile():
    result = subprocess.run(compose_command() + ["-f", str(COMPOSE), "--profile", "scale", "config",
                                                 "--services"], capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(SERVICES + SCALED)
    assert all('profiles: ["scale"]' in service_block(name) for name in SCALED)


@pytest.mark.parametrize("name, queues", [("worker-nlp", "celery,nlp"),
                                          ("worker-verify", "celery,verify")])
def test_it_keeps_the_sweepers_queue_first_on_every_scaled_worker(name, queues):
    assert f"worker -Q {queues} " in service_block(name)


def test_it_runs_as_many_workers_as_the_operator_asks():
    result = subprocess.run(compose_command() + ["-f", str(COMPOSE), "config"], capture_output=True,
                            text=True, env={"FACTCHECK_WORKERS": "3", "PATH": "/usr/bin:/bin:/usr/local/bin"})
    assert re.search(r"replicas: 3\b", result.stdout), result.stderr
