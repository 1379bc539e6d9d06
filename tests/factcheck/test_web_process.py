import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVE_PAGES = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "factcheck.settings.test"
import django
django.setup()
from django.test import Client
Client().get("/accounts/login/")
import factcheck.urls, factcheck.admin, editorial.views.claim, factcheck.monitoring.views
print("spacy" in sys.modules)
"""


def test_it_never_loads_spacy_in_the_web_process():
    result = subprocess.run([sys.executable, "-c", SERVE_PAGES], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr[-2000:]
