"""Uploaded images are served as images, and nothing else under MEDIA_ROOT is."""

import http.client
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from photos.models import Photo
from tests.factories import image_bytes
from tests.test_admin import photo_form

pytestmark = pytest.mark.django_db

# A photo carrying a script in its comment: what is served is the re-encoded picture.
UPLOADED = image_bytes("JPEG", (64, 48), comment=b"<script>alert(1)</script>")


@pytest.fixture
def uploaded(admin_client) -> Photo:
    """A photo an editor uploaded to the library through the admin."""
    image = SimpleUploadedFile("my photo.jpg", UPLOADED, content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:photos_photo_add"), photo_form(image=image)
    )
    assert response.status_code == 302
    admin_client.logout()
    return Photo.objects.get()


def stored_bytes(photo: Photo) -> bytes:
    with photo.image.open("rb") as file:
        return file.read()


def test_uploaded_image_is_served_by_gunicorn_with_debug_off(uploaded, tmp_path):
    """The production path with no web server in front: gunicorn, DEBUG=0."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="test-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT=str(django_settings.MEDIA_ROOT),
        # Serving a file reads no table; a database of its own keeps the test's apart.
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "1"]
        + ["--bind", f"fd://{listener.fileno()}", "--no-control-socket"],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("wb"),
    )
    try:
        # The socket listens already: the request waits in its queue for gunicorn.
        connection = http.client.HTTPConnection(
            "127.0.0.1", listener.getsockname()[1], timeout=120
        )
        connection.request("GET", uploaded.image.url)
        response = connection.getresponse()
        body = response.read()
        connection.close()
    finally:
        server.terminate()
        server.wait()
        listener.close()
    log = (tmp_path / "gunicorn.log").read_text()
    assert response.status == 200, log
    assert response.getheader("Content-Type") == "image/jpeg"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert "immutable" in response.getheader("Cache-Control")
    assert body == stored_bytes(uploaded)
    assert body != UPLOADED and b"<script" not in body
    assert Image.open(uploaded.image.path).format == "JPEG"


def test_served_image_carries_its_type_and_safe_headers(client, uploaded):
    response = client.get(uploaded.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == stored_bytes(uploaded)


def test_head_and_conditional_requests_are_answered(client, uploaded):
    assert client.head(uploaded.image.url).status_code == 200
    modified = client.get(uploaded.image.url)["Last-Modified"]
    again = client.get(uploaded.image.url, HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
    assert client.post(uploaded.image.url).status_code == 405


def test_folders_are_never_listed(client, uploaded):
    folder = uploaded.image.url.rsplit("/", 1)[0]
    for path in ("/media/", "/media/photos/", folder + "/", folder):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize(
    "path",
    [
        "/media/../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/articles/../../outside.jpg",
        "/media/..%2foutside.jpg",
        "/media//etc/passwd.jpg",
        "/media/link.jpg",
        "/media/article.html",
        "/media/drawing.svg",
        "/media/.hidden.jpg",
        "/media/photo.jpg%00.html",
    ],
)
def test_nothing_outside_media_or_other_than_images_is_served(client, path, settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    outside = media.parent / "outside.jpg"
    outside.write_bytes(image_bytes("JPEG"))
    (media / "link.jpg").symlink_to(outside)
    (media / "article.html").write_text("<script>alert(1)</script>")
    (media / "drawing.svg").write_text("<svg><script>alert(1)</script></svg>")
    (media / ".hidden.jpg").write_bytes(image_bytes("JPEG"))
    (media / "photo.jpg").write_bytes(image_bytes("JPEG"))
    assert client.get("/media/photo.jpg").status_code == 200
    assert client.get(path).status_code == 404


def test_serve_media_off_leaves_media_to_the_web_server(client, uploaded, settings):
    settings.SERVE_MEDIA = False
    assert client.get(uploaded.image.url).status_code == 404
