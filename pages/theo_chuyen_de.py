"""Theo chuyên đề: a unit × topic heat map and the totals per topic."""
import streamlit as st

from analytics.charts import chart_config, heatmap, topic_bars
from analytics.labels import MEASURES, NO_REPORTS
from analytics.tables import file_stamp
from ui.page import STATS_COLUMNS, context, header, rate_picker, table

data, view = context()
header("Theo chuyên đề", view)

rate = rate_picker("by_topic_rate")
target = view.targets.for_rate(rate)
topics = [row for row in data.stats("topic", view.filters) if row["reports_received"]]
if not topics:
    st.info(NO_REPORTS)
    st.stop()
st.caption("Đơn vị báo cáo chung cả đợt (không tách theo chuyên đề) được tính ở cột “Cả đợt”.")
st.plotly_chart(topic_bars(topics, rate, target, f"{MEASURES[rate][0]} theo chuyên đề — {view.unit_name}"),
                config=chart_config(f"ty-le-theo-chuyen-de-{file_stamp(view.today)}"))
columns = [row["group"] for row in topics]
cells = [row for row in data.stats("unit_topic", view.filters) if row["group2"] in columns]
st.plotly_chart(heatmap(cells, rate, columns, f"{MEASURES[rate][0]} theo đơn vị và chuyên đề", "Chuyên đề"),
                config=chart_config(f"ban-do-nhiet-don-vi-chuyen-de-{file_stamp(view.today)}"))

st.subheader("Bảng số liệu theo chuyên đề")
table(topics, [("group", "Chuyên đề", "text")] + STATS_COLUMNS)
