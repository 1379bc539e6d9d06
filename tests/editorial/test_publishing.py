import json
from datetime import datetime, timezone as dt_timezone
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import reverse

from editorial.models import AuditLogEntry, TransitionError, Verdict
from tests.editorial.helpers import decide, reviewable
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

LOW, HIGH = 0.3, 0.9


class JsonLdBlocks(HTMLParser):
    """The parsed content of every <script type="application/ld+json"> of a page."""

    def __init__(self, html):
        super().__init__()
        self.blocks, self._inside, self._text = [], False, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._inside, self._text = True, []

    def handle_data(self, data):
        if self._inside:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside:
            self.blocks.append(json.loads("".join(self._text)))
            self._inside = False


def chief():
    return UserFactory(username="chiefa", role="chief")


def decided(status="disputed", score=LOW, language="fr", approved=True, **article):
    """A claim with a checker's verdict; approved by a chief when the policy holds it back,
    unless `approved` is False."""
    article.setdefault("url", "https://news.example.org/budget")
    claim = ClaimFactory(score=score, language=language,
                         article=ArticleFactory(language=language, **article))
    verdict_args = (UserFactory(username="olga", role="checker"), status, "The budget says 12 M€.",
                    ["https://example.org/budget.pdf"], "Figure corrected on 3 May.")
    if approved:
        return claim, decide(claim, *verdict_args)
    return claim, reviewable(claim).give_verdict(*verdict_args)


def published(**kwargs):
    claim, verdict = decided(**kwargs)
    verdict.publish(chief())
    return claim, verdict


def test_it_publishes_a_final_verdict_with_an_audit_entry():
    claim, verdict = decided()
    verdict.publish(chief())
    verdict.refresh_from_db()
    assert verdict.published_at is not None and verdict.published_by.username == "chiefa"
    assert AuditLogEntry.objects.filter(claim=claim, action="publish").count() == 1


def test_it_refuses_publishing_to_a_checker():
    _claim, verdict = decided()
    with pytest.raises(PermissionDenied):
        verdict.publish(UserFactory(username="carl", role="checker"))
    verdict.refresh_from_db()
    assert verdict.published_at is None


def test_it_refuses_to_publish_a_verdict_awaiting_approval():
    _claim, verdict = decided(score=HIGH, approved=False)
    assert verdict.state == Verdict.STATE_AWAITING_APPROVAL
    with pytest.raises(TransitionError):
        verdict.publish(chief())


def test_it_refuses_to_publish_the_verdict_of_a_reopened_claim():
    claim, verdict = decided()
    reviewable(claim).reopen(chief(), "New figures came out.")
    with pytest.raises(TransitionError):
        verdict.publish(chief())


def test_it_refuses_to_publish_twice():
    _claim, verdict = published()
    with pytest.raises(TransitionError):
        Verdict.objects.get(pk=verdict.pk).publish(chief())
    assert AuditLogEntry.objects.filter(action="publish").count() == 1


def test_it_answers_404_to_the_public_for_an_unpublished_verdict():
    _claim, verdict = decided()
    assert Client().get(reverse("review", args=[verdict.pk])).status_code == 404


def test_it_shows_the_public_the_published_review_without_login():
    claim, verdict = published()
    response = Client().get(reverse("review", args=[verdict.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (claim.text, "The budget says 12 M€.", "https://example.org/budget.pdf",
                  "Figure corrected on 3 May."):
        assert shown in page


@override_settings(FACTCHECK_ORGANISATION_NAME="La Vérif", FACTCHECK_ORGANISATION_URL="https://verif.example")
def test_it_carries_claimreview_json_ld_with_every_property():
    claim, verdict = published(published_at=datetime(2026, 5, 2, 9, 0, tzinfo=dt_timezone.utc))
    response = Client().get(reverse("review", args=[verdict.pk]))
    [review] = JsonLdBlocks(response.content.decode()).blocks
    verdict.refresh_from_db()
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.text
    assert review["url"] == f"http://testserver/reviews/{verdict.pk}/"
    assert review["datePublished"] == verdict.published_at.date().isoformat()
    assert review["author"] == {"@type": "Organization", "name": "La Vérif",
                                "url": "https://verif.example"}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert (rating["worstRating"], rating["ratingValue"], rating["bestRating"]) == (1, 1, 5)
    assert rating["alternateName"] == "Contestée"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"]["url"] == "https://news.example.org/budget"
    assert item["datePublished"] == "2026-05-02"


def test_it_names_the_rating_in_the_language_of_an_english_article():
    _claim, verdict = published(status="confirmed", language="en")
    response = Client().get(reverse("review", args=[verdict.pk]))
    [review] = JsonLdBlocks(response.content.decode()).blocks
    assert review["reviewRating"]["alternateName"] == "Confirmed"
    assert review["reviewRating"]["ratingValue"] == 5


def test_it_keeps_markup_in_a_claim_inside_the_json_ld():
    body = "Le maire a dit </script><script>alert(1)</script> hier soir.\nSuite."
    _claim, verdict = published(body=body)
    page = Client().get(reverse("review", args=[verdict.pk])).content.decode()
    # The block as a browser reads it: up to the first closing tag.
    block = page.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "</script><script>alert(1)" in json.loads(block)["claimReviewed"]


def test_it_publishes_from_the_claim_page():
    claim, verdict = decided()
    client = Client()
    client.force_login(chief())
    page = client.get(claim.get_absolute_url()).content.decode()
    assert reverse("editorial:publish", args=[verdict.pk]) in page
    client.post(reverse("editorial:publish", args=[verdict.pk]))
    assert Client().get(reverse("review", args=[verdict.pk])).status_code == 200


def test_it_forbids_the_publish_action_to_a_checker():
    _claim, verdict = decided()
    client = Client()
    client.force_login(UserFactory(username="carl", role="checker"))
    assert client.post(reverse("editorial:publish", args=[verdict.pk])).status_code == 403
