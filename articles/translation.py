from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, ArticlePhoto, Correction


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("rootitr", "title", "lead", "body")
    required_languages = ("fa",)


@register(Correction)
class CorrectionTranslationOptions(TranslationOptions):
    fields = ("note",)
    required_languages = ("fa",)


@register(ArticlePhoto)
class ArticlePhotoTranslationOptions(TranslationOptions):
    # Optional in every language: an empty caption shows the library photo's.
    fields = ("caption",)
