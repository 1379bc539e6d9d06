"""Verifiers: small classes that look for evidence about one claim.

Each is registered by name in settings.FACTCHECK_VERIFIERS (see registry.py). A verifier gathers
what it needs from the database (`gather`), then decides (`check`), a pure function of the claim
and that context, unit-tested without Celery. The task layer stores what it returns.
"""
