"""Storing batches of rows and their links: COPY on PostgreSQL, inserts elsewhere."""

import csv
import io
from concurrent.futures import ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connection, connections

from articles.bulk.plan import LINKS, article_fields
from articles.models import Article, NewsCodeCounter, SearchEntry


def _through(name: str):
    """Return (through model, article column, other column) of an M2M field."""
    field = Article._meta.get_field(name)
    through = field.remote_field.through
    own = through._meta.get_field(field.m2m_field_name())
    other = through._meta.get_field(field.m2m_reverse_field_name())
    return through, own, other


class _CsvStream:
    """A file COPY reads from: CSV made from the rows as it asks, a chunk at a time.

    A whole batch written out first would hold some hundred megabytes of text.
    """

    def __init__(self, rows):
        self.rows = iter(rows)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def read(self, size: int = -1) -> str:
        buffer, write = self.buffer, self.writer.writerow
        for row in self.rows:
            write(row)
            if 0 < size <= buffer.tell():
                break
        data = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return data


class PostgresCopy:
    """Writes batches with COPY, on the connection's own transaction.

    It runs in a worker thread while the next batch is composed: COPY waits on the
    server with the GIL released, so composing and storing share the two cores.
    """

    NULL = "\\N"

    def __init__(self):
        qn = connection.ops.quote_name
        connection.ensure_connection()
        self.cursor = connection.connection.cursor()
        table = Article._meta.db_table
        pk = Article._meta.pk.column
        self.cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
        self.sequence = self.cursor.fetchone()[0]
        columns = [pk] + [f.column for f in article_fields()]
        self.statements = [self._copy(qn, table, columns)]
        self.set_aside: list[tuple[str, str, str]] = []  # name, definition, method
        for name in LINKS:
            through, own, other = _through(name)
            self.statements.append(
                self._copy(qn, through._meta.db_table, [own.column, other.column])
            )

    @staticmethod
    def _copy(qn, table: str, columns: list[str]) -> str:
        names = ", ".join(qn(c) for c in columns)
        return f"COPY {qn(table)} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"

    def set_indexes_aside(self) -> None:
        """Drop the plain indexes of the articles and of their search entries (which
        the articles' trigger writes), to build them again once loaded.

        Building a full-text index over a million texts at once takes minutes;
        updating it row by row takes most of an hour. The unique ones stay: they
        guard the load. DROP INDEX locks the table until the load commits.
        """
        tables = [Article._meta.db_table, SearchEntry._meta.db_table]
        self.cursor.execute(
            "SELECT x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid),"
            " am.amname FROM pg_index x"
            " JOIN pg_class c ON c.oid = x.indexrelid"
            " JOIN pg_am am ON am.oid = c.relam"
            " WHERE x.indrelid = ANY(%s::regclass[])"
            " AND NOT x.indisunique AND NOT x.indisexclusion ORDER BY 1",
            [[connection.ops.quote_name(table) for table in tables]],
        )
        self.set_aside = self.cursor.fetchall()
        for name, _definition, _method in self.set_aside:
            self.cursor.execute(f"DROP INDEX {name}")

    def restore_indexes(self, progress, *, defer: bool) -> None:
        """Build again, exactly as they were, the indexes set aside.

        With ``defer`` the slow ones (GIN, GiST: the search indexes) are left for
        ``restore_deferred_indexes``, after the commit, where two can be built at
        once on two connections; the btree ones take seconds and are built here.
        """
        # CREATE INDEX refuses a table with foreign-key checks still queued: run them.
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        progress("keys checked")
        self.cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        later = []
        for name, definition, method in self.set_aside:
            if defer and method != "btree":
                later.append((name, definition, method))
                continue
            self.cursor.execute(definition)
            progress(f"{name} built")
        self.set_aside = later

    def restore_deferred_indexes(self, progress) -> None:
        """Build the indexes ``restore_indexes`` deferred, two at a time."""

        def build(name: str, definition: str) -> None:
            # A connection of its own: Django's are per thread, and this runs in one.
            own = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with own.cursor() as cursor:
                    cursor.execute("SET maintenance_work_mem = '1GB'")
                    cursor.execute(definition)
            finally:
                own.close()
            progress(f"{name} built")

        # Trigram indexes are the slowest: start them first.
        pending = sorted(self.set_aside, key=lambda item: "gin_trgm_ops" not in item[1])
        failed = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = {pool.submit(build, name, sql): sql for name, sql, _m in pending}
            for job, sql in jobs.items():
                if job.exception() is not None:
                    failed.append(f"{sql};  -- {job.exception()}")
        self.set_aside = []
        if failed:
            raise RuntimeError(
                "The articles are loaded but these indexes are missing; create them "
                "by hand:\n" + "\n".join(failed)
            )

    def write(self, rows: list, links: list) -> None:
        cursor = self.cursor
        cursor.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            [self.sequence, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        null = self.NULL
        tables = [
            (
                [pk, *(null if v is None else v for v in row)]
                for pk, row in zip(ids, rows, strict=True)
            )
        ]
        for index in range(len(LINKS)):
            tables.append(
                [
                    (pk, other)
                    for pk, facets in zip(ids, links, strict=True)
                    for other in facets[index]
                ]
            )
        for statement, table_rows in zip(self.statements, tables, strict=True):
            cursor.copy_expert(statement, _CsvStream(table_rows), size=1 << 20)

    def analyze(self) -> None:
        """Refresh the planner's statistics of every table the load wrote."""
        qn = connection.ops.quote_name
        tables = [m._meta.db_table for m in (Article, NewsCodeCounter, SearchEntry)]
        tables += [_through(name)[0]._meta.db_table for name in LINKS]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {qn(table)}")


class BulkInsert:
    """Writes batches with plain multi-row inserts (SQLite and other databases).

    ``bulk_create`` would stamp created_at and updated_at with the time of the load
    (they are auto_now fields), so articles go in through executemany, each value
    prepared by its field exactly as a save prepares it; links use bulk_create.
    """

    def __init__(self):
        qn = connection.ops.quote_name
        self.fields = article_fields()
        self.table = Article._meta.db_table
        columns = [Article._meta.pk.column] + [f.column for f in self.fields]
        self.insert = (
            f"INSERT INTO {qn(self.table)} ({', '.join(qn(c) for c in columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        self.links = [_through(name) for name in LINKS]
        self.newest = f"SELECT MAX({qn(Article._meta.pk.column)}) FROM {qn(self.table)}"
        if connection.vendor == "sqlite":
            # AUTOINCREMENT never hands out the id of a deleted row again; nor do we.
            self.newest = (
                f"SELECT MAX(COALESCE(({self.newest}), 0), COALESCE((SELECT seq"
                f" FROM sqlite_sequence WHERE name = '{self.table}'), 0))"
            )
        self.next_id = None

    def write(self, rows: list, links: list) -> None:
        fields = self.fields
        with connection.cursor() as cursor:
            if self.next_id is None:
                cursor.execute(self.newest)
                self.next_id = (cursor.fetchone()[0] or 0) + 1
            ids = range(self.next_id, self.next_id + len(rows))
            self.next_id += len(rows)
            cursor.executemany(
                self.insert,
                [
                    [
                        pk,
                        *(
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(fields, row, strict=True)
                        ),
                    ]
                    for pk, row in zip(ids, rows, strict=True)
                ],
            )
        for index, (through, own, other) in enumerate(self.links):
            through.objects.bulk_create(
                [
                    through(**{own.attname: pk, other.attname: fk})
                    for pk, facets in zip(ids, links, strict=True)
                    for fk in facets[index]
                ],
                batch_size=5000,
            )

    def analyze(self) -> None:
        """Nothing to do: SQLite plans well enough without statistics."""
