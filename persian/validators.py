"""Validators shared by the apps' models."""

from persian.images import CleanImage, clean_image


def validate_image_upload(file) -> None:
    """Refuse a new upload that ``clean_image`` refuses (persian/images.py)."""
    if getattr(file, "_committed", False):
        # Already stored: it was checked on upload, and re-reading it on every save
        # would block editing an article whose photo went missing from storage.
        return
    if isinstance(file, CleanImage) or isinstance(
        getattr(file, "file", None), CleanImage
    ):
        return  # checked and re-encoded by the form field already
    clean_image(file)
