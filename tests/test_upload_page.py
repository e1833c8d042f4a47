"""The upload page as a clerk uses it: a file that would undo a correction asks first, a batch with a bad file
can go without it, and a finished load leads to the figures it brought."""
import duckdb

from conftest import CORRECTED, ORIGINAL, REPORT_HEADER, cells, csv_text, load, open_app, report, texts, write_csv


def _upload(app, *files):
    app.get("file_uploader")[0].set_value([(name, text.encode("utf-8"), "text/csv") for name, text in files]).run()
    return app


def _members(db, unit="H-MK-1"):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT members_participating FROM reports WHERE unit_code = ?", [unit]).fetchall()


def test_a_file_that_turns_a_correction_back_needs_the_box_ticked(db, monkeypatch, tmp_path):
    assert load(write_csv(tmp_path / "bao_cao.csv", ORIGINAL), db).status == "committed"
    assert load(write_csv(tmp_path / "bao_cao_sua.csv", CORRECTED), db).status == "committed"
    app = _upload(open_app(db, monkeypatch, "nhap_bao_cao"), ("bao_cao.csv", csv_text(ORIGINAL)))
    app.button(key="upload_dry_run").click().run()
    assert any("cần xác nhận" in w.value for w in texts(app.warning)) and not app.error
    problems = [row for t in app.table if "Cần sửa" in cells(t).columns for row in cells(t)["Cần sửa"]]
    assert any("đưa 2 số liệu về giá trị cũ" in row for row in problems)
    reverts = next(t.value for t in app.dataframe if "Đang là" in t.value.columns)
    member = reverts[reverts["Cột"] == "Số đảng viên tham gia"].iloc[0]
    assert (member["Đang là"], member["Tệp ghi"]) == ("188", "185")
    assert member["Số đang dùng do"].startswith("lần nạp số 3 (bao_cao_sua.csv")
    assert app.button(key="upload_commit").disabled
    app.checkbox(key="upload_allow_revert").check().run()
    assert app.button(key="upload_commit").disabled           # ticking asks for a fresh check first
    app.button(key="upload_dry_run").click().run()
    assert any("Kiểm tra thử xong" in i.value for i in texts(app.info))
    app.button(key="upload_commit").click().run()
    assert any("Đã nạp xong" in s.value for s in texts(app.success))
    assert _members(db) == [(185,)]


def test_a_batch_with_a_bad_file_can_load_the_good_ones_alone(db, monkeypatch):
    good = csv_text([REPORT_HEADER, report("H-MK-1", "2022-3-2"), report("H-MK-2", "2022-3-2")])
    bad = csv_text([REPORT_HEADER, report("H-MK-1", "2022-19-5", cells=(5, 7))])
    app = _upload(open_app(db, monkeypatch, "nhap_bao_cao"), ("tot.csv", good), ("loi.csv", bad))
    app.button(key="upload_dry_run").click().run()
    assert any("loi.csv" in w.value and "tot.csv" not in w.value for w in texts(app.warning))
    app.button(key="upload_leave_out").click().run()
    assert any("Đang để riêng 1 tệp có lỗi: loi.csv" in i.value for i in texts(app.info))
    app.button(key="upload_take_back").click().run()                 # changed one's mind: both files again
    assert not any("Đang để riêng" in i.value for i in texts(app.info))
    app.button(key="upload_dry_run").click().run()
    app.button(key="upload_leave_out").click().run()
    app.button(key="upload_dry_run").click().run()
    app.button(key="upload_commit").click().run()
    assert any("Đã nạp xong" in s.value for s in texts(app.success))
    assert sorted(_members(db, "H-MK-1")) == [(185,)]          # the good file's row; the bad one never came in
    # the way to the figures just loaded: their occasion, under the unit they report to
    app.button(key="upload_show").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert (app.session_state["f_periods"], app.session_state["f_unit"]) == (["2022-3-2"], "H-MK")
    assert app.title[0].value == "Hoàn thành theo đơn vị"
    assert set(cells(app.table[0])["Đơn vị"]) == {"Đảng bộ xã Bản Lầu", "Đảng bộ thị trấn Mường Khương"}


def test_other_files_or_another_kind_wait_for_a_dry_run_of_their_own(db, monkeypatch):
    first = csv_text([REPORT_HEADER, report("H-MK-1", "2022-3-2")])
    second = csv_text([REPORT_HEADER, report("H-MK-2", "2022-3-2")])
    app = _upload(open_app(db, monkeypatch, "nhap_bao_cao"), ("dot_1.csv", first))
    app.button(key="upload_dry_run").click().run()
    assert not app.button(key="upload_commit").disabled
    app.selectbox(key="upload_kind").set_value("reports").run()
    assert app.button(key="upload_commit").disabled           # the dry run read the kind from the headers
    app.button(key="upload_dry_run").click().run()
    assert not app.button(key="upload_commit").disabled
    _upload(app, ("dot_1.csv", first), ("dot_2.csv", second))
    assert app.button(key="upload_commit").disabled           # one more file: not checked yet
    app.button(key="upload_dry_run").click().run()
    app.button(key="upload_commit").click().run()
    assert any("Đã nạp xong" in s.value for s in texts(app.success))
    assert not app.get("file_uploader")[0].value               # a fresh, empty uploader under the summary
    assert sorted(_members(db, "H-MK-1") + _members(db, "H-MK-2")) == [(185,), (185,)]


def test_files_left_out_stay_out_only_for_the_same_files(db, monkeypatch):
    good = csv_text([REPORT_HEADER, report("H-MK-1", "2022-3-2")])
    bad = csv_text([REPORT_HEADER, report("H-MK-1", "2022-19-5", cells=(5, 7))])
    app = _upload(open_app(db, monkeypatch, "nhap_bao_cao"), ("tot.csv", good), ("loi.csv", bad))
    app.button(key="upload_dry_run").click().run()
    app.button(key="upload_leave_out").click().run()
    assert any("Đang để riêng 1 tệp có lỗi: loi.csv" in i.value for i in texts(app.info))
    app.selectbox(key="upload_kind").set_value("reports").run()
    assert not any("Đang để riêng" in i.value for i in texts(app.info))
    app.selectbox(key="upload_kind").set_value(None).run()           # the same files and kind again
    assert any("Đang để riêng 1 tệp có lỗi: loi.csv" in i.value for i in texts(app.info))
    _upload(app, ("tot.csv", good), ("loi.csv", bad))                # the same names, chosen again
    assert not any("Đang để riêng" in i.value for i in texts(app.info))
    app.button(key="upload_dry_run").click().run()                   # both files checked: the bad one blocks
    assert any("loi.csv" in w.value for w in texts(app.warning)) and app.button(key="upload_commit").disabled
    assert _members(db) == []
