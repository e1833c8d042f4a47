"""Read copies (etl.publish): every committed load or rollback publishes a version the dashboard reads without
the database file; nothing else publishes; a reader finishes on the version it started on; a publisher killed
half-way never shows."""
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from analytics.snapshot import SnapshotHolder
from bench.streamlit_client import Session
from etl import rollup
from etl.loader import rollback_upload
from etl.publish import COMMITTED, POINTER, current, read_folder
from etl.schema import PARENT_UNITS
from etl.store import RollbackRefused

from conftest import ORIGINAL, REPORT_HEADER, ROOT, UNITS, load, open_app, report, with_accounts, write_csv
from in_browser import serving

ENV = os.environ | {"PYTHONPATH": str(ROOT)}
# `python -m etl load …` whose publishing stops half-way, inside the transaction writing the new version, and says so
PAUSED = ("import runpy, sys, time\n"
          "import etl.rollup as rollup\n"
          "real = rollup.refresh\n"
          "def paused(*args):\n"
          "    real(*args)\n"
          "    print('publishing', flush=True)\n"
          "    time.sleep(60)\n"
          "rollup.refresh = paused\n"
          "sys.argv = ['etl', *sys.argv[1:]]\n"
          "runpy.run_module('etl', run_name='__main__')\n")
PERIOD = "2026-19-5"


def files(db) -> list[str]:
    return sorted(p.name for p in read_folder(db).iterdir() if p.name != "publish.lock")


def participating(con, period: str = "2022-3-2") -> int:
    """The province's members taking part in `period` as every page reads it: the root's rolled-up row."""
    return con.execute("SELECT r.members_participating FROM rollup r JOIN units u ON u.code = r.unit_code "
                       "WHERE u.parent_code IS NULL AND r.period_code = ?", [period]).fetchone()[0]


def assert_same_as_built_whole(db) -> None:
    """The published version holds exactly what a build from scratch of the database gives, table by table."""
    version = current(read_folder(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        rollup.build(con)        # temporary tables over the database itself
        con.execute("ATTACH ? AS published (READ_ONLY)", [str(read_folder(db) / version.file)])
        for table in ("rollup", "rollup_topics", "quality_failed", "reports", "uploads", "units", "unit_tree",
                      "periods", "topics", "plans", "documents", "parent_units"):
            ours = (f"temp.main.{table}" if table in ("rollup", "rollup_topics", "quality_failed")
                    else f"({PARENT_UNITS})" if table == "parent_units" else table)
            for first, second in ((ours, f"published.{table}"), (f"published.{table}", ours)):
                extra = con.execute(f"SELECT count(*) FROM (FROM {first} EXCEPT ALL FROM {second})").fetchone()[0]
                assert extra == 0, (table, first, second)
    finally:
        con.close()


def test_each_change_publishes_a_version_equal_to_one_built_whole(db, tmp_path):
    first = current(read_folder(db))
    assert first is not None and first.whole          # the catalogue's load
    rows = ORIGINAL + [  # a district's own report over its communes'; a commune with five rows, per topic and whole
        report("H-MK", "2022-3-2", cells=(18, 17), members=(350, 10, 330)),
        *[report("H-MK-1", period, topic, members=(200, 10, 180)) for period in ("2022-19-5", "2022-3-2")
          for topic in ("KL21", "QD37")],
        report("H-MK-1", "2022-19-5", members=(200, 10, 181))]
    summary = load(write_csv(tmp_path / "r.csv", rows), db)
    assert summary.status == "committed", summary.errors
    after_load = current(read_folder(db))
    assert after_load.number == first.number + 1 and not after_load.whole     # only the touched occasions redone
    assert_same_as_built_whole(db)
    corrected = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(900, 10, 150)),   # far from its other rows
                 report("H-MK-2", "2022-19-5", cells=(8, 8), members=(150, 0, 140)),     # new: against its parent
                 report("X-MK", "2025-2-9", members=(40, 2, 37), date="10/09/2025")]
    correction = load(write_csv(tmp_path / "c.csv", corrected), db)
    assert correction.status == "committed" and correction.updated == 1, correction.errors
    assert not current(read_folder(db)).whole
    with duckdb.connect(str(read_folder(db) / current(read_folder(db)).file), read_only=True) as con:
        checks = {code for (code,) in con.execute("SELECT DISTINCT check_code FROM quality_failed").fetchall()}
    assert {"far_from_history", "parent_mismatch"} <= checks
    assert_same_as_built_whole(db)
    rollback_upload(correction.upload_id, db=str(db), user="test")      # an update and two new rows undone
    assert not current(read_folder(db)).whole
    assert_same_as_built_whole(db)
    units = [row if row[0] != "H-MK-1" else [row[0], row[1] + " (mới)", *row[2:]] for row in UNITS]
    assert load(write_csv(tmp_path / "u.csv", units), db).status == "committed"
    assert current(read_folder(db)).whole             # the catalogue changed: built whole
    assert_same_as_built_whole(db)
    assert files(db) == sorted([POINTER, COMMITTED, current(read_folder(db)).file])   # no reader: old ones gone


def test_a_dry_run_a_rejected_file_and_a_refused_rollback_publish_nothing(db, tmp_path):
    good = load(write_csv(tmp_path / "r.csv", ORIGINAL), db)
    before, listing = current(read_folder(db)), files(db)
    dry = load(write_csv(tmp_path / "d.csv", [REPORT_HEADER, report("H-MK-2", "2022-3-2")]), db, dry_run=True)
    bad = load(write_csv(tmp_path / "b.csv", [REPORT_HEADER, report("Không có đơn vị này", "2022-3-2")]), db)
    revert = load(write_csv(tmp_path / "o.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 1))]),
                  db)
    assert (dry.status, bad.status) == ("dry-run", "rejected")
    again = load(write_csv(tmp_path / "again.csv", ORIGINAL), db)         # turns the figure back: not confirmed
    assert again.status == "rejected" and again.needs_confirmation, again.errors
    with pytest.raises(RollbackRefused):
        rollback_upload(good.upload_id, db=str(db), user="test")      # a later upload built on it
    assert revert.status == "committed"
    revert_version = current(read_folder(db))
    assert revert_version.number == before.number + 1                  # the one committed load, nothing else
    assert files(db) == sorted([POINTER, COMMITTED, revert_version.file])
    assert listing == sorted([POINTER, COMMITTED, before.file])


def test_a_read_folder_others_may_write_in_is_neither_read_nor_written(db, tmp_path):
    """Whoever can write in the folder chooses the figures every dashboard shows: a folder writable by its group or
    by everyone is refused by the dashboard (it says why and shows no figures) and by the loader (the load itself
    commits, with a warning naming the folder). Removed, as the message says, it is made again from the database."""
    folder = read_folder(db)
    before = current(folder)
    holder = SnapshotHolder(db)
    shown = holder.current()
    assert shown.con is not None and not shown.refused
    for mode in (0o775, 0o757):
        folder.chmod(mode)
        refused = SnapshotHolder(db).current()
        assert refused.con is None and "Hãy xóa thư mục này" in refused.refused and str(folder) in refused.refused
        listed = files(db)
        summary = load(write_csv(tmp_path / "r.csv", ORIGINAL), db)
        assert summary.status == "committed"
        warning = " ".join(w.message for w in summary.warnings)
        assert str(folder) in warning and "Hãy xóa thư mục này" in warning, warning
        assert files(db) == listed and current(folder) == before      # nothing written in it
    shutil.rmtree(folder)
    again = holder.current()                  # the dashboard publishes what it missed
    count = "SELECT count(*) FROM reports"
    assert shown.con.execute(count).fetchone()[0] == 0 and again.con.execute(count).fetchone()[0] == len(ORIGINAL) - 1
    assert current(folder).whole and not folder.stat().st_mode & 0o022      # writable by its owner only
    # numbered from 1 again, like the version the holder showed first: cached answers must not be taken for it
    assert again.number == shown.number and again.version != shown.version
    assert_same_as_built_whole(db)


def test_only_an_administrator_is_told_which_server_folder_is_unsafe(db, tmp_path, monkeypatch):
    from ui.frame import UNSAFE_FOLDER

    assert load(write_csv(tmp_path / "r.csv", ORIGINAL), db).status == "committed"
    folder = read_folder(db)
    folder.chmod(0o775)
    try:
        said = {}
        for user in ("quantri", "tonghop", "xem1"):
            app = open_app(db, monkeypatch, user=user)
            said[user] = " ".join(e.value for e in app.error)
    finally:
        folder.chmod(0o755)
    assert str(folder) in said["quantri"] and "Hãy xóa thư mục này" in said["quantri"]
    assert said["tonghop"] == said["xem1"] == UNSAFE_FOLDER and str(tmp_path) not in said["xem1"]


def test_a_reader_in_the_middle_of_a_query_finishes_on_its_version(db, tmp_path):
    load(write_csv(tmp_path / "r.csv", ORIGINAL), db)
    holder = SnapshotHolder(db)
    old = holder.current()
    assert participating(old.con) == 185 + 150
    cursor = old.con.cursor()
    inside, released, answers = threading.Event(), threading.Event(), []

    def hold(figure):      # the query stops here, in its middle, until the new version is out
        inside.set()
        released.wait(120)
        return figure

    cursor.create_function("hold", hold, [duckdb.sqltype("BIGINT")], duckdb.sqltype("BIGINT"), side_effects=True)
    reader = threading.Thread(target=lambda: answers.append(cursor.execute(
        "SELECT hold(r.members_participating::BIGINT), (SELECT count(*) FROM reports) FROM rollup r "
        "JOIN units u ON u.code = r.unit_code WHERE u.parent_code IS NULL AND r.period_code = '2022-3-2'").fetchone()))
    reader.start()
    assert inside.wait(30)
    correction = write_csv(tmp_path / "c.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 150)),
                                                report("TP-LC", "2022-3-2")])
    done = subprocess.run([sys.executable, "-m", "etl", "load", str(correction), "--db", str(db)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    new = holder.current()
    assert new.number == old.number + 1 and participating(new.con) == 150 + 150 + 185     # with TP-LC's report
    assert reader.is_alive()
    released.set()
    reader.join()
    assert answers[0] == (185 + 150, 2)      # the old figure and the old rows, on the old version, to the end
    assert (read_folder(db) / old.published.file).exists()    # still read: not removed
    del old, cursor
    load(write_csv(tmp_path / "x.csv", [REPORT_HEADER, report("H-MK-2", "2022-3-2")]), db)
    kept = new.published.file
    # the old one gone, the one the holder reads kept
    assert files(db) == sorted([POINTER, COMMITTED, current(read_folder(db)).file, kept,
                                kept.replace(".duckdb", ".readers")])


def test_a_publisher_killed_half_way_never_shows_and_the_dashboard_publishes_what_it_missed(db, tmp_path,
                                                                                             monkeypatch):
    monkeypatch.setattr("analytics.snapshot.RETRY_SECONDS", 0.2)
    load(write_csv(tmp_path / "r.csv", ORIGINAL), db)
    before = current(read_folder(db))
    correction = write_csv(tmp_path / "c.csv", [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 150))])
    holder = SnapshotHolder(db)            # a dashboard process already running
    assert participating(holder.current().con) == 185 + 150
    writer = subprocess.Popen([sys.executable, "-c", PAUSED, "load", str(correction), "--db", str(db)], cwd=ROOT,
                              env=ENV, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "publishing"    # committed; the new version half-written
    assert holder.current().number == before.number     # the marker is ahead, but its writer holds the file
    half = [name for name in files(db) if ".part-" in name]     # with its write-ahead log
    assert [name for name in half if name.startswith(f"v{before.number + 1:06d}-")
            and name.endswith(f".duckdb.part-{writer.pid}")], half
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert current(read_folder(db)) == before           # the pointer still names the whole old version
    with duckdb.connect(str(read_folder(db) / before.file), read_only=True) as con:
        assert participating(con) == 185 + 150
    time.sleep(0.3)                      # its retry is due
    shown = holder.current()             # its next run: the commit marker is ahead, so it publishes what was missed
    assert shown.number >= before.number + 1 and participating(shown.con) == 150 + 150
    assert current(read_folder(db)).whole
    assert not [name for name in files(db) if ".part-" in name]     # the dead publisher's file removed
    assert_same_as_built_whole(db)


def test_killed_at_random_moments_a_load_leaves_a_readable_version_naming_what_it_holds(db, tmp_path):
    rows = [REPORT_HEADER] + [report(unit, period, topic, members=(200, 10, 100 + n))
                              for n, (unit, period, topic) in enumerate(
                                  (u, p, t) for u in ("H-MK-1", "H-MK-2", "TP-LC") for p in ("2022-3-2", "2022-19-5")
                                  for t in ("", "QD37"))]
    path = write_csv(tmp_path / "r.csv", rows)
    first = current(read_folder(db))
    for delay in (0.4, 0.8, 1.2, 1.6, 2.0):
        writer = subprocess.Popen([sys.executable, "-m", "etl", "load", str(path), "--db", str(db)], cwd=ROOT, env=ENV,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        version = current(read_folder(db))
        with duckdb.connect(str(read_folder(db) / version.file), read_only=True) as con:
            held = con.execute("SELECT coalesce(max(id), 0), count(*) FILTER (WHERE status <> 'committed') "
                               "FROM uploads").fetchone()
        assert held == version.stamp, delay       # the version holds exactly the state its pointer says
    with duckdb.connect(str(db), read_only=True) as con:
        committed_loads = con.execute("SELECT count(*) FROM uploads WHERE id > ?", [first.stamp[0]]).fetchone()[0]
    assert committed_loads >= 1, "no kill came after a commit: lengthen the delays"
    shown = SnapshotHolder(db).current()
    assert shown.con is not None
    assert_same_as_built_whole(db)


def _figure(texts: list[str]) -> str:
    """The overview's 'members taking part' metric: 'Đảng viên tham gia / 1.902: 1.759' -> '1.759'."""
    found = [text.rsplit(": ", 1)[1] for text in texts if "Đảng viên tham gia /" in text]
    assert len(found) == 1, texts
    return found[0]


def _stats_total(db) -> str:
    done = subprocess.run([sys.executable, "-m", "etl", "stats", "--by", "period", "--period", PERIOD, "--json",
                           "--db", str(db)], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    from common.formats import format_count
    return format_count(json.loads(done.stdout)[0]["members_participating"])


def test_three_dashboard_processes_show_a_committed_load_on_their_next_run(demo_copy, tmp_path):
    from security.sessions import start_session
    from security.store import open_accounts
    from ui.auth import COOKIE, cookie_signer

    with_accounts(demo_copy)
    with open_accounts(demo_copy) as con:
        cookies = [cookie_signer().sign(start_session(con, "quantri", hours=1)).decode() for _ in range(3)]
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        unit, total, exempt, taking_part, sent = con.execute(
            "SELECT unit_code, members_total, members_exempt, members_participating, report_date + 1 FROM reports "
            "WHERE period_code = ? AND topic_code IS NULL ORDER BY unit_code LIMIT 1", [PERIOD]).fetchone()
    before = _stats_total(demo_copy)
    correction = write_csv(tmp_path / "c.csv", [REPORT_HEADER, report(
        unit, PERIOD, members=(total, exempt or 0, taking_part - 5), date=f"{sent:%d/%m/%Y}")])

    async def conversation(ports) -> tuple[list[str], list[str]]:
        sessions = [Session(f"http://127.0.0.1:{port}", cookies={COOKIE: cookie}, timeout=120)
                    for port, cookie in zip(ports, cookies)]
        for session in sessions:
            await session.open()
        shown_before = [_figure((await session.load("", f"dot={PERIOD}")).texts) for session in sessions]
        done = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "etl", "load", str(correction), "--db",
                                                        str(demo_copy)], cwd=ROOT, env=ENV, capture_output=True,
                                       text=True)
        assert done.returncode == 0, done.stderr
        shown_after = [_figure((await session.click()).texts) for session in sessions]    # each one's next run
        published = current(read_folder(demo_copy))
        assert not published.whole, "the load itself published, from the version the servers had made"
        for session in sessions:
            await session.close()
        return shown_before, shown_after

    with serving(demo_copy) as (first, _), serving(demo_copy) as (second, _), serving(demo_copy) as (third, _):
        shown_before, shown_after = asyncio.run(conversation([first, second, third]))
    after = _stats_total(demo_copy)
    assert before != after
    assert shown_before == [before] * 3 and shown_after == [after] * 3
