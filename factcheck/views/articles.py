from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from factcheck.forms import ArticleForm
from factcheck.models import Article


@require_http_methods(["GET", "POST"])
@permission_required("factcheck.add_article", raise_exception=True)
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        article = form.save(user=request.user)
        return redirect(article)
    return render(request, "factcheck/article_form.html", {"form": form})


def article_list(request):
    articles = Article.objects.select_related("source").defer("body")
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    return render(request, "factcheck/article_list.html", {"page": page})


def article_detail(request, pk):
    article = get_object_or_404(Article.objects.select_related("source", "submitted_by"), pk=pk)
    return render(request, "factcheck/article_detail.html", article_context(article))


def article_status(request, pk):
    """The part of the article page that moves while the pipeline runs (polled by htmx)."""
    article = get_object_or_404(Article, pk=pk)
    return render(request, "factcheck/_article_status.html", article_context(article))


def article_context(article):
    claims = list(article.claims.filter(is_current=True).order_by("start"))
    return {"article": article, "claims": claims, "summary": article.claim_summary()}
