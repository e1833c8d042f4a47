"""One meaning of every status through every door: the pages, the Word report and its annex, the Excel and CSV
exports and `python -m etl stats --json`, on a province with a closed occasion and one still open.

Dates are relative to today, as the dashboard judges on today's date: occasion A closed 40 days ago, occasion B
is due in 20 days. Under the province after the 2025 reform: Mường Khương (two cells under it) reported both,
Cam Đường reported A below the member target, Bản Lầu never reported A (overdue) and neither has B (not due)."""
import csv
import datetime as dt
import io
import json
from dataclasses import replace

import duckdb
import pytest
from openpyxl import load_workbook

from analytics import report as word
from analytics.charts import completion_bars
from analytics.compare import change_text
from analytics.export import write_exports
from analytics.labels import (REPORT_STATUS, UNIT_STATUS, UNIT_STATUS_TITLE, Targets, judged, rate_status,
                              rate_status_label)
from analytics.queries import stats
from analytics.view import describe
from etl.__main__ import main as etl_main

from conftest import REPORT_HEADER, cells, load, open_app, report, texts, write_csv

TODAY = dt.date.today()
A, B = "DOT-A", "DOT-B"


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    from conftest import PERIODS, TOPICS, UNITS

    folder = tmp_path_factory.mktemp("statuses")
    db = folder / "statuses.duckdb"
    units = UNITS + [["X-BL", "Đảng ủy xã Bản Lầu", "đảng ủy xã", "T", "01/07/2025", ""],
                     ["X-MK-1", "Chi bộ thôn Pạc Bo", "chi bộ", "X-MK", "01/07/2025", ""],
                     ["X-MK-2", "Chi bộ thôn Na Lốc", "chi bộ", "X-MK", "01/07/2025", ""]]
    periods = PERIODS + [[A, "Dịp A (đã hết hạn)", "09-KH/TU", day(-80), day(-50), day(-40)],
                         [B, "Dịp B (đang mở)", "09-KH/TU", day(-20), day(10), day(20)]]
    assert load([write_csv(folder / "units.csv", units), write_csv(folder / "periods.csv", periods),
                 write_csv(folder / "topics.csv", TOPICS)], db).status == "committed"
    rows = [REPORT_HEADER,
            report("X-MK", A, cells=(10, 10), members=(200, 10, 190), date=day(-45)),       # 100 %, 100 %
            report("P-CP", A, cells=(8, 8), members=(150, 0, 140), date=day(-44)),          # 100 %, 93,3 %
            report("X-MK", B, cells=(10, 10), members=(200, 10, 187), date=day(-2)),        # 100 %, 98,4 %
            report("X-MK-1", A, cells=(1, 1), members=(20, 0, 20), date=day(-46)),
            report("X-MK-2", A, cells=(1, 1), members=(30, 0, 27), date=day(-46)),          # 90 %
            report("X-MK-1", B, cells=(1, 1), members=(20, 0, 19), date=day(-3))]
    assert load(write_csv(folder / "reports.csv", rows), db).status == "committed"
    return db


VIEWS = {"both": (A, B), "closed": (A,), "open": (B,)}
EXPECTED = {  # by hand, from the reports above
    "both": {"Đảng ủy xã Mường Khương": "met", "Đảng ủy phường Cam Đường": "below", "Đảng ủy xã Bản Lầu": "missing"},
    "closed": {"Đảng ủy xã Mường Khương": "met", "Đảng ủy phường Cam Đường": "below",
               "Đảng ủy xã Bản Lầu": "missing"},
    "open": {"Đảng ủy xã Mường Khương": "met", "Đảng ủy phường Cam Đường": "pending",
             "Đảng ủy xã Bản Lầu": "pending"},
}


def _view(con, periods):
    return describe(con, "T", periods, today=TODAY)


def _cli_statuses(db, periods, capsys) -> dict[str, str]:
    argv = ["stats", "--db", str(db), "--json", "--date", TODAY.isoformat()]
    for code in periods:
        argv += ["--period", code]
    assert etl_main(argv) == 0
    return {row["group"]: row["status_name"] for row in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("name", VIEWS)
def test_every_door_gives_each_unit_the_same_status(province, monkeypatch, tmp_path, capsys, name):
    periods = VIEWS[name]
    expected = {unit: UNIT_STATUS[code][0] for unit, code in EXPECTED[name].items()}
    # python -m etl stats --json
    assert _cli_statuses(province, periods, capsys) == expected
    # Theo đơn vị: the table under the chart
    app = open_app(province, monkeypatch, "theo_don_vi", dot=list(periods), ke_hoach="09-KH/TU")
    table = cells(app.table[0])
    assert dict(zip(table["Đơn vị"], table[UNIT_STATUS_TITLE])) == expected
    # Tiến độ báo cáo: every owed report, whose states must add up to the unit's
    app.switch_page("pages/tien_do_bao_cao.py").run()
    owed = cells(app.table[-1])
    for unit, code in EXPECTED[name].items():
        states = set(owed[owed["Đơn vị"] == unit]["Tình trạng báo cáo"])
        if code == "missing":
            assert REPORT_STATUS["missing"][0] in states
        elif code == "pending":
            assert states == {REPORT_STATUS["pending"][0]}
        else:
            assert REPORT_STATUS["missing"][0] not in states
            assert states & {REPORT_STATUS["on_time"][0], REPORT_STATUS["late"][0]}
    # Tổng quan: the units behind are exactly the overdue and the below-target ones
    app.switch_page("pages/tong_quan.py").run()
    behind = {u for u, code in EXPECTED[name].items() if code in ("missing", "below")}
    if behind:
        shown = cells(app.table[0])
        assert dict(zip(shown["Đơn vị"], shown[UNIT_STATUS_TITLE])) == {u: expected[u] for u in behind}
    else:
        assert not app.table
    # the Word report: its table, its sentences, its annex; the Excel and CSV tables written with it
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con, periods)
        facts = word.gather(con, view)
        text = word.narrative(view, facts)
        annex = [c for c in word.report_charts(con, view, facts, annex=True) if c.section == "annex"]
        written = write_exports(con, view, word.ReportSettings(), tmp_path, formats=("xlsx", "csv"), renderer=None)
    assert {u["group"]: u["status_name"] for u in facts.units} == expected
    assert {row[1]: row[-1].split(" (")[0] for row in word.unit_rows(facts)} == expected
    sentences = " ".join(text["units"] + text["proposals"])
    for unit, code in EXPECTED[name].items():
        in_missing = any(unit in s for s in text["units"] if s.startswith("Các đơn vị quá hạn"))
        in_below = any(unit in s for s in text["units"] if s.startswith("Các đơn vị chưa đạt"))
        urged = any(unit in s and "khẩn trương" in s for s in text["proposals"])
        assert (in_missing, urged) == (code == "missing", code == "missing"), sentences
        assert in_below == (code == "below"), sentences
    # annex: Mường Khương's cells, each bar coloured against the member line on its own rate
    (figure,) = [c.figure for c in annex if "Mường Khương" in c.title]
    colours = {point[0]: trace.name for trace in figure.data if trace.type == "bar" for point in trace.customdata}
    with duckdb.connect(str(province), read_only=True) as con:
        grassroots = stats(con, "unit", replace(view.filters, parent="X-MK"), TODAY)
    for row in grassroots:
        status = rate_status(row, "member_rate", view.targets.members)
        assert colours[row["group"]] == rate_status_label(status, view.targets.members)
    assert "Thiếu báo cáo" not in {t.name for t in figure.data}
    book = load_workbook(next(p for p in written if p.name.startswith("bang-theo-don-vi") and p.suffix == ".xlsx"))
    sheet = book.active
    header = [c.value for c in sheet[4]]
    column = header.index(UNIT_STATUS_TITLE)
    assert {r[0]: r[column] for r in sheet.iter_rows(min_row=5, values_only=True)} == expected
    text_csv = next(p for p in written if p.name.startswith("bang-theo-don-vi") and p.suffix == ".csv")
    read = list(csv.DictReader(io.StringIO(text_csv.read_text(encoding="utf-8-sig"))))
    assert {r["Đơn vị"]: r[UNIT_STATUS_TITLE] for r in read} == expected


def test_a_bar_is_coloured_by_its_own_rate_against_its_own_line():
    # cells 100 % and members 94 %: green on the cell chart, orange on the member chart; 96,8 % members is green
    rows = [{"group": "Xã A", "cell_rate": 1.0, "member_rate": 0.94, "cells_held": 10, "cells_expected": 10,
             "members_participating": 94, "members_eligible": 100, "reports_received": 1, "reports_expected": 1,
             "reports_missing": 0, "reports_pending": 0},
            {"group": "Xã B", "cell_rate": 0.9, "member_rate": 0.968, "cells_held": 9, "cells_expected": 10,
             "members_participating": 968, "members_eligible": 1000, "reports_received": 1, "reports_expected": 1,
             "reports_missing": 0, "reports_pending": 0}]
    targets = Targets()
    assert [r["status_name"] for r in judged(rows, targets)] == [UNIT_STATUS["below"][0]] * 2
    colour = {}
    for rate in ("cell_rate", "member_rate"):
        figure = completion_bars(rows, rate, targets.for_rate(rate), "t")
        colour[rate] = {point[0]: trace.marker.color for trace in figure.data if trace.type == "bar"
                        for point in trace.customdata}
    green, orange = "#2e7d32", "#ef6c00"
    assert colour["cell_rate"] == {"Xã A": green, "Xã B": orange}
    assert colour["member_rate"] == {"Xã A": orange, "Xã B": green}


def test_a_report_not_yet_due_is_never_missing_in_any_word(province, monkeypatch):
    app = open_app(province, monkeypatch, "tong_quan", dot=B, ke_hoach="09-KH/TU")
    shown = " ".join([m.label + " " + m.value for m in app.metric] + [c.value for c in texts(app.caption)]
                     + [i.value for i in texts(app.info)] + [s.value for s in texts(app.success)])
    assert "Thiếu báo cáo" not in shown and "Chưa báo cáo" not in shown
    assert "chưa đến hạn" in shown
    with duckdb.connect(str(province), read_only=True) as con:
        view = _view(con, (B,))
        facts = word.gather(con, view)
        text = word.narrative(view, facts)
    everything = " ".join(sum(text.values(), []))
    assert "khẩn trương" not in everything and "chưa hoàn thành" not in everything
    assert "Các đơn vị chưa đến hạn báo cáo: Đảng ủy phường Cam Đường, Đảng ủy xã Bản Lầu." in everything


def test_overview_compares_only_like_with_like(province, monkeypatch):
    # B is open (1 of 3 reports in): its counts must not be set against A's complete ones
    app = open_app(province, monkeypatch, "tong_quan", dot=B, ke_hoach="09-KH/TU")
    cards = {m.label: m for m in app.metric}
    assert all(not m.proto.delta for m in cards.values())
    captions = " ".join(c.value for c in texts(app.caption))
    assert "So sánh cùng 1 đơn vị trực thuộc đã báo cáo cả Dịp A (đã hết hạn) và Dịp B (đang mở)" in captions
    assert "tỷ lệ đảng viên tham gia 100,0 % → 98,4 %" in captions       # Mường Khương alone: 190/190, 187/190
    assert any("Còn 2 báo cáo chưa đến hạn nộp: các số trên tính trên 1/3 báo cáo đã nhận." in i.value
               for i in texts(app.info))


def test_a_change_is_signed_and_no_change_is_a_plain_zero():
    assert [change_text(v) for v in (12, -1265, 0, None)] == ["+12", "-1.265", "0", None]
    assert [change_text(v, rate=True) for v in (0.004, -0.0123, 0.0004)] == ["+0,4 điểm %", "-1,2 điểm %", "0"]


def test_a_topic_filter_never_turns_a_sent_report_into_a_missing_one(province, capsys):
    # every report of the fixture is whole-occasion: for topic KL21 the units that reported have no figures,
    # and Bản Lầu, which never reported A, is still the only overdue one
    argv = ["stats", "--db", str(province), "--json", "--date", TODAY.isoformat(), "--period", A, "--topic", "KL21"]
    for topics in (["KL21"], ["KL21", "QD37"]):
        rest = [arg for topic in topics for arg in ("--topic", topic)]
        assert etl_main(argv[:-2] + rest) == 0
        rows = {r["group"]: r for r in json.loads(capsys.readouterr().out)}
        assert {u: r["status"] for u, r in rows.items()} == {"Đảng ủy xã Mường Khương": "no_figures",
                                                             "Đảng ủy phường Cam Đường": "no_figures",
                                                             "Đảng ủy xã Bản Lầu": "missing"}
        assert rows["Đảng ủy xã Mường Khương"]["reports_received"] == 1


def test_a_report_with_one_measure_is_judged_on_it_and_says_so():
    row = {"group": "Xã C", "cell_rate": 1.0, "member_rate": None, "cells_held": 5, "cells_expected": 5,
           "members_participating": None, "members_eligible": None, "reports_received": 1, "reports_expected": 1,
           "reports_missing": 0, "reports_pending": 0}
    (judged_row,) = judged([row], Targets())
    assert (judged_row["status"], judged_row["status_note"]) == (
        "met", "Báo cáo không có số liệu đảng viên, chỉ xét chi bộ")
    assert rate_status(row, "member_rate", 0.95) == "no_figures"
    figure = completion_bars([row], "member_rate", 0.95, "t")
    assert [t.name for t in figure.data if t.type == "bar"] == ["Không có số liệu"]


def test_arrows_only_where_the_cards_and_the_comparison_share_a_base():
    from analytics.compare import period_change
    child = {"reports_received": 1, "cells_expected": 10, "cells_held": 10, "members_total": 200,
             "members_eligible": 200, "members_participating": 195, "reports_expected": 1, "reports_on_time": 1,
             "reports_missing": 0, "reports_pending": 0}
    units = [child | {"code": "X", "code2": "P1"}, child | {"code": "X", "code2": "P2", "members_participating": 190}]
    summed = [child | {"code": "P1"}, child | {"code": "P2", "members_participating": 190}]
    assert period_change(units, summed, "P1", "P2").same_units
    own = [child | {"code": "P1", "members_participating": 390, "members_eligible": 400}, summed[1]]
    change = period_change(units, own, "P1", "P2")       # the parent's own report for P1: another base
    assert change is not None and not change.same_units and change.delta("members_participating") == -5
