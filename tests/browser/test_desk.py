"""The desk in a real browser: new copy is announced without a reload, the selection
counter keeps Persian digits, the admin is set in Vazirmatn, and no admin page of the
desk breaks the content-security policy. Screenshots of the desk at 1366×768."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.browser import test_pages
from tests.factories import ArticleFactory, UserFactory

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the ``browser`` fixture
    expect = None

pytestmark = test_pages.pytestmark
browser = test_pages.browser  # one chromium for the module, as in test_pages
S = Article.Status
WIDE = {"width": 1366, "height": 768}
PASSWORD = "a-Strong-pass-1405"


@pytest.fixture
def chief_page(browser, live_server):
    UserFactory(username="desk-chief", is_staff=True, is_superuser=True)
    context = browser.new_context(base_url=live_server.url, viewport=WIDE)
    context.set_default_timeout(10_000)
    context.add_init_script(test_pages.CSP_LISTENER)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "desk-chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def test_new_copy_is_announced_without_a_reload(chief_page):
    page = chief_page
    ArticleFactory.create_batch(2, status=S.REVIEW, published_at=None)
    page.clock.install()
    page.goto(reverse("admin:articles_article_changelist") + "?queue=review")
    expect(page.locator(".desk-count[data-queue=review]")).to_have_text("(۲)")
    notice = page.locator(".desk-fresh")
    expect(notice).to_be_hidden()

    fresh = ArticleFactory(
        status=S.REVIEW, published_at=None, title_fa="خبر تازهٔ رسیده به میز"
    )
    page.clock.run_for(31_000)  # the desk asks every 30 s

    expect(notice).to_be_visible()
    expect(notice).to_contain_text("۱ خبر تازه — نمایش")
    expect(page.locator(".desk-count[data-queue=review]")).to_have_text("(۳)")
    assert page.locator("#result_list").inner_text().count(fresh.title_fa) == 0
    notice.get_by_role("link").click()
    expect(page.locator("#result_list")).to_contain_text(fresh.title_fa)
    expect(notice).to_be_hidden()
    assert page.evaluate("window.__cspViolations") == []


def test_the_selection_counter_keeps_persian_digits(chief_page):
    page = chief_page
    ArticleFactory.create_batch(3, status=S.REVIEW, published_at=None)
    page.goto(reverse("admin:articles_article_changelist") + "?queue=review")
    counter = page.locator(".actions .action-counter")
    expect(counter).to_have_text("۰ از ۳ انتخاب شده‌اند")
    page.locator("input.action-select").first.check()
    expect(counter).to_contain_text("۱")
    assert not any(c.isascii() and c.isdigit() for c in counter.inner_text())


def test_the_desk_is_set_in_vazirmatn_under_the_site_policy(chief_page):
    page = chief_page
    for status in (S.REVIEW, S.REVIEW, S.APPROVED, S.DRAFT):
        ArticleFactory(status=status, published_at=None)
    later = timezone.now() + datetime.timedelta(hours=3)
    ArticleFactory(status=S.SCHEDULED, published_at=later)
    ArticleFactory.create_batch(3, status=S.PUBLISHED)
    screenshots = test_pages.SCREENSHOTS
    screenshots.mkdir(parents=True, exist_ok=True)
    for name, path in (
        ("desk-front-page", reverse("admin:index")),
        ("desk-queue", reverse("admin:articles_article_changelist") + "?queue=review"),
    ):
        page.goto(path)
        font = page.evaluate(test_pages.FONT_STATE)
        assert font["check"] and font["loaded"], font
        assert font["bodyFamily"].startswith("Vazirmatn"), font["bodyFamily"]
        page.screenshot(path=str(screenshots / f"{name}-1366.png"))
        assert page.evaluate("window.__cspViolations") == [], path
