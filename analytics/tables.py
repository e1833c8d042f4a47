"""Tables as users read them: Vietnamese headers, numbers as 3.550 and 95,7 %, dates as 13/06/2022."""
import csv
import datetime as dt
import io

import pandas as pd

from common.formats import format_count, format_date, format_percent

FORMATS = {"text": lambda v: "" if v is None else str(v), "note": lambda v: "" if v is None else str(v),
           "ratio": lambda v: "" if v is None else str(v), "count": format_count, "percent": format_percent,
           "date": format_date,
           "datetime": lambda v: "" if v is None else v.strftime("%d/%m/%Y %H:%M"),
           "moment": lambda v: "" if v is None else v.strftime("%d/%m/%Y %H:%M:%S")}
MISSING = "—"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")   # a spreadsheet would run these as a formula


def neutralise(text: str) -> str:
    """A cell that starts like a formula is kept as text by a leading apostrophe."""
    return "'" + text if text.startswith(DANGEROUS) else text


def frame(rows: list[dict], columns: list[tuple[str, str, str]]) -> pd.DataFrame:
    """columns: (key in the row, Vietnamese header, kind in FORMATS); values stay numbers for sorting."""
    data = {label: [row.get(key) for row in rows] for key, label, _ in columns}
    result = pd.DataFrame(data, columns=[label for _, label, _ in columns])
    for _, label, kind in columns:
        if kind in ("count", "percent"):
            result[label] = pd.to_numeric(result[label], errors="coerce").astype("Float64")
    return result


def styled(rows: list[dict], columns: list[tuple[str, str, str]], escape=None):
    """A pandas Styler that shows Vietnamese formats while numbers underneath still sort as numbers.

    Streamlit prints "None" for a missing value whatever the Styler says, so a column with a gap, and every
    text or date column, is handed over as the strings the user reads, with a dash for the gap; `escape` (for a
    table that reads markdown) is applied to those strings."""
    table = frame(rows, columns)
    numeric = {}
    for _, label, kind in columns:
        values = table[label]
        if kind in ("count", "percent") and not values.isna().any():
            numeric[label] = (lambda k: lambda v: FORMATS[k](int(v) if k == "count" else v))(kind)
        else:
            table[label] = [MISSING if v is None or pd.isna(v) else
                            (escape or str)(FORMATS[kind](int(v) if kind == "count" else v)) for v in values]
    return table.style.format(numeric)


CSV_FORMATS = {  # for other programs: plain numbers (dot decimal, no grouping), ISO dates
    "count": lambda v: "" if v is None else str(int(v)),
    "percent": lambda v: "" if v is None else f"{float(v) * 100:.2f}",
    "date": lambda v: "" if v is None else v.isoformat(),
    "datetime": lambda v: "" if v is None else v.strftime("%Y-%m-%d %H:%M"),
    "moment": lambda v: "" if v is None else v.strftime("%Y-%m-%d %H:%M:%S"),
}


def csv_header(label: str, kind: str) -> str:
    return f"{label} (%)" if kind == "percent" else label


def csv_bytes(rows: list[dict], columns: list[tuple[str, str, str]]) -> bytes:
    """For other programs (pandas, Excel in any language, statistics tools): UTF-8 with BOM so Excel shows the
    diacritics, counts as 1456 and rates as 95.40 in a column headed '(%)', dates as 2022-06-13; text that
    starts like a formula neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_header(label, kind) for _, label, kind in columns])
    for row in rows:
        writer.writerow([CSV_FORMATS[kind](row.get(key)) if kind in CSV_FORMATS
                         else neutralise(FORMATS[kind](row.get(key))) for key, _, kind in columns])
    return out.getvalue().encode("utf-8-sig")


def file_stamp(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


XLSX_FORMATS = {"count": "#,##0", "percent": "0.0 %", "date": "dd/mm/yyyy", "datetime": "dd/mm/yyyy hh:mm",
                "moment": "dd/mm/yyyy hh:mm:ss"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(rows: list[dict], columns: list[tuple[str, str, str]], title: str, caption: str,
               sheet: str = "Số liệu") -> bytes:
    """An Excel sheet ready to print: title and filters on top, a frozen bold header, real numbers with formats
    Excel shows as 3.550 and 95,6 % under Vietnamese settings, widths that fit, text that is never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    page = book.active
    page.title = sheet[:31]
    page.append([neutralise(title)])
    page.append([neutralise(caption)])
    page.append([])
    page.append([label for _, label, _ in columns])
    page["A1"].font = Font(bold=True, size=14)
    page["A2"].font = Font(italic=True)
    header = 4
    thin = Side(style="thin", color="9E9E9E")
    for cell in page[header]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E0E0E0")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for row in rows:
        values = []
        for key, _, kind in columns:
            value = row.get(key)
            if kind in ("text", "note", "ratio") and value is not None:
                value = neutralise(str(value))
            values.append(value)
        page.append(values)
    widths = [len(label) for _, label, _ in columns]
    for index, (key, label, kind) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        for cell in page[letter][header:]:
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if kind in XLSX_FORMATS:
                cell.number_format = XLSX_FORMATS[kind]
        shown = [len(FORMATS[kind](row.get(key)) or "") for row in rows[:2000]]
        widths[index - 1] = min(max([min(len(label), 24)] + shown) + 2, 60)
        page.column_dimensions[letter].width = widths[index - 1]
    page.row_dimensions[header].height = 32
    page.freeze_panes = page.cell(row=header + 1, column=1)
    if rows:
        page.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{header + len(rows)}"
    page.print_title_rows = f"{header}:{header}"
    page.page_setup.orientation = "landscape" if len(columns) > 6 else "portrait"
    page.page_setup.paperSize = page.PAPERSIZE_A4
    page.page_setup.fitToWidth, page.page_setup.fitToHeight = 1, 0
    page.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
