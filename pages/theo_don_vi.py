"""Theo đơn vị: each child unit's completion as sorted bars; a click on a bar opens that unit's children."""
import streamlit as st

from analytics.charts import completion_bars
from analytics.labels import MEASURES, NO_REPORTS, UNIT_COLUMNS, UNIT_SCREEN_COLUMNS, judged
from ui.auth import current
from ui.exports import chart, data_table
from ui.filters import drill_to
from ui.frame import page
from ui.text import md
from ui.widgets import header, rate_picker


def open_children() -> None:
    points = st.session_state.by_unit_chart.selection.points
    if not points:
        return
    row = codes.get((points[0].get("customdata") or [None])[0])     # a bar or its name: the unit's name first
    if row and data.has_children(row["code"], view.filters.as_of):
        drill_to(row["code"])
    elif row:
        st.session_state.by_unit_leaf = row["group"]


with page(__file__) as (data, view):
    header("Hoàn thành theo đơn vị", view)

    with st.container(horizontal=True, vertical_alignment="center"):
        trail = data.ancestors(view.filters.parent)
        scope = current().scope
        if scope in (unit["code"] for unit in trail):    # a unit account climbs no higher than its own unit
            trail = trail[[unit["code"] for unit in trail].index(scope):]
        for index, unit in enumerate(trail):
            if index:
                st.markdown("›")
            st.button(md(unit["name"]), key=f"crumb_{unit['code']}", on_click=drill_to, args=(unit["code"],),
                      type="tertiary", disabled=index == len(trail) - 1)

    rate = rate_picker("by_unit_rate")
    rows = judged(data.stats("unit", view.filters, view.today), view.targets)
    codes = {row["group"]: row for row in rows}

    if not rows:
        st.info("Đơn vị này không có đơn vị trực thuộc trong cây tổ chức ngày đã chọn.")
        st.stop()
    if not any(row["reports_received"] for row in rows):
        st.info(NO_REPORTS)
    target = view.targets.for_rate(rate)
    title = f"{MEASURES[rate][0]} của các đơn vị trực thuộc {view.unit_name}"
    figure = completion_bars(rows, rate, target, title)
    chart(figure, data, view, file_stem="ty-le-theo-don-vi", key="by_unit_chart", on_select=open_children,
          selection_mode="points")
    leaf = st.session_state.pop("by_unit_leaf", None)
    if leaf:
        st.info(f"{md(leaf)} không có đơn vị trực thuộc để xem tiếp.")
    else:
        st.caption("Bấm vào một thanh để xem các đơn vị trực thuộc của đơn vị đó; bấm tên cấp trên ở dòng đầu để "
                   "quay lại.")

    st.subheader("Bảng số liệu")
    st.caption("Màu của thanh so tỷ lệ trên biểu đồ với chỉ tiêu của tỷ lệ đó (đường gạch). Cột “Tình trạng chung” "
               "xét cả hai chỉ tiêu trên các báo cáo đã nhận; báo cáo chưa đến hạn không bị tính là thiếu."
               + (" Với nhiều đợt, số chi bộ và đảng viên là số lượt cộng các đợt đơn vị đã báo cáo: hãy so sánh "
                  "các đơn vị bằng tỷ lệ." if len(view.periods_in_scope) > 1 else ""))
    data_table(rows, UNIT_COLUMNS, data, view, title=f"Kết quả theo đơn vị trực thuộc {view.unit_name}",
               file_stem="bang-theo-don-vi", key="by_unit_table", screen=UNIT_SCREEN_COLUMNS)
