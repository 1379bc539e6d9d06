"""Which verifiers run: settings, the enabled list, and extras from the environment."""

from factcheck.verifiers import registry
from tests.verifier_doubles import FailingVerifier


def test_it_runs_only_the_enabled_verifiers(settings):
    settings.FACTCHECK_ENABLED_VERIFIERS = ["wording"]
    settings.FACTCHECK_EXTRA_VERIFIERS = {}
    assert list(registry.enabled_verifiers()) == ["wording"]


def test_it_always_runs_extra_verifiers_from_the_environment(settings):
    settings.FACTCHECK_ENABLED_VERIFIERS = []
    settings.FACTCHECK_EXTRA_VERIFIERS = {"failing": "tests.verifier_doubles.FailingVerifier"}
    verifier = registry.enabled_verifiers()["failing"]
    assert isinstance(verifier, FailingVerifier) and verifier.name == "failing"


def test_it_still_finds_a_disabled_verifier_for_work_already_queued(settings):
    settings.FACTCHECK_ENABLED_VERIFIERS = []
    assert registry.get("wording") is not None and registry.get("nope") is None


def test_it_reads_extra_verifiers_in_the_documented_format(monkeypatch):
    import environ

    monkeypatch.setenv("FACTCHECK_EXTRA_VERIFIERS", "failing=tests.verifier_doubles.FailingVerifier,slow=tests.verifier_doubles.SlowVerifier")
    assert environ.Env().dict("FACTCHECK_EXTRA_VERIFIERS") == {
        "failing": "tests.verifier_doubles.FailingVerifier", "slow": "tests.verifier_doubles.SlowVerifier"}
