"""Data-quality checks on loaded reports, each pointing at the report row and the upload it came from."""
from analytics.queries import Filters, root_code
from common.db import dicts
from etl.checks import CHECKS
from etl.rollup import ensure_checked, with_rolled_up

LIMIT = 1000   # rows listed per check; the count covers all of them


def failed_checks(con, filters: Filters) -> tuple[list[dict], dict[str, int]]:
    """The failed checks (at most LIMIT per check) and how many there are per check."""
    params = {"parent": filters.parent or root_code(con), "periods": list(filters.periods),
              "topics": list(filters.topics), "plan": filters.plan}
    sql = f"""WITH picked AS (
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
        ORDER BY f.check_code, pe.start_date, un.name COLLATE vi"""
    rows = with_rolled_up(con, ensure_checked, lambda: dicts(con.execute(sql, params)))
    counts = {code: 0 for code in CHECKS}
    for row in rows:
        counts[row["check_code"]] = row.pop("total")
    return rows, counts
