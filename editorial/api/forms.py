from ..article_forms import ArticleForm


class ApiArticleForm(ArticleForm):
    """The desk's article form, for JSON clients (the same checks and messages)."""
