"""The content-security policy and the permissions policy, on every page people open."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, library_photo

pytestmark = pytest.mark.django_db

# A <script> element with no src (JSON-LD data is not a script a browser runs), or
# an on…= attribute: what a policy without 'unsafe-inline' refuses to run.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.I
)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=|<style", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


@pytest.fixture
def article():
    # With a lead photo: its picture on the page, its choice on the admin form.
    return ArticleFactory(title_fa="خبر امروز", photo=library_photo())


def public_pages(article) -> list[str]:
    return [
        "/",
        article.get_absolute_url(),
        "/news/",
        "/search/?q=خبر",
        "/archive/1404/08/",
        f"/service/{article.service.slug}/",
        "/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
    ]


def admin_pages(article) -> list[str]:
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_import"),
        reverse("admin:officials_official_changelist"),
        reverse("admin:auth_user_changelist"),
    ]


def test_every_public_page_allows_only_its_own_files_and_no_inline_script(
    client, article
):
    for url in public_pages(article):
        response = client.get(url)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert "camera=()" in response["Permissions-Policy"], url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
        assert not INLINE_STYLE.search(html), url


def test_every_admin_page_refuses_inline_scripts_and_styles(admin_client, article):
    for url in [*admin_pages(article), reverse("admin:login")]:
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert "microphone=()" in response["Permissions-Policy"], url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_HANDLER.search(html), (url, INLINE_HANDLER.search(html))
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html))


def test_a_page_from_the_cache_keeps_its_policies(client, settings, article):
    settings.PAGE_CACHE = True
    url = article.get_absolute_url()
    first = client.get(url)
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Permissions-Policy"] == first["Permissions-Policy"]
