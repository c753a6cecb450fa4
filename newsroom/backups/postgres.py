"""PostgreSQL's backups: pg_dump's custom format, put back by psql in one transaction.

pg_dump, pg_restore and psql come from the client tools on PATH; they reach the
configured database only, with the password in their environment.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

from newsroom.backups.folders import CHUNK, BackupError

# The libpq variables that choose the server, the database and the login: taken from
# settings.DATABASES only, never inherited, so a restore can only reach the
# configured database. The password travels in the environment, never in arguments.
_PG_TARGET = frozenset(
    {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"}
    | {"PGSERVICE", "PGPASSFILE"}
)
_PG_OPTIONS = {
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The environment for pg_dump, pg_restore and psql to reach ``settings_dict``."""
    env = {key: value for key, value in os.environ.items() if key not in _PG_TARGET}
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        **{variable: options.get(key) for key, variable in _PG_OPTIONS.items()},
    }
    env.update({key: str(value) for key, value in values.items() if value})
    env["PGAPPNAME"] = "newsroom-backup"
    # Dropping the old tables reports each one it cascades to; only warnings matter.
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    return env


def _site_database() -> dict:
    return connections[DEFAULT_DB_ALIAS].settings_dict


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools of "
            "the server's major version (Debian: postgresql-client)."
        )
    return found


def _tool_error(text: bytes) -> str:
    """The tool's error line (psql follows it with context lines), or its last."""
    lines = [line for line in text.decode(errors="replace").splitlines() if line]
    errors = [line for line in lines if "ERROR" in line or "error:" in line]
    return (errors or lines or ["no message"])[0 if errors else -1]


def dump(target: Path, *, database: dict | None = None) -> None:
    """Write ``database`` (the site's own by default) into ``target`` with pg_dump."""
    env = pg_environment(_site_database() if database is None else database)
    done = subprocess.run(
        [_tool("pg_dump"), "--no-password", "--format=custom", "--file", str(target)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {_tool_error(done.stderr)}")


def check(path: Path) -> None:
    """Refuse a file pg_restore cannot read as a dump."""
    done = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    if done.returncode != 0:
        raise BackupError(
            f"{path} is not a readable PostgreSQL dump: {_tool_error(done.stderr)}"
        )


# Run before the dump's own statements, in the same transaction: the schema is made
# empty, as PostgreSQL 15 creates it, so tables made after the backup go too and
# `migrate` afterwards finds exactly the backup's state.
_PG_PROLOGUE = b"""BEGIN;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
"""


def pg_restore_command(dump: Path) -> list[str]:
    """The command that writes the dump out as SQL statements."""
    return [_tool("pg_restore"), "--no-owner", "--file", "-", str(dump)]


def load(path: Path) -> None:
    """Replace the database with the dump's, all in one transaction."""
    # psql drops the schema: no session of ours may hold a lock on it.
    connections.close_all()
    env = pg_environment(_site_database())
    psql = [_tool("psql"), "--no-psqlrc", "--no-password", "--quiet"]
    psql += ["--set", "ON_ERROR_STOP=1", "--file", "-"]
    with tempfile.TemporaryFile() as writer_errors, tempfile.TemporaryFile() as errors:
        loader = subprocess.Popen(
            psql,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        writer = subprocess.Popen(
            pg_restore_command(path),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=writer_errors,
        )
        try:
            loader.stdin.write(_PG_PROLOGUE)
            while block := writer.stdout.read(CHUNK):
                loader.stdin.write(block)
            written = writer.wait() == 0
            # COMMIT only after every statement arrived: if the dump could not be
            # read to its end, psql reaches the end of its input inside the
            # transaction and the server rolls it back when psql disconnects.
            if written:
                loader.stdin.write(b"\nCOMMIT;\n")
        except BrokenPipeError:
            written = False  # psql stopped at an error; its message says which
        finally:
            try:
                loader.stdin.close()
            except BrokenPipeError:
                pass
            writer.stdout.close()
            if writer.poll() is None:
                writer.kill()
            writer.wait()
            loaded = loader.wait() == 0
        if not (written and loaded):
            errors.seek(0)
            writer_errors.seek(0)
            said = _tool_error(errors.read()) if not loaded else ""
            said = said or _tool_error(writer_errors.read())
            raise BackupError(
                f"The database could not be restored and was left as it was: {said}"
            )
