from django.db import migrations

# PostgreSQL only. A search walks the newest stories and tests each one's full-text
# vector until it has its newest matches (articles/search.py). A vector is ~3 KB and
# does not compress, so PostgreSQL kept it out of line, in the TOAST table: every
# story tested cost four or five page reads (the row, the TOAST index, the chunks).
# Kept in the row (storage MAIN, rows of up to a page before anything moves out),
# testing a story reads one page: the match at a million articles takes half the time,
# and the table with its TOAST takes no more room. Stories stored before this keep
# their vectors out of line until they are saved again; `VACUUM FULL articles_article`
# (a lock for minutes at a million articles) moves them all at once.
FORWARD = [
    "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE articles_article SET (toast_tuple_target = 8160)",
]
BACKWARD = [
    "ALTER TABLE articles_article RESET (toast_tuple_target)",
    "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_english_list_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
