"""The newsroom's roles: auth groups with Persian names and their permissions.

Migrations create the groups; a test keeps this table and the database in step.
"""

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
    for action in ("add", "change", "delete")
]
_WRITE = ["articles.add_article", "articles.change_article", "articles.view_article"]
# The photo library: every desk finds, uploads and captions photos; the chief also
# deletes them.
_PHOTOS = ["photos.view_photo", "photos.add_photo", "photos.change_photo"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    REPORTER: _WRITE + _VIEW_TAGS + _PHOTOS,
    EDITOR: _WRITE
    + _VIEW_TAGS
    + _PHOTOS
    + [
        "articles.view_correction",
        "articles.publish_article",
    ],
    CHIEF: _WRITE
    + _VIEW_TAGS
    + _MANAGE_TAGS
    + _PHOTOS
    + [
        "photos.delete_photo",
        "articles.add_correction",
        "articles.change_correction",
        "articles.view_correction",
        "articles.publish_article",
        "articles.unpublish_article",
        "articles.correct_article",
        "articles.choose_lead_story",
        "articles.work_all_services",
        "topics.change_service",
    ],
    ADMINISTRATOR: [
        f"auth.{action}_{model}"
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ]
    + ["topics.view_service", "topics.change_service"]
    # Login lockouts: read them, lift one by deleting it.
    + [
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
    ],
}
