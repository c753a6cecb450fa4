from django.db import migrations

from articles.migrations._postgres import postgres_sql

# PostgreSQL only. Search matches words through a stored full-text vector of the folded
# text and its GIN index: the planner knows how common each word is, and checking a
# row costs a lookup in its vector instead of re-reading ~4 KB of text. The trigram
# index over the whole text is dropped: search no longer reads it, and at a million
# articles it is the largest index and the slowest to keep up to date.
FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS article_search_vector "
    "ON articles_article USING gin (search_vector)",
    "DROP INDEX IF EXISTS article_search_text_fts",
    "DROP INDEX IF EXISTS article_search_text_trgm",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS article_search_text_trgm "
    "ON articles_article USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS article_search_text_fts "
    "ON articles_article USING gin (to_tsvector('simple', search_text))",
    "DROP INDEX IF EXISTS article_search_vector",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_article_reads")]

    operations = [postgres_sql(FORWARD, BACKWARD)]
