"""The public pages, and the admin's lockout page, in a real browser.

Playwright drives Debian's chromium at /usr/bin/chromium; no browser is ever
downloaded. Run these alone with ``pytest -m browser``; screenshots land in
``test-artifacts/screenshots/`` at the repository root.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import translation

from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    UserFactory,
    country,
)

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by the ``browser`` fixture, not at collection
    expect = sync_playwright = None

# Every test here talks to the live server, so its rows must be committed; the rows
# the data migrations load (services, countries, groups) come back before each test
# (serialized rollback) and after the module (see ``browser``).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

FONT_STATE = """async () => {
  await document.fonts.ready;
  return {
    check: document.fonts.check('16px Vazirmatn'),
    loaded: [...document.fonts].some(
      f => f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded'
    ),
    bodyFamily: getComputedStyle(document.body).fontFamily,
  };
}"""
DIRECTIONS = """() => ({
  html: getComputedStyle(document.documentElement).direction,
  title: getComputedStyle(document.querySelector('h1.article-title')).direction,
  lang: document.documentElement.lang,
})"""
OVERFLOW = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
})"""


def _unavailable(message: str):
    """CI must run these tests; a developer's machine may lack the browser."""
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(f"{message}; `make browser` installs it")


def _empty_database(aliases) -> None:
    for alias in aliases:
        call_command(
            "flush",
            database=alias,
            interactive=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    """One chromium for the whole module; each test opens its own context.

    While Playwright's sync API is active its event loop counts as running in this
    thread, and Django reacts in two ways: the ORM refuses calls "from an async
    context" (DJANGO_ALLOW_ASYNC_UNSAFE is the documented way out, set here only),
    and ``connections`` hands out other connection objects, which lack the rows
    the data migrations loaded, serialized at set-up. They are given them, so that
    serialized rollback reloads them before each test. The database is emptied
    first (an earlier transactional test may have flushed it and let
    ``post_migrate`` recreate content types under new ids, which the reload would
    collide with), and the rows are loaded once more after the last test's flush
    so that later tests, and a reused database, still have them.
    """
    if sync_playwright is None:
        _unavailable("Playwright for Python is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"No chromium at {CHROMIUM}")
    migrated = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with django_db_blocker.unblock():
        _empty_database(migrated)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as p:
            for alias, contents in migrated.items():
                connections[alias]._test_serialized_contents = contents
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    with django_db_blocker.unblock():
        _empty_database(migrated)
        for alias, contents in migrated.items():
            connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def persian_article(**kwargs):
    fields = {
        "rootitr_fa": "در دیدار با هیئت اقتصادی",
        "title_fa": "استاندار آذربایجان شرقی: تبریز میزبان نمایشگاه بین‌المللی می‌شود",
        "lead_fa": (
            "استاندار آذربایجان شرقی در دیدار با هیئت تجاری گفت نمایشگاه بین‌المللی "
            "صنایع غذایی پاییز امسال در تبریز برگزار می‌شود."
        ),
        "body_fa": (
            "<p>به گزارش خبرنگار ما، این نمایشگاه با حضور شرکت‌هایی از ترکیه، "
            "قزاقستان و جمهوری آذربایجان برگزار خواهد شد.</p>"
            "<p>وی افزود: «آماده‌سازی سالن‌ها از هفته آینده آغاز می‌شود و ۱۲۰ "
            "غرفه برای شرکت‌کنندگان خارجی در نظر گرفته شده است.»</p>"
        ),
    }
    fields.update(kwargs)
    return ArticleFactory(**fields)


def requests_to_other_hosts(urls: list[str], origin: str) -> list[str]:
    """The recorded URLs whose host:port is not the live server's."""
    expected = urlsplit(origin).netloc
    return [
        url
        for url in urls
        if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != expected
    ]


def result_links(page):
    return page.locator("ol.story-list .story-title a")


def test_persian_article_is_right_to_left_in_vazirmatn(page):
    article = persian_article()

    page.goto(article.get_absolute_url())

    directions = page.evaluate(DIRECTIONS)
    assert directions == {"html": "rtl", "title": "rtl", "lang": "fa"}
    font = page.evaluate(FONT_STATE)
    assert font["check"], "document.fonts.check('16px Vazirmatn') is false"
    assert font["loaded"], "no Vazirmatn FontFace has status 'loaded'"
    assert re.match(r"""["']?Vazirmatn\b""", font["bodyFamily"]), font["bodyFamily"]


def test_pages_request_nothing_from_another_host(page, live_server):
    official = OfficialFactory(slug="official-a")
    article = persian_article(
        title_en="Tabriz to host a fair",
        lead_en="A food fair opens this autumn.",
        body_en="<p>Companies from Türkiye are expected.</p>",
        is_lead=True,
    )
    article.officials.add(official)
    article.countries.add(country("TR"))
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    for path in ("/", article.get_absolute_url(), "/news/?official=official-a", "/en/"):
        page.goto(path)
        page.wait_for_load_state("load")

    assert any("/static/vendor/vazirmatn/" in url for url in requests)
    assert requests_to_other_hosts(requests, live_server.url) == []


def test_filter_form_narrows_by_official_and_country_and_a_chip_widens_again(page):
    official_a = OfficialFactory(slug="official-a")
    official_b = OfficialFactory(slug="official-b")
    kz, tr = country("KZ"), country("TR")
    tagged = {
        "match": ([official_a], [kz]),
        "official-a-only": ([official_a], []),
        "kz-only": ([], [kz]),
        "official-b-and-kz": ([official_b], [kz]),
        "official-a-and-tr": ([official_a], [tr]),
    }
    for title, (officials, countries) in tagged.items():
        article = ArticleFactory(title_fa=title)
        article.officials.set(officials)
        article.countries.set(countries)

    page.goto("/news/")
    page.check("input[name=official][value=official-a]")
    page.check("input[name=country][value=kz]")
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url(lambda url: "country=kz" in url)

    assert "official=official-a" in page.url
    expect(result_links(page)).to_have_text(["match"])

    page.locator("a.chip-remove", has_text=kz.name_fa).click()
    page.wait_for_url(lambda url: "country=" not in url)

    assert "official=official-a" in page.url
    # Newest first: the articles were created in the order of ``tagged``.
    expect(result_links(page)).to_have_text(
        ["official-a-and-tr", "official-a-only", "match"]
    )


def test_the_filters_box_narrows_a_list_and_the_articles_buttons_work(page):
    for name, slug in [("بهرامی", "b"), ("پورمحمدی", "p"), ("گرگانی", "g")]:
        OfficialFactory(name_fa=name, slug=slug)
    article = persian_article()
    page.set_viewport_size(PHONE)

    page.goto("/news/")
    officials = page.locator("#f-official li")
    expect(officials).to_have_count(3)
    box = page.locator("input.narrow[aria-controls=f-official]")
    expect(box).to_be_visible()
    box.fill("پور")
    expect(page.locator("#f-official li:visible")).to_have_text(["پورمحمدی"])
    page.locator("#f-official li:visible label").click()
    box.fill("")
    expect(officials.filter(visible=True)).to_have_count(3)
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_url(lambda url: "official=p" in url)

    page.goto(article.get_absolute_url())
    expect(page.locator(".share a")).to_have_count(5)
    page.locator("button.copy-link").click()
    expect(page.locator(".share-status")).not_to_be_empty()
    expect(page.locator("button.print-page")).to_be_visible()

    # A browser that runs no script shows no button that would do nothing.
    context = page.context.browser.new_context(
        base_url=page.url.split("/news/")[0], java_script_enabled=False
    )
    without = context.new_page()
    without.goto(article.get_absolute_url())
    expect(without.locator(".share a")).to_have_count(5)
    expect(without.locator("button.copy-link")).to_be_hidden()
    without.goto("/news/")
    expect(without.locator("input.narrow").first).to_be_hidden()
    context.close()


def test_home_article_and_filter_fit_a_phone_and_a_desktop(page):
    officials = [OfficialFactory(slug="official-a"), OfficialFactory(slug="official-b")]
    topic = TopicFactory()
    article = persian_article(is_lead=True, is_breaking=True)
    article.officials.set(officials)
    article.countries.set([country("KZ"), country("TR"), country("AZ")])
    article.topics.add(topic)
    for n in range(6):
        other = persian_article(
            title_fa=f"خبر شماره {n + 1} درباره بازار ارز و قیمت طلا در تبریز",
            is_lead=n < 2,
        )
        other.countries.add(country("TR"))
        other.officials.add(officials[n % 2])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "filter": "/news/?official=official-a&country=tr",
    }

    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        for name, path in pages.items():
            page.goto(path)
            page.evaluate("document.fonts.ready.then(() => true)")
            shot = SCREENSHOTS / f"{name}-{size_name}.png"
            page.screenshot(path=str(shot), full_page=True)

            assert shot.is_file()
            assert shot.stat().st_size > 0
            if size_name == "phone":
                width = page.evaluate(OVERFLOW)
                assert width["scrollWidth"] <= width["innerWidth"] + 1, (name, width)


def test_english_article_is_left_to_right(page):
    article = persian_article(
        title_en="East Azerbaijan governor: Tabriz will host an international fair",
        lead_en="The governor told a trade delegation the food fair opens this autumn.",
        body_en="<p>Companies from Türkiye and Kazakhstan are expected to attend.</p>",
    )
    with translation.override("en"):
        url = article.get_absolute_url()
    assert url.startswith("/en/news/")

    page.goto(url)

    assert page.evaluate(DIRECTIONS) == {"html": "ltr", "title": "ltr", "lang": "en"}


# Every refusal of the content-security policy, as the page itself sees it.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


def test_no_page_breaks_the_content_security_policy(page, live_server):
    from django.urls import reverse

    from tests.factories import UserFactory

    article = persian_article()
    UserFactory(username="csp-chief", is_staff=True, is_superuser=True)
    page.context.add_init_script(CSP_LISTENER)
    console = []
    page.on("console", lambda message: console.append(message.text))
    seen = {}

    def visit(path, ready=None):
        page.goto(path)
        page.wait_for_load_state("load")
        if ready:
            page.locator(ready).first.wait_for(state="visible")
        seen[path] = page.evaluate("window.__cspViolations")

    for path in ("/", article.get_absolute_url(), "/news/"):
        visit(path)
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-chief")
    page.fill("#id_password", "a-Strong-pass-1405")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    # The article form with its editor (TinyMCE) running, and the wire import.
    visit(reverse("admin:articles_article_change", args=[article.pk]), ".tox-tinymce")
    visit(reverse("admin:articles_article_import"), "textarea")

    assert {path: found for path, found in seen.items() if found} == {}
    assert [m for m in console if "Content Security Policy" in m] == []
    assert len(seen) == 5


def test_a_locked_out_login_gets_a_persian_page_under_the_site_policy(page):
    UserFactory(username="chief", is_staff=True)
    refused = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )

    page.goto("/admin/login/")
    for _ in range(5):
        page.fill("#id_username", "chief")
        page.fill("#id_password", "wrong")
        page.click("#login-form [type=submit]")
        page.wait_for_load_state("load")

    expect(page.locator(".errornote")).to_contain_text("ورود موقتاً بسته شده است")
    expect(page.locator("#content-main")).to_contain_text("دوباره امتحان کنید")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("#login-form").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"login-locked-{size_name}.png"))
    assert refused == []
