from modeltranslation.translator import TranslationOptions, register

from officials.models import Official, Position


@register(Official)
class OfficialTranslationOptions(TranslationOptions):
    fields = ("name", "bio")
    required_languages = ("fa",)


@register(Position)
class PositionTranslationOptions(TranslationOptions):
    fields = ("title", "organisation")
    required_languages = ("fa",)
