"""The review desk in a real browser (Debian's Chromium): take a claim, dispute it, see it."""

import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from editorial.roles import sync_role_groups
from factcheck.models import Evidence
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Le conseil municipal s'est réuni mardi soir pour voter le budget.\n"
    "Selon le maire, la commune a dépensé 5 millions d'euros pour les écoles en 2023, "
    "un record depuis dix ans.\n"
    "L'opposition conteste ces chiffres et parle de <b>3 millions</b> seulement."
)
CLAIM = "la commune a dépensé 5 millions d'euros pour les écoles en 2023"


@pytest.fixture(autouse=True)
def roles():
    # live_server empties the database between tests; the role groups come from a migration.
    sync_role_groups(apps)


def desk():
    """A small desk: one top claim (with evidence) and a few others in the queue."""
    article = ArticleFactory(
        title="Budget municipal : les écoles en tête", body=BODY,
        source=SourceFactory(name="La Gazette du Val"),
    )
    start = BODY.index(CLAIM)
    claim = ClaimFactory(
        article=article, start=start, end=start + len(CLAIM), text=CLAIM, score=0.55,
        priority=0.95, quoted=True, speaker="le maire", has_contradiction=True, repeat_count=2,
        suggestion="contradicted", suggestion_reasons=["L'Écho du Val parle de 3 millions"],
    )
    EvidenceFactory(
        claim=claim, stance=Evidence.STANCE_CONTRADICTS, confidence=0.8,
        explanation="L'Écho du Val donne 3 millions d'euros pour la même année.",
        excerpt="Le budget des écoles s'est élevé à 3 millions d'euros en 2023.",
    )
    EvidenceFactory(
        claim=claim, stance=Evidence.STANCE_MENTIONS, kind=Evidence.KIND_WORDING,
        verifier="wording", explanation="Chiffre donné sans source",
    )
    for i, text in enumerate([
        "Unemployment fell by 4 percent in the region since March.",
        "Le chômage aurait baissé de 12 % en un an.",
        "Is it true that 40 thousand people attended the rally?",
    ]):
        other = ArticleFactory(body=text + "\nMore text.", language="en" if i != 1 else "fr")
        ClaimFactory(article=other, end=len(text), text=text, priority=0.5 - i / 10,
                     modality=["asserted", "hedged", "question"][i])
    return claim


def dispute_first_claim(page, claim, rationale):
    page.locator("tr.queue-row").first.locator("[data-action=take]").click()
    expect(page).to_have_url(re.compile(rf"/review/claims/{claim.pk}/$"))
    page.locator("input[name=verdict][value=disputed]").check()
    page.fill("textarea[name=rationale]", rationale)
    page.fill("textarea[name=sources]", "https://example.org/compte-administratif-2023")


@pytest.fixture
def final_disputes(settings):
    """These flows are about a checker's final verdict: only the score calls for a chief here
    (four eyes by policy has its own browser test, test_approval_flow.py)."""
    settings.EDITORIAL_APPROVAL_POLICY = ["score"]


@pytest.mark.usefixtures("final_disputes")
def test_it_lets_a_checker_dispute_the_first_claim_and_the_article_shows_it(page, login, screenshot):
    alice = UserFactory(username="alice", role="checker")
    claim = desk()
    login(page, alice)
    expect(page.locator("h1")).to_have_text("Review queue")
    expect(page.locator("tr.queue-row").first).to_contain_text(CLAIM)
    screenshot(page, "queue")

    dispute_first_claim(page, claim, "The 2023 accounts show 3 M€ for schools.")
    expect(page.locator("#lease-status")).to_contain_text("You hold this claim")
    expect(page.locator("blockquote.paragraph mark")).to_have_text(CLAIM)
    screenshot(page, "claim")
    page.click("#verdict-submit")
    expect(page.locator("#claim-status")).to_have_text("disputed")
    expect(page.locator("ol.audit")).to_contain_text("gave a verdict")

    page.goto("/review/")
    expect(page.locator("tr.queue-row", has_text=CLAIM)).to_have_count(0)
    page.goto(claim.article.get_absolute_url())
    expect(page.locator(f"#article-claim-{claim.pk} .badge[class*=status-]")).to_have_text("disputed")
    expect(page.locator("#article-text mark.status-disputed")).to_have_text(CLAIM)
    # The article's own markup is shown as text, not interpreted.
    expect(page.locator("#article-text")).to_contain_text("<b>3 millions</b>")


@pytest.mark.usefixtures("final_disputes")
def test_it_does_the_same_in_french(page, login, screenshot):
    alice = UserFactory(username="alice", role="checker")
    claim = desk()
    login(page, alice)
    page.select_option("select[name=language]", "fr")
    expect(page.locator("h1")).to_have_text("File de vérification")
    dispute_first_claim(page, claim, "Le compte administratif 2023 donne 3 M€.")
    expect(page.locator("#lease-status")).to_contain_text("Vous détenez cette affirmation")
    page.click("#verdict-submit")
    expect(page.locator("#claim-status")).to_have_text("contestée")
    page.goto("/review/")
    expect(page.locator("tr.queue-row", has_text=CLAIM)).to_have_count(0)
    page.goto(claim.article.get_absolute_url())
    expect(page.locator(f"#article-claim-{claim.pk} .badge[class*=status-]")).to_have_text("contestée")


def test_it_works_the_queue_with_the_keyboard(page, login):
    alice = UserFactory(username="alice", role="checker")
    desk()
    login(page, alice)
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(page.locator("tr.queue-row").nth(1)).to_have_class(re.compile("is-current"))
    page.keyboard.press("k")
    page.keyboard.press("t")
    expect(page.locator("#lease-status")).to_contain_text("You hold this claim")
    page.keyboard.press("d")
    expect(page.locator("input[name=verdict][value=disputed]")).to_be_checked()
    expect(page.locator("textarea[name=rationale]")).to_be_focused()
    page.locator("body").click()
    page.keyboard.press("?")
    expect(page.locator("#keyboard-help")).to_be_visible()


def test_it_shows_a_second_checker_who_holds_the_claim(browser, live_server, login):
    alice = UserFactory(username="alice", role="checker")
    bob = UserFactory(username="bob", role="checker")
    claim = desk()
    pages = []
    for user in (alice, bob):
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        pages.append(login(context.new_page(), user))
    alice_page, bob_page = pages
    alice_page.goto(claim.get_absolute_url())
    alice_page.click("#take-button")
    expect(alice_page.locator("#lease-status")).to_contain_text("You hold this claim")
    bob_page.goto(claim.get_absolute_url())
    expect(bob_page.locator("#lease-status")).to_contain_text("Being checked by alice since")
    expect(bob_page.locator("#verdict-submit")).to_have_count(0)
    for p in pages:
        p.context.close()
