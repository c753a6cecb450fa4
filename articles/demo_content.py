"""Read the demo newsroom's content from the JSON files in ``articles/demo/``.

The files are the content; ``seed_demo`` is the logic that loads them:

    topics.json      topics: slug, Persian and English name
    officials.json   officials with their positions over time (Jalali from/to dates)
    staff.json       one demo login per role, and the desks the editor works on
    wire_story.json  the agency's sample wire story, cleaned by hand into its fields
    articles/<service>.json  each desk's stories: the state the demo shows them in
                     (``status``), any states passed on the way (``via``), how many
                     days ago they were filed (``days_ago``, negative for a scheduled
                     story) and the notes written along the way (``notes``, by
                     transition name, e.g. ``send_back``); ``photo`` names the
                     drawn library photo it shows (``articles.demo_photos.SCENES``),
                     and a photo story's ``gallery`` lists its photos in order,
                     each with its ``caption`` and ``caption_en``
"""

import json
from pathlib import Path

from topics.desks import DESKS

# Found beside this module, whatever the working directory.
DEMO_DIR = Path(__file__).resolve().parent / "demo"
ARTICLE_KEYS = ("title", "status", "days_ago")


class DemoDataError(Exception):
    """A demo file is missing or broken; ``str(error)`` names the file and the place."""


def read(name: str):
    """Return the parsed JSON of ``name``, a path relative to the demo folder."""
    path = DEMO_DIR / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise DemoDataError(f"{path}: not UTF-8 ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise DemoDataError(
            f"{path}: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def topics() -> list[dict]:
    return read("topics.json")


def officials() -> list[dict]:
    return read("officials.json")


def staff() -> list[dict]:
    return read("staff.json")


def wire_story() -> dict:
    return read("wire_story.json")


def articles() -> list[dict]:
    """Return every desk's stories in the site's desk order, each told its service."""
    order = {slug: position for position, (slug, *_) in enumerate(DESKS)}
    files = sorted(
        (DEMO_DIR / "articles").glob("*.json"),
        key=lambda path: (order.get(path.stem, len(order)), path.stem),
    )
    stories = []
    for path in files:
        name = f"articles/{path.name}"
        if path.stem not in order:
            raise DemoDataError(
                f"{path}: no service “{path.stem}”; name the file after one of "
                + ", ".join(order)
            )
        for number, item in enumerate(read(name), start=1):
            missing = [key for key in ARTICLE_KEYS if key not in item]
            if missing:
                raise DemoDataError(
                    f"{path}: story {number} has no {', '.join(missing)}"
                )
            stories.append({**item, "service": path.stem})
    return stories
