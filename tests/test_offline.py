"""Nothing a page or stylesheet loads comes from another host."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import ArticleFactory, OfficialFactory, TopicFactory, country

# Attributes and CSS constructs that make a browser fetch something.
RESOURCE = re.compile(
    r"""(?:\ssrc|\ssrcset|\saction|\sposter|\sdata|<link[^>]*?\shref)\s*=\s*["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)""",
    re.I,
)


def foreign(url: str) -> bool:
    """True if ``url`` points at another host (absolute or protocol-relative)."""
    url = url.strip()
    if url.startswith(("data:", "#", "/", "?")) and not url.startswith("//"):
        return False
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc != "testserver"


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(client):
    article = ArticleFactory(
        title_en="English title",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    article.officials.add(OfficialFactory(slug="some-official"))
    article.countries.add(country("KZ"))
    topic = TopicFactory(slug="some-topic")
    article.topics.add(topic)
    with translation.override("en"):
        english_url = article.get_absolute_url()
    pages = [
        "/",
        "/en/",
        article.get_absolute_url(),
        english_url,
        "/news/?official=some-official&country=kz",
        f"/service/{article.service.slug}/",
        "/tag/some-topic/",
        "/official/some-official/",
        "/country/kz/",
        "/no-such-page/",
    ]
    for path in pages:
        html = client.get(path).content.decode()
        found = [m for groups in RESOURCE.findall(html) for m in groups if m]
        assert found, path
        assert not [url for url in found if foreign(url)], path


def test_no_stylesheet_or_script_of_the_site_loads_from_another_host():
    roots = [
        Path(settings.BASE_DIR) / "static" / "css",
        Path(settings.BASE_DIR) / "static" / "js",
    ]
    roots.append(Path(settings.BASE_DIR) / "static" / "vendor" / "vazirmatn")
    files = [
        p for root in roots for p in root.rglob("*") if p.suffix in {".css", ".js"}
    ]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        urls = [m for groups in RESOURCE.findall(text) for m in groups if m]
        assert not [url for url in urls if foreign(url)], path
