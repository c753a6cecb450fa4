"""The article editor in a real browser, at a laptop's 1366×768: a reporter writes
and submits from one screen, a chief saves with Ctrl+S and publishes from the top
bar, the checklist warns as they go; and a pasted wire copy becomes a published story
in three clicks. Screenshots of the editor and of the preview page land in
``test-artifacts/screenshots/``.

Uses the live server and chromium of tests/browser/test_pages.py. The live server
shares the test's database connection, so the database is read here only while no
tab can call the server (after a page has loaded).
"""

import re

import pytest
from django.urls import reverse

from articles import roles
from articles.models import Article
from tests.articles.conftest import staff
from tests.browser import test_pages
from tests.browser.test_autosave import log_in
from tests.factories import service

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the ``browser`` fixture
    expect = None

browser = test_pages.browser  # one chromium for the module, as in test_pages
pytestmark = test_pages.pytestmark
S = Article.Status
LAPTOP = {"width": 1366, "height": 768}
# The admin with its editor is slow on a busy machine.
WAIT = 30_000
WIRE = test_pages.Path(__file__).resolve().parents[1] / "fixtures" / "wire"

TITLE = "استاندار آذربایجان شرقی از بازار بزرگ تبریز و راسته‌بازار کفاشان بازدید کرد"
SHORT_TITLE = "استاندار از بازار بزرگ تبریز بازدید کرد"
LEAD = "استاندار آذربایجان شرقی امروز از بازار تبریز بازدید کرد."
WORDS = "به گزارش خبرنگار ما، بازدید دو ساعت طول کشید."
BODY = "(id) => tinymce.get(id).getContent()"


@pytest.fixture
def tab(browser, live_server):
    """A laptop-sized tab, logging the page's content-security violations."""
    context = browser.new_context(base_url=live_server.url, viewport=LAPTOP)
    context.set_default_timeout(WAIT)
    context.add_init_script(test_pages.CSP_LISTENER)
    yield context.new_page()
    context.close()


def open_editor(tab, url: str) -> None:
    tab.goto(url)
    tab.locator(".tox-tinymce").first.wait_for(state="visible")


def assert_in_view(tab, selector: str, *, top_only: bool = False) -> None:
    """``selector`` is on screen without scrolling (its top 60 px if ``top_only``)."""
    box = tab.locator(selector).first.bounding_box()
    assert box is not None, selector
    bottom = box["y"] + (min(box["height"], 60) if top_only else box["height"])
    assert box["y"] >= 0 and bottom <= LAPTOP["height"], (selector, box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], (selector, box)


def shoot(tab, name: str) -> None:
    test_pages.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(test_pages.SCREENSHOTS / name))


def test_a_story_is_written_submitted_checked_and_published_from_the_top_bar(
    tab, live_server
):
    reporter = staff("reporter", roles.REPORTER)
    chief = staff("chief", roles.CHIEF)

    # The reporter: a new article, on one screen.
    log_in(tab, live_server, reporter)
    open_editor(tab, reverse("admin:articles_article_add"))
    for part in ("#editor-bar", "#id_title_fa", "#id_lead_fa"):
        assert_in_view(tab, part)
    assert_in_view(tab, "#id_body_fa_ifr", top_only=True)
    expect(tab.locator("#id_title_fa")).to_be_focused()
    bar = tab.locator("#editor-bar")
    expect(bar.get_by_role("button", name="انتشار فوری")).to_have_count(0)

    # The checklist counts the title as it is typed.
    checklist = tab.locator("#editor-checklist")
    tab.fill("#id_title_fa", TITLE)
    expect(checklist).to_contain_text("نتیجه‌های جست‌وجو حدود ۷۰ نویسه")
    tab.fill("#id_title_fa", SHORT_TITLE)
    expect(checklist).not_to_contain_text("نتیجه‌های جست‌وجو")
    tab.fill("#id_lead_fa", LEAD)
    body = tab.frame_locator("#id_body_fa_ifr").locator("body")
    body.click()
    tab.keyboard.type(WORDS)
    tab.select_option("#id_service", str(service("provinces").pk))

    # English in its own tab: hidden from sight, not from the form.
    english = tab.get_by_role("tab", name=re.compile("انگلیسی"))
    expect(english).to_contain_text("ترجمه نشده")
    english.click()
    expect(tab.locator("#id_title_fa")).to_be_hidden()
    tab.fill("#id_title_en", "The governor visits Tabriz bazaar")
    tab.get_by_role("tab", name="فارسی").click()
    expect(tab.locator("#id_title_fa")).to_be_visible()

    # Saved and submitted in one click, from the top bar.
    bar.get_by_role("button", name="ارسال برای بررسی").click()
    expect(tab.locator("#editor-bar .editor-state")).to_have_text("در انتظار بررسی")
    article = Article.objects.get()
    assert article.status == S.REVIEW
    assert article.title_en == "The governor visits Tabriz bazaar"
    assert WORDS in article.body_fa

    # The chief: the checklist warns; Ctrl+S in the text saves; one click publishes.
    tab.context.clear_cookies()
    log_in(tab, live_server, chief)
    open_editor(tab, reverse("admin:articles_article_change", args=[article.pk]))
    expect(checklist).to_contain_text("خبر عکس ندارد.")
    shoot(tab, "editor-1366x768.png")
    body.click()
    body.press("Control+End")
    tab.keyboard.type(" تا ساعت ۱۲.")
    with tab.expect_navigation():
        body.press("Control+s")
    expect(tab.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert "تا ساعت ۱۲." in article.body_fa and article.status == S.REVIEW

    # A field the server refuses opens the tab that holds it, its error in sight.
    english = tab.get_by_role("tab", name=re.compile("انگلیسی"))
    tab.evaluate("document.getElementById('id_title_en').value = 'T'.repeat(260)")
    expect(english).to_have_attribute("aria-selected", "false")
    with tab.expect_navigation():
        tab.locator("#editor-bar button.editor-save").click()
    tab.locator("fieldset.editor-lang-en .tox-tinymce").wait_for(state="visible")
    expect(english).to_have_attribute("aria-selected", "true")
    expect(english).to_have_class(re.compile("has-errors"))
    expect(tab.locator("fieldset.editor-lang-en .errorlist").first).to_be_visible()
    expect(tab.locator("#id_title_fa")).to_be_hidden()
    tab.fill("#id_title_en", "The governor visits Tabriz bazaar")

    tab.locator("#editor-bar").get_by_role("button", name="انتشار فوری").click()
    expect(tab.locator("#editor-bar .editor-state")).to_have_text("منتشرشده")
    article.refresh_from_db()
    assert article.is_published
    # Now, and only now, it may be seen on the site.
    expect(tab.locator(".object-tools .viewsitelink")).to_have_count(1)

    # The preview at a phone's and a desktop's width, framed by the admin.
    tab.goto(reverse("admin:articles_article_preview_screens", args=[article.pk]))
    for n in range(2):
        title = tab.frame_locator(".preview-screen iframe").nth(n).locator("h1")
        expect(title.first).to_contain_text(SHORT_TITLE)
    shoot(tab, "editor-preview-1366x768.png")
    assert tab.evaluate("window.__cspViolations") == []


def test_a_pasted_wire_copy_is_published_by_a_chief_in_three_clicks(tab, live_server):
    chief = staff("wire-chief", roles.CHIEF)
    log_in(tab, live_server, chief)
    tab.goto(reverse("admin:articles_article_import"))
    clicks = 0

    def click(locator) -> None:
        nonlocal clicks
        locator.click()
        clicks += 1

    tab.fill("#id_raw", (WIRE / "000_94fc70272dc78c07.txt").read_text())  # a paste
    click(tab.get_by_role("button", name="نمایش تجزیه"))
    click(tab.get_by_role("button", name="ساختن پیش‌نویس"))
    tab.locator(".tox-tinymce").first.wait_for(state="visible")
    click(tab.locator("#editor-bar").get_by_role("button", name="انتشار فوری"))
    expect(tab.locator("#editor-bar .editor-state")).to_have_text("منتشرشده")
    assert clicks == 3  # the issue allows four
    assert Article.objects.get().is_published
    assert tab.evaluate("window.__cspViolations") == []
