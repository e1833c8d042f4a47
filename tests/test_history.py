"""Loading again, corrections with an audit trail, rollback, and units across the 2025 reform."""
import duckdb
import pytest

from etl.loader import rollback_upload
from etl.store import RollbackRefused

from conftest import REPORT_HEADER, load, report, write_csv


def fetch(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


FIRST = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", cells=(12, 11)), report("H-MK-2", "2022-3-2", cells=(8, 8))]


def test_loading_the_same_file_again_changes_no_report(db, tmp_path):
    path = write_csv(tmp_path / "a.csv", FIRST)
    assert load(path, db).imported == 2
    before = fetch(db, "SELECT * FROM reports ORDER BY unit_code")
    again = load(path, db)
    assert (again.status, again.imported, again.updated, again.unchanged) == ("committed", 0, 0, 2)
    assert any("đã được nạp ở lần nạp số" in w.message for w in again.warnings)
    assert fetch(db, "SELECT * FROM reports ORDER BY unit_code") == before
    assert fetch(db, "SELECT count(*) FROM reports_history") == [(0,)]


def test_a_corrected_file_updates_its_rows_and_keeps_the_old_values(db, tmp_path):
    first = load(write_csv(tmp_path / "a.csv", FIRST), db)
    corrected = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", cells=(12, 12), note="Báo cáo bổ sung")]
    second = load(write_csv(tmp_path / "b.csv", corrected), db)
    assert (second.imported, second.updated, second.unchanged) == (0, 1, 0)
    assert fetch(db, "SELECT cells_held, note, upload_id FROM reports WHERE unit_code = 'H-MK-1'") == \
        [(12, "Báo cáo bổ sung", second.upload_id)]
    assert fetch(db, "SELECT cells_held, note, upload_id, changed_by FROM reports_history") == \
        [(11, None, first.upload_id, second.upload_id)]
    assert fetch(db, "SELECT count(*) FROM reports") == [(2,)]


def test_a_correction_without_a_column_keeps_the_stored_value(db, tmp_path):
    load(write_csv(tmp_path / "a.csv", FIRST), db)
    rows = [["Đơn vị", "Đợt", "Tổng số chi bộ", "Số chi bộ đã sinh hoạt"], ["Bản Lầu", "2022-3-2", "12", "12"]]
    load(write_csv(tmp_path / "b.csv", rows), db)
    assert fetch(db, "SELECT cells_held, members_total FROM reports WHERE unit_code = 'H-MK-1'") == [(12, 200)]


def test_rollback_restores_the_old_values_and_removes_new_rows(db, tmp_path):
    load(write_csv(tmp_path / "a.csv", FIRST), db)
    before = fetch(db, "SELECT * FROM reports ORDER BY unit_code")
    corrected = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", cells=(12, 12)), report("Bản Lầu", "2022-19-5")]
    second = load(write_csv(tmp_path / "b.csv", corrected), db)
    assert (second.imported, second.updated) == (1, 1)
    assert rollback_upload(second.upload_id, str(db)) == {"removed": 1, "restored": 1}
    assert fetch(db, "SELECT * FROM reports ORDER BY unit_code") == before
    assert fetch(db, f"SELECT status FROM uploads WHERE id = {second.upload_id}") == [("rolled_back",)]
    with pytest.raises(RollbackRefused, match="đã được hoàn tác"):
        rollback_upload(second.upload_id, str(db))


def test_rollback_of_an_upload_a_later_one_corrected_is_refused(db, tmp_path):
    first = load(write_csv(tmp_path / "a.csv", FIRST), db)
    second = load(write_csv(tmp_path / "b.csv", [REPORT_HEADER, report("Bản Lầu", "2022-3-2", cells=(12, 12))]), db)
    with pytest.raises(RollbackRefused, match=f"hoàn tác lần nạp số {second.upload_id} trước"):
        rollback_upload(first.upload_id, str(db))
    rollback_upload(second.upload_id, str(db))
    rollback_upload(first.upload_id, str(db))
    assert fetch(db, "SELECT count(*) FROM reports") == [(0,)]


def test_rollback_of_units_still_used_by_reports_is_refused(db, tmp_path):
    units = load(write_csv(tmp_path / "u.csv", [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"],
                                                 ["CB-1", "Chi bộ thôn Na Lốc", "X-MK", "01/07/2025"]]), db)
    load(write_csv(tmp_path / "a.csv", [REPORT_HEADER, report("Chi bộ thôn Na Lốc", "2025-2-9")]), db)
    with pytest.raises(RollbackRefused, match="CB-1"):
        rollback_upload(units.upload_id, str(db))


UNIT_COLUMNS = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]


def test_rollback_that_would_leave_a_unit_without_its_parent_or_in_a_loop_is_refused(db, tmp_path):
    """The tree stays a tree: a rollback may not remove a unit a later upload put units under, nor restore
    parents that come back round to each other; it writes nothing, and undone in order it goes through."""
    added = load(write_csv(tmp_path / "b.csv", [UNIT_COLUMNS, ["X-B", "Đảng ủy xã Bản Phố", "T", "01/07/2025"]]), db)
    under = load(write_csv(tmp_path / "c.csv", [UNIT_COLUMNS, ["CB-C", "Chi bộ thôn Cốc Chứ", "X-B", "01/07/2025"]]),
                 db)
    before = fetch(db, "SELECT * FROM units ORDER BY code")
    with pytest.raises(RollbackRefused, match="X-B.*CB-C|CB-C.*X-B"):
        rollback_upload(added.upload_id, str(db))
    assert fetch(db, "SELECT * FROM units ORDER BY code") == before
    assert fetch(db, f"SELECT status FROM uploads WHERE id = {added.upload_id}") == [("committed",)]
    rollback_upload(under.upload_id, str(db))
    rollback_upload(added.upload_id, str(db))
    assert not fetch(db, "SELECT code FROM units WHERE code IN ('X-B', 'CB-C')")

    moved = load(write_csv(tmp_path / "m1.csv",
                           [UNIT_COLUMNS, ["H-MK-1", "Đảng bộ xã Bản Lầu", "TP-LC", "01/01/2010"]]), db)
    load(write_csv(tmp_path / "m2.csv", [UNIT_COLUMNS, ["H-MK", "Huyện ủy Mường Khương", "H-MK-1", "01/01/2010"]]), db)
    tree = fetch(db, "SELECT * FROM unit_tree ORDER BY ALL")
    with pytest.raises(RollbackRefused, match="vòng tròn"):     # H-MK-1 back under H-MK, itself under H-MK-1
        rollback_upload(moved.upload_id, str(db))
    assert fetch(db, "SELECT * FROM unit_tree ORDER BY ALL") == tree


def test_a_name_shared_across_the_reform_goes_to_the_unit_valid_in_the_period(db, tmp_path):
    rows = [REPORT_HEADER, report("H. Mường Khương", "2022-3-2"), report("Mường Khương", "2025-2-9", date="01/10/2025")]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert summary.status == "committed", summary.errors
    assert fetch(db, "SELECT unit_code, period_code FROM reports ORDER BY period_code") == \
        [("H-MK", "2022-3-2"), ("X-MK", "2025-2-9")]


def test_a_name_two_units_share_in_the_same_period_asks_for_the_code(db, tmp_path):
    summary = load(write_csv(tmp_path / "a.csv", [REPORT_HEADER, report("Mường Khương", "2022-3-2")]), db)
    assert summary.status == "rejected"
    message = summary.errors[0].message
    assert "Huyện ủy Mường Khương (mã H-MK)" in message and "Hãy ghi mã đơn vị" in message


def test_units_file_with_a_period_of_validity_and_later_correction(db, tmp_path):
    rows = [["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"],
            ["X-MK", "Đảng ủy xã Mường Khương", "đảng ủy xã", "T", "01/07/2025", "31/12/2030"]]
    summary = load(write_csv(tmp_path / "u.csv", rows), db)
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert fetch(db, "SELECT valid_to FROM units_history WHERE code = 'X-MK'") == [(None,)]


def test_a_load_waits_for_another_process_holding_the_database(db, tmp_path):
    import subprocess
    import sys
    import time
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); "
                               "time.sleep(1.5); c.close()"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    start = time.monotonic()
    summary = load(write_csv(tmp_path / "a.csv", FIRST), db)
    holder.wait()
    assert summary.status == "committed" and summary.imported == 2
    assert time.monotonic() - start > 0.5       # it really had to wait for the lock
