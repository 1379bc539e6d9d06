import pytest

from factcheck import nlp


@pytest.fixture(scope="session")
def extract_one():
    """Claims of one text; the pipelines are built once for the session (module cache)."""
    nlp.load("fr")

    def run(text, **kwargs):
        return next(nlp.extract([text], **kwargs))

    return run
