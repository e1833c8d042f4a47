"""The glossary: every word a user reads for a measure or a status, with how its value is written."""
from dataclasses import dataclass

from etl.values import format_count, format_percent

MEASURES = {  # stats key -> Vietnamese label, formatter
    "group": ("Đơn vị", str),
    "cells_held": ("Chi bộ đã sinh hoạt", format_count),
    "cells_expected": ("Tổng số chi bộ", format_count),
    "cell_rate": ("Tỷ lệ chi bộ sinh hoạt", format_percent),
    "members_participating": ("Đảng viên tham gia", format_count),
    "members_total": ("Tổng số đảng viên", format_count),
    "members_eligible": ("Đảng viên phải sinh hoạt", format_count),
    "member_rate": ("Tỷ lệ đảng viên tham gia", format_percent),
    "reports_received": ("Báo cáo đã nhận", format_count),
    "reports_expected": ("Báo cáo phải nộp", format_count),
    "reports_on_time": ("Báo cáo đúng hạn", format_count),
}
RATES = {"member_rate": ("members_participating", "members_eligible", "đảng viên"),
         "cell_rate": ("cells_held", "cells_expected", "chi bộ")}

# Completion status of a unit against the targets, and the colour that shows it on every chart.
UNIT_STATUS = {
    "met": ("Đạt chỉ tiêu", "#2e7d32"),
    "below": ("Chưa đạt chỉ tiêu", "#ef6c00"),
    "partial": ("Thiếu báo cáo", "#c62828"),
    "none": ("Chưa báo cáo", "#9e9e9e"),
}
REPORT_STATUS = {
    "on_time": ("Đúng hạn", "#2e7d32"),
    "late": ("Trễ hạn", "#ef6c00"),
    "missing": ("Quá hạn, chưa nộp", "#c62828"),
    "pending": ("Chưa đến hạn", "#90a4ae"),
}
NO_REPORTS = "Chưa có báo cáo cho đợt này"


@dataclass(frozen=True)
class Targets:
    cells: float = 1.0      # share of cells that must have held the session
    members: float = 0.95   # share of eligible members that must have taken part

    def for_rate(self, rate: str) -> float:
        return self.members if rate == "member_rate" else self.cells


def unit_status(row: dict, targets: Targets) -> str:
    """'none' before any report, 'partial' while reports are missing, then met or below the targets."""
    if row["reports_expected"] and not row["reports_received"]:
        return "none"
    if row["reports_received"] < row["reports_expected"]:
        return "partial"
    if row["cell_rate"] is None and row["member_rate"] is None:
        return "none"
    if (row["cell_rate"] or 0) >= targets.cells and (row["member_rate"] or 0) >= targets.members:
        return "met"
    return "below"


def shorten(text: str, width: int = 34) -> str:
    """Long topic and unit names on an axis: cut at a word with an ellipsis; hover text keeps the full name."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + "…"


def ratio_text(done: int | None, total: int | None) -> str:
    return f"{format_count(done or 0)}/{format_count(total or 0)}"



STATS_COLUMNS = [  # the full completion table under charts and in the exports
    ("cells_held", MEASURES["cells_held"][0], "count"), ("cells_expected", MEASURES["cells_expected"][0], "count"),
    ("cell_rate", MEASURES["cell_rate"][0], "percent"),
    ("members_participating", MEASURES["members_participating"][0], "count"),
    ("members_eligible", MEASURES["members_eligible"][0], "count"),
    ("member_rate", MEASURES["member_rate"][0], "percent"),
    ("reports_received", MEASURES["reports_received"][0], "count"),
    ("reports_expected", MEASURES["reports_expected"][0], "count"),
    ("reports_on_time", MEASURES["reports_on_time"][0], "count"),
]
UNIT_COLUMNS = [("group", "Đơn vị", "text"), ("status_name", "Tình trạng", "text")] + STATS_COLUMNS
PROGRESS_COLUMNS = [("unit_name", "Đơn vị", "text"), ("period_name", "Đợt", "text"), ("deadline", "Hạn nộp", "date"),
                    ("status_name", "Tình trạng", "text"), ("received_on", "Ngày nhận", "date"),
                    ("days_late", "Số ngày chậm", "count")]
