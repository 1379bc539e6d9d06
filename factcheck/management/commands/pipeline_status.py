"""`manage.py pipeline_status [--json]`: articles, claims and verifications by state."""

import json

from django.core.management.base import BaseCommand

from factcheck.pipeline.status import status_counts


class Command(BaseCommand):
    help = "Counts of articles, claims and verifications by pipeline state."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, json: bool = False, **options):
        counts = status_counts()
        if json:
            self.stdout.write(_dumps(counts))
            return
        for section, states in counts.items():
            total = sum(states.values())
            detail = ", ".join(f"{state} {n}" for state, n in sorted(states.items())) or "none"
            self.stdout.write(f"{section}: {total} ({detail})")


def _dumps(obj):
    return json.dumps(obj, sort_keys=True)
