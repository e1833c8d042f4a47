"""Theo chuyên đề: a unit × topic heat map and the totals per topic."""
import streamlit as st

from analytics.charts import heatmap, topic_bars
from analytics.labels import MEASURES, NO_REPORTS, SCREEN_STATS, STATS_COLUMNS, WHOLE_OCCASION
from ui.exports import chart, data_table
from ui.frame import page
from ui.widgets import header, rate_picker

with page(__file__) as (data, view):
    header("Theo chuyên đề", view)

    rate = rate_picker("by_topic_rate")
    target = view.targets.for_rate(rate)
    topics = [row for row in data.stats("topic", view.filters, view.today) if row["reports_received"]]
    if not topics:
        st.info(NO_REPORTS)
        st.stop()
    st.caption(f"Báo cáo không tách theo chuyên đề được tính ở mục “{WHOLE_OCCASION}”.")
    chart(topic_bars(topics, rate, target, f"{MEASURES[rate][0]} theo chuyên đề — {view.unit_name}"),
          data, view, file_stem="ty-le-theo-chuyen-de", key="topic_chart")
    columns = [row["group"] for row in topics]
    codes = {row["group"]: row["code"] or "Chung" for row in topics}   # short heads: a phone keeps columns apart
    cells = [row for row in data.stats("unit_topic", view.filters, view.today) if row["group2"] in columns]
    key = "; ".join(f"{code}: {name}" for name, code in codes.items())
    chart(heatmap(cells, rate, columns, f"{MEASURES[rate][0]} theo đơn vị và chuyên đề", "Chuyên đề", short=codes),
          data, view, file_stem="ban-do-nhiet-don-vi-chuyen-de", key="topic_heatmap", note=f"Cột: {key}.")

    st.subheader("Bảng số liệu theo chuyên đề")
    columns = [("group", "Chuyên đề", "text")] + STATS_COLUMNS
    data_table(topics, columns, data, view, title=f"Kết quả theo chuyên đề — {view.unit_name}",
               file_stem="bang-theo-chuyen-de", key="by_topic_table",
               screen=[("group", "Chuyên đề", "text")] + SCREEN_STATS)
