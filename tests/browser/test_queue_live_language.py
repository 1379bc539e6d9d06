"""The queue's search, a live claim page and the French flow from the login page, in Debian's
Chromium."""

import re
import time

import pytest
from django.apps import apps
from playwright.sync_api import expect

from editorial.roles import sync_role_groups
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def roles():
    sync_role_groups(apps)


def test_it_finds_senat_typed_without_accent(page, login):
    ClaimFactory(text="Le Sénat a rejeté la réforme des retraites", priority=0.2)
    ClaimFactory(text="La mairie a rénové trois écoles", priority=0.9)
    login(page, UserFactory(username="alice", role="checker"))
    page.fill("input[name=q]", "senat")
    page.keyboard.press("Enter")
    expect(page.locator("tr.queue-row")).to_have_count(1)
    expect(page.locator("tr.queue-row a.claim-link")).to_have_text("Le Sénat a rejeté la réforme des retraites")
    expect(page.locator("#queue-order")).to_contain_text("best matches first")


def open_as(browser, live_server, login, user, url):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = login(context.new_page(), user)
    page.goto(url)
    return page


def test_it_shows_a_force_unlock_on_the_holder_s_open_page_within_5_seconds(browser, live_server, login):
    claim = ClaimFactory(score=0.3)
    alice = open_as(browser, live_server, login, UserFactory(username="alice", role="checker"),
                    claim.get_absolute_url())
    alice.click("#take-button")
    expect(alice.locator("#lease-status")).to_contain_text("You hold this claim")
    alice.fill("textarea[name=rationale]", "The council's accounts say otherwise.")

    chief = open_as(browser, live_server, login, UserFactory(username="carla", role="chief"),
                    claim.get_absolute_url())
    chief.get_by_role("button", name="Force unlock").click()
    expect(chief.locator("#lease-status")).to_contain_text("Nobody holds this claim.")
    unlocked = time.monotonic()

    expect(alice.locator("#lease-status")).to_contain_text("Nobody holds this claim.", timeout=5_000)
    assert time.monotonic() - unlocked < 5
    expect(alice.locator("#claim-live")).to_contain_text("This claim changed since the page was opened.")
    expect(alice.locator("textarea[name=rationale]")).to_have_value("The council's accounts say otherwise.")
    for p in (alice, chief):
        p.context.close()


def test_it_keeps_the_rationale_typed_when_a_verdict_is_refused(browser, live_server, login):
    claim = ClaimFactory(score=0.3)
    alice = open_as(browser, live_server, login, UserFactory(username="alice", role="checker"),
                    claim.get_absolute_url())
    alice.locator("input[name=verdict][value=disputed]").check()
    alice.fill("textarea[name=rationale]", "Three sources give 3 million, not 5.")
    alice.fill("textarea[name=sources]", "https://example.org/budget-report")
    # Meanwhile somebody else takes and releases the claim: the form's version is stale.
    from tests.editorial.helpers import reviewable
    bob = UserFactory(username="bob", role="checker")
    reviewable(claim).take(bob)
    reviewable(claim).release(bob)
    alice.click("#verdict-submit")
    expect(alice.locator(".banner.error")).to_contain_text("Somebody changed this claim")
    expect(alice.locator("textarea[name=rationale]")).to_have_value("Three sources give 3 million, not 5.")
    alice.context.close()


def test_it_works_in_french_from_the_login_page(page):
    ClaimFactory(
        article=ArticleFactory(title="Budget : les écoles"), text="La commune a dépensé 5 millions",
        score=0.3,
    )
    alice = UserFactory(username="alice", role="checker")
    page.goto("/review/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.select_option("select[name=language]", "fr")
    expect(page.locator("h1")).to_have_text("Connexion à la cellule de vérification")
    assert "setlang" not in page.url
    page.fill("#id_username", alice.username)
    page.fill("#id_password", "s3cret-pass")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("File de vérification")
    page.get_by_role("button", name=re.compile(r"^Prendre l’affirmation \d+")).click()
    expect(page.locator("#lease-status")).to_contain_text("Vous détenez cette affirmation")
    page.locator("input[name=verdict][value=unverifiable]").check()
    page.fill("textarea[name=rationale]", "Aucune source publique.")
    page.click("#verdict-submit")
    expect(page.locator("#claim-status")).to_have_text("invérifiable")


def test_it_opens_the_next_claim_after_save_and_next(page, login):
    first = ClaimFactory(text="Le Sénat a rejeté la réforme", priority=0.9, score=0.3)
    second = ClaimFactory(text="La mairie a rénové trois écoles", priority=0.5, score=0.3)
    login(page, UserFactory(username="alice", role="checker"))
    page.goto(first.get_absolute_url())
    page.locator("input[name=verdict][value=confirmed]").check()
    page.fill("textarea[name=rationale]", "Le compte rendu du Sénat le confirme.")
    page.fill("textarea[name=sources]", "https://example.org/compte-rendu")
    page.click("#verdict-submit-next")
    expect(page).to_have_url(re.compile(rf"{second.get_absolute_url()}$"))
    expect(page.locator("h1.claim-title")).to_have_text("La mairie a rénové trois écoles")
    expect(page.locator("textarea[name=rationale]")).to_have_value("")
