"""Articles show their lead photo from the library, on their page and in lists."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from photos.models import Photo
from tests.factories import ArticleFactory, image_bytes, library_photo

pytestmark = pytest.mark.django_db

SIZES = "(min-width: 60rem) 60rem, 100vw"


@pytest.fixture
def pictured():
    photo = library_photo(
        caption_fa="پل تاریخی آجی‌چای در غروب",
        caption_en="The old Aji Chay bridge at sunset",
        credit="Tabriz Photo",
    )
    return ArticleFactory(
        photo=photo,
        title_en="Tabriz bridge",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )


def english_url(article) -> str:
    with translation.override("en"):
        return article.get_absolute_url()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_shows_the_lead_photo_with_caption_and_credit(client, pictured):
    html = page(client, pictured.get_absolute_url())
    figure = re.search(r'<figure class="article-image">.*?</figure>', html, re.S)[0]
    assert '<source type="image/webp" srcset="/media/photos/renditions/' in figure
    assert f'sizes="{SIZES}"' in figure
    img = re.search(r"<img [^>]*>", figure)[0]
    assert re.search(r'width="\d+" height="\d+"', img)
    assert 'loading="eager"' in img and 'fetchpriority="high"' in img
    assert "پل تاریخی آجی‌چای در غروب" in figure
    assert '<span class="credit">عکس: Tabriz Photo</span>' in figure


def test_article_page_preloads_the_lead_photo(client, pictured):
    html = page(client, pictured.get_absolute_url())
    head = html.split("</head>")[0]
    link = re.search(r'<link rel="preload" as="image"[^>]*>', head)[0]
    srcset = re.search(r'imagesrcset="([^"]+)"', link)[1]
    assert srcset.startswith("/media/photos/renditions/") and srcset.endswith("w")
    assert f'imagesizes="{SIZES}"' in link
    # The same files the page's <picture> offers, so the preload is not wasted.
    assert f'srcset="{srcset}"' in html


def test_og_image_and_json_ld_are_the_served_social_rendition(
    client, settings, pictured
):
    settings.SERVE_MEDIA = True
    html = page(client, pictured.get_absolute_url())
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert og == f"http://testserver{pictured.photo.og_image.file.url}"
    assert '<meta property="og:image:width" content="800">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["image"] == [og]
    served = client.get(urlsplit(og).path)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"


def test_a_lead_photo_whose_renditions_are_not_made_yet_shows_its_caption_only(
    client,
):
    # As after an upgrade moved the old featured images into the library, until
    # `manage.py photos_renditions --missing` has run.
    photo = Photo.objects.create(
        image=default_storage.save("articles/old.jpg", ContentFile(image_bytes())),
        caption_fa="زیرنویس قدیمی",
    )
    article = ArticleFactory(photo=photo, is_lead=True)
    html = page(client, article.get_absolute_url())
    figure = re.search(r'<figure class="article-image">.*?</figure>', html, re.S)[0]
    assert "زیرنویس قدیمی" in figure and "<img" not in figure
    assert 'property="og:image"' not in html and 'rel="preload" as="image"' not in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "<img" not in page(client, "/").split('class="lead-story')[1][:400]


def test_english_page_shows_the_english_caption(client, pictured):
    html = page(client, english_url(pictured))
    figure = re.search(r'<figure class="article-image">.*?</figure>', html, re.S)[0]
    assert "The old Aji Chay bridge at sunset" in figure
    assert "Photo: Tabriz Photo" in figure
    assert "آجی‌چای" not in html


def test_english_page_never_shows_a_persian_caption_or_credit(client, pictured):
    photo = pictured.photo
    photo.caption_en = ""
    photo.credit = "عکس: تحریریه"
    photo.save()
    html = page(client, english_url(pictured))
    figure = re.search(r'<figure class="article-image">.*?</figure>', html, re.S)[0]
    assert "<picture>" in figure
    assert "<figcaption>" not in figure
    assert 'alt=""' in figure
    assert not re.search("[\u0600-\u06ff]", figure)


def test_service_list_shows_a_thumbnail_for_articles_with_a_photo(client, pictured):
    ArticleFactory(title_fa="خبر بی‌عکس")
    html = page(client, pictured.service.get_absolute_url())
    stories = re.findall(r'<article class="story[^"]*">.*?</article>', html, re.S)
    with_photo = [s for s in stories if pictured.title_fa in s]
    without = [s for s in stories if "خبر بی‌عکس" in s]
    assert 'class="story with-photo"' in with_photo[0]
    thumb = re.search(r'<div class="story-thumb"><picture>.*?</picture>', with_photo[0])
    assert 'sizes="6rem"' in thumb[0] and 'loading="lazy"' in thumb[0]
    assert re.search(r'width="(\d+)" height="\1"', thumb[0])  # square
    assert "<picture>" not in without[0]


def test_home_leads_show_their_photo_the_first_one_eagerly(client):
    for title in ("دومین خبر اصلی", "نخستین خبر اصلی"):
        ArticleFactory(title_fa=title, is_lead=True, photo=library_photo())
    html = page(client, "/")
    leads = re.findall(
        r'<article class="(?:lead-story|card)[^"]*">.*?</article>', html, re.S
    )
    assert "نخستین خبر اصلی" in leads[0]
    assert 'loading="eager" decoding="async" fetchpriority="high"' in leads[0]
    assert 'loading="lazy"' in leads[1] and "fetchpriority" not in leads[1]
