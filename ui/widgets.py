"""What every page starts from: the run's data and filters, plus the small widgets several pages share."""
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics import tables
from analytics.labels import MEASURES, with_ratios
from ui.data import Data
from analytics.view import View
from ui.text import md

RATE_CHOICES = ("member_rate", "cell_rate")
STATIC_ROWS = 40


_ROUTED = threading.local()   # what dashboard.py prepared for the page in this script run


def route(data: Data, view: View) -> None:
    _ROUTED.run = (data, view)


def context() -> tuple[Data, View | None]:
    """The data and filters dashboard.py prepared in this run (no filters on the accounts and audit pages).

    Streamlit sometimes runs a file of a folder named pages/ on its own, in its old multipage mode: on a fresh
    server's first direct link, and on every AppTest run. Then switch that mode off and run again through
    dashboard.py, which routes with st.navigation."""
    prepared = getattr(_ROUTED, "run", None)
    _ROUTED.run = None
    if prepared is None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return prepared


def header(title: str, view: View) -> None:
    """The page title and what the filters show; stops the page while there is no unit to show."""
    st.title(title)
    if view.filters.parent is None:
        if st.session_state.get("f_scope_empty"):
            st.info(f"Đơn vị của tài khoản không có trong cây tổ chức ngày {view.filters.as_of:%d/%m/%Y}. Hãy chọn "
                    "đợt hoặc ngày khác ở thanh bên.")
        else:
            st.info("Chưa có đơn vị nào. Hãy nạp danh mục đơn vị ở trang Nhập báo cáo.")
        st.stop()
    st.caption(md(view.caption()))


def rate_picker(key: str) -> str:
    return st.segmented_control("Tỷ lệ", RATE_CHOICES, default="member_rate", key=key,
                                format_func=lambda r: MEASURES[r][0], label_visibility="collapsed") or "member_rate"


def table(rows: list[dict], columns: list[tuple[str, str, str]], **options) -> None:
    """Figures right-aligned, Vietnamese formats. Up to STATIC_ROWS rows a static table whose cells wrap, so
    every column and every word of a note shows at any width; longer ones a scrolling grid (a static table of
    a hundred rows takes the browser 0,7 s more to draw on every click)."""
    rows = [with_ratios(row) for row in rows] if any(kind == "ratio" for _, _, kind in columns) else rows
    static = len(rows) <= STATIC_ROWS and not options
    styled = tables.styled(rows, columns, escape=md if static else None)   # st.table reads markdown in cells
    right = [label for _, label, kind in columns if kind in ("count", "percent", "ratio")]
    if static:
        st.table(styled.set_properties(subset=right, **{"text-align": "right"}), hide_index=True)
        return
    aligned = {label: st.column_config.Column(alignment="right") for label in right}
    aligned |= {label: st.column_config.TextColumn(width="medium") for _, label, kind in columns if kind == "note"}
    aligned |= options.pop("column_config", {})
    st.dataframe(styled, hide_index=True, width="stretch", column_config=aligned, **options)
