"""Aggregates checked by hand: a parent's own report wins, topics are not counted twice, reports on time."""
import datetime as dt

import duckdb
import pytest

from analytics.progress import expected_reports
from analytics.queries import GROUPINGS, Filters, combine, fetcher, rate, stats

from conftest import REPORT_HEADER, load, report, write_csv

ROWS = [
    REPORT_HEADER,
    report("H-MK-1", "2022-3-2", cells=(12, 11), members=(310, 12, 290), date="10/03/2022"),
    report("H-MK-2", "2022-3-2", cells=(8, 8), members=(150, 5, 140), date="20/03/2022"),
    report("H-MK", "2022-3-2", cells=(21, 20), members=(470, 17, 440), date="12/03/2022"),
    report("H-MK-1", "2022-19-5", topic="KL21", cells=(12, 12), members=(310, 12, 300), date="01/06/2022"),
    report("H-MK-1", "2022-19-5", topic="QD37", cells=(12, 10), members=(310, 12, 280), date="01/06/2022"),
    report("H-MK-2", "2022-19-5", cells=(8, 7), members=(150, 5, 130), date="01/06/2022"),
    report("H-MK-2", "2022-19-5", topic="KL21", cells=(8, 8), members=(150, 5, 145), date="01/06/2022"),
]


@pytest.fixture
def con(db, tmp_path):
    summary = load(write_csv(tmp_path / "a.csv", ROWS), db)
    assert summary.status == "committed", summary.errors
    assert any("Huyện ủy Mường Khương, Dịp 3-2 năm 2022" in w.message and "Số của đơn vị được dùng" in w.message
               for w in summary.warnings)
    with duckdb.connect(str(db), read_only=True) as connection:
        yield connection


def by_code(rows):
    return {r["code"]: r for r in rows}


def test_parent_report_wins_over_its_children(con):
    rows = by_code(stats(con, "unit", Filters(periods=("2022-3-2",))))
    assert set(rows) == {"H-MK", "TP-LC"}        # the communes did not exist yet
    mk = rows["H-MK"]
    assert (mk["cells_expected"], mk["cells_held"]) == (21, 20)
    assert (mk["members_total"], mk["members_eligible"], mk["members_participating"]) == (470, 453, 440)
    assert float(mk["cell_rate"]) == pytest.approx(0.9524) and float(mk["member_rate"]) == pytest.approx(0.9713)
    assert (mk["reports_expected"], mk["reports_received"], mk["reports_on_time"]) == (1, 1, 1)
    lc = rows["TP-LC"]
    assert (lc["cells_expected"], lc["reports_expected"], lc["reports_received"]) == (None, 1, 0)


def test_children_of_a_district_and_their_deadline(con):
    rows = by_code(stats(con, "unit", Filters(parent="H-MK", periods=("2022-3-2",))))
    assert (rows["H-MK-1"]["cells_held"], rows["H-MK-1"]["members_eligible"], rows["H-MK-1"]["reports_on_time"]) == (11, 298, 1)
    assert (rows["H-MK-2"]["cells_held"], rows["H-MK-2"]["reports_received"], rows["H-MK-2"]["reports_on_time"]) == (8, 1, 0)


def test_topics_are_not_added_into_one_occasion(con):
    rows = by_code(stats(con, "unit", Filters(parent="H-MK", periods=("2022-19-5",))))
    assert (rows["H-MK-1"]["cells_held"], rows["H-MK-1"]["members_participating"]) == (12, 300)   # best topic
    assert (rows["H-MK-2"]["cells_held"], rows["H-MK-2"]["members_participating"]) == (7, 130)    # whole occasion


def test_members_who_must_attend_come_from_one_row_never_below_none(db, tmp_path):
    """Two topic rows of one unit: one leaves the total empty and gives 50 exempt, the other a total of 30. The
    largest total less the largest exempt would be -20 members and a rate of -125 %; one row's 30 - 0 it is."""
    rows = [REPORT_HEADER, report("H-MK-1", "2022-19-5", topic="KL21", cells=(1, 1), members=("", 50, "")),
            report("H-MK-1", "2022-19-5", topic="QD37", cells=(1, 1), members=(30, "", 25))]
    assert load(write_csv(tmp_path / "t.csv", rows), db).status == "committed"
    with duckdb.connect(str(db), read_only=True) as con:
        unit = by_code(stats(con, "unit", Filters(parent="H-MK", periods=("2022-19-5",))))["H-MK-1"]
    assert (unit["members_total"], unit["members_eligible"], unit["members_participating"]) == (30, 30, 25)
    assert float(unit["member_rate"]) == pytest.approx(0.8333)


def test_by_topic_and_by_period(con):
    topics = by_code(stats(con, "topic", Filters(parent="H-MK", periods=("2022-19-5",))))
    assert (topics["KL21"]["cells_expected"], topics["KL21"]["cells_held"], topics["KL21"]["members_participating"]) == (20, 20, 445)
    assert (topics["QD37"]["cells_held"], topics["QD37"]["reports_received"], topics["QD37"]["reports_expected"]) == (10, 1, 2)
    assert topics[""]["members_participating"] == 130
    periods = by_code(stats(con, "period", Filters()))
    assert (periods["2022-3-2"]["cells_held"], periods["2022-3-2"]["reports_expected"], periods["2022-3-2"]["reports_received"]) == (20, 2, 1)
    assert periods["2025-2-9"]["reports_expected"] == 2 and periods["2025-2-9"]["reports_received"] == 0


def test_topic_filter_and_as_of(con):
    rows = by_code(stats(con, "unit", Filters(parent="H-MK", topics=("QD37",))))
    assert list(rows) == ["H-MK-1"] or rows["H-MK-2"]["cells_held"] is None
    assert rows["H-MK-1"]["cells_held"] == 10
    after = by_code(stats(con, "unit", Filters(as_of=dt.date(2025, 7, 1))))
    assert set(after) == {"X-MK", "P-CP"}


def test_chosen_topics_count_each_unit_once_by_its_best_topic(con):
    one = by_code(stats(con, "unit", Filters(parent="H-MK", periods=("2022-19-5",), topics=("QD37",))))
    assert (one["H-MK-1"]["cells_held"], one["H-MK-1"]["members_participating"]) == (10, 280)
    # H-MK-2 sent its report, not split by topic: it is in (never overdue), without figures for QD37
    assert (one["H-MK-2"]["members_participating"], one["H-MK-2"]["reports_received"]) == (None, 1)
    both = by_code(stats(con, "unit", Filters(parent="H-MK", periods=("2022-19-5",), topics=("KL21", "QD37"))))
    assert (both["H-MK-1"]["cells_held"], both["H-MK-1"]["members_participating"]) == (12, 300)
    # H-MK-2's whole-occasion row is not a chosen topic; its KL21 row is
    assert (both["H-MK-2"]["members_participating"], both["H-MK-2"]["reports_received"]) == (145, 1)
    topics = by_code(stats(con, "topic", Filters(parent="H-MK", periods=("2022-19-5",), topics=("KL21", "QD37"))))
    assert set(topics) == {"KL21", "QD37"} and topics["KL21"]["members_participating"] == 445


class Counting:
    """A connection that counts the statements run on it."""
    def __init__(self, con):
        self.con, self.statements = con, 0

    def execute(self, *args):
        self.statements += 1
        return self.con.execute(*args)


def test_every_grouping_and_occasion_of_a_view_comes_from_one_read_of_its_rows(con):
    counting = Counting(con)
    fetch = fetcher(counting)
    today = dt.date(2026, 11, 22)
    may = Filters(parent="H-MK", periods=("2022-19-5",))
    shared = [stats(counting, by, may, today, fetch) for by in GROUPINGS]
    shared.append(expected_reports(counting, may, today, fetch))
    read = counting.statements
    march = Filters(parent="H-MK", periods=("2022-3-2",))
    assert stats(counting, "unit", march, today, fetch) == stats(con, "unit", march, today)
    every = Filters(parent="H-MK")
    assert stats(counting, "period", every, today, fetch) == stats(con, "period", every, today)
    assert counting.statements == read          # another occasion, or all of them: no statement more
    stats(counting, "topic", march, today, fetch)
    assert counting.statements == read + 1      # by topic, the rows of the occasions picked
    # and each answer is the one a fresh read gives
    assert shared == [stats(con, by, may, today) for by in GROUPINGS] + [expected_reports(con, may, today)]


def test_a_rate_is_rounded_as_duckdb_rounds_it_on_every_door():
    pairs = [(1, 32), (3, 32), (1, 3), (2, 3), (5, 8), (1, 16000), (1, 20000), (440, 453), (0, 7), (7, 7)]
    pairs += [(1, -20000), (-3, 2), (5, -32)]     # a negative count must not happen; if it does, the same rounding
    pairs += [(a, b) for b in range(1, 400, 7) for a in range(0, b + 1, 3)]
    with duckdb.connect() as db:
        for part, whole in pairs:
            sql = db.execute("SELECT round($a::HUGEINT / $b::HUGEINT, 4)", {"a": part, "b": whole}).fetchone()[0]
            assert rate(part, whole) == sql, (part, whole)
    assert rate(1, 32) == 0.0313            # half away from zero, as in SQL; Python's round() gives 0.0312
    counts = ("members_total", "members_eligible", "members_participating", "reports_expected", "reports_received",
              "reports_on_time", "reports_missing", "reports_pending")
    assert combine([dict.fromkeys(counts, 0) | {"cells_held": 1, "cells_expected": 32}])["cell_rate"] == 0.0313
    assert rate(None, 5) is None and rate(3, 0) is None and rate(3, None) is None
