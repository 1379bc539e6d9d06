"""Who may see which article, claim and evidence: the one rule every page, fragment, message and
export applies.

The desk (PERM_SEE_ALL) sees everything; anyone else sees the articles they submitted and those
articles' claims. Evidence citing an article the viewer may not see is shown as coming from
"another article on the desk": no title, link, address or excerpt.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from factcheck.models import Article, BulkImport, Claim, Evidence
from factcheck.verifiers import describe, reasons

from .roles import PERM_REVIEW

# Who sees every article, claim and evidence.
PERM_SEE_ALL = PERM_REVIEW


def sees_all(user):
    return user.has_perm(PERM_SEE_ALL)


def visible_articles(user, articles=None):
    """The articles (a QuerySet, default all) that `user` may see."""
    articles = Article.objects.all() if articles is None else articles
    if sees_all(user):
        return articles
    if not user.is_authenticated:
        return articles.none()
    return articles.filter(submitted_by=user)


def visible_bulk_imports(user):
    """The bulk uploads `user` may follow: their own; the desk sees them all."""
    imports = BulkImport.objects.all()
    if sees_all(user):
        return imports
    if not user.is_authenticated:
        return imports.none()
    return imports.filter(uploaded_by=user)


def visible_claims(user, claims=None):
    """The claims (a QuerySet, default all) that `user` may see: those of their visible articles."""
    claims = Claim.objects.all() if claims is None else claims
    if sees_all(user):
        return claims
    if not user.is_authenticated:
        return claims.none()
    return claims.filter(article__submitted_by=user)


def can_see_article(user, article):
    """The single-object check, for an article already loaded (no query)."""
    if article is None:
        return False
    return sees_all(user) or (user.is_authenticated and article.submitted_by_id == user.pk)


def can_see_claim(user, claim):
    return can_see_article(user, claim.article)


def article_or_deny(user, pk, articles=None):
    """The article `pk` if `user` may see it; 404 if there is none, 403 if it is someone else's."""
    if not user.has_perm("factcheck.view_article"):
        raise PermissionDenied
    article = (Article.objects if articles is None else articles).filter(pk=pk).first()
    if article is None:
        raise Http404
    if not can_see_article(user, article):
        raise PermissionDenied
    return article


def masked_explanation(evidence):
    """What evidence from an unseen article says, with the article's name left out."""
    if evidence.kind == Evidence.KIND_EARLIER_VERDICT:
        return _("Checked before, in another article on the desk")
    if evidence.stance == Evidence.STANCE_SUPPORTS:
        return _("Reported the same way by another article on the desk")
    if evidence.stance == Evidence.STANCE_CONTRADICTS:
        return _("Another article on the desk disagrees")
    return _("Related report in another article on the desk")


def mask_evidence(user, evidence):
    """`evidence` (a list, changed in place and returned) as `user` may see it: items citing an
    article they may not see lose its title, link, address and excerpt (`hidden_source` True)."""
    for item in evidence:
        item.hidden_source = bool(item.source_article_id) and not can_see_article(
            user, item.source_article)
        if item.hidden_source:
            item.original_explanation = item.explanation
            item.explanation = masked_explanation(item)
            item.source_article = None
            item.source_claim = None
            item.url = ""
            item.excerpt = ""
    return evidence


def evidence_reason(item):
    """An evidence's reason in the reader's language (stored as a code and params); what the
    viewer may read when its source is hidden from them (mask_evidence)."""
    if getattr(item, "hidden_source", False):
        return item.explanation
    return reasons.render(item.data, fallback=item.explanation)


def evidence_text(item):
    """evidence_reason after the outlet and date of the article it cites, when it is shown."""
    if getattr(item, "hidden_source", False):
        return item.explanation
    text = evidence_reason(item)
    article = item.source_article if item.source_article_id else None
    if article is not None and reasons.code_of(item.data):
        day = describe.local_day(article.published_at or article.created_at)
        return _("%(outlet)s (%(day)s): %(reason)s") % {
            "outlet": describe.outlet(article), "day": reasons.show_date(day.isoformat()),
            "reason": text}
    return text


def reader_reasons(user, suggestion_reasons, evidence):
    """The suggestion's reasons as `user` reads them, in the active language: [{"text",
    "reason"}] ("reason": the code, None for an old plain-text reason). `evidence` is the
    claim's evidence as mask_evidence left it: a reason is masked like the evidence it copies; a
    reason matching no evidence is left out for a viewer who does not see everything, since it
    may name an unseen article."""
    by_key, by_text = {}, {}
    for item in evidence:
        by_key.setdefault(item.key, item)
        by_text.setdefault(getattr(item, "original_explanation", item.explanation), item)
    shown = []
    for entry in suggestion_reasons or ():
        item = by_key.get(entry.get("key")) if isinstance(entry, dict) else by_text.get(entry)
        if item is None:
            if sees_all(user):
                shown.append({"text": reasons.render_entry(entry),
                              "reason": reasons.code_of(entry)})
            continue
        shown.append({"text": evidence_text(item), "reason": reasons.code_of(entry)
                      or reasons.code_of(item.data)})
    return shown
