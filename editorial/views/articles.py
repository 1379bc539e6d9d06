"""Article pages: submit, list, read (with its claims highlighted), and the polled status part.
Who sees which article is editorial.visibility's rule."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from factcheck.models import Article, Claim

from ..article_forms import ArticleForm
from ..visibility import article_or_deny, visible_articles


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


@require_http_methods(["GET", "POST"])
@permission_required("factcheck.add_article", raise_exception=True)
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        article = form.save() if form.is_valid() else None
        if article is not None:
            return redirect(article)
        # The form comes back with what was typed and says what to change.
        return render(request, "factcheck/article_form.html", {"form": form}, status=400)
    return render(request, "factcheck/article_form.html", {"form": form})


@require_GET
@permission_required("factcheck.view_article", raise_exception=True)
def article_list(request):
    articles = visible_articles(request.user).select_related("source").defer("body")
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "factcheck/article_list.html", {"page": page})


@require_GET
def article_detail(request, pk):
    article = article_or_deny(
        request.user, pk, Article.objects.select_related("source", "submitted_by"))
    return render(request, "factcheck/article_detail.html", article_context(article))


@require_GET
def article_status(request, pk):
    """The part of the article page that moves while the pipeline runs (polled by htmx)."""
    article = article_or_deny(request.user, pk)
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
