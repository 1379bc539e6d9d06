"""Malformed requests to the review desk get a 4xx that says what is wrong, never a 500."""

import pytest

from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client):
    user = UserFactory(username="chief", role="chief")
    client.force_login(user)
    return user


@pytest.mark.parametrize("assignee", ["abc", "-3", "99999999999999999999999", "4.5", "٣"])
def test_it_answers_400_to_an_assignee_that_is_not_a_user_id(client, chief, assignee):
    claim = ClaimFactory()
    response = client.post(f"/review/claims/{claim.pk}/assign/", {"assignee": assignee})
    assert response.status_code == 400 and "Choose the assignee from the list" in response.content.decode()


def test_it_answers_400_to_an_assignee_who_does_not_exist(client, chief):
    claim = ClaimFactory()
    response = client.post(f"/review/claims/{claim.pk}/assign/", {"assignee": "987654"})
    assert response.status_code == 400


def test_it_still_assigns_a_claim_to_a_checker(client, chief):
    claim, checker = ClaimFactory(), UserFactory(username="carla", role="checker")
    client.post(f"/review/claims/{claim.pk}/assign/", {"assignee": str(checker.pk)})
    claim.refresh_from_db()
    assert claim.assignee == checker


@pytest.mark.parametrize("params", [{"since": "0001-01-01"}, {"until": "9999-12-31"}])
def test_it_answers_a_queue_date_out_of_range_with_the_dates_it_takes(client, chief, params):
    response = client.get("/review/", params)
    errors = response.context["form"].errors.get(next(iter(params)), [])
    assert response.status_code < 500 and any("Choose a date between" in e for e in errors)
