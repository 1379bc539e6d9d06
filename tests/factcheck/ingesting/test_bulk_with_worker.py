"""A bulk file uploaded on the desk and read by the real Celery worker."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factcheck.models import Article, BulkImport
from tests.factories import UserFactory
from tests.utils import wait_for

from .bulk_files import BAD_ROWS, good_row

pytestmark = [pytest.mark.worker]


@pytest.mark.django_db(transaction=True)
def test_it_reads_an_uploaded_file_in_the_worker_and_shows_where_it_got(client, celery_worker):
    client.force_login(UserFactory(role="reporter"))
    rows = [json.dumps(good_row(n)) for n in range(1, 30)] + [BAD_ROWS[500]]
    response = client.post("/articles/bulk/", {"upload": SimpleUploadedFile(
        "archive.jsonl", "\n".join(rows).encode("utf-8"))})
    job = BulkImport.objects.get()
    wait_for(lambda: BulkImport.objects.filter(pk=job.pk, state=BulkImport.STATE_DONE).exists(),
             timeout=90, message="the worker to read the file")
    fragment = client.get(response["Location"] + "status/").content.decode()
    assert "30 of 30 rows read" in fragment and "29 articles added" in fragment
    assert Article.objects.count() == 29
