import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from articles.migrations._postgres import postgres_sql

# Search's full-text vectors move out of the article table into a narrow table of
# their own (articles.SearchEntry says why), kept by a trigger on every write of an
# article, whatever path writes it: a save, an UPDATE of many rows, a bulk load.
# PostgreSQL only; elsewhere the table stays empty and search reads the folded text.
KEEP = """
CREATE FUNCTION articles_searchentry_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A change of state alone leaves the vector as it is.
    IF TG_OP = 'UPDATE' AND NEW.search_text IS NOT DISTINCT FROM OLD.search_text THEN
        UPDATE articles_searchentry
        SET news_code = NEW.news_code, status = NEW.status,
            published_at = NEW.published_at, written_en = NEW.written_en
        WHERE article_id = NEW.id;
        IF FOUND THEN
            RETURN NULL;
        END IF;
    END IF;
    INSERT INTO articles_searchentry
        (article_id, news_code, status, published_at, written_en, vector)
    VALUES (NEW.id, NEW.news_code, NEW.status, NEW.published_at, NEW.written_en,
            strip(to_tsvector('simple', NEW.search_text)))
    ON CONFLICT (article_id) DO UPDATE
    SET news_code = EXCLUDED.news_code, status = EXCLUDED.status,
        published_at = EXCLUDED.published_at, written_en = EXCLUDED.written_en,
        vector = EXCLUDED.vector;
    RETURN NULL;
END
$$
"""
# Only the columns the entry copies wake the trigger: a save that changes none of
# them (a new version number, a lead-story flag) costs nothing more.
COPIED = ("search_text", "status", "published_at", "news_code", "written_en")
CHANGED = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COPIED)
FORWARD = [
    # Each vector stays in its row (compressed there when it must be), not in TOAST.
    "ALTER TABLE articles_searchentry ALTER COLUMN vector SET STORAGE MAIN",
    KEEP,
    "CREATE TRIGGER articles_searchentry_insert AFTER INSERT ON articles_article"
    " FOR EACH ROW EXECUTE FUNCTION articles_searchentry_keep()",
    "CREATE TRIGGER articles_searchentry_update AFTER UPDATE ON articles_article"
    f" FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION articles_searchentry_keep()",
    # The stories already stored: their vectors are made already, so one INSERT.
    "INSERT INTO articles_searchentry"
    " (article_id, news_code, status, published_at, written_en, vector)"
    " SELECT id, news_code, status, published_at, written_en, strip(search_vector)"
    " FROM articles_article",
    "CREATE INDEX article_search_entry_vector"
    " ON articles_searchentry USING gin (vector)",
    "DROP INDEX IF EXISTS article_search_vector",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    # How many stories hold a word, the planner reads from the most common words of a
    # sample: with the default sample it guessed «زلزله» (in 1% of stories) at 5,000
    # of 12,000 at a million, and the admin's search fetched them all instead of
    # walking its list newest first until it had 200 (126 ms of SQL instead of 84).
    "ALTER TABLE articles_searchentry ALTER COLUMN vector SET STATISTICS 1000",
    "ANALYZE articles_searchentry",
]
BACKWARD = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS article_search_vector "
    "ON articles_article USING gin (search_vector)",
    "DROP TRIGGER IF EXISTS articles_searchentry_update ON articles_article",
    "DROP TRIGGER IF EXISTS articles_searchentry_insert ON articles_article",
    "DROP FUNCTION IF EXISTS articles_searchentry_keep()",
    "DROP INDEX IF EXISTS article_search_entry_vector",
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_written_flag"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("news_code", models.BigIntegerField()),
                ("status", models.CharField(max_length=12)),
                ("published_at", models.DateTimeField(null=True)),
                ("written_en", models.BooleanField(default=False)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "indexes": [
                    models.Index(
                        condition=models.Q(("status__in", ("published", "scheduled"))),
                        fields=["-published_at", "-news_code"],
                        name="search_live_idx",
                    ),
                    models.Index(
                        condition=models.Q(
                            ("status__in", ("published", "scheduled")),
                            ("written_en", True),
                        ),
                        fields=["-published_at", "-news_code"],
                        name="search_live_en_idx",
                    ),
                ],
            },
        ),
        postgres_sql(FORWARD, BACKWARD),
    ]
