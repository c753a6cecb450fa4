import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.translator import translator

from articles.models import Article
from officials.models import Official, Position
from tests.factories import ArticleFactory
from topics.models import Country, Service, Topic

TRANSLATED = {
    Article: {"rootitr", "title", "lead", "body"},
    Official: {"name", "bio"},
    Position: {"title", "organisation"},
    Topic: {"name", "description"},
    Service: {"name"},
    Country: {"name"},
}


@pytest.mark.parametrize("model", list(TRANSLATED), ids=lambda m: m.__name__)
def test_text_fields_are_translated_in_every_language(model):
    opts = translator.get_options_for_model(model)
    assert set(opts.fields) == TRANSLATED[model]
    names = {f.name for f in model._meta.get_fields()}
    for field in TRANSLATED[model]:
        for lang, _name in settings.LANGUAGES:
            assert f"{field}_{lang}" in names


def test_persian_is_the_default_and_english_the_second_language():
    assert settings.LANGUAGE_CODE == "fa"
    assert [code for code, _ in settings.LANGUAGES] == ["fa", "en"]


@pytest.mark.django_db
def test_each_language_reads_its_own_text_and_falls_back_to_persian():
    article = ArticleFactory(
        title_fa="تیتر فارسی", title_en="English title", lead_en=None
    )
    with translation.override("en"):
        assert article.title == "English title"
        assert article.lead == article.lead_fa
    with translation.override("fa"):
        assert article.title == "تیتر فارسی"
