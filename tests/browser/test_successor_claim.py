"""The corpus article's "successeur annoncé" claim, verified in this process against the demo's
reference facts, as an editor reads it in English and in French. No screenshot is kept: the page shows the corpus
article's own words, which stay outside the project."""

from datetime import datetime, timezone as dt_timezone
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from editorial.roles import sync_role_groups
from factcheck.article_text import clean_body
from factcheck.demo.loader import read
from factcheck.models import Article, Claim
from factcheck.tasks.extraction import extract_article
from tests.factcheck.pipeline.helpers import run_pending
from tests.factories import ArticleFactory, ReferenceFactFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
ARTICLE = CORPUS / "fr-microsoft-recrute-altman.txt"


@pytest.fixture
def successor_claim():
    if not ARTICLE.exists():
        pytest.skip(f"no shared corpus at {CORPUS}")
    sync_role_groups(apps)  # live_server empties the database between tests
    for row in read("reference_facts.json"):
        ReferenceFactFactory(**row)
    # Published a week after Altman's return, when Emmett Shear no longer held the post.
    article = ArticleFactory(
        title="Microsoft recrute Sam Altman", language="fr", state=Article.STATE_QUEUED,
        body=clean_body(ARTICLE.read_text(encoding="utf-8")), source=SourceFactory(name="Blog IA"),
        published_at=datetime(2023, 11, 29, 9, tzinfo=dt_timezone.utc))
    extract_article.apply(args=[article.pk])
    run_pending([article.pk])
    return Claim.objects.get(article=article, is_current=True, text__contains="successeur annonc")


@pytest.mark.parametrize("locale, shown", [
    ("en-GB", "On Nov. 29, 2023 the reference fact said otherwise"),
    ("fr-FR", "Le 29 novembre 2023, le fait de référence disait autre chose"),
])
def test_it_shows_the_successor_claim_contradicted_by_the_fact_valid_on_its_day(
        browser, live_server, login, successor_claim, locale, shown):
    context = browser.new_context(base_url=live_server.url, locale=locale,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, UserFactory(role="checker"))
    page.goto(successor_claim.get_absolute_url())
    evidence = page.locator("section.evidence")
    expect(evidence).to_contain_text(shown)
    expect(evidence).to_contain_text("Emmett Shear")
    context.close()
