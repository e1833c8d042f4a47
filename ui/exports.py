"""Download buttons under every chart and table: images drawn on the server when clicked, tables as Excel or CSV.

Each file is made when its button is clicked, and that click goes into the audit trail. A viewer account
gets the charts and tables on screen only."""
import datetime as dt

import streamlit as st

from analytics import charts, tables
from analytics.images import FORMATS, ChartRenderer, ExportError, find_browser
from analytics.view import View
from security.audit import Exported, log
from ui.auth import current
from ui.data import Data
from ui.text import md
from ui.widgets import table


@st.cache_resource
def renderer() -> ChartRenderer:
    """One browser for every session of this server; ChartRenderer lets the calls take turns."""
    return ChartRenderer()


def _browser_problem() -> str | None:
    try:
        find_browser()
    except ExportError as problem:
        return str(problem)
    return None


def logged(make, file_name: str, caption: str):
    """`make` for a deferred download, recording who took which file of which view when it runs."""
    user = current().username

    def run() -> bytes:
        content = make()
        log(None, user, Exported(file_name, caption))
        return content
    return run


def _image(figure, fmt: str, caption: str):
    """Drawn when the button is clicked, outside the script run: a failure reaches the user as the renderer's
    `problem`, shown in Vietnamese on the next run (Streamlit itself only says the file could not be made)."""
    return lambda: renderer().render(charts.for_print(figure, caption), fmt)


def chart(figure, data: Data, view: View, *, file_stem: str, key: str, note: str | None = None, **options):
    """The chart as on screen, then PNG, SVG and PDF downloads with the filters and data date under the title;
    `note` (what short column heads mean) goes under the chart and into the images."""
    name = f"{file_stem}-{tables.file_stamp(view.today)}"
    title, screen = charts.for_screen(figure)
    st.markdown(f"**{md(title)}**")
    shown = st.plotly_chart(screen, config=charts.CONFIG, key=key, **options)
    if note:
        st.caption(md(note))
    if not current().can_download:
        return shown
    missing = _browser_problem()
    if missing:
        st.warning(missing, icon=":material/warning:")
        return shown
    if renderer().problem:
        st.warning(f"Lần tải ảnh trước không thành công: {renderer().problem}", icon=":material/warning:")
    caption = charts.caption_text(view.caption(), data.data_date()) + (f" · {note}" if note else "")
    with st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center", gap="small"):
        st.caption("Tải biểu đồ:", width="content")
        for fmt, mime in FORMATS.items():
            st.download_button(fmt.upper(), logged(_image(figure, fmt, caption), f"{name}.{fmt}", caption),
                               file_name=f"{name}.{fmt}", mime=mime,
                               key=f"{key}_{fmt}", type="tertiary", icon=":material/download:",
                               on_click="ignore")
    return shown


def table_downloads(rows: list[dict], columns: list[tuple[str, str, str]], data: Data, view: View | None, *,
                    title: str, file_stem: str, key: str, caption: str | None = None) -> None:
    """Excel with a title row, the filters (or `caption`, where there are no filters), number formats and a
    frozen header; CSV in UTF-8 with BOM."""
    if not current().can_download:
        return
    name = f"{file_stem}-{tables.file_stamp(view.today if view else dt.date.today())}"
    caption = caption or charts.caption_text(view.caption(), data.data_date())
    with st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center", gap="small"):
        st.caption("Tải bảng:", width="content")
        st.download_button("Excel", logged(lambda: tables.xlsx_bytes(rows, columns, title, caption), f"{name}.xlsx",
                                           caption),
                           file_name=f"{name}.xlsx", mime=tables.XLSX_MIME, key=f"{key}_xlsx", type="tertiary",
                           icon=":material/download:", on_click="ignore")
        st.download_button("CSV", logged(lambda: tables.csv_bytes(rows, columns), f"{name}.csv", caption),
                           file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv", type="tertiary",
                           icon=":material/download:", on_click="ignore")


def data_table(rows: list[dict], columns: list[tuple[str, str, str]], data: Data, view: View | None, *,
               title: str, file_stem: str, key: str, caption: str | None = None, screen: list | None = None,
               **options) -> None:
    """A table as every page shows it, with its Excel and CSV downloads under it; `screen` is a narrower set of
    columns for the page when the files carry more than a laptop's width."""
    table(rows, screen or columns, **options)
    table_downloads(rows, columns, data, view, title=title, file_stem=file_stem, key=key, caption=caption)
