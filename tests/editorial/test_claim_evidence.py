"""The claim page's evidence as an editor reads it: plain reasons in their language, outlets and
dates, independent sources counted, and whether the verifiers are done."""

from datetime import datetime, timezone as dt_timezone

import pytest
from django.test import Client

from factcheck.models import Claim, Evidence
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

PLACE = {"reason": "place", "params": {"claim": "Kharkiv", "evidence": "Kyiv"}}
NOV_20 = datetime(2023, 11, 20, 9, tzinfo=dt_timezone.utc)


def page(claim, language="en"):
    client = Client()
    client.force_login(UserFactory(role="checker"))
    return client.get(claim.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def cited(claim, outlet, stance=Evidence.STANCE_SUPPORTS, **kwargs):
    if isinstance(outlet, str):
        outlet = SourceFactory(name=outlet)
    article = ArticleFactory(source=outlet, published_at=NOV_20)
    return EvidenceFactory(claim=claim, stance=stance, source_article=article,
                           key=f"article:{article.pk}", data={"source": f"source:{article.source_id}",
                                                              **kwargs.pop("data", {})}, **kwargs)


def test_it_gives_the_reason_in_french_to_a_french_editor():
    claim = ClaimFactory()
    cited(claim, "Kyiv Matin", Evidence.STANCE_CONTRADICTS, data=PLACE,
          explanation="Kyiv Matin (20 Nov 2023): different place: Kharkiv ≠ Kyiv")
    assert "lieu différent\u202f: Kharkiv ≠ Kyiv" in page(claim, "fr")


def test_it_shows_no_verifier_name_or_raw_score():
    claim = ClaimFactory()
    cited(claim, "Kyiv Matin", confidence=0.7, data={"reason": "same_facts", "params": {}})
    html = page(claim)
    assert "corroboration" not in html and "0.70" not in html


def test_it_shows_the_outlet_and_the_publication_date_with_its_year():
    claim = ClaimFactory()
    cited(claim, "Kyiv Matin", data={"reason": "same_facts", "params": {}})
    html = page(claim)
    assert "Kyiv Matin" in html and "Nov. 20, 2023" in html


def test_it_counts_the_independent_sources_that_agree_and_disagree():
    claim = ClaimFactory()
    outlet = SourceFactory(name="Kyiv Matin")
    cited(claim, outlet)
    cited(claim, outlet)
    cited(claim, "Le Soir de Lviv")
    cited(claim, "Odessa Express", Evidence.STANCE_CONTRADICTS)
    assert "2 independent sources agree, 1 disagrees" in page(claim)


def test_it_says_when_the_verifiers_found_nothing():
    claim = ClaimFactory(pipeline_state=Claim.PIPELINE_VERIFIED)
    assert "No evidence found" in page(claim)


def test_it_says_when_the_verifiers_are_still_at_work():
    claim = ClaimFactory(pipeline_state=Claim.PIPELINE_VERIFYING)
    html = page(claim)
    assert "Still verifying" in html and "No evidence found" not in html


def disputed_with_reason(claim):
    item = cited(claim, "Kyiv Matin", Evidence.STANCE_CONTRADICTS, data=PLACE,
                 explanation="Kyiv Matin (20 Nov 2023): different place: Kharkiv ≠ Kyiv")
    claim.suggestion = Claim.SUGGEST_CONTRADICTED
    claim.suggestion_reasons = [{"text": item.explanation, "key": item.key, **PLACE}]
    claim.save(update_fields=["suggestion", "suggestion_reasons"])
    return claim


def test_it_gives_the_suggestion_s_reasons_in_french_with_their_outlet():
    html = page(disputed_with_reason(ClaimFactory()), "fr")
    assert "Kyiv Matin (20 novembre 2023)\u202f: lieu différent\u202f: Kharkiv ≠ Kyiv" in html
    assert "different place" not in html


def test_it_gives_the_queue_s_reasons_in_french():
    disputed_with_reason(ClaimFactory())
    client = Client()
    client.force_login(UserFactory(role="checker"))
    html = client.get("/review/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "lieu différent\u202f: Kharkiv ≠ Kyiv" in html and "different place" not in html


def queue_row_label(pipeline_state, language="en"):
    ClaimFactory(pipeline_state=pipeline_state, suggestion=Claim.SUGGEST_UNKNOWN)
    client = Client()
    client.force_login(UserFactory(role="checker"))
    return client.get("/review/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_it_tells_the_queue_a_claim_is_still_being_verified():
    html = queue_row_label(Claim.PIPELINE_VERIFYING, "fr")
    assert "vérification en cours" in html and "aucune suggestion" not in html


def test_it_tells_the_queue_the_verifiers_had_no_suggestion_once_done():
    html = queue_row_label(Claim.PIPELINE_VERIFIED)
    assert "no suggestion" in html and "still verifying" not in html


def wire_story(copies=24):
    """A claim and `copies` copies of it in other articles, one cluster counting them all."""
    from factcheck.models import ClaimCluster

    cluster = ClaimCluster.objects.create(label="wire", article_count=copies + 1)
    for _ in range(copies):
        ClaimFactory(cluster=cluster)
    return cluster


def test_it_tells_the_desk_how_many_articles_repeat_a_claim_beyond_those_listed():
    claim = ClaimFactory(cluster=wire_story())
    assert "In 24 other articles; the 20 most recent are listed." in page(claim)


def test_it_tells_a_french_editor_in_french():
    claim = ClaimFactory(cluster=wire_story())
    assert "Dans 24 autres articles\u202f; les 20 plus récents sont listés." in page(claim, "fr")


def test_it_does_not_count_for_a_reporter_the_articles_they_may_not_see():
    reporter = UserFactory(role="reporter")
    claim = ClaimFactory(article=ArticleFactory(submitted_by=reporter), cluster=wire_story())
    client = Client()
    client.force_login(reporter)
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200 and "other articles" not in response.content.decode()
