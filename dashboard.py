"""Entry point of the dashboard; until the pages land it shows completion by unit from the shared queries."""
import streamlit as st

from analytics.queries import stats
from etl.schema import connect, db_path
from etl.values import format_count, format_percent

COLUMNS = {  # stats key -> Vietnamese column, how to show it
    "group": ("Đơn vị", str),
    "cells_held": ("Chi bộ đã sinh hoạt", format_count),
    "cells_expected": ("Tổng số chi bộ", format_count),
    "cell_rate": ("Tỷ lệ chi bộ", format_percent),
    "members_participating": ("Đảng viên tham gia", format_count),
    "members_eligible": ("Đảng viên phải sinh hoạt", format_count),
    "member_rate": ("Tỷ lệ đảng viên", format_percent),
    "reports_received": ("Báo cáo đã nhận", format_count),
    "reports_expected": ("Báo cáo phải có", format_count),
}

st.set_page_config(page_title="Sinh hoạt chính trị", layout="wide")
st.title("Tiến độ sinh hoạt chính trị")
if not db_path().exists():
    st.info("Chưa có cơ sở dữ liệu. Hãy chạy: python -m etl init --demo")
    st.stop()
with connect(read_only=True) as con:
    rows = stats(con, "unit")
st.caption("Tổng hợp mọi đợt theo đơn vị trực thuộc Tỉnh ủy. Các trang chi tiết đang được xây dựng.")
st.dataframe([{label: show(row[key]) for key, (label, show) in COLUMNS.items()} for row in rows], hide_index=True)
