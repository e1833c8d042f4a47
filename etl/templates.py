"""Empty files with the canonical headers, for units to fill in."""
import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from etl.fields import canonical_fields

NAMES = {"units": "mau_don_vi.csv", "periods": "mau_dot.csv", "topics": "mau_chuyen_de.csv",   # when none is given
         "reports": "mau_bao_cao.csv"}


def write_template(kind: str, path: str | Path) -> Path:
    """CSV (UTF-8 with BOM, so Excel shows diacritics) or XLSX, chosen by the file's extension."""
    path = Path(path)
    headers = [f.header for f in canonical_fields(kind)]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        book = Workbook()
        sheet = book.active
        sheet.title = "Mẫu"
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(header) + 2)
        sheet.freeze_panes = "A2"
        book.save(path)
    else:
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerow(headers)
    return path
