"""The upload page's other two sections: the history of uploads with the rollback of one, and the empty templates."""
import tempfile
from pathlib import Path

import streamlit as st

from common.db import db_path
from common.formats import format_count
from etl.fields import KIND_LABELS, KINDS
from etl.loader import rollback_upload
from etl.store import RollbackRefused
from etl.templates import write_template
from security.accounts import Account
from ui.data import Data
from ui.text import md
from ui.widgets import table

REPORT_COLUMNS = [("unit", "Đơn vị", "text"), ("period", "Đợt", "text"), ("topic", "Chuyên đề", "text"),
                  ("cells_expected", "Tổng số chi bộ", "count"), ("cells_held", "Chi bộ đã sinh hoạt", "count"),
                  ("members_total", "Tổng số đảng viên", "count"), ("members_exempt", "Miễn sinh hoạt", "count"),
                  ("members_participating", "Đảng viên tham gia", "count"),
                  ("report_date", "Ngày báo cáo", "date"), ("note", "Ghi chú", "text")]
TEMPLATE_NAMES = {"reports": "mau-bao-cao", "units": "mau-don-vi", "periods": "mau-dot", "topics": "mau-chuyen-de"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DONE = "rollback_done"


def upload_history(data: Data, account: Account, linked: str | None) -> None:
    """Every upload this account may see, one of them (`linked` from the URL, or the latest) in detail."""
    history = data.uploads()
    if account.role == "unit":     # a unit sees and undoes only what it loaded itself
        history = [row for row in history if row["user_name"] == account.username]
    if not history:
        st.info("Chưa có lần nạp nào." if account.role != "unit" else f"Tài khoản {account.username} chưa nạp lần nào.")
        return
    st.dataframe([history_row(row) for row in history], hide_index=True, width="stretch")
    ids = [row["id"] for row in history]
    start = ids.index(int(linked)) if linked and linked.isdigit() and int(linked) in ids else 0
    chosen = st.selectbox("Xem chi tiết lần nạp", ids, index=start, format_func=lambda i: f"Lần nạp số {i}",
                          key="upload_pick")
    record = next(row for row in history if row["id"] == chosen)
    rows = data.upload_reports(chosen)
    st.markdown(f"**Lần nạp số {chosen}** — {md(record['file_name'])}, {format_count(len(rows))} dòng báo cáo "
                "còn dùng" + (" (hiển thị 1.000 dòng đầu)." if len(rows) == 1000 else "."))
    if rows:
        table(rows, REPORT_COLUMNS)
    for document in data.upload_documents(chosen):
        with st.expander(f"Văn bản gốc: {md(document['file_name'])}"):
            st.caption(f"Mã SHA-256 của tệp: {md(document['sha256'])}")
            st.text(document["text"])
    if not record["rolled_back_at"]:
        sure = st.checkbox(f"Tôi muốn hoàn tác lần nạp số {chosen}: xóa các dòng nó thêm và khôi phục các dòng nó "
                           "đã sửa.", key=f"rollback_sure_{chosen}")
        if st.button("Hoàn tác lần nạp này", disabled=not sure, icon=":material/undo:", key="rollback"):
            roll_back(chosen, account)
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done)


def history_row(row: dict) -> dict:
    undone = row["rolled_back_at"]
    return {"Số": row["id"], "Thời gian": row["created_at"].strftime("%d/%m/%Y %H:%M"), "Người nạp": row["user_name"],
            "Tệp": row["file_name"], "Thêm": row["imported"], "Cập nhật": row["updated"],
            "Không đổi": row["unchanged"], "Bỏ qua": row["skipped"], "Cảnh báo": row["warnings"],
            "Trạng thái": "Đã hoàn tác " + undone.strftime("%d/%m/%Y %H:%M") if undone else "Đang dùng"}


def roll_back(upload_id: int, account: Account) -> None:
    try:
        counts = rollback_upload(upload_id, str(db_path()), account=account)
    except RollbackRefused as refused:
        st.error(f"Không hoàn tác được: {md(refused)}")
        return
    st.session_state[DONE] = (f"Đã hoàn tác lần nạp số {upload_id}: xóa {format_count(counts['removed'])} dòng, "
                              f"khôi phục {format_count(counts['restored'])} dòng.")
    st.rerun()    # the history above was drawn before the rollback; the message waits for the run that redraws it


@st.cache_data
def template_bytes(kind: str, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_template(kind, Path(folder) / f"mau{suffix}").read_bytes()


def template_downloads() -> None:
    for kind in KINDS:
        cols = st.columns([2, 1, 1])
        cols[0].markdown(f"**Tệp {KIND_LABELS[kind]}**")
        cols[1].download_button("CSV", template_bytes(kind, ".csv"), f"{TEMPLATE_NAMES[kind]}.csv", "text/csv",
                                key=f"template_csv_{kind}", icon=":material/download:")
        cols[2].download_button("Excel", template_bytes(kind, ".xlsx"), f"{TEMPLATE_NAMES[kind]}.xlsx", XLSX,
                                key=f"template_xlsx_{kind}", icon=":material/download:")
