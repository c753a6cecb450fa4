from django.shortcuts import render

from articles.models import Article


def home(request):
    """The latest published articles."""
    articles = Article.objects.published().select_related("service")[:30]
    return render(request, "articles/home.html", {"articles": articles})
