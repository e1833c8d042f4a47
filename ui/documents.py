"""The upload page's way in for narrative documents: Word, PDF, scans or pasted text read into proposed rows, shown
beside the document's text in an editable grid, and loaded through the same loader as files once a person has
checked them, as one upload that keeps the document."""
import hashlib
import logging
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
from etl.fields import header_label
from etl.loader import LoadOptions, Summary, load_files
from etl.mentions import Catalogue
from etl.problems import Problem
from etl.proposals import SourceDocument, qualified_field, qualifiers, write_files
from etl.readers import MAX_BYTES, FileProblem
from etl.resolve import Lookup
from etl.scratch import scratch_dir
from etl.values import QUALIFIER_WORDS, combined
from security.accounts import Account
from ui.text import md

KEY = "documents_state"
MAX_PASTED = 300_000          # characters: a 60-page report holds about 150.000
PASTED = "Văn bản dán vào"
COLUMNS = {name: header_label("reports", name) for name in COUNTS}
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
    if state.read:
        buttons = st.container(horizontal=True)
        if buttons.button("Kiểm tra thử", icon=":material/fact_check:", key="documents_dry_run"):
            confirm(state, account, dry_run=True)
        if buttons.button("Nạp các dòng đã kiểm tra", icon=":material/upload:", type="primary",
                          key="documents_load"):
            confirm(state, account, dry_run=False)
    if state.summary is not None:
        from ui.upload import loaded_figures_button, show_summary  # the file section's summary, shared

        show_summary(state.summary, fix="Hãy sửa các dòng trong bảng theo hướng dẫn dưới đây rồi bấm nạp lại.")
        loaded_figures_button(state.summary, data, account)


def read_all(files, text: str, known: Catalogue, account: Account) -> DocumentsState:
    """Each chosen file and the pasted text read, with a progress bar while scanned pages are read."""
    bar = st.progress(0.0, "Đang đọc văn bản…")
    read, problems = [], []
    items = [(file.name, file.getvalue()) for file in files] + ([(PASTED, None)] if text.strip() else [])
    for number, (name, content) in enumerate(items):
        def progress(done: float, what: str, number=number) -> None:
            bar.progress(min((number + done) / len(items), 1.0), md(f"{name}: {what}"))

        progress(0.0, "đang đọc")
        try:
            document = _document(name, content, text, progress)
            proposal = propose(document, known, account.scope).as_json()
        except FileProblem as problem:
            problems.append(str(problem))
            continue
        except Exception:                               # noqa: BLE001 - one odd document must not stop the rest
            logging.getLogger(__name__).exception("reading %s", name)
            problems.append(f"{name}: máy chưa đọc được văn bản này. Hãy lưu lại dưới dạng .docx hoặc PDF rồi thử "
                            "lại, hoặc nhập số liệu bằng tệp mẫu ở mục “Nạp tệp”.")
            continue
        digest = hashlib.sha256(content if content is not None else text.encode()).hexdigest()
        read.append(Read(name, digest, document, proposal))
    bar.empty()
    return DocumentsState(documents_state().round, tuple(read), tuple(problems))


def _document(name: str, content: bytes | None, text: str, progress) -> DocumentText:
    if content is None:
        if len(text) > MAX_PASTED:                 # the box stops typing there; a crafted request may not
            raise FileProblem(f"{name}: dài hơn {MAX_PASTED:,} ký tự".replace(",", ".") + ". Hãy dán riêng phần "
                              "kết quả, hoặc gửi văn bản dưới dạng tệp.")
        return pasted(text, name)
    if len(content) > MAX_BYTES:
        raise FileProblem(f"{name}: tệp lớn hơn {MAX_BYTES // 1048576} MB. Hãy gửi riêng phần báo cáo.")
    with tempfile.TemporaryDirectory(prefix="van-ban-", dir=scratch_dir()) as folder:
        path = Path(folder) / f"van_ban{Path(name).suffix.lower()}"
        path.write_bytes(content)
        return read_document(path, name, progress)


def grid_key(kind: str, index: int, read: Read) -> str:
    """A grid's key: this round's, this document's, so that edits never carry over to another document."""
    return f"documents_{kind}_{documents_state().round}_{index}_{read.sha256[:16]}"


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
            st.info("Máy không tìm thấy số liệu nào để đề xuất trong văn bản này (số chi bộ, đảng viên của một đợt "
                    "sinh hoạt). Nếu văn bản có số liệu, hãy gõ dòng đó vào bảng dưới đây, đối chiếu rồi nạp.",
                    icon=":material/info:")
        for row in proposal["rows"]:
            for source in row["source"]:
                named = "" if fold(row["unit_text"]) in fold(source) else f"**{md(row['unit_text'])}**: "
                spans = [(start, end) for at, start, end in row.get("marks", {}).values() if row["source"][at] == source]
                st.markdown(named + marked(source, spans))
        for period in (proposal.get("plan") or {}).get("periods", []):
            st.markdown(f"**{md(period['label'])}**: " + md(" ".join(period.get("source", []))))
    if proposal["kind"] == "plan":
        plan_grid(grid_key("plan", index, read), proposal, account)
    else:
        report_grid(grid_key("grid", index, read), proposal, data)
    unmatched_names(proposal, data)


def report_grid(key: str, proposal: dict, data) -> None:
    known = data.catalogue()
    units = {u.code: f"{u.name} ({u.code})" for u in known.units}
    periods = {p.code: p.name for p in known.periods}
    topics = dict(known.topics)
    rows = [{"unit": r["unit"], "period": r["period"], "topics": r["topics"], **{f: r[f] for f in COUNTS},
             "word": QUALIFIER_WORDS.get(qualifiers(r).get(qualified_field(r)), ""),
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
        "word": st.column_config.SelectboxColumn(
            "Gần đúng", options=["", *QUALIFIER_WORDS.values()],
            help="Văn bản ghi “trên 3.550”, “gần”, “khoảng” trước số đảng viên tham gia (hoặc trước số duy nhất ghi "
                 "như vậy). Tỷ lệ vẫn tính theo số."),
        "derived": st.column_config.TextColumn("Tính ra (không ghi trong văn bản)", disabled=True),
        "written": st.column_config.TextColumn("Văn bản ghi", disabled=True),
    }
    order = ["unit", "period", *COUNTS, "word", "topics", "derived", "written"]
    st.data_editor(pd.DataFrame(rows, columns=order), column_config=config, hide_index=True, num_rows="dynamic",
                   key=key, width="stretch", column_order=order)


def marked(source: str, spans: list[tuple[int, int]]) -> str:
    """A source sentence with the figures taken from it marked where they stand, the rest shown as written."""
    out, at = [], 0
    for start, end in sorted(set(spans)):
        if start < at:
            continue
        out += [_escaped(source[at:start]), f":orange-background[{md(source[start:end])}]"]
        at = end
    return "".join(out) + _escaped(source[at:])


def _escaped(piece: str) -> str:
    """md() of a piece of a sentence, keeping the spaces at its ends that md() would drop."""
    if not piece:
        return ""
    return (" " if piece[0].isspace() else "") + md(piece) + (" " if piece[-1].isspace() and piece.strip() else "")


def plan_grid(key: str, proposal: dict, account: Account) -> None:
    plan = proposal["plan"]
    st.markdown(f"**Kế hoạch** {md(plan['number'] or '(chưa rõ số)')}, ngày {md(plan['date'] or 'chưa rõ')}, "
                f"của {md(plan['issuer'] or 'chưa rõ')}" + (f"; thực hiện {md(plan['based_on'])}"
                                                           if plan["based_on"] else ""))
    if not account.can_load_catalogue:
        st.info("Đợt và hạn của kế hoạch do quản trị nạp vào danh mục; tài khoản này chỉ xem.", icon=":material/lock:")
    rows = [{"label": p["label"], "anniversary": p["anniversary"] or "", "start": _day(p["start"]),
             "end": _day(p["end"]), "deadline": _day(p["deadline"]), "topics": ", ".join(p["topics"])}
            for p in plan["periods"]]
    st.data_editor(pd.DataFrame(rows), hide_index=True, key=key, width="stretch",
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


def edited_items(state: DocumentsState, account: Account) -> list[dict]:
    """The proposals as the person left them in the grids; a plan only for an account that may load one."""
    items = []
    for index, read in enumerate(state.read):
        item = dict(read.proposal, file=read.name, sha256=read.sha256)
        if item["kind"] == "plan":
            edits = st.session_state.get(grid_key("plan", index, read))
            if not account.can_load_catalogue:
                continue
            if edits is not None:
                item["plan"] = dict(item["plan"], periods=apply_edits(item["plan"]["periods"], edits, dates=True))
        else:
            edits = st.session_state.get(grid_key("grid", index, read))
            item["kind"] = "report"
            item["rows"] = apply_edits(read.proposal["rows"], edits or {})
            if not item["rows"]:
                continue
        items.append(item)
    return items


def apply_edits(rows: list[dict], edits: dict, dates: bool = False) -> list[dict]:
    """Rows with the grid's edits (edited cells, added and deleted rows) applied, in the proposal's shape. A
    qualifier changes only where the person changed the "Gần đúng" cell; the others stay as read."""
    changed = {int(position): changes for position, changes in edits.get("edited_rows", {}).items()}
    gone = {int(i) for i in edits.get("deleted_rows", [])}
    out = []
    for index, row in enumerate([dict(row) for row in rows] + [dict(a) for a in edits.get("added_rows", [])]):
        if index in gone:
            continue
        row.update(changed.get(index, {}))
        if dates:
            for key in ("start", "end", "deadline"):
                row[key] = str(row[key])[:10] if row.get(key) else None
            out.append(row)
            continue
        for name in COUNTS:
            value = row.get(name)
            row[name] = None if value is None or pd.isna(value) else int(value)
        row["topics"] = [t for t in row.get("topics") or [] if isinstance(t, str)]
        row["qualified"] = qualifiers(row)
        if "word" in changed.get(index, {}) or index >= len(rows):
            field = qualified_field(row)
            row["qualified"].pop(field, None)
            chosen = next((q for q, w in QUALIFIER_WORDS.items() if w == row.get("word")), None)
            if chosen and field:
                row["qualified"][field] = chosen
        row["qualifier"] = combined(row["qualified"].values()) or "exact"
        out.append(row)
    return out


def confirm(state: DocumentsState, account: Account, dry_run: bool) -> None:
    """The checked rows through the loader as one upload keeping each document; its summary shown."""
    items = edited_items(state, account)
    if not items:
        st.warning("Chưa có dòng số liệu nào để nạp: hãy gõ hoặc sửa các dòng trong bảng trước.",
                   icon=":material/info:")
        return
    kept = {item["file"] for item in items}
    documents = tuple(SourceDocument(r.name, r.sha256, r.document.text_from, "\n".join(r.document.lines))
                      for r in state.read if r.name in kept)
    shown = "; ".join(sorted(kept))[:120]
    with tempfile.TemporaryDirectory(prefix="de-xuat-", dir=scratch_dir()) as folder:
        files = write_files(items, Path(folder), shown)
        bar = st.progress(0.0, "Đang kiểm tra…")
        summary = load_files(files, LoadOptions(db=str(db_path()), dry_run=dry_run, account=account,
                                                documents=documents,
                                                progress=lambda done, text: bar.progress(min(done, 1.0), md(text))))
        bar.empty()
    summary = in_grid_terms(summary, items)
    if summary.status == "committed":
        keep(DocumentsState(state.round + 1, summary=summary))
    else:
        keep(replace(state, summary=summary))
    st.rerun()


def in_grid_terms(summary: Summary, items: list[dict]) -> Summary:
    """The loader's problems about the file made from the grids, said of the grids: the document and its row in
    the table on the page, the column by its title, not the hidden file's line and letter."""
    rows = [(item["file"], number) for item in items if item["kind"] == "report"
            for number in range(1, len(item["rows"]) + 1)]

    def said(problem: Problem) -> Problem:
        if problem.row is None or not 2 <= problem.row < len(rows) + 2 or "(số liệu)" not in problem.file:
            return problem
        document, number = rows[problem.row - 2]
        column = re.sub(r"^[A-Z]+ \((.*)\)$", r"\1", problem.column or "")
        return replace(problem, file=document, row=number, column=column)

    return replace(summary, errors=[said(p) for p in summary.errors], warnings=[said(p) for p in summary.warnings],
                   skipped_rows=[said(p) for p in summary.skipped_rows])
