"""The language switch in the top bar, before and after logging in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_switches_to_french_on_the_login_page_before_logging_in():
    client = Client()
    login = reverse("login") + "?next=/review/"
    response = client.post(reverse("set_language"), {"language": "fr", "next": login}, follow=True)
    assert response.redirect_chain[-1][0] == login
    assert "Se connecter" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
