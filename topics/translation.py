from modeltranslation.translator import TranslationOptions, register

from topics.models import Country, Service, Topic


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fa",)


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")
