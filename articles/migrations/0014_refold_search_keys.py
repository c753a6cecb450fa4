"""Search keys folded again: compounds and comparatives now meet in any spelling.

``بزرگترین``, ``بزرگ‌ترین`` and ``بزرگ ترین`` fold alike since this version; stored keys
of existing articles are rebuilt so that search finds them whichever way they were
written. Rows are read and written in batches; only keys that change are written.
"""

from django.db import migrations

BATCH = 2000


def refold(apps, schema_editor):
    # The live function, on purpose: keys must match what search folds queries with.
    from articles.models import search_keys

    Article = apps.get_model("articles", "Article")
    last = 0
    while True:
        batch = list(Article.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        changed = []
        for article in batch:
            keys = search_keys(article)
            if keys != (article.search_title, article.search_text):
                article.search_title, article.search_text = keys
                changed.append(article)
        Article.objects.bulk_update(changed, ["search_title", "search_text"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_invariants")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
