import datetime
import re
import zoneinfo

import pytest

from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    TopicFactory,
    library_photo,
)

pytestmark = pytest.mark.django_db
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


@pytest.fixture
def pourmohammadi():
    official = OfficialFactory(
        name_fa="محمدرضا پورمحمدی", slug="pourmohammadi", bio_fa="استاندار پیشین"
    )
    PositionFactory(
        official=official,
        title_fa="استاندار آذربایجان شرقی",
        start_date=datetime.date(2018, 11, 28),
        end_date=datetime.date(2021, 10, 16),
    )
    PositionFactory(
        official=official,
        title_fa="معاون سازمان برنامه و بودجه",
        start_date=datetime.date(2021, 11, 1),
    )
    return official


def test_official_page_groups_articles_by_the_post_held_then(client, pourmohammadi):
    as_governor = ArticleFactory(
        title_fa="در مقام استاندار",
        published_at=datetime.datetime(2020, 11, 23, 10, 0, tzinfo=TEHRAN),
    )
    as_deputy = ArticleFactory(
        title_fa="در مقام معاون",
        published_at=datetime.datetime(2022, 3, 1, 10, 0, tzinfo=TEHRAN),
    )
    for article in (as_governor, as_deputy):
        article.officials.add(pourmohammadi)
    html = client.get("/official/pourmohammadi/").content.decode()
    assert "استاندار پیشین" in html  # bio
    governor = html.index("در مقام استاندار آذربایجان شرقی")
    deputy = html.index("در مقام معاون سازمان برنامه و بودجه")
    assert html.index("در مقام معاون</a>") > deputy
    assert governor < html.index("در مقام استاندار</a>")
    assert "۱۴۰۰" in html  # the timeline in Jalali years


def test_official_photo_comes_from_the_library_sized_so_nothing_shifts(
    client, pourmohammadi
):
    pourmohammadi.photo = library_photo(size=(600, 800), caption_fa="پورمحمدی")
    pourmohammadi.save()
    html = client.get("/official/pourmohammadi/").content.decode()
    header = html.split('<header class="official-header">')[1].split("</header>")[0]
    assert '<source type="image/webp" srcset="/media/photos/renditions/' in header
    img = re.search(r"<img [^>]*>", header)[0]
    assert re.search(r'width="(\d+)" height="\1"', img)  # the square crop
    assert 'class="official-photo"' in img
    assert 'alt="پورمحمدی"' in img


def test_official_page_query_count_is_constant(
    client, pourmohammadi, django_assert_max_num_queries
):
    pourmohammadi.photo = library_photo()
    pourmohammadi.save()
    with django_assert_max_num_queries(15) as few:
        client.get("/official/pourmohammadi/")
    for day in range(25):
        article = ArticleFactory(
            published_at=datetime.datetime(2020, 1, 1 + day, tzinfo=TEHRAN)
        )
        article.officials.add(pourmohammadi, OfficialFactory())
        article.topics.add(TopicFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/official/pourmohammadi/")


def test_unknown_official_is_404(client):
    assert client.get("/official/nobody/").status_code == 404
