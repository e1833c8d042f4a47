"""Completion and reporting aggregates, all computed in DuckDB with parameterised SQL from the rolled-up tables
(etl.rollup, where the counting rules are)."""
import datetime as dt
import re
from dataclasses import dataclass

from analytics.labels import WHOLE_OCCASION, approximate_note
from common.db import dicts
from etl.rollup import ALL_TOPICS, QUALIFIED, QUALIFIER_BITS, ensure_rolled_up, rollup_sql, with_rolled_up
from etl.values import combined

GROUPINGS = ("unit", "period", "topic", "unit_period", "unit_topic")


@dataclass(frozen=True)
class Filters:
    parent: str | None = None          # unit code; None is the root of the tree
    periods: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    plan: str | None = None
    as_of: dt.date | None = None       # keep only units valid on that day


def root_code(con) -> str | None:
    """The top of the tree; should a second one appear (another province's units loaded by mistake), the one
    whose subtree holds the most reports, so the dashboard never opens on an empty tree."""
    roots = con.execute("SELECT code FROM units WHERE parent_code IS NULL LIMIT 2").fetchall()
    if len(roots) < 2:
        return roots[0][0] if roots else None
    row = con.execute(
        """SELECT u.code FROM units u JOIN unit_tree t ON t.ancestor = u.code
           LEFT JOIN (SELECT unit_code, count(*) AS n FROM reports GROUP BY ALL) r ON r.unit_code = t.descendant
           WHERE u.parent_code IS NULL GROUP BY u.code ORDER BY sum(coalesce(r.n, 0)) DESC, u.code LIMIT 1""").fetchone()
    return row[0] if row else roots[0][0]


_QUALIFIER_NAMES = {bit: name for name, bit in QUALIFIER_BITS.items()}


def _qualifier_name(bits: int | None) -> str | None:
    """The word for OR-ed bits: one qualifier as it is, two or more 'about'."""
    return _QUALIFIER_NAMES.get(bits, "about") if bits else None


# Units valid on the chosen day, when one is chosen
_AS_OF = " AND (valid_from IS NULL OR valid_from <= $as_of) AND (valid_to IS NULL OR valid_to >= $as_of)"


def _rollup_source(con, topics: tuple[str, ...], by_topic: bool) -> tuple[str, str]:
    """The CTEs that give `r`, the rolled-up rows, and the topic group that holds a unit's figures.

    No topic or one topic: the prepared tables. Several topics: units count by their largest figure among
    those topics, which has to be computed for that choice, within the chosen unit's subtree."""
    picked = "period_code IN (SELECT code FROM sel_periods)"
    if len(topics) > 1:
        where = ("JOIN unit_tree s ON s.ancestor = $parent AND s.descendant = r.unit_code "
                 "WHERE list_contains($topics, r.topic_code)")
        return (f"{rollup_sql(con, where)},",
                f"r AS (SELECT * FROM rolled WHERE {picked} AND (tg = $tg OR ($by_topic AND tg <> '{ALL_TOPICS}')))",
                ALL_TOPICS)
    tg = topics[0] if topics else ALL_TOPICS
    near = "(unit_code = $parent OR parent_code = $parent)"
    if not by_topic and not topics:
        return "", f"r AS (SELECT * EXCLUDE (parent_code) FROM rollup WHERE {picked} AND {near})", tg
    if not by_topic:
        return "", f"r AS (SELECT * EXCLUDE (parent_code) FROM rollup_topics WHERE {picked} AND {near} AND tg = $tg)", tg
    topic_rows = (f"SELECT * EXCLUDE (parent_code) FROM rollup_topics WHERE {picked} AND {near} "
                  "AND (len($topics) = 0 OR list_contains($topics, tg))")
    whole = (f"SELECT * EXCLUDE (parent_code) FROM rollup WHERE {picked} AND {near} AND tg = $tg" if not topics
             else "SELECT * EXCLUDE (parent_code) FROM rollup WHERE false")
    return "", f"r AS ({topic_rows} UNION ALL {whole})", tg


_BASE = """
sel_periods AS (
    SELECT code, name, start_date, coalesce(end_date, deadline) AS end_date,
           coalesce(deadline, end_date) AS deadline
    FROM periods
    WHERE (len($periods) = 0 OR list_contains($periods, code)) AND ($plan IS NULL OR plan_code = $plan)),
{r},
children AS (   -- the units right under the chosen one (in a read copy, stored in the order of their parent)
    SELECT code, name, valid_from, valid_to FROM units WHERE parent_code = $parent{as_of}),
valid AS (
    SELECT g.code AS unit_code, p.code AS period_code, p.deadline
    FROM children g JOIN sel_periods p
      ON (g.valid_from IS NULL OR p.end_date IS NULL OR g.valid_from <= p.end_date)
     AND (g.valid_to IS NULL OR p.start_date IS NULL OR g.valid_to >= p.start_date)),
topic_groups AS (SELECT DISTINCT tg FROM r WHERE unit_code = $parent AND tg <> '*'),
receipts AS (   -- when each unit's report for an occasion came, on any topic: a report is in or not, whatever the filter
    SELECT unit_code, period_code, received_on FROM rollup
    WHERE period_code IN (SELECT code FROM sel_periods) AND (unit_code = $parent OR parent_code = $parent))
"""

_MEASURES = """
    sum(r.cells_expected) AS cells_expected, sum(r.cells_held) AS cells_held,
    sum(r.members_total) AS members_total, sum(r.members_eligible) AS members_eligible,
    sum(r.members_participating) AS members_participating, """ + ", ".join(
    f"bit_or(r.{c}_q) AS {c}_q" for c in QUALIFIED)

# Per grouping: the groups (key, key2) with their rolled-up rows, and the expected reports
# (reporter, period, topic group) that each group is owed.
_CHILD_ROWS = "FROM children g JOIN r ON r.unit_code = g.code AND r.tg = $tg"
_CHILD_TOPIC_ROWS = "FROM children g JOIN r ON r.unit_code = g.code AND r.tg <> '*'"
_OWN_ROWS = "FROM r WHERE r.unit_code = $parent AND r.tg = $tg"
_OWED = "FROM valid v"
_OWED_TOPICS = _OWED + " CROSS JOIN topic_groups k"
_BY = {
    "unit": (f"SELECT g.code AS key, '' AS key2, {_MEASURES} {_CHILD_ROWS} GROUP BY ALL",
             f"SELECT v.unit_code AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, $tg AS tg {_OWED}"),
    "period": (f"SELECT r.period_code AS key, '' AS key2, {_MEASURES} {_OWN_ROWS} GROUP BY ALL",
               f"SELECT v.period_code AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, $tg AS tg {_OWED}"),
    "topic": (f"SELECT r.tg AS key, '' AS key2, {_MEASURES} FROM r WHERE r.unit_code = $parent AND r.tg <> '*' GROUP BY ALL",
              f"SELECT k.tg AS key, '' AS key2, v.unit_code AS reporter, v.period_code, v.deadline, k.tg {_OWED_TOPICS}"),
    "unit_period": (f"SELECT g.code AS key, r.period_code AS key2, {_MEASURES} {_CHILD_ROWS} GROUP BY ALL",
                    f"SELECT v.unit_code AS key, v.period_code AS key2, v.unit_code AS reporter, v.period_code, "
                    f"v.deadline, $tg AS tg {_OWED}"),
    "unit_topic": (f"SELECT g.code AS key, r.tg AS key2, {_MEASURES} {_CHILD_TOPIC_ROWS} GROUP BY ALL",
                   f"SELECT v.unit_code AS key, k.tg AS key2, v.unit_code AS reporter, v.period_code, v.deadline, "
                   f"k.tg {_OWED_TOPICS}"),
}

_UNIT_LABEL = "SELECT code AS key, name AS label, '' AS sort FROM children"   # then by name, in Vietnamese order
_PERIOD_LABEL = "SELECT code AS key, name AS label, strftime(start_date, '%Y-%m-%d') || code AS sort FROM periods"
_TOPIC_LABEL = ("SELECT code AS key, name AS label, code AS sort FROM topics "
                f"UNION ALL SELECT '', '{WHOLE_OCCASION}', ''")
_LABELS = {  # grouping -> labels of key, labels of key2
    "unit": (_UNIT_LABEL, None), "period": (_PERIOD_LABEL, None), "topic": (_TOPIC_LABEL, None),
    "unit_period": (_UNIT_LABEL, _PERIOD_LABEL), "unit_topic": (_UNIT_LABEL, _TOPIC_LABEL),
}


# The state of one expected report on `$today`; every door counts and names reports by this one expression.
REPORT_STATE = """CASE WHEN {received} IS NOT NULL THEN
        CASE WHEN {deadline} IS NULL OR {received} <= {deadline} THEN 'on_time' ELSE 'late' END
    WHEN {deadline} < $today THEN 'missing' ELSE 'pending' END"""


def filtered(con, filters: Filters, by_topic: bool, body: str, **extra) -> list[dict]:
    """Run `body` (which starts after the shared CTEs: the units, reports and roll-ups the filters pick) with the
    filters, and `extra`, as parameters."""
    source, rows, tg = _rollup_source(con, filters.topics, by_topic)
    params = {
        "parent": filters.parent or root_code(con),
        "periods": list(filters.periods), "topics": list(filters.topics), "plan": filters.plan,
        "as_of": filters.as_of, "by_topic": by_topic, "tg": tg,
    } | extra
    sql = f"WITH {source} {_BASE.replace('{r}', rows)}, {body}".replace("{as_of}", _AS_OF if filters.as_of else "")
    # DuckDB refuses parameters the statement does not use, and which ones it uses depends on the filters
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)}
    return with_rolled_up(con, ensure_rolled_up, lambda: dicts(con.execute(sql, used)))


def stats(con, by: str = "unit", filters: Filters = Filters(), today: dt.date | None = None) -> list[dict]:
    """One row per group: cells and members (held, eligible, taking part) and the reports it owes, by their state
    on `today` (on time, late, missing: past the deadline and not received, pending: not received, not yet due).

    Two-way groupings ("unit_period", "unit_topic") also carry `code2` and `group2`."""
    if by not in GROUPINGS:
        raise ValueError(by)
    measures, expected = _BY[by]
    label, label2 = _LABELS[by]
    # by topic, a topic's report is its own row; otherwise any report for the occasion is the report
    by_topic = by in ("topic", "unit_topic")
    received, same_topic = ("r", " AND x.tg = e.tg") if by_topic else ("receipts", "")
    second = (", k.key2 AS code2, coalesce(l2.label, k.key2) AS group2" if label2 else "")
    join2 = f"LEFT JOIN ({label2}) l2 ON l2.key = k.key2" if label2 else ""
    body = f"""
    measures AS ({measures}),
    expected AS ({expected}),
    states AS (
        SELECT e.key, e.key2, {REPORT_STATE.format(received="x.received_on", deadline="e.deadline")} AS state
        FROM expected e
        LEFT JOIN {received} x ON x.unit_code = e.reporter AND x.period_code = e.period_code{same_topic}),
    reporting AS (
        SELECT key, key2, count(*) AS reports_expected,
               count(*) FILTER (WHERE state IN ('on_time', 'late')) AS reports_received,
               count(*) FILTER (WHERE state = 'on_time') AS reports_on_time,
               count(*) FILTER (WHERE state = 'missing') AS reports_missing,
               count(*) FILTER (WHERE state = 'pending') AS reports_pending
        FROM states GROUP BY key, key2),
    keys AS (SELECT key, key2 FROM measures UNION SELECT key, key2 FROM reporting)
    SELECT k.key AS code, coalesce(l.label, k.key) AS "group"{second},
           m.cells_expected, m.cells_held,
           m.members_total, m.members_eligible, m.members_participating,
           {", ".join(f"m.{c}_q AS {c}_qualifier" for c in QUALIFIED)},
           round(m.cells_held / nullif(m.cells_expected, 0), 4) AS cell_rate,
           round(m.members_participating / nullif(m.members_eligible, 0), 4) AS member_rate,
           coalesce(r.reports_expected, 0) AS reports_expected,
           coalesce(r.reports_received, 0) AS reports_received,
           coalesce(r.reports_on_time, 0) AS reports_on_time,
           coalesce(r.reports_missing, 0) AS reports_missing,
           coalesce(r.reports_pending, 0) AS reports_pending
    FROM keys k LEFT JOIN measures m USING (key, key2) LEFT JOIN reporting r USING (key, key2)
    LEFT JOIN ({label}) l ON l.key = k.key {join2}
    ORDER BY l.sort, "group" COLLATE vi{", l2.sort, group2 COLLATE vi" if label2 else ""}
    """
    rows = filtered(con, filters, by_topic, body, today=today or dt.date.today())
    for row in rows:
        row.update({f"{c}_qualifier": _qualifier_name(row[f"{c}_qualifier"]) for c in QUALIFIED})
        row["approximate"] = approximate_note(row)
    return rows


def combine(rows: list[dict]) -> dict:
    """Several stats rows (say, one per occasion) added up, with the rates recomputed from the sums."""
    keys = ("cells_expected", "cells_held", "members_total", "members_eligible", "members_participating",
            "reports_expected", "reports_received", "reports_on_time", "reports_missing", "reports_pending")
    total = {key: sum(r[key] or 0 for r in rows) for key in keys}
    total["cell_rate"] = round(total["cells_held"] / total["cells_expected"], 4) if total["cells_expected"] else None
    total["member_rate"] = (round(total["members_participating"] / total["members_eligible"], 4)
                            if total["members_eligible"] else None)
    for count in QUALIFIED:
        total[f"{count}_qualifier"] = combined(r.get(f"{count}_qualifier") for r in rows)
    total["approximate"] = approximate_note(total)
    return total
