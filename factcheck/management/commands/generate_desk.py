import random
import time
from collections import Counter
from itertools import chain
from datetime import datetime, time as day_start, timezone

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from factcheck.demo import desk_generator, desk_writer
from factcheck.models import Article


class Command(BaseCommand):
    help = ("Fill the desk with N generated claims in articles of French and English outlets "
            "over three years, as the pipeline and review would have left them (for measuring "
            "the desk at scale). The same --seed and --until give the same desk; running it "
            "again adds nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="How many claims in all.")
        parser.add_argument("--seed", type=int, default=1, help="Another seed, another desk.")
        parser.add_argument("--until", type=datetime.fromisoformat, default=None,
                            help="Latest publication date (ISO date; default: today, UTC).")

    def handle(self, *args, claims, seed, until, **options):
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if until is None:
            until = datetime.combine(datetime.now(timezone.utc).date(), day_start(), timezone.utc)
        elif until.tzinfo is None:
            until = until.replace(tzinfo=timezone.utc)
        started = time.monotonic()
        names = desk_generator.build_names()
        articles = desk_generator.generate(claims, seed=seed, until=until, names=names)
        first = next(articles)
        if Article.objects.filter(content_hash=first.content_hash).exists():
            self.stdout.write(f"This desk (seed {seed}, until {until.date()}) is already stored: "
                              "nothing added.")
            return
        mentions = Counter()
        outlets = set()

        def counted():
            for one in chain([first], articles):
                outlets.add(one.outlet)
                for claim in one.claims:
                    mentions.update({e["text"] for e in claim.entities})
                yield one

        def progress(written):
            self.stderr.write(f"  {written.claims:,} claims, {written.articles:,} articles "
                              f"({time.monotonic() - started:.0f} s)")

        written = desk_writer.write(counted(), names.outlets, until, random.Random(seed + 1),
                                    progress=progress if options["verbosity"] > 1 else None)
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk insert, done now: the planner's statistics for
            # the new rows (without them the queue's plans assume an almost empty desk), and
            # the rows marked visible to all, so that index-only scans skip the table and the
            # first reads do not rewrite every page. VACUUM cannot run inside a caller's
            # transaction: ANALYZE alone there.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        top, top_count = mentions.most_common(1)[0] if mentions else ("—", 0)
        share = 100 * top_count / max(written.claims, 1)
        self.stdout.write("\n".join([
            f"claims: {written.claims:,}",
            f"articles: {written.articles:,}",
            f"outlets: {len(outlets)}",
            f"clusters (stories taken up by other outlets): {written.clusters:,}",
            f"distinct names: {len(mentions):,} (of {names.distinct:,})",
            f"most frequent name: {top}, in {share:.2f}% of claims",
            f"seconds: {time.monotonic() - started:.0f}",
        ]))
