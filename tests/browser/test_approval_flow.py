"""Four eyes, the chief's inbox, the send-back loop, mentions and “not a claim” in a real
browser (Debian's Chromium)."""

import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from editorial.roles import sync_role_groups
from factcheck.models import Claim
from tests.editorial.helpers import reviewable
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Le conseil départemental a voté mardi un budget de 812 millions d'euros.\n"
    "Selon la présidente, 2 000 postes d'agents seront créés d'ici 2027.\n"
    "Ce budget est une honte pour les contribuables, a réagi l'opposition.\n"
    "Le département compte 14 collèges rénovés depuis 2020."
)
SENTENCES = BODY.split("\n")


@pytest.fixture(autouse=True)
def roles():
    sync_role_groups(apps)


@pytest.fixture
def people():
    return {
        "alice": UserFactory(username="alice", role="checker", email="alice@example.org"),
        "bob": UserFactory(username="bob", role="checker", email="bob@example.org"),
        "carol": UserFactory(username="carol", role="chief", email="carol@example.org"),
    }


def desk():
    article = ArticleFactory(title="Budget départemental 2026", body=BODY,
                             source=SourceFactory(name="Le Courrier du Nord"))
    claims, start = [], 0
    for i, sentence in enumerate(SENTENCES):
        claims.append(ClaimFactory(
            article=article, start=start, end=start + len(sentence), text=sentence,
            score=0.4, priority=0.9 - i / 10, suggestion=Claim.SUGGEST_UNKNOWN,
        ))
        start += len(sentence) + 1
    return claims


def open_as(browser, live_server, login, user):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return login(page, user)


def propose(claim, author, status=Claim.STATUS_DISPUTED):
    reviewable(claim).give_verdict(author, status, "The department's own budget says otherwise.",
                                   ["https://example.org/budget-2026"])


def test_it_makes_a_disputed_verdict_wait_for_a_chief(browser, live_server, login, people):
    claim = desk()[0]
    page = open_as(browser, live_server, login, people["alice"])
    page.goto(claim.get_absolute_url())
    page.click("#take-button")
    expect(page.locator("#lease-status")).to_contain_text("You hold this claim")
    page.locator("input[name=verdict][value=disputed]").check()
    page.fill("textarea[name=rationale]", "The vote was on 798 M€.")
    page.fill("textarea[name=sources]", "https://example.org/deliberation")
    page.click("#verdict-submit")
    expect(page.locator("#claim-status")).to_have_text("awaiting approval")
    expect(page.locator(".decision")).to_contain_text("alice proposes “disputed”; a chief must approve it.")

    chief = open_as(browser, live_server, login, people["carol"])
    expect(chief.locator("#inbox-count")).to_have_text("1")
    chief.click("#nav-inbox")
    row = chief.locator(f"#inbox-claim-{claim.pk}")
    expect(row).to_contain_text("disputed")
    expect(row).to_contain_text("alice")
    expect(row).to_contain_text("a disputed verdict")
    for p in (page, chief):
        p.context.close()


def test_it_approves_ticked_verdicts_in_bulk_after_a_confirmation(
    browser, live_server, login, people, screenshot
):
    claims = desk()
    for claim in claims[:3]:
        propose(claim, people["alice"])
    chief = open_as(browser, live_server, login, people["carol"])
    chief.goto("/review/inbox/")
    expect(chief.locator("tr.inbox-row")).to_have_count(3)
    screenshot(chief, "inbox")
    chief.check("#select-all")
    expect(chief.locator("input.pick:checked")).to_have_count(3)
    chief.click("#bulk-apply")
    expect(chief.locator("#confirm-change")).to_contain_text("Approve 3 verdicts?")
    expect(chief.locator("#confirm-change")).to_contain_text("disputed (3)")
    assert {reviewable(c).status for c in claims[:3]} == {Claim.STATUS_PENDING_APPROVAL}
    chief.click("#confirm-button")
    expect(chief.locator(".messages")).to_contain_text("3 verdicts approved.")
    expect(chief.locator("tr.inbox-row")).to_have_count(0)
    expect(chief.locator("#inbox-count")).to_have_text("0")
    assert {reviewable(c).status for c in claims[:3]} == {Claim.STATUS_DISPUTED}
    chief.context.close()


def test_it_sends_a_verdict_back_to_its_author_with_the_chiefs_comment(
    browser, live_server, login, people
):
    claim = desk()[1]
    reviewable(claim).take(people["alice"])
    propose(claim, people["alice"])
    chief = open_as(browser, live_server, login, people["carol"])
    chief.goto("/review/inbox/")
    row = chief.locator(f"#inbox-claim-{claim.pk}")
    row.locator("input[name=comment]").fill("Quote the budget line for the 2 000 posts.")
    row.locator("button[value=send_back]").click()
    expect(chief.locator(".messages")).to_contain_text("1 verdict sent back.")

    page = open_as(browser, live_server, login, people["alice"])
    expect(page.locator("#bell-count")).to_have_text("1")
    page.check("input[name=mine]")
    queue_row = page.locator(f"#queue-claim-{claim.pk}")
    expect(queue_row).to_contain_text("Sent back: Quote the budget line for the 2 000 posts.")
    expect(page.locator("tr.queue-row")).to_have_count(1)
    queue_row.locator("a.claim-link").click()
    expect(page.locator("#sent-back")).to_contain_text(
        "Sent back by carol: Quote the budget line for the 2 000 posts.")
    expect(page.locator("#claim-status")).to_have_text("in review")
    for p in (page, chief):
        p.context.close()


def test_it_notifies_the_colleague_a_note_mentions(browser, live_server, login, people, screenshot):
    claim = desk()[1]
    page = open_as(browser, live_server, login, people["alice"])
    page.goto(claim.get_absolute_url())
    page.fill("textarea[name=body]", "@bob you covered the department last year: is 2 000 plausible?")
    page.click("#note-submit")
    expect(page.locator("ol.note-thread")).to_contain_text("@bob you covered the department")
    screenshot(page, "claim-notes")

    other = open_as(browser, live_server, login, people["bob"])
    expect(other.locator("#bell-count")).to_have_text("1")
    other.click("#bell")
    other.get_by_role("link", name=re.compile(r"alice mentioned you on claim")).click()
    expect(other).to_have_url(re.compile(rf"/review/claims/{claim.pk}/$"))
    expect(other.locator("ol.note-thread")).to_contain_text("is 2 000 plausible?")
    expect(other.locator("#bell-count")).to_have_text("0")
    for p in (page, other):
        p.context.close()


def test_it_takes_an_opinion_out_of_the_queue_as_not_a_claim(browser, live_server, login, people):
    opinion = desk()[2]
    page = open_as(browser, live_server, login, people["bob"])
    expect(page.locator(f"#queue-claim-{opinion.pk}")).to_have_count(1)
    page.goto(opinion.get_absolute_url())
    page.click(".not-a-claim summary")
    page.fill("#not-a-claim-comment", "An opinion of the opposition.")
    page.click("#not-a-claim-button")
    expect(page.locator("#claim-status")).to_have_text("not a claim")
    expect(page.locator("ol.audit")).to_contain_text("set aside as not a claim")
    page.goto("/review/")
    expect(page.locator(f"#queue-claim-{opinion.pk}")).to_have_count(0)
    page.context.close()
