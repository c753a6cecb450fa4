from django.shortcuts import get_object_or_404, redirect, render

from articles.models import Article


def _published():
    return Article.objects.published().select_related("service")


def home(request):
    """The latest published articles."""
    return render(request, "articles/home.html", {"articles": _published()[:30]})


def detail(request, code: int, slug: str | None = None):
    """A published article; anything else is a 404, even for staff (they preview)."""
    article = get_object_or_404(
        _published().prefetch_related("corrections"), news_code=code
    )
    if slug != article.slug:
        return redirect(article, permanent=slug is None)
    return render(request, "articles/article_detail.html", {"article": article})
