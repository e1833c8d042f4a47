"""Tables as users read them: Vietnamese headers, numbers as 3.550 and 95,7 %, dates as 13/06/2022."""
import csv
import datetime as dt
import io

import pandas as pd

from etl.values import format_count, format_date, format_percent

FORMATS = {"text": lambda v: "" if v is None else str(v), "count": format_count, "percent": format_percent,
           "date": format_date,
           "datetime": lambda v: "" if v is None else v.strftime("%d/%m/%Y %H:%M")}
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


def styled(rows: list[dict], columns: list[tuple[str, str, str]]):
    """A pandas Styler that shows Vietnamese formats while numbers underneath still sort as numbers.

    Streamlit prints "None" for a missing value whatever the Styler says, so a column with a gap, and every
    text or date column, is handed over as the strings the user reads, with a dash for the gap."""
    table = frame(rows, columns)
    numeric = {}
    for _, label, kind in columns:
        values = table[label]
        if kind in ("count", "percent") and not values.isna().any():
            numeric[label] = (lambda k: lambda v: FORMATS[k](int(v) if k == "count" else v))(kind)
        else:
            table[label] = [MISSING if v is None or pd.isna(v) else FORMATS[kind](int(v) if kind == "count" else v)
                            for v in values]
    return table.style.format(numeric)


def csv_bytes(rows: list[dict], columns: list[tuple[str, str, str]]) -> bytes:
    """UTF-8 with BOM, so Excel shows the diacritics; formatted as on screen; formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _, label, _ in columns])
    for row in rows:
        writer.writerow([neutralise(FORMATS[kind](row.get(key))) for key, _, kind in columns])
    return out.getvalue().encode("utf-8-sig")


def file_stamp(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")
