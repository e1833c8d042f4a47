"""Entry point of the dashboard; until the pages land it shows completion by unit from the shared queries."""
import pandas as pd
import streamlit as st

from analytics.queries import stats
from etl.schema import connect, db_path

st.set_page_config(page_title="Sinh hoạt chính trị", layout="wide")
st.title("Tiến độ sinh hoạt chính trị")
if not db_path().exists():
    st.info("Chưa có cơ sở dữ liệu. Hãy chạy: python -m etl init --demo")
    st.stop()
with connect(read_only=True) as con:
    rows = stats(con, "unit")
table = pd.DataFrame(rows).rename(columns={
    "group": "Đơn vị", "cells_held": "Chi bộ đã sinh hoạt", "cells_expected": "Tổng số chi bộ",
    "members_participating": "Đảng viên tham gia", "members_eligible": "Đảng viên phải sinh hoạt",
    "reports_received": "Báo cáo đã nhận", "reports_expected": "Báo cáo phải có",
})
st.caption("Tổng hợp mọi đợt theo đơn vị trực thuộc Tỉnh ủy. Các trang chi tiết đang được xây dựng.")
st.dataframe(table[["Đơn vị", "Chi bộ đã sinh hoạt", "Tổng số chi bộ", "Đảng viên tham gia",
                    "Đảng viên phải sinh hoạt", "Báo cáo đã nhận", "Báo cáo phải có"]], hide_index=True)
