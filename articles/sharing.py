"""Share links to the messengers readers use, as plain addresses: no button script,
no counter, nothing loaded from the service until the reader clicks."""

from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

# (name, address with {url} and {text}); WhatsApp takes one text holding both.
# Eitaa and Bale: the public share pages of eitaa.com and ble.ir, which take the same
# url and text as Telegram's and open the app (or its web version) to pick a chat.
SERVICES = (
    (_("Telegram"), "https://t.me/share/url?url={url}&text={text}"),
    (_("WhatsApp"), "https://wa.me/?text={text}%20{url}"),
    (_("X"), "https://x.com/intent/post?url={url}&text={text}"),
    (_("Eitaa"), "https://eitaa.com/share/url?url={url}&text={text}"),
    (_("Bale"), "https://ble.ir/share/url?url={url}&text={text}"),
)


def share_links(url: str, title: str) -> list[dict]:
    """Return each service's name and the address that shares ``url`` and ``title``."""
    encoded = {"url": quote(url, safe=""), "text": quote(title, safe="")}
    return [
        {"name": name, "url": pattern.format(**encoded)} for name, pattern in SERVICES
    ]
