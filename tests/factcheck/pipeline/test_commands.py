"""ingest, pipeline_status and reverify, as an operator runs them."""

import json

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Article, Verification
from tests.factories import ArticleFactory, ClaimFactory, VerificationFactory

TEXT = "La mairie a fermé le pont Wilson lundi.\nLes travaux coûteraient 3 millions d’euros."


def ingest(capsys, *args):
    call_command("ingest", *map(str, args))
    return capsys.readouterr()


@pytest.fixture
def no_send(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as sends:
        yield sends


def test_it_creates_an_article_per_file_and_prints_its_id(db, tmp_path, capsys, django_capture_on_commit_callbacks):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=False) as sends:
        out = ingest(capsys, tmp_path / "a.txt", "--source", "Le Progrès").out
    article = Article.objects.get()
    assert out.startswith(f"{article.pk}\t") and article.source.name == "Le Progrès"
    assert (article.title, len(sends)) == ("La mairie a fermé le pont Wilson lundi.", 1)


def test_it_walks_a_directory(db, tmp_path, capsys, no_send):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(TEXT + "\nEncore.", encoding="utf-8")
    ingest(capsys, tmp_path)
    assert Article.objects.count() == 2


def test_it_prints_the_existing_id_for_a_text_already_on_the_desk(db, tmp_path, capsys, no_send):
    existing = ArticleFactory(body=TEXT)
    (tmp_path / "a.txt").write_text(TEXT + "\n\n", encoding="utf-8")
    out = ingest(capsys, tmp_path / "a.txt").out
    assert out.startswith(f"{existing.pk}\t") and Article.objects.count() == 1


@pytest.mark.parametrize("name, content, reason", [
    ("latin1.txt", "Café à Genève".encode("latin-1"), "not UTF-8"),
    ("image.bin", b"\x89PNG\x00\x00", "binary"),
    ("empty.txt", b"", "empty"),
    ("huge.txt", b"a " * 600, "too large"),
])
def test_it_explains_a_file_it_skips_and_goes_on_with_the_others(db, tmp_path, capsys, settings, no_send, name, content, reason):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    (tmp_path / name).write_bytes(content)
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="1 file"):
        ingest(capsys, tmp_path / name, tmp_path / "ok.txt")
    assert reason in capsys.readouterr().err and Article.objects.count() == 1


def test_it_prints_the_pipeline_state_counts_as_one_json_object(db, capsys):
    ArticleFactory(state=Article.STATE_DONE)
    VerificationFactory(state=Verification.STATE_FAILED)
    call_command("pipeline_status", "--json")
    counts = json.loads(capsys.readouterr().out)
    assert counts["articles"]["done"] == 2 and counts["verifications"] == {"failed": 1}


def test_it_prints_readable_counts_without_json(db, capsys):
    ArticleFactory(state=Article.STATE_DONE)
    call_command("pipeline_status")
    assert "articles: 1 (done 1)" in capsys.readouterr().out


def test_it_retries_failed_verifications_on_request(db, capsys, no_send):
    VerificationFactory(verifier="wording", state=Verification.STATE_FAILED)
    call_command("reverify", "--failed")
    assert Verification.objects.get().state == Verification.STATE_PENDING


def test_it_reverifies_one_claim_on_request(db, capsys, no_send):
    claim = ClaimFactory()
    call_command("reverify", "--claim", str(claim.pk))
    assert claim.verifications.filter(state=Verification.STATE_PENDING).exists()
