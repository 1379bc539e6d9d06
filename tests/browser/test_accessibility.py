"""axe-core (the npm package, `make tools`) finds no serious or critical violation on the desk's
main pages, in English and in French."""

from pathlib import Path

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from editorial.roles import sync_role_groups
from factcheck.models import Evidence
from tests.editorial.helpers import reviewable
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory
from tests.services import IN_CI

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BODY = ("Le Sénat a voté mardi une baisse de 5 % du budget des écoles.\n"
        "Selon le ministre, 2 000 postes seraient supprimés d'ici 2027.")


@pytest.fixture(autouse=True)
def roles():
    sync_role_groups(apps)


@pytest.fixture
def axe_source():
    if not AXE.exists():
        message = "axe-core is not installed (make tools runs npm ci)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def desk():
    article = ArticleFactory(title="Budget : le Sénat coupe", body=BODY, source=SourceFactory(name="Le Courrier"))
    first = BODY.index("\n")
    claim = ClaimFactory(article=article, end=first, text=BODY[:first], quoted=True, speaker="le ministre",
                         has_contradiction=True, repeat_count=2, suggestion="contradicted",
                         suggestion_reasons=["Un autre article donne 3 %"])
    EvidenceFactory(claim=claim, stance=Evidence.STANCE_CONTRADICTS, explanation="Un autre article donne 3 %.")
    second = ClaimFactory(article=article, start=first + 1, end=len(BODY), text=BODY[first + 1:],
                          modality="hedged", score=0.9)
    reviewable(second).give_verdict(UserFactory(username="olga", role="checker"), "disputed", "Non sourcé.")
    return claim


def page_urls(claim):
    return {
        "queue": ("editorial:queue", []),
        "claim": ("editorial:claim", [claim.pk]),
        "article": ("factcheck:article", [claim.article_id]),
        "inbox": ("editorial:inbox", []),
        "monitoring": ("monitoring:dashboard", []),
    }


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", ["queue", "claim", "article", "inbox", "monitoring"])
def test_it_has_no_serious_accessibility_violation(browser, live_server, login, axe_source, name, language):
    claim = desk()
    url_name, args = page_urls(claim)[name]
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        pytest.skip(f"{url_name} does not exist on this branch yet")
    # The desk's Content-Security-Policy refuses injected scripts; axe is the test's, not the page's.
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True)
    page = login(context.new_page(), UserFactory(username="carla", role="chief"))
    if language == "fr":
        page.select_option("select[name=language]", "fr")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.goto(url)
    page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"] if v["impact"] in ("serious", "critical")
    ]
    context.close()
    assert not serious, "\n".join(serious)


def test_it_offers_a_skip_link_as_the_first_stop(page, login):
    desk()
    login(page, UserFactory(username="alice", role="checker"))
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
