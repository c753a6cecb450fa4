"""Bulk loading of published articles, for benchmarks at agency scale.

``bench_articles_load`` adds N published, tagged articles holding exactly what
``Article.save()`` would store (sanitised bodies, slugs, search keys, news codes and
their day counters), a million in minutes: COPY on PostgreSQL, plain batched inserts
on SQLite. The copy is composed from templates of a Tabriz agency's wire so that
search terms keep a realistic selectivity: «ایران» in a large share of the archive,
«تبریز» in about one article in twenty, a village or a rare club in a few per
thousand.

- ``texts``: the copy, read from ``articles/bench_copy/*.json``;
- ``compose``: one article's text fields and search keys, from that copy;
- ``plan``: the days, their news codes, the facets, and the rows they make;
- ``writers``: COPY (PostgreSQL) or inserts (SQLite) of the rows and links;
- ``load``: ``bench_articles_load``, which runs them in one transaction.
"""

from articles.bulk.compose import Composer
from articles.bulk.load import bench_articles_load
from articles.bulk.texts import THEMES

__all__ = ["THEMES", "Composer", "bench_articles_load"]
