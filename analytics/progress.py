"""Reporting progress (DHIS2's reporting rates): for every expected report, whether it came on time, late or not yet."""
import datetime as dt

from analytics.queries import _BASE, Filters, _dicts, _params

STATUSES = ("on_time", "late", "missing", "pending")


def expected_reports(con, filters: Filters, today: dt.date) -> list[dict]:
    """One row per child unit and occasion it owes a report for, with when it came and its status.

    'missing' is past the deadline with nothing received; 'pending' is not received but not yet due."""
    params = _params(con, filters, by_topic=False) | {"today": today}
    return _dicts(con.execute(
        f"""WITH {_BASE},
        received AS (
            SELECT t.ancestor AS reporter, c.period_code, min(c.received_on) AS received_on
            FROM counted c JOIN unit_tree t ON t.descendant = c.unit_code GROUP BY ALL)
        SELECT v.unit_code, u.name AS unit_name, v.period_code, p.name AS period_name, v.deadline,
               r.received_on,
               CASE WHEN r.received_on IS NOT NULL THEN
                        CASE WHEN v.deadline IS NULL OR r.received_on <= v.deadline THEN 'on_time' ELSE 'late' END
                    WHEN v.deadline < $today THEN 'missing' ELSE 'pending' END AS status,
               CASE WHEN r.received_on IS NULL AND v.deadline < $today THEN date_diff('day', v.deadline, $today)
                    WHEN r.received_on > v.deadline THEN date_diff('day', v.deadline, r.received_on) END AS days_late
        FROM valid v JOIN children g ON g.code = v.unit_code
        JOIN units u ON u.code = v.unit_code JOIN periods p ON p.code = v.period_code
        LEFT JOIN received r ON r.reporter = v.unit_code AND r.period_code = v.period_code
        ORDER BY p.start_date, p.code, u.name COLLATE vi""", params))


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
