"""The small widgets several pages share: the title with what the filters show, the rate picker, tables."""
import streamlit as st

from analytics import tables
from analytics.labels import MEASURES, with_ratios
from analytics.view import View
from ui.text import md

RATE_CHOICES = ("member_rate", "cell_rate")
STATIC_ROWS = 40


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
