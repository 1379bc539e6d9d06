"""Articles by URL: fetched from a local web site, read with their title, author, date and
canonical address; refused with the reason when the page cannot be an article."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from factcheck.models import Article
from tests.factories import ArticleFactory, UserFactory

from tests.rebinding import local_name, rebinding_resolver

from .site import article_page

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "Le conseil municipal de Villeneuve a adopté mardi soir un budget de 48 millions d'euros, "
    "en hausse de 6 % sur un an, selon le rapport présenté par l'adjointe aux finances.",
    "La construction d'une médiathèque, estimée à 9 millions d'euros, commencera en mars 2027 "
    "et doit durer deux ans, a précisé le maire lors de la séance publique.",
    "L'opposition a voté contre, jugeant les dépenses de fonctionnement trop élevées pour une "
    "commune de 30 000 habitants dont la dette a doublé depuis 2020.",
]


def ingest_url(*urls):
    call_command("ingest", "--url", *urls)


def test_it_ingests_an_article_page_with_its_text_title_author_and_date(site):
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    ingest_url(url)
    article = Article.objects.get()
    assert (article.title, article.author, article.url) == (
        "Villeneuve adopte son budget", "Jeanne Dupont", url)
    assert article.published_at == datetime.datetime(2026, 11, 3, 7, tzinfo=datetime.timezone.utc)
    assert article.body.startswith("Le conseil municipal de Villeneuve") and "médiathèque" in article.body
    assert "Abonnez-vous" not in article.body and "Accueil" not in article.body


def test_it_keeps_the_canonical_url_of_a_page_reached_by_a_redirect(site):
    canonical = "https://www.lequotidien.example/politique/budget-villeneuve"
    site.serve("/article", article_page("Villeneuve adopte son budget", PARAGRAPHS, canonical=canonical))
    short = site.serve("/s/abc", "", status=301, Location="/article")
    ingest_url(short)
    assert Article.objects.get().url == canonical


def test_it_reports_a_url_already_on_the_desk_without_fetching_it(site, capsys):
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    ArticleFactory(url=url)
    ingest_url(url)
    assert "URL already on the desk" in capsys.readouterr().out
    assert Article.objects.count() == 1 and site.requests == []


def test_it_reports_a_text_already_on_the_desk(site, capsys):
    ArticleFactory(body="\n\n".join(PARAGRAPHS))
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    ingest_url(url)
    assert "text already on the desk" in capsys.readouterr().out and Article.objects.count() == 1


def test_it_refuses_a_page_that_is_neither_html_nor_text(site, capsys):
    url = site.serve("/rapport.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    with pytest.raises(CommandError):
        ingest_url(url)
    assert "application/pdf" in capsys.readouterr().err and Article.objects.count() == 0


@override_settings(FACTCHECK_FETCH_MAX_BYTES=2000)
def test_it_refuses_a_page_over_the_size_limit(site, capsys):
    url = site.serve("/long", article_page("Un très long article", PARAGRAPHS * 20))
    with pytest.raises(CommandError):
        ingest_url(url)
    assert "larger than" in capsys.readouterr().err and Article.objects.count() == 0


@override_settings(FACTCHECK_FETCH_MAX_REDIRECTS=2)
def test_it_stops_following_redirects_after_the_limit(site, capsys):
    for hop in range(4):
        site.serve(f"/r{hop}", "", status=302, Location=f"/r{hop + 1}")
    with pytest.raises(CommandError):
        ingest_url(site.url("/r0"))
    assert "redirects more than 2 times" in capsys.readouterr().err


def test_it_refuses_a_private_address(site, capsys):
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    with override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False), pytest.raises(CommandError):
        ingest_url(url)
    assert "loopback" in capsys.readouterr().err
    assert site.requests == [] and Article.objects.count() == 0


def test_it_refuses_a_public_page_that_redirects_to_a_private_address(site, capsys, monkeypatch):
    # The first address passes the check (as a public one would), the redirect's target not.
    from factcheck import addresses, fetching
    checked = []

    def check_url(url):
        checked.append(url)
        if len(checked) > 1:
            raise addresses.AddressRefused("private address refused")
    monkeypatch.setattr(fetching, "check_url", check_url)
    site.serve("/inside", article_page("Intranet", PARAGRAPHS))
    with pytest.raises(CommandError):
        ingest_url(site.serve("/out", "", status=302, Location="/inside"))
    assert [path for path, _headers in site.requests] == ["/out"]


def test_it_fills_the_desks_form_from_the_page_when_no_text_is_given(site, client):
    client.force_login(UserFactory(role="reporter"))
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    response = client.post("/articles/new/", {"url": url, "title": "", "body": ""})
    article = Article.objects.get()
    assert response.status_code == 302 and article.title == "Villeneuve adopte son budget"
    assert article.author == "Jeanne Dupont" and "médiathèque" in article.body


def test_it_says_in_the_form_why_a_page_could_not_be_fetched(site, client):
    client.force_login(UserFactory(role="reporter"))
    response = client.post("/articles/new/", {"url": site.url("/gone"), "title": "", "body": ""})
    assert response.status_code == 400 and "answered 404" in response.content.decode()
    assert Article.objects.count() == 0


def test_it_still_asks_for_a_title_when_the_text_is_pasted(client):
    client.force_login(UserFactory(role="reporter"))
    response = client.post("/articles/new/", {"title": "", "body": PARAGRAPHS[0]})
    assert "Give the article a title." in response.content.decode() and Article.objects.count() == 0


def test_it_takes_an_article_by_url_through_the_api(site):
    from tests.editorial.api.helpers import api_client
    url = site.serve("/politique/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    response = api_client(UserFactory(role="reporter")).post(
        "/api/articles/", {"title": "", "body": "", "url": url}, format="json")
    assert response.status_code == 201 and response.json()["title"] == "Villeneuve adopte son budget"
    assert Article.objects.get().author == "Jeanne Dupont"


def test_it_refuses_a_name_that_resolves_to_a_private_address_when_connecting(site, capsys,
                                                                               monkeypatch):
    site.serve("/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    port = site.server.server_address[1]
    rebinding_resolver(monkeypatch, "news.rebind.example")
    with override_settings(FACTCHECK_FETCH_ALLOW_PRIVATE=False), pytest.raises(CommandError):
        ingest_url(f"http://news.rebind.example:{port}/budget")
    assert "127.0.0.1" in capsys.readouterr().err
    assert site.requests == [] and Article.objects.count() == 0


def test_it_sends_the_page_its_own_host_name_when_connecting_to_the_checked_address(site,
                                                                                     monkeypatch):
    site.serve("/budget", article_page("Villeneuve adopte son budget", PARAGRAPHS))
    port = site.server.server_address[1]
    local_name(monkeypatch, "news.local.example")
    ingest_url(f"http://news.local.example:{port}/budget")
    [(_path, headers)] = site.requests
    assert headers["Host"] == f"news.local.example:{port}" and Article.objects.count() == 1
