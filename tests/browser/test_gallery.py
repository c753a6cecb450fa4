"""A photo story's gallery in a real browser: keys, buttons, counter, at two widths.

Uses the ``browser`` and ``page`` fixtures of test_pages.py (Debian's chromium,
never a download); run these alone with ``pytest -m browser``.
"""

import pytest
from django.utils import translation

from tests.browser.test_pages import CSP_LISTENER, browser, page  # noqa: F401
from tests.factories import photo_story

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the ``browser`` fixture
    expect = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHOTOS = 4
# The slide the reader sees: the one under the middle of the photo's box (the
# buttons and counter around it let clicks and this look go through).
SHOWN = """() => {
  const strip = document.querySelector('.gallery-strip');
  const box = strip.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.width * 9 / 32;
  const under = document.elementFromPoint(x, y);
  const slide = under && under.closest('.gallery-slide');
  return slide ? slide.id : null;
}"""


def expect_photo(page, number: int, counter: str) -> None:  # noqa: F811
    """Photo ``number`` is the one in view, and the counter says ``counter``."""
    expect(page.locator(".gallery-counter")).to_have_text(counter)
    page.wait_for_function(
        f"expected => ({SHOWN})() === expected", arg=f"photo-{number}"
    )
    expect(page.locator(f"#photo-{number}")).to_have_attribute("aria-hidden", "false")


@pytest.mark.parametrize("width", [360, 1366])
def test_a_persian_photo_story_goes_photo_by_photo(page, width):  # noqa: F811
    story = photo_story(photos=PHOTOS)
    page.context.add_init_script(CSP_LISTENER)
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(story.get_absolute_url())
    page.locator(".gallery").scroll_into_view_if_needed()
    expect_photo(page, 1, "۱ از ۴")
    previous, next_ = page.locator(".gallery-prev"), page.locator(".gallery-next")
    expect(previous).to_have_attribute("aria-disabled", "true")

    # Right to left: the next photo lies to the left.
    page.locator(".gallery-strip").focus()
    page.keyboard.press("ArrowLeft")
    expect_photo(page, 2, "۲ از ۴")
    page.keyboard.press("ArrowLeft")
    expect_photo(page, 3, "۳ از ۴")
    page.keyboard.press("ArrowRight")
    expect_photo(page, 2, "۲ از ۴")
    page.keyboard.press("End")
    expect_photo(page, 4, "۴ از ۴")
    expect(next_).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Home")
    expect_photo(page, 1, "۱ از ۴")

    next_.click()
    expect_photo(page, 2, "۲ از ۴")
    next_.click()
    expect_photo(page, 3, "۳ از ۴")
    expect(next_).to_be_focused()  # the focus stays where the reader is
    previous.click()
    expect_photo(page, 2, "۲ از ۴")
    # Keys work from the buttons too, and stop at the ends.
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    expect_photo(page, 4, "۴ از ۴")

    assert page.evaluate("window.__cspViolations") == []
    # Every photo of the strip has its box before it loads: nothing moves.
    boxes = page.locator(".gallery-slide img").evaluate_all(
        "imgs => imgs.map(i => i.getAttribute('width') && i.getAttribute('height'))"
    )
    assert all(boxes) and len(boxes) == PHOTOS


def test_an_english_photo_story_goes_left_to_right(page):  # noqa: F811
    story = photo_story(
        photos=PHOTOS,
        title_en="A photo story",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    with translation.override("en"):
        url = story.get_absolute_url()
    page.context.add_init_script(CSP_LISTENER)
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(url)
    page.locator(".gallery").scroll_into_view_if_needed()
    expect_photo(page, 1, "1 of 4")
    page.locator(".gallery-strip").focus()
    page.keyboard.press("ArrowRight")
    expect_photo(page, 2, "2 of 4")
    page.keyboard.press("ArrowLeft")
    expect_photo(page, 1, "1 of 4")
    page.keyboard.press("End")
    expect_photo(page, 4, "4 of 4")
    expect(page.locator("#photo-4 figcaption")).to_contain_text("Caption of photo 4")

    assert page.evaluate("window.__cspViolations") == []


def test_swiping_the_strip_moves_the_counter_with_it(page):  # noqa: F811
    story = photo_story(photos=PHOTOS)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(story.get_absolute_url())
    page.locator(".gallery").scroll_into_view_if_needed()
    expect_photo(page, 1, "۱ از ۴")

    # What a finger's swipe does: scroll the strip by a photo and a bit, then let go.
    page.locator(".gallery-strip").evaluate(
        "strip => strip.scrollBy({left: -strip.clientWidth * 1.2, behavior: 'instant'})"
    )

    expect_photo(page, 2, "۲ از ۴")
