"""Messages a clerk can act on: the missing column by name, a "did you mean" only for a close name, every skipped
row with its reason, a capital letter first, and on the web page a web remedy, not a command."""
import pytest

from conftest import REPORT_HEADER, cells, csv_text, load, open_app, report, texts, write_csv


def test_a_header_without_the_unit_column_names_that_column(db, tmp_path):
    header = [c for c in REPORT_HEADER if c != "Đơn vị"]
    summary = load(write_csv(tmp_path / "thieu_cot.csv", [header, report("x", "2022-3-2")[1:]]), db)
    (error,) = summary.errors
    assert error.message == ("Dòng 1 có vẻ là dòng tiêu đề của tệp báo cáo nhưng thiếu cột “Đơn vị”. Hãy thêm cột "
                             "này, tên cột như trong tệp mẫu.")
    assert error.hint == "template"


def test_a_header_without_any_pair_of_counts_says_which_pairs(db, tmp_path):
    header = ["Đơn vị", "Đợt", "Tổng số chi bộ", "Tổng số đảng viên"]
    summary = load(write_csv(tmp_path / "thieu_so.csv", [header, ["H-MK-1", "2022-3-2", "10", "200"]]), db)
    assert "thiếu cột một cặp cột số liệu (“Tổng số chi bộ” và “Số chi bộ đã sinh hoạt” hoặc “Tổng số đảng viên” " \
           "và “Số đảng viên tham gia”)" in summary.errors[0].message


@pytest.mark.parametrize("typed,suggestion", [("Huyện Không Có", None), ("Xã Mới", None),
                                              ("Bản Lâu Mới", "Đảng bộ xã Bản Lầu"),
                                              ("Thị trấn Mường Khuơng Mới", "Đảng bộ thị trấn Mường Khương")])
def test_a_name_is_suggested_only_when_it_is_close(db, tmp_path, typed, suggestion):
    summary = load(write_csv(tmp_path / "r.csv", [REPORT_HEADER, report(typed, "2022-3-2")]), db)
    message = summary.errors[0].message
    assert message.startswith("Không có đơn vị này trong danh mục.")
    assert ("Có phải là" in message) == (suggestion is not None)
    if suggestion:
        assert f"Có phải là “{suggestion}”?" in message


def test_each_skipped_row_is_named_with_its_reason(db, tmp_path):
    rows = [REPORT_HEADER, report("H-MK-1", "2022-3-2"), [""] * 12,
            ["Tổng cộng", "", "", "10", "9", "200", "10", "185", "", "", "", ""],
            ["Người lập biểu", "", "", "", "", "", "", "", "", "", "", ""]]
    summary = load(write_csv(tmp_path / "r.csv", rows), db)
    assert summary.status == "committed" and summary.skipped == 3
    assert [(p.row, p.message.split(":")[0].split(".")[0]) for p in summary.skipped_rows] == [
        (3, "Dòng trống"), (4, "Dòng tổng cộng"), (5, "Dòng dưới dòng tổng cộng không có số liệu của đơn vị nào (người "
                                                     "lập biểu, chữ ký, ghi chú)")]


@pytest.mark.parametrize("content", [b"", b"Ho ten,Tuoi\nA,3\n", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
                                     "Đợt,Tổng số chi bộ,Số chi bộ đã sinh hoạt\n2022-3-2,5,5\n".encode()])
def test_file_messages_start_with_a_capital(db, tmp_path, content):
    path = tmp_path / "tep.csv"
    path.write_bytes(content)
    message = load(path, db).errors[0].message
    assert message[0].isupper(), message


def test_the_page_gives_a_web_remedy_not_a_command(db, monkeypatch):
    header = [c for c in REPORT_HEADER if c != "Đơn vị"]
    app = open_app(db, monkeypatch, "nhap_bao_cao")
    app.get("file_uploader")[0].set_value([("thieu_cot.csv", csv_text([header, report("x", "2022-3-2")[1:]]).encode(),
                                            "text/csv")]).run()
    preview = [e.value for e in texts(app.error)]
    assert any("thiếu cột “Đơn vị”" in e and "mục “Tệp mẫu”" in e for e in preview), preview
    app.button(key="upload_dry_run").click().run()
    shown = " ".join([e.value for e in texts(app.error)] + [" ".join(cells(t).astype(str).values.ravel()) for t in app.table])
    assert "mục “Tệp mẫu”" in shown and "python -m" not in shown
