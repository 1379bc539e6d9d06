"""Claims editors set aside as not a claim, as JSON Lines, for the extraction's training data."""

import json

from django.core.management.base import BaseCommand

from editorial.training import not_a_claim_examples


class Command(BaseCommand):
    help = "Write the claims set aside as 'not a claim' as JSON Lines (stdout or --output)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        stream = open(output, "w", encoding="utf-8") if output else self.stdout
        count = 0
        try:
            for example in not_a_claim_examples():
                stream.write(json.dumps(example, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                stream.close()
        self.stderr.write(f"{count} examples written.")
