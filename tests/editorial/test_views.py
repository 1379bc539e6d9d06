import pytest
from django.test import Client
from django.urls import reverse

from editorial.models import AuditLogEntry, ClaimLease, ReviewableClaim
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

LOW, HIGH = 0.3, 0.9


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def person(role):
    return None if role == "anonymous" else UserFactory(username=f"{role}-user", role=role)


def held_by_other():
    claim = ClaimFactory(score=LOW)
    reviewable(claim).take(UserFactory(username="olga", role="checker"))
    return claim


def pending():
    claim = ClaimFactory(score=HIGH)
    reviewable(claim).give_verdict(UserFactory(username="olga", role="checker"), "confirmed", "ok")
    return claim


ACTIONS = {
    "see the queue": ("get", lambda: ClaimFactory(), lambda c: reverse("editorial:queue"), {}),
    "open a claim": ("get", lambda: ClaimFactory(), lambda c: c.get_absolute_url(), {}),
    "take": ("post", lambda: ClaimFactory(), lambda c: reverse("editorial:take", args=[c.pk]), {}),
    "give a verdict": (
        "post", lambda: ClaimFactory(score=LOW), lambda c: reverse("editorial:verdict", args=[c.pk]),
        {"verdict": "disputed", "rationale": "Wrong figure.", "version": "0",
         "sources": "https://example.org/minutes"},
    ),
    "approve": ("post", pending, lambda c: reverse("editorial:approve", args=[c.pk]), {"version": "1"}),
    "force-unlock": ("post", held_by_other, lambda c: reverse("editorial:force_unlock", args=[c.pk]), {}),
    "assign": ("post", lambda: ClaimFactory(), lambda c: reverse("editorial:assign", args=[c.pk]), {}),
    "bulk-mark unverifiable": (
        "post", lambda: ClaimFactory(), lambda c: reverse("editorial:bulk"),
        {"action": "unverifiable", "rationale": "No public source."},
    ),
}
ROLES = ["anonymous", "reporter", "checker", "chief"]
# What each role gets: "login" (sent to the login page), "denied" (403) or "allowed".
EXPECTED = {
    "see the queue": ["login", "articles", "allowed", "allowed"],
    "open a claim": ["login", "denied", "allowed", "allowed"],
    "take": ["login", "denied", "allowed", "allowed"],
    "give a verdict": ["login", "denied", "allowed", "allowed"],
    "approve": ["login", "denied", "denied", "allowed"],
    "force-unlock": ["login", "denied", "denied", "allowed"],
    "assign": ["login", "denied", "denied", "allowed"],
    "bulk-mark unverifiable": ["login", "denied", "denied", "allowed"],
}
MATRIX = [(action, role, EXPECTED[action][i]) for action in ACTIONS for i, role in enumerate(ROLES)]


@pytest.mark.parametrize("action,role,expected", MATRIX, ids=[f"{a}-{r}" for a, r, _ in MATRIX])
def test_it_enforces_the_permission_matrix(action, role, expected):
    method, make, url_of, data = ACTIONS[action]
    claim = make()
    if "claims" not in data and action.startswith("bulk"):
        data = dict(data, claims=[claim.pk])
    response = getattr(client_for(person(role)), method)(url_of(claim), data)
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif expected == "articles":
        assert response.status_code == 302 and response["Location"] == reverse("factcheck:articles")
    elif expected == "denied":
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)
        assert not response.get("Location", "").startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["take", "verdict", "approve", "send_back", "reopen", "force_unlock", "release"])
def test_it_changes_nothing_on_get(name):
    alice = UserFactory(username="alice", role="chief")
    claim = ClaimFactory()
    response = client_for(alice).get(reverse(f"editorial:{name}", args=[claim.pk]))
    assert response.status_code == 405
    assert reviewable(claim).status == Claim.STATUS_NEW


def test_it_refuses_a_post_without_csrf_token():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("editorial:take", args=[claim.pk]))
    assert response.status_code == 403
    assert not ClaimLease.objects.exists()


def test_it_takes_and_confirms_a_claim_without_javascript():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=LOW)
    client = client_for(alice)
    client.post(reverse("editorial:take", args=[claim.pk]))
    response = client.post(
        reverse("editorial:verdict", args=[claim.pk]),
        {"verdict": "confirmed", "rationale": "The minutes say 5 M€.", "version": "1",
         "sources": "https://example.org/minutes"},
        follow=True,
    )
    assert "Verdict recorded." in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_CONFIRMED
    assert reviewable(claim).verdicts.get().sources == ["https://example.org/minutes"]


def test_it_asks_for_a_rationale_when_disputing():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=LOW)
    response = client_for(alice).post(
        reverse("editorial:verdict", args=[claim.pk]), {"verdict": "disputed", "rationale": "", "version": "0"}
    )
    assert response.status_code == 400
    assert "A “Disputed” verdict needs a rationale." in response.content.decode()


def test_it_rejects_a_source_that_is_not_a_web_address():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(score=LOW)
    response = client_for(alice).post(
        reverse("editorial:verdict", args=[claim.pk]),
        {"verdict": "confirmed", "sources": "javascript:alert(1)", "version": "0"},
    )
    assert response.status_code == 400
    assert "Not a valid http(s) address" in response.content.decode()
    assert reviewable(claim).status == Claim.STATUS_NEW


def test_it_shows_the_conflict_and_the_current_state_to_the_second_editor():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory(score=LOW)
    client_for(bob).post(reverse("editorial:verdict", args=[claim.pk]),
                         {"verdict": "confirmed", "version": "0", "rationale": "yes",
                          "sources": "https://example.org/a"})
    response = client_for(alice).post(
        reverse("editorial:verdict", args=[claim.pk]),
        {"verdict": "disputed", "rationale": "no", "version": "0", "sources": "https://example.org/b"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Your change was not saved" in page
    assert "bob" in page and 'id="claim-status">confirmed<' in page


def test_it_shows_who_holds_a_claim_to_others():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory()
    client_for(alice).post(reverse("editorial:take", args=[claim.pk]))
    page = client_for(bob).get(claim.get_absolute_url()).content.decode()
    assert "Being checked by alice since" in page
    assert "Record verdict" not in page


def test_it_lets_a_chief_approve_and_the_claim_page_shows_both_steps():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claim = ClaimFactory(score=HIGH)
    client_for(alice).post(reverse("editorial:take", args=[claim.pk]))
    client_for(alice).post(reverse("editorial:verdict", args=[claim.pk]),
                           {"verdict": "disputed", "rationale": "Wrong year.", "version": "1",
                            "sources": "https://example.org/minutes"})
    assert reviewable(claim).status == Claim.STATUS_PENDING_APPROVAL
    page = client_for(carol).post(
        reverse("editorial:approve", args=[claim.pk]), {"version": "2"}, follow=True
    ).content.decode()
    assert reviewable(claim).status == Claim.STATUS_DISPUTED
    assert "Verdict approved." in page
    assert "gave a verdict" in page and "approved" in page and "Wrong year." in page


def test_it_shows_a_chief_the_proposed_verdict_with_approve_and_send_back():
    carol = UserFactory(username="carol", role="chief")
    claim = pending()
    page = client_for(carol).get(claim.get_absolute_url()).content.decode()
    assert "olga proposes “confirmed”; a chief must approve it." in page
    assert "Approve" in page and "Send back" in page


def test_it_sends_a_verdict_back_with_a_comment():
    carol = UserFactory(username="carol", role="chief")
    claim = pending()
    client_for(carol).post(reverse("editorial:send_back", args=[claim.pk]),
                           {"comment": "Second source please.", "version": "1"})
    assert reviewable(claim).status == Claim.STATUS_IN_REVIEW


def test_it_renews_the_lease_for_its_holder_only():
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = ClaimFactory()
    client_for(alice).post(reverse("editorial:take", args=[claim.pk]))
    response = client_for(bob).post(reverse("editorial:renew", args=[claim.pk]))
    assert "Being checked by alice" in response.content.decode()
    assert ClaimLease.objects.get().holder == alice


def test_it_answers_htmx_with_the_page_and_the_feedback_inline():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory()
    response = client_for(alice).post(reverse("editorial:take", args=[claim.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "You hold this claim now." in response.content.decode()


def test_it_shows_article_html_as_text_on_the_claim_and_article_pages():
    alice = UserFactory(username="alice", role="checker")
    body = 'Le maire <script>alert("x")</script> a dépensé 5 M€.\n<b>Fin</b>'
    article = ArticleFactory(body=body, title="<i>Titre</i>")
    claim = ClaimFactory(article=article, start=0, end=body.index("\n"))
    client = client_for(alice)
    for url in (claim.get_absolute_url(), article.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "<i>Titre</i>" not in page


def test_it_highlights_the_claim_inside_its_paragraph():
    alice = UserFactory(username="alice", role="checker")
    body = "Intro line.\nThe council spent 5 M€ on schools, the mayor said.\nOutro."
    start = body.index("spent")
    claim = ClaimFactory(article=ArticleFactory(body=body), start=start, end=body.index(" on schools"))
    page = client_for(alice).get(claim.get_absolute_url()).content.decode()
    assert 'The council <mark class="claim status-new"' in page
    assert ">spent 5 M€</mark> on schools, the mayor said.</blockquote>" in page


def test_it_colours_each_claim_of_the_article_by_status_and_summarises():
    alice = UserFactory(username="alice", role="checker")
    article = ArticleFactory(body="One claim here.\nAnother claim there.")
    ClaimFactory(article=article, start=0, end=15, status=Claim.STATUS_DISPUTED)
    ClaimFactory(article=article, start=16, end=36, status=Claim.STATUS_NEW)
    page = client_for(alice).get(article.get_absolute_url()).content.decode()
    assert 'class="claim status-disputed"' in page and 'class="claim status-new"' in page
    assert "Verification: 1 of 2 claims decided" in page


def test_it_shows_reporters_the_statuses_of_their_own_articles_only():
    rita = UserFactory(username="rita", role="reporter")
    own = ClaimFactory(article=ArticleFactory(submitted_by=rita), status=Claim.STATUS_CONFIRMED)
    other = ClaimFactory()
    client = client_for(rita)
    page = client.get(own.article.get_absolute_url()).content.decode()
    assert "confirmed" in page
    assert "Record verdict" not in client.get(own.get_absolute_url()).content.decode()
    assert client.get(other.article.get_absolute_url()).status_code == 403
    assert other.article.title not in client.get(reverse("factcheck:articles")).content.decode()


def test_it_lists_claims_by_priority():
    alice = UserFactory(username="alice", role="checker")
    ClaimFactory(text="low one", priority=0.1)
    ClaimFactory(text="top one", priority=0.9)
    page = client_for(alice).get(reverse("editorial:queue")).content.decode()
    assert page.index("top one") < page.index("low one")


def test_it_leaves_decided_claims_out_of_the_queue():
    alice = UserFactory(username="alice", role="checker")
    ClaimFactory(text="still open")
    ClaimFactory(text="already disputed", status=Claim.STATUS_DISPUTED)
    page = client_for(alice).get(reverse("editorial:queue")).content.decode()
    assert "still open" in page and "already disputed" not in page


def test_it_pages_through_the_queue_without_repeating_a_claim():
    alice = UserFactory(username="alice", role="checker")
    for i in range(7):
        ClaimFactory(text=f"claim number {i}", priority=0.5)  # ties: the id breaks them
    client = client_for(alice)
    seen, url = [], reverse("editorial:queue") + "?size=3"
    while url:
        response = client.get(url)
        seen += [c.pk for c in response.context["claims"]]
        url = response.context["next_query"] and reverse("editorial:queue") + "?" + response.context["next_query"]
    assert sorted(seen) == sorted(Claim.objects.values_list("pk", flat=True))
    assert len(seen) == 7


def test_it_filters_the_queue_to_my_claims_with_contradictions():
    alice = UserFactory(username="alice", role="checker")
    ClaimFactory(text="mine and contradicted", assignee=alice, has_contradiction=True)
    ClaimFactory(text="mine only", assignee=alice)
    ClaimFactory(text="contradicted only", has_contradiction=True)
    page = client_for(alice).get(reverse("editorial:queue"), {"mine": "on", "contradiction": "on"}).content.decode()
    assert "mine and contradicted" in page
    assert "mine only" not in page and "contradicted only" not in page


def test_it_searches_the_queue():
    alice = UserFactory(username="alice", role="checker")
    ClaimFactory(text="The bridge cost 40 million")
    ClaimFactory(text="Schools got more teachers")
    page = client_for(alice).get(reverse("editorial:queue"), {"q": "bridge"}).content.decode()
    assert "The bridge cost" in page and "Schools got" not in page


def test_it_searches_the_queue_in_a_claim_s_corrected_text():
    alice = UserFactory(username="alice", role="checker")
    claim = ClaimFactory(text="The bridge cost 40 million")
    claim.text = "The tunnel cost 40 million"
    claim.save(update_fields=["text"])
    client = client_for(alice)
    assert "The tunnel cost" in client.get(reverse("editorial:queue"), {"q": "tunnel"}).content.decode()
    assert "The tunnel cost" not in client.get(reverse("editorial:queue"), {"q": "bridge"}).content.decode()


def test_it_filters_the_queue_by_outlet_language_and_modality():
    alice = UserFactory(username="alice", role="checker")
    wanted = ClaimFactory(text="hedged french", language="fr", modality="hedged")
    ClaimFactory(text="asserted french", language="fr", modality="asserted",
                 article=ArticleFactory(source=wanted.article.source))
    ClaimFactory(text="other outlet", language="fr", modality="hedged")
    page = client_for(alice).get(reverse("editorial:queue"), {
        "outlet": wanted.article.source_id, "language": "fr", "modality": "hedged",
    }).content.decode()
    assert "hedged french" in page
    assert "asserted french" not in page and "other outlet" not in page


def test_it_reads_the_queue_in_the_same_number_of_queries_whatever_the_page_size():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    carol = UserFactory(username="carol", role="chief")
    alice = UserFactory(username="alice", role="checker")
    for i in range(40):
        claim = ClaimFactory(assignee=alice if i % 2 else None, quoted=True, speaker="Mme X")
        if i % 3 == 0:
            reviewable(claim).take(alice)
    client = client_for(carol)
    counts = {}
    for size in (5, 40):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("editorial:queue"), {"size": size})
        assert len(response.context["claims"]) == size
        counts[size] = len(captured)
    assert counts[5] == counts[40] <= 12


def test_it_bulk_assigns_claims_to_a_checker():
    alice = UserFactory(username="alice", role="checker")
    carol = UserFactory(username="carol", role="chief")
    claims = [ClaimFactory(), ClaimFactory()]
    client_for(carol).post(reverse("editorial:bulk"), {
        "claims": [c.pk for c in claims], "action": "assign", "assignee": alice.pk,
    })
    assert set(ReviewableClaim.objects.values_list("assignee__username", flat=True)) == {"alice"}
    assert AuditLogEntry.objects.filter(action="assign").count() == 2


def test_it_bulk_marks_claims_unverifiable_with_a_shared_rationale():
    carol = UserFactory(username="carol", role="chief")
    claims = [ClaimFactory(score=LOW), ClaimFactory(score=LOW)]
    response = client_for(carol).post(reverse("editorial:bulk"), {
        "claims": [c.pk for c in claims], "action": "unverifiable", "rationale": "No public record.",
    }, follow=True)
    assert "2 claims updated." in response.content.decode()
    assert set(Claim.objects.values_list("status", flat=True)) == {"unverifiable"}
    assert set(AuditLogEntry.objects.values_list("rationale", flat=True)) == {"No public record."}


def test_it_skips_claims_held_by_someone_else_in_a_bulk_action():
    carol = UserFactory(username="carol", role="chief")
    held = held_by_other()
    response = client_for(carol).post(reverse("editorial:bulk"), {
        "claims": [held.pk], "action": "unverifiable", "rationale": "No public record.",
    }, follow=True)
    assert "Being checked by olga" in response.content.decode()
    assert reviewable(held).status == Claim.STATUS_IN_REVIEW


def test_it_speaks_french_to_a_french_editor():
    alice = UserFactory(username="alice", role="checker")
    ClaimFactory()
    client = client_for(alice)
    page = client.get(reverse("editorial:queue"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "File de vérification" in page
    assert "Prendre" in page


def test_it_says_to_tick_a_claim_when_a_bulk_action_has_none():
    carol = UserFactory(username="carol", role="chief")
    response = client_for(carol).post(reverse("editorial:bulk"), {"action": "assign"}, follow=True)
    page = response.content.decode()
    assert "Tick at least one claim first." in page and "This field is required." not in page
