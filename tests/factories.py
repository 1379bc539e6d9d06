import factory
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from editorial.roles import sync_role_groups
from factcheck.models import (
    Article, Claim, Evidence, GazetteerEntry, ReferenceFact, Source, Verification,
)
from factcheck.models.claim import fingerprint


class UserFactory(factory.django.DjangoModelFactory):
    """A plain user; pass role="checker" (or reporter, chief) to put them in that group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Hashed up front so every user can log in, with or without a role.
    password = factory.LazyFunction(lambda: make_password("s3cret-pass"))

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            if not Group.objects.filter(name=extracted).exists():
                # A transactional test flushed the tables the role migration filled.
                sync_role_groups(django_apps)
            self.groups.add(Group.objects.get(name=extracted))
            if extracted == "chief":
                self.is_staff = True
            self.save()


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    source = factory.SubFactory(SourceFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    language = "fr"
    body = factory.Sequence(
        lambda n: f"Le conseil municipal a voté le budget numéro {n} mardi soir.\n"
        f"La commune aurait dépensé {n + 100}000 euros pour les écoles."
    )
    state = Article.STATE_DONE


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: c.article.body.index("\n") if "\n" in c.article.body else len(c.article.body))
    sentence = factory.LazyAttribute(lambda c: c.article.body[c.start:c.end])
    text = factory.LazyAttribute(lambda c: c.sentence)
    fingerprint = factory.LazyAttribute(lambda c: fingerprint(c.text))
    language = "fr"
    score = 0.8
    claim_type = "event"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    verifier = "corroboration"
    key = factory.Sequence(lambda n: f"article:{n}")
    kind = Evidence.KIND_ARTICLE
    stance = Evidence.STANCE_SUPPORTS
    confidence = 0.7
    explanation = "Another outlet reports the same event."


class VerificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verification

    claim = factory.SubFactory(ClaimFactory)
    verifier = "wording"
    input_hash = factory.Sequence(lambda n: f"{n:064x}")


class ReferenceFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceFact

    subject = "OpenAI"
    relation = "CEO"
    value = "Sam Altman"
    source_url = "https://example.org/source"


class GazetteerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GazetteerEntry

    text = factory.Sequence(lambda n: f"Name{n}")
    label = "ORG"
