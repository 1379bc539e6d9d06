from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from factcheck.demo.loader import load_demo_content
from factcheck.pipeline import dispatch, extraction

DEMO_PASSWORD = "factcheck-demo"
# username -> (role group, staff?)
DEMO_ACCOUNTS = {"chief": ("chief", True), "checker": ("checker", False), "reporter": ("reporter", False)}


class Command(BaseCommand):
    help = "Load demo articles, reference facts and, on an empty user table, demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extract", action="store_true",
            help="Only enqueue the demo articles instead of extracting their claims now.",
        )

    def handle(self, *args, no_extract=False, **options):
        self.create_accounts()
        articles = load_demo_content()
        for article in articles:
            if no_extract:
                dispatch.send_article(article.pk)
            else:
                # Extract here (not in the web process) so the queue has claims at once.
                extraction.extract_article(article.pk)
        self.stdout.write(f"Demo content: {len(articles)} new article(s).")

    def create_accounts(self):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Users exist already: no demo account created.")
            return
        for username, (role, staff) in DEMO_ACCOUNTS.items():
            user = User.objects.create_user(username, password=DEMO_PASSWORD, is_staff=staff)
            user.groups.add(Group.objects.get(name=role))
        admin = User.objects.create_superuser("admin", password=DEMO_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo accounts (password %s): chief (desk chief), checker (fact-checker), "
                "reporter, admin (superuser)." % DEMO_PASSWORD
            )
        )
        return admin
