"""Data-quality checks on loaded reports, each pointing at the report row and the upload it came from."""
from analytics.queries import Filters, _dicts, root_code

CHECKS = {  # code -> (short name for a card, full name for a heading)
    "held_over_expected": ("Vượt tổng số", "Số đã sinh hoạt lớn hơn tổng số"),
    "rate_over_100": ("Tỷ lệ trên 100 %", "Tỷ lệ đảng viên tham gia trên 100 %"),
    "parent_mismatch": ("Khác tổng cấp dưới", "Báo cáo của đơn vị khác tổng các đơn vị trực thuộc"),
    "far_from_history": ("Lệch xa các đợt khác", "Số liệu khác xa các đợt khác của chính đơn vị"),
}
LIMIT = 1000   # rows listed per check; the count covers all of them

_PICKED = """
picked AS (SELECT * FROM reports)"""

_FAILED = f"""
WITH {_PICKED},
history AS (
    SELECT unit_code, count(*) AS n, median(members_total) AS members_median, median(cells_expected) AS cells_median
    FROM reports GROUP BY unit_code),
children AS (
    SELECT u.parent_code AS unit_code, c.period_code, c.topic_code,
           sum(c.cells_held) AS cells_held, sum(c.members_participating) AS members_participating
    FROM picked c JOIN units u ON u.code = c.unit_code WHERE u.parent_code IS NOT NULL GROUP BY ALL),
failed AS (
    SELECT 'held_over_expected' AS check_code, p.*, 'cells_held' AS measure, p.cells_held AS value, p.cells_expected AS reference
    FROM picked p WHERE p.cells_held > p.cells_expected
    UNION ALL BY NAME
    SELECT 'held_over_expected' AS check_code, p.*, 'members_participating' AS measure, p.members_participating AS value, p.members_total AS reference
    FROM picked p WHERE p.members_participating > p.members_total
    UNION ALL BY NAME
    SELECT 'rate_over_100' AS check_code, p.*, 'members_participating' AS measure, p.members_participating AS value, p.members_total - coalesce(p.members_exempt, 0) AS reference
    FROM picked p WHERE p.members_participating > p.members_total - coalesce(p.members_exempt, 0)
      AND p.members_participating <= p.members_total
    UNION ALL BY NAME
    SELECT 'parent_mismatch' AS check_code, p.*, 'members_participating' AS measure, p.members_participating AS value, c.members_participating AS reference
    FROM picked p JOIN children c USING (unit_code, period_code)
    WHERE p.topic_code IS NOT DISTINCT FROM c.topic_code
      AND (p.cells_held IS DISTINCT FROM c.cells_held OR p.members_participating IS DISTINCT FROM c.members_participating)
    UNION ALL BY NAME
    SELECT 'far_from_history' AS check_code, p.*, 'members_total' AS measure, p.members_total AS value, h.members_median AS reference
    FROM picked p JOIN history h USING (unit_code)
    WHERE h.n >= 4 AND abs(p.members_total - h.members_median) > greatest(0.25 * h.members_median, 5)
    UNION ALL BY NAME
    SELECT 'far_from_history' AS check_code, p.*, 'cells_expected' AS measure, p.cells_expected AS value, h.cells_median AS reference
    FROM picked p JOIN history h USING (unit_code)
    WHERE h.n >= 4 AND abs(p.cells_expected - h.cells_median) > greatest(0.25 * h.cells_median, 2))"""


def prepare(con, temporary: bool = True) -> None:
    """Every failed check over all reports, once per copy of the data; pages then pick their unit and occasions."""
    kind = "TEMP TABLE" if temporary else "TABLE"
    con.execute(f"CREATE OR REPLACE {kind} quality_failed AS {_FAILED} SELECT * FROM failed")


def failed_checks(con, filters: Filters) -> tuple[list[dict], dict[str, int]]:
    """The failed checks (at most LIMIT per check) and how many there are per check."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'quality_failed'").fetchone()[0]:
        prepare(con)
    params = {"parent": filters.parent or root_code(con), "periods": list(filters.periods),
              "topics": list(filters.topics), "plan": filters.plan}
    rows = _dicts(con.execute(
        f"""WITH picked AS (
            SELECT f.* FROM quality_failed f
            JOIN unit_tree t ON t.ancestor = $parent AND t.descendant = f.unit_code
            JOIN periods p ON p.code = f.period_code
            WHERE (len($periods) = 0 OR list_contains($periods, f.period_code))
              AND ($plan IS NULL OR p.plan_code = $plan)
              AND (len($topics) = 0 OR list_contains($topics, f.topic_code))),
        numbered AS (SELECT *, row_number() OVER (PARTITION BY check_code ORDER BY unit_code, period_code) AS n,
                            count(*) OVER (PARTITION BY check_code) AS total FROM picked)
        SELECT f.check_code, f.total, f.unit_code, un.name AS unit_name, f.period_code, pe.name AS period_name,
               coalesce(tp.name, '') AS topic_name, f.cells_expected, f.cells_held, f.members_total,
               f.members_exempt, f.members_participating, f.measure, f.value, f.reference, f.upload_id,
               up.file_name, up.created_at AS uploaded_at
        FROM numbered f JOIN units un ON un.code = f.unit_code JOIN periods pe ON pe.code = f.period_code
        LEFT JOIN topics tp ON tp.code = f.topic_code LEFT JOIN uploads up ON up.id = f.upload_id
        WHERE f.n <= {LIMIT}
        ORDER BY f.check_code, pe.start_date, un.name COLLATE vi""", params))
    counts = {code: 0 for code in CHECKS}
    for row in rows:
        counts[row["check_code"]] = row.pop("total")
    return rows, counts
