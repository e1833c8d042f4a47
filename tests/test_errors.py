"""Bad input: a Vietnamese message naming file, row, column and value; nothing written."""
import hashlib
from pathlib import Path

import duckdb
import pytest

from conftest import REPORT_HEADER, load, report, write_csv


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_count(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]


@pytest.mark.parametrize("row,column,value,words", [
    (report("Bản Lầu", "2022-3-2", cells=(10, 12)), "E (Số chi bộ đã sinh hoạt)", "12", "lớn hơn tổng số chi bộ (10)"),
    (report("Bản Lầu", "2022-3-2", members=(200, 0, 201)), "H (Số đảng viên tham gia)", "201", "lớn hơn tổng số đảng viên"),
    (report("Bản Lầu", "2022-3-2", members=(200, 201, 0)), "G (Số đảng viên miễn sinh hoạt)", "201", "miễn sinh hoạt"),
    (report("Bản Lầu", "2022-3-2", cells=("-3", 0)), "D (Tổng số chi bộ)", "-3", "không được âm"),
    (report("Bản Lầu", "2022-3-2", cells=("10,5", 9)), "D (Tổng số chi bộ)", "10,5", "số nguyên"),
    (report("Bản Lầu", "2022-3-2", cells=("mười", 9)), "D (Tổng số chi bộ)", "mười", "Không phải là số"),
    (report("Bản Lâu Mới", "2022-3-2"), "A (Đơn vị)", "Bản Lâu Mới", "Có phải là “Đảng bộ xã Bản Lầu”"),
    (report("Bản Lầu", "Dịp 30-4"), "B (Đợt)", "Dịp 30-4", "Không có đợt này"),
    (report("Bản Lầu", "2022-3-2", topic="Nghị quyết 99"), "C (Chuyên đề)", "Nghị quyết 99", "Không có chuyên đề này"),
    (report("Bản Lầu", "2022-3-2", date="31/02/2022"), "K (Ngày báo cáo)", "31/02/2022", "không có thật"),
    (report("Bản Lầu", "2025-2-9"), "A (Đơn vị)", "Bản Lầu", "chỉ có hiệu lực từ 01/01/2010 đến 30/06/2025"),
    (report("Bản Lầu", "2022-3-2", cells=("", ""), members=("", "", "")), "A (Đơn vị)", "Bản Lầu", "thiếu số liệu"),
])
def test_each_error_names_row_column_value_and_writes_nothing(db, tmp_path, row, column, value, words):
    good = report("Thị trấn Mường Khương", "2022-3-2")
    path = write_csv(tmp_path / "bao_cao.csv", [REPORT_HEADER, good, row])
    before = digest(db)
    summary = load(path, db)
    assert summary.status == "rejected"
    assert len(summary.errors) == 1, summary.errors
    error = summary.errors[0]
    assert (error.file, error.row, error.column, error.value) == ("bao_cao.csv", 3, column, value)
    assert words.lower() in error.message.lower()
    assert digest(db) == before


def test_same_unit_period_topic_twice_in_one_file(db, tmp_path):
    rows = [REPORT_HEADER, report("Bản Lầu", "2022-3-2"), report("H-MK-2", "2022-3-2"), report("H-MK-1", "3-2-2022")]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert summary.status == "rejected"
    assert [(e.row, e.value) for e in summary.errors] == [(4, "H-MK-1")]
    assert "Trùng với dòng 2" in summary.errors[0].message


def test_ambiguous_period_without_year_or_date_asks_for_the_year(db, tmp_path):
    load(write_csv(tmp_path / "p.csv", [["Mã đợt", "Tên đợt", "Từ ngày", "Đến ngày", "Hạn báo cáo"],
                                         ["2023-3-2", "Dịp 3-2 năm 2023", "05/01/2023", "28/02/2023", "15/03/2023"]]), db)
    summary = load(write_csv(tmp_path / "a.csv", [REPORT_HEADER, report("Bản Lầu", "dịp 3-2", date="")]), db)
    assert summary.status == "rejected"
    assert "thêm năm" in summary.errors[0].message


@pytest.mark.parametrize("content,words", [
    (b"", "tệp rỗng"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 20, "không phải tệp bảng"),
    (b"Ho ten,Tuoi\nA,3\n", "không tìm thấy dòng tiêu đề"),
])
def test_files_that_are_not_report_tables(db, tmp_path, content, words):
    path = tmp_path / "anh.csv"
    path.write_bytes(content)
    before = digest(db)
    summary = load(path, db)
    assert summary.status == "rejected"
    assert words in summary.errors[0].message.lower()
    assert summary.errors[0].file == "anh.csv"
    assert digest(db) == before


def test_header_only_file(db, tmp_path):
    summary = load(write_csv(tmp_path / "a.csv", [REPORT_HEADER]), db)
    assert summary.status == "rejected"
    assert "chỉ có dòng tiêu đề" in summary.errors[0].message


def test_file_over_the_size_limit(db, tmp_path, monkeypatch):
    import etl.readers
    monkeypatch.setattr(etl.readers, "MAX_BYTES", 1000)
    path = write_csv(tmp_path / "a.csv", [REPORT_HEADER] + [report("Bản Lầu", "2022-3-2")] * 30)
    summary = load(path, db)
    assert summary.status == "rejected"
    assert "vượt giới hạn" in summary.errors[0].message


def test_error_on_the_last_row_of_10000_leaves_the_database_byte_for_byte(db, tmp_path):
    load(write_csv(tmp_path / "first.csv", [REPORT_HEADER, report("Bản Lầu", "2022-3-2")]), db)
    units = [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]] + [
        [f"CB{i}", f"Chi bộ số {i}", "P-CP", "01/07/2025"] for i in range(10_000)]
    assert load(write_csv(tmp_path / "units.csv", units), db).status == "committed"
    rows = [REPORT_HEADER] + [report(f"CB{i}", "2025-2-9", date="01/10/2025") for i in range(10_000)]
    rows[-1] = report("CB9999", "2025-2-9", cells=(5, 6))
    before = digest(db)
    summary = load(write_csv(tmp_path / "big.csv", rows), db)
    assert summary.status == "rejected"
    assert [(e.row, e.value) for e in summary.errors] == [(10_001, "6")]
    assert digest(db) == before
    assert report_count(db) == 1


def test_several_files_one_bad_writes_none(db, tmp_path):
    good = write_csv(tmp_path / "good.csv", [REPORT_HEADER, report("Bản Lầu", "2022-3-2")])
    bad = write_csv(tmp_path / "bad.csv", [REPORT_HEADER, report("Không Có", "2022-3-2")])
    summary = load([good, bad], db)
    assert summary.status == "rejected" and summary.errors[0].file == "bad.csv"
    assert report_count(db) == 0


def test_unit_file_errors(db, tmp_path):
    rows = [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"],
            ["A1", "Chi bộ A1", "KHONG-CO", "01/01/2020", ""],
            ["A2", "", "T", "01/01/2020", "01/01/2019"],
            ["A1", "Chi bộ A1 lặp", "T", "", ""]]
    summary = load(write_csv(tmp_path / "u.csv", rows), db)
    assert summary.status == "rejected"
    found = {(e.row, e.column.split(" ")[0]) for e in summary.errors}
    assert found == {(2, "C"), (3, "B"), (3, "E"), (4, "A")}


def test_cycle_in_the_tree_is_refused(db, tmp_path):
    rows = [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên"], ["C1", "Chi bộ 1", "C2"], ["C2", "Chi bộ 2", "C1"]]
    summary = load(write_csv(tmp_path / "u.csv", rows), db)
    assert summary.status == "rejected"
    assert "vòng tròn" in summary.errors[0].message


def test_cells_of_spaces_count_as_empty(db, tmp_path):
    rows = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", topic="   "), report("   ", "2022-3-2")]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert [(e.row, e.message) for e in summary.errors] == [(3, "Thiếu tên đơn vị. Hãy ghi tên hoặc mã đơn vị.")]
