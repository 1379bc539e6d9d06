"""Feeds: polled by beat's task when due, with conditional GET, each new entry fetched by URL
once; the feed's state shown on the monitoring page."""

import datetime
import importlib

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from factcheck.models import Article, Feed
from tests.factories import SourceFactory, UserFactory

from .site import article_page

pytestmark = pytest.mark.django_db

STORIES = {
    "/2026/tramway": ("Le tramway prolongé jusqu'à l'aéroport", [
        "La métropole a voté jeudi le prolongement du tramway jusqu'à l'aéroport, un chantier de "
        "210 millions d'euros qui doit s'achever en 2030, selon la délibération adoptée."]),
    "/2026/piscine": ("La piscine olympique fermée six mois", [
        "La piscine olympique fermera du 1er février au 31 juillet pour des travaux de toiture "
        "estimés à 3,2 millions d'euros, a annoncé la ville dans un communiqué mardi."]),
    "/2026/marche": ("Le marché couvert rouvre", [
        "Le marché couvert rouvre samedi avec 48 commerçants après deux ans de rénovation "
        "financés à moitié par la région, a indiqué l'adjoint au commerce."]),
}


def rss(site, paths):
    items = "".join(
        f"<item><title>{STORIES[path][0]}</title><link>{site.url(path)}</link>"
        f"<pubDate>Tue, 03 Nov 2026 0{n}:30:00 GMT</pubDate><guid>{site.url(path)}</guid></item>"
        for n, path in enumerate(paths))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Métropole'
            f'</title><link>{site.root}</link><description>Actualités</description>{items}'
            f'</channel></rss>')


@pytest.fixture
def news(site):
    for path, (title, paragraphs) in STORIES.items():
        site.serve(path, article_page(title, paragraphs))
    return site


def beat_runs_feed_polling():
    """What beat does each minute: send the task its schedule names (run here, in-process)."""
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("poll_feeds"))
    module, name = entry["task"].rsplit(".", 1)
    return getattr(importlib.import_module(module), name)()


def a_feed(url, **fields):
    return Feed.objects.create(url=url, outlet=SourceFactory(name="Métropole Info"), language="fr",
                               **fields)


def interval_passes(feed):
    feed.refresh_from_db()
    feed.mark_polled(timezone.now() - datetime.timedelta(minutes=feed.interval_minutes + 1))


def test_it_creates_the_articles_of_a_feed_polled_by_beat_once_not_twice(news):
    feed = a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway", "/2026/piscine"]),
                             "application/rss+xml", ETag='"v1"'))
    beat_runs_feed_polling()
    interval_passes(feed)
    beat_runs_feed_polling()
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "La piscine olympique fermée six mois", "Le tramway prolongé jusqu'à l'aéroport"]
    feed.refresh_from_db()
    assert feed.entries_taken == 2 and feed.last_error == ""
    feed_requests = [headers for path, headers in news.requests if path == "/rss.xml"]
    assert feed_requests[1].get("If-None-Match") == '"v1"'


def test_it_gives_the_articles_the_feeds_outlet_language_and_entry_date(news):
    a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway"]), "application/rss+xml"))
    beat_runs_feed_polling()
    article = Article.objects.get()
    assert (article.source.name, article.language) == ("Métropole Info", "fr")
    assert article.published_at == datetime.datetime(2026, 11, 3, 0, 30, tzinfo=datetime.timezone.utc)


def test_it_takes_only_the_new_entries_when_the_feed_changes(news):
    feed = a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway"]), "application/rss+xml"))
    beat_runs_feed_polling()
    news.serve("/rss.xml", rss(news, ["/2026/marche", "/2026/tramway"]), "application/rss+xml")
    interval_passes(feed)
    beat_runs_feed_polling()
    assert Article.objects.count() == 2
    assert [path for path, _h in news.requests].count("/2026/tramway") == 1


def test_it_does_not_read_a_feed_again_before_its_interval(news):
    a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway"]), "application/rss+xml"),
           interval_minutes=30)
    beat_runs_feed_polling()
    beat_runs_feed_polling()
    assert [path for path, _h in news.requests].count("/rss.xml") == 1


def test_it_leaves_a_paused_feed_alone(news):
    a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway"]), "application/rss+xml"), active=False)
    beat_runs_feed_polling()
    assert news.requests == [] and Article.objects.count() == 0


def test_it_shows_a_failing_feed_and_its_error_on_the_monitoring_page(news, client):
    feed = a_feed(news.url("/missing.xml"))
    beat_runs_feed_polling()
    client.force_login(UserFactory(role="chief"))
    page = client.get("/monitoring/").content.decode()
    feed.refresh_from_db()
    assert "answered 404" in feed.last_error and feed.last_success_at is None
    assert 'class="feed failing"' in page and "answered 404" in page


def test_it_tries_an_entry_that_could_not_be_fetched_again_at_the_next_poll(news):
    feed = a_feed(news.serve("/rss.xml", rss(news, ["/2026/tramway", "/2026/piscine"]),
                             "application/rss+xml", ETag='"v1"'))
    piscine = news.pages.pop("/2026/piscine")
    beat_runs_feed_polling()
    news.pages["/2026/piscine"] = piscine
    interval_passes(feed)
    beat_runs_feed_polling()
    feed.refresh_from_db()
    assert Article.objects.count() == 2 and feed.entries_taken == 2


@override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False)
def test_it_lets_a_chief_add_a_feed_in_the_admin(client):
    client.force_login(UserFactory(role="chief"))
    # A public address written as such: no name to resolve on a machine without DNS.
    client.post("/admin/factcheck/feed/add/", {
        "url": "https://93.184.215.14/rss.xml", "language": "fr", "active": "on",
        "interval_minutes": "15"})
    assert Feed.objects.get().interval_minutes == 15


@override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False)
def test_it_refuses_a_feed_at_a_private_address_in_the_admin(client):
    client.force_login(UserFactory(role="chief"))
    response = client.post("/admin/factcheck/feed/add/", {
        "url": "http://127.0.0.1:8080/rss.xml", "language": "fr", "active": "on",
        "interval_minutes": "15"})
    assert response.status_code == 200 and "loopback" in response.content.decode()
    assert not Feed.objects.exists()
