"""Every page through Streamlit's AppTest on the demo province: the numbers equal `stats`, filters change them,
drill-down and breadcrumb move through the tree, and uploads go through the same loader as the command line."""
import hashlib
import subprocess
import sys

import duckdb
import pytest

from analytics.queries import Filters, combine, stats
from common.formats import format_count, format_percent
from ui import registry

from conftest import REPORT_HEADER, ROOT, cells, csv_text, open_app, report, texts

PAGES = [page.stem for page in registry.PAGES if page.filters]   # the pages of figures


def metric(app, label_start: str):
    return next(m for m in app.metric if m.label.startswith(label_start))


def query(db, by: str, filters: Filters) -> list[dict]:
    with duckdb.connect(str(db), read_only=True) as con:
        return stats(con, by, filters)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_demo(demo, monkeypatch, page):
    app = open_app(demo, monkeypatch, page, ke_hoach="03-KH/TU")
    assert app.title[0].value
    assert not app.error


def test_overview_cards_equal_stats_for_the_same_filters(demo, monkeypatch):
    app = open_app(demo, monkeypatch, ke_hoach="03-KH/TU", dot="2024-3-2")
    filters = Filters("TU", ("2024-3-2",), (), "03-KH/TU", app.session_state["f_as_of"])
    total = combine(query(demo, "period", filters))
    held = metric(app, "Chi bộ đã sinh hoạt")
    assert held.label == f"Chi bộ đã sinh hoạt / {format_count(total['cells_expected'])}"
    assert held.value == format_count(total["cells_held"])
    assert metric(app, "Tỷ lệ đảng viên tham gia").value == format_percent(total["member_rate"])
    assert metric(app, "Báo cáo đã nhận").value == format_count(total["reports_received"])


def test_changing_the_occasion_changes_the_figures_and_the_link(demo, monkeypatch):
    app = open_app(demo, monkeypatch, ke_hoach="03-KH/TU", dot="2024-3-2")
    before = metric(app, "Đảng viên tham gia").value
    app.multiselect(key="f_periods").set_value(["2024-19-5"]).run()
    assert metric(app, "Đảng viên tham gia").value != before
    assert app.query_params["dot"] in ("2024-19-5", ["2024-19-5"])
    # the tree follows the occasion: before 1/7/2025 the province's children are the districts
    assert app.session_state["f_as_of"].isoformat() == "2024-05-31"


def test_the_link_reopens_the_same_view(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "theo_don_vi", ke_hoach="02-KH/TU", dot="2023-2-9", don_vi="H-ML",
                   chi_tieu_dv="90")
    assert app.session_state["f_unit"] == "H-ML"
    assert app.session_state["f_member_target"] == 90
    table = cells(app.table[0])
    expected = query(demo, "unit", Filters("H-ML", ("2023-2-9",), (), "02-KH/TU", app.session_state["f_as_of"]))
    assert sorted(table["Đơn vị"]) == sorted(r["group"] for r in expected)
    by_name = {r["group"]: r for r in expected}
    assert list(table["Đảng viên tham gia / phải sinh hoạt"]) == [
        f"{format_count(by_name[u]['members_participating'] or 0)}/{format_count(by_name[u]['members_eligible'] or 0)}"
        for u in table["Đơn vị"]]


def test_the_filters_follow_the_user_to_another_page_and_back(demo, monkeypatch):
    """Each page is its own script (pages/ folder): the filters chosen on one hold on the next, also after a page
    without filters."""
    app = open_app(demo, monkeypatch, "theo_don_vi", ke_hoach="02-KH/TU")
    app.selectbox(key="f_unit").set_value("H-ML").run()
    app.multiselect(key="f_periods").set_value(["2023-2-9"]).run()
    app.number_input(key="f_member_target").set_value(90).run()
    chosen = {key: app.session_state[key] for key in ("f_plan", "f_periods", "f_unit", "f_as_of", "f_member_target")}
    for page in ("theo_dot", "tai_khoan", "tien_do_bao_cao"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception, [e.value for e in app.exception]
    assert {key: app.session_state[key] for key in chosen} == chosen
    assert app.selectbox(key="f_unit").value == "H-ML" and app.multiselect(key="f_periods").value == ["2023-2-9"]
    assert app.query_params["don_vi"] in ("H-ML", ["H-ML"]) and app.query_params["dot"] in ("2023-2-9", ["2023-2-9"])


def test_drill_down_by_picking_a_unit_and_back_by_the_breadcrumb(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "theo_don_vi", ke_hoach="03-KH/TU")
    units = set(cells(app.table[0])["Đơn vị"])
    assert "Huyện ủy Mường Lạc" in units
    app.selectbox(key="f_unit").set_value("H-ML").run()
    children = set(cells(app.table[0])["Đơn vị"])
    assert "Đảng bộ thị trấn Mường Lạc" in children and "Huyện ủy Mường Lạc" not in children
    app.button(key="crumb_TU").click().run()
    assert app.session_state["f_unit"] == "TU"
    assert set(cells(app.table[0])["Đơn vị"]) == units


def test_an_occasion_without_reports_says_so(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "theo_chuyen_de", ke_hoach="05-KH/TU", dot="2026-7-11",
                   chuyen_de="SACH-TBT")
    assert any("Chưa có báo cáo cho đợt này" in i.value for i in texts(app.info))


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upload_a_bad_file_shows_the_error_and_writes_nothing(demo_copy, monkeypatch, tmp_path):
    db = demo_copy
    before = _sha(db)
    bad = csv_text([REPORT_HEADER, report("Đảng ủy xã Thanh Khê", "2026-7-11", cells=(5, 7), date="20/11/2026")])
    app = open_app(db, monkeypatch, "nhap_bao_cao")
    app.get("file_uploader")[0].set_value([("bao_cao_loi.csv", bad.encode("utf-8"), "text/csv")]).run()
    app.button(key="upload_dry_run").click().run()
    errors = [e.value for e in texts(app.error)]
    assert any("1 lỗi" in e for e in errors)
    problems = next(cells(t) for t in app.table if "Cần sửa" in cells(t).columns)
    row = problems.iloc[0]
    assert (row["Tệp"], row["Dòng"]) == ("bao_cao_loi.csv", "2")
    assert "lớn hơn tổng số chi bộ" in row["Cần sửa"]
    assert app.button(key="upload_commit").disabled
    assert _sha(db) == before


def test_upload_a_good_file_dry_run_then_commit(demo_copy, monkeypatch, tmp_path):
    db = demo_copy
    good = csv_text([REPORT_HEADER, report("Đảng ủy xã Thanh Khê", "2026-7-11", cells=(7, 7),
                                           members=("120", "2", "115"), date="20/11/2026")])
    import tempfile
    from pathlib import Path
    leftovers = lambda: set(Path(tempfile.gettempdir()).glob("upload-*"))   # noqa: E731
    before = leftovers()
    app = open_app(db, monkeypatch, "nhap_bao_cao")
    app.get("file_uploader")[0].set_value([("bao_cao_thanh_khe.csv", good.encode("utf-8"), "text/csv")]).run()
    app.button(key="upload_dry_run").click().run()
    assert any("Kiểm tra thử xong" in i.value for i in texts(app.info))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE unit_code = 'X-TK' AND period_code = '2026-7-11'"
                           ).fetchone()[0] == 0
    app.button(key="upload_commit").click().run()
    assert any("Đã nạp xong" in s.value for s in texts(app.success))
    assert leftovers() == before                    # the report file did not stay in the temporary folder
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT members_participating FROM reports WHERE unit_code = 'X-TK' "
                           "AND period_code = '2026-7-11'").fetchall() == [(115,)]
    # the next run reads the new data: the progress page counts the report
    app.switch_page("pages/tien_do_bao_cao.py").run()
    assert not app.exception
    assert "Đảng ủy xã Thanh Khê" not in set(cells(app.table[0])["Đơn vị"])   # no longer to urge


def test_quality_page_links_each_failed_check_to_its_upload(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "chat_luong_du_lieu", ke_hoach="tat_ca")
    tables = {h.value: t.value for h, t in zip(app.subheader, app.dataframe)}
    mismatch = next(t for h, t in tables.items() if h.startswith("Báo cáo của đơn vị khác tổng"))
    assert mismatch.iloc[0]["Lần nạp"].startswith("nhap_bao_cao?lan_nap=")
    assert mismatch.iloc[0]["Tệp"].startswith("bao_cao_")


def test_rollback_from_the_history(demo_copy, monkeypatch, tmp_path):
    db = demo_copy
    with duckdb.connect(str(db), read_only=True) as con:
        last, corrected = con.execute("SELECT max(id) FROM uploads").fetchone()[0], con.execute(
            "SELECT count(*) FROM reports WHERE upload_id = (SELECT max(id) FROM uploads)").fetchone()[0]
    app = open_app(db, monkeypatch, "nhap_bao_cao", lan_nap=str(last))
    assert app.selectbox(key="upload_pick").value == last
    assert any(f"{corrected} dòng báo cáo còn dùng" in m.value for m in texts(app.markdown))
    app.checkbox(key=f"rollback_sure_{last}").check().run()
    app.button(key="rollback").click().run()
    assert any(f"Đã hoàn tác lần nạp số {last}" in s.value for s in texts(app.success))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM reports WHERE upload_id = ?", [last]).fetchone()[0] == 0


@pytest.mark.parametrize("page", PAGES)
def test_a_new_empty_database_says_what_to_do(monkeypatch, tmp_path, page):
    db = tmp_path / "empty.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "init", "--db", str(db)], cwd=ROOT, check=True, capture_output=True)
    app = open_app(db, monkeypatch, page)
    if page == "nhap_bao_cao":
        assert app.get("file_uploader")          # the first thing to do on a new install
    else:
        assert any("Chưa có đơn vị nào" in i.value for i in texts(app.info))


def test_upload_a_picture_is_refused_in_vietnamese(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "nhap_bao_cao")
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    app.get("file_uploader")[0].set_value([("anh_chup.png", picture, "image/png")]).run()
    assert any("anh_chup.png" in e.value and "không phải tệp bảng" in e.value for e in texts(app.error))


def test_charts_and_tables_offer_image_excel_and_csv_downloads(demo, monkeypatch):
    app = open_app(demo, monkeypatch, "theo_don_vi", ke_hoach="03-KH/TU", dot="2024-3-2")
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["PNG", "SVG", "PDF", "Excel", "CSV"]


def test_report_page_saves_the_issuer_and_builds_word_and_pdf(demo_copy, monkeypatch):
    demo = demo_copy     # the issuer's settings are saved beside the database
    app = open_app(demo, monkeypatch, "xuat_bao_cao", ke_hoach="03-KH/TU", dot="2024-3-2")
    assert any("Chưa nhập: Cơ quan cấp trên, Cơ quan ban hành" in w.value for w in texts(app.warning))
    app.text_input(key="rs_issuer").input("Ban Tuyên giáo và Dân vận")
    app.text_input(key="rs_place").input("Sơn Hà")
    next(b for b in app.button if b.label == "Lưu thông tin").click().run()   # the form's save, by its callback
    assert not app.exception, [e.value for e in app.exception]
    assert any("Đã lưu thông tin" in s.value for s in texts(app.success))
    from analytics.report import ReportSettings, settings_path
    saved = ReportSettings.load(settings_path(str(demo)))
    assert (saved.issuer, saved.place) == ("Ban Tuyên giáo và Dân vận", "Sơn Hà")
    next(b for b in app.button if b.label == "Tạo báo cáo").click().run(timeout=180)
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in texts(app.error)]
    assert any("Báo cáo có" in s.value for s in texts(app.success))
    assert {"Tải Word (.docx)", "Tải PDF"} <= {b.proto.label for b in app.get("download_button")}
    filters = Filters("TU", ("2024-3-2",), (), "03-KH/TU", app.session_state["f_as_of"])
    total = combine(query(demo, "period", filters))
    assert any(f"{format_count(total['cells_held'])}/{format_count(total['cells_expected'])} chi bộ" in m.value
               for m in texts(app.markdown))
