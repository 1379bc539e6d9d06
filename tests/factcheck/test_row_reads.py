"""The pipeline's plain-SQL reads (dbutil.select_rows): the same values as the ORM's, on
PostgreSQL and SQLite alike."""

from datetime import datetime, timezone

from factcheck.dbutil import any_of, rows_where_in, select_rows
from factcheck.models import Article, Claim
from tests.factories import ArticleFactory, ClaimFactory


def field_values(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_it_reads_each_field_as_the_orm_does(db):
    article = ArticleFactory(published_at=datetime(2023, 11, 19, 22, 30, tzinfo=timezone.utc))
    claim = ClaimFactory(article=article, entities=[{"text": "Emmett Shear", "label": "PER"}])
    [read] = select_rows(Claim, None, "id = %s", [claim.pk], instances=True)
    assert field_values(read) == field_values(Claim.objects.get(pk=claim.pk))
    assert Article.read(article.pk).published_at == article.published_at


def test_it_defers_the_fields_it_was_not_asked_for(db):
    claim = ClaimFactory()
    [read] = select_rows(Claim, ["id", "text"], "id = %s", [claim.pk], instances=True)
    assert "entities" in read.get_deferred_fields() and read.text == claim.text


def test_it_reads_the_rows_whose_column_is_one_of_the_values(db):
    alice_claim, bob_claim, _other = ClaimFactory.create_batch(3)
    ids = [alice_claim.pk, bob_claim.pk]
    assert sorted(rows_where_in(Claim, ["id"], "id", ids)) == [(pk,) for pk in sorted(ids)]
    where, params = any_of("id", [])
    assert select_rows(Claim, ["id"], where, params) == []
