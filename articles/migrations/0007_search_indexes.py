from django.db import migrations

from articles.migrations._postgres import postgres_sql

# PostgreSQL only: trigram GIN indexes over the folded keys (any substring search uses
# them) and a full-text GIN index for ranking. SQLite searches without them.
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_search_title_trgm "
    "ON articles_article USING gin (search_title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_search_text_trgm "
    "ON articles_article USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_search_text_fts "
    "ON articles_article USING gin (to_tsvector('simple', search_text))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_text_fts",
    "DROP INDEX IF EXISTS article_search_text_trgm",
    "DROP INDEX IF EXISTS article_search_title_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_fill_search_keys")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
