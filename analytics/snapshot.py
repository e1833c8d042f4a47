"""What a dashboard process reads: the current read copy the writer published (etl.publish), opened read-only.

The dashboard does not read the database file: a script run stats the copy's pointer and the writer's commit
marker and, when the pointer names a new version, opens that one; runs still reading the previous version finish
on it, and it is closed (and may then be deleted) when the last of them is done. Only when no version is current
(none published yet, or the marker says a writer committed a change and died before publishing it) does the
dashboard open the database file, briefly and read-only, to publish one itself."""
import logging
import os
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import duckdb

from common.db import DatabaseBusy, db_path
from etl.publish import (COMMITTED, POINTER, UntrustedFolder, Version, check_trusted, committed, current, open_current,
                         read_folder, repair)

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0     # between attempts to publish a missing version while a writer holds the database


@dataclass(frozen=True)
class Snapshot:
    """A version and its connection. The connection (and its cursors) is closed when the Snapshot is no longer
    referenced: keep the Snapshot, not only `con`, for as long as you query."""
    version: tuple          # (read folder, version file); part of every cache key
    con: duckdb.DuckDBPyConnection | None
    busy: str = ""          # no version yet and a writer holds the file: why, in Vietnamese
    refused: str = ""       # the read copies' folder is not safe to read (etl.publish.check_trusted): why
    number: int = 0         # the published version
    published: Version | None = None


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
        self._retry_at = 0.0

    def current(self) -> Snapshot:
        seen = (_state(self.folder / POINTER), _state(self.folder / COMMITTED))
        if self._unchanged(seen):
            return self._current
        with self._lock:
            if self._unchanged(seen):
                return self._current
            return self._refresh(seen)

    def _unchanged(self, seen) -> bool:
        """Nothing new in the folder, and no attempt to publish a missing version is due."""
        due = self._retry_at and time.monotonic() >= self._retry_at
        return seen == self._seen and self._current.con is not None and not due

    def _refresh(self, seen) -> Snapshot:
        try:
            return self._read(seen)
        except UntrustedFolder as problem:
            log.error("%s", problem)
            return Snapshot(version=(), con=None, refused=str(problem))

    def _read(self, seen) -> Snapshot:
        check_trusted(self.folder)
        version = current(self.folder)
        missing = version is None or committed(self.folder) not in (None, version.stamp)
        if not missing:
            self._retry_at = 0.0
        if missing and self.path.exists() and time.monotonic() >= self._retry_at:   # 0.0 when none is pending
            try:
                repair(self.path, self.wait_seconds if version is None else 0)
                self._retry_at = 0.0
            except DatabaseBusy as problem:     # its writer is still at work; publishing is its job
                if version is None:
                    return Snapshot(version=(), con=None, busy=str(problem))
                self._retry_at = time.monotonic() + RETRY_SECONDS
            except (OSError, duckdb.Error):
                if version is None:
                    raise
                log.exception("publishing a missing read copy failed; the current one is shown")
                self._retry_at = time.monotonic() + RETRY_SECONDS
        reading = open_current(self.folder)
        if reading is None:
            return Snapshot(version=(), con=None)
        if self._current.con is not None and reading.version == self._current.published:
            reading.close()
        else:
            # the key of every cached answer: a file name is never used twice (a folder removed and made again
            # numbers its versions from 1 again, with other names)
            snapshot = Snapshot((str(self.folder), reading.version.file), reading.con, number=reading.version.number,
                                published=reading.version)
            weakref.finalize(snapshot, reading.close)    # when the last run reading it is done
            self._current = snapshot
        self._seen = (_state(self.folder / POINTER), _state(self.folder / COMMITTED))
        return self._current
