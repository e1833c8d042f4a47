"""Tiến độ báo cáo: expected, received, on time, late and missing reports; the units to urge, downloadable."""
import streamlit as st

from analytics.charts import chart_config, reporting_bars
from analytics.labels import REPORT_STATUS
from analytics.progress import summarise
from analytics.tables import file_stamp
from etl.values import format_count, format_percent
from ui.page import context, csv_download, header, table

data, view = context()
header("Tiến độ báo cáo", view)

rows = data.expected_reports(view.filters, view.today)
if not rows:
    st.info("Không có báo cáo nào phải nộp cho lựa chọn này (đơn vị không có đơn vị trực thuộc trong các đợt đã chọn).")
    st.stop()
summary = summarise(rows)
counts = {status: sum(s[status] for s in summary) for status in REPORT_STATUS}
expected = len(rows)
cards = st.columns(5)
cards[0].metric("Báo cáo phải nộp", format_count(expected), border=True)
cards[1].metric("Đã nhận", format_count(counts["on_time"] + counts["late"]),
                format_percent((counts["on_time"] + counts["late"]) / expected), delta_color="off", delta_arrow="off", border=True)
for card, status in zip(cards[2:], ("on_time", "late", "missing")):
    card.metric(REPORT_STATUS[status][0], format_count(counts[status]), format_percent(counts[status] / expected),
                delta_color="off", delta_arrow="off", border=True)
if counts["pending"]:
    st.caption(f"Còn {format_count(counts['pending'])} báo cáo chưa đến hạn nộp (tính đến ngày "
               f"{view.today:%d/%m/%Y}).")

st.plotly_chart(reporting_bars(summary, f"Tình hình nộp báo cáo theo đợt — {view.unit_name}"),
                config=chart_config(f"tien-do-bao-cao-{file_stamp(view.today)}"))

labelled = [row | {"status_name": REPORT_STATUS[row["status"]][0]} for row in rows]
columns = [("unit_name", "Đơn vị", "text"), ("period_name", "Đợt", "text"), ("deadline", "Hạn nộp", "date"),
           ("status_name", "Tình trạng", "text"), ("received_on", "Ngày nhận", "date"),
           ("days_late", "Số ngày chậm", "count")]
st.subheader("Đơn vị cần đôn đốc")
urge = sorted((row for row in labelled if row["status"] in ("missing", "pending")),
              key=lambda row: (row["status"] != "missing", row["deadline"] or view.today))
if urge:
    table(urge, columns)
    csv_download("Tải danh sách (CSV)", urge, columns, f"don-vi-can-don-doc-{file_stamp(view.today)}.csv", "urge_csv")
else:
    st.success("Mọi đơn vị đã nộp đủ báo cáo cho các đợt đã chọn.")
with st.expander("Toàn bộ báo cáo phải nộp"):
    table(labelled, columns)
