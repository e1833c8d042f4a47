"""Files as offices really send them: encodings, separators, Excel title blocks, merged headers, totals."""
import duckdb
import openpyxl
import pytest

from conftest import REPORT_HEADER, load, report, write_csv


def rows_in(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT unit_code, period_code, topic_code, cells_expected, cells_held, members_total, members_exempt, "
            "members_participating, note FROM reports ORDER BY unit_code").fetchall()


TWO_REPORTS = [REPORT_HEADER,
               report("Đảng bộ xã Bản Lầu", "Dịp 3-2 năm 2022", cells=(12, 11), members=(310, 12, 290)),
               report("H-MK-2", "2022-3-2", cells=(8, 8), members=(150, 5, 140))]


@pytest.mark.parametrize("encoding,separator", [
    ("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1258", ","), ("cp1258", ";"),
])
def test_every_encoding_and_separator_loads_the_same_rows(db, tmp_path, encoding, separator):
    path = write_csv(tmp_path / "bao_cao.csv", TWO_REPORTS, encoding, separator)
    summary = load(path, db)
    assert summary.status == "committed", summary.errors
    assert summary.imported == 2
    assert rows_in(db) == [("H-MK-1", "2022-3-2", None, 12, 11, 310, 12, 290, None),
                           ("H-MK-2", "2022-3-2", None, 8, 8, 150, 5, 140, None)]


def test_decomposed_unicode_and_headers_in_any_spelling_and_order(db, tmp_path):
    import unicodedata
    header = ["TS ĐV", "đơn  VỊ", "DOT", "Số ĐV miễn SH", "SL ĐV tham gia", "TS CB", "Số CB đã sinh hoạt", "Cột lạ"]
    rows = [[unicodedata.normalize("NFD", h) for h in header],
            ["3.550", unicodedata.normalize("NFD", "ĐẢNG BỘ XÃ BẢN LẦU"), "3-2-2022", "20", "trên 3.500", "46", "44", "x"]]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert summary.status == "committed", summary.errors
    assert rows_in(db) == [("H-MK-1", "2022-3-2", None, 46, 44, 3550, 20, 3500, "Số đảng viên tham gia: trên 3.500")]
    assert any("Cột lạ" in w.column and "bỏ qua" in w.message for w in summary.warnings)


@pytest.mark.parametrize("written", ["3550", "3.550", "3,550", "3 550"])
def test_counts_in_every_thousands_style(db, tmp_path, written):
    rows = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", members=(written, "0", "3000"))]
    assert load(write_csv(tmp_path / "a.csv", rows), db).status == "committed"
    assert rows_in(db)[0][5] == 3550


@pytest.mark.parametrize("written", ["13/6/2022", "13-06-2022", "2022-06-13", "ngày 13 tháng 6 năm 2022"])
def test_dates_in_every_style(db, tmp_path, written):
    rows = [REPORT_HEADER, report("Bản Lầu", "2022-19-5", date=written)]
    assert load(write_csv(tmp_path / "a.csv", rows), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        assert str(con.execute("SELECT report_date FROM reports").fetchone()[0]) == "2022-06-13"


@pytest.mark.parametrize("written,code", [
    ("H-MK-1", "H-MK-1"), ("Đảng bộ xã Bản Lầu", "H-MK-1"), ("Xã Bản Lầu", "H-MK-1"), ("BAN LAU", "H-MK-1"),
    ("Thị trấn Mường Khương", "H-MK-2"), ("TT Mường Khương", "H-MK-2"),
])
def test_unit_names_with_or_without_kind_prefix_case_and_diacritics(db, tmp_path, written, code):
    rows = [REPORT_HEADER, report(written, "2022-3-2")]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert summary.status == "committed", summary.errors
    assert rows_in(db)[0][0] == code


@pytest.mark.parametrize("written,date,code", [
    ("2022-19-5", "", "2022-19-5"), ("Dịp 19-5 năm 2022", "", "2022-19-5"), ("dip 19-5", "", "2022-19-5"),
    ("19/5", "", "2022-19-5"), ("3-2", "01/03/2022", "2022-3-2"), ("03/02", "", "2022-3-2"),
])
def test_periods_by_code_name_or_day_month(db, tmp_path, written, date, code):
    rows = [REPORT_HEADER, report("Bản Lầu", written, date=date)]
    summary = load(write_csv(tmp_path / "a.csv", rows), db)
    assert summary.status == "committed", summary.errors
    assert rows_in(db)[0][1] == code


def test_topics_by_code_or_name(db, tmp_path):
    rows = [REPORT_HEADER, report("Bản Lầu", "2022-3-2", topic="kl21"),
            report("Bản Lầu", "2022-3-2", topic="Quy định 37-QĐ/TW về những điều đảng viên không được làm")]
    assert load(write_csv(tmp_path / "a.csv", rows), db).status == "committed"
    assert sorted(r[2] for r in rows_in(db)) == ["KL21", "QD37"]


def _office_workbook(path, totals=(20, 19, 460, 17, 430)):
    """The layout offices print: title block, header merged over two rows, a blank row, a totals row, signature."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["HUYỆN ỦY MƯỜNG KHƯƠNG", None, None, None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    sheet.append(["BÁO CÁO KẾT QUẢ SINH HOẠT CHÍNH TRỊ DỊP 3-2-2022"])
    sheet.append(["Mường Khương, ngày 10 tháng 3 năm 2022"])
    sheet.append([])
    sheet.append(["STT", "Đơn vị", "Đợt", "Chi bộ", None, "Đảng viên", None, None, "Tỷ lệ (%)"])
    sheet.append([None, None, None, "Tổng số", "Đã sinh hoạt", "Tổng số", "Miễn SH", "Tham gia", None])
    for cells in ("A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:H5", "I5:I6"):
        sheet.merge_cells(cells)
    sheet.append([1, "Xã Bản Lầu", "3-2-2022", 12, 11, 310, 12, 290, 97.3])
    sheet.append([])
    sheet.append([2, "Thị trấn Mường Khương", "3-2-2022", 8, 8, 150, 5, 140, 96.6])
    sheet.append(["Tổng cộng", None, None, *totals, None])
    sheet.append([None, "Người lập biểu", None, None, None, "T/M BAN THƯỜNG VỤ"])
    book.save(path)
    return path


def test_excel_with_title_block_merged_header_blank_row_and_totals(db, tmp_path):
    summary = load(_office_workbook(tmp_path / "bao_cao.xlsx"), db)
    assert summary.status == "committed", summary.errors
    assert summary.imported == 2
    assert summary.skipped == 3          # blank row, totals row, signature row
    assert not [w for w in summary.warnings if "tổng cộng" in w.message.lower()]
    assert rows_in(db)[0][:8] == ("H-MK-1", "2022-3-2", None, 12, 11, 310, 12, 290)


def test_totals_row_that_disagrees_is_a_warning_and_never_counted(db, tmp_path):
    summary = load(_office_workbook(tmp_path / "bao_cao.xlsx", totals=(21, 19, 460, 17, 430)), db)
    assert summary.status == "committed"
    mismatch = [w for w in summary.warnings if "tổng cộng" in w.message.lower()]
    assert len(mismatch) == 1 and mismatch[0].row == 10 and mismatch[0].value == "21"
    assert "20" in mismatch[0].message
    assert sum(r[3] for r in rows_in(db)) == 20


def test_excel_error_row_numbers_are_the_sheet_rows(db, tmp_path):
    path = _office_workbook(tmp_path / "bao_cao.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["E9"] = 9          # held 9 of 8 cells in sheet row 9
    book.save(path)
    summary = load(path, db)
    assert summary.status == "rejected"
    assert [(e.row, e.column, e.value) for e in summary.errors] == [(9, "E (Chi bộ Đã sinh hoạt)", "9")]


def test_csv_with_title_block_and_empty_lines_keeps_sheet_row_numbers(db, tmp_path):
    text = ("HUYỆN ỦY MƯỜNG KHƯƠNG\r\nBÁO CÁO KẾT QUẢ SINH HOẠT CHÍNH TRỊ\r\n\r\n"
            + ",".join(REPORT_HEADER) + "\r\n"
            + ",".join(map(str, report("Bản Lầu", "2022-3-2"))) + "\r\n\r\n"
            + ",".join(map(str, report("H-MK-2", "2022-3-2", cells=(8, 9)))) + "\r\n")
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    summary = load(path, db)
    assert summary.status == "rejected"
    assert [(e.row, e.value) for e in summary.errors] == [(7, "9")]


def test_a_file_of_the_wrong_kind_says_which_kind_was_expected(db, tmp_path):
    from conftest import TOPICS
    summary = load(write_csv(tmp_path / "chuyen_de.csv", TOPICS), db, kind="reports")
    assert summary.status == "rejected"
    assert "Không tìm thấy dòng tiêu đề của tệp báo cáo" in summary.errors[0].message
