"""Reporting progress (DHIS2's reporting rates): for every expected report, whether it came on time, late or not yet."""
import datetime as dt
import math

from analytics.labels import REPORT_STATUS
from analytics.queries import Filters, fetcher, picked_rows

STATUSES = ("on_time", "late", "missing", "pending")


def expected_reports(con, filters: Filters, today: dt.date, fetch=None) -> list[dict]:
    """One row per child unit and occasion it owes a report for, with when it came and its status; by occasion,
    then unit. `fetch` as for `queries.stats`, whose rows these are.

    'missing' is past the deadline with nothing received; 'pending' is not received but not yet due."""
    labels, rows = picked_rows(fetch or fetcher(con), filters, today, False)
    owed = []
    for row in rows:
        if row.own or row.state is None:
            continue
        rank, unit_name = labels.units.get(row.unit, (math.inf, row.unit))
        period = labels.periods[row.period][2]
        order = (period["start_date"] is None, period["start_date"] or dt.date.min, row.period, rank)
        owed.append((order, {
            "unit_code": row.unit, "unit_name": unit_name, "period_code": row.period, "period_name": period["name"],
            "deadline": row.deadline, "received_on": row.received_on, "status": row.state,
            "days_late": row.days_late, "status_name": REPORT_STATUS[row.state][0]}))
    return [report for _order, report in sorted(owed, key=lambda item: item[0])]


def summarise(rows: list[dict]) -> list[dict]:
    """Per occasion: expected, received, on time, late, missing, pending and the two rates."""
    by_period: dict[str, dict] = {}
    for row in rows:
        entry = by_period.setdefault(row["period_code"], {
            "period_code": row["period_code"], "period_name": row["period_name"], "deadline": row["deadline"],
            "expected": 0, **{status: 0 for status in STATUSES}})
        entry["expected"] += 1
        entry[row["status"]] += 1
    for entry in by_period.values():
        entry["received"] = entry["on_time"] + entry["late"]
        entry["received_rate"] = entry["received"] / entry["expected"]
        entry["on_time_rate"] = entry["on_time"] / entry["expected"]
    return list(by_period.values())
