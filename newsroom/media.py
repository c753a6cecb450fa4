"""Uploaded images, answered from MEDIA_ROOT when no web server in front does it."""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

# Every stored upload is one of these (persian/images.py writes JPEG and PNG); any
# other file under MEDIA_ROOT is never served, whatever its name says.
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@require_safe
def serve_media(request, path: str):
    """Return the image stored at ``path`` under MEDIA_ROOT, or 404.

    Never a directory listing, a hidden file, a file of another type, or anything
    outside MEDIA_ROOT (``..``, absolute paths, symbolic links leading out).
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    parts = PurePosixPath(path).parts
    content_type = MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None or any(part.startswith(".") for part in parts):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = root.joinpath(*parts).resolve(strict=True)
    except (OSError, ValueError) as exc:
        raise Http404 from exc
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404
    stat = full.stat()
    if not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime
    ):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(full.open("rb"), content_type=content_type)
        response["Last-Modified"] = http_date(stat.st_mtime)
    # Stored names are made from the content, never reused for another picture.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever take the file for a page, it may run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
