"""Static files in production: hashed names, far-future caching, from our own server."""

import re

from django.core.management import call_command
from django.http import HttpResponse
from django.templatetags.static import static
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware


def test_static_files_get_hashed_names_and_far_future_caching(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    url = static("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    middleware = WhiteNoiseMiddleware(
        get_response=lambda request: HttpResponse(status=404)
    )
    response = middleware(RequestFactory().get(url))
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    font_css = (settings.STATIC_ROOT / "vendor/vazirmatn").glob("vazirmatn.*.css")
    assert re.search(
        r"Vazirmatn-Variable\.[0-9a-f]{12}\.woff2", next(font_css).read_text()
    )
