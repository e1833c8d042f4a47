"""Nhật ký: who did what and when (logins, uploads, corrections, rollbacks, exports, account changes); admins
only."""
import datetime as dt

import streamlit as st

from common.formats import format_count
from etl.settle import settle_now
from security.audit import ACTIONS, audit_trail, audit_users
from security.store import open_accounts
from ui.exports import data_table
from ui.frame import page
from ui.text import md

COLUMNS = [("happened_at", "Thời gian", "moment"), ("user_name", "Người thực hiện", "text"),
           ("action_name", "Việc", "text"), ("detail", "Chi tiết", "text")]
LIMIT = 10_000

with page(__file__) as (data, _):
    today = dt.date.today()
    st.title("Nhật ký thao tác")
    settle_now(None)   # a load killed between its commit and its audit line still shows here
    with open_accounts() as con:
        users = audit_users(con)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        days = st.date_input("Từ ngày – đến ngày", (today - dt.timedelta(days=30), today), format="DD/MM/YYYY",
                             min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31), key="audit_days")
        user = st.selectbox("Người thực hiện", [None] + users, format_func=lambda u: u or "Mọi người",
                            key="audit_user")
        actions = st.multiselect("Việc", list(ACTIONS), format_func=ACTIONS.get, placeholder="Mọi việc",
                                 key="audit_actions")
    since, until = (days[0], days[-1]) if days else (None, None)
    with open_accounts() as con:
        rows = audit_trail(con, since, until, user, tuple(actions), LIMIT)

    period = f"từ {since:%d/%m/%Y} đến {until:%d/%m/%Y}" if since else "mọi ngày"
    described = ", ".join([period, f"người thực hiện: {user}" if user else "mọi người",
                           "việc: " + "; ".join(ACTIONS[a] for a in actions) if actions else "mọi việc"])
    st.caption(f"{format_count(len(rows))} dòng, {md(described)}"
               + (f" (chỉ hiện {format_count(LIMIT)} dòng mới nhất)" if len(rows) == LIMIT else "") + ".")
    if not rows:
        st.info("Không có dòng nào khớp bộ lọc.")
        st.stop()
    data_table(rows, COLUMNS, data, None, title="Nhật ký thao tác", file_stem="nhat-ky", key="audit_table",
               caption=f"Nhật ký thao tác: {described}",
               column_config={"Thời gian": st.column_config.TextColumn(width=150),
                              "Người thực hiện": st.column_config.TextColumn(width=130),
                              "Việc": st.column_config.TextColumn(width=170),
                              "Chi tiết": st.column_config.TextColumn(width=900)})
