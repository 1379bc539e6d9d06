"""Synthetic queue content for benchmarks and load tests: `manage.py generate_claims 100000`."""

import hashlib
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.models import Article, Claim, Source
from factcheck.models.claim import fingerprint

SENTENCES = [
    "The council spent {n} million euros on schools last year.",
    "Unemployment fell by {n} percent in the region since March.",
    "The mayor said the new bridge would open in {n} months.",
    "Le conseil municipal a voté un budget de {n} millions d'euros.",
    "Selon le ministre, le chômage aurait baissé de {n} % en un an.",
    "Is it true that {n} thousand people attended the rally?",
]
CLAIMS_PER_ARTICLE = 10


class Command(BaseCommand):
    help = "Create N synthetic claims (in articles of 10) in bulk, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--outlets", type=int, default=20)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, count, outlets, batch, seed, **options):
        rng = random.Random(seed)
        sources = [Source.objects.get_or_create(name=f"Bench outlet {i}")[0] for i in range(outlets)]
        salt = rng.getrandbits(64)
        made = 0
        n_articles = -(-count // CLAIMS_PER_ARTICLE)
        for first in range(0, n_articles, max(1, batch // CLAIMS_PER_ARTICLE)):
            last = min(n_articles, first + max(1, batch // CLAIMS_PER_ARTICLE))
            with transaction.atomic():
                made += self.make_batch(rng, sources, salt, first, last, count - made)
        self.stdout.write(f"Generated {made} claims in {n_articles} articles.")

    def make_batch(self, rng, sources, salt, first, last, remaining):
        articles, spans = [], []
        for i in range(first, last):
            lines = [rng.choice(SENTENCES).format(n=rng.randint(2, 999)) for _ in range(CLAIMS_PER_ARTICLE)]
            body = "\n".join(lines) + f"\n(bench {salt}-{i})"
            article = Article(
                title=f"Bench article {i}", body=body, source=rng.choice(sources),
                language=rng.choice(["fr", "en"]), state=Article.STATE_DONE,
                # bulk_create skips save(): set what save() would compute.
                content_hash=hashlib.sha256(" ".join(body.split()).encode()).hexdigest(),
                word_count=len(body.split()),
            )
            offsets, pos = [], 0
            for line in lines:
                offsets.append((pos, pos + len(line), line))
                pos += len(line) + 1
            articles.append(article)
            spans.append(offsets)
        Article.objects.bulk_create(articles)
        claims = []
        statuses = [Claim.STATUS_NEW] * 6 + [Claim.STATUS_IN_REVIEW, Claim.STATUS_PENDING_APPROVAL,
                                             Claim.STATUS_CONFIRMED, Claim.STATUS_DISPUTED]
        for article, offsets in zip(articles, spans):
            for start, end, text in offsets:
                if len(claims) >= remaining:
                    break
                score = round(rng.random(), 3)
                contradiction = rng.random() < 0.05
                repeats = rng.choice([1, 1, 1, 2, 3])
                claims.append(Claim(
                    article=article, start=start, end=end, sentence=text, text=text,
                    fingerprint=fingerprint(text), language=article.language, score=score,
                    claim_type=rng.choice(["event", "quantity", "prediction"]),
                    modality=rng.choice(["asserted"] * 6 + ["hedged", "question"]),
                    quoted=rng.random() < 0.1, status=rng.choice(statuses),
                    has_contradiction=contradiction, repeat_count=repeats,
                    suggestion=rng.choice([c for c, _ in Claim.SUGGESTION_CHOICES]),
                    pipeline_state=Claim.PIPELINE_VERIFIED,
                    priority=round(score + 0.3 * contradiction + 0.1 * repeats + rng.random() * 0.1, 6),
                ))
        Claim.objects.bulk_create(claims)
        return len(claims)
