"""Text out of the documents offices send: Word (.docx; old .doc through LibreOffice), PDF with a text layer
(poppler's pdftotext, which keeps a table row on one line), scans (a PDF page without text, .png, .jpg) through
Tesseract's Vietnamese model, and plain text in any encoding the CSV reader accepts. Everything comes out NFC, as
lines in document order: a paragraph, or a table row with its cells joined by " | "."""
import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common.formats import format_decimal
from common.office import convert, find_office
from common.text import nfc
from etl.readers import FileProblem, detect_encoding
from etl.scratch import scratch_dir

WORD = {".docx", ".doc"}
PDF = {".pdf"}
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
TEXT = {".txt"}
SUFFIXES = WORD | PDF | IMAGES | TEXT
CELLS = " | "                 # between the cells of a table row on its line
MAX_PAGES = 60                # a report or a plan runs to a few pages; more is not a document to read
LOW_CONFIDENCE = 70           # Tesseract's mean word confidence (0-100) under which a page is said to be doubtful
OCR_DPI = 300
SECONDS = 60                  # for one external program run (pdftotext, pdftoppm, tesseract, LibreOffice)
MAX_WORD_TEXT = 30 * 1024 * 1024   # a Word file's XML, unpacked: a 60-page report holds a few MB
MAX_SCANNED = 20              # scanned pages read by OCR in one document (about a second each)
MAX_PIXELS = 80_000_000       # one page or photo: 300 dpi A3 is 35 million
PROGRAM_MEMORY = 1024 ** 3    # address space of one external program: a crafted PDF cannot take the server's memory


@dataclass(frozen=True)
class DocumentText:
    file_name: str
    text_from: str                                  # "docx", "pdf-text", "ocr" or "text"
    lines: tuple[str, ...]
    doubtful_pages: tuple[int, ...] = ()            # scanned pages (from 1) whose OCR confidence is low


def _clean(lines) -> tuple[str, ...]:
    return tuple(line for line in (" ".join(nfc(text).split()) for text in lines) if line)


def pasted(text: str, file_name: str = "văn bản dán vào") -> DocumentText:
    """Text pasted into the page."""
    return DocumentText(file_name, "text", _clean(text.splitlines()))


def read_document(path: str | Path, file_name: str | None = None,
                  progress: Callable[[float, str], None] | None = None) -> DocumentText:
    """The document's text; FileProblem in Vietnamese when it cannot be read. `progress` hears of each OCR page."""
    path = Path(path)
    name = file_name or path.name
    suffix = Path(name).suffix.lower() or path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileProblem(f"{name}: chưa đọc được loại tệp “{suffix or 'không có đuôi'}”. Hãy gửi văn bản dạng Word "
                          "(.docx, .doc), PDF, ảnh chụp (.png, .jpg) hoặc văn bản thường (.txt).")
    if suffix in TEXT:
        return DocumentText(name, "text", _clean(_decoded(path, name).splitlines()))
    if suffix in WORD:
        data = path.read_bytes() if suffix == ".docx" else _doc_to_docx(path, name)
        return DocumentText(name, "docx", _docx_lines(data, name))
    if suffix in IMAGES:
        lines, confidence = _ocr(path, name)
        return DocumentText(name, "ocr", lines, (1,) if _doubtful(confidence) else ())
    return _pdf(path, name, progress)


def _decoded(path: Path, name: str) -> str:
    data = path.read_bytes()
    try:
        encoding = detect_encoding(name, data[:65536])
    except FileProblem:
        raise FileProblem(f"{name}: không đọc được chữ trong tệp văn bản này. Hãy mở bằng Notepad rồi lưu lại với "
                          "bảng mã UTF-8.") from None
    return data.decode(encoding, errors="replace")


def _doc_to_docx(path: Path, name: str) -> bytes:
    office = find_office()
    if office is None:
        raise FileProblem(f"{name}: máy chủ chưa có LibreOffice để đọc tệp Word cũ (.doc). Hãy lưu lại thành .docx "
                          "rồi gửi lại, hoặc nhờ quản trị cài libreoffice-writer-nogui.")
    try:
        data = convert(office, path.read_bytes(), ".doc", "docx", SECONDS, scratch_dir())
    except subprocess.TimeoutExpired:
        data = None
    if data is None:
        raise FileProblem(f"{name}: LibreOffice không mở được tệp Word cũ này. Hãy mở bằng Word, lưu lại thành .docx "
                          "rồi gửi lại.")
    return data


def _check_word(data: bytes, name: str) -> None:
    """Refuse, before python-docx builds its tree in the server's memory, a Word file whose text parts unpack to
    more than a report ever holds, or that unpacks far beyond its size (a zip bomb). Pictures may be large."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        text = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
        if len(parts) > 5000 or text > MAX_WORD_TEXT or any(
                part.file_size > 1048576 and part.file_size > 200 * max(part.compress_size, 1) for part in parts):
            raise FileProblem(f"{name}: tệp Word lớn hoặc nén bất thường (phần chữ giải nén ra "
                              f"{format_decimal(text / 1048576, 0)} MB), không phải một báo cáo thông thường. Hãy "
                              "chép nội dung sang tệp Word mới, lưu lại rồi gửi lại.")


def _docx_lines(data: bytes, name: str) -> tuple[str, ...]:
    """Paragraphs and table rows in document order; the letterhead table included."""
    from docx import Document  # python-docx: only when a Word file comes
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_word(data, name)
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileProblem(f"{name}: tệp Word bị hỏng hoặc không phải tệp Word. Hãy mở bằng Word, lưu lại rồi gửi "
                          "lại.") from None
    lines = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:             # a merged cell comes once per column it spans
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(" ".join(cell.text.split()))
                lines.append(CELLS.join(text for text in cells if text))
        else:
            lines.append(block.text)
    return _clean(lines)


PDF_BROKEN = ("tệp PDF bị hỏng, có mật khẩu hoặc không phải PDF. Hãy mở và lưu lại thành PDF không đặt mật khẩu rồi "
              "gửi lại.")
IMAGE_BROKEN = "ảnh bị hỏng hoặc không phải ảnh. Hãy chụp hoặc quét lại rồi gửi dạng .png hay .jpg."


def _run(command: list[str], name: str, broken: str) -> str:
    """A program's output; FileProblem("`name`: `broken`") when it fails on the file."""
    if shutil.which(command[0]) is None:
        raise FileProblem(f"{name}: máy chủ chưa có chương trình {command[0]}; quản trị hãy chạy `make` để cài "
                          "(poppler-utils, tesseract-ocr, tesseract-ocr-vie).")
    limited = ["prlimit", f"--as={PROGRAM_MEMORY}", "--"] if shutil.which("prlimit") else []
    try:
        done = subprocess.run(limited + command, capture_output=True, timeout=SECONDS, check=False,
                              env=os.environ | {"OMP_THREAD_LIMIT": "1"})   # Tesseract's threads fight on 2 cores
    except subprocess.TimeoutExpired:
        raise FileProblem(f"{name}: đọc tệp quá {SECONDS} giây nên đã dừng. Hãy gửi bản PDF ít trang hơn hoặc bản "
                          "Word.") from None
    if done.returncode != 0:
        raise FileProblem(f"{name}: {broken}")
    return done.stdout.decode("utf-8", errors="replace")


def _pdf(path: Path, name: str, progress) -> DocumentText:
    """The text layer, page by page; a page without one (a scan) is read by OCR."""
    pages = _run(["pdftotext", "-layout", "-enc", "UTF-8", "-l", str(MAX_PAGES), str(path), "-"], name,
                 PDF_BROKEN).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()                                # pdftotext ends the last page with a form feed too
    if sum(len(page.strip()) < 20 for page in pages) > MAX_SCANNED:   # known before any page is read by OCR
        raise FileProblem(f"{name}: có hơn {MAX_SCANNED} trang ảnh quét cần đọc chữ. Hãy gửi riêng phần báo cáo "
                          "(thường vài trang), hoặc bản Word.")
    lines, doubtful, scanned = [], [], 0
    for number, page in enumerate(pages, 1):
        if len(page.strip()) >= 20:
            lines += _layout_page(page)
            continue
        scanned += 1
        if progress:
            progress((number - 1) / len(pages), f"Đang đọc chữ trong ảnh quét, trang {number}/{len(pages)}")
        with tempfile.TemporaryDirectory(prefix="ocr-", dir=scratch_dir()) as folder:
            page_lines, confidence = _ocr(_page_image(path, number, Path(folder), name), name)
        lines += page_lines
        if _doubtful(confidence):
            doubtful.append(number)
    text_from = "ocr" if scanned and scanned == len(pages) else "pdf-text"
    return DocumentText(name, text_from, _clean(lines), tuple(doubtful))


def _page_image(path: Path, number: int, folder: Path, name: str) -> Path:
    """A scanned page's picture: the scan the PDF holds, as it is (a tenth of the time of drawing the page again),
    or, for a page not made of one picture, the page drawn at OCR_DPI."""
    _run(["pdfimages", "-all", "-f", str(number), "-l", str(number), str(path), str(folder / "anh")], name,
         PDF_BROKEN)
    pictures = sorted(folder.glob("anh-*"), key=lambda picture: picture.stat().st_size)
    if pictures:
        return pictures[-1]
    _run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-f", str(number), "-l", str(number), "-singlefile",
          str(path), str(folder / "trang")], name, PDF_BROKEN)
    return folder / "trang.png"


def _layout_page(page: str) -> list[str]:
    """A page of pdftotext's layout as lines: columns set apart by a run of spaces become table cells, and a
    table cell wrapped onto the next line ("Số chi bộ / đã sinh / hoạt", "Đảng ủy Khối các cơ / quan tỉnh") is
    joined back to its column, found by where its text stands on the line."""
    rows: list[list[list]] = []                    # each row: cells as [start, end, text]
    for line in page.splitlines():
        cells = [[m.start(), m.end(), m.group()] for m in re.finditer(r"\S+(?: {1,2}\S+)*", line)]
        if not cells:
            continue
        above = rows[-1] if rows else None
        if above and len(above) >= 3 and not re.search(r"\d", line) and len(line.strip()) < 60:
            columns = [_nearest(above, cell) for cell in cells]
            header = not any(re.search(r"\d", cell[2]) for cell in above)
            if len(set(columns)) == len(columns) and (header or 0 not in columns):
                for cell, column in zip(cells, columns):
                    above[column][2] += " " + cell[2]
                continue
        rows.append(cells)
    return [CELLS.join(cell[2] for cell in row) for row in rows]


def _nearest(row: list[list], cell: list) -> int:
    """The column of `row` whose middle is closest to the middle of `cell`."""
    middle = (cell[0] + cell[1]) / 2
    return min(range(len(row)), key=lambda index: abs((row[index][0] + row[index][1]) / 2 - middle))


def _doubtful(confidence: float | None) -> bool:
    """A page read with low confidence; a blank page (no words at all) is not doubtful, only empty."""
    return confidence is not None and confidence < LOW_CONFIDENCE


def _ocr(image: Path, name: str) -> tuple[tuple[str, ...], float | None]:
    """Tesseract's Vietnamese model on one image, cleaned first: its lines, and the mean confidence of its words.

    A copy through a photocopier or a fax is speckled; a 3x3 median filter takes the specks away, which in a test
    scan turned "%š'Ad Bình 22:52 7212/12" back into "Xã An Bình 12/12" and made Tesseract ten times faster.
    Tesseract straightens a slightly rotated page itself when it finds the lines."""
    from PIL import Image, ImageFilter, UnidentifiedImageError  # Pillow: only when a scan comes

    with tempfile.TemporaryDirectory(prefix="ocr-", dir=scratch_dir()) as folder:
        cleaned = Path(folder) / "sach.png"
        too_large = FileProblem(f"{name}: ảnh quá lớn (hơn {MAX_PIXELS // 1_000_000} triệu điểm ảnh). Hãy quét "
                                "lại ở 300 dpi.")
        try:
            with Image.open(image) as picture:
                if picture.width * picture.height > MAX_PIXELS:
                    raise too_large
                picture.convert("L").filter(ImageFilter.MedianFilter(3)).save(cleaned)
        except Image.DecompressionBombError:          # Pillow's own ceiling, above ours
            raise too_large from None
        except (UnidentifiedImageError, OSError):
            raise FileProblem(f"{name}: {IMAGE_BROKEN}") from None
        tsv = _run(["tesseract", str(cleaned), "stdout", "-l", "vie", "--psm", "3", "tsv"], name, IMAGE_BROKEN)
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    lines: dict[tuple, list[str]] = {}
    confidences = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if not text or float(row.get("conf") or -1) < 0:
            continue
        confidences.append(float(row["conf"]))
        lines.setdefault((int(row["block_num"]), int(row["par_num"]), int(row["line_num"])), []).append(text)
    mean = sum(confidences) / len(confidences) if confidences else None
    return _clean(" ".join(words) for words in lines.values()), mean

