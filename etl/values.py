"""Parsing the counts and dates that people type: '3.550', 'trên 3.550', '13/6/2022', 'ngày 13 tháng 6 năm 2022'."""
import datetime as dt
import re

from common.formats import format_count
from common.text import fold

_APPROX = re.compile(r"^(tren|hon|khoang|gan|xap xi|uoc)\b\s*|^[~≈>]\s*")
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")

COUNT_HINT = "ghi số nguyên không âm, ví dụ 3550 hoặc 3.550"
MAX_COUNT = 10_000_000   # more than all party members in the country: a typo or a pasted code, never a count
YEARS = (1930, 2100)     # the Party's founding to a far deadline; 01/01/1900 is Excel's empty date
DATE_HINT = "ghi ngày theo dạng 13/06/2022"


def parse_count(raw: str | None) -> tuple[int | None, bool, str | None]:
    """(value, approximate, error message). Empty gives (None, False, None)."""
    text = (raw or "").strip()
    if not text:
        return None, False, None
    folded = fold(text) if not text[0].isdigit() else ""
    approximate = bool(folded and _APPROX.match(folded)) or text[0] in "~≈>"
    if approximate:
        text = re.sub(r"^\D*", "", text)
    if text.startswith("-") and text[1:].strip().replace(".", "").replace(",", "").isdigit():
        return None, approximate, f"Số lượng không được âm; {COUNT_HINT}"
    if _PLAIN.match(text):
        return _bounded(int(text), approximate)
    if _GROUPED.match(text):
        return _bounded(int(re.sub(r"\D", "", text)), approximate)
    excel = _EXCEL_FLOAT.match(text)
    if excel:
        return _bounded(int(excel.group(1)), approximate)
    if re.match(r"^\d+[.,]\d+$", text):
        return None, approximate, f"Số lượng phải là số nguyên, không có phần lẻ; {COUNT_HINT}"
    return None, approximate, f"Không phải là số; {COUNT_HINT}"


# Approximate counts: the word a report writes before the number (folded) and what it means; how each meaning is
# written back; and what a sum of approximate counts is (one kind stays that kind; mixed kinds are only about).
QUALIFIER_OF = {"tren": "at_least", "hon": "at_least", ">": "at_least", "gan": "almost", "khoang": "about",
                "xap xi": "about", "uoc": "about", "~": "about", "≈": "about"}
QUALIFIER_WORDS = {"at_least": "trên", "almost": "gần", "about": "khoảng"}


def combined(qualifiers) -> str | None:
    """The qualifier of a sum: None when every part is exact, the parts' one kind, else 'about'."""
    kinds = {q for q in qualifiers if q in QUALIFIER_WORDS}
    return None if not kinds else kinds.pop() if len(kinds) == 1 else "about"


def count_qualifier(raw: str | None) -> str | None:
    """What an approximate count's first word says: 'trên 3.550' at_least, 'gần' almost, 'khoảng' about."""
    text = (raw or "").strip()
    if not text or text[0].isdigit():
        return None
    if text[0] in "~≈>":
        return QUALIFIER_OF[text[0]]
    match = _APPROX.match(fold(text))
    return QUALIFIER_OF.get(match.group(1)) if match else None


def _bounded(value: int, approximate: bool) -> tuple[int | None, bool, str | None]:
    if value > MAX_COUNT:
        return None, approximate, (f"Số quá lớn (hơn {format_count(MAX_COUNT)}), không thể là số chi bộ hay đảng "
                                   f"viên của một đơn vị; {COUNT_HINT}")
    return value, approximate, None


def parse_date(raw: str | None) -> tuple[dt.date | None, str | None]:
    """(date, error message). Empty gives (None, None)."""
    text = (raw or "").strip()
    if not text:
        return None, None
    match = _DMY.match(text)
    parts = None
    if match:
        parts = int(match.group(3)), int(match.group(2)), int(match.group(1))
    elif (match := _YMD.match(text)):
        parts = int(match.group(1)), int(match.group(2)), int(match.group(3))
    elif (match := _WORDS.search(fold(text))):
        parts = int(match.group(3)), int(match.group(2)), int(match.group(1))
    if parts is None:
        return None, f"Không đọc được ngày; {DATE_HINT}"
    if not YEARS[0] <= parts[0] <= YEARS[1]:
        return None, (f"Năm {parts[0]} không hợp lý (ngoài {YEARS[0]}–{YEARS[1]}; ngày 01/01/1900 thường là ô ngày "
                      f"để trống trong Excel); {DATE_HINT}")
    try:
        return dt.date(*parts), None
    except ValueError:
        return None, f"Ngày không có thật trên lịch; {DATE_HINT}"
