"""The newsroom's roles: auth groups with Persian names and their permissions."""

REPORTER = "خبرنگار"
EDITOR = "دبیر سرویس"
CHIEF = "سردبیر"
ADMINISTRATOR = "مدیر سامانه"

_VIEW_TAGS = [
    "officials.view_official",
    "officials.view_position",
    "topics.view_service",
    "topics.view_topic",
    "topics.view_country",
]
_MANAGE_TAGS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("officials", "official"),
        ("officials", "position"),
        ("topics", "topic"),
    ]
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REPORTER: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
    ]
    + _VIEW_TAGS,
    EDITOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_correction",
    ]
    + _VIEW_TAGS,
    CHIEF: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.add_correction",
        "articles.change_correction",
        "articles.view_correction",
        "topics.change_service",
    ]
    + _VIEW_TAGS
    + _MANAGE_TAGS,
    ADMINISTRATOR: [
        f"auth.{action}_{model}"
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ],
}
