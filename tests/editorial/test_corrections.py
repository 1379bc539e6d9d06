"""A published fact-check that changes: corrected (the claim reopened and decided otherwise, the
new verdict published) or withdrawn. Announced on its page, in its ClaimReview, the API and
webhooks."""


import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from editorial.models import AuditLogEntry, TransitionError, WebhookDelivery, WebhookSubscription
from tests.editorial.helpers import decide, reviewable
from tests.editorial.test_publishing import JsonLdBlocks
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief():
    return UserFactory(username="cheffe", role="chief")


@pytest.fixture
def published(chief):
    claim = ClaimFactory(score=0.3, article=ArticleFactory(language="fr"))
    return decide(claim, chief, "confirmed", "Figures match.", ["https://a.example/1"]).publish(chief)


def corrected(published, chief):
    reviewable(published.claim).reopen(chief, "A new report contradicts the figure.")
    new = decide(published.claim, chief, "disputed", "The figure was wrong.",
                 ["https://a.example/2"])
    return new.publish(chief)


def page(verdict, language="en"):
    return Client(headers={"accept-language": language}).get(reverse("review", args=[verdict.pk]))


def test_it_says_on_the_corrected_page_when_and_what_the_previous_rating_was(published, chief):
    new = corrected(published, chief)
    with translation.override("en"):
        html = page(new).content.decode()
    assert "Corrected on" in html and "Previous rating: Confirmed" in html


def test_it_says_it_in_french_on_the_page_of_a_french_reader(published, chief):
    new = corrected(published, chief)
    html = page(new, "fr").content.decode()
    assert "Corrigée le" in html and "Note précédente" in html


def test_it_dates_the_modification_in_the_claimreview(published, chief):
    new = corrected(published, chief)
    [review] = JsonLdBlocks(page(new).content.decode()).blocks
    assert review["datePublished"] == published.published_at.date().isoformat()
    assert review["dateModified"] == new.published_at.date().isoformat()


def test_it_points_the_old_page_to_the_correction_without_rating_the_claim(published, chief):
    new = corrected(published, chief)
    html = page(published).content.decode()
    assert reverse("review", args=[new.pk]) in html and JsonLdBlocks(html).blocks == []


def test_it_sends_a_verdict_updated_event_with_the_previous_rating(published, chief):
    WebhookSubscription.objects.create(url="https://hooks.example/", events=["verdict.updated"])
    new = corrected(published, chief)
    sent = WebhookDelivery.objects.get(event="verdict.updated").payload
    assert (sent["verdict"], sent["previous"]["rating"]) == (new.pk, "confirmed")


def test_it_shows_the_correction_in_the_api(published, chief):
    new = corrected(published, chief)
    body = Client().get(f"/api/reviews/{new.pk}/").json()
    assert body["claim_review"]["dateModified"] == new.published_at.date().isoformat()
    assert (body["state"], body["previous_rating"]) == ("current", "confirmed")


def test_it_withdraws_a_published_verdict_with_a_public_note(published, chief):
    published.withdraw(chief, "The report we relied on was retracted.")
    html = page(published).content.decode()
    assert "Withdrawn on" in html and "The report we relied on was retracted." in html
    assert JsonLdBlocks(html).blocks == []


def test_it_sends_a_verdict_retracted_event(published, chief):
    WebhookSubscription.objects.create(url="https://hooks.example/", events=["verdict.retracted"])
    published.withdraw(chief, "Source retracted.")
    sent = WebhookDelivery.objects.get(event="verdict.retracted").payload
    assert (sent["verdict"], sent["note"]) == (published.pk, "Source retracted.")


def test_it_logs_a_withdrawal(published, chief):
    published.withdraw(chief, "Source retracted.")
    entry = AuditLogEntry.objects.filter(action="withdraw").get()
    assert (entry.actor, entry.rationale) == (chief, "Source retracted.")


def test_it_refuses_a_withdrawal_without_a_reason(published, chief):
    with pytest.raises(TransitionError):
        published.withdraw(chief, "  ")
    published.refresh_from_db()
    assert not published.is_withdrawn


def test_it_refuses_a_withdrawal_from_a_checker(published):
    client = Client()
    client.force_login(UserFactory(username="carl", role="checker"))
    response = client.post(reverse("editorial:withdraw", args=[published.pk]), {"note": "No."})
    published.refresh_from_db()
    assert response.status_code == 403 and not published.is_withdrawn


def test_it_lets_a_chief_withdraw_from_the_claim_page(published, chief):
    client = Client()
    client.force_login(chief)
    client.post(reverse("editorial:withdraw", args=[published.pk]), {"note": "Source retracted."})
    published.refresh_from_db()
    assert published.withdrawal_note == "Source retracted."
    assert "Source retracted." in client.get(published.claim.get_absolute_url()).content.decode()


def test_it_shows_a_withdrawal_in_the_api(published, chief):
    published.withdraw(chief, "Source retracted.")
    body = Client().get(f"/api/reviews/{published.pk}/").json()
    assert (body["state"], body["withdrawal_note"]) == ("withdrawn", "Source retracted.")
    assert body["claim_review"]["dateModified"] == published.withdrawn_at.date().isoformat()
