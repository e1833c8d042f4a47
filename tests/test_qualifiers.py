"""Approximate counts (issue 14): "trên 185" is stored with its qualifier, carried up the tree, shown as written on
screen, in `stats`, in the Excel table and in the Word report, while every rate uses the number."""
import datetime as dt
import io
import subprocess
import sys

import duckdb
import pytest
from openpyxl import load_workbook

from analytics import report as word
from analytics.labels import UNIT_COLUMNS, judged, with_ratios
from analytics.queries import combine, stats
from analytics.tables import xlsx_bytes
from analytics.view import describe

from conftest import REPORT_HEADER, ROOT, load, report, write_csv


@pytest.fixture
def province(db, tmp_path):
    """Dịp 3-2 năm 2022: Bản Lầu writes "trên 185", Mường Khương town "gần 150", Lào Cai city an exact 470."""
    rows = [REPORT_HEADER,
            report("Đảng bộ xã Bản Lầu", "2022-3-2", cells=(10, 9), members=(200, 10, "trên 185")),
            report("Đảng bộ thị trấn Mường Khương", "2022-3-2", cells=(8, 8), members=(150, 0, "gần 150")),
            report("Thành ủy Lào Cai", "2022-3-2", cells=(20, 20), members=(500, 20, 470))]
    assert load(write_csv(tmp_path / "bao_cao.csv", rows), db).status == "committed"
    return db


def _view(con):
    return describe(con, "T", ("2022-3-2",), today=dt.date(2022, 3, 20))


def test_the_qualifier_is_stored_with_the_count(province):
    with duckdb.connect(str(province), read_only=True) as con:
        stored = dict(con.execute("SELECT unit_code, qualifier FROM reports").fetchall())
    assert sorted(stored.values(), key=lambda value: value or "") == [
        None, "members_participating=almost", "members_participating=at_least"]


def test_a_sum_of_approximate_counts_says_so_and_the_rate_uses_the_number(province):
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con)
        units = {row["group"]: row for row in stats(con, "unit", view.filters, view.today)}
        total = combine(stats(con, "period", view.filters, view.today))
        first = word.narrative(view, word.gather(con, view), root=True)["general"][0]
    district, city = units["Huyện ủy Mường Khương"], units["Thành ủy Lào Cai"]
    # by hand: 185 "at least" + 150 "almost" = 335, about; of 190 + 150 = 340 who must attend: 98,5 %
    assert (district["members_participating"], district["members_participating_qualifier"]) == (335, "about")
    assert district["member_rate"] == pytest.approx(335 / 340, abs=1e-4)
    assert with_ratios(district)["members"] == "khoảng 335/340"
    assert district["approximate"] == "Đảng viên tham gia: khoảng 335"
    assert with_ratios(city)["members"] == "470/480" and city["approximate"] == ""
    assert with_ratios(total)["members"] == "khoảng 805/820"
    assert "khoảng 805/820 đảng viên tham gia, đạt 98,2 %" in first


def test_the_excel_table_keeps_the_number_and_writes_the_qualifier_beside_it(province):
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con)
        rows = judged(stats(con, "unit", view.filters, view.today), view.targets)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, UNIT_COLUMNS, "Kết quả", "Dịp 3-2"))).active
    header = [cell.value for cell in sheet[4]]
    lines = [dict(zip(header, (cell.value for cell in line))) for line in sheet.iter_rows(min_row=5)]
    district = next(line for line in lines if line["Đơn vị"] == "Huyện ủy Mường Khương")
    assert district["Đảng viên tham gia"] == 335
    assert district["Số gần đúng (theo báo cáo)"] == "Đảng viên tham gia: khoảng 335"


def test_stats_on_the_command_line_writes_the_qualifier(province):
    done = subprocess.run([sys.executable, "-m", "etl", "stats", "--db", str(province), "--period", "2022-3-2",
                           "--date", "2022-03-20"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "khoảng 335/340 đảng viên" in done.stdout and "470/480 đảng viên" in done.stdout
