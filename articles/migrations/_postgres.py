"""SQL of the migrations that PostgreSQL alone runs (other databases go without it).

Its name starts with an underscore, so Django does not take it for a migration.
"""

from django.db import migrations


def postgres_sql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """An operation running ``forward`` (unapplied: ``backward``) on PostgreSQL only."""
    return migrations.RunPython(_run(forward), _run(backward))


def _run(statements: list[str]):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply
