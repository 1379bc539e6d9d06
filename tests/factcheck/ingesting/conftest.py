import pytest
from django.test import override_settings

from .site import Site


@pytest.fixture
def site():
    with override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=True), Site() as served:
        yield served
