"""The photo library: renditions made once, cropped around the focal point."""

from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import ProtectedError
from django.template import Context, Template
from django.utils import translation
from PIL import Image

from photos.models import Photo, Rendition
from photos.renditions import crop_box
from photos.services import photo_renditions_refresh
from tests.factories import ArticleFactory
from tests.photos.conftest import marked

pytestmark = pytest.mark.django_db


def widths(photo) -> dict[tuple[str, str], list[int]]:
    made = defaultdict(list)
    for rendition in photo.renditions.order_by("width"):
        made[rendition.ratio, rendition.format].append(rendition.width)
    return dict(made)


def test_a_new_photo_gets_every_shape_width_and_format_it_is_large_enough_for(
    make_photo,
):
    photo = make_photo(size=(2000, 1200))
    made = widths(photo)
    for fmt in ("webp", "jpeg"):
        assert made["original", fmt] == [320, 640, 1024, 1600]
        assert made["16:9", fmt] == [320, 640, 1024, 1600]
        # The square is 1200 px wide: 1600 would be an enlargement.
        assert made["1:1", fmt] == [320, 640, 1024]
    assert made["og", "jpeg"] == [1200]
    assert ("og", "webp") not in made


def test_renditions_have_the_shape_they_are_named_for(make_photo):
    photo = make_photo(size=(2000, 1200))
    for rendition in photo.renditions.all():
        ratio = {"16:9": 16 / 9, "1:1": 1.0, "original": 2000 / 1200, "og": 1200 / 630}
        assert rendition.width / rendition.height == pytest.approx(
            ratio[rendition.ratio], rel=0.01
        )


def test_a_small_photo_is_never_enlarged(make_photo):
    photo = make_photo(size=(200, 100))
    made = widths(photo)
    assert made["original", "jpeg"] == [200]
    assert made["1:1", "webp"] == [100]
    assert made["16:9", "jpeg"] == [178]
    assert made["og", "jpeg"] == [190]
    assert all(r.width <= 200 and r.height <= 100 for r in photo.renditions.all())


def test_every_rendition_file_exists_and_decodes_as_its_format(make_photo):
    photo = make_photo(size=(1100, 700))
    assert photo.renditions.count() == 2 * (3 + 3 + 2) + 1
    for rendition in photo.renditions.all():
        assert rendition.file.name.startswith("photos/renditions/")
        assert default_storage.exists(rendition.file.name)
        with rendition.file.open("rb") as file, Image.open(file) as image:
            image.load()
            assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
            assert image.size == (rendition.width, rendition.height)
            assert not image.info.get("exif")


def red_share(rendition: Rendition) -> float:
    with rendition.file.open("rb") as file, Image.open(file) as image:
        colours = image.convert("RGB").getcolors(maxcolors=image.width * image.height)
        red = sum(n for n, (r, g, _b) in colours if r > 180 and g < 60)
        return red / (image.width * image.height)


def square(photo) -> Rendition:
    return photo.renditions.filter(ratio="1:1", format="jpeg").order_by("-width")[0]


def test_the_crop_keeps_the_marked_region_when_the_focal_point_is_on_it(make_photo):
    # A red square near the right edge: a centred square crop misses it.
    centred = make_photo(image=marked())
    assert red_share(square(centred)) == 0
    focused = make_photo(image=marked(), focal_x=1450 / 1600, focal_y=450 / 900)
    assert red_share(square(focused)) > 0.005


def test_crop_box_stops_at_the_edge_and_holds_the_point():
    assert crop_box((1600, 900), 1.0, (0.5, 0.5)) == (350, 0, 1250, 900)
    assert crop_box((1600, 900), 1.0, (0.99, 0.5)) == (700, 0, 1600, 900)
    assert crop_box((1600, 900), 1.0, (0.0, 0.5)) == (0, 0, 900, 900)
    assert crop_box((900, 1600), 16 / 9, (0.5, 0.1)) == (0, 0, 900, 506)


def test_renditions_are_made_again_when_the_focal_point_moves(
    make_photo, django_capture_on_commit_callbacks
):
    photo = make_photo(image=marked())
    before = set(photo.renditions.values_list("file", flat=True))
    photo.focal_x, photo.focal_y = 1450 / 1600, 0.5
    photo.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert photo_renditions_refresh(photo=photo)
    after = set(photo.renditions.values_list("file", flat=True))
    assert red_share(square(photo)) > 0.005
    # The square and 16:9 crops moved; the photo's own shape did not.
    assert before - after and before & after
    assert not any(default_storage.exists(name) for name in before - after)
    assert all(default_storage.exists(name) for name in after)


def test_saving_without_a_change_makes_nothing_again(make_photo):
    photo = make_photo(size=(700, 500))
    ids = set(photo.renditions.values_list("pk", flat=True))
    photo.caption_fa = "عنوان تازه"
    photo.save()
    assert not photo_renditions_refresh(photo=photo)
    assert set(photo.renditions.values_list("pk", flat=True)) == ids


def test_a_rendition_file_two_photos_share_stays_while_one_uses_it(
    make_photo, django_capture_on_commit_callbacks
):
    first = make_photo(size=(700, 500))
    second = make_photo(size=(700, 500))  # the same picture: the same files
    shared = set(first.renditions.values_list("file", flat=True))
    assert shared == set(second.renditions.values_list("file", flat=True))
    first.focal_x = 0.0
    with django_capture_on_commit_callbacks(execute=True):
        photo_renditions_refresh(photo=first)
    assert all(default_storage.exists(name) for name in shared)


def test_a_focal_point_outside_the_photo_is_refused():
    photo = Photo(image="photos/x.jpg", focal_x=1.2, focal_y=-0.1)
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert {"focal_x", "focal_y"} <= set(error.value.message_dict)


def test_picture_lists_webp_then_jpeg_with_the_largest_size(make_photo):
    photo = make_photo(size=(2000, 1200), caption_fa="استاندار در تبریز")
    picture = photo.picture("16:9")
    assert [s.content_type for s in picture.sources] == ["image/webp", "image/jpeg"]
    webp = picture.sources[0].srcset.split(", ")
    assert [entry.rsplit(" ", 1)[1] for entry in webp] == [
        "320w",
        "640w",
        "1024w",
        "1600w",
    ]
    assert all(entry.split(" ")[0].endswith(".webp") for entry in webp)
    assert (picture.width, picture.height) == (1600, 900)
    assert picture.src.endswith(".jpg")
    assert picture.alt == "استاندار در تبریز"
    assert photo.og_image.width == 1200 and photo.og_image.format == "jpeg"


def test_a_photo_without_renditions_has_no_picture():
    photo = Photo.objects.create(image="photos/missing.jpg")
    assert photo.picture("16:9") is None
    assert photo.og_image is None


def test_usage_lists_the_articles_that_show_the_photo(make_photo):
    photo = make_photo(size=(400, 300))
    assert photo.usage() == []
    article = ArticleFactory(photo=photo)
    ArticleFactory()
    assert photo.usage() == [article]


def test_a_photo_an_article_shows_cannot_be_deleted(make_photo):
    photo = make_photo(size=(400, 300))
    article = ArticleFactory(photo=photo)
    with pytest.raises(ProtectedError):
        photo.delete()
    article.refresh_from_db()
    assert article.photo == photo


TAG = Template(
    '{% load photos %}{% for photo in photos %}{% picture photo "16:9" '
    'sizes="(min-width: 60em) 50vw, 100vw" loading="lazy" %}{% endfor %}'
)


def test_the_picture_tag_renders_sources_sizes_dimensions_and_alt(make_photo):
    photo = make_photo(
        size=(1300, 800), caption_fa="دیدار در تبریز", caption_en="Meeting in Tabriz"
    )
    with translation.override("fa"):
        html = TAG.render(Context({"photos": [photo]}))
    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert '<source type="image/webp" srcset="/media/photos/renditions/' in html
    assert '<source type="image/jpeg" srcset="' in html
    assert " 320w, " in html and " 1024w" in html and "1600w" not in html
    assert html.count('sizes="(min-width: 60em) 50vw, 100vw"') == 3
    assert 'width="1024" height="576"' in html
    assert 'alt="دیدار در تبریز"' in html
    assert 'loading="lazy"' in html
    with translation.override("en"):
        assert 'alt="Meeting in Tabriz"' in TAG.render(Context({"photos": [photo]}))


def test_the_picture_tag_renders_nothing_without_renditions():
    photo = Photo.objects.create(image="photos/missing.jpg")
    assert TAG.render(Context({"photos": [photo]})) == ""


def test_pictures_of_many_photos_cost_two_queries_with_renditions(
    make_photo, django_assert_num_queries
):
    for _ in range(4):
        make_photo(size=(400, 300))
    with django_assert_num_queries(2):
        photos = list(Photo.objects.with_renditions())
        html = TAG.render(Context({"photos": photos}))
    assert html.count("<picture>") == 4


def test_photos_fetched_for_one_shape_draw_it_from_the_fetched_renditions(
    make_photo, django_assert_num_queries
):
    made = [make_photo(size=(400, 300)) for _ in range(3)]
    whole = {p.pk: p.picture("1:1") for p in Photo.objects.with_renditions()}
    with django_assert_num_queries(2):
        photos = list(Photo.objects.with_renditions("1:1"))
        cards = {p.pk: p.picture("1:1") for p in photos}
    assert cards == whole and all(cards[p.pk] for p in made)
    # Only that shape's renditions were read: a card draws one of a photo's shapes.
    assert {r.ratio for p in photos for r in p.renditions.all()} == {"1:1"}


def test_a_shape_not_fetched_is_read_when_asked_for_never_left_out(
    make_photo, django_assert_num_queries
):
    photo = make_photo(size=(400, 300))
    wide = Photo.objects.with_renditions().get().picture("16:9")
    narrowed = Photo.objects.with_renditions("1:1", "og").get()
    with django_assert_num_queries(1):
        assert narrowed.picture("16:9") == wide is not None
    assert narrowed.og_image == photo.og_image is not None


def test_photo_captions_and_places_are_translated():
    fields = {field.name for field in Photo._meta.get_fields()}
    assert {"caption_fa", "caption_en", "place_fa", "place_en"} <= fields
