"""Form widgets shared by the apps."""

from django import forms
from django.utils import translation

DIRECTIONS = ("rtl", "ltr")


class RichTextEditor(forms.Textarea):
    """A plain <textarea> of HTML that static/js/editor.js turns into TinyMCE."""

    class Media:
        """The self-hosted TinyMCE and the script that starts it on each textarea."""

        js = ("vendor/tinymce/tinymce.min.js", "js/editor.js")

    def __init__(self, attrs=None, *, direction="rtl", language=None):
        """Set the text's direction; the UI language defaults to the active one."""
        if direction not in DIRECTIONS:
            raise ValueError(
                f"direction must be one of {DIRECTIONS}, not {direction!r}"
            )
        if language not in (None, "fa", "en"):
            raise ValueError(f"language must be 'fa', 'en' or None, not {language!r}")
        # dir keeps the bare textarea readable when JavaScript is off.
        super().__init__(
            {
                "dir": direction,
                **(attrs or {}),
                "data-rich-text": "1",
                "data-direction": direction,
            }
        )
        self.direction = direction
        self.language = language

    def get_context(self, name, value, attrs):
        """Return the textarea's context with data-language for the editor's UI."""
        context = super().get_context(name, value, attrs)
        # Read at render time: the same form serves editors working in either
        # interface language.
        language = self.language or (
            "fa" if (translation.get_language() or "fa").startswith("fa") else "en"
        )
        context["widget"]["attrs"]["data-language"] = language
        return context
