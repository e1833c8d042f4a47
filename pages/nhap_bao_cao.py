"""Nhập báo cáo: check files with a dry run, then load them; upload history with rollback; empty templates.

The page calls the same loader as `python -m etl load`; it only saves the uploaded bytes and shows the summary."""
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.labels import WHOLE_OCCASION
from etl.fields import KIND_LABELS, KINDS, header_label
from etl.loader import LoadOptions, load_files, rollback_upload, shown_name
from etl.problems import without_file_name
from etl.reverts import shown
from etl.readers import MAX_BYTES, FileProblem, preview, read_table
from common.db import db_path
from etl.scratch import scratch_dir
from etl.store import RollbackRefused
from etl.templates import write_template
from common.formats import format_count, format_decimal
from ui.auth import current
from ui.filters import show_view
from ui.frame import page
from ui.text import md
from ui.widgets import table


@contextmanager
def on_disk(files):
    """The uploaded bytes on disk under temporary names for this script run only: no report file outlives the
    run in the server's temporary folder (a killed server's leftovers go at the next start, etl.scratch). The
    loader shows the original names."""
    with tempfile.TemporaryDirectory(prefix="upload-", dir=scratch_dir()) as folder:
        paths = []
        for index, file in enumerate(files):
            path = Path(folder) / f"{index}{Path(file.name).suffix.lower()}"
            path.write_bytes(file.getvalue())
            paths.append((str(path), file.name))
        yield paths


def show_preview(path: str, name: str, kind: str | None) -> None:
    try:
        found = read_table(path, kind, name)
    except FileProblem as problem:
        st.error(f"**{md(name)}**: {md(without_file_name(str(problem), name))}"
                 + (f" {PAGE_HINTS[problem.hint]}" if problem.hint else ""))
        return
    try:
        rows = preview(found, 8)
    finally:
        if found.temp_path:
            os.unlink(found.temp_path)
    header = found.header
    st.markdown(f"**{md(name)}** — nhận là tệp **{KIND_LABELS[header.kind]}**, tiêu đề ở dòng "
                f"{header.row_index + 1}{'–' + str(header.row_index + 2) if header.row_count == 2 else ''}.")
    mapping = [{"Cột trong tệp": md(header.labels[i] or f"(cột {i + 1})"),
                "Hiểu là": header_label(header.kind, header.fields[i]) if i in header.fields
                else ("bỏ qua (số thứ tự, tỷ lệ)" if i in header.ignored else "không dùng")}
               for i in range(len(header.labels))]
    left, right = st.columns([2, 3])
    left.table(pd.DataFrame(mapping), hide_index=True)   # wraps: every header read in full
    labels = [f"{header.labels[i] or i + 1}" for i in range(len(header.labels))]
    unique = [label if labels.count(label) == 1 else f"{label} ({i + 1})" for i, label in enumerate(labels)]
    right.dataframe([dict(zip(unique, row + [None] * (len(unique) - len(row)))) for row in rows],
                    hide_index=True, width="stretch")


def show_summary(summary) -> None:
    if summary.needs_confirmation:
        st.warning("Tệp không có lỗi, nhưng đưa một số số liệu về giá trị cũ, thay cho số các lần nạp sau đã sửa "
                   "(danh sách dưới đây), nên cần xác nhận. Chưa ghi gì vào cơ sở dữ liệu. Nếu đúng là muốn dùng "
                   "lại số cũ, hãy đánh dấu ô đồng ý ở trên rồi bấm “Kiểm tra thử” lại.", icon=":material/undo:")
    else:
        status = {"committed": st.success, "dry-run": st.info, "rejected": st.error}[summary.status]
        status({"committed": f"Đã nạp xong, lần nạp số {summary.upload_id}.",
                "dry-run": "Kiểm tra thử xong: không có lỗi. Chưa ghi gì vào cơ sở dữ liệu.",
                "rejected": f"Có {format_count(summary.error_count)} lỗi, không ghi gì vào cơ sở dữ liệu. "
                            "Hãy sửa tệp theo hướng dẫn dưới đây rồi tải lên lại."}[summary.status])
    cards = st.columns(4)
    for card, (key, label) in zip(cards, (("imported", "Dòng thêm mới"), ("updated", "Dòng cập nhật"),
                                          ("unchanged", "Dòng không đổi"), ("skipped", "Dòng bỏ qua"))):
        card.metric(label, format_count(getattr(summary, key)), border=True)
    st.dataframe([{"Tệp": f.file, "Loại": KIND_LABELS.get(f.kind, ""), "Thêm": f.imported, "Cập nhật": f.updated,
                   "Không đổi": f.unchanged, "Bỏ qua": f.skipped} for f in summary.files], hide_index=True)
    if summary.reverts:
        st.markdown(f"**Số liệu sẽ đưa về giá trị cũ** ({format_count(len(summary.reverts))})")
        st.dataframe([{"Đơn vị": r.unit, "Đợt": r.period, "Chuyên đề": r.topic or WHOLE_OCCASION, "Cột": r.column,
                       "Đang là": shown(r.current), "Tệp ghi": shown(r.incoming),
                       "Số đang dùng do": f"lần nạp số {r.upload_id} ({r.file_name}, {r.uploaded_at:%d/%m/%Y})",
                       "Lý do": r.reason} for r in summary.reverts], hide_index=True, width="stretch")
    problems = [("Lỗi", summary.errors, summary.error_count, "Cần sửa"),
                ("Cảnh báo", summary.warnings, len(summary.warnings), "Cần xem lại"),
                ("Dòng bỏ qua", summary.skipped_rows, summary.skipped, "Lý do")]
    for title, items, count, what in problems:
        if items:
            st.markdown(f"**{title}** ({format_count(count)})")
            # a static table wraps long messages at any width; a data grid would cut them
            st.table(pd.DataFrame([{"Tệp": md(p.file), "Dòng": "" if p.row is None else str(p.row),
                                    "Cột": md(p.column or ""), "Giá trị": md(p.value or ""),
                                    what: md(p.message) + (f" {PAGE_HINTS[p.hint]}" if p.hint else "")}
                                   for p in items]), hide_index=True)


def show_loaded(summary) -> None:
    """After a load, a way to the figures it brought: its occasions, under the unit its reports belong to."""
    if summary.status != "committed" or not summary.periods:
        return
    owners = {p["code"]: p["plan_code"] for p in data.periods()}
    plans = {owners.get(code) for code in summary.periods}
    parent = summary.parents[0] if len(summary.parents) == 1 else account.scope
    if account.scope and parent not in data.subtree(account.scope):   # a unit sees no higher than its own unit
        parent = account.scope
    names = {p["code"]: p["name"] for p in data.periods()}
    label = ", ".join(names.get(code, code) for code in summary.periods[:4]) + ("…" if len(summary.periods) > 4 else "")
    st.button(f"Xem số liệu vừa nạp: {md(label)}", icon=":material/bar_chart:", key="upload_show", type="primary",
              on_click=go_to_loaded, args=(plans.pop() if len(plans) == 1 else None, summary.periods, parent))


def go_to_loaded(plan, periods, parent) -> None:
    show_view(plan, periods, parent)
    st.session_state.upload_go = True


def run_load(files, kind, dry_run: bool, allow_revert: bool = False):
    bar = st.progress(0.0, "Đang bắt đầu…")
    summary = load_files(files, LoadOptions(db=str(db_path()), kind=kind, dry_run=dry_run, account=account,
                                            allow_revert=allow_revert,
                                            progress=lambda done, text: bar.progress(min(done, 1.0), md(text))))
    bar.empty()
    return summary


with page(__file__) as (data, view):
    account = current()
    st.title("Nhập báo cáo")
    SECTIONS = {"load": "Nạp tệp", "history": "Lịch sử nạp", "templates": "Tệp mẫu"}
    PAGE_HINTS = {"template": "Tải tệp mẫu có sẵn tiêu đề cột ở mục “Tệp mẫu” phía trên trang này."}
    linked = st.query_params.get("lan_nap")
    section = st.segmented_control("Mục", list(SECTIONS), format_func=SECTIONS.get, key="upload_section",
                                   default="history" if linked else "load", label_visibility="collapsed") or "load"

    if section == "load":
        st.caption(f"Chọn một hoặc nhiều tệp CSV hoặc Excel (mỗi tệp tối đa {format_decimal(MAX_BYTES / 1048576, 0)} MB). "
                   "Bấm “Kiểm tra thử” để xem trước kết quả; chỉ khi không có lỗi mới nạp được. "
                   "Một tệp có lỗi thì không dòng nào được ghi.")
        if account.scope:
            st.info(f"Tài khoản {account.username} chỉ nạp được báo cáo của {md(data.ancestors(account.scope)[-1]['name'])} "
                    "và các đơn vị trực thuộc.", icon=":material/lock:")
        elif not account.can_load_catalogue:
            st.info("Danh mục đơn vị, đợt, chuyên đề do quản trị nạp; tài khoản này nạp báo cáo.", icon=":material/lock:")
        offered = list(KINDS) if account.can_load_catalogue else ["reports"]
        kind = st.selectbox("Loại tệp", [None] + offered, key="upload_kind",
                            format_func=lambda k: "Tự nhận biết theo tiêu đề cột" if k is None else KIND_LABELS[k].capitalize())
        round_ = st.session_state.setdefault("upload_round", 0)
        # no type filter: the loader explains in Vietnamese why a file it cannot read was refused
        uploaded = st.file_uploader("Tệp báo cáo", accept_multiple_files=True, key=f"upload_files_{round_}")
        result = st.session_state.get("upload_result")
        if uploaded:
            with on_disk(uploaded) as files:   # removed when the run ends, a rerun included
                with st.expander("Xem trước các cột và dòng đầu", expanded=True):
                    for path, name in files:
                        show_preview(path, name, kind)
                # what the page remembers (files left out, the last result) holds for this choice of files only
                batch = (tuple(sorted(f.file_id for f in uploaded)), kind)
                kept = st.session_state.get("upload_left_out")
                left_out = kept[1] if kept and kept[0] == batch else frozenset()
                files = [(path, name) for path, name in files if shown_name(name) not in left_out]
                if left_out:
                    st.info(f"Đang để riêng {len(left_out)} tệp có lỗi: {md(', '.join(sorted(left_out)))}. Chỉ kiểm tra và "
                            f"nạp {len(files)} tệp còn lại.", icon=":material/filter_alt:")
                    st.button("Kiểm tra lại cả các tệp đã để riêng", key="upload_take_back", icon=":material/undo:",
                              on_click=st.session_state.pop, args=("upload_left_out", None))
                this_result = result if st.session_state.get("upload_result_for") == (batch, left_out) else None
                allow_revert = False
                if this_result and this_result.reverts:
                    allow_revert = st.checkbox("Tôi đồng ý đưa các số liệu trong danh sách “Số liệu sẽ đưa về giá trị cũ” "
                                               "về giá trị trong tệp, thay cho số đã được sửa ở các lần nạp sau.",
                                               key="upload_allow_revert")
                signature = (batch, left_out, allow_revert)
                checked = st.session_state.get("upload_checked")
                ready = checked is not None and checked == (signature, True)
                buttons = st.container(horizontal=True)
                # buttons only set the action; the load runs below, where its progress bar belongs
                buttons.button("Kiểm tra thử", icon=":material/fact_check:", key="upload_dry_run",
                               on_click=st.session_state.update, kwargs={"upload_action": "dry-run"})
                buttons.button("Nạp vào cơ sở dữ liệu", type="primary", icon=":material/upload:", disabled=not ready,
                               key="upload_commit", on_click=st.session_state.update, kwargs={"upload_action": "commit"},
                               help=None if ready else "Hãy kiểm tra thử trước; chỉ nạp được khi không có lỗi.")
                action = st.session_state.pop("upload_action", None)
                if action == "dry-run":
                    summary = run_load(files, kind, dry_run=True, allow_revert=allow_revert)
                    st.session_state.upload_checked = (signature, summary.status == "dry-run")
                    st.session_state.upload_result, st.session_state.upload_result_for = summary, (batch, left_out)
                    st.rerun()    # draws the commit button enabled
                if action == "commit" and ready:
                    summary = run_load(files, kind, dry_run=False, allow_revert=allow_revert)
                    st.session_state.upload_result = summary
                    st.session_state.upload_checked = None
                    if summary.status == "committed":
                        st.session_state.upload_round = round_ + 1    # a fresh, empty uploader
                    st.rerun()
                blocking = ({f.file for f in this_result.files if f.errors}
                            if this_result and this_result.status == "rejected" else set())
                if blocking and len(blocking) < len(files):
                    st.warning(f"Các tệp có lỗi làm cả lần nạp không được ghi: {md(', '.join(sorted(blocking)))}. Có thể "
                               f"để riêng các tệp này và kiểm tra thử {len(files) - len(blocking)} tệp còn lại.")
                    st.button("Để riêng các tệp có lỗi", icon=":material/filter_alt:", key="upload_leave_out",
                              on_click=st.session_state.update,
                              kwargs={"upload_left_out": (batch, left_out | frozenset(blocking))})
        if result:
            show_summary(result)
            show_loaded(result)
        if st.session_state.pop("upload_go", False):
            st.switch_page("pages/theo_don_vi.py")

    elif section == "history":
        history = data.uploads()
        if account.role == "unit":     # a unit sees and undoes only what it loaded itself
            history = [row for row in history if row["user_name"] == account.username]
        if not history:
            st.info("Chưa có lần nạp nào." if account.role != "unit" else f"Tài khoản {account.username} chưa nạp lần nào.")
            st.stop()
        listing = [{"Số": row["id"], "Thời gian": row["created_at"].strftime("%d/%m/%Y %H:%M"), "Người nạp": row["user_name"],
                  "Tệp": row["file_name"], "Thêm": row["imported"], "Cập nhật": row["updated"],
                  "Không đổi": row["unchanged"], "Bỏ qua": row["skipped"], "Cảnh báo": row["warnings"],
                  "Trạng thái": "Đã hoàn tác " + row["rolled_back_at"].strftime("%d/%m/%Y %H:%M")
                  if row["rolled_back_at"] else "Đang dùng"} for row in history]
        st.dataframe(listing, hide_index=True, width="stretch")
        ids = [row["id"] for row in history]
        chosen = st.selectbox("Xem chi tiết lần nạp", ids, index=ids.index(int(linked)) if linked and linked.isdigit()
                              and int(linked) in ids else 0, format_func=lambda i: f"Lần nạp số {i}", key="upload_pick")
        record = next(row for row in history if row["id"] == chosen)
        rows = data.upload_reports(chosen)
        st.markdown(f"**Lần nạp số {chosen}** — {md(record['file_name'])}, {format_count(len(rows))} dòng báo cáo còn dùng"
                    + (" (hiển thị 1.000 dòng đầu)." if len(rows) == 1000 else "."))
        if rows:
            table(rows, [("unit", "Đơn vị", "text"), ("period", "Đợt", "text"), ("topic", "Chuyên đề", "text"),
                         ("cells_expected", "Tổng số chi bộ", "count"), ("cells_held", "Chi bộ đã sinh hoạt", "count"),
                         ("members_total", "Tổng số đảng viên", "count"), ("members_exempt", "Miễn sinh hoạt", "count"),
                         ("members_participating", "Đảng viên tham gia", "count"),
                         ("report_date", "Ngày báo cáo", "date"), ("note", "Ghi chú", "text")])
        if not record["rolled_back_at"]:
            sure = st.checkbox(f"Tôi muốn hoàn tác lần nạp số {chosen}: xóa các dòng nó thêm và khôi phục các dòng nó đã sửa.",
                               key=f"rollback_sure_{chosen}")
            st.button("Hoàn tác lần nạp này", disabled=not sure, icon=":material/undo:", key="rollback",
                      on_click=st.session_state.update, kwargs={"upload_action": ("rollback", chosen)})
            if st.session_state.pop("upload_action", None) == ("rollback", chosen):
                try:
                    counts = rollback_upload(chosen, str(db_path()), account=account)
                except RollbackRefused as refused:
                    st.error(f"Không hoàn tác được: {md(refused)}")
                else:
                    st.session_state.rollback_done = (f"Đã hoàn tác lần nạp số {chosen}: xóa {format_count(counts['removed'])} "
                                                      f"dòng, khôi phục {format_count(counts['restored'])} dòng.")
                    st.rerun()
        done = st.session_state.pop("rollback_done", None)
        if done:
            st.success(done)

    else:
        st.caption("Tệp mẫu có sẵn tiêu đề cột đúng chuẩn. Các tệp có tiêu đề khác (viết tắt, thêm dòng tiêu đề, "
                   "gộp ô) vẫn nạp được; tệp mẫu chỉ giúp đơn vị mới bắt đầu.")

        @st.cache_data
        def template_bytes(kind: str, suffix: str) -> bytes:
            with tempfile.TemporaryDirectory() as folder:
                return write_template(kind, Path(folder) / f"mau{suffix}").read_bytes()

        names = {"reports": "mau-bao-cao", "units": "mau-don-vi", "periods": "mau-dot", "topics": "mau-chuyen-de"}
        for kind in KINDS:
            cols = st.columns([2, 1, 1])
            cols[0].markdown(f"**Tệp {KIND_LABELS[kind]}**")
            cols[1].download_button("CSV", template_bytes(kind, ".csv"), f"{names[kind]}.csv", "text/csv",
                                    key=f"template_csv_{kind}", icon=":material/download:")
            cols[2].download_button("Excel", template_bytes(kind, ".xlsx"), f"{names[kind]}.xlsx",
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    key=f"template_xlsx_{kind}", icon=":material/download:")
