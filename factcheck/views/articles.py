from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from factcheck.forms import ArticleForm
from factcheck.models import Article, Claim

# Who may see every article (the desk); others see the articles they submitted.
PERM_SEE_ALL = "editorial.review_claim"  # editorial.roles.PERM_REVIEW (factcheck never imports editorial)


def highlight(text, spans, link=True):
    """Return `text` as HTML with each (start, end, claim) span wrapped in a status-coloured mark.

    Every piece of the text goes through conditional_escape: article text may contain HTML or
    scripts and must come out as text. Overlapping or out-of-range spans are skipped.
    """
    parts, pos = [], 0
    for start, end, claim in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or end > len(text) or start >= end:
            continue
        parts.append(conditional_escape(text[pos:start]))
        inner = conditional_escape(text[start:end])
        if link:
            inner = format_html('<a href="{}">{}</a>', claim.get_absolute_url(), inner)
        parts.append(format_html(
            '<mark class="claim status-{}" data-claim="{}" title="{}">{}</mark>',
            claim.status, claim.pk, claim.get_status_display(), inner,
        ))
        pos = end
    parts.append(conditional_escape(text[pos:]))
    # Safe: every piece above was escaped or built with format_html.
    return mark_safe("".join(str(p) for p in parts))


def visible_articles(user):
    articles = Article.objects.all()
    if user.has_perm(PERM_SEE_ALL):
        return articles
    return articles.filter(submitted_by=user)


def get_visible_article(request, pk, queryset=None):
    if not request.user.has_perm("factcheck.view_article"):
        raise PermissionDenied
    article = get_object_or_404(queryset if queryset is not None else Article.objects, pk=pk)
    if not request.user.has_perm(PERM_SEE_ALL) and article.submitted_by_id != request.user.pk:
        raise PermissionDenied
    return article


@require_http_methods(["GET", "POST"])
@permission_required("factcheck.add_article", raise_exception=True)
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        article = form.save(user=request.user)
        return redirect(article)
    return render(request, "factcheck/article_form.html", {"form": form})


@require_GET
@permission_required("factcheck.view_article", raise_exception=True)
def article_list(request):
    articles = visible_articles(request.user).select_related("source").defer("body")
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "factcheck/article_list.html", {"page": page})


@require_GET
def article_detail(request, pk):
    article = get_visible_article(
        request, pk, Article.objects.select_related("source", "submitted_by")
    )
    return render(request, "factcheck/article_detail.html", article_context(article))


@require_GET
def article_status(request, pk):
    """The part of the article page that moves while the pipeline runs (polled by htmx)."""
    article = get_visible_article(request, pk)
    return render(request, "factcheck/_article_status.html", article_context(article))


def article_context(article):
    claims = list(article.claims.filter(is_current=True).order_by("start"))
    counts = {}
    for claim in claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    summary = [
        {"status": status, "label": label, "count": counts.get(status, 0)}
        for status, label in Claim.STATUS_CHOICES
    ]
    decided = sum(counts.get(s, 0) for s in Claim.VERDICT_STATUSES)
    return {
        "article": article,
        "claims": claims,
        "summary": summary,
        "decided": decided,
        "highlighted_body": highlight(article.body, [(c.start, c.end, c) for c in claims]),
    }
