"""Verifier registry: name → dotted path in settings, instantiated once per process."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)
_instances = {}


def _instance(name, path):
    verifier = _instances.get((name, path))
    if verifier is None:
        verifier = import_string(path)()
        verifier.name = name
        _instances[(name, path)] = verifier
    return verifier


def known_paths():
    """Every verifier this process can run: configured ones and extras from the environment."""
    paths = dict(settings.FACTCHECK_VERIFIERS)
    paths.update(getattr(settings, "FACTCHECK_EXTRA_VERIFIERS", {}) or {})
    return paths


def enabled_verifiers():
    """{name: instance} of the verifiers to run on each claim.

    settings.FACTCHECK_VERIFIERS filtered by FACTCHECK_ENABLED_VERIFIERS, plus
    FACTCHECK_EXTRA_VERIFIERS ("name=dotted.Path,…" in the environment), which are always enabled.
    """
    enabled = set(settings.FACTCHECK_ENABLED_VERIFIERS)
    paths = {n: p for n, p in settings.FACTCHECK_VERIFIERS.items() if n in enabled}
    paths.update(getattr(settings, "FACTCHECK_EXTRA_VERIFIERS", {}) or {})
    return {name: _instance(name, path) for name, path in paths.items()}


def get(name):
    """The verifier called `name`, enabled or not (a queued verification still runs), or None."""
    path = known_paths().get(name)
    return _instance(name, path) if path else None
