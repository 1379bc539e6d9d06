import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/review/", "/articles/", "/articles/new/", "/monitoring/"])
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_it_shows_the_login_page_to_an_anonymous_visitor(client):
    assert client.get("/accounts/login/").status_code == 200
