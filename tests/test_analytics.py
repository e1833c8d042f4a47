"""The shared queries behind the pages: reporting status, quality checks, the snapshot, tables in Vietnamese."""
import datetime as dt
import subprocess
import sys

import duckdb

from analytics.progress import expected_reports, summarise
from analytics.quality import failed_checks
from analytics.queries import Filters, stats
from analytics.snapshot import SnapshotHolder
from analytics.tables import csv_bytes, styled
from etl.checks import detail

from conftest import REPORT_HEADER, load, report, write_csv


def test_reporting_status_on_time_late_missing_and_pending(db, tmp_path):
    # H-MK reports on time for 3-2 and late for 19-5; TP-LC never reports.
    load(write_csv(tmp_path / "r.csv", [REPORT_HEADER,
                                        report("H-MK-1", "2022-3-2", date="10/03/2022"),
                                        report("H-MK-2", "2022-3-2", date="12/03/2022"),
                                        report("H-MK", "2022-19-5", date="20/06/2022")]), db)
    filters = Filters(periods=("2022-3-2", "2022-19-5"))
    with duckdb.connect(str(db), read_only=True) as con:
        rows = expected_reports(con, filters, dt.date(2022, 6, 10))
        by_period = {r["code"]: r for r in stats(con, "period", filters)}
    status = {(r["unit_code"], r["period_code"]): (r["status"], r["days_late"]) for r in rows}
    assert status == {("H-MK", "2022-3-2"): ("on_time", None), ("TP-LC", "2022-3-2"): ("missing", 87),
                      ("H-MK", "2022-19-5"): ("late", 5), ("TP-LC", "2022-19-5"): ("pending", None)}
    summary = {s["period_code"]: s for s in summarise(rows)}
    assert (summary["2022-3-2"]["received"], summary["2022-3-2"]["on_time"]) == (1, 1)
    # the same counts as `stats`, which the overview and the command line use
    for code, entry in summary.items():
        assert (entry["expected"], entry["received"], entry["on_time"]) == (
            by_period[code]["reports_expected"], by_period[code]["reports_received"], by_period[code]["reports_on_time"])


def test_quality_checks_find_each_kind_of_problem(db, tmp_path):
    rows = [REPORT_HEADER]
    for period, topic in (("2022-3-2", ""), ("2022-19-5", ""), ("2022-3-2", "QD37")):
        rows.append(report("H-MK-2", period, topic, members=(200, 10, 185)))
    rows.append(report("H-MK-1", "2022-3-2", members=(120, 6, 118)))      # 118 > 114 eligible
    rows.append(report("H-MK", "2022-3-2", cells=(20, 18), members=(320, 16, 300)))  # children say 303
    rows.append(report("H-MK-1", "2022-19-5", cells=(10, 8), members=(100, 0, 100)))
    rows.append(report("H-MK", "2022-19-5", cells=(20, 20), members=(300, 15, 285)))  # children say 17 cells
    rows.append(report("H-MK-2", "2022-19-5", topic="KL21", members=(2000, 10, 185)))  # one zero too many
    rows.append(report("TP-LC", "2022-3-2", cells=(5, 0), members=(50, 0, 12)))   # no cell met, 12 took part
    summary = load(write_csv(tmp_path / "q.csv", rows), db)
    assert summary.status == "committed", summary.errors
    # the loader warns about the same problems, in the same words
    warned = [str(w) for w in summary.warnings]
    assert any("dòng 10" in w and "0" in w and "12 đảng viên tham gia nhưng số chi bộ đã sinh hoạt là 0" in w
               for w in warned), warned
    assert any("Huyện ủy Mường Khương, Dịp 19-5 năm 2022: Số chi bộ sinh hoạt: đơn vị ghi 20; cộng các đơn vị "
               "trực thuộc được 17." in w for w in warned), warned
    assert not any("Dịp 19-5 năm 2022: Số đảng viên" in w for w in warned), warned
    with duckdb.connect(str(db)) as con:
        # held > expected cannot pass the loader; a row written by an older version still gets caught
        con.execute("UPDATE reports SET cells_held = 12 WHERE unit_code = 'H-MK-2' AND topic_code = 'QD37'")
        found, counts = failed_checks(con, Filters())
    assert counts == {"held_over_expected": 1, "rate_over_100": 1, "members_without_cells": 1, "parent_mismatch": 2,
                      "far_from_history": 1}
    by_check = {(r["check_code"], r["period_code"]): r for r in found}
    assert (by_check["rate_over_100", "2022-3-2"]["unit_code"], by_check["rate_over_100", "2022-3-2"]["value"]) == (
        "H-MK-1", 118)
    mismatch = {(r["period_code"], r["measure"]): (r["value"], r["reference"]) for r in found
                if r["check_code"] == "parent_mismatch"}
    assert mismatch == {("2022-3-2", "members_participating"): (300, 303), ("2022-19-5", "cells_held"): (20, 17)}
    assert detail("parent_mismatch", "cells_held", 20, 17) == ("Số chi bộ sinh hoạt: đơn vị ghi 20; cộng các đơn vị "
                                                               "trực thuộc được 17.")
    assert by_check["members_without_cells", "2022-3-2"]["unit_code"] == "TP-LC"
    assert by_check["far_from_history", "2022-19-5"]["value"] == 2000
    assert by_check["far_from_history", "2022-19-5"]["file_name"] == "q.csv"
    assert all(r["upload_id"] == summary.upload_id for r in found)


def test_snapshot_lets_another_process_write_and_then_shows_its_rows(db, tmp_path):
    holder = SnapshotHolder(db)
    first = holder.current()
    assert first.con.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    assert holder.current() is first                       # unchanged file, same copy
    path = write_csv(tmp_path / "r.csv", [REPORT_HEADER, report("H-MK", "2022-3-2")])
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "con.execute('CREATE TABLE hold (a INT)'); print('holding', flush=True); time.sleep(3); "
         "con.execute('DROP TABLE hold'); con.close()", str(db)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "holding"
    assert holder.current().con is first.con                # a writer holds the file: the version is read as before
    writer.wait(30)
    result = subprocess.run([sys.executable, "-m", "etl", "load", str(path), "--db", str(db)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr             # the dashboard holds no lock between runs
    fresh = holder.current()
    assert fresh.version != first.version
    assert fresh.con.execute("SELECT count(*) FROM reports").fetchone()[0] == 1


def test_tables_show_vietnamese_numbers_and_csv_carries_plain_numbers_and_neutralises_formulas():
    rows = [{"name": "=HYPERLINK(\"http://x\")", "n": 3550, "rate": 0.9565, "day": dt.date(2022, 6, 13)},
            {"name": "Huyện ủy Mường Khương", "n": None, "rate": None, "day": None}]
    columns = [("name", "Đơn vị", "text"), ("n", "Đảng viên", "count"), ("rate", "Tỷ lệ", "percent"),
               ("day", "Ngày", "date")]
    data = csv_bytes(rows, columns)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Đơn vị,Đảng viên,Tỷ lệ (%),Ngày"
    assert lines[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",3550,95.65,2022-06-13"
    assert lines[2] == "Huyện ủy Mường Khương,,,"
    shown = styled(rows, columns).to_string()
    assert "3.550" in shown and "95,7 %" in shown and "13/06/2022" in shown
    assert "None" not in shown and "—" in shown          # Streamlit would print "None" for a gap
