from django.db import migrations


def fill(apps, schema_editor):
    # The live function, on purpose: keys must match what search folds queries with.
    from articles.models import search_keys

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.all().iterator():
        article.search_title, article.search_text = search_keys(article)
        article.save(update_fields=["search_title", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_keys")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
