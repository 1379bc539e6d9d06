"""Who may see which article, claim and evidence: the one rule every page, export and API uses.

A user with the review permission (the desk) sees everything; anyone else sees the articles
they submitted, and the claims and evidence of those articles.
"""

from factcheck.models import Article, Claim, Evidence

PERM_SEE_ALL = "factcheck.review_claim"


def _sees_all(user):
    return bool(user and user.is_authenticated and user.has_perm(PERM_SEE_ALL))


def articles_visible_to(user):
    if _sees_all(user):
        return Article.objects.all()
    if not (user and user.is_authenticated):
        return Article.objects.none()
    return Article.objects.filter(submitted_by=user)


def claims_visible_to(user):
    if _sees_all(user):
        return Claim.objects.all()
    if not (user and user.is_authenticated):
        return Claim.objects.none()
    return Claim.objects.filter(article__submitted_by=user)


def evidence_visible_to(user):
    if _sees_all(user):
        return Evidence.objects.all()
    if not (user and user.is_authenticated):
        return Evidence.objects.none()
    return Evidence.objects.filter(claim__article__submitted_by=user)


def can_see_article(user, article):
    if _sees_all(user):
        return True
    return bool(user and user.is_authenticated and article.submitted_by_id == user.pk)
