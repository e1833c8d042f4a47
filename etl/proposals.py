"""Proposals a person has checked and edited, loaded through the same loader as files: the rows become one reports
file (a plan's rounds one periods file) in the loader's own layout, and the upload keeps the source document."""
import csv
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from etl.fields import canonical_fields, header_label
from etl.readers import FileProblem
from etl.schema import SESSION_COUNTS as COUNTS
from etl.values import MAX_COUNT, QUALIFIER_WORDS

MAX_PROPOSALS = 5 * 1024 * 1024     # bytes of one proposals file: a few hundred documents' rows


@dataclass(frozen=True)
class SourceDocument:
    """The document figures were read from, kept with their upload."""
    file_name: str
    sha256: str
    text_from: str
    text: str


def read_proposals(path: str) -> list[dict]:
    """The proposals file `extract --json` wrote and a person edited; FileProblem naming what is wrong."""
    name = Path(path).name
    if Path(path).stat().st_size > MAX_PROPOSALS:
        raise FileProblem(f"{name}: tệp đề xuất lớn hơn {MAX_PROPOSALS // 1048576} MB. Hãy tách thành nhiều tệp.")
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise FileProblem(f"{name}: tệp đề xuất không phải chữ UTF-8. Hãy dùng đúng tệp do lệnh "
                          "`python -m etl extract --json` tạo ra.") from None
    except json.JSONDecodeError as problem:
        raise FileProblem(f"{name}: tệp đề xuất sai cú pháp JSON ở dòng {problem.lineno}, cột {problem.colno}. Hãy "
                          "sửa chỗ đó (thường là thiếu dấu phẩy, ngoặc hoặc ngoặc kép) rồi nạp lại.") from None
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FileProblem(f"{name}: tệp đề xuất phải là một danh sách văn bản như lệnh `extract --json` ghi ra.")
    for number, item in enumerate(items, 1):
        where = f"{name}: văn bản {number} ({str(item.get('file', '?'))[:80]})"
        _check(isinstance(item.get("rows", []), list), f"{where}: “rows” phải là một danh sách dòng.")
        for row_number, row in enumerate(item.get("rows", []), 1):
            _check_row(row, f"{where}, dòng đề xuất {row_number}")
        plan = item.get("plan")
        if plan is not None:
            _check(isinstance(plan, dict) and isinstance(plan.get("periods", []), list),
                   f"{where}: “plan” phải có danh sách đợt “periods”.")
            for period_number, period in enumerate(plan.get("periods", []), 1):
                _check(isinstance(period, dict), f"{where}, đợt {period_number}: không phải một đối tượng.")
                for key in ("start", "end", "deadline"):
                    value = period.get(key)
                    _check(value is None or _iso(value) is not None,
                           f"{where}, đợt {period_number}, “{key}”: “{value}” không phải ngày dạng 2027-03-31.")
                value = period.get("anniversary")
                _check(value in (None, "") or _anniversary(value) is not None,
                       f"{where}, đợt {period_number}: ngày kỷ niệm “{value}” phải ghi dạng 19-05.")
    return items


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise FileProblem(message)


def _check_row(row, where: str) -> None:
    """One proposed row as a person may have edited it: what it must hold to go to the loader."""
    _check(isinstance(row, dict), f"{where}: không phải một đối tượng.")
    for field in COUNTS:
        value = row.get(field)
        _check(value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT),
               f"{where}, ô “{header_label('reports', field)}”: “{value}” không phải số nguyên từ 0 đến "
               f"{MAX_COUNT:,}".replace(",", ".") + ". Hãy ghi số, hoặc null nếu văn bản không nêu.")
    for key in ("unit", "unit_text", "period"):
        _check(row.get(key) is None or isinstance(row.get(key), str), f"{where}, “{key}”: phải là chữ hoặc null.")
    _check(isinstance(row.get("topics", []), list) and all(isinstance(t, str) for t in row.get("topics", [])),
           f"{where}, “topics”: phải là danh sách mã chuyên đề, ví dụ [\"KL21\"].")
    _check(row.get("qualifier") in (None, "exact", *QUALIFIER_WORDS),
           f"{where}, “qualifier”: “{row.get('qualifier')}” phải là exact, at_least, almost hoặc about.")
    qualified = row.get("qualified")
    _check(qualified is None or isinstance(qualified, dict) and all(
        k in COUNTS and v in QUALIFIER_WORDS for k, v in qualified.items()),
        f"{where}, “qualified”: phải ghi mỗi số gần đúng dạng {{\"members_participating\": \"at_least\"}}.")


def _count(row: dict, field: str) -> str:
    value = row.get(field)
    if value is None:
        return ""
    qualifier = qualifiers(row).get(field)
    return f"{QUALIFIER_WORDS[qualifier]} {value}" if qualifier in QUALIFIER_WORDS else str(value)


def qualifiers(row: dict) -> dict[str, str]:
    """Each count's qualifier: the row's `qualified`, or its one `qualifier` on the count it belongs to; a row a
    person marked "exact" has none."""
    if row.get("qualifier") in (None, "exact"):
        return {}
    qualified = row.get("qualified")
    if isinstance(qualified, dict) and qualified:
        return {k: v for k, v in qualified.items() if k in COUNTS and v in QUALIFIER_WORDS}
    field = qualified_field(row)
    return {field: row["qualifier"]} if field and row["qualifier"] in QUALIFIER_WORDS else {}


def qualified_field(row: dict) -> str | None:
    """Which count a row-level qualifier belongs to when the row does not say: the one count marked, else the
    members taking part, as in 'trên 3.550 cán bộ, đảng viên tham gia', else the first count given."""
    marked = [k for k in (row.get("qualified") or {}) if k in COUNTS]
    if len(marked) == 1:
        return marked[0]
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
        start, end = _iso(period.get("start")), _iso(period.get("end"))
        anniversary = _anniversary(period.get("anniversary"))
        year = _year_of(anniversary, start, end) if anniversary else None
        if year:
            day, month = anniversary
            code, name = f"{year}-{day}-{month}", f"Dịp {day}-{month} năm {year}"
        else:
            code, name = f"{plan.get('number') or 'KH'}-{number}", str(period.get("label") or f"Đợt {number}")
        out.append([str(period.get("code") or code), str(period.get("name") or name), str(plan.get("number") or ""),
                    _date(period.get("start")), _date(period.get("end")), _date(period.get("deadline")),
                    str(plan.get("title") or f"Kế hoạch {plan.get('number') or ''}".strip()),
                    str(plan.get("issuer") or ""), _date(plan.get("date"))])
    return out


def _anniversary(text) -> tuple[int, int] | None:
    """'19-05' as (19, 5); anything else None."""
    found = re.fullmatch(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*", str(text or ""))
    if not found:
        return None
    day, month = int(found[1]), int(found[2])
    try:
        dt.date(2000, month, day)
    except ValueError:
        return None
    return day, month


def _year_of(anniversary: tuple[int, int], start: dt.date | None, end: dt.date | None) -> int | None:
    """The year of the anniversary a round is held for: the one its window holds or nearly holds (a round for 3-2
    may begin in December), else the window's last year."""
    day, month = anniversary
    window = [d for d in (start, end) if d]
    if not window:
        return None
    for year in sorted({d.year for d in window}, reverse=True):
        moment = dt.date(year, month, min(day, 28) if month == 2 else day)
        if window[0] - dt.timedelta(days=60) <= moment <= window[-1] + dt.timedelta(days=60):
            return year
    return window[-1].year


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
