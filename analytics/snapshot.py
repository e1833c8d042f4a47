"""A process-wide in-memory copy of the database, so the dashboard never holds the file's lock.

DuckDB lets one process write a file or many read it, never both. The dashboard copies the tables into
memory while holding a read lock for a moment, then answers every query from the copy through a cursor per
script run; the command-line loader can write in between. A changed file (size or modification time of the
database or its write-ahead log) makes the next script run take a fresh copy."""
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics import quality
from analytics.queries import prepare
from common.db import DatabaseBusy, db_path, wait_for_lock


@dataclass(frozen=True)
class Snapshot:
    version: tuple          # the file state it was copied from; part of every cache key
    con: duckdb.DuckDBPyConnection | None
    stale: bool = False     # the file changed but a writer still holds it; the previous copy is shown
    busy: str = ""          # no copy yet and a writer holds the file: why, in Vietnamese


def file_state(path: Path) -> tuple:
    state = [str(path)]
    for candidate in (path, Path(f"{path}.wal")):
        try:
            stat = os.stat(candidate)
            state.append((stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            state.append(None)
    return tuple(state)


def _copy(path: Path, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    memory = duckdb.connect(":memory:")
    memory.execute("SET enable_progress_bar = false")
    wait_for_lock(lambda: memory.execute("ATTACH ? AS source (READ_ONLY)", [str(path)]), wait_seconds, path)
    try:
        tables = [name for (name,) in memory.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' AND schema_name = 'main' "
            "AND NOT ends_with(table_name, '_history')"   # overwritten rows: no page reads them
        ).fetchall()]
        for name in tables:
            memory.execute(f'CREATE TABLE "{name}" AS FROM source."{name}"')
    finally:
        memory.execute("DETACH source")
    prepare(memory, temporary=False)     # in the copy, so that every cursor sees them
    quality.prepare(memory, temporary=False)
    return memory


class SnapshotHolder:
    """Holds the current copy; thread-safe, shared by every session of one Streamlit process."""

    def __init__(self, path: str | Path | None = None, wait_seconds: float = 2.0):
        self.path = db_path(str(path) if path else None)
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._current = Snapshot(version=(), con=None)

    def current(self) -> Snapshot:
        state = file_state(self.path)
        if state == self._current.version and self._current.con is not None:
            return self._current
        with self._lock:
            if state == self._current.version and self._current.con is not None:
                return self._current
            if state[1] is None:
                return Snapshot(version=state, con=None)
            try:
                con = _copy(self.path, self.wait_seconds)
            except DatabaseBusy as problem:
                if self._current.con is None:
                    return Snapshot(version=(), con=None, busy=str(problem))
                return Snapshot(self._current.version, self._current.con, stale=True)
            # the state read before copying: a write during the copy changes it again and forces a new copy
            self._current = Snapshot(version=state, con=con)
            return self._current
