"""Notes on a claim with @mentions, and who is notified (in the page and by e-mail)."""

import pytest
from django.urls import reverse

from editorial.models import Notification
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.editorial.test_views import client_for
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(name, role):
    return UserFactory(username=name, role=role, email=f"{name}@example.org")


def note(user, claim, body, **kwargs):
    return client_for(user).post(reverse("editorial:add_note", args=[claim.pk]), {"body": body}, **kwargs)


def test_it_shows_a_note_in_the_claims_thread():
    alice = person("alice", "checker")
    claim = ClaimFactory()
    page = note(alice, claim, "The mayor's office answers on Monday.", follow=True).content.decode()
    assert "The mayor&#x27;s office answers on Monday." in page


def test_it_notifies_a_mentioned_colleague_in_the_page_and_by_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    alice, bob = person("alice", "checker"), person("bob", "checker")
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        note(alice, claim, "@bob can you call the town hall?")
    assert Notification.objects.get(recipient=bob).kind == Notification.KIND_MENTION
    assert mailoutbox[0].to == ["bob@example.org"]
    assert "alice mentioned you on claim" in mailoutbox[0].subject
    page = client_for(bob).get(reverse("editorial:queue")).content.decode()
    assert '<span class="count" id="bell-count">1</span>' in page


def test_it_says_who_was_not_told_when_a_mention_names_nobody():
    alice = person("alice", "checker")
    claim = ClaimFactory()
    page = note(alice, claim, "@nobody-here look", follow=True).content.decode()
    assert "Nobody was told for: @nobody-here" in page
    assert not Notification.objects.exists()


def test_it_does_not_notify_a_reporter_mentioned_on_another_reporters_claim():
    alice = person("alice", "checker")
    person("rita", "reporter")
    claim = ClaimFactory()
    note(alice, claim, "@rita is this yours?")
    assert not Notification.objects.exists()


def test_it_refuses_a_note_over_the_length_limit():
    alice = person("alice", "checker")
    claim = ClaimFactory()
    response = note(alice, claim, "x" * 5001)
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()


def test_it_notifies_a_checker_assigned_a_claim(mailoutbox, django_capture_on_commit_callbacks):
    alice, carol = person("alice", "checker"), person("carol", "chief")
    with django_capture_on_commit_callbacks(execute=True):
        reviewable(ClaimFactory()).assign(carol, alice)
    assert mailoutbox[0].to == ["alice@example.org"]
    assert "carol assigned you a claim" in mailoutbox[0].subject


def test_it_notifies_the_author_of_a_sent_back_verdict():
    alice, carol = person("alice", "checker"), person("carol", "chief")
    claim = reviewable(ClaimFactory(score=0.9))
    claim.give_verdict(alice, Claim.STATUS_DISPUTED, "Wrong.")
    reviewable(claim).send_back(carol, "Which source?", version=reviewable(claim).version)
    told = Notification.objects.get(recipient=alice)
    assert (told.kind, told.detail) == (Notification.KIND_SENT_BACK, "Which source?")


def test_it_notifies_the_author_of_an_approved_verdict():
    alice, carol = person("alice", "checker"), person("carol", "chief")
    claim = reviewable(ClaimFactory(score=0.9))
    claim.give_verdict(alice, Claim.STATUS_DISPUTED, "Wrong.")
    reviewable(claim).approve(carol)
    assert Notification.objects.get(recipient=alice).kind == Notification.KIND_APPROVED


def test_it_notifies_a_reporter_of_a_final_verdict_on_their_own_article():
    alice, rita = person("alice", "checker"), person("rita", "reporter")
    claim = reviewable(ClaimFactory(score=0.3, article=ArticleFactory(submitted_by=rita)))
    claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "ok")
    assert Notification.objects.get(recipient=rita).kind == Notification.KIND_VERDICT


def test_it_does_not_notify_a_reporter_while_the_verdict_awaits_a_chief():
    alice, rita = person("alice", "checker"), person("rita", "reporter")
    claim = reviewable(ClaimFactory(score=0.9, article=ArticleFactory(submitted_by=rita)))
    claim.give_verdict(alice, Claim.STATUS_CONFIRMED, "ok")
    assert not Notification.objects.filter(recipient=rita).exists()


def test_it_keeps_the_change_when_the_mail_server_fails(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.editorial.failing_mail.Backend"
    alice, carol = person("alice", "checker"), person("carol", "chief")
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reviewable(claim).assign(carol, alice)
    assert reviewable(claim).assignee == alice


def test_it_marks_a_claims_notifications_read_when_its_page_is_opened():
    alice, carol = person("alice", "checker"), person("carol", "chief")
    claim = ClaimFactory()
    reviewable(claim).assign(carol, alice)
    client_for(alice).get(claim.get_absolute_url())
    assert not Notification.objects.unread().exists()


def test_it_links_the_claim_in_the_mail(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.FACTCHECK_SITE_URL = "https://desk.example.org/"
    alice = person("alice", "checker")
    person("bob", "checker")  # the one mentioned
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        note(alice, claim, "@bob look at the figure")
    assert f"https://desk.example.org/review/claims/{claim.pk}/" in mailoutbox[0].body
