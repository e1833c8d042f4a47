"""The accounts file beside the report database: created private (0600), its tables, a clock for its rows."""
import datetime as dt
import logging
import os
import threading
from contextlib import contextmanager, suppress
from pathlib import Path

from common.db import connect, db_path

SECURITY_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username VARCHAR PRIMARY KEY, full_name VARCHAR, role VARCHAR NOT NULL, unit_code VARCHAR, email VARCHAR,
    password_hash VARCHAR NOT NULL, active BOOLEAN NOT NULL, failed_logins INTEGER NOT NULL,
    locked_until TIMESTAMP, created_at TIMESTAMP NOT NULL, password_changed_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash VARCHAR PRIMARY KEY, username VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL, ended_at TIMESTAMP);
CREATE SEQUENCE IF NOT EXISTS audit_id;
CREATE TABLE IF NOT EXISTS audit (
    id BIGINT PRIMARY KEY DEFAULT nextval('audit_id'), happened_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL,
    action VARCHAR NOT NULL, detail VARCHAR);
"""


def security_path(db: str | Path | None = None) -> Path:
    return db_path(str(db) if db else None).with_suffix(".accounts.duckdb")


_UMASK = threading.Lock()


def _private(path: Path) -> None:
    """Hashes, sessions and the trail are for the server's user only (issue 12, item 9). DuckDB creates its files
    with the process umask, so the first creation runs under 077; a file an older version left readable by
    others is made 0600, and the log says so."""
    if not path.exists():
        with _UMASK:    # the umask belongs to the whole process: changed only while DuckDB creates the file
            previous = os.umask(0o077)
            try:
                with connect(path) as con:
                    con.execute(SECURITY_SCHEMA)
            finally:
                os.umask(previous)
    for file in (path, path.with_name(path.name + ".wal")):
        with suppress(FileNotFoundError):     # a write-ahead log comes and goes
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
                logging.getLogger("accounts").warning("Tệp %s cho người khác đọc được; đã đặt lại quyền 0600.", file)


@contextmanager
def open_accounts(db: str | Path | None = None):
    """The accounts file of the database `db` (default: the dashboard's), tables created on first use."""
    path = security_path(db)
    _private(path)
    with connect(path) as con:
        # a commit goes straight into the 0600 file: a write-ahead log would be created with the process umask
        con.execute("SET wal_autocheckpoint = '0KB'; SET auto_checkpoint_skip_wal_threshold = 0")
        con.execute(SECURITY_SCHEMA)
        yield con


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
