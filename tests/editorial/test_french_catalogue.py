"""French as a French reader expects it: typography in the catalogue, plurals by count."""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, UserFactory

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NARROW = "\u202f"


def translations():
    for entry in polib.pofile(str(CATALOGUE)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield entry.msgid, text


def prose(text):
    """The text a reader reads as French: code (an HTTP header, a command) keeps its own colons."""
    return re.sub(r"<code>.*?</code>", "", text)


def test_it_puts_a_narrow_no_break_space_before_double_punctuation():
    wrong = [(msgid, text) for msgid, text in translations()
             if re.search(rf"(?<![{NARROW}>])[;?!](?=\s|$)|[^{NARROW}]:(?=\s|$)", prose(text))
             and not re.search(r"https?:", text)]
    assert not wrong, wrong[:5]


def test_it_quotes_with_guillemets():
    assert not [(msgid, text) for msgid, text in translations() if "“" in text or "”" in text]


@pytest.mark.django_db
def test_it_counts_decided_claims_in_the_singular_in_french():
    reporter = UserFactory(username="rita", role="reporter")
    article = ArticleFactory(submitted_by=reporter)
    ClaimFactory(article=article)
    client = Client()
    client.force_login(reporter)
    page = client.get(reverse("factcheck:article", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f"Vérification{NARROW}: 0 affirmation tranchée sur 1" in page
