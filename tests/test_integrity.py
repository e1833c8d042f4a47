"""What must hold when processes die, run at once or hold the file, and when a name is borrowed: issue 12."""
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from etl.loader import LoadOptions, load_files, rollback_upload
from etl.scratch import ROOT as SCRATCH
from etl.scratch import clean_leftovers, scratch_dir
from etl.settle import settle_now
from etl.store import RollbackRefused
from security.accounts import Account
from security.audit import LATE, audit_trail
from security.store import open_accounts

from conftest import REPORT_HEADER, ROOT, load, report, write_csv

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
UNITS = ["H-MK-1", "H-MK-2", "TP-LC"]


def etl(*args, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          env=env or ENV, timeout=timeout)


def counts(db) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*), coalesce(sum(members_participating), 0) FROM reports").fetchone()


def big_file(path, rows: int, members: int = 185):
    """Reports of three units for two occasions of 2022, whole-occasion and per topic: up to 18 rows."""
    body = [report(u, p, t, members=(200, 10, members)) for u in UNITS for p in ("2022-3-2", "2022-19-5")
            for t in ("", "KL21", "QD37")][:rows]
    return write_csv(path, [REPORT_HEADER, *body])


def test_a_load_killed_at_any_moment_leaves_the_previous_or_the_complete_upload(db, tmp_path):
    """kill -9 of the command-line loader at random moments: the file always opens, holding all of an upload
    or none of it, and the next load works."""
    first = big_file(tmp_path / "a.csv", 18, members=185)
    assert etl("load", first, "--db", db, "--json").returncode == 0
    before = counts(db)
    second = big_file(tmp_path / "b.csv", 18, members=180)      # corrects every row
    rng = random.Random(12)
    seen = set()
    for trial in range(6):
        process = subprocess.Popen([sys.executable, "-m", "etl", "load", str(second), "--db", str(db), "--json"],
                                   cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = counts(db)
        assert now in (before, (before[0], before[0] * 180)), now      # all of the correction or none of it
        seen.add(now == before)
        if now != before:   # it committed: put the first version back for the next trial
            assert etl("load", first, "--db", db, "--json", "--allow-revert").returncode == 0
    assert True in seen                                 # at least one kill came before the commit
    assert etl("load", second, "--db", db, "--json", "--allow-revert").returncode == 0
    assert counts(db) == (before[0], before[0] * 180)


def test_two_loaders_at_once_both_commit_by_waiting(db, tmp_path):
    files = [write_csv(tmp_path / f"{u}.csv", [REPORT_HEADER, report(u, "2022-3-2")]) for u in UNITS[:2]]
    runs = [subprocess.Popen([sys.executable, "-m", "etl", "load", str(f), "--db", str(db), "--json"], cwd=ROOT,
                             env=ENV, stdout=subprocess.PIPE, text=True) for f in files]
    done = [json.loads(r.communicate(timeout=120)[0]) for r in runs]
    assert [d["status"] for d in done] == ["committed", "committed"]
    assert len({d["upload_id"] for d in done}) == 2
    assert counts(db) == (2, 370)


def test_a_borrowed_name_owns_nothing(db, tmp_path):
    """A load without an account is recorded under a mark no account name can carry: an account with the same
    name (the operating-system user's, or one given with --user) cannot undo it or be blamed for it."""
    rows = write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2")])
    done = etl("load", rows, "--db", db, "--json", "--user", "huyen.mk")
    upload = json.loads(done.stdout)["upload_id"]
    with duckdb.connect(str(db), read_only=True) as con:
        recorded = con.execute("SELECT user_name FROM uploads WHERE id = ?", [upload]).fetchone()[0]
    assert recorded == "huyen.mk (dòng lệnh, không đăng nhập)"
    namesake = Account("huyen.mk", None, "unit", "H-MK")
    with pytest.raises(RollbackRefused, match="chỉ hoàn tác được lần nạp của chính mình"):
        rollback_upload(upload, str(db), account=namesake)
    os_user = load(write_csv(tmp_path / "r2.csv", [REPORT_HEADER, report("H-MK-2", "2022-3-2")]), db)
    with pytest.raises(RollbackRefused):
        rollback_upload(os_user.upload_id, str(db), account=Account("test", None, "unit", "H-MK"))
    with open_accounts(db) as con:
        assert not audit_trail(con, user="huyen.mk")       # the trail shows the mark, not the borrowed name


def test_a_load_killed_after_its_commit_still_gets_its_audit_line(db, tmp_path):
    """The figures and the trail are two files: a process killed between them leaves a committed upload whose
    line is written, once, at the next load or opening of Nhật ký."""
    rows = write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2")])
    killer = ("import os, signal, sys; import etl.loader as l; "
              "l._audit = lambda *a: os.kill(os.getpid(), signal.SIGKILL); "
              f"l.load_files([{str(rows)!r}], l.LoadOptions(db={str(db)!r}, user='test'))")
    died = subprocess.run([sys.executable, "-c", killer], cwd=ROOT, env=ENV)
    assert died.returncode == -signal.SIGKILL
    assert counts(db) == (1, 185)                                   # committed
    with open_accounts(db) as con:
        assert not [r for r in audit_trail(con) if r["detail"].startswith("lần nạp số 2:")]
    assert settle_now(str(db)) == 1
    assert settle_now(str(db)) == 0                                 # never twice
    with open_accounts(db) as con:
        lines = [r for r in audit_trail(con) if r["detail"].startswith("lần nạp số 2:")]
    assert len(lines) == 1 and lines[0]["detail"].endswith(LATE) and lines[0]["action"] == "upload"
    again = load(write_csv(tmp_path / "r2.csv", [REPORT_HEADER, report("H-MK-2", "2022-3-2")]), db)
    with open_accounts(db) as con:
        numbers = [r["detail"].split(":")[0] for r in audit_trail(con, actions=("upload",))]
    assert sorted(numbers) == ["lần nạp số 1", "lần nạp số 2", f"lần nạp số {again.upload_id}"]


def test_waiting_too_long_for_the_file_says_who_holds_it_in_vietnamese(db, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        env = {**ENV, "DASHBOARD_LOCK_WAIT_SECONDS": "1"}
        for command in (["stats", "--db", db], ["load", write_csv(tmp_path / "r.csv", [REPORT_HEADER]), "--db", db]):
            done = etl(*command, env=env)
            assert done.returncode == 1, done
            assert "Traceback" not in done.stderr
            assert f"tiến trình số {holder.pid}" in done.stderr and "hãy chờ" in done.stderr, done.stderr
        from analytics.snapshot import SnapshotHolder
        shown = SnapshotHolder(db, wait_seconds=0.5).current()       # a server started during the load
        assert shown.con is not None and not shown.busy              # reads the last published version
        shutil.rmtree(f"{db}.read")                                  # a database from before read copies
        shown = SnapshotHolder(db, wait_seconds=0.5).current()
        assert shown.con is None and "đang bị tiến trình số" in shown.busy
    finally:
        holder.kill()
        holder.wait()


def test_leftovers_of_a_killed_process_are_removed_and_terminals_get_no_escape_codes(db, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = SCRATCH / str(dead.pid)
    left.mkdir(parents=True, exist_ok=True)
    (left / "0.xlsx").write_bytes(b"report")
    mine = scratch_dir()
    assert clean_leftovers() >= 1
    assert not left.exists() and os.path.isdir(mine)
    hostile = tmp_path / "bao\x1b[2J\x1b[Hcao.csv"
    write_csv(hostile, [REPORT_HEADER, report("Đảng bộ\x1b[31m xã Bản Lầu", "2022-3-2")])
    done = etl("load", hostile, "--db", db)
    shown = done.stdout + done.stderr
    assert "\x1b" not in shown and "bao[2J[Hcao.csv" in shown


def test_a_refused_file_leaves_the_database_byte_for_byte_unchanged(db, tmp_path):
    def digest():
        return hashlib.sha256(db.read_bytes()).hexdigest()

    before = digest()
    refused = load(write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2",
                                                                         members=(200, 10, "9999999999999999999"))]),
                   db)
    assert refused.status == "rejected" and "Số quá lớn" in refused.errors[0].message
    assert digest() == before
    summary = load_files([str(tmp_path)], LoadOptions(db=str(db), user="test"))
    assert summary.status == "rejected" and "thư mục" in summary.errors[0].message
    assert digest() == before
