"""The placeholder dashboard opens on a database and shows the same numbers as `stats`."""
from streamlit.testing.v1 import AppTest

from conftest import REPORT_HEADER, ROOT, load, report, write_csv


def test_dashboard_shows_completion_by_unit_in_vietnamese(db, tmp_path, monkeypatch):
    load(write_csv(tmp_path / "a.csv", [REPORT_HEADER, report("H-MK", "2022-3-2", cells=(46, 44),
                                                               members=("3.702", "0", "3.550"))]), db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    app = AppTest.from_file(str(ROOT / "dashboard.py")).run()
    assert not app.exception
    table = app.dataframe[0].value
    row = table[table["Đơn vị"] == "Huyện ủy Mường Khương"].iloc[0]
    assert (row["Chi bộ đã sinh hoạt"], row["Tổng số chi bộ"], row["Tỷ lệ chi bộ"]) == ("44", "46", "95,7 %")
    assert (row["Đảng viên tham gia"], row["Tỷ lệ đảng viên"]) == ("3.550", "95,9 %")
