"""Where the database file lives, opening it without tripping over another process's lock, one transaction
at a time, and rows as dicts."""
import os
import re
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "dashboard.duckdb"
DB_ENV = "DASHBOARD_DB"
LOCK_WAIT_ENV = "DASHBOARD_LOCK_WAIT_SECONDS"   # how long a load or `stats` waits for another process's lock


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


class Transaction:
    """What `transaction` gives its block: `abandon()` rolls back at the end instead of committing."""

    def __init__(self) -> None:
        self.abandoned = False

    def abandon(self) -> None:
        self.abandoned = True


_OPEN: dict[int, Transaction] = {}     # id of a connection -> its transaction in progress


@contextmanager
def transaction(con):
    """BEGIN ... COMMIT; ROLLBACK when the block raises or abandons the transaction (a dry run, a rejected file).

    A transaction opened inside another on the same connection joins it (DuckDB has no savepoints): the outer
    block commits or rolls back the whole, and an inner abandon() or error rolls back the whole."""
    outer = _OPEN.get(id(con))
    if outer is not None:
        yield outer
        return
    state = _OPEN[id(con)] = Transaction()
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            yield state
            con.execute("ROLLBACK" if state.abandoned else "COMMIT")
        except BaseException:
            with suppress(duckdb.Error):    # a failed COMMIT has already ended the transaction
                con.execute("ROLLBACK")
            raise
    finally:
        del _OPEN[id(con)]


def dicts(cursor) -> list[dict]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
