"""The DuckDB schema, where the database file lives, and opening it without tripping over another process's lock."""
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "dashboard.duckdb"
DB_ENV = "DASHBOARD_DB"
LOCK_WAIT_ENV = "DASHBOARD_LOCK_WAIT_SECONDS"   # how long a load or `stats` waits for another process's lock

REPORT_COUNTS = ("cells_expected", "cells_held", "members_total", "members_exempt",
                 "members_participating", "non_members", "meetings")

# Each loadable table: its key and its value columns. A *_history twin keeps old rows.
TABLES = {
    "units": (("code",), ("name", "kind", "parent_code", "valid_from", "valid_to")),
    "periods": (("code",), ("name", "plan_code", "start_date", "end_date", "deadline")),
    "topics": (("code",), ("name",)),
    "reports": (("unit_code", "period_code", "topic_code"), REPORT_COUNTS + ("report_date", "note")),
}

_COLUMNS = {
    "units": "code VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR, parent_code VARCHAR, "
             "valid_from DATE, valid_to DATE",
    "periods": "code VARCHAR NOT NULL, name VARCHAR NOT NULL, plan_code VARCHAR, start_date DATE, "
               "end_date DATE, deadline DATE",
    "topics": "code VARCHAR NOT NULL, name VARCHAR NOT NULL",
    "reports": "unit_code VARCHAR NOT NULL, period_code VARCHAR NOT NULL, topic_code VARCHAR, "
               + ", ".join(f"{c} INTEGER" for c in REPORT_COUNTS)
               + ", report_date DATE, note VARCHAR",
}

SCHEMA = "\n".join(
    [
        """CREATE TABLE IF NOT EXISTS uploads (
            id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
            kinds VARCHAR NOT NULL, user_name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
            imported INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            skipped INTEGER NOT NULL, warnings INTEGER NOT NULL, status VARCHAR NOT NULL,
            rolled_back_at TIMESTAMP, rolled_back_by VARCHAR);""",
        """CREATE TABLE IF NOT EXISTS plans (
            code VARCHAR PRIMARY KEY, title VARCHAR, issuer VARCHAR, issued_on DATE);""",
        """CREATE TABLE IF NOT EXISTS unit_tree (
            ancestor VARCHAR NOT NULL, descendant VARCHAR NOT NULL, distance INTEGER NOT NULL,
            ancestor_depth INTEGER NOT NULL);""",
    ]
    + [
        f"CREATE TABLE IF NOT EXISTS {t} ({cols}, upload_id INTEGER NOT NULL);\n"
        f"CREATE TABLE IF NOT EXISTS {t}_history ({cols}, upload_id INTEGER NOT NULL, "
        "changed_by INTEGER NOT NULL, changed_at TIMESTAMP NOT NULL);"
        for t, cols in _COLUMNS.items()
    ]
)


def db_path(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get(DB_ENV) or DEFAULT_DB)


def is_busy(problem: Exception) -> bool:
    text = str(problem).lower()
    # another process holds the lock; or this process has the file open in the other mode (read-only vs write)
    return "lock" in text or "already attached" in text or "different configuration" in text


class DatabaseBusy(Exception):
    """Another process held the file longer than we waited; the message says who, in Vietnamese."""


def _holder(problem: Exception) -> str:
    """'tiến trình 1234 (python -m etl load bao-cao.xlsx)' from DuckDB's lock message, when it names one."""
    found = re.search(r"PID (\d+)", str(problem))
    if not found:
        return "một tiến trình khác"
    try:
        with open(f"/proc/{found.group(1)}/cmdline", "rb") as handle:
            command = " ".join(handle.read().decode(errors="replace").split("\0")).strip()
    except OSError:
        command = ""
    command = "".join(c for c in command if c.isprintable())[:200]
    return f"tiến trình số {found.group(1)}" + (f" ({command})" if command else "")


def wait_for_lock(open_fn, wait_seconds: float = 30.0, path: str | Path = ""):
    """Call `open_fn` until another process stops holding the file's lock; after `wait_seconds`, DatabaseBusy."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return open_fn()
        except (duckdb.IOException, duckdb.ResourceInUseException, duckdb.ConnectionException) as problem:
            # another process holds the lock, or another connection of this process has the file open to write
            if not is_busy(problem):
                raise
            if time.monotonic() > deadline:
                raise DatabaseBusy(
                    f"Tệp cơ sở dữ liệu {path} đang bị {_holder(problem)} giữ để ghi; đã chờ "
                    f"{wait_seconds:g} giây. Thường đó là một lần nạp lớn đang chạy: hãy chờ nó xong rồi chạy "
                    "lại. Nếu không có lần nạp nào, hãy dừng tiến trình đó rồi thử lại.") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


@contextmanager
def connect(path: str | Path | None = None, read_only: bool = False, wait_seconds: float | None = None):
    """Open the database for a short while; another process holding the lock is waited for, not failed on."""
    path = db_path(str(path) if path else None)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    wait_seconds = float(os.environ.get(LOCK_WAIT_ENV, "30")) if wait_seconds is None else wait_seconds
    con = wait_for_lock(lambda: duckdb.connect(str(path), read_only=read_only), wait_seconds, path)
    con.execute("SET enable_progress_bar = false")   # `load --json` prints exactly one JSON object
    try:
        yield con
    finally:
        con.close()


def create_schema(con) -> None:
    con.execute(SCHEMA)


def rebuild_unit_tree(con) -> None:
    """The closure of the organisation tree: every (ancestor, descendant) pair with distance and depth."""
    con.execute("DELETE FROM unit_tree")
    con.execute(
        """
        INSERT INTO unit_tree
        WITH RECURSIVE depth(code, depth) AS (
            SELECT code, 0 FROM units WHERE parent_code IS NULL
            UNION ALL
            SELECT u.code, d.depth + 1 FROM units u JOIN depth d ON u.parent_code = d.code
        ), pairs(ancestor, descendant, distance) AS (
            SELECT code, code, 0 FROM units
            UNION ALL
            SELECT p.ancestor, u.code, p.distance + 1 FROM units u JOIN pairs p ON u.parent_code = p.descendant
        )
        SELECT p.ancestor, p.descendant, p.distance, d.depth
        FROM pairs p JOIN depth d ON d.code = p.ancestor
        """
    )
