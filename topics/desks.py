"""The agency's fixed desks (services), created by a data migration."""

# (slug, Persian name, English name), in the order the site shows them.
DESKS = [
    ("political", "سیاسی", "Politics"),
    ("economic", "اقتصادی", "Economy"),
    ("social", "اجتماعی", "Society"),
    ("cultural", "فرهنگی", "Culture"),
    ("sports", "ورزشی", "Sports"),
    ("international", "بین‌الملل", "International"),
    ("provinces", "استان‌ها", "Provinces"),
]
