import datetime
import io
import random
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from articles.bulk import THEMES, Composer, bench_articles_load
from articles.models import Article, NewsCodeCounter, allocate_news_code, search_keys
from officials.models import Official
from persian.html import sanitize_html
from persian.jalali import day_key
from persian.text import search_key
from photos.models import Photo
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    library_photo,
)
from topics.models import Topic

pytestmark = pytest.mark.django_db

N = 200


def load(articles: int = N) -> list[Article]:
    """Run the loader; return the articles it added, oldest first."""
    before = set(Article.objects.values_list("pk", flat=True))
    assert bench_articles_load(articles=articles) == articles
    added = Article.objects.exclude(pk__in=before).order_by("published_at", "pk")
    return list(added)


@pytest.fixture
def facets():
    """Topics and officials to tag with (the services and countries are migrated)."""
    TopicFactory.create_batch(12)
    OfficialFactory.create_batch(8)


@pytest.fixture
def loaded(facets) -> list[Article]:
    return load()


def stored(pks) -> dict:
    """Every column of the articles, as the database holds them."""
    return {row["id"]: row for row in Article.objects.filter(pk__in=pks).values()}


def test_loads_published_articles_with_two_of_each_facet(loaded):
    assert len(loaded) == N
    published = set(Article.objects.published().values_list("pk", flat=True))
    assert {a.pk for a in loaded} <= published
    for article in Article.objects.filter(pk__in=[a.pk for a in loaded]):
        assert article.status == Article.Status.PUBLISHED
        assert article.topics.count() == 2
        assert article.officials.count() == 2
        assert article.countries.count() == 2
        assert article.dateline and article.byline
        assert article.created_at <= article.published_at <= article.updated_at


def test_runs_the_demo_seed_when_there_are_no_facets():
    # The test database has the migrated services only: the loader adds the rest.
    assert not Topic.objects.exists()
    bench_articles_load(articles=20)
    assert Topic.objects.exists() and Official.objects.exists()
    assert Article.objects.published().count() > 20


def test_stored_values_are_what_a_save_would_store(loaded):
    pks = [a.pk for a in loaded]
    before = stored(pks)
    for article in Article.objects.filter(pk__in=pks):
        article.save()  # sanitises bodies, folds search keys, fills the original fields
    after = stored(pks)
    for pk in pks:
        # Only the time of the save itself may differ.
        assert {**after[pk], "updated_at": None} == {**before[pk], "updated_at": None}


def test_slugs_bodies_and_keys(loaded):
    english = [a for a in loaded if a.title_en]
    assert 0 < len(english) < N // 4
    for article in loaded:
        assert article.slug == slugify(article.title_fa, allow_unicode=True)[:250]
        assert sanitize_html(article.body_fa) == article.body_fa
        assert 1000 <= len(article.body_fa.encode()) <= 3000
        assert article.body_fa.count("<p>") >= 3
        assert (article.search_title, article.search_text) == search_keys(article)
    for article in english:
        assert article.lead_en and article.body_en.startswith("<p>")
        assert sanitize_html(article.body_en) == article.body_en


def test_news_codes_follow_the_jalali_day_and_leave_room(loaded):
    codes = [a.news_code for a in loaded]
    assert len(set(codes)) == N
    for article in loaded:
        day, seq = divmod(article.news_code, 1000)
        assert str(day) == day_key(article.published_at)
        assert 1 <= seq <= 999
        counter = NewsCodeCounter.objects.get(day=str(day))
        assert counter.last >= seq
    # The next code of any loaded day is new, and so is today's.
    busiest = Counter(day_key(a.published_at) for a in loaded).most_common(1)[0][0]
    when = next(a.published_at for a in loaded if day_key(a.published_at) == busiest)
    assert not Article.objects.filter(news_code=allocate_news_code(when)).exists()
    article = ArticleFactory()
    assert article.news_code not in codes


def test_codes_within_a_day_follow_publish_times(loaded):
    by_day: dict[str, list[Article]] = {}
    for article in loaded:
        by_day.setdefault(day_key(article.published_at), []).append(article)
    for articles in by_day.values():
        codes = [a.news_code for a in sorted(articles, key=lambda a: a.published_at)]
        assert codes == sorted(codes)


def test_publish_times_span_years_and_none_is_in_the_future(loaded):
    now = timezone.now()
    times = [a.published_at for a in loaded]
    assert max(times) < now
    assert max(a.updated_at for a in loaded) < now
    assert (max(times) - min(times)).days > 5 * 365


def test_facets_are_skewed(loaded):
    countries = Counter(
        code
        for a in Article.objects.filter(pk__in=[a.pk for a in loaded])
        for code in a.countries.values_list("code", flat=True)
    )
    top = [code for code, _n in countries.most_common(3)]
    assert top[0] == "IR" and set(top) <= {"IR", "TR", "AZ", "IQ", "RU"}
    assert len(countries) >= 10  # and a long tail
    topics = Counter(t for a in loaded for t in a.topics.values_list("pk", flat=True))
    counts = sorted(topics.values(), reverse=True)
    assert counts[0] >= 5 * counts[-1]


def test_most_stories_carry_a_lead_photo_from_the_library(facets):
    shown = [library_photo(caption=f"عکس {n}") for n in range(3)]
    unresized = Photo.objects.create(image=shown[0].image.name, caption="بی‌اندازه")
    loaded = load()
    photos = Counter(a.photo_id for a in loaded)
    assert 0.8 * N <= N - photos[None] < N  # most, not all
    assert set(photos) - {None} == {p.pk for p in shown}  # never one not resized
    assert unresized.pk not in photos
    # A card on a list page draws it.
    article = next(a for a in loaded if a.photo_id)
    assert Article.objects.get(pk=article.pk).photo.picture("1:1") is not None


def test_an_empty_library_leaves_stories_without_photos(loaded):
    assert {a.photo_id for a in loaded} == {None}


def test_running_twice_adds_more_without_collisions(loaded):
    again = load()
    assert len(again) == N
    codes = list(Article.objects.values_list("news_code", flat=True))
    assert len(codes) == len(set(codes))
    assert {a.title_fa for a in again} != {a.title_fa for a in loaded}
    ArticleFactory()


def fill_counters(last: int, days: int = 3653) -> None:
    """Mark the newest ``days`` days as having handed out ``last`` codes each."""
    today = timezone.localdate()
    noon = datetime.time(12)
    tz = timezone.get_current_timezone()
    NewsCodeCounter.objects.bulk_create(
        NewsCodeCounter(
            day=day_key(
                datetime.datetime.combine(today - datetime.timedelta(n), noon, tz)
            ),
            last=last,
        )
        # A day either side: the loader's "today" is five minutes ago.
        for n in range(-1, days + 1)
    )


def test_a_day_never_gets_more_than_999_codes(facets):
    fill_counters(998)
    added = load(50)
    assert {a.news_code % 1000 for a in added} == {999}
    assert len({a.news_code for a in added}) == 50


def test_full_days_push_the_load_further_back(facets):
    fill_counters(999)
    added = load(50)
    ten_years_ago = timezone.now() - datetime.timedelta(days=3653)
    assert all(a.published_at < ten_years_ago for a in added)
    assert all(a.news_code % 1000 <= 999 for a in added)


def test_command_prints_one_line(facets):
    out = io.StringIO()
    call_command("seed_bench", "--articles", "20", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("seed_bench: 20 articles in ") and "rows/s" in lines[0]


def test_search_terms_keep_a_realistic_selectivity():
    composer = Composer(random.Random(7))
    rng = random.Random(8)
    desks = list(THEMES)
    weights = [THEMES[d]["weight"] for d in desks]
    texts = []
    for index in range(3000):
        english = index % 10 == 0
        fields = composer.article(rng.choices(desks, weights)[0], english=english)
        if index < 500:
            # Keys joined from pieces equal the keys folded from the whole text.
            assert (fields["search_title"], fields["search_text"]) == search_keys(
                SimpleNamespace(**fields)
            )
        texts.append(fields["search_text"])

    def share(word):
        key = search_key(word)
        return sum(key in text for text in texts) / len(texts)

    assert share("ایران") > 0.5
    assert 0.02 < share("تبریز") < 0.10
    assert 0.002 < share("زلزله") < 0.03
    assert share("کندوان") < 0.015


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's bulk path"
)


def article_indexes() -> dict[str, bool]:
    """The article table's indexes, each with whether it is valid."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT x.indexrelid::regclass::text, x.indisvalid FROM pg_index x"
            " WHERE x.indrelid = %s::regclass",
            [Article._meta.db_table],
        )
        return dict(cursor.fetchall())


@postgres_only
def test_copy_leaves_the_sequence_ahead(loaded):
    # Ids came from the identity sequence: a regular insert gets a fresh one.
    article = ArticleFactory()
    assert article.pk > max(a.pk for a in loaded)


@postgres_only
def test_indexes_rebuilt_inside_the_callers_transaction(facets):
    before = article_indexes()
    bench_articles_load(articles=30, rebuild_indexes=True)
    assert article_indexes() == before
    assert Article.objects.filter(search_text__contains=search_key("استان")).exists()


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_indexes_rebuilt_after_the_commit(facets):
    before = article_indexes()
    assert all(before.values())
    bench_articles_load(articles=30, rebuild_indexes=True)
    assert article_indexes() == before
    assert Article.objects.filter(search_text__contains=search_key("استان")).count()
