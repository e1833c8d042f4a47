"""What a dashboard process reads: the current read copy the writer published (etl.publish), opened read-only.

The dashboard never holds the database file: a script run stats the copy's pointer and, when it names a new
version, opens that one; runs still reading the previous version finish on it, and it is closed (and may then be
deleted) when the last of them is done. Only when no version is current (none published yet, or a writer was
killed between its commit and publishing) does the dashboard read the database file, briefly and read-only, to
publish one itself."""
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

import duckdb

from common.db import DatabaseBusy, db_path
from etl.publish import POINTER, open_current, read_folder, repair


@dataclass(frozen=True)
class Snapshot:
    version: tuple          # (read folder, version number); part of every cache key
    con: duckdb.DuckDBPyConnection | None
    busy: str = ""          # no version yet and a writer holds the file: why, in Vietnamese
    number: int = 0         # the published version


def _state(path: Path):
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


class SnapshotHolder:
    """Holds the current version; thread-safe, shared by every session of one Streamlit process."""

    def __init__(self, path: str | Path | None = None, wait_seconds: float = 2.0):
        self.path = db_path(str(path) if path else None)
        self.folder = read_folder(self.path)
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._current = Snapshot(version=(), con=None)
        self._seen = None

    def current(self) -> Snapshot:
        seen = (_state(self.folder / POINTER), _state(self.path))
        if seen == self._seen and self._current.con is not None:
            return self._current
        with self._lock:
            if seen == self._seen and self._current.con is not None:
                return self._current
            return self._refresh(seen)

    def _refresh(self, seen) -> Snapshot:
        if seen[1] is not None and (self._seen is None or seen[1] != self._seen[1] or self._current.con is None):
            # the database changed: a version it lacks is published here (rare: its writer publishes it)
            try:
                repair(self.path, self.wait_seconds if self._current.con is None else 0)
            except DatabaseBusy as problem:
                if self._current.con is None and not (self.folder / POINTER).exists():
                    return Snapshot(version=(), con=None, busy=str(problem))
                seen = (seen[0], None)     # look again at the next run
        reading = open_current(self.folder)
        if reading is None:
            self._seen = seen
            return Snapshot(version=(), con=None)
        if self._current.con is not None and reading.version.number == self._current.number:
            reading.close()
        else:
            snapshot = Snapshot((str(self.folder), reading.version.number), reading.con,
                                number=reading.version.number)
            weakref.finalize(snapshot, reading.close)    # when the last run reading it is done
            self._current = snapshot
        self._seen = (_state(self.folder / POINTER), seen[1])
        return self._current
