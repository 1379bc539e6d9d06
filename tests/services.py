"""Are the real services up? In CI a missing one fails the run; locally it skips what needs it."""

import os
import socket
from urllib.parse import urlsplit

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def reachable(host, port, timeout=1.5):
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def require(ok, what, how):
    if ok:
        return
    message = f"{what} is not reachable. {how}"
    if IN_CI:
        pytest.exit(f"CI needs every service: {message}", returncode=3)
    pytest.skip(message)


def redis_reachable(url):
    parts = urlsplit(url)
    return parts.scheme.startswith("redis") and reachable(parts.hostname or "127.0.0.1", parts.port or 6379)


START_HINT = "Start it with the command in DEVELOPERS.md."
