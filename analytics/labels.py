"""The glossary: every word a user reads for a measure or a status, with how its value is written."""
from dataclasses import dataclass

from common.formats import format_count, format_percent
from etl.values import QUALIFIER_WORDS, combined

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
    "reports_missing": ("Báo cáo quá hạn, chưa nộp", format_count),
    "reports_pending": ("Báo cáo chưa đến hạn", format_count),
}
RATES = {"member_rate": ("members_participating", "members_eligible", "đảng viên"),
         "cell_rate": ("cells_held", "cells_expected", "chi bộ")}

# One word per state, on every page, chart, export and in `stats`. A report not yet due is never missing.
REPORT_STATUS = {   # one expected report (a unit, an occasion) on the day the view is judged
    "on_time": ("Đúng hạn", "#2e7d32"),
    "late": ("Trễ hạn", "#ef6c00"),
    "missing": ("Quá hạn, chưa nộp", "#c62828"),
    "pending": ("Chưa đến hạn", "#90a4ae"),
}
NO_FIGURES = ("Không có số liệu", "#b0bec5")   # a report came, without the figures the view asks for
UNIT_STATUS = {     # a unit over the whole view: the targets on the reports it sent, or its missing reports
    "met": ("Đạt chỉ tiêu", "#2e7d32"),
    "below": ("Chưa đạt chỉ tiêu", "#ef6c00"),
    "no_figures": NO_FIGURES,
    "missing": REPORT_STATUS["missing"],
    "pending": REPORT_STATUS["pending"],
}
UNIT_STATUS_TITLE = "Tình trạng chung"
# A bar on a chart of one rate: its colour says where the bar stands against the line drawn on that chart.
RATE_STATUS_COLOURS = {"reached": "#2e7d32", "short": "#ef6c00", "no_figures": NO_FIGURES[1]}
NO_REPORTS = "Chưa có báo cáo cho đợt này"
WHOLE_OCCASION = "Báo cáo chung cả đợt"   # the topic of reports that did not split by topic


@dataclass(frozen=True)
class Targets:
    cells: float = 1.0      # share of cells that must have held the session
    members: float = 0.95   # share of eligible members that must have taken part

    def for_rate(self, rate: str) -> float:
        return self.members if rate == "member_rate" else self.cells


def _received(row: dict) -> bool:
    return bool(row["reports_received"]) or row["cell_rate"] is not None or row["member_rate"] is not None


def unit_status(row: dict, targets: Targets) -> str:
    """A `stats` row's status: 'missing' while a report past its deadline has not come, 'pending' while nothing
    has come and nothing is due yet, 'no_figures' when what came has neither rate (another topic, say), else
    the targets of the rates the reports give, judged on the reports received."""
    if row.get("reports_missing"):
        return "missing"
    if not _received(row):
        return "pending"
    rates = [(row[rate], targets.for_rate(rate)) for rate in RATES if row[rate] is not None]
    if not rates:
        return "no_figures"
    return "met" if all(value >= target for value, target in rates) else "below"


def short_of(row: dict, targets: Targets) -> list[str]:
    """The rates of a row that are below their target, as 'đảng viên 93,1 %'."""
    return [f"{RATES[rate][2]} {format_percent(row[rate])}" for rate in RATES
            if row[rate] is not None and row[rate] < targets.for_rate(rate)]


def status_note(row: dict, targets: Targets, rates: bool = True) -> str:
    """What the status leaves unsaid: which target is missed (unless the rates stand beside it), which rate the
    reports do not give, how many reports are overdue or not yet due."""
    parts = []
    if row.get("reports_missing"):
        parts.append(f"quá hạn {format_count(row['reports_missing'])}/{format_count(row['reports_expected'])} "
                     "báo cáo")
    received = _received(row)
    missed = short_of(row, targets) if received and rates else []
    if missed:
        parts.append("chưa đạt: " + ", ".join(missed))
    absent = [RATES[rate][2] for rate in RATES if row[rate] is None]
    if received and len(absent) == 1:
        given = next(RATES[rate][2] for rate in RATES if row[rate] is not None)
        parts.append(f"báo cáo không có số liệu {absent[0]}, chỉ xét {given}")
    elif received and absent:
        parts.append("báo cáo đã nhận không có số liệu cho lựa chọn này")
    if row.get("reports_pending") and received:
        parts.append(f"còn {format_count(row['reports_pending'])}/{format_count(row['reports_expected'])} báo cáo "
                     "chưa đến hạn")
    return "; ".join(parts)


def judged(rows: list[dict], targets: Targets) -> list[dict]:
    """The rows with `status`, its Vietnamese name and its note: what every door shows beside a unit; the remark
    is the note without the rates, for a table whose columns show them."""
    return [row | {"status": (code := unit_status(row, targets)), "status_name": UNIT_STATUS[code][0],
                   "status_note": _capital(status_note(row, targets)),
                   "status_remark": _capital(status_note(row, targets, rates=False))} for row in rows]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def on_time_rate(row: dict) -> float | None:
    """Reports on time among all but those not sent and not yet due: such a report is neither on time nor late."""
    due = row["reports_expected"] - row["reports_pending"]
    return row["reports_on_time"] / due if due else None


def rate_status(row: dict, rate: str, target: float) -> str:
    """A bar's status on the chart of one rate: 'reached' or 'short' of the line, or why it has no bar."""
    if not _received(row):
        return "missing" if row.get("reports_missing") else "pending"
    if row[rate] is None:
        return "no_figures"
    return "reached" if row[rate] >= target else "short"


def rate_status_label(status: str, target: float) -> str:
    if status == "reached":
        return f"Đạt {format_percent(target)} trở lên"
    if status == "short":
        return f"Dưới {format_percent(target)}"
    return UNIT_STATUS[status][0]


def rate_status_colour(status: str) -> str:
    return RATE_STATUS_COLOURS.get(status) or REPORT_STATUS[status][1]


def shorten(text: str, width: int = 34) -> str:
    """Long topic and unit names on an axis: cut at a word with an ellipsis; hover text keeps the full name."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + "…"




def counted(value: int | None, qualifier: str | None = None) -> str:
    """3.550, or "trên 3.550" when the report said so."""
    shown = format_count(value)
    return f"{QUALIFIER_WORDS[qualifier]} {shown}" if qualifier in QUALIFIER_WORDS and shown else shown


def qualifier_of(row: dict, key: str) -> str | None:
    """A stats row's qualifier for a count; those who must attend are as approximate as the total and the exempt
    they are counted from."""
    if key == "members_eligible":
        return combined((row.get("members_total_qualifier"), row.get("members_exempt_qualifier")))
    return row.get(f"{key}_qualifier")


def ratio_text(done: int | None, total: int | None, done_qualifier: str | None = None,
               total_qualifier: str | None = None) -> str:
    return f"{counted(done or 0, done_qualifier)}/{counted(total or 0, total_qualifier)}"


def row_ratio(row: dict, done: str, total: str) -> str:
    """'trên 1.759/1.826' from a stats row: its counts with what the reports said of them."""
    return ratio_text(row.get(done), row.get(total), qualifier_of(row, done), qualifier_of(row, total))


def approximate_note(row: dict) -> str:
    """The counts of a row that rest on approximate figures, as the reports wrote them."""
    return "; ".join(f"{MEASURES[key][0]}: {counted(row[key], qualifier_of(row, key))}"
                     for key in ("cells_held", "cells_expected", "members_participating", "members_total")
                     if row.get(key) is not None and qualifier_of(row, key))


STATS_COLUMNS = [  # the full completion table under charts and in the exports
    ("cells_held", MEASURES["cells_held"][0], "count"), ("cells_expected", MEASURES["cells_expected"][0], "count"),
    ("cell_rate", MEASURES["cell_rate"][0], "percent"),
    ("members_participating", MEASURES["members_participating"][0], "count"),
    ("members_eligible", MEASURES["members_eligible"][0], "count"),
    ("member_rate", MEASURES["member_rate"][0], "percent"),
    ("reports_received", MEASURES["reports_received"][0], "count"),
    ("reports_expected", MEASURES["reports_expected"][0], "count"),
    ("reports_on_time", MEASURES["reports_on_time"][0], "count"),
    ("approximate", "Số gần đúng (theo báo cáo)", "note"),
]
RATIOS = {"cells": ("cells_held", "cells_expected"), "members": ("members_participating", "members_eligible"),
          "reports": ("reports_received", "reports_expected")}


def with_ratios(row: dict) -> dict:
    """The row with '13/14'-style counts, for a table on screen that has to fit a laptop's width."""
    return row | {key: row_ratio(row, done, total) for key, (done, total) in RATIOS.items()}


SCREEN_STATS = [("cells", "Chi bộ sinh hoạt / tổng số", "ratio"), ("cell_rate", "Tỷ lệ chi bộ", "percent"),
                ("members", "Đảng viên tham gia / phải sinh hoạt", "ratio"),
                ("member_rate", "Tỷ lệ đảng viên", "percent"), ("reports", "Báo cáo đã nhận / phải nộp", "ratio")]
UNIT_SCREEN_COLUMNS = [("group", "Đơn vị", "text"), ("status_name", UNIT_STATUS_TITLE, "text"),
                       ("status_remark", "Ghi chú tình trạng", "note")] + SCREEN_STATS
UNIT_COLUMNS = ([("group", "Đơn vị", "text"), ("status_name", UNIT_STATUS_TITLE, "text"),
                 ("status_note", "Ghi chú tình trạng", "note")] + STATS_COLUMNS
                + [(key, MEASURES[key][0], "count") for key in ("reports_missing", "reports_pending")])
PROGRESS_COLUMNS = [("unit_name", "Đơn vị", "text"), ("period_name", "Đợt", "text"), ("deadline", "Hạn nộp", "date"),
                    ("status_name", "Tình trạng báo cáo", "text"), ("received_on", "Ngày nhận", "date"),
                    ("days_late", "Số ngày chậm", "count")]
