"""Completion and reporting aggregates, all computed in DuckDB with parameterised SQL.

Counting rules: a report at a unit wins over its children's for that unit (never added together);
within one occasion a whole-occasion report wins over per-topic ones, which otherwise count by their
largest figure, so a unit's members are not counted once per topic."""
import datetime as dt
from dataclasses import dataclass

from etl.schema import REPORT_COUNTS

GROUPINGS = ("unit", "period", "topic")
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

# Per grouping: the groups with their counted rows, and the expected reports (reporter, period, group).
_BY = {
    "unit": (
        f"""SELECT g.code AS key, {_MEASURES}
            FROM children g
            JOIN unit_tree t ON t.ancestor = g.code
            JOIN counted c ON c.unit_code = t.descendant AND (c.shadow_depth IS NULL OR c.shadow_depth < g.depth)
            GROUP BY g.code""",
        """SELECT v.unit_code AS key, v.unit_code AS reporter, v.period_code, v.deadline, '' AS tg
           FROM valid v JOIN children g ON g.code = v.unit_code""",
    ),
    "period": (
        f"""SELECT c.period_code AS key, {_MEASURES}
            FROM counted c WHERE c.shadow_depth IS NULL OR c.shadow_depth < (SELECT depth FROM parent)
            GROUP BY c.period_code""",
        """SELECT v.period_code AS key, v.unit_code AS reporter, v.period_code, v.deadline, '' AS tg
           FROM valid v JOIN children g ON g.code = v.unit_code""",
    ),
    "topic": (
        f"""SELECT c.tg AS key, {_MEASURES}
            FROM counted c WHERE c.shadow_depth IS NULL OR c.shadow_depth < (SELECT depth FROM parent)
            GROUP BY c.tg""",
        """SELECT k.tg AS key, v.unit_code AS reporter, v.period_code, v.deadline, k.tg
           FROM valid v JOIN children g ON g.code = v.unit_code CROSS JOIN (SELECT DISTINCT tg FROM base) k""",
    ),
}

_LABEL = {
    "unit": "SELECT code AS key, name AS label, code AS sort FROM units",
    "period": "SELECT code AS key, name AS label, strftime(start_date, '%Y-%m-%d') || code AS sort FROM periods",
    "topic": f"SELECT code AS key, name AS label, code AS sort FROM topics UNION ALL SELECT '', '{WHOLE_OCCASION}', ''",
}


def stats(con, by: str = "unit", filters: Filters = Filters()) -> list[dict]:
    """One row per group: cells and members (held, eligible, taking part) and reports expected, received, on time."""
    if by not in GROUPINGS:
        raise ValueError(by)
    measures, expected = _BY[by]
    sql = f"""
    WITH {_BASE},
    measures AS ({measures}),
    expected AS ({expected}),
    reporting AS (
        SELECT e.key, count(*) AS reports_expected,
               count(r.reporter) AS reports_received,
               count(r.reporter) FILTER (WHERE r.received_on <= e.deadline) AS reports_on_time
        FROM expected e
        LEFT JOIN (
            SELECT t.ancestor AS reporter, c.period_code, c.tg, min(c.received_on) AS received_on
            FROM counted c JOIN unit_tree t ON t.descendant = c.unit_code
            GROUP BY ALL) r
          ON r.reporter = e.reporter AND r.period_code = e.period_code AND r.tg = e.tg
        GROUP BY e.key),
    keys AS (SELECT key FROM measures UNION SELECT key FROM reporting)
    SELECT k.key AS code, coalesce(l.label, k.key) AS "group", m.cells_expected, m.cells_held,
           m.members_total, m.members_eligible, m.members_participating,
           round(m.cells_held / nullif(m.cells_expected, 0), 4) AS cell_rate,
           round(m.members_participating / nullif(m.members_eligible, 0), 4) AS member_rate,
           coalesce(r.reports_expected, 0) AS reports_expected,
           coalesce(r.reports_received, 0) AS reports_received,
           coalesce(r.reports_on_time, 0) AS reports_on_time
    FROM keys k LEFT JOIN measures m USING (key) LEFT JOIN reporting r USING (key)
    LEFT JOIN ({_LABEL[by]}) l ON l.key = k.key
    ORDER BY l.sort, "group"
    """
    params = {
        "parent": filters.parent or root_code(con),
        "periods": list(filters.periods), "topics": list(filters.topics), "plan": filters.plan,
        "as_of": filters.as_of, "by_topic": by == "topic",
    }
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
