"""`ingest` reads the files editors' tools save and tells scripts when it skipped some."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Article

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Le tramway de Brest transportera 30 000 voyageurs par jour dès 2027.\nLa ligne coûte 200 millions."


@pytest.fixture
def no_send(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as sends:
        yield sends


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_it_reads_a_file_saved_as_utf16_or_utf32_with_a_byte_order_mark(db, tmp_path, no_send, encoding):
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    call_command("ingest", str(tmp_path / "a.txt"))
    assert Article.objects.get().body == TEXT


def test_it_fails_the_command_when_it_skipped_a_file(db, tmp_path, no_send, capsys):
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("Café".encode("latin-1"))
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(tmp_path))
    assert Article.objects.count() == 1


def test_it_skips_a_file_of_only_zero_width_spaces(db, tmp_path, no_send, capsys):
    (tmp_path / "blank.txt").write_text("\u200b\u200b\n\u2060", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "blank.txt"))
    assert "no visible characters" in capsys.readouterr().err and Article.objects.count() == 0


def test_it_titles_an_article_whose_first_line_is_invisible_with_the_file_name(db, tmp_path, no_send):
    (tmp_path / "tramway-brest.txt").write_text("\u200b\n" + TEXT, encoding="utf-8")
    call_command("ingest", str(tmp_path / "tramway-brest.txt"))
    assert Article.objects.get().title == "tramway-brest"


def test_it_exits_with_status_1_when_it_skipped_a_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(tmp_path / "nowhere.txt")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert result.returncode == 1 and "no such file" in result.stderr


def test_it_refuses_a_publication_date_the_desk_cannot_keep(db, tmp_path, no_send):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="publication date between"):
        call_command("ingest", str(tmp_path / "a.txt"), "--published-at", "0001-01-01")


def test_it_says_a_broken_utf16_file_is_not_the_utf16_it_announces(db, tmp_path, no_send, capsys):
    (tmp_path / "broken.txt").write_bytes("Le pont".encode("utf-16") + b"\x00")
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "broken.txt"))
    assert "starts as UTF-16 text but is not" in capsys.readouterr().err
