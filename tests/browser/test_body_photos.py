"""«عکس از آرشیو» in a real browser: the editor picks a library photo into the text,
and the article page shows it from its renditions.

Fixtures come from test_pages.py (one chromium per module, a page per test).
"""

import re

import pytest
from django.urls import reverse

from articles.models import Article, BodyPhoto
from tests.browser.test_pages import CSP_LISTENER, browser, page  # noqa: F401
from tests.factories import ArticleFactory, UserFactory, library_photo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_editor_places_a_library_photo_and_readers_see_it(page):  # noqa: F811
    UserFactory(username="picker-chief", is_staff=True, is_superuser=True)
    bridge = library_photo(size=(1280, 720), caption_fa="پل تاریخی آجی‌چای")
    library_photo(size=(640, 360), caption_fa="بازار بزرگ تبریز")
    article = ArticleFactory(body_fa="<p>متن خبر پیش از عکس.</p>")
    page.context.add_init_script(CSP_LISTENER)
    page.goto("/admin/login/")
    page.fill("#id_username", "picker-chief")
    page.fill("#id_password", "a-Strong-pass-1405")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    page.locator(".tox-tinymce").first.wait_for(state="visible")
    page.get_by_role("button", name="عکس از آرشیو").first.click()
    dialog = page.locator("dialog.photo-picker-dialog")
    dialog.locator(".photo-picker-choose").first.wait_for(state="visible")
    assert dialog.locator(".photo-picker-choose").count() == 2
    # Arabic yeh, and a space for the half-space.
    dialog.get_by_label("جست‌وجو در آرشیو").fill("آجي چاي")
    dialog.get_by_role("button", name="جست‌وجو").click()
    dialog.locator(".photo-picker-choose").nth(1).wait_for(state="detached")
    dialog.get_by_role("button", name=re.compile("پل تاریخی")).click()
    dialog.wait_for(state="detached")  # closed once chosen

    content = page.evaluate("tinymce.get('id_body_fa').getContent()")
    assert f'data-photo="{bridge.pk}"' in content
    assert "متن خبر پیش از عکس." in content
    # The test reads the database only once the save's answer has loaded: the live
    # server shares its connection.
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    page.locator(".tox-tinymce").first.wait_for(state="visible")
    article.refresh_from_db()
    assert f'<figure class="photo" data-photo="{bridge.pk}">' in article.body_fa
    assert BodyPhoto.objects.filter(article=article, photo=bridge).exists()
    assert page.evaluate("window.__cspViolations") == []

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    page.goto(article.get_absolute_url())
    figure = page.locator(".article-body figure.photo")
    figure.locator("img").scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.article-body figure.photo img').complete"
    )
    assert figure.locator("figcaption").inner_text().startswith("پل تاریخی آجی‌چای")
    shown = figure.locator("img").evaluate("img => img.currentSrc")
    assert "/media/photos/renditions/" in shown
    assert figure.locator("img").evaluate("img => img.naturalWidth") > 0
