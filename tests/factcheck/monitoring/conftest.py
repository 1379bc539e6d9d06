import pytest

from factcheck.monitoring import workers
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def forget_workers():
    """Workers remembered by an earlier test (in the cache) must not show up in the next one."""
    workers.forget()
    yield
    workers.forget()


@pytest.fixture
def alice(db):
    """The desk chief."""
    return UserFactory(username="alice", role="chief")


@pytest.fixture
def bob(db):
    """A checker."""
    return UserFactory(username="bob", role="checker")


@pytest.fixture
def chief_client(client, alice):
    client.force_login(alice)
    return client
