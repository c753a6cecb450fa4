"""Photos in a real browser: from the site itself, sized, no layout shift; and a
screenshot of every page type at a phone's and a laptop's width.

Uses the browser and page fixtures of test_pages.py (Debian's chromium, never a
downloaded one). Screenshots land in ``test-artifacts/screenshots/``.
"""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from persian.jalali import to_jalali
from tests.browser import test_pages
from tests.browser.test_pages import (
    PHONE,
    SCREENSHOTS,
    expect,
    persian_article,
    requests_to_other_hosts,
)
from tests.factories import (
    OfficialFactory,
    TopicFactory,
    country,
    library_photo,
    service,
)

# The fixtures of test_pages.py: one chromium for the module, a page per test.
browser = test_pages.browser
page = test_pages.page
# As in test_pages.py: the live server needs committed rows.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAPTOP = {"width": 1366, "height": 768}
SIZES = {"360": PHONE, "1366": LAPTOP}

# Every image of the page, lazy ones too, asked for now; true once all are in.
LOAD_EVERY_IMAGE = """() => {
  for (const img of document.images) img.loading = 'eager';
}"""
EVERY_IMAGE_IN = "() => [...document.images].every(img => img.complete)"
IMAGES = """() => [...document.images].map(img => ({
  html: img.outerHTML.slice(0, 160),
  width: img.getAttribute('width'),
  height: img.getAttribute('height'),
  drawn: img.naturalWidth > 0,
}))"""
# Resolves once the page has been painted with its fonts: two animation frames.
PAINTED = """() => document.fonts.ready.then(() => new Promise(
  done => requestAnimationFrame(() => requestAnimationFrame(done))
))"""
IMAGES_IN_VIEW_IN = """() => [...document.images]
  .filter(img => img.getBoundingClientRect().top < innerHeight)
  .every(img => img.complete)"""
# The page's layout shifts so far, from the buffer: every one not caused by input.
LAYOUT_SHIFT = """() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({type: 'layout-shift', buffered: true});
  const shifts = observer.takeRecords().filter(entry => !entry.hadRecentInput);
  observer.disconnect();
  return shifts.reduce((sum, entry) => sum + entry.value, 0);
}"""


def photographed_article(**fields):
    photo = library_photo(
        size=(1600, 900),
        caption_fa="پل تاریخی آجی‌چای در تبریز",
        credit="تحریریه",
    )
    return persian_article(photo=photo, **fields)


@pytest.fixture
def newsroom():
    """A small newsroom: stories with photos on the home page, one official (with
    a photo), one country, one topic, all on the lead story; a photo story; an
    English story."""
    official = OfficialFactory(slug="official-a", photo=library_photo(size=(600, 800)))
    topic = TopicFactory(slug="topic-a")
    lead = photographed_article(
        is_lead=True,
        title_en="Tabriz to host an international food fair",
        lead_en="The governor told a trade delegation the fair opens this autumn.",
        body_en="<p>Companies from Türkiye and Kazakhstan are expected.</p>",
    )
    lead.officials.add(official)
    lead.countries.add(country("TR"))
    lead.topics.add(topic)
    for n in range(4):
        other = photographed_article(
            title_fa=f"خبر شماره {n + 1} درباره بازار ارز و قیمت طلا در تبریز",
            service=service(("economic", "social")[n % 2]),
        )
        other.officials.add(official)
        other.countries.add(country("TR"))
    story = photographed_article(
        title_fa="گزارش تصویری: برف در روستاهای آذربایجان شرقی",
        article_type=Article.Type.PHOTO,
    )
    return {"lead": lead, "official": official, "topic": topic, "story": story}


def test_every_image_comes_from_the_site_and_has_its_size(page, live_server, newsroom):
    lead = newsroom["lead"]
    images = []
    page.on(
        "request",
        lambda request: (
            images.append(request.url) if request.resource_type == "image" else None
        ),
    )
    paths = {
        "home": "/",
        "article": lead.get_absolute_url(),
        "service list": lead.service.get_absolute_url(),
        "filter": "/news/?official=official-a&country=tr",
        "official": "/official/official-a/",
    }

    for size in SIZES.values():
        page.set_viewport_size(size)
        for name, path in paths.items():
            page.goto(path)
            page.evaluate(LOAD_EVERY_IMAGE)
            page.wait_for_function(EVERY_IMAGE_IN)
            shown = page.evaluate(IMAGES)

            assert shown, f"{name}: no image on the page"
            unsized = [i["html"] for i in shown if not (i["width"] and i["height"])]
            assert unsized == [], f"{name}: images without width and height"
            assert all(i["drawn"] for i in shown), f"{name}: an image did not load"

    assert any("/media/photos/" in url for url in images)
    assert requests_to_other_hosts(images, live_server.url) == []


def test_home_and_article_do_not_shift_as_photos_and_fonts_arrive(page, newsroom):
    """Photos are held back until the page has been painted: a photo that reserves
    no room pushes the text down when it arrives, and that counts here."""
    held = []
    pages = {"home": "/", "article": newsroom["lead"].get_absolute_url()}
    shifts = {}

    for size_name, size in SIZES.items():
        page.set_viewport_size(size)
        for name, path in pages.items():
            page.route("**/media/**", lambda route: held.append(route))
            page.goto(path, wait_until="domcontentloaded")
            page.evaluate(PAINTED)
            while held:
                held.pop().continue_()
            page.unroute("**/media/**")  # and lets any photo asked for since go
            held.clear()
            page.wait_for_load_state("load")
            page.wait_for_function(IMAGES_IN_VIEW_IN)
            page.evaluate(PAINTED)
            shifts[f"{name} at {size_name}"] = page.evaluate(LAYOUT_SHIFT)

    assert len(shifts) == 4
    assert {where: value for where, value in shifts.items() if value > 0.02} == {}


NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
HEADER_CELLS_FIT = """[...document.querySelectorAll("th")].every(
  (cell) => cell.scrollWidth <= cell.clientWidth
)"""


def test_every_page_type_renders_at_a_phone_and_a_laptop_width(page, newsroom):
    lead, story = newsroom["lead"], newsroom["story"]
    day = to_jalali(timezone.localtime(lead.published_at))
    with translation.override("en"):
        english_article = lead.get_absolute_url()
    pages = {
        "home": "/",
        "article": lead.get_absolute_url(),
        "photo-story": story.get_absolute_url(),
        "service": lead.service.get_absolute_url(),
        "tag": newsroom["topic"].get_absolute_url(),
        "official": newsroom["official"].get_absolute_url(),
        "country": country("TR").get_absolute_url(),
        "filter": "/news/?official=official-a&country=tr",
        "search": "/search/?q=" + "تبریز",
        "archive-month": reverse("articles:archive_month", args=[day.year, day.month]),
        "archive-day": reverse(
            "articles:archive_day", args=[day.year, day.month, day.day]
        ),
        "en-home": "/en/",
        "en-article": english_article,
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = []

    for size_name, size in SIZES.items():
        page.set_viewport_size(size)
        for name, path in pages.items():
            response = page.goto(path)
            assert response.status == 200, (name, path, response.status)
            expect(page.locator("main#main")).to_be_visible()
            expect(page.locator("main h1").first).not_to_be_empty()
            page.evaluate(PAINTED)
            # Nothing wider than the screen, no weekday cut short in the calendar.
            assert page.evaluate(NO_SIDEWAYS_SCROLL), (name, size_name)
            assert page.evaluate(HEADER_CELLS_FIT), (name, size_name)
            shot = SCREENSHOTS / f"photos-{name}-{size_name}.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot)

    assert all(shot.stat().st_size > 0 for shot in shots)
    assert len(shots) == 2 * len(pages)
