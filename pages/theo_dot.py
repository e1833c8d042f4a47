"""Theo đợt: the trend across occasions for the chosen unit and its children, and a unit × occasion heat map."""
from dataclasses import replace

import streamlit as st

from analytics.charts import heatmap, trend_lines
from analytics.labels import MEASURES, NO_REPORTS, SCREEN_STATS, STATS_COLUMNS
from common.formats import format_count
from ui.exports import chart, data_table
from ui.frame import page
from ui.text import md
from ui.widgets import header, rate_picker

with page(__file__) as (data, view):
    header("Diễn biến qua các đợt", view)

    # One chosen occasion says nothing about a trend: then every occasion of the plan (or of all plans) is shown.
    periods = view.filters.periods if len(view.filters.periods) > 1 else ()
    filters = replace(view.filters, periods=periods)
    if not periods:
        st.caption("Biểu đồ gồm mọi đợt của " + (f"kế hoạch {md(view.filters.plan)}." if view.filters.plan
                                                  else "tất cả kế hoạch.") + " Chọn từ hai đợt trở lên để thu hẹp.")
    rate = rate_picker("by_period_rate")
    target = view.targets.for_rate(rate)
    by_period = [row for row in data.stats("period", filters, view.today)
                 if row["reports_received"] or row[rate] is not None]
    by_unit_period = data.stats("unit_period", filters, view.today)
    if not by_period:
        st.info(NO_REPORTS)
        st.stop()
    # the downloaded image names the occasions it shows, not only the one chosen in the sidebar
    shown_view = replace(view, period_names=tuple(row["group"] for row in by_period))
    chart(trend_lines(view.unit_name, by_period, by_unit_period, rate, target,
                      f"{MEASURES[rate][0]} qua các đợt — {view.unit_name}"),
          data, shown_view, file_stem="dien-bien-qua-cac-dot", key="trend_chart")
    still_open = [row for row in by_period if row["reports_pending"]]
    if still_open:
        st.caption("Đợt còn mở (điểm rỗng): " + "; ".join(
            f"{md(row['group'])} mới nhận {format_count(row['reports_received'])}/"
            f"{format_count(row['reports_expected'])} báo cáo, tỷ lệ chỉ tính trên các đơn vị đã báo cáo"
            for row in still_open) + ".")
    shown = {row["group"] for row in by_unit_period}
    if len(shown) > 10:
        st.caption(f"Biểu đồ đường vẽ {md(view.unit_name)} và 10 đơn vị có tỷ lệ thấp nhất ở đợt gần nhất; "
                   f"bản đồ nhiệt dưới đây có đủ {len(shown)} đơn vị.")
    columns = [row["group"] for row in by_period]
    chart(heatmap([r for r in by_unit_period if r["group2"] in columns], rate, columns,
                  f"{MEASURES[rate][0]} theo đơn vị và đợt", "Đợt"),
          data, shown_view, file_stem="ban-do-nhiet-don-vi-dot", key="period_heatmap")

    st.subheader("Bảng số liệu theo đợt")
    columns = [("group", "Đợt", "text")] + STATS_COLUMNS
    data_table(by_period, columns, data, view, title=f"Kết quả theo đợt — {view.unit_name}", file_stem="bang-theo-dot",
               key="by_period_table",
               screen=[("group", "Đợt", "text")] + SCREEN_STATS)
