"""Read copies: what the dashboard reads, published by the writer after each committed change.

DuckDB lets one process write a file or many read it, never both. So dashboard processes do not read the
database file: once a load or a rollback has committed, the writer, still holding the file, writes a new
immutable DuckDB file `<db>.read/v000123.duckdb` with the tables pages read and the rolled-up tables
(etl.rollup), then points `<db>.read/current.json` at it with an atomic rename. Any number of processes open the
version the pointer names read-only and keep reading it until their next script run; a version is deleted once no
process has it open (each reader holds a shared flock on the version's `.readers` file while it reads it).

A new version starts as a copy of the previous one in which only the changed reports, their occasions' roll-ups
and the affected units' checks are redone; it is built whole when the catalogue changed, when the previous version
was made by other code (LAYOUT), when it misses a change (a crash between commit and publishing: its stamp is not
the one the database had before this change), or when replaced rows have left more than half its blocks free. A process killed while
publishing leaves a `.part-PID` file nobody reads, removed by the next publisher; the stamp it wrote to
`committed.json` right after its commit tells the dashboards that a version is missing, and the first to see it
publishes one."""
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import time
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import duckdb

from common.db import db_path, transaction, wait_for_lock
from etl import rollup
from etl.schema import PARENT_UNITS
from etl.scratch import alive

LAYOUT = 3            # what a version holds; a version of another layout is rebuilt whole
# Tables stored in the order pages read them, so that reading one unit's children touches few blocks
_ORDER = {"units": "parent_code, code", "unit_tree": "ancestor, distance"}
MAX_FREE_SHARE = 0.5  # a version whose file is more than half free blocks is not copied again: the next is built whole
POINTER = "current.json"
_ALIAS = "read_copy_being_published"
COMMITTED = "committed.json"    # the database's stamp, written by the writer as soon as it commits
# vNNNNNN-RANDOM.duckdb: DuckDB keeps one database per path in a process, so a name is never used twice, even
# once a removed folder is made again and numbers from 1
_NAME = re.compile(r"v\d{6}-[0-9a-f]{8}\.duckdb")


def read_folder(db: str | Path | None = None) -> Path:
    return Path(f"{db_path(str(db) if db else None)}.read")


class UntrustedFolder(OSError):
    """The read copies' folder belongs to another user or others may write in it: whoever can write there chooses
    the figures every dashboard shows."""


def check_trusted(folder: Path) -> None:
    """Refuse a folder writable by its group or by everyone, or owned by anyone but this user, root, or the owner of
    the database file (root loading a file the server's user owns). A folder not there (yet) is fine."""
    try:
        found = folder.stat()
    except FileNotFoundError:
        return
    owners = {os.geteuid(), 0}
    with suppress(OSError):
        owners.add(folder.with_name(folder.name.removesuffix(".read")).stat().st_uid)
    if found.st_uid not in owners or found.st_mode & 0o022:
        raise UntrustedFolder(
            f"Không dùng thư mục bản số liệu {folder}: thư mục thuộc người dùng khác hoặc người khác ghi được vào "
            f"(quyền {stat.filemode(found.st_mode)}), nên ai đó có thể thay số liệu bảng điều khiển hiển thị. Hãy xóa "
            "thư mục này (người dùng chạy máy chủ hoặc root): bảng điều khiển sẽ tạo lại nó, chỉ người dùng chạy máy "
            "chủ ghi được, từ tệp cơ sở dữ liệu.")


def _make_folder(folder: Path) -> None:
    folder.mkdir(mode=0o755, parents=True, exist_ok=True)
    check_trusted(folder)


@dataclass(frozen=True)
class Version:
    number: int
    file: str
    stamp: tuple[int, int]      # the database's state it shows: (last upload, uploads rolled back)
    schema: str                 # the database's tables and columns it was copied from
    layout: int
    published_at: str
    whole: bool                 # built whole rather than from the previous version
    free_share: float           # of the file's blocks, the share left free by rows replaced in copies
    seconds: float


def current(folder: Path) -> Version | None:
    """The version the pointer names, or None when nothing was published or the pointer is not one this code can
    read (fields it does not know are ignored; a file name must be one of ours, inside the folder)."""
    try:
        found = json.loads((folder / POINTER).read_text(encoding="utf-8"))
        version = Version(**{f.name: found[f.name] for f in fields(Version)})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(version.file, str) or not _NAME.fullmatch(version.file):
        return None
    return replace(version, stamp=tuple(version.stamp))


def committed(folder: Path) -> tuple | None:
    """The stamp the writer last committed (COMMITTED), to compare with the current version's."""
    try:
        return tuple(json.loads((folder / COMMITTED).read_text(encoding="utf-8"))["stamp"])
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _write_atomically(path: Path, text: str) -> None:
    part = path.with_name(f"{path.name}.part-{os.getpid()}")
    part.write_text(text, encoding="utf-8")
    _sync(part)
    os.replace(part, path)
    _sync(path.parent)


def stamp(con) -> tuple[int, int]:
    """The state of the database as loads and rollbacks leave it: every write the product makes adds an upload or
    rolls one back."""
    return tuple(con.execute("SELECT coalesce(max(id), 0), count(*) FILTER (WHERE status <> 'committed') "
                             "FROM uploads").fetchone())


def schema(con) -> str:
    """A digest of the current database's tables and columns: a version copied from other columns is rebuilt."""
    columns = con.execute("SELECT table_name, column_name, data_type FROM duckdb_columns() "
                          "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY ALL").fetchall()
    return hashlib.sha256(repr(columns).encode()).hexdigest()[:16]


@contextmanager
def _publishing(folder: Path):
    """One publisher at a time per folder (the loader, or a dashboard repairing a missed version)."""
    _make_folder(folder)
    with open(folder / "publish.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


class Publication:
    """Begun on the writer's connection before a change, published after it commits."""

    def __init__(self, con, db: str | Path | None):
        self.con, self.folder = con, read_folder(db)
        self.before = stamp(con)
        self.whole = False
        con.execute("CREATE OR REPLACE TEMP TABLE published_changes (unit_code VARCHAR, period_code VARCHAR)")

    def touches(self, upload_id: int) -> None:
        """Note what an upload wrote: its reports' units and occasions, or the catalogue (then all is rebuilt)."""
        kinds = self.con.execute("SELECT kinds FROM uploads WHERE id = ?", [upload_id]).fetchone()
        if kinds is None or kinds[0] != "reports":
            self.whole = True
        self.con.execute("INSERT INTO published_changes SELECT DISTINCT unit_code, period_code FROM reports "
                         "WHERE upload_id = ?", [upload_id])

    def publish(self) -> Version:
        """Say the commit (COMMITTED: a dashboard that finds no version of it publishes one, should this writer
        die now), then publish the version."""
        _make_folder(self.folder)
        _write_atomically(self.folder / COMMITTED, json.dumps({"stamp": stamp(self.con)}))
        with _publishing(self.folder):
            previous = current(self.folder)
            usable = (previous is not None and not self.whole and previous.layout == LAYOUT
                      and previous.stamp == self.before and previous.schema == schema(self.con)
                      and (self.folder / previous.file).exists() and previous.free_share <= MAX_FREE_SHARE)
            return _publish(self.con, self.folder, previous, usable)


def publish_whole(con, db: str | Path | None) -> Version:
    """A version built whole from the database `con` reads (after `init`, or when none is current)."""
    folder = read_folder(db)
    with _publishing(folder):
        return _publish(con, folder, current(folder), False)


def repair(db: str | Path | None, wait_seconds: float) -> Version:
    """Publish a whole version when none is current: none yet, or the database has changes the current one lacks
    (its writer was killed after committing). Reads the database read-only; DatabaseBusy when a writer holds it
    longer than `wait_seconds`."""
    path, folder = db_path(str(db) if db else None), read_folder(db)
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        wait_for_lock(lambda: con.execute("ATTACH ? AS source (READ_ONLY)", [str(path)]), wait_seconds, path)
        con.execute("USE source")
        with _publishing(folder):
            found = current(folder)
            if found is not None and (found.layout, found.stamp, found.schema) == (LAYOUT, stamp(con), schema(con)):
                return found
            return _publish(con, folder, found, False)
    finally:
        con.close()


def _publish(con, folder: Path, previous: Version | None, from_previous: bool) -> Version:
    started = time.perf_counter()
    _clean(folder, previous)
    # never a number used before, even when the pointer was lost: a reader may still hold that file
    number = max([previous.number if previous else 0]
                 + [int(p.name[1:7]) for p in folder.iterdir() if _NAME.match(p.name)]) + 1
    name = f"v{number:06d}-{secrets.token_hex(4)}.duckdb"
    part = folder / f"{name}.part-{os.getpid()}"
    source = con.execute("SELECT current_database()").fetchone()[0]
    try:
        if from_previous:
            shutil.copyfile(folder / previous.file, part)
        con.execute(f"ATTACH ? AS {_ALIAS}", [str(part)])
        try:
            con.execute(f"USE {_ALIAS}")
            with transaction(con):
                if from_previous:
                    _update(con, source)
                else:
                    _build(con, source)
            con.execute("CHECKPOINT")
            free_share = con.execute("SELECT free_blocks / greatest(total_blocks, 1) FROM pragma_database_size() "
                                     "WHERE database_name = current_database()").fetchone()[0]
        finally:
            con.execute(f'USE "{source}"')
            con.execute(f"DETACH {_ALIAS}")      # checkpoints: the file is whole without its write-ahead log
        if Path(f"{part}.wal").exists():
            raise OSError(f"{part}.wal: bản đọc chưa ghi hết")
        _sync(part)
        os.replace(part, folder / name)
    except BaseException:
        for left in (part, Path(f"{part}.wal")):
            with suppress(FileNotFoundError):
                left.unlink()
        raise
    version = Version(number, name, stamp(con), schema(con), LAYOUT,
                      dt.datetime.now().isoformat(timespec="seconds"), not from_previous, round(free_share, 3),
                      round(time.perf_counter() - started, 3))
    _write_atomically(folder / POINTER, json.dumps(asdict(version)))
    _clean(folder, version)
    return version


def _tables(con, source: str) -> list[str]:
    return [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
        "AND NOT ends_with(table_name, '_history') ORDER BY table_name", [source]).fetchall()]


def _build(con, source: str) -> None:
    for name in _tables(con, source):
        order = f" ORDER BY {_ORDER[name]}" if name in _ORDER else ""
        con.execute(f'CREATE TABLE "{name}" AS FROM "{source}"."{name}"{order}')
    con.execute(f"CREATE TABLE parent_units AS {PARENT_UNITS}")    # units change only with a whole build
    rollup.build(con, temporary=False)


def _update(con, source: str) -> None:
    """The previous version's copy brought to the database's state: uploads and documents replaced (small), the
    changed units' and occasions' reports replaced, then what rolls up from them (etl.rollup.refresh)."""
    for name in ("uploads", "documents"):
        con.execute(f'DELETE FROM "{name}"')
        con.execute(f'INSERT INTO "{name}" FROM "{source}"."{name}"')
    match = "r.unit_code = c.unit_code AND r.period_code = c.period_code"
    con.execute(f"DELETE FROM reports r USING published_changes c WHERE {match}")
    con.execute(f'INSERT INTO reports BY NAME SELECT r.* FROM "{source}".reports r SEMI JOIN published_changes c ON {match}')
    rollup.refresh(con, "published_changes")


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _readers(folder: Path, file: str) -> Path:
    return folder / f"{file.removesuffix('.duckdb')}.readers"


def _clean(folder: Path, keep: Version | None) -> int:
    """Remove what no one reads: versions other than `keep` that no process has open, their `.readers` files, and
    half-written files (of publishers that died; under the publishing lock, never one being written). How many
    files went."""
    removed = 0
    for path in list(folder.iterdir()):
        name = path.name
        writer = re.search(r"\.part-(\d+)", name)
        if writer:
            pid = int(writer.group(1))
            if pid == os.getpid() or not alive(pid):
                with suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        elif name.endswith(".duckdb") and (keep is None or name != keep.file):
            removed += _remove_unread(path, _readers(folder, name))
        elif name.endswith(".readers") and not (folder / f"{name.removesuffix('.readers')}.duckdb").exists():
            removed += _remove_unread(path, path)     # left by a reader that lost the race with a cleaner
    return removed


def _remove_unread(path: Path, readers: Path) -> int:
    """Remove `path` (and its `.readers` file) unless a reader holds the shared lock; 1 if it went."""
    with open(readers, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0       # someone still reads it
        gone = 0
        for each in {path, readers}:
            with suppress(FileNotFoundError):
                each.unlink()
                gone = 1
        return gone


@dataclass
class Reading:
    """One version opened read-only, held against deletion until closed."""
    version: Version
    con: duckdb.DuckDBPyConnection
    _lock: object

    def close(self) -> None:
        with suppress(duckdb.Error):
            self.con.close()
        self._lock.close()     # releases the shared flock


def open_current(folder: Path) -> Reading | None:
    """The current version, opened read-only; None when nothing is published."""
    check_trusted(folder)
    for _ in range(10):
        version = current(folder)
        if version is None:
            return None
        lock = open(_readers(folder, version.file), "a+b")
        fcntl.flock(lock, fcntl.LOCK_SH)
        if (folder / version.file).exists():    # not removed between reading the pointer and taking the lock
            try:
                con = duckdb.connect(str(folder / version.file), read_only=True)
                con.execute("SET enable_progress_bar = false")
            except BaseException:
                lock.close()
                raise
            return Reading(version, con, lock)
        lock.close()
    return None
