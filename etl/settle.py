"""The audit line of every committed change, even when the process died between the commit and the line.

The figures and the audit trail live in two files, so they cannot share one transaction. The data file's own
`uploads` table is written in the load's transaction and says what was committed and undone; any upload or
rollback it records that the audit trail does not is written to the trail later (at the next load, rollback or
opening of Nhật ký), marked as recorded late, with the time of the change itself."""
import re
import threading

import duckdb

from common.db import DatabaseBusy, connect, db_path
from security.audit import RolledBack, Uploaded, record
from security.store import open_accounts

_ONE_AT_A_TIME = threading.Lock()
_NUMBER = re.compile(r"^lần nạp số (\d+)\b")


def settle(db, uploads: list[tuple]) -> int:
    """Write the missing audit lines for `uploads` rows (id, file_name, user_name, created_at, imported, updated,
    unchanged, status, rolled_back_at, rolled_back_by); returns how many were written. Another process waits for
    the accounts file; another thread of this one, for the lock."""
    with _ONE_AT_A_TIME, open_accounts(db) as con:
        logged = {"upload": set(), "rollback": set()}
        for action, detail in con.execute(
                "SELECT action, detail FROM audit WHERE action IN ('upload', 'correction', 'rollback') "
                "AND detail LIKE 'lần nạp số %'").fetchall():
            found = _NUMBER.match(detail)
            if found:
                logged["rollback" if action == "rollback" else "upload"].add(int(found.group(1)))
        written = 0
        for (upload_id, files, user, at, imported, updated, unchanged, status, undone_at, undone_by) in uploads:
            if upload_id not in logged["upload"]:
                record(con, user, Uploaded(upload_id, files, imported, updated, unchanged, late=True), at)
                written += 1
            if status == "rolled_back" and upload_id not in logged["rollback"]:
                record(con, undone_by or "?", RolledBack(upload_id), undone_at)
                written += 1
        return written


def settle_now(db, wait_seconds: float = 2.0) -> int:
    """`settle` from the data file itself; a writer holding it is not waited for long (it writes its own line
    before letting go of the file)."""
    if not db_path(db).exists():
        return 0
    try:
        with connect(db, read_only=True, wait_seconds=wait_seconds) as con:
            if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'uploads'").fetchone()[0]:
                return 0
            return settle(db, con.execute(UPLOADS_SQL).fetchall())
    except (DatabaseBusy, duckdb.Error):   # the file held, or opened here in the other mode: later
        return 0


UPLOADS_SQL = ("SELECT id, file_name, user_name, created_at, imported, updated, unchanged, status, rolled_back_at, "
               "rolled_back_by FROM uploads ORDER BY id")
