"""Verifiers for tests, enabled in a worker with
`worker_factory(env={"FACTCHECK_EXTRA_VERIFIERS": "failing=tests.verifier_doubles.FailingVerifier"})`
or in the test process with `settings.FACTCHECK_EXTRA_VERIFIERS = {...}`."""

import os
import time

from factcheck.verifiers.base import Finding, PermanentVerifierError, Result, Verifier


class FailingVerifier(Verifier):
    """Always raises a permanent error: the verification is failed, the others still finish."""

    def check(self, claim, context):
        raise PermanentVerifierError("this verifier always fails (test double)")


class SlowVerifier(Verifier):
    """Finds nothing, slowly (FACTCHECK_SLOW_VERIFIER_SECONDS, default 0.3 s): widens the window
    in which a test can kill a worker mid-batch."""

    def check(self, claim, context):
        time.sleep(float(os.environ.get("FACTCHECK_SLOW_VERIFIER_SECONDS", "0.3")))
        return Result()


class UnstorableVerifier(Verifier):
    """Finds evidence the database refuses (its key is longer than the column): storing the
    batch fails, and the batch is stored again one verification at a time."""

    def check(self, claim, context):
        return Result(findings=[Finding(key="k" * 500, kind="wording", stance="mentions",
                                        confidence=0.3, explanation="unstorable (test double)")])


class UngatherableVerifier(Verifier):
    """Its database work for a whole batch fails (a statement the database refuses, an
    IntegrityError on every vendor, not a transient error); its read per claim works and says
    so in its finding: the batch falls back to reading claim by claim."""

    def gather_many(self, claims):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO factcheck_source (name) VALUES (NULL)")
        return {}

    def gather(self, claim):
        return "gathered for this claim alone"

    def check(self, claim, context):
        return Result(findings=[Finding(key="gathered", kind="wording", stance="mentions",
                                        confidence=0.3, explanation=context)])
