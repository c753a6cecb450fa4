"""The rich-text editor is self-hosted: vendored files, nothing loaded remotely."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from persian.widgets import RichTextEditor

STATIC = Path(__file__).resolve().parent.parent / "static"
VENDOR = STATIC / "vendor"
EDITOR_JS = STATIC / "js" / "editor.js"
OWN_ASSETS = [
    EDITOR_JS,
    STATIC / "css" / "editor-content.css",
    VENDOR / "vazirmatn" / "vazirmatn.css",
]
REMOTE_URL = re.compile(r"https?://|url\(\s*['\"]?//|['\"]//[^/\s'\"]", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def _textarea(html):
    """Return the opening <textarea ...> tag of ``html``."""
    match = re.search(r"<textarea[^>]*>", html)
    assert match, html
    return match.group(0)


@pytest.mark.parametrize(
    "relative",
    [
        "tinymce/tinymce.min.js",
        "tinymce/models/dom/model.min.js",
        "tinymce/themes/silver/theme.min.js",
        "tinymce/icons/default/icons.min.js",
        "tinymce/skins/ui/oxide/skin.min.css",
        "tinymce/skins/ui/oxide/content.min.css",
        "tinymce/skins/content/default/content.min.css",
        "tinymce/langs/fa.js",
        "tinymce/license.md",
        "tinymce/langs/LICENSE.md",
        "vazirmatn/Vazirmatn-Variable.woff2",
        "vazirmatn/OFL.txt",
        "README.md",
    ],
)
def test_vendored_file_is_present(relative):
    path = VENDOR / relative
    assert path.is_file() and path.stat().st_size > 0, relative


def test_every_plugin_editor_js_asks_for_is_vendored():
    plugins = re.search(r'var PLUGINS = "([^"]+)"', EDITOR_JS.read_text()).group(1)
    for plugin in plugins.split():
        assert (VENDOR / "tinymce" / "plugins" / plugin / "plugin.min.js").is_file()


def test_persian_language_file_registers_fa():
    text = (VENDOR / "tinymce" / "langs" / "fa.js").read_text(encoding="utf-8")
    assert text.startswith('tinymce.addI18n("fa"')


def test_vazirmatn_file_is_woff2():
    data = (VENDOR / "vazirmatn" / "Vazirmatn-Variable.woff2").read_bytes()
    assert data[:4] == b"wOF2"


@pytest.mark.parametrize("path", OWN_ASSETS, ids=lambda p: p.name)
def test_own_asset_names_no_other_host(path):
    found = REMOTE_URL.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name} refers to another host: {found}"


@pytest.mark.parametrize("path", OWN_ASSETS[1:], ids=lambda p: p.name)
def test_css_urls_point_at_existing_static_files(path):
    urls = CSS_URL.findall(path.read_text(encoding="utf-8"))
    assert urls
    for url in urls:
        assert (path.parent / url).resolve().is_file(), url


def test_editor_js_uses_gpl_licence_and_no_cdn():
    text = EDITOR_JS.read_text(encoding="utf-8")
    assert re.search(r"license_key:\s*[\"']gpl[\"']", text)
    assert "cdn" not in text.lower()
    assert "api_key" not in text


def test_render_is_a_textarea_with_the_escaped_value():
    html = RichTextEditor().render("body", "<p>سلام</p>")
    tag = _textarea(html)
    assert 'name="body"' in tag
    assert 'data-rich-text="1"' in tag
    assert 'data-direction="rtl"' in tag
    assert "&lt;p&gt;سلام&lt;/p&gt;" in html
    assert "<p>سلام</p>" not in html


def test_render_ltr_sets_ltr_direction():
    tag = _textarea(RichTextEditor(direction="ltr").render("body_en", "Hello"))
    assert 'data-direction="ltr"' in tag
    assert 'dir="ltr"' in tag


def test_render_language_follows_active_language():
    with translation.override("fa"):
        assert 'data-language="fa"' in _textarea(RichTextEditor().render("b", ""))
    with translation.override("en"):
        assert 'data-language="en"' in _textarea(RichTextEditor().render("b", ""))
    with translation.override("en"):
        tag = _textarea(RichTextEditor(language="fa").render("b", ""))
        assert 'data-language="fa"' in tag


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        RichTextEditor(direction="up")


def test_media_loads_self_hosted_tinymce_then_editor_js():
    tags = RichTextEditor().media.render_js()
    assert len(tags) == 2
    assert 'src="/static/vendor/tinymce/tinymce.min.js"' in tags[0]
    assert 'src="/static/js/editor.js"' in tags[1]
