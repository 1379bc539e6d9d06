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
