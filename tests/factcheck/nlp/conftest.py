import pytest

from factcheck import nlp


@pytest.fixture(scope="session")
def extract_one():
    """Claims of one text; the pipelines are built once for the session (module cache)."""
    nlp.load("fr")

    def run(text, **kwargs):
        return next(nlp.extract([text], **kwargs))

    return run


def find(claims, fragment):
    hits = [c for c in claims if fragment in c["sentence"]]
    assert hits, f"no claim with {fragment!r} in {[c['sentence'] for c in claims]}"
    return hits[0]
