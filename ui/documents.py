"""The upload page's way in for narrative documents: Word, PDF, scans or pasted text read into proposed rows, shown
beside the document's text in an editable grid, and loaded through the same loader as files once a person has
checked them, as one upload that keeps the document."""
import hashlib
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from common.db import db_path
from common.text import fold
from etl.documents import DocumentText, pasted, read_document
from etl.extract import COUNTS, propose
from etl.loader import LoadOptions, Summary, load_files
from etl.mentions import Catalogue
from etl.proposals import WORDS, SourceDocument, write_files
from etl.readers import MAX_BYTES, FileProblem
from etl.resolve import Lookup
from etl.scratch import scratch_dir
from security.accounts import Account
from ui.text import md

KEY = "documents_state"
MAX_PASTED = 300_000          # characters: a 60-page report holds about 150.000
COLUMNS = {"cells_expected": "Tổng số chi bộ", "cells_held": "Chi bộ đã sinh hoạt",
           "members_total": "Tổng số đảng viên", "members_exempt": "Miễn sinh hoạt",
           "members_participating": "Đảng viên tham gia"}
QUALIFIER_WORDS = {"": "đúng số", **WORDS}                 # qualifier -> word; "" is exact
HELP = ("Chọn văn bản báo cáo hoặc kế hoạch (Word .docx/.doc, PDF, ảnh quét .png/.jpg, .txt), hoặc dán nội dung. "
        "Máy chỉ đề xuất các dòng số liệu; hãy đối chiếu với văn bản, sửa nếu cần, rồi mới nạp. Không có gì được "
        "ghi khi chưa bấm “Nạp các dòng đã kiểm tra”.")


@dataclass(frozen=True)
class Read:
    """One document read: its text and what it proposes."""
    name: str
    sha256: str
    document: DocumentText
    proposal: dict


@dataclass(frozen=True)
class DocumentsState:
    round: int = 0                                  # a new uploader and text box after each load
    read: tuple[Read, ...] = ()
    problems: tuple[str, ...] = ()
    summary: Summary | None = None
    dry_run: bool = False


def documents_state() -> DocumentsState:
    return st.session_state.get(KEY, DocumentsState())


def keep(state: DocumentsState) -> None:
    st.session_state[KEY] = state


def documents_section(data, account: Account) -> None:
    st.caption(HELP)
    state = documents_state()
    files = st.file_uploader("Văn bản báo cáo, kế hoạch", accept_multiple_files=True,
                             key=f"documents_files_{state.round}")
    text = st.text_area("Hoặc dán nội dung văn bản vào đây", key=f"documents_text_{state.round}", height=140,
                        max_chars=MAX_PASTED)
    if st.button("Đọc văn bản", icon=":material/document_scanner:", key="documents_read",
                 disabled=not files and not text.strip()):
        keep(read_all(files or [], text, data.catalogue(), account))
        state = documents_state()
    for problem in state.problems:
        st.error(md(problem))
    for index, read in enumerate(state.read):
        review(index, read, data, account)
    if state.read and any(r.proposal["rows"] or r.proposal.get("plan") for r in state.read):
        buttons = st.container(horizontal=True)
        if buttons.button("Kiểm tra thử", icon=":material/fact_check:", key="documents_dry_run"):
            confirm(state, account, dry_run=True)
        if buttons.button("Nạp các dòng đã kiểm tra", icon=":material/upload:", type="primary",
                          key="documents_load"):
            confirm(state, account, dry_run=False)
    if state.summary is not None:
        from ui.upload import loaded_figures_button, show_summary  # the file section's summary, shared

        show_summary(state.summary)
        loaded_figures_button(state.summary, data, account)


def read_all(files, text: str, known: Catalogue, account: Account) -> DocumentsState:
    """Each chosen file and the pasted text read, with a progress bar while scanned pages are read."""
    bar = st.progress(0.0, "Đang đọc văn bản…")
    read, problems = [], []
    items = [(file.name, file.getvalue()) for file in files] + ([("văn bản dán vào", None)] if text.strip() else [])
    for number, (name, content) in enumerate(items):
        def progress(done: float, what: str, number=number) -> None:
            bar.progress(min((number + done) / len(items), 1.0), md(f"{name}: {what}"))

        progress(0.0, "đang đọc")
        try:
            document = _document(name, content, text, progress)
        except FileProblem as problem:
            problems.append(str(problem))
            continue
        digest = hashlib.sha256(content if content is not None else text.encode()).hexdigest()
        read.append(Read(name, digest, document, propose(document, known, account.scope).as_json()))
    bar.empty()
    return DocumentsState(documents_state().round, tuple(read), tuple(problems))


def _document(name: str, content: bytes | None, text: str, progress) -> DocumentText:
    if content is None:
        return pasted(text)
    if len(content) > MAX_BYTES:
        raise FileProblem(f"{name}: tệp lớn hơn {MAX_BYTES // 1048576} MB. Hãy gửi riêng phần báo cáo.")
    with tempfile.TemporaryDirectory(prefix="van-ban-", dir=scratch_dir()) as folder:
        path = Path(folder) / f"van_ban{Path(name).suffix.lower()}"
        path.write_bytes(content)
        return read_document(path, name, progress)


def review(index: int, read: Read, data, account: Account) -> None:
    """The document's text beside its proposed rows, editable; the sources with their figures marked."""
    proposal = read.proposal
    st.subheader(md(read.name), divider="gray")
    if read.document.doubtful_pages:
        pages = ", ".join(str(p) for p in read.document.doubtful_pages)
        st.warning(f"Trang {pages} đọc từ ảnh quét với độ tin cậy thấp: hãy đối chiếu từng số với bản gốc.",
                   icon=":material/warning:")
    left, right = st.columns(2)
    with left.container(height=380, border=True):
        st.caption("Văn bản đã đọc")
        st.text("\n".join(read.document.lines))
    with right.container(height=380, border=True):
        st.caption("Câu, dòng bảng lấy số liệu (số được lấy tô màu)")
        if proposal["kind"] == "none":
            st.info("Văn bản này không nêu số liệu nào để nạp (không có số chi bộ, đảng viên của đợt sinh hoạt).",
                    icon=":material/info:")
        for row in proposal["rows"]:
            for source in row["source"]:
                named = "" if fold(row["unit_text"]) in fold(source) else f"**{md(row['unit_text'])}**: "
                st.markdown(named + marked(source, row.get("written", {}).values()))
        for period in (proposal.get("plan") or {}).get("periods", []):
            st.markdown(f"**{md(period['label'])}**: " + md(" ".join(period.get("source", []))))
    if proposal["kind"] == "plan":
        plan_grid(index, proposal, account)
    elif proposal["kind"] == "report":
        report_grid(index, proposal, data)
    unmatched_names(proposal, data)


def report_grid(index: int, proposal: dict, data) -> None:
    known = data.catalogue()
    units = {u.code: f"{u.name} ({u.code})" for u in known.units}
    periods = {p.code: p.name for p in known.periods}
    topics = dict(known.topics)
    rows = [{"unit": r["unit"], "period": r["period"], "topics": r["topics"], **{f: r[f] for f in COUNTS},
             "qualifier": WORDS.get(r["qualifier"], ""),
             "derived": ", ".join(COLUMNS[f] for f in r["derived"]), "written": r["unit_text"]}
            for r in proposal["rows"]]
    config = {
        "unit": st.column_config.SelectboxColumn("Đơn vị", options=list(units), format_func=units.get,
                                                 required=True, width="medium", pinned=True),
        "period": st.column_config.SelectboxColumn("Đợt", options=list(periods), format_func=periods.get,
                                                   required=True, width="small"),
        "topics": st.column_config.MultiselectColumn("Chuyên đề", options=list(topics), format_func=topics.get),
        **{f: st.column_config.NumberColumn(label, min_value=0, step=1, format="localized")
           for f, label in COLUMNS.items()},
        "qualifier": st.column_config.SelectboxColumn("Gần đúng", options=["", *WORDS.values()],
                                                      help="“trên 3.550” ghi là trên; tỷ lệ vẫn tính theo số"),
        "derived": st.column_config.TextColumn("Tính ra (không ghi trong văn bản)", disabled=True),
        "written": st.column_config.TextColumn("Văn bản ghi", disabled=True),
    }
    order = ["unit", "period", *COUNTS, "qualifier", "topics", "derived", "written"]
    st.data_editor(pd.DataFrame(rows, columns=order), column_config=config, hide_index=True, num_rows="dynamic",
                   key=f"documents_grid_{index}", width="stretch", column_order=order)


def marked(source: str, figures) -> str:
    """A source sentence with the figures taken from it marked, every other character shown as written."""
    spans = sorted({(m.start(), m.end()) for figure in figures if figure
                    for m in re.finditer(re.escape(figure), source)})
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out += [md(source[at:start]) if start > at else "", f":orange-background[{md(source[start:end])}]"]
        at = end
    return "".join(out) + md(source[at:])


def plan_grid(index: int, proposal: dict, account: Account) -> None:
    plan = proposal["plan"]
    st.markdown(f"**Kế hoạch** {md(plan['number'] or '(chưa rõ số)')}, ngày {md(plan['date'] or 'chưa rõ')}, "
                f"của {md(plan['issuer'] or 'chưa rõ')}" + (f"; thực hiện {md(plan['based_on'])}"
                                                           if plan["based_on"] else ""))
    if not account.can_load_catalogue:
        st.info("Đợt và hạn của kế hoạch do quản trị nạp vào danh mục; tài khoản này chỉ xem.", icon=":material/lock:")
    rows = [{"label": p["label"], "anniversary": p["anniversary"] or "", "start": _day(p["start"]),
             "end": _day(p["end"]), "deadline": _day(p["deadline"]), "topics": ", ".join(p["topics"])}
            for p in plan["periods"]]
    st.data_editor(pd.DataFrame(rows), hide_index=True, key=f"documents_plan_{index}", width="stretch",
                   disabled=not account.can_load_catalogue, column_config={
                       "label": "Đợt", "anniversary": "Ngày kỷ niệm",
                       "start": st.column_config.DateColumn("Từ ngày", format="DD/MM/YYYY"),
                       "end": st.column_config.DateColumn("Đến ngày", format="DD/MM/YYYY"),
                       "deadline": st.column_config.DateColumn("Hạn báo cáo", format="DD/MM/YYYY"),
                       "topics": st.column_config.TextColumn("Chuyên đề", disabled=True)})


def _day(iso: str | None):
    return pd.Timestamp(iso).date() if iso else None


def unmatched_names(proposal: dict, data) -> None:
    if not proposal["unmatched"]:
        return
    lookup = Lookup([(u.code, u.name) for u in data.catalogue().units], "đơn vị")
    st.warning("Tên đơn vị có số liệu nhưng không có trong danh mục (chưa đề xuất dòng nào cho các đơn vị này): "
               + "; ".join(f"“{md(name)}”{md(lookup.suggest(name))}" for name in proposal["unmatched"]),
               icon=":material/help:")


def edited_items(state: DocumentsState) -> list[dict]:
    """The proposals as the person left them in the grids."""
    items = []
    for index, read in enumerate(state.read):
        item = dict(read.proposal, file=read.name, sha256=read.sha256)
        grid = st.session_state.get(f"documents_grid_{index}")
        if item["kind"] == "report" and grid is not None:
            item["rows"] = apply_edits(read.proposal["rows"], grid)
        plan_edits = st.session_state.get(f"documents_plan_{index}")
        if item["kind"] == "plan" and plan_edits is not None:
            item["plan"] = dict(item["plan"], periods=apply_edits(item["plan"]["periods"], plan_edits, dates=True))
        items.append(item)
    return items


def apply_edits(rows: list[dict], edits: dict, dates: bool = False) -> list[dict]:
    """Rows with the grid's edits (edited cells, added and deleted rows) applied, in the proposal's shape."""
    out = [dict(row) for row in rows]
    for position, changes in edits.get("edited_rows", {}).items():
        out[int(position)].update(changes)
    out += [dict(added) for added in edits.get("added_rows", [])]
    gone = {int(i) for i in edits.get("deleted_rows", [])}
    out = [row for i, row in enumerate(out) if i not in gone]
    for row in out:
        if dates:
            for key in ("start", "end", "deadline"):
                row[key] = str(row[key])[:10] if row.get(key) else None
            continue
        word = row.get("qualifier")
        qualifier = next((q for q, w in WORDS.items() if w == word), word if word in WORDS else None)
        qualified = dict(row.get("qualified") or {})
        target = next(iter(qualified), None) or ("members_participating" if row.get("members_participating")
                                                 is not None else next((f for f in COUNTS if row.get(f) is not None),
                                                                       None))
        row["qualified"] = {target: qualifier} if qualifier in WORDS and target else {}
        row["qualifier"] = qualifier if qualifier in WORDS else "exact"
        for name in COUNTS:
            value = row.get(name)
            row[name] = None if value is None or pd.isna(value) else int(value)
        row["topics"] = list(row.get("topics") or [])
    return out


def confirm(state: DocumentsState, account: Account, dry_run: bool) -> None:
    """The checked rows through the loader as one upload keeping each document; its summary shown."""
    items = edited_items(state)
    documents = tuple(SourceDocument(r.name, r.sha256, r.document.text_from, "\n".join(r.document.lines))
                      for r in state.read if r.proposal["rows"] or r.proposal.get("plan"))
    shown = "; ".join(r.name for r in state.read)[:120]
    with tempfile.TemporaryDirectory(prefix="de-xuat-", dir=scratch_dir()) as folder:
        files = write_files(items, Path(folder), shown)
        bar = st.progress(0.0, "Đang kiểm tra…")
        summary = load_files(files, LoadOptions(db=str(db_path()), dry_run=dry_run, account=account,
                                                documents=documents,
                                                progress=lambda done, text: bar.progress(min(done, 1.0), md(text))))
        bar.empty()
    if summary.status == "committed":
        keep(DocumentsState(state.round + 1, summary=summary))
    else:
        keep(replace(state, summary=summary, dry_run=dry_run))
    st.rerun()
