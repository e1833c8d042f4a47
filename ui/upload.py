"""The upload page's load section: the chosen files on disk and previewed, the dry run, the load, its summary and
the way to the figures it brought. The page calls the same loader as `python -m etl load`."""
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.labels import WHOLE_OCCASION
from common.db import db_path
from common.formats import format_count
from etl.fields import KIND_LABELS, header_label
from etl.loader import LoadOptions, Summary, load_files, shown_name
from etl.problems import without_file_name
from etl.readers import FileProblem, preview, read_table
from etl.reverts import shown
from etl.scratch import scratch_dir
from security.accounts import Account
from ui.data import Data
from ui.filters import show_view
from ui.registry import page_of
from ui.text import md
from ui.upload_state import Batch, LoadState, keep, keep_batch, leave_out, take_back

PAGE_HINTS = {"template": "Tải tệp mẫu có sẵn tiêu đề cột ở mục “Tệp mẫu” phía trên trang này."}
CARDS = (("imported", "Dòng thêm mới"), ("updated", "Dòng cập nhật"), ("unchanged", "Dòng không đổi"),
         ("skipped", "Dòng bỏ qua"))


def scope_note(data: Data, account: Account) -> None:
    """What this account may load, when it may not load everything."""
    if account.scope:
        st.info(f"Tài khoản {account.username} chỉ nạp được báo cáo của "
                f"{md(data.ancestors(account.scope)[-1]['name'])} và các đơn vị trực thuộc.", icon=":material/lock:")
    elif not account.can_load_catalogue:
        st.info("Danh mục đơn vị, đợt, chuyên đề do quản trị nạp; tài khoản này nạp báo cáo.", icon=":material/lock:")


def check_and_load(uploaded: list, kind: str | None, state: LoadState, account: Account) -> None:
    """The chosen files previewed, then a dry run of them, then their load once a dry run found no error."""
    batch = state.batch_of([f.file_id for f in uploaded], kind)
    with on_disk(uploaded) as files:   # removed when the run ends, a rerun included
        with st.expander("Xem trước các cột và dòng đầu", expanded=True):
            for path, name in files:
                show_preview(path, name, kind)
        files = [(path, name) for path, name in files if shown_name(name) not in batch.left_out]
        if batch.left_out:
            st.info(f"Đang để riêng {len(batch.left_out)} tệp có lỗi: {md(', '.join(sorted(batch.left_out)))}. "
                    f"Chỉ kiểm tra và nạp {len(files)} tệp còn lại.", icon=":material/filter_alt:")
            st.button("Kiểm tra lại cả các tệp đã để riêng", key="upload_take_back", icon=":material/undo:",
                      on_click=take_back, args=(batch,))
        result = batch.result()
        allow_revert = bool(result and result.reverts) and st.checkbox(
            "Tôi đồng ý đưa các số liệu trong danh sách “Số liệu sẽ đưa về giá trị cũ” về giá trị trong tệp, thay "
            "cho số đã được sửa ở các lần nạp sau.", key="upload_allow_revert")
        ready = batch.ready_to_commit(allow_revert)
        buttons = st.container(horizontal=True)
        check = buttons.button("Kiểm tra thử", icon=":material/fact_check:", key="upload_dry_run")
        load = buttons.button("Nạp vào cơ sở dữ liệu", type="primary", icon=":material/upload:", disabled=not ready,
                              key="upload_commit",
                              help=None if ready else "Hãy kiểm tra thử trước; chỉ nạp được khi không có lỗi.")
        # the loader runs below both buttons, where its progress bar belongs
        if check:
            dry_run(files, batch, allow_revert, account)
        if load and ready:
            commit(files, batch, allow_revert, account, state)
        blocking = batch.blocking()
        if blocking and len(blocking) < len(files):
            st.warning(f"Các tệp có lỗi làm cả lần nạp không được ghi: {md(', '.join(sorted(blocking)))}. Có thể "
                       f"để riêng các tệp này và kiểm tra thử {len(files) - len(blocking)} tệp còn lại.")
            st.button("Để riêng các tệp có lỗi", icon=":material/filter_alt:", key="upload_leave_out",
                      on_click=leave_out, args=(batch,))


def dry_run(files, batch: Batch, allow_revert: bool, account: Account) -> None:
    summary = run_load(files, batch.kind, account, dry_run=True, allow_revert=allow_revert)
    keep_batch(batch.checked(summary, allow_revert))
    st.rerun()    # the buttons above were drawn before the check: the commit button may be enabled now


def commit(files, batch: Batch, allow_revert: bool, account: Account, state: LoadState) -> None:
    summary = run_load(files, batch.kind, account, dry_run=False, allow_revert=allow_revert)
    went_in = summary.status == "committed"
    keep(LoadState(state.uploader_round + 1 if went_in else state.uploader_round, batch.checked(summary, allow_revert)))
    st.rerun()    # a load that went in leaves a fresh, empty uploader; one that did not, a disabled commit button


def run_load(files, kind: str | None, account: Account, dry_run: bool, allow_revert: bool) -> Summary:
    bar = st.progress(0.0, "Đang bắt đầu…")
    summary = load_files(files, LoadOptions(db=str(db_path()), kind=kind, dry_run=dry_run, account=account,
                                            allow_revert=allow_revert,
                                            progress=lambda done, text: bar.progress(min(done, 1.0), md(text))))
    bar.empty()
    return summary


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


def with_hint(message: str, hint: str | None) -> str:
    return message + (f" {PAGE_HINTS[hint]}" if hint else "")


def show_preview(path: str, name: str, kind: str | None) -> None:
    try:
        found = read_table(path, kind, name)
    except FileProblem as problem:
        st.error(f"**{md(name)}**: " + with_hint(md(without_file_name(str(problem), name)), problem.hint))
        return
    try:
        rows = preview(found, 8)
    finally:
        if found.temp_path:
            os.unlink(found.temp_path)
    header = found.header
    second = f"–{header.row_index + 2}" if header.row_count == 2 else ""
    st.markdown(f"**{md(name)}** — nhận là tệp **{KIND_LABELS[header.kind]}**, tiêu đề ở dòng "
                f"{header.row_index + 1}{second}.")
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


def show_summary(summary: Summary, fix: str = "Hãy sửa tệp theo hướng dẫn dưới đây rồi tải lên lại.") -> None:
    if summary.needs_confirmation:
        st.warning("Tệp không có lỗi, nhưng đưa một số số liệu về giá trị cũ, thay cho số các lần nạp sau đã sửa "
                   "(danh sách dưới đây), nên cần xác nhận. Chưa ghi gì vào cơ sở dữ liệu. Nếu đúng là muốn dùng "
                   "lại số cũ, hãy đánh dấu ô đồng ý ở trên rồi bấm “Kiểm tra thử” lại.", icon=":material/undo:")
    else:
        status = {"committed": st.success, "dry-run": st.info, "rejected": st.error}[summary.status]
        status({"committed": f"Đã nạp xong, lần nạp số {summary.upload_id}.",
                "dry-run": "Kiểm tra thử xong: không có lỗi. Chưa ghi gì vào cơ sở dữ liệu.",
                "rejected": f"Có {format_count(summary.error_count)} lỗi, không ghi gì vào cơ sở dữ liệu. "
                            + fix}[summary.status])
    for card, (key, label) in zip(st.columns(4), CARDS):
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
                                    what: with_hint(md(p.message), p.hint)} for p in items]), hide_index=True)


def loaded_figures_button(summary: Summary, data: Data, account: Account) -> None:
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
    # the filters move in the callback, before the sidebar is drawn again; then the page changes
    if st.button(f"Xem số liệu vừa nạp: {md(label)}", icon=":material/bar_chart:", key="upload_show", type="primary",
                 on_click=show_view, args=(plans.pop() if len(plans) == 1 else None, summary.periods, parent)):
        st.switch_page(page_of("theo_don_vi").file)
