"""Hostile files through `python -m etl load --json`: each ends in a load or a Vietnamese refusal naming the file,
within 30 s and 1 GB, and a refusal leaves the database file as it was, byte for byte."""
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import REPORT_HEADER, ROOT
from hostile import BY_ID, CASES, GOOD, GOOD_2, SECRET, Corpus, catalogue_files, cell_reports, csv_bytes

SECONDS = 30
PEAK_MB = 1024
KILL_AFTER = 60              # a child still running then is killed: the test fails instead of hanging
ADDRESS_SPACE = 4 << 30      # a safety net for the machine; the 1 GB asserted is resident memory
VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    killed: bool

    def __str__(self) -> str:
        return (f"exit {self.code}{f' (killed after {KILL_AFTER} s)' if self.killed else ''}, {self.seconds:.1f} s, "
                f"peak {self.peak_mb:.0f} MB: {self.headline()[:300]}")

    def headline(self) -> str:
        """The last line of stderr (a traceback's exception), else the first error of the summary."""
        if self.stderr.strip():
            return self.stderr.strip().splitlines()[-1]
        try:
            summary = json.loads(self.stdout)
        except json.JSONDecodeError:
            return self.stdout.strip()[:300]
        errors = summary.get("errors") or [{"message": summary.get("status")}]
        return repr(errors[0]["message"])


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def etl(*args) -> Run:
    """The command line in a child of its own, with its wall time and, from wait4, its own peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT, stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=err, start_new_session=True, preexec_fn=_limit_memory)
        killed = False
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > KILL_AFTER:
                os.killpg(child.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(child.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                   seconds, usage.ru_maxrss / 1024, killed)


def load(files: list[str], db: Path) -> tuple[Run, dict]:
    """Run a load and check what every load must do, whatever the file: end by itself, quickly, in little memory,
    with exactly one JSON summary and no traceback."""
    run = etl("load", *files, "--db", db, "--json")
    assert not run.killed, f"still running after {KILL_AFTER} s: {run}"
    assert run.code in (0, 1), f"crashed: {run}"
    assert "Traceback" not in run.stderr, f"traceback: {run}"
    assert run.seconds <= SECONDS, f"too slow: {run}"
    assert run.peak_mb <= PEAK_MB, f"too much memory: {run}"
    assert SECRET not in run.stdout + run.stderr, f"an external entity leaked a file: {run}"
    try:
        summary = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"stdout is not one JSON summary: {run}")
    assert run.code == (1 if summary["status"] == "rejected" else 0), f"exit code and status disagree: {run}"
    return run, summary


def is_vietnamese(message: str) -> bool:
    return len(VIETNAMESE_LETTERS & set(unicodedata.normalize("NFC", message).lower())) >= 3


def is_inert(message: str) -> bool:
    """No character that would move a terminal's cursor, start a new line or turn text around when printed."""
    return not any(unicodedata.category(c) in ("Cc", "Cf") for c in message)


def check_refused(run: Run, summary: dict, marker: str, word: str | None) -> None:
    errors = summary["errors"]
    assert summary["status"] == "rejected" and errors, f"not refused: {run}"
    naming = [e for e in errors if marker in (e["file"] or "") or marker in e["message"]]
    assert naming, f"no error names {marker!r}: {errors[:3]}"
    assert any(is_vietnamese(e["message"]) for e in naming), f"not in Vietnamese: {naming[:3]}"
    if word:
        assert any(word in e["message"].lower() for e in errors), f"no error says {word!r}: {errors[:3]}"
    loud = [e["message"] for e in errors if not is_inert(e["message"])]
    assert not loud, f"control characters in the message: {loud[:3]!r}"


def check_printed_inert(run: Run) -> None:
    """What `load` prints for a person: no escape sequence, direction override or line break from the file."""
    text = run.stdout + run.stderr
    loud = sorted({c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")})
    assert not loud, f"the printed summary carries {loud!r} from the file: {text[:500]!r}"
    assert not any(line.startswith("ĐÃ NẠP XONG") for line in text.splitlines()), f"a forged line: {text[:500]!r}"


def snapshot(db: Path) -> tuple[str, str | None]:
    wal = db.with_name(db.name + ".wal")
    return (hashlib.sha256(db.read_bytes()).hexdigest(),
            hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else None)


def contents(db: Path) -> dict[str, list]:
    """Every table's rows, to tell a database that changed from a file whose bytes moved for nothing."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {name: sorted(map(repr, con.execute(f"SELECT * FROM {name}").fetchall())) for name in tables}


def check_unchanged(db: Path, before: tuple, rows_before: dict) -> None:
    if snapshot(db) != before:
        same = contents(db) == rows_before
        pytest.fail("a refused load changed the database file: " + (
            "the rows are the same, so DuckDB rewrote blocks (a checkpoint or a header) without need" if same
            else "and its rows"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Path:
    """The small province and 1000 cells, loaded the way an admin would, once for the module."""
    folder = tmp_path_factory.mktemp("catalogue")
    path = folder / "catalogue.duckdb"
    assert etl("init", "--db", path).code == 0
    run = etl("load", *catalogue_files(folder), "--db", path, "--json")
    assert json.loads(run.stdout)["status"] == "committed", run
    return path


@pytest.fixture
def db(catalogue, tmp_path) -> Path:
    path = tmp_path / "hostile.duckdb"
    shutil.copyfile(catalogue, path)
    return path


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_file(case, corpus, db):
    files = case.make(corpus)
    rows_before, before = contents(db), snapshot(db)
    run, summary = load(files, db)
    if case.expect == "load":
        assert summary["status"] == "committed", f"refused: {run}\n{summary['errors'][:3]}"
        assert case.rows is None or summary["imported"] == case.rows, summary
    else:
        check_refused(run, summary, case.marker or os.path.basename(files[0]), case.word)
        check_unchanged(db, before, rows_before)
    if case.printed:
        check_printed_inert(etl("load", *files, "--db", db, "--dry-run"))


@pytest.mark.parametrize("case_id", ["xlsx_shared_string_1gb", "csv_unclosed_quote", "count_2147483648"])
def test_same_hostile_file_twice(case_id, corpus, db):
    """Twice in one command, then once more: refused each time, nothing written."""
    case = BY_ID[case_id]
    files = case.make(corpus)
    rows_before, before = contents(db), snapshot(db)
    for arguments in (files + files, files):
        run, summary = load(arguments, db)
        check_refused(run, summary, os.path.basename(files[0]), case.word)
        check_unchanged(db, before, rows_before)


def stats(db: Path) -> list:
    run = etl("stats", "--db", db, "--json", "--by", "unit", "--date", "2025-12-31")
    assert run.code == 0, run
    return json.loads(run.stdout)


def report_count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]


@pytest.mark.parametrize("case_id", ["count_2147483648", "csv_cp1258_then_utf8", "text_ansi_fake_done"])
def test_good_file_after_a_refused_one(case_id, corpus, db, catalogue, tmp_path):
    """After a refusal the same database takes a good file in full, and the same good file again adds nothing:
    its figures equal those of a database that never saw the hostile file."""
    good = [str(corpus.write("tot.csv", csv_bytes([REPORT_HEADER, GOOD, GOOD_2] + cell_reports())))]
    expected_rows = len(cell_reports()) + 2
    clean = tmp_path / "clean.duckdb"
    shutil.copyfile(catalogue, clean)
    assert load(good, clean)[1]["imported"] == expected_rows

    run, summary = load(BY_ID[case_id].make(corpus), db)
    assert summary["status"] == "rejected", f"the hostile file was not refused: {run}"
    run, summary = load(good, db)
    assert (summary["status"], summary["imported"]) == ("committed", expected_rows), f"{run}\n{summary['errors'][:3]}"
    run, summary = load(good, db)
    assert (summary["imported"], summary["updated"], summary["unchanged"]) == (0, 0, expected_rows), summary
    assert report_count(db) == expected_rows
    assert stats(db) == stats(clean)
