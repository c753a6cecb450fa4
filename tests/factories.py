import datetime
import io

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticlePhoto
from officials.models import Official, Position
from persian.images import clean_image
from photos.models import Photo
from photos.services import photo_create
from topics.models import Country, Service, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@newsroom.example")
    password = factory.django.Password("a-Strong-pass-1405")


def image_bytes(
    image_format: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    mode: str = "RGB",
    **save_options,
) -> bytes:
    """Return a picture, left half teal and right half orange, as ``image_format``."""
    image = Image.new(mode, size, "teal" if mode in ("RGB", "RGBA") else 0)
    if mode in ("RGB", "RGBA"):
        image.paste("orange", (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def library_photo(size: tuple[int, int] = (800, 450), **fields) -> Photo:
    """A photo in the library, with its renditions (small, so they are quick)."""
    upload = SimpleUploadedFile(
        "photo.jpg", image_bytes(size=size), content_type="image/jpeg"
    )
    return photo_create(image=clean_image(upload), **fields)


def service(slug: str = "political") -> Service:
    """Return one of the desks that the data migration created."""
    return Service.objects.get(slug=slug)


def country(code: str) -> Country:
    """Return one of the ISO countries that the data migration loaded."""
    return Country.objects.get(code=code)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_fa = factory.Sequence(lambda n: f"موضوع {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name_fa = factory.Sequence(lambda n: f"مقام شماره {n}")
    name_en = factory.Sequence(lambda n: f"Official {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    official = factory.SubFactory(OfficialFactory)
    title_fa = "استاندار آذربایجان شرقی"
    title_en = "Governor of East Azerbaijan"
    start_date = datetime.date(2019, 9, 1)
    end_date = None


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title_fa = factory.Sequence(lambda n: f"تیتر خبر شماره {n}")
    lead_fa = "لید خبر"
    body_fa = "<p>متن خبر</p>"
    service = factory.LazyFunction(service)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )


def photo_story(photos: int = 3, size: tuple[int, int] = (800, 450), **fields):
    """A published photo story whose gallery holds ``photos`` library photos in order.

    Photo ``n`` is captioned «عکس کتابخانه n» / "Library photo n" in the library,
    and «زیرنویس عکس n» / "Caption of photo n" in the gallery, credited "Studio n".
    """
    article = ArticleFactory(article_type=Article.Type.PHOTO, **fields)
    for n in range(1, photos + 1):
        # A colour of its own, so no two photos share a rendition file.
        buffer = io.BytesIO()
        Image.new("RGB", size, (20 * n % 256, 90, 160)).save(buffer, "JPEG")
        upload = SimpleUploadedFile(
            f"photo-{n}.jpg", buffer.getvalue(), content_type="image/jpeg"
        )
        photo = photo_create(
            image=clean_image(upload),
            caption_fa=f"عکس کتابخانه {n}",
            caption_en=f"Library photo {n}",
            credit=f"Studio {n}",
        )
        ArticlePhoto.objects.create(
            article=article,
            photo=photo,
            position=n,
            caption_fa=f"زیرنویس عکس {n}",
            caption_en=f"Caption of photo {n}",
        )
    return article
