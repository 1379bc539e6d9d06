"""`manage.py reverify [--claim ID | --failed]`: run verifiers again."""

from django.core.management.base import BaseCommand, CommandError

from factcheck.pipeline import reruns


class Command(BaseCommand):
    help = "Verify one claim again (--claim ID) or retry every failed verification (--failed)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--claim", type=int, metavar="ID", help="re-run every verifier on it")
        group.add_argument("--failed", action="store_true", help="retry failed verifications")

    def handle(self, *args, claim=None, failed=False, **options):
        if claim is not None:
            ids = reruns.reverify_claim(claim)
            if not ids:
                raise CommandError(f"no claim {claim} (or no verifier enabled)")
            self.stdout.write(f"claim {claim}: {len(ids)} verification(s) sent")
        else:
            self.stdout.write(f"{reruns.retry_failed()} failed verification(s) sent again")
