"""`manage.py extract_claims`: JSON lines on stdout, clear errors on stderr, no DB needed."""

import io
import json

import pytest

ARTICLE = (
    "Nordelec change de patron\n"
    "Le conseil de Nordelec a nommé jeudi Claire Vasseur directrice générale.\n"
    "“Nous allons recruter 300 ingénieurs en 2025.”\n"
    "Claire Vasseur, directrice générale de Nordelec\n"
)


@pytest.fixture
def call():
    from django.conf import settings

    if not settings.configured:
        pytest.skip("Django settings not configured (run without -p no:django)")
    from django.core.management import call_command

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        code = 0
        try:
            call_command("extract_claims", *args, stdout=out, stderr=err)
        except SystemExit as exc:
            code = exc.code
        return code, out.getvalue(), err.getvalue()

    return run


def test_it_prints_one_json_object_per_claim_with_the_article_path(call, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = call(str(path))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert all(r["article"] == str(path) for r in rows)
    assert all(ARTICLE[r["start"] : r["end"]] == r["text"] for r in rows)
    assert all("normalized" in r and r["occurrences"] >= 1 for r in rows)
    assert "ingénieurs" in out and "\\u00e9" not in out  # ensure_ascii=False
    quote = next(r for r in rows if "300 ingénieurs" in r["sentence"])
    assert quote["quoted"] and quote["speaker"] == "Claire Vasseur"


def test_it_reports_a_bad_file_and_goes_on_with_the_others(call, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad.write_bytes(b"\xff\xfe\x00caf\xe9")
    code, out, err = call(str(bad), str(tmp_path / "missing.txt"), str(good))
    assert code != 0
    assert "bad.txt" in err and "UTF-8" in err and "missing.txt" in err
    assert str(good) in out


def test_it_prints_a_readable_table(call, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = call(str(path), "--format", "table")
    assert code == 0
    assert "score" in out and "Claire Vasseur" in out
