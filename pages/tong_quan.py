"""Tổng quan: the key figures for the chosen view, the change since the previous occasion, who is behind."""
import streamlit as st

from analytics.labels import NO_REPORTS, UNIT_STATUS, unit_status
from analytics.queries import Filters, combine
from etl.values import format_count, format_decimal, format_percent
from ui.exports import data_table
from ui.page import context, header

data, view = context()
header("Tổng quan", view)

by_period = data.stats("period", view.filters)
total = combine(by_period)
units = data.stats("unit", view.filters)
statuses = [unit_status(row, view.targets) for row in units]
behind = sum(status != "met" for status in statuses)

# The change since the previous occasion: the latest occasion in view against the one just before it.
ordered = [p["code"] for p in data.periods()]
latest = view.periods_in_scope[-1] if view.periods_in_scope else None
previous = ordered[ordered.index(latest) - 1] if latest and ordered.index(latest) > 0 else None
delta = {}
if previous:
    pair = Filters(view.filters.parent, (previous, latest), view.filters.topics, None, view.filters.as_of)
    rows = {r["code"]: r for r in data.stats("period", pair)}
    before, now = rows.get(previous), rows.get(latest)
    if before and now and before["reports_received"] and now["reports_received"]:
        delta = {key: (now[key] or 0) - (before[key] or 0) for key in now if key not in ("code", "group")}
        names = {p["code"]: p["name"] for p in data.periods()}
        st.caption(f"Mũi tên cho biết thay đổi của {names[latest]} so với {names[previous]}.")


def points(key: str) -> str | None:
    """A rate's change in percentage points, written the Vietnamese way."""
    if key not in delta or delta[key] is None:
        return None
    value = delta[key] * 100
    return f"{'-' if value < 0 else '+'}{format_decimal(abs(value))} điểm %"


def count(key: str) -> str | None:
    if key not in delta:
        return None
    return f"{'-' if delta[key] < 0 else '+'}{format_count(abs(delta[key]))}"


if not total["reports_received"] and not total["cells_expected"]:
    st.info(NO_REPORTS)
on_time = total["reports_on_time"] / total["reports_expected"] if total["reports_expected"] else None
first = st.columns(4)
first[0].metric(f"Chi bộ đã sinh hoạt / {format_count(total['cells_expected'])}", format_count(total["cells_held"]),
                count("cells_held"), border=True)
first[1].metric(f"Đảng viên tham gia / {format_count(total['members_eligible'])}",
                format_count(total["members_participating"]), count("members_participating"), border=True)
first[2].metric(f"Báo cáo đã nhận / {format_count(total['reports_expected'])}",
                format_count(total["reports_received"]), count("reports_received"), border=True)
first[3].metric(f"Đơn vị chưa đạt / {format_count(len(units))}", format_count(behind), border=True)
st.caption("Số sau dấu “/” là tổng phải có: tổng số chi bộ, số đảng viên phải sinh hoạt (tổng số trừ miễn sinh "
           "hoạt), số báo cáo các đơn vị trực thuộc phải nộp, số đơn vị trực thuộc.")
second = st.columns(4)
second[0].metric("Tỷ lệ chi bộ sinh hoạt", format_percent(total["cell_rate"]) or "—", points("cell_rate"),
                 border=True)
second[1].metric("Tỷ lệ đảng viên tham gia", format_percent(total["member_rate"]) or "—", points("member_rate"),
                 border=True)
second[2].metric("Tỷ lệ báo cáo đúng hạn", format_percent(on_time) or "—", border=True)
second[3].metric("Đơn vị đạt chỉ tiêu", format_count(len(units) - behind), border=True)

st.subheader("Đơn vị chưa báo cáo hoặc chưa đạt chỉ tiêu")
late = [row | {"status_name": UNIT_STATUS[status][0]} for row, status in zip(units, statuses) if status != "met"]
if not units:
    st.info("Đơn vị này không có đơn vị trực thuộc trong cây tổ chức ngày đã chọn.")
elif not late:
    st.success("Tất cả đơn vị trực thuộc đã báo cáo đủ và đạt chỉ tiêu.")
else:
    columns = [("group", "Đơn vị", "text"), ("status_name", "Tình trạng", "text"),
               ("reports_received", "Báo cáo đã nhận", "count"), ("reports_expected", "Báo cáo phải nộp", "count"),
               ("cell_rate", "Tỷ lệ chi bộ sinh hoạt", "percent"),
               ("member_rate", "Tỷ lệ đảng viên tham gia", "percent")]
    data_table(late, columns, data, view, f"Đơn vị chưa báo cáo hoặc chưa đạt chỉ tiêu — {view.unit_name}",
               "don-vi-chua-dat", "behind")
