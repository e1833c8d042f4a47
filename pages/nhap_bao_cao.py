"""Nhập báo cáo: check files with a dry run, then load them; narrative documents read into rows a person checks;
upload history with rollback and the documents kept; empty templates.

The page calls the same loader as `python -m etl load` (ui.upload); it only saves the uploaded bytes and shows the
summary. What the load section remembers between reruns is one LoadState (ui.upload_state)."""
import streamlit as st

from common.formats import format_decimal
from etl.fields import KIND_LABELS, KINDS
from etl.readers import MAX_BYTES
from ui.auth import current
from ui.documents import documents_section
from ui.frame import page
from ui.upload import check_and_load, loaded_figures_button, scope_note, show_summary
from ui.upload_history import template_downloads, upload_history
from ui.upload_state import load_state

SECTIONS = {"load": "Nạp tệp", "documents": "Đọc văn bản", "history": "Lịch sử nạp", "templates": "Tệp mẫu"}
LOAD_HELP = (f"Chọn một hoặc nhiều tệp CSV hoặc Excel (mỗi tệp tối đa {format_decimal(MAX_BYTES / 1048576, 0)} MB). "
             "Bấm “Kiểm tra thử” để xem trước kết quả; chỉ khi không có lỗi mới nạp được. "
             "Một tệp có lỗi thì không dòng nào được ghi.")
TEMPLATES_HELP = ("Tệp mẫu có sẵn tiêu đề cột đúng chuẩn. Các tệp có tiêu đề khác (viết tắt, thêm dòng tiêu đề, "
                  "gộp ô) vẫn nạp được; tệp mẫu chỉ giúp đơn vị mới bắt đầu.")


def kind_name(kind: str | None) -> str:
    return "Tự nhận biết theo tiêu đề cột" if kind is None else KIND_LABELS[kind].capitalize()


with page(__file__) as (data, view):
    account = current()
    st.title("Nhập báo cáo")
    linked = st.query_params.get("lan_nap")     # the data quality page links to one upload in the history
    section = st.segmented_control("Mục", list(SECTIONS), format_func=SECTIONS.get, key="upload_section",
                                   default="history" if linked else "load", label_visibility="collapsed") or "load"

    if section == "load":
        st.caption(LOAD_HELP)
        scope_note(data, account)
        offered = list(KINDS) if account.can_load_catalogue else ["reports"]
        kind = st.selectbox("Loại tệp", [None] + offered, format_func=kind_name, key="upload_kind")
        state = load_state()
        # no type filter: the loader explains in Vietnamese why a file it cannot read was refused
        uploaded = st.file_uploader("Tệp báo cáo", accept_multiple_files=True,
                                    key=f"upload_files_{state.uploader_round}")
        if uploaded:
            check_and_load(uploaded, kind, state, account)
        if state.shown:
            show_summary(state.shown)
            loaded_figures_button(state.shown, data, account)

    elif section == "documents":
        scope_note(data, account)
        documents_section(data, account)

    elif section == "history":
        upload_history(data, account, linked)

    else:
        st.caption(TEMPLATES_HELP)
        template_downloads()
