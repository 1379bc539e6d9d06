"""Bulk files (JSON Lines, CSV) through `manage.py ingest --format`: each row an article or a
rejected row with its reason, nothing added twice."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Article

from .bulk_files import csv_text, good_row, jsonl_file
from .site import article_page

pytestmark = pytest.mark.django_db


def ingest(path, fmt="jsonl"):
    call_command("ingest", "--format", fmt, str(path))


def test_it_adds_a_thousand_row_file_and_reports_its_three_bad_rows(tmp_path, capsys):
    path = jsonl_file(tmp_path / "archive.jsonl")
    with pytest.raises(CommandError, match="3 row"):
        ingest(path)
    out, err = capsys.readouterr()
    assert Article.objects.count() == 997
    assert "997 added, 0 already on the desk, 3 rejected" in out
    assert [line.split(": rejected")[0].rsplit(":", 1)[1] for line in err.splitlines()] == [
        "10", "500", "999"]
    assert "not JSON" in err and "give a body or a url" in err and "not a date" in err


def test_it_adds_nothing_when_the_same_file_is_ingested_again(tmp_path, capsys):
    path = jsonl_file(tmp_path / "archive.jsonl", rows=40, bad={})
    ingest(path)
    ingest(path)
    assert Article.objects.count() == 40
    assert "0 added, 40 already on the desk, 0 rejected" in capsys.readouterr().out


def test_it_keeps_each_rows_outlet_date_and_language(tmp_path):
    path = jsonl_file(tmp_path / "one.jsonl", rows=1, bad={})
    ingest(path)
    article = Article.objects.get()
    assert (article.title, article.source.name, article.language) == (
        "Conseil municipal n° 1", "La Gazette locale", "fr")
    assert article.published_at.date() == datetime.date(2026, 2, 2)


def test_it_reads_a_csv_file_with_a_text_over_several_lines(tmp_path):
    row = good_row(7) | {"body": "Premier paragraphe sur le budget.\n\nSecond paragraphe, « cité »."}
    path = tmp_path / "archive.csv"
    path.write_text(csv_text([row, good_row(8)]), encoding="utf-8")
    ingest(path, "csv")
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Conseil municipal n° 7", "Conseil municipal n° 8"]
    assert "\n\nSecond paragraphe" in Article.objects.get(title__endswith="7").body


def test_it_fetches_the_rows_that_give_a_url(site, tmp_path):
    url = site.serve("/a", article_page("Le pont rouvre", [
        "Le pont de la Loire rouvre lundi après dix-huit mois de travaux qui ont coûté 14 millions "
        "d'euros, a annoncé le département dans un communiqué publié vendredi soir."]))
    path = tmp_path / "urls.csv"
    path.write_text(csv_text([{"url": url, "outlet": "Ouest Matin"}]), encoding="utf-8")
    ingest(path, "csv")
    article = Article.objects.get()
    assert (article.title, article.url, article.source.name) == ("Le pont rouvre", url, "Ouest Matin")
