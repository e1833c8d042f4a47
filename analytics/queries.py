"""Completion and reporting aggregates, all computed in DuckDB with parameterised SQL.

Counting rules: a report at a unit wins over its children's for that unit (never added together);
within one occasion a whole-occasion report wins over per-topic ones, which otherwise count by their
largest figure, so a unit's members are not counted once per topic."""
import datetime as dt
from dataclasses import dataclass

from etl.schema import REPORT_COUNTS

GROUPINGS = ("unit", "period", "topic", "unit_period", "unit_topic")
WHOLE_OCCASION = "Cả đợt (không chia chuyên đề)"


@dataclass(frozen=True)
class Filters:
    parent: str | None = None          # unit code; None is the root of the tree
    periods: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    plan: str | None = None
    as_of: dt.date | None = None       # keep only units valid on that day


def root_code(con) -> str | None:
    row = con.execute("SELECT code FROM units WHERE parent_code IS NULL ORDER BY code LIMIT 1").fetchone()
    return row[0] if row else None


_COLLAPSE = ", ".join(
    f"CASE WHEN bool_or(topic_code IS NULL) THEN max({c}) FILTER (WHERE topic_code IS NULL) ELSE max({c}) END AS {c}"
    for c in REPORT_COUNTS
)

_BASE = f"""
sel_periods AS (
    SELECT code, name, start_date, coalesce(end_date, deadline) AS end_date,
           coalesce(deadline, end_date) AS deadline
    FROM periods
    WHERE (len($periods) = 0 OR list_contains($periods, code)) AND ($plan IS NULL OR plan_code = $plan)),
parent AS (SELECT ancestor_depth AS depth FROM unit_tree WHERE ancestor = $parent AND distance = 0),
raw AS (
    SELECT r.*, coalesce(r.report_date, u.created_at::DATE) AS received_on,
           CASE WHEN $by_topic THEN coalesce(r.topic_code, '') ELSE '' END AS tg
    FROM reports r
    JOIN unit_tree s ON s.ancestor = $parent AND s.descendant = r.unit_code
    JOIN sel_periods p ON p.code = r.period_code
    JOIN uploads u ON u.id = r.upload_id
    WHERE len($topics) = 0 OR list_contains($topics, r.topic_code)),
base AS (
    SELECT unit_code, period_code, tg, min(received_on) AS received_on, {_COLLAPSE}
    FROM raw GROUP BY unit_code, period_code, tg),
shadow AS (
    SELECT b.unit_code, b.period_code, b.tg, max(t.ancestor_depth) AS shadow_depth
    FROM base b
    JOIN unit_tree t ON t.descendant = b.unit_code AND t.distance > 0
    JOIN base a ON a.unit_code = t.ancestor AND a.period_code = b.period_code AND a.tg = b.tg
    GROUP BY ALL),
counted AS (SELECT b.*, s.shadow_depth FROM base b LEFT JOIN shadow s USING (unit_code, period_code, tg)),
valid AS (
    SELECT u.code AS unit_code, p.code AS period_code, p.deadline
    FROM units u JOIN sel_periods p
      ON (u.valid_from IS NULL OR p.end_date IS NULL OR u.valid_from <= p.end_date)
     AND (u.valid_to IS NULL OR p.start_date IS NULL OR u.valid_to >= p.start_date)
    WHERE $as_of IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $as_of)
                             AND (u.valid_to IS NULL OR u.valid_to >= $as_of))),
children AS (
    SELECT t.descendant AS code, t.ancestor_depth + 1 AS depth
    FROM unit_tree t JOIN units u ON u.code = t.descendant
    WHERE t.ancestor = $parent AND t.distance = 1
      AND ($as_of IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $as_of)
                              AND (u.valid_to IS NULL OR u.valid_to >= $as_of))))
"""

_MEASURES = """
    sum(c.cells_expected) AS cells_expected, sum(c.cells_held) AS cells_held,
    sum(c.members_total) AS members_total,
    sum(c.members_total - coalesce(c.members_exempt, 0)) AS members_eligible,
    sum(c.members_participating) AS members_participating"""

# Per grouping: the groups (key, key2) with their counted rows, and the expected reports
# (reporter, period, topic group) that each group is owed.
_CHILD_ROWS = """FROM children g
            JOIN unit_tree t ON t.ancestor = g.code
            JOIN counted c ON c.unit_code = t.descendant AND (c.shadow_depth IS NULL OR c.shadow_depth < g.depth)"""
_OWN_ROWS = "FROM counted c WHERE c.shadow_depth IS NULL OR c.shadow_depth < (SELECT depth FROM parent)"
_OWED = "FROM valid v JOIN children g ON g.code = v.unit_code"
_OWED_TOPICS = _OWED + " CROSS JOIN (SELECT DISTINCT tg FROM base) k"
_BY = {
    "unit": (f"SELECT g.code AS key, '' AS key2, {_MEASURES} {_CHILD_ROWS} GROUP BY ALL",
             f"SELECT v.unit_code AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, '' AS tg {_OWED}"),
    "period": (f"SELECT c.period_code AS key, '' AS key2, {_MEASURES} {_OWN_ROWS} GROUP BY ALL",
               f"SELECT v.period_code AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, '' AS tg {_OWED}"),
    "topic": (f"SELECT c.tg AS key, '' AS key2, {_MEASURES} {_OWN_ROWS} GROUP BY ALL",
              f"SELECT k.tg AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, k.tg {_OWED_TOPICS}"),
    "unit_period": (f"SELECT g.code AS key, c.period_code AS key2, {_MEASURES} {_CHILD_ROWS} GROUP BY ALL",
                    f"SELECT v.unit_code AS key, v.period_code AS key2, v.unit_code AS reporter, v.period_code, "
                    f"v.deadline, '' AS tg {_OWED}"),
    "unit_topic": (f"SELECT g.code AS key, c.tg AS key2, {_MEASURES} {_CHILD_ROWS} GROUP BY ALL",
                   f"SELECT v.unit_code AS key, k.tg AS key2, v.unit_code AS reporter, v.period_code, v.deadline, "
                   f"k.tg {_OWED_TOPICS}"),
}

_UNIT_LABEL = "SELECT code AS key, name AS label, name COLLATE vi AS sort FROM units"
_PERIOD_LABEL = "SELECT code AS key, name AS label, strftime(start_date, '%Y-%m-%d') || code AS sort FROM periods"
_TOPIC_LABEL = ("SELECT code AS key, name AS label, code AS sort FROM topics "
                f"UNION ALL SELECT '', '{WHOLE_OCCASION}', ''")
_LABELS = {  # grouping -> labels of key, labels of key2
    "unit": (_UNIT_LABEL, None), "period": (_PERIOD_LABEL, None), "topic": (_TOPIC_LABEL, None),
    "unit_period": (_UNIT_LABEL, _PERIOD_LABEL), "unit_topic": (_UNIT_LABEL, _TOPIC_LABEL),
}


def _params(con, filters: Filters, by_topic: bool) -> dict:
    return {
        "parent": filters.parent or root_code(con),
        "periods": list(filters.periods), "topics": list(filters.topics), "plan": filters.plan,
        "as_of": filters.as_of, "by_topic": by_topic,
    }


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def stats(con, by: str = "unit", filters: Filters = Filters()) -> list[dict]:
    """One row per group: cells and members (held, eligible, taking part) and reports expected, received, on time.

    Two-way groupings ("unit_period", "unit_topic") also carry `code2` and `group2`."""
    if by not in GROUPINGS:
        raise ValueError(by)
    measures, expected = _BY[by]
    label, label2 = _LABELS[by]
    second = (", k.key2 AS code2, coalesce(l2.label, k.key2) AS group2" if label2 else "")
    join2 = f"LEFT JOIN ({label2}) l2 ON l2.key = k.key2" if label2 else ""
    sql = f"""
    WITH {_BASE},
    measures AS ({measures}),
    expected AS ({expected}),
    reporting AS (
        SELECT e.key, e.key2, count(*) AS reports_expected,
               count(r.reporter) AS reports_received,
               count(r.reporter) FILTER (WHERE r.received_on <= e.deadline) AS reports_on_time
        FROM expected e
        LEFT JOIN (
            SELECT t.ancestor AS reporter, c.period_code, c.tg, min(c.received_on) AS received_on
            FROM counted c JOIN unit_tree t ON t.descendant = c.unit_code
            GROUP BY ALL) r
          ON r.reporter = e.reporter AND r.period_code = e.period_code AND r.tg = e.tg
        GROUP BY e.key, e.key2),
    keys AS (SELECT key, key2 FROM measures UNION SELECT key, key2 FROM reporting)
    SELECT k.key AS code, coalesce(l.label, k.key) AS "group"{second},
           m.cells_expected, m.cells_held,
           m.members_total, m.members_eligible, m.members_participating,
           round(m.cells_held / nullif(m.cells_expected, 0), 4) AS cell_rate,
           round(m.members_participating / nullif(m.members_eligible, 0), 4) AS member_rate,
           coalesce(r.reports_expected, 0) AS reports_expected,
           coalesce(r.reports_received, 0) AS reports_received,
           coalesce(r.reports_on_time, 0) AS reports_on_time
    FROM keys k LEFT JOIN measures m USING (key, key2) LEFT JOIN reporting r USING (key, key2)
    LEFT JOIN ({label}) l ON l.key = k.key {join2}
    ORDER BY l.sort, "group"{", l2.sort, group2" if label2 else ""}
    """
    return _dicts(con.execute(sql, _params(con, filters, by in ("topic", "unit_topic"))))


def combine(rows: list[dict]) -> dict:
    """Several stats rows (say, one per occasion) added up, with the rates recomputed from the sums."""
    keys = ("cells_expected", "cells_held", "members_total", "members_eligible", "members_participating",
            "reports_expected", "reports_received", "reports_on_time")
    total = {key: sum(r[key] or 0 for r in rows) for key in keys}
    total["cell_rate"] = round(total["cells_held"] / total["cells_expected"], 4) if total["cells_expected"] else None
    total["member_rate"] = (round(total["members_participating"] / total["members_eligible"], 4)
                            if total["members_eligible"] else None)
    return total
