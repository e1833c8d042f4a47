"""Reading a workbook in a child process, where a hostile one cannot take the server with it.

`python -m etl.sheets PATH KIND NAME OUT` runs under a memory limit (set here, before the reader loads) and is
killed by its parent after a deadline. It first checks what can be checked without parsing (the parts' unpacked
sizes and ratios, a DOCTYPE or entity, how far the cells reach), then reads the first sheet whose header it
recognises and writes the rows below the header to OUT as UTF-8 CSV; it prints one JSON line: the header, or the
Vietnamese problem."""
import csv
import ctypes
import json
import re
import resource
import signal
import sys
import zipfile
from dataclasses import asdict

from common.formats import format_count
from etl.readers import HEADER_SEARCH_ROWS, MAX_COLUMNS, FileProblem, cell_text, find_header

MAX_PARTS = 5000                    # files inside one workbook
MAX_UNPACKED = 120 * 1024 * 1024    # all parts together, unpacked: some 300.000 report rows, read in about 15 s
MAX_RATIO = 200                     # unpacked / packed size of one part over 1 MB
MAX_CELLS = 10_000_000              # the rectangle a sheet's cells span (the reader allocates all of it)
# a cell holding a value: <c r="B7" t="s"> (Excel and most writers put r first; <c r="B7" s="1"/> holds nothing)
_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})[0-9]{1,7}"[^>/]*>')
_CELL_ROW = re.compile(rb'<(?:\w+:)?c r="[A-Z]{1,3}([0-9]{1,7})"[^>/]*>')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


class Refused(Exception):
    pass


def _mb(size: int) -> str:
    return format_count(round(size / 1048576))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_workbook(path: str) -> None:
    """Refuse, before any parser sees it, a workbook whose parts unpack to too much, declare XML entities or hold
    a cell so far out that the reader would allocate the whole rectangle up to it."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise Refused(f"tệp Excel chứa {len(parts)} phần, nhiều bất thường; đây không phải bảng báo cáo thông "
                          "thường. Hãy chép bảng sang một tệp Excel mới rồi lưu lại.")
        unpacked = sum(p.file_size for p in parts)
        if unpacked > MAX_UNPACKED:
            raise Refused(f"tệp Excel khi giải nén lớn tới {_mb(unpacked)} MB (giới hạn {_mb(MAX_UNPACKED)} MB, khoảng "
                          "300.000 dòng báo cáo). Hãy chia bảng thành nhiều tệp nhỏ hơn, hoặc lưu dạng CSV (không "
                          "giới hạn như vậy).")
        for part in parts:
            if part.file_size > 1048576 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise Refused(f"phần {part.filename} của tệp Excel nén bất thường (giải nén ra {_mb(part.file_size)}"
                              " MB từ một tệp nhỏ). Hãy chép bảng sang một tệp Excel mới rồi lưu lại.")
            if part.filename.endswith((".xml", ".rels", ".vml")):
                _check_part(archive, part)


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    far_row, columns, tail = 0, set(), b""
    with archive.open(part) as stream:
        first = True
        while block := stream.read(1 << 20):
            if first and (b"<!DOCTYPE" in block[:4096].upper() or b"<!ENTITY" in block[:4096].upper()):
                raise Refused(f"phần {part.filename} của tệp Excel khai báo DOCTYPE/ENTITY, điều Excel không bao giờ "
                              "ghi. Hãy mở bằng Excel và lưu lại thành tệp .xlsx mới.")
            first = False
            if not _SHEET_PART.match(part.filename):
                continue
            text = tail + block
            columns.update(_CELL_COLUMN.findall(text))          # in C: a sheet of 300.000 rows takes a second
            far_row = max([far_row, *map(int, _CELL_ROW.findall(text[-65536:]))])   # rows come in order
            tail = text[-256:]
    far_column = max(map(_column_number, columns), default=0)
    if far_column > MAX_COLUMNS or far_row * far_column > MAX_CELLS:
        letters = next(c for c in columns if _column_number(c) == far_column).decode()
        raise Refused(f"các ô có dữ liệu trải tới cột {letters} và dòng {format_count(far_row)} (ô "
                      f"{letters}{far_row}), tức {format_count(far_row)} dòng × {format_count(far_column)} cột, quá "
                      "lớn để đọc. Nếu các ô ở xa đó không thuộc bảng báo cáo, hãy xóa chúng (hoặc chép bảng sang "
                      "trang tính mới) rồi lưu lại; nếu bảng thật sự lớn như vậy, hãy chia thành nhiều tệp.")


def _encrypted(path: str) -> bool:
    """An Office file saved with a password: an OLE2 container holding an 'EncryptedPackage' stream."""
    marker = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            if marker in tail + block:
                return True
            tail = block[-len(marker):]
    return False


def read_workbook(path: str, kind: str | None, file_name: str, out: str) -> dict:
    from python_calamine import CalamineWorkbook

    if zipfile.is_zipfile(path):
        check_workbook(path)
    elif _encrypted(path):
        raise Refused("tệp Excel có đặt mật khẩu nên không đọc được. Hãy mở bằng Excel, bỏ mật khẩu (Tệp → Thông "
                      "tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa trống) rồi lưu lại.")
    try:
        workbook = CalamineWorkbook.from_path(path)
    except Exception:
        raise Refused("không mở được tệp Excel: tệp hỏng, thiếu phần hoặc không phải tệp Excel. Hãy mở bằng Excel "
                      "và lưu lại dạng .xlsx.") from None
    first_problem = None
    for sheet_name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(sheet_name)
        if sheet.height * max(sheet.width, 1) > MAX_CELLS:
            raise Refused(f"trang tính “{sheet_name}” trải tới {sheet.height} dòng × {sheet.width} cột, quá lớn để "
                          "đọc. Hãy xóa các ô thừa ở xa bảng hoặc chia thành nhiều tệp.")
        rows = sheet.iter_rows()
        head = []
        for row in rows:
            head.append([cell_text(v) for v in row])
            if len(head) > HEADER_SEARCH_ROWS:
                break
        try:
            header = find_header(file_name, [[c or "" for c in r] for r in head], kind)
        except FileProblem as problem:
            first_problem = first_problem or problem
            continue
        width = len(header.labels)
        written = 0
        with open(out, "w", encoding="utf-8", newline="") as target:
            writer = csv.writer(target, lineterminator="\n")
            for cells in head[header.first_data_row:]:
                writer.writerow((cells + [None] * width)[:width])
                written += 1
            for row in rows:
                cells = [cell_text(v) for v in row[:width]]
                writer.writerow(cells + [None] * (width - len(cells)))
                written += 1
        return {"header": asdict(header), "width": width, "rows": written}
    if first_problem is not None:
        return {"problem": str(first_problem), "hint": first_problem.hint}
    raise Refused("tệp Excel không có trang tính nào.")


def main(path: str, kind: str, file_name: str, out: str, memory_mb: int, seconds: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds + 5, seconds + 5))
    try:   # Linux: die with the server or loader that started us, never read on alone
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except OSError:
        pass
    try:
        answer = read_workbook(path, kind or None, file_name, out)
    except Refused as problem:
        answer = {"problem": f"{file_name}: {problem}"}
    except MemoryError:
        answer = {"memory": True}
    except Exception:   # anything the parsers raise on a malformed file
        answer = {"problem": f"{file_name}: tệp Excel hỏng hoặc không đúng định dạng nên không đọc được. Hãy mở "
                             "bằng Excel và lưu lại dạng .xlsx."}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
