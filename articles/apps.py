from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = pgettext_lazy("app", "News")

    def ready(self):
        import reversion

        # Registered here, after modeltranslation has added the per-language
        # columns, so that every revision keeps title_fa, title_en and the rest.
        Article = self.get_model("Article")
        reversion.register(Article, exclude=["lock_version", "updated_by"])

        from articles import body_photos, invalidation

        invalidation.connect()
        body_photos.connect()
