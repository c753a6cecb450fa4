from modeltranslation.translator import TranslationOptions, register

from photos.models import Photo


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "place")
