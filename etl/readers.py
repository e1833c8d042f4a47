"""Turning an uploaded file into a header and raw string rows: encodings, separators, Excel, title blocks."""
import codecs
import csv
import datetime as dt
import errno
import hashlib
import io
import json
import logging
import os
import signal
import stat
import string
import subprocess
import sys
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field

import charset_normalizer

from common.formats import format_count, format_decimal
from common.text import header_words, nfc
from etl.fields import COUNT_PAIRS, KIND_LABELS, KINDS, REQUIRED, header_label, match_header
from etl.scratch import scratch_dir

# Below Streamlit's own ceiling (server.maxUploadSize = 200 in .streamlit/config.toml), so that a file too large
# for a report reaches this check and its Vietnamese message rather than the upload widget's English one.
MAX_BYTES = int(float(os.environ.get("DASHBOARD_MAX_UPLOAD_MB", "100")) * 1024 * 1024)
READ_MEMORY_MB = int(os.environ.get("DASHBOARD_READ_MEMORY_MB", "1024"))   # a workbook's reader, in its own process
READ_SECONDS = int(os.environ.get("DASHBOARD_READ_SECONDS", "30"))
_READERS = threading.BoundedSemaphore(2)   # workbook readers at once in this process: each may take READ_MEMORY_MB
HEADER_SEARCH_ROWS = 40
MAX_COLUMNS = 1000
MAX_HEAD_BYTES = 1024 * 1024   # the rows searched for a header, however long a title line is
SEPARATORS = (",", ";", "\t")
_PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class FileProblem(Exception):
    """A whole file cannot be read; the message is for the user, in Vietnamese. `hint` names a remedy each door
    words its own way (the page's template download, or the command that writes a template)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


@dataclass
class Header:
    kind: str
    row_index: int                   # 0-based index of the first header row
    row_count: int                   # 1, or 2 when the header is merged across two rows
    labels: list[str]                # the file's own header text per column
    fields: dict[int, str]           # column index -> field name
    ignored: list[int] = field(default_factory=list)    # known columns that carry nothing (STT, rates)
    unknown: list[int] = field(default_factory=list)
    repeated: list[int] = field(default_factory=list)   # a second column for a field already taken

    @property
    def first_data_row(self) -> int:
        return self.row_index + self.row_count


@dataclass
class Table:
    """A file read far enough to know its kind and header; rows come from csv_path or rows."""
    file_name: str
    sha256: str
    header: Header
    width: int
    csv_path: str | None = None       # UTF-8 file DuckDB reads directly
    csv_separator: str = ","
    csv_skip: int = 0                 # physical lines before the first data row
    temp_path: str | None = None      # a re-encoded copy, or a workbook's rows, to delete after loading
    from_sheet: bool = False          # rows of a workbook, written below its header: row numbers as Excel shows

    @property
    def first_row_number(self) -> int:
        """The row number the user sees for the first staged row."""
        return self.header.first_data_row + 1 if self.from_sheet else self.csv_skip + 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _combine_two_rows(top: list[str], bottom: list[str]) -> list[str]:
    """A header merged across two rows: carry a merged top cell over the columns it spans."""
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    combined, carried = [], ""
    for upper, lower in zip(top, bottom):
        if upper.strip():
            carried = upper.strip()
        elif not lower.strip():
            carried = ""
        combined.append(f"{carried if not upper.strip() else upper.strip()} {lower.strip()}".strip())
    return combined


def _map_header(kind: str, labels: list[str]) -> tuple[Header, int] | None:
    fields, ignored, unknown, repeated, score = {}, [], [], [], 0
    for index, label in enumerate(labels):
        if not label.strip():
            continue
        name = match_header(kind, label)
        if name is None:
            unknown.append(index)
        elif name == "":
            ignored.append(index)
        elif name in fields.values():
            repeated.append(index)
        else:
            fields[index] = name
            score += _specificity(kind, name, label)
    present = set(fields.values())
    if not set(REQUIRED[kind]) <= present:
        return None
    if kind == "reports" and not any(set(pair) <= present for pair in COUNT_PAIRS):
        return None
    return Header(kind, 0, 1, labels, fields, ignored, unknown, repeated), score


def _specificity(kind: str, name: str, label: str) -> int:
    words = header_words(label)
    return max(len(rule) for f in KINDS[kind] if f.name == name for rule in f.rules if rule <= words)


def find_header(file_name: str, rows: list[list[str]], kind: str | None) -> Header:
    """The header row(s) and kind that explain the most columns in the first rows of a table."""
    best: tuple[int, int, Header] | None = None
    kinds = [kind] if kind else list(KINDS)
    for index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        candidates = [(1, rows[index])]
        if index + 1 < len(rows):
            candidates.append((2, _combine_two_rows(rows[index], rows[index + 1])))
        for row_count, labels in candidates:
            for candidate_kind in kinds:
                mapped = _map_header(candidate_kind, labels)
                if mapped is None:
                    continue
                header, score = mapped
                header.row_index, header.row_count = index, row_count
                if best is None or score > best[0]:
                    best = (score, -row_count, header)
    if best is None:
        raise FileProblem(_missing_header(file_name, rows, kinds), hint="template")
    header = best[2]
    if len(header.labels) > MAX_COLUMNS:
        raise FileProblem(f"{file_name}: dòng tiêu đề (dòng {header.row_index + 1}) có "
                          f"{format_count(len(header.labels))} cột, quá giới hạn {format_count(MAX_COLUMNS)} cột của "
                          "một bảng báo cáo. Hãy xóa các cột thừa rồi lưu lại.")
    return header


def _missing_header(file_name: str, rows: list[list[str]], kinds: list[str]) -> str:
    """Why no header fits: the row that looks most like one and the required columns it lacks, else a row
    that looks like none."""
    best = (1, None, None, None)    # (fields recognised, row, kind, recognised names); one field is no header
    for index in range(min(len(rows), HEADER_SEARCH_ROWS)):
        for kind in kinds:
            names = {match_header(kind, label) for label in rows[index] if label.strip()} - {None, ""}
            if len(names) > best[0]:
                best = (len(names), index, kind, names)
    _, index, kind, names = best
    if index is None:
        wanted = f"tệp {KIND_LABELS[kinds[0]]}" if len(kinds) == 1 else "tệp đơn vị, đợt, chuyên đề hay báo cáo"
        return (f"{file_name}: không tìm thấy dòng tiêu đề của {wanted} trong {HEADER_SEARCH_ROWS} dòng đầu. Hãy "
                "ghi tiêu đề cột như trong tệp mẫu.")
    missing = [f"“{header_label(kind, name)}”" for name in REQUIRED[kind] if name not in names]
    if kind == "reports" and not any(set(pair) <= names for pair in COUNT_PAIRS):
        pairs = " hoặc ".join(f"“{header_label(kind, a)}” và “{header_label(kind, b)}”" for a, b in COUNT_PAIRS)
        missing.append(f"một cặp cột số liệu ({pairs})")
    return (f"{file_name}: dòng {index + 1} có vẻ là dòng tiêu đề của tệp {KIND_LABELS[kind]} nhưng thiếu cột "
            f"{', '.join(missing)}. Hãy thêm {'cột' if len(missing) == 1 else 'các cột'} này, tên cột như trong "
            "tệp mẫu.")


def cell_text(value: object) -> str | None:
    """A workbook cell as the text a CSV file would hold; the common kinds first (a sheet has millions)."""
    kind = type(value)
    if kind is str:
        return (value if value.isascii() else nfc(value)).strip() or None
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return None
    if kind is bool:
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return nfc(str(value)).strip() or None


def _decode_head(data: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(data)


def detect_encoding(file_name: str, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        odd_zeros = head[1::2].count(0)
        even_zeros = head[0::2].count(0)
        if odd_zeros > len(head) // 4 and even_zeros < len(head) // 50:
            return "utf-16-le"
        if even_zeros > len(head) // 4 and odd_zeros < len(head) // 50:
            return "utf-16-be"
        raise FileProblem(f"{file_name}: đây không phải tệp bảng (CSV hay Excel). Hãy lưu lại từ Excel dạng .xlsx hoặc .csv.")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as problem:
        if problem.start >= len(head) - 3:   # a character cut at the end of the sample
            return "utf-8"
    guess = charset_normalizer.from_bytes(head, cp_isolation=["cp1258", "cp1252", "latin_1"]).best()
    return guess.encoding if guess else "cp1258"


def _read_spreadsheet(file_name: str, path: str, kind: str | None) -> Table:
    """The workbook read by `etl.sheets` in a child process with a memory limit and a deadline; its rows come
    back as a UTF-8 CSV file, so a workbook and a CSV file are staged the same way."""
    descriptor, out = tempfile.mkstemp(suffix=".csv", dir=scratch_dir())
    os.close(descriptor)
    try:
        answer = _run_sheet_reader(file_name, path, kind, out)
        if "header" not in answer:
            raise FileProblem(answer["problem"], answer.get("hint"))
    except BaseException:
        os.unlink(out)
        raise
    header = Header(**answer["header"])
    header.fields = {int(k): v for k, v in header.fields.items()}
    return Table(file_name, "", header, answer["width"], csv_path=out, temp_path=out, from_sheet=True)


def _run_sheet_reader(file_name: str, path: str, kind: str | None, out: str) -> dict:
    command = [sys.executable, "-m", "etl.sheets", os.path.abspath(path), kind or "", file_name, out, str(READ_MEMORY_MB),
               str(READ_SECONDS)]
    if not _READERS.acquire(timeout=READ_SECONDS):
        raise FileProblem(f"{file_name}: máy chủ đang đọc nhiều tệp Excel cùng lúc. Hãy thử lại sau ít phút.")
    try:
        done = subprocess.run(command, capture_output=True, timeout=READ_SECONDS, cwd=_PROJECT, check=False)
    except subprocess.TimeoutExpired:
        raise FileProblem(f"{file_name}: đọc tệp Excel quá {format_count(READ_SECONDS)} giây nên đã dừng. Tệp quá "
                          "lớn hoặc có cấu trúc bất thường; hãy chia thành nhiều tệp nhỏ hơn hoặc chép bảng sang "
                          "tệp Excel mới rồi lưu lại.") from None
    finally:
        _READERS.release()
    try:
        answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (IndexError, ValueError):
        # killed by the memory limit (the reader aborts when an allocation fails), or something else went wrong
        answer = {"memory": True} if done.returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV) else {
            "problem": f"{file_name}: không đọc được tệp Excel (trình đọc dừng với mã {done.returncode}). Hãy mở bằng "
                       "Excel và lưu lại dạng .xlsx, hoặc lưu dạng CSV."}
        logging.getLogger(__name__).warning("etl.sheets on %s exited %s: %s", file_name, done.returncode,
                                            done.stderr.decode(errors="replace")[-2000:])
    if answer.get("memory"):
        raise FileProblem(f"{file_name}: đọc tệp Excel cần hơn {format_count(READ_MEMORY_MB)} MB bộ nhớ nên đã dừng "
                          "(thường do có ô dữ liệu hay định dạng ở rất xa bảng, hoặc tệp quá lớn). Hãy chép bảng "
                          "sang tệp Excel mới rồi lưu lại, hoặc chia thành nhiều tệp.")
    return answer


def _sniff_csv(file_name: str, text: str, kind: str | None) -> tuple[Header, str, int]:
    """The separator under which a header explains the most columns; returns (header, separator, lines to skip)."""
    best, problem = None, None
    for separator in SEPARATORS:
        reader = csv.reader(io.StringIO(text), delimiter=separator)
        rows, line_ends = [], []
        try:
            for row in reader:
                rows.append([nfc(c) for c in row])
                line_ends.append(reader.line_num)
                if len(rows) > HEADER_SEARCH_ROWS:
                    break
            header = find_header(file_name, rows, kind)
        except csv.Error:
            problem = problem or FileProblem(f"{file_name}: phần đầu tệp không đúng dạng CSV (một ô quá dài hoặc dấu "
                                             "ngoặc kép không đóng). Hãy mở bằng Excel và lưu lại dạng .xlsx.")
            continue
        except FileProblem as not_found:
            problem = problem or not_found
            continue
        if best is None or len(header.fields) > len(best[0].fields):
            best = (header, separator, line_ends[header.first_data_row - 1])
    if best is None:
        raise problem or FileProblem(f"{file_name}: không đọc được tệp CSV. Hãy mở bằng Excel và lưu lại dạng .xlsx.")
    return best


def read_table(path: str, kind: str | None = None, file_name: str | None = None) -> Table:
    """Read a CSV or spreadsheet far enough to stage it; raises FileProblem with a Vietnamese message."""
    file_name = file_name or os.path.basename(path)
    size = _regular_file_size(path, file_name)
    if size > MAX_BYTES:
        raise FileProblem(
            f"{file_name}: tệp nặng {format_decimal(size / 1048576)} MB, vượt giới hạn "
            f"{format_decimal(MAX_BYTES / 1048576)} MB. Hãy chia thành nhiều tệp nhỏ hơn."
        )
    if size == 0:
        raise FileProblem(f"{file_name}: tệp rỗng, không có dữ liệu. Hãy kiểm tra lại tệp đã lưu.")
    digest = hashlib.sha256()
    blank_lines = False   # DuckDB drops empty lines, which would shift every row number after them
    with open(path, "rb") as handle:
        head = handle.read(65536)
        # the header search needs its first rows whole, however long a title or header line is
        while head.count(b"\n") <= HEADER_SEARCH_ROWS and len(head) < MAX_HEAD_BYTES and len(head) < size:
            more = handle.read(65536)
            if not more:
                break
            head += more
        previous = head
        digest.update(head)
        blank_lines = b"\n\n" in head or b"\n\r\n" in head
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            seam = previous[-2:] + block
            blank_lines = blank_lines or b"\n\n" in seam or b"\n\r\n" in seam
            previous = block
    sha256 = digest.hexdigest()

    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        if head.startswith(b"PK") and not zipfile.is_zipfile(path):
            raise FileProblem(f"{file_name}: tệp Excel bị hỏng. Hãy mở bằng Excel và lưu lại.")
        table = _read_spreadsheet(file_name, path, kind)
        table.sha256 = sha256
        return table

    encoding = detect_encoding(file_name, head)
    head_text = _decode_head(head, encoding).lstrip("\ufeff")
    if not head_text.strip():
        raise FileProblem(f"{file_name}: tệp rỗng, không có dữ liệu. Hãy kiểm tra lại tệp đã lưu.")
    if sum(1 for c in head_text if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t")) > len(head_text) // 20:
        raise FileProblem(f"{file_name}: đây không phải tệp bảng (CSV hay Excel). Hãy lưu lại từ Excel dạng .xlsx hoặc .csv.")
    if len(head) >= MAX_HEAD_BYTES and b"\n" not in head:
        raise FileProblem(f"{file_name}: dòng đầu tiên dài hơn {MAX_HEAD_BYTES // 1048576} MB mà không xuống dòng, "
                          "không thể là dòng tiêu đề của một bảng. Hãy mở bằng Excel và lưu lại dạng .xlsx hoặc .csv.")
    header, separator, skip = _sniff_csv(file_name, head_text, kind)
    table = Table(file_name, sha256, header, len(header.labels), csv_separator=separator, csv_skip=skip)
    if encoding in ("utf-8", "utf-8-sig") and not blank_lines:
        table.csv_path = path
        return table
    table.csv_path = table.temp_path = _utf8_copy(path, file_name, encoding, separator)
    return table


def _regular_file_size(path: str, file_name: str) -> int:
    """The size of a regular file; a clear refusal for what is not one (a folder, a device, a broken link)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileProblem(f"{file_name}: không có tệp này (hoặc là liên kết tới một tệp không còn). Hãy kiểm tra "
                          "lại đường dẫn.") from None
    except OSError as problem:
        reason = {errno.ELOOP: "liên kết tới chính nó theo vòng tròn", errno.EACCES: "không có quyền đọc",
                  errno.ENAMETOOLONG: "đường dẫn quá dài"}.get(problem.errno, f"lỗi hệ thống số {problem.errno}")
        raise FileProblem(f"{file_name}: không mở được ({reason}). Hãy chỉ ra trực tiếp tệp CSV hoặc Excel.") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(f"{file_name}: đây là thư mục, không phải tệp. Hãy chỉ ra từng tệp CSV hoặc Excel trong "
                          "thư mục.")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(f"{file_name}: đây không phải tệp thường (thiết bị, đường ống). Hãy chỉ ra tệp CSV hoặc "
                          "Excel.")
    if not os.access(path, os.R_OK):
        raise FileProblem(f"{file_name}: không có quyền đọc tệp này. Hãy chép tệp ra chỗ khác rồi nạp.")
    return info.st_size


_SINGLE_BYTE_NAMES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252", "latin_1": "Latin-1"}


def _utf8_copy(path: str, file_name: str, encoding: str, separator: str) -> str:
    """A UTF-8 copy in NFC that DuckDB reads; an empty line becomes an empty row so that row numbers stay as the
    user sees them. A file that changes encoding half-way is refused at the first line that does."""
    descriptor, out = tempfile.mkstemp(suffix=".csv", dir=scratch_dir())
    number = 0
    single_byte = not encoding.startswith("utf")
    try:
        with open(path, "rb") as raw, os.fdopen(descriptor, "w", encoding="utf-8", newline="") as target:
            source = raw if single_byte else io.TextIOWrapper(raw, encoding=encoding, newline="")
            for line in source:
                number += 1
                if single_byte:
                    if max(line) >= 0x80 and _is_utf8(line):
                        raise FileProblem(
                            f"{file_name}: dòng {number} lưu theo bảng mã UTF-8, còn các dòng trước theo bảng mã "
                            f"{_SINGLE_BYTE_NAMES.get(encoding, encoding)}: tệp lẫn hai bảng mã. Hãy mở tệp bằng "
                            "Excel rồi lưu lại dạng “CSV UTF-8”.")
                    line = line.decode(encoding)
                body = line.rstrip("\r\n")
                target.write(nfc(body.lstrip("\ufeff")) + ("" if body else separator) + line[len(body):])
    except UnicodeDecodeError as problem:
        os.unlink(out)
        cut = "tệp bị cắt cụt giữa một ký tự (số byte lẻ)" if "truncated" in str(problem) else \
            "có byte không đọc được"
        raise FileProblem(f"{file_name}: dòng {number + 1}: {cut} theo bảng mã {encoding.upper()} như phần đầu tệp. "
                          "Hãy mở tệp bằng Excel rồi lưu lại dạng “CSV UTF-8”.") from None
    except BaseException:
        os.unlink(out)
        raise
    return out


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def preview(table: Table, limit: int = 10) -> list[list[str | None]]:
    """The first data rows as the loader will see them, for the upload page to show before loading."""
    rows = []
    with open(table.csv_path, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=table.csv_separator)):
            if number < table.csv_skip:
                continue
            if len(rows) == limit:
                break
            rows.append(row)
    return rows
