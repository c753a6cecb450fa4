"""Autosave of the article form in a real browser: text typed, never saved, comes back.

Uses the live server and chromium of tests/browser/test_pages.py. The page is made
hidden (as when the editor switches tabs) to send the autosave at once, instead of
waiting for its 20-second timer. The live server shares the test's database
connection, so the database is read here only while no tab can call the server.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles import roles
from articles.drafts import EditorDraft
from articles.models import Article
from tests.browser import test_pages
from tests.factories import ArticleFactory, UserFactory

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture reports it
    expect = None

# The fixtures of the public pages' tests: one chromium, a fresh context per test.
browser = test_pages.browser
page = test_pages.page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "استاندار آذربایجان شرقی از بازار تبریز بازدید کرد"
TYPED_TITLE = "استاندار آذربایجان شرقی از بازار بزرگ تبریز بازدید کرد"
TYPED_WORDS = "غرفه‌داران از رونق بازار گفتند"
AUTOSAVE = re.compile(r"/autosave/$")
# What the browser does when the editor switches to another tab.
HIDE_PAGE = """() => {
  Object.defineProperty(
    document, "visibilityState", {value: "hidden", configurable: true}
  );
  document.dispatchEvent(new Event("visibilitychange"));
}"""
LOCAL_COPY_HOLDS = """(words) => Object.keys(localStorage).some(
  (key) => key.startsWith("newsroom-autosave:")
    && localStorage.getItem(key).includes(words)
)"""
LOCAL_COPIES = """() => Object.keys(localStorage).filter(
  (key) => key.startsWith("newsroom-autosave:")
).length"""
BODY = "() => tinymce.get('id_body_fa').getContent()"
# The most any step may take: the admin with its editor is slow on a busy machine.
WAIT = 30_000


@pytest.fixture
def reporter():
    user = UserFactory(username="reporter", is_staff=True, first_name="رضا")
    user.groups.add(Group.objects.get(name=roles.REPORTER))
    return user


@pytest.fixture
def story(reporter):
    return ArticleFactory(
        author=reporter,
        status=Article.Status.DRAFT,
        published_at=None,
        title_fa=TITLE,
        body_fa="<p>به گزارش خبرنگار ما، بازدید دو ساعت طول کشید.</p>",
    )


def log_in(page, live_server, user) -> None:
    """Give the page's browser a session of ``user``, as a login would."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    cookie = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
    page.context.add_cookies([cookie])


def open_form(context, article=None):
    """Open the article's change form (or the add page) in a new tab, its editor
    running."""
    tab = context.new_page()
    tab.set_default_timeout(WAIT)
    if article is None:
        tab.goto(reverse("admin:articles_article_add"))
    else:
        tab.goto(reverse("admin:articles_article_change", args=[article.pk]))
    tab.locator(".tox-tinymce").first.wait_for(state="visible")
    return tab


def type_text(tab) -> None:
    tab.fill("#id_title_fa", TYPED_TITLE)
    body = tab.frame_locator("#id_body_fa_ifr").locator("body")
    body.click()
    body.press("Control+End")
    tab.keyboard.type(" " + TYPED_WORDS)


def block_autosave(context) -> None:
    context.route(AUTOSAVE, lambda route: route.abort())


def close_offline(tab) -> None:
    """Close the tab with the network down, so that the autosave it sends as it
    goes reaches no server (the live server shares the test's database
    connection). Not with ``route``: a request it holds when the tab closes
    goes through. The network comes back with autosave refused, so that one the
    closing tab left for later (a beacon) is not delivered then."""
    tab.context.set_offline(True)
    tab.context.unroute_all(behavior="ignoreErrors")
    tab.close()
    block_autosave(tab.context)
    tab.context.set_offline(False)


def is_autosave(response) -> bool:
    return bool(AUTOSAVE.search(response.url)) and response.request.method == "POST"


def test_text_typed_then_left_unsaved_is_offered_back_and_restored(
    page, live_server, reporter, story
):
    log_in(page, live_server, reporter)
    tab = open_form(page.context, story)
    type_text(tab)

    with tab.expect_response(is_autosave) as sent:
        tab.evaluate(HIDE_PAGE)
    assert sent.value.status == 200
    expect(tab.locator(".autosave-status")).to_contain_text(
        "روی سرور نگه داشته شد", timeout=WAIT
    )
    tab.close()  # without saving

    tab = open_form(page.context, story)
    offer = tab.locator(".autosave-slot .autosave-offer")
    expect(offer).to_contain_text("متن ذخیره‌نشده‌ای از", timeout=WAIT)
    expect(offer.locator("ins").first).to_contain_text("بزرگ", timeout=WAIT)
    expect(offer).to_contain_text(TYPED_WORDS, timeout=WAIT)
    # Nothing is put back until the user asks.
    assert tab.input_value("#id_title_fa") == TITLE
    assert TYPED_WORDS not in tab.evaluate(BODY)

    offer.get_by_role("button", name="بازگرداندن").click()

    assert tab.input_value("#id_title_fa") == TYPED_TITLE
    assert TYPED_WORDS in tab.evaluate(BODY)
    expect(tab.locator(".autosave-slot .autosave-offer")).to_have_count(0, timeout=WAIT)
    close_offline(tab)
    story.refresh_from_db()
    assert story.title_fa == TITLE  # the draft never touched the article


def test_text_typed_while_the_server_is_unreachable_is_offered_from_the_browser(
    page, live_server, reporter, story
):
    log_in(page, live_server, reporter)
    block_autosave(page.context)
    tab = open_form(page.context, story)
    type_text(tab)
    tab.wait_for_function(LOCAL_COPY_HOLDS, arg=TYPED_WORDS)
    with tab.expect_request(lambda request: bool(AUTOSAVE.search(request.url))):
        tab.evaluate(HIDE_PAGE)
    expect(tab.locator(".autosave-status")).to_contain_text(
        "سرور در دسترس نیست", timeout=WAIT
    )
    close_offline(tab)
    assert not EditorDraft.objects.exists()

    block_autosave(page.context)  # the server still unreachable
    tab = open_form(page.context, story)
    offer = tab.locator(".autosave-slot .autosave-offer")
    expect(offer).to_contain_text("فقط در این مرورگر", timeout=WAIT)
    expect(offer.locator("ins").first).to_contain_text("بزرگ", timeout=WAIT)
    expect(offer).to_contain_text(TYPED_WORDS, timeout=WAIT)
    offer.get_by_role("button", name="بازگرداندن").click()

    assert tab.input_value("#id_title_fa") == TYPED_TITLE
    assert TYPED_WORDS in tab.evaluate(BODY)
    close_offline(tab)
    assert not EditorDraft.objects.exists()


def test_text_typed_after_the_session_ended_reaches_the_server_after_a_new_login(
    page, live_server, reporter, story
):
    log_in(page, live_server, reporter)
    tab = open_form(page.context, story)
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    type_text(tab)

    with tab.expect_response(is_autosave):
        tab.evaluate(HIDE_PAGE)
    expect(tab.locator(".autosave-status")).to_contain_text(
        "نشست شما تمام شده است", timeout=WAIT
    )
    assert tab.evaluate(LOCAL_COPY_HOLDS, TYPED_WORDS)

    log_in(page, live_server, reporter)  # in another tab, say
    with tab.expect_response(is_autosave) as sent:
        tab.evaluate(HIDE_PAGE)
    assert sent.value.status == 200

    tab.wait_for_function(f"() => ({LOCAL_COPIES})() === 0")
    close_offline(tab)
    draft = EditorDraft.objects.get(user=reporter, article=story)
    assert draft.fields["title_fa"] == TYPED_TITLE
    assert TYPED_WORDS in draft.fields["body_fa"]


def test_a_new_article_never_saved_is_offered_again_on_the_add_page(
    page, live_server, reporter
):
    log_in(page, live_server, reporter)
    tab = open_form(page.context)
    tab.fill("#id_title_fa", TYPED_TITLE)
    with tab.expect_response(is_autosave) as sent:
        tab.evaluate(HIDE_PAGE)
    assert sent.value.status == 200
    expect(tab.locator(".autosave-status")).to_contain_text(
        "روی سرور نگه داشته شد", timeout=WAIT
    )
    tab.close()

    tab = open_form(page.context)
    offer = tab.locator(".autosave-slot .autosave-offer")
    expect(offer).to_contain_text(TYPED_TITLE, timeout=WAIT)
    offer.get_by_role("button", name="بازگرداندن").click()

    assert tab.input_value("#id_title_fa") == TYPED_TITLE
    # The page now writes to that draft, and its save will remove it.
    token = tab.input_value("input[name=_autosave_token]")
    close_offline(tab)
    assert EditorDraft.objects.get(user=reporter, article=None).token == token
