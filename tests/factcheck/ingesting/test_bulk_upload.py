"""Bulk files uploaded on the desk: read by a task, the page's progress bar polled while it runs,
the rejected rows downloadable with their reasons."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from factcheck import bulk
from factcheck.models import Article, BulkImport
from tests.factories import UserFactory

from .bulk_files import BAD_ROWS, good_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(client):
    user = UserFactory(role="reporter")
    client.force_login(user)
    return user


def upload(client, rows, name="archive.jsonl"):
    data = "\n".join(rows).encode("utf-8")
    response = client.post("/articles/bulk/", {"upload": SimpleUploadedFile(name, data)})
    return response, BulkImport.objects.order_by("-pk").first()


def lines(numbers, bad=()):
    return [BAD_ROWS[n] if n in bad else json.dumps(good_row(n)) for n in numbers]


def test_it_shows_the_upload_waiting_with_a_progress_bar_that_polls(client, reporter):
    response, job = upload(client, lines(range(1, 31)))
    assert response.status_code == 302 and response["Location"] == f"/articles/bulk/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "0 of 30 rows read" in page and f'hx-get="/articles/bulk/{job.pk}/status/"' in page


def test_it_stops_polling_and_gives_the_counts_once_the_file_is_read(client, reporter):
    _response, job = upload(client, lines(range(1, 11), bad=[10]))
    bulk.run_import(job.pk)
    fragment = client.get(f"/articles/bulk/{job.pk}/status/").content.decode()
    assert "10 of 10 rows read" in fragment and "9 articles added" in fragment
    assert "1 row rejected" in fragment and "hx-get" not in fragment


def test_it_lets_the_uploader_download_the_rejected_rows_with_their_reasons(client, reporter):
    _response, job = upload(client, lines(range(1, 11), bad=[10]))
    bulk.run_import(job.pk)
    response = client.get(f"/articles/bulk/{job.pk}/rejected.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"].startswith("attachment")
    assert [(row["line"], row["row"]) for row in rows] == [("10", BAD_ROWS[10])]
    assert "not JSON" in rows[0]["reason"]


def test_it_gives_the_articles_to_the_uploader(client, reporter):
    _response, job = upload(client, lines(range(1, 4)))
    bulk.run_import(job.pk)
    assert set(Article.objects.values_list("submitted_by", flat=True)) == {reporter.pk}


def test_it_adds_nothing_when_the_task_runs_twice(client, reporter):
    _response, job = upload(client, lines(range(1, 6)))
    bulk.run_import(job.pk)
    bulk.run_import(job.pk)
    job.refresh_from_db()
    assert Article.objects.count() == 5 and (job.created_count, job.duplicate_count) == (5, 0)


def test_it_goes_on_from_the_last_row_saved_when_the_task_runs_again(client, reporter):
    _response, job = upload(client, lines(range(1, 6)))
    job.record_progress(processed=3, created=3, duplicates=0, rejected=[])
    bulk.run_import(job.pk)
    job.refresh_from_db()
    assert (job.processed, job.created_count, job.state) == (5, 5, "done")
    assert Article.objects.count() == 2


def test_it_refuses_a_file_whose_format_it_cannot_tell(client, reporter):
    response, job = upload(client, lines(range(1, 3)), name="archive.txt")
    assert response.status_code == 400 and job is None
    assert "neither in .jsonl nor in .csv" in response.content.decode()


def test_it_does_not_show_a_reporters_upload_to_another_reporter(client, reporter):
    _response, job = upload(client, lines(range(1, 3)))
    client.force_login(UserFactory(role="reporter"))
    assert client.get(f"/articles/bulk/{job.pk}/").status_code == 404
    assert client.get(f"/articles/bulk/{job.pk}/rejected.csv").status_code == 404


def test_it_sends_again_only_the_uploads_whose_reading_stopped_moving(client, reporter, monkeypatch):
    from factcheck.pipeline import dispatch
    sent = []
    monkeypatch.setattr(dispatch, "_send", lambda name, args, kwargs=None: sent.append(args[0]))
    _response, lost = upload(client, lines(range(1, 4)))
    _response, moving = upload(client, lines(range(4, 7)), name="other.jsonl")
    _response, finished = upload(client, lines(range(7, 9)), name="third.jsonl")
    finished.finish()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    BulkImport.objects.filter(pk__in=[lost.pk, finished.pk]).update(progressed_at=long_ago)
    moving.record_progress(processed=1, created=1, duplicates=0, rejected=[])
    bulk.resume_stale()
    assert sent == [lost.pk]
