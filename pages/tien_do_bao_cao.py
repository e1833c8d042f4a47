"""Tiến độ báo cáo: expected, received, on time, late and missing reports; the units to urge, downloadable."""
import streamlit as st

from analytics.charts import reporting_bars
from analytics.labels import PROGRESS_COLUMNS as columns
from analytics.labels import REPORT_STATUS
from analytics.progress import summarise
from common.formats import format_count, format_percent
from ui.exports import chart, data_table
from ui.frame import page
from ui.widgets import header

with page(__file__) as (data, view):
    header("Tiến độ báo cáo", view)

    rows = data.expected_reports(view.filters, view.today)
    if not rows:
        st.info("Không có báo cáo nào phải nộp cho lựa chọn này (đơn vị không có đơn vị trực thuộc trong các đợt "
                "đã chọn).")
        st.stop()
    summary = summarise(rows)
    counts = {status: sum(s[status] for s in summary) for status in REPORT_STATUS}
    expected = len(rows)
    cards = st.columns(5)
    cards[0].metric("Báo cáo phải nộp", format_count(expected), border=True)
    cards[1].metric("Đã nhận", format_count(counts["on_time"] + counts["late"]),
                    format_percent((counts["on_time"] + counts["late"]) / expected), delta_color="off",
                    delta_arrow="off", border=True)
    for card, status in zip(cards[2:], ("on_time", "late", "missing")):
        card.metric(REPORT_STATUS[status][0], format_count(counts[status]), format_percent(counts[status] / expected),
                    delta_color="off", delta_arrow="off", border=True)
    if counts["pending"]:
        st.caption(f"Còn {format_count(counts['pending'])} báo cáo chưa đến hạn nộp (tính đến ngày "
                   f"{view.today:%d/%m/%Y}).")

    chart(reporting_bars(summary, f"Tình hình nộp báo cáo theo đợt — {view.unit_name}"), data, view,
          file_stem="tien-do-bao-cao", key="reporting_chart")

    st.subheader("Đơn vị cần đôn đốc (quá hạn, chưa nộp)")
    urge = sorted((row for row in rows if row["status"] == "missing"), key=lambda row: row["deadline"])
    waiting = [row for row in rows if row["status"] == "pending"]
    if urge:
        data_table(urge, columns, data, view, title=f"Đơn vị cần đôn đốc báo cáo — {view.unit_name}",
                   file_stem="don-vi-can-don-doc", key="urge")
    elif waiting:
        st.success("Không có báo cáo nào quá hạn mà chưa nộp.")
    else:
        st.success("Mọi đơn vị đã nộp đủ báo cáo cho các đợt đã chọn.")
    if waiting:
        with st.expander(f"Báo cáo chưa đến hạn ({format_count(len(waiting))}): chưa phải đôn đốc"):
            data_table(waiting, columns, data, view, title=f"Báo cáo chưa đến hạn — {view.unit_name}",
                       file_stem="bao-cao-chua-den-han", key="waiting")
    with st.expander("Toàn bộ báo cáo phải nộp"):
        data_table(rows, columns, data, view, title=f"Báo cáo phải nộp — {view.unit_name}",
                   file_stem="bao-cao-phai-nop", key="owed")
