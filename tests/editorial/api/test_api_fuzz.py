"""schemathesis against the API's own OpenAPI schema: no generated request gets a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from editorial.models import ApiToken
from tests.editorial.helpers import decide
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db

# Bounded so the whole run stays well under a minute on the development machine.
EXAMPLES_PER_OPERATION = 30


@pytest.fixture
def api_schema(db):
    # As Django's test client does: the WSGI handler's end-of-request signal would otherwise
    # close the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    """A chief's and a reporter's tokens, and content for the generated requests to find."""
    chief = UserFactory(username="fuzz-chief", role="chief")
    reporter = UserFactory(username="fuzz-reporter", role="reporter")
    claim = ClaimFactory(score=0.3, article=ArticleFactory(submitted_by=reporter,
                                                           url="https://a.example/1"))
    EvidenceFactory(claim=claim, source_article=ArticleFactory())
    decide(claim, chief, "disputed", "Wrong figure.").publish(chief)
    ClaimFactory(score=0.9, language="en")
    return {"chief": (ApiToken.issue(chief)[1], EXAMPLES_PER_OPERATION),
            "reporter": (ApiToken.issue(reporter)[1], EXAMPLES_PER_OPERATION // 3)}


def test_it_answers_every_generated_request_without_a_server_error(api_schema, tokens):
    # schemathesis' own pytest integration (from_fixture) does not run under pytest 9: the
    # operations are walked here, each with a bounded Hypothesis run of valid and invalid input,
    # as a chief (who sees everything) and as a reporter (who sees their own articles).
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    for token, examples in tokens.values():
        for operation in operations:
            check_operation(operation, {"Authorization": f"Token {token}"}, examples)


def check_operation(operation, headers, examples):
    cases = strategies.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def no_server_error(case):
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    no_server_error()
