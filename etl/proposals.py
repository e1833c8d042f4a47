"""Proposals a person has checked and edited, loaded through the same loader as files: the rows become one reports
file (a plan's rounds one periods file) in the loader's own layout, and the upload keeps the source document."""
import csv
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from etl.fields import canonical_fields, header_label
from etl.readers import FileProblem

COUNTS = ("cells_expected", "cells_held", "members_total", "members_exempt", "members_participating")
WORDS = {"at_least": "trên", "almost": "gần", "about": "khoảng"}    # how a qualifier is written before a count
MAX_PROPOSALS = 5 * 1024 * 1024     # bytes of one proposals file: a few hundred documents' rows


@dataclass(frozen=True)
class SourceDocument:
    """The document figures were read from, kept with their upload."""
    file_name: str
    sha256: str
    text_from: str
    text: str


def source_document(file_name: str, data: bytes | None, text_from: str, lines) -> SourceDocument:
    text = "\n".join(lines)
    return SourceDocument(file_name, hashlib.sha256(data if data is not None else text.encode()).hexdigest(),
                          text_from, text)


def read_proposals(path: str) -> list[dict]:
    """The proposals file `extract --json` wrote and a person edited; FileProblem naming what is wrong."""
    name = Path(path).name
    if Path(path).stat().st_size > MAX_PROPOSALS:
        raise FileProblem(f"{name}: tệp đề xuất lớn hơn {MAX_PROPOSALS // 1048576} MB. Hãy tách thành nhiều tệp.")
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise FileProblem(f"{name}: không đọc được tệp đề xuất ({problem}). Hãy dùng đúng tệp do lệnh "
                          "`python -m etl extract --json` tạo ra.") from None
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("rows", []), list)
                                              for i in items):
        raise FileProblem(f"{name}: tệp đề xuất phải là một danh sách văn bản, mỗi văn bản có danh sách “rows”.")
    for number, item in enumerate(items, 1):
        for row_number, row in enumerate(item.get("rows", []), 1):
            if not isinstance(row, dict):
                raise FileProblem(f"{name}: văn bản {number}, dòng đề xuất {row_number} không phải một đối tượng.")
            for field in COUNTS:
                value = row.get(field)
                if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                    raise FileProblem(f"{name}: văn bản {number} ({item.get('file', '?')}), dòng đề xuất "
                                      f"{row_number}, ô “{field}”: “{value}” không phải số nguyên không âm. Hãy "
                                      "ghi số, hoặc null nếu văn bản không nêu.")
    return items


def _count(row: dict, field: str) -> str:
    value = row.get(field)
    if value is None:
        return ""
    qualified = row.get("qualified") or {}
    qualifier = qualified.get(field) if qualified else (
        row.get("qualifier") if field == _qualified_field(row) else None)
    return f"{WORDS[qualifier]} {value}" if qualifier in WORDS else str(value)


def _qualified_field(row: dict) -> str | None:
    """Which count a row-level qualifier belongs to when the row does not say: the members taking part, as in
    'trên 3.550 cán bộ, đảng viên tham gia', else the first count given."""
    if row.get("members_participating") is not None:
        return "members_participating"
    return next((f for f in COUNTS if row.get(f) is not None), None)


def report_rows(item: dict) -> list[list[str]]:
    """One reports-file row per proposed row, in the template's column order."""
    out = []
    for row in item.get("rows", []):
        topics = [t for t in row.get("topics") or [] if isinstance(t, str)]
        notes = [f"Từ văn bản {item.get('file', '')}"]
        if len(topics) > 1:
            notes.append("chuyên đề " + ", ".join(topics))
        derived = [header_label("reports", f) for f in row.get("derived") or [] if f in COUNTS]
        if derived:
            notes.append("tính ra từ tỷ lệ hoặc số khác: " + ", ".join(derived))
        out.append([row.get("unit") or row.get("unit_text") or "", row.get("period") or "",
                    topics[0] if len(topics) == 1 else "", *(_count(row, f) for f in COUNTS), "", "",
                    _date(item.get("report_date")), "; ".join(notes)])
    return out


def period_rows(item: dict) -> list[list[str]]:
    """A plan's rounds as periods-file rows, with the plan's number, title, issuer and date."""
    plan = item.get("plan") or {}
    out = []
    for number, period in enumerate(plan.get("periods") or [], 1):
        start = _iso(period.get("start"))
        day_month = (period.get("anniversary") or "").split("-")
        if len(day_month) == 2 and start:
            day, month = (int(part) for part in day_month)
            code, name = f"{start.year}-{day}-{month}", f"Dịp {day}-{month} năm {start.year}"
        else:
            code, name = f"{plan.get('number') or 'KH'}-{number}", period.get("label") or f"Đợt {number}"
        out.append([period.get("code") or code, period.get("name") or name, plan.get("number") or "",
                    _date(period.get("start")), _date(period.get("end")), _date(period.get("deadline")),
                    plan.get("title") or f"Kế hoạch {plan.get('number') or ''}".strip(), plan.get("issuer") or "",
                    _date(plan.get("date"))])
    return out


def _iso(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _date(text) -> str:
    """An ISO date as the loader reads it; anything else as written, for the loader to name."""
    day = _iso(text)
    return day.strftime("%d/%m/%Y") if day else (str(text) if text else "")


def write_files(items: list[dict], folder: Path, shown: str) -> list[tuple[str, str]]:
    """The reports file and the periods file the loader reads, as (path, name shown to the user) pairs."""
    files = []
    reports = [row for item in items if item.get("kind", "report") != "plan" for row in report_rows(item)]
    periods = [row for item in items if item.get("kind") == "plan" for row in period_rows(item)]
    if periods:
        path = folder / "dot.csv"
        _write(path, "periods", periods, ("Tên kế hoạch", "Cơ quan ban hành", "Ngày kế hoạch"))
        files.append((str(path), f"{shown} (các đợt của kế hoạch)"))
    if reports:
        path = folder / "bao_cao.csv"
        _write(path, "reports", reports)
        files.append((str(path), f"{shown} (số liệu)"))
    return files


def _write(path: Path, kind: str, rows: list[list[str]], extra: tuple[str, ...] = ()) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.header for f in canonical_fields(kind)] + list(extra))
        writer.writerows(rows)
