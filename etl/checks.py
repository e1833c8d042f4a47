"""Checks on report figures: one definition each, used by the loader (warnings on what a file brings) and by the
data-quality page (every report that fails, with the upload it came from)."""
from common.formats import format_count

CHECKS = {  # code -> (short name for a card, at most 18 letters to fit five cards at 1366 px; full name)
    "held_over_expected": ("Vượt tổng số", "Số đã sinh hoạt lớn hơn tổng số"),
    "rate_over_100": ("Tỷ lệ trên 100 %", "Tỷ lệ đảng viên tham gia trên 100 %"),
    "members_without_cells": ("Có ĐV, 0 chi bộ", "Có đảng viên tham gia nhưng không chi bộ nào sinh hoạt"),
    "parent_mismatch": ("Khác tổng cấp dưới", "Báo cáo của đơn vị khác tổng các đơn vị trực thuộc"),
    "far_from_history": ("Lệch đợt khác", "Số liệu khác xa các đợt khác của chính đơn vị"),
}
MEASURE_WORDS = {"cells_held": "chi bộ sinh hoạt", "members_participating": "đảng viên tham gia",
                 "members_total": "tổng số đảng viên", "cells_expected": "tổng số chi bộ"}


MEMBERS_WITHOUT_CELLS = "cells_held = 0 AND members_participating > 0"


def over_eligible(exempt: str = "coalesce(members_exempt, 0)") -> str:
    """More members taking part than must: the eligible rate above 100 %; `exempt` as the caller has it."""
    return f"members_participating > members_total - {exempt}"


OVER_ELIGIBLE = over_eligible()

_BRANCHES = {  # check -> the failing rows of `p`, each with measure, value and reference
    "held_over_expected": [
        "SELECT p.*, 'cells_held' AS measure, p.cells_held AS value, p.cells_expected AS reference "
        "FROM {picked} p WHERE p.cells_held > p.cells_expected",
        "SELECT p.*, 'members_participating' AS measure, p.members_participating AS value, "
        "p.members_total AS reference FROM {picked} p WHERE p.members_participating > p.members_total"],
    "rate_over_100": [
        "SELECT p.*, 'members_participating' AS measure, p.members_participating AS value, "
        "p.members_total - coalesce(p.members_exempt, 0) AS reference FROM {picked} p "
        f"WHERE {OVER_ELIGIBLE} AND p.members_participating <= p.members_total"],
    "members_without_cells": [
        "SELECT p.*, 'members_participating' AS measure, p.members_participating AS value, "
        f"p.cells_held AS reference FROM {{picked}} p WHERE {MEMBERS_WITHOUT_CELLS}"],
    "parent_mismatch": [
        """SELECT p.*, m.measure, m.value, m.reference FROM {picked} p
           JOIN children c ON c.unit_code = p.unit_code AND c.period_code = p.period_code
            AND c.topic_code IS NOT DISTINCT FROM p.topic_code
           CROSS JOIN (SELECT 'cells_held' AS measure, p.cells_held AS value, c.cells_held AS reference
                       UNION ALL SELECT 'members_participating', p.members_participating, c.members_participating) m
           WHERE m.value IS DISTINCT FROM m.reference"""],
    "far_from_history": [
        "SELECT p.*, 'members_total' AS measure, p.members_total AS value, h.members_median AS reference "
        "FROM {picked} p JOIN history h USING (unit_code) "
        "WHERE h.n >= 4 AND abs(p.members_total - h.members_median) > greatest(0.25 * h.members_median, 5)",
        "SELECT p.*, 'cells_expected' AS measure, p.cells_expected AS value, h.cells_median AS reference "
        "FROM {picked} p JOIN history h USING (unit_code) "
        "WHERE h.n >= 4 AND abs(p.cells_expected - h.cells_median) > greatest(0.25 * h.cells_median, 2)"],
}


def failed_sql(picked: str, checks: tuple[str, ...] = tuple(CHECKS)) -> str:
    """CTEs ending in `failed`: every failed check of the report rows in `picked` (a table or CTE with the
    columns of `reports`), one row per check and measure: the report's columns plus check_code, measure, value
    and reference. Parents are compared with the sum of their children's stored reports, a unit's totals with
    the median of its other reports."""
    branches = [f"SELECT '{code}' AS check_code, * FROM ({sql.format(picked=picked)})"
                for code in checks for sql in _BRANCHES[code]]
    return f"""
children AS (
    SELECT u.parent_code AS unit_code, c.period_code, c.topic_code,
           sum(c.cells_held) AS cells_held, sum(c.members_participating) AS members_participating
    FROM reports c JOIN units u ON u.code = c.unit_code
    WHERE u.parent_code IN (SELECT unit_code FROM {picked}) GROUP BY ALL),
history AS (
    SELECT unit_code, count(*) AS n, median(members_total) AS members_median, median(cells_expected) AS cells_median
    FROM reports WHERE unit_code IN (SELECT unit_code FROM {picked}) GROUP BY unit_code),
failed AS ({" UNION ALL BY NAME ".join(branches)})"""


def detail(check_code: str, measure: str, value, reference) -> str:
    """The failed check in a sentence: what the report says and what it was compared with."""
    value = "không ghi" if value is None else format_count(value)
    reference = "không ghi" if reference is None else format_count(round(reference))
    words = MEASURE_WORDS[measure]
    return {
        "held_over_expected": f"Số {words}: {value}, lớn hơn tổng số {reference}.",
        "rate_over_100": f"Số {words}: {value}, nhiều hơn {reference} đảng viên phải sinh hoạt.",
        "members_without_cells": f"Số {words}: {value}, nhưng số chi bộ đã sinh hoạt là {reference}.",
        "parent_mismatch": f"Số {words}: đơn vị ghi {value}; cộng các đơn vị trực thuộc được {reference}.",
        "far_from_history": f"Số {words}: {value}, trong khi các đợt khác của đơn vị thường khoảng {reference}.",
    }[check_code]
