"""Xuất báo cáo: the Word report (and its PDF) for the view in the sidebar; the issuing body is filled in once."""
import datetime as dt
import time
from pathlib import Path

import streamlit as st

from analytics import report
from analytics.images import ExportError
from analytics.pdf import docx_to_pdf, warm_up
from common.formats import format_count, format_decimal
from security.audit import Exported, SettingsChanged, log
from ui.auth import current
from ui.exports import renderer
from ui.frame import page
from ui.text import md
from ui.widgets import header

EXAMPLES = {"upper_body": "TỈNH ỦY SƠN HÀ", "issuer": "BAN TUYÊN GIÁO VÀ DÂN VẬN", "number": "-BC/BTGDVTU",
            "place": "Sơn Hà", "signer_for": "K/T TRƯỞNG BAN", "signer_title": "PHÓ TRƯỞNG BAN",
            "signer_name": "Nguyễn Văn A"}


def save_settings(path: Path) -> None:
    state = st.session_state
    chosen = report.ReportSettings(**{name: state[f"rs_{name}"].strip() for name in report.ReportSettings.LABELS},
                                   recipients=[line.strip(" -") for line in state.rs_recipients.splitlines()
                                               if line.strip(" -")])
    chosen.save(path)
    log(None, current().username, SettingsChanged(chosen.summary()))
    state.settings_saved = True


def build_report() -> None:
    st.session_state.report_action = True


with page(__file__) as (data, view):
    header("Xuất báo cáo", view)
    warm_up()        # LibreOffice and the browser start while the user reads the page, not after the click
    renderer().start_soon()
    path = report.settings_path()
    settings = report.ReportSettings.load(path)

    with st.container(horizontal=True, vertical_alignment="bottom"):
        day = st.date_input("Ngày ký báo cáo", view.today, format="DD/MM/YYYY", key="report_day",
                            min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
        annex = st.checkbox("Kèm phụ lục biểu đồ của từng đơn vị trực thuộc", key="report_annex")
        st.button("Tạo báo cáo", type="primary", on_click=build_report, icon=":material/description:")
    st.caption("Báo cáo gồm phần mở đầu, kết quả chung, bảng và biểu đồ theo đơn vị, theo đợt, theo chuyên đề, tình "
               "hình gửi báo cáo, đề xuất, nơi nhận và chữ ký; số liệu theo bộ lọc ở thanh bên.")

    wanted = (view, day, annex, settings)
    if st.session_state.pop("report_action", False):
        started = time.perf_counter()
        result = {"for": wanted}
        with st.status("Đang tạo báo cáo…", expanded=True) as status:
            try:
                st.write("Tổng hợp số liệu và vẽ biểu đồ")
                built = report.build(data.cursor, view, settings, renderer(), annex=annex, today=day)
                result |= {"docx": built.docx, "charts": len(built.charts), "text": built.text}
                st.write("Chuyển sang PDF")
                result["pdf"] = docx_to_pdf(built.docx)
            except ExportError as problem:
                result["problem"] = str(problem)
            result["seconds"] = time.perf_counter() - started
            if "docx" in result:
                log(None, current().username, Exported(f"báo cáo {report.file_name(view, 'docx')}"
                                                       + (" và PDF" if "pdf" in result else ""), view.caption()))
            status.update(label="Đã tạo báo cáo" if "pdf" in result else "Báo cáo chưa tạo đủ",
                          state="complete" if "pdf" in result else "error", expanded=False)
        st.session_state.report_result = result

    result = st.session_state.get("report_result")
    if result and result["for"] == wanted:
        if result.get("problem"):
            st.error(md(result["problem"]))
        if "docx" in result:
            st.success(f"Báo cáo có {format_count(result['charts'])} biểu đồ, tạo trong "
                       f"{format_decimal(result['seconds'])} giây.")
            with st.container(horizontal=True):
                st.download_button("Tải Word (.docx)", result["docx"], file_name=report.file_name(view, "docx"),
                                   mime=report.DOCX_MIME, icon=":material/download:", on_click="ignore")
                if "pdf" in result:
                    st.download_button("Tải PDF", result["pdf"], file_name=report.file_name(view, "pdf"),
                                       mime="application/pdf", icon=":material/download:", on_click="ignore")
            st.subheader("Nội dung chính")
            for section in result["text"].values():
                for sentence in section:
                    st.markdown(md(sentence))   # the report's sentences carry unit and occasion names
    elif result:
        st.info("Bộ lọc hoặc thông tin đã đổi; bấm “Tạo báo cáo” để tạo lại.")

    missing = settings.missing()
    with st.expander("Thông tin cơ quan ban hành" + (f" — còn thiếu {len(missing)} mục" if missing else ""),
                     expanded=bool(missing), icon=":material/badge:"):
        st.caption("Nhập một lần; mọi báo cáo sau dùng lại. Thông tin lưu cạnh cơ sở dữ liệu.")
        with st.form("report_settings", border=False):
            columns = st.columns(2)
            for index, (name, label) in enumerate(report.ReportSettings.LABELS.items()):
                columns[index % 2].text_input(label, getattr(settings, name), key=f"rs_{name}",
                                              placeholder=f"Ví dụ: {EXAMPLES[name]}")
            st.text_area("Nơi nhận (mỗi dòng một nơi)", "\n".join(settings.recipients), key="rs_recipients", height=110)
            st.form_submit_button("Lưu thông tin", on_click=save_settings, args=(path,), icon=":material/save:")
    if st.session_state.pop("settings_saved", False):
        st.success("Đã lưu thông tin cơ quan ban hành.")
    elif missing:
        st.warning("Chưa nhập: " + ", ".join(missing) + ". Báo cáo vẫn tạo được, các chỗ này để trống để điền tay.")
