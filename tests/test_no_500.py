"""No address, query string or form value a reader can type gets a server error.

Every public URL pattern is read from the URL configuration itself (a page added later
is covered without touching this file); Hypothesis fills its parts and its query
string with values readers and robots send: dates outside the calendar, year one,
negative and enormous numbers, Persian and Arabic digits, control characters, words.
"""

import re
import string

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.pagecache import QUERY_KEYS
from tests.factories import ArticleFactory, OfficialFactory, TopicFactory, country

pytestmark = pytest.mark.django_db

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC = "٠١٢٣٤٥٦٧٨٩"

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1", "99999999999999999999999999", "1e9", "٣", "۱۴۰۵"]),
    st.integers(min_value=0, max_value=10**12).map(
        lambda n: str(n).translate(str.maketrans("0123456789", PERSIAN))
    ),
)
dates = st.one_of(
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "1/1/1",
            "۹۹۹۹/۱۲/۳۱",
            "١٤٠٥/٠٩/١٠",
            "1405/13/40",
            "1405-09-31",
            "0/0/0",
            "-1/-1/-1",
            "2026-02-30",
            "",
        ]
    ),
    st.tuples(numbers, numbers, numbers).map("/".join),
    st.tuples(numbers, numbers, numbers).map("-".join),
)
words = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),  # lone surrogates cannot be encoded in a URL
    ),
    max_size=40,
)
values = st.one_of(numbers, dates, words, st.sampled_from(["tabriz", "ir", "am"]))

# What each kind of path part must look like to reach its view at all.
PARTS = {
    "int": st.one_of(
        st.integers(min_value=0, max_value=10**30).map(str),
        st.sampled_from(["0", "00001", "9" * 40]),
    ),
    "uslug": st.from_regex(r"\A[-\w]{1,60}\Z").filter(lambda s: "\n" not in s),
    "iso2": st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=2),
    "path": st.one_of(
        st.from_regex(r"\A[-\w./%]{1,60}\Z").filter(lambda s: "\n" not in s),
        st.sampled_from(["../settings.py", "a/../../etc/passwd", ".hidden", "x/"]),
    ),
}
# A route's parts: ``<int:code>``, or a regular expression's ``(?P<path>.*)``.
PLACEHOLDER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>|\(\?P<\w+>[^)]*\)")


def public_routes(patterns=None, prefix="") -> list[str]:
    """Every route of the site outside the admin, as ``news/<int:code>/``."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            # i18n_patterns' resolver prints its language prefix; the default language
            # has none, and the English one is added below.
            inner = "" if route in {"", "fa/", "en/"} else route
            routes += public_routes(entry.url_patterns, prefix + inner)
        elif isinstance(entry, URLPattern):
            routes.append(prefix + route.lstrip("^").rstrip("$"))
    return routes


ROUTES = sorted(set(public_routes()))


@st.composite
def addresses(draw):
    route = draw(st.sampled_from(ROUTES))
    path = PLACEHOLDER.sub(lambda m: draw(PARTS[m["kind"] or "uslug"]), route)
    language = draw(st.sampled_from(["", "en/"]))
    query = draw(
        st.dictionaries(
            st.sampled_from(sorted(QUERY_KEYS) + ["x", "page[]", "q\x00"]),
            st.one_of(values, st.lists(values, max_size=3)),
            max_size=4,
        )
    )
    return f"/{language}{path}", query


@pytest.fixture(scope="module")
def client_no_raise():
    # The server's own answer to an error, as a reader gets it, not the exception.
    return Client(raise_request_exception=True)


@pytest.fixture
def news():
    official = OfficialFactory(slug="tabriz")
    topic = TopicFactory(slug="tabriz")
    article = ArticleFactory(
        title_en="News in English",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    article.officials.add(official)
    article.topics.add(topic)
    article.countries.add(country("IR"), country("AM"))


def test_the_url_patterns_are_all_found():
    # The generator reads the site's routes; if it found none, it would test nothing.
    assert {"news/<int:code>/<uslug:slug>/", "country/<iso2:code>/", "search/"} <= set(
        ROUTES
    )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(address=addresses())
@example(address=("/news/", {"from": "9999-12-31"}))
@example(address=("/news/", {"to": "۹۹۹۹-۱۲-۳۱"}))
@example(address=("/en/news/", {"from": "9999-12-31", "to": "0001-01-01"}))
@example(address=("/archive/1/1/1/", {}))
@example(address=("/archive/0/0/0/", {}))
@example(address=("/archive/99999999999999999999/1/1/", {}))
@example(address=("/sitemap-articles-0-0.xml", {}))
@example(address=("/sitemap-articles-99999999999-1.xml", {}))
@example(address=("/news/99999999999999999999999/", {}))
@example(address=("/n/99999999999999999999999", {}))
@example(address=("/service/provinces/", {"older": "-1-2", "page": "-5"}))
@example(address=("/search/", {"q": "\x00", "page": "9" * 30}))
def test_no_public_address_answers_with_a_server_error(news, client, address):
    path, query = address
    response = client.get(path, query)
    assert response.status_code < 500, (path, query)


ADMIN_ADDRESSES = [
    "/admin/articles/article/99999999999999999999999/change/",
    "/admin/articles/article/-1/change/",
    "/admin/articles/article/abc/history/",
    "/admin/articles/article/99999999999999999999999/history/?a=99999999999999999&b=x",
    "/admin/articles/article/?o=99999&p=-1&published_at__gte=garbage",
    "/admin/articles/article/?p=999999999999999999999",
    "/admin/officials/official/?o=-9.x",
    "/admin/articles/article/99999999999999999999999/preview/",
    "/admin/articles/article/1/restore/9999999999999999999999/",
]


@pytest.mark.parametrize("address", ADMIN_ADDRESSES)
def test_no_admin_address_answers_with_a_server_error(news, admin_client, address):
    assert admin_client.get(address).status_code < 500


def test_an_admin_filter_value_no_column_holds_opens_the_list_without_filters(
    news, admin_client
):
    response = admin_client.get(
        "/admin/articles/article/?published_at__year=99999", follow=True
    )
    assert response.redirect_chain == [("/admin/articles/article/?e=1", 302)]
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1  # the list, every article in it


@pytest.mark.parametrize(
    "address",
    ["/search/?q=%00", "/news/?official=%00", "/admin/articles/article/?status=%00"],
)
def test_a_nul_in_the_query_string_gets_the_persian_400_page(admin_client, address):
    response = admin_client.get(address)
    assert response.status_code == 400
    assert "این درخواست پذیرفته نشد" in response.content.decode()
