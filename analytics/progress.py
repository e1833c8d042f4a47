"""Reporting progress (DHIS2's reporting rates): for every expected report, whether it came on time, late or not yet."""
import datetime as dt

from analytics.labels import REPORT_STATUS
from analytics.queries import REPORT_STATE, Filters, filtered

STATUSES = ("on_time", "late", "missing", "pending")


def expected_reports(con, filters: Filters, today: dt.date) -> list[dict]:
    """One row per child unit and occasion it owes a report for, with when it came and its status.

    'missing' is past the deadline with nothing received; 'pending' is not received but not yet due."""
    rows = filtered(con, filters, False, f"""
        answered AS (
            SELECT v.unit_code, v.period_code, v.deadline, x.received_on
            FROM valid v
            LEFT JOIN receipts x ON x.unit_code = v.unit_code AND x.period_code = v.period_code)
        SELECT a.unit_code, u.name AS unit_name, a.period_code, p.name AS period_name, a.deadline, a.received_on,
               {REPORT_STATE.format(received="a.received_on", deadline="a.deadline")} AS status,
               CASE WHEN a.received_on IS NULL AND a.deadline < $today
                        THEN date_diff('day', a.deadline, $today)
                    WHEN a.received_on > a.deadline THEN date_diff('day', a.deadline, a.received_on) END AS days_late
        FROM answered a JOIN children u ON u.code = a.unit_code JOIN periods p ON p.code = a.period_code
        ORDER BY p.start_date, p.code, u.name COLLATE vi""", today=today)
    return [row | {"status_name": REPORT_STATUS[row["status"]][0]} for row in rows]


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
