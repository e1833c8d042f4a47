"""Writes the held-out corpus (Word, text PDF, one scan, plain text) and expected.json into this folder.

Run from the project root: `.venv/bin/python tests/corpus_unseen/make_corpus.py`. Texts and expected answers are
in sources.py (this folder). The generator follows tests/corpus/make_corpus.py (python-docx, LibreOffice for the
PDFs, pdftoppm + Pillow for the scan), copied here so that the two corpora stay independent; tables get column
widths from their own header. Everything random (scan rotation and specks) uses a fixed seed.
"""
import datetime as dt
import io
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(HERE), str(ROOT)]                     # this folder's sources.py, then the project

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from common.office import convert, find_office  # noqa: E402
from sources import DOCS  # noqa: E402

TEXT_WIDTH = 16.5                                          # cm between the margins of Party documents


# ------------------------------------------------------------------------------------------------ Word
def _style(document):
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(1.5), Cm(2), Cm(2)
    props = document.core_properties
    props.author = props.last_modified_by = "Văn phòng cấp ủy"
    props.created = props.modified = dt.datetime(2027, 2, 1)
    props.revision = 1


def _para(container, text, bold=False, italic=False, center=False, first=False):
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _letterhead(document, letterhead):
    upper, issuer, number, place_date = letterhead
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    lines = ([(upper, False)] if upper else []) + [(issuer, True), ("*", False), (number, False)]
    for index, (text, bold) in enumerate(lines):
        _para(left, text, bold=bold, center=True, first=index == 0)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, center=True, first=True)
    _para(right, place_date, italic=True, center=True)
    document.add_paragraph()


def _widths(header):
    """Centimetres per column: a narrow "TT", the widest share to text columns, 2.2 cm to number columns."""
    if len(header) == 2:
        return [11.5, 5.0]
    text_cols = [i for i, h in enumerate(header) if i and (h in ("Đơn vị", "Đảng bộ cơ sở", "Đợt sinh hoạt",
                                                              "Nội dung", "Thời gian tổ chức", "Thời hạn báo cáo"))]
    number_cols = [i for i in range(1, len(header)) if i not in text_cols]
    number_width = 2.0 if number_cols else 0
    rest = TEXT_WIDTH - 1.0 - number_width * len(number_cols)
    return [1.0 if i == 0 else (number_width if i in number_cols else rest / len(text_cols))
            for i in range(len(header))]


def _grid(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    widths = _widths(rows[0])
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 567)))
    for values in table.rows:
        for cell, width in zip(values.cells, widths):
            cell.width = Cm(width)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(11)
                run.bold = r == 0 or value in ("Cộng", "Tổng cộng")
    document.add_paragraph()


def word(record) -> bytes:
    document = Document()
    _style(document)
    if record["letterhead"]:
        _letterhead(document, record["letterhead"])
    for item in record["body"]:
        if isinstance(item, list):
            _grid(document, item)
        elif item.startswith("^"):
            _para(document, item[1:], bold=True, center=True)
        elif item.startswith("#"):
            _para(document, item[1:], bold=True)
        elif item.startswith("@"):
            _para(document, item[1:], bold=item != "@(đã ký)", center=True).paragraph_format.left_indent = Cm(8)
        elif item == "Nơi nhận:":
            _para(document, item, bold=True, italic=True)
        else:
            _para(document, item)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, (2027, 2, 1, 0, 0, 0)), source.read(info.filename),
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def plain_text(record) -> str:
    """Text files: the body's paragraphs, one a line (tables are never used in text files)."""
    return "\n".join(item.lstrip("@") for item in record["body"] if isinstance(item, str)) + "\n"


def text_bytes(record) -> bytes:
    text = plain_text(record).replace("\n", record["newline"])
    if record["encoding"] == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")       # UTF-16 LE with BOM on any machine
    return text.encode(record["encoding"])


# ------------------------------------------------------------------------------------------------ scans
def scan(pdf: bytes, seed: int) -> bytes:
    """Same recipe as tests/corpus: each page at 200 dpi in grey, turned 0.8-2 degrees, photocopier specks, a
    light blur; one image-only PDF."""
    noise = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="scan-") as folder:
        work = Path(folder)
        (work / "in.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(work / "in.pdf"), str(work / "trang")],
                       check=True)
        pages = []
        for png in sorted(work.glob("trang*.png")):
            angle = noise.uniform(0.8, 2.0) * noise.choice((-1, 1))
            page = Image.open(png).convert("L").rotate(angle, expand=True, fillcolor=255)
            pixels = page.load()
            for _ in range(page.width * page.height // 80):
                pixels[noise.randrange(page.width), noise.randrange(page.height)] = noise.choice((0, 128, 255))
            pages.append(page.filter(ImageFilter.GaussianBlur(0.5)))
        buffer = io.BytesIO()
        pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=200, quality=60)
        return buffer.getvalue()


# ------------------------------------------------------------------------------------------------ main
def public(answer: dict) -> dict:
    """The expected answer as stored: helper keys (a leading underscore) dropped."""
    answer = json.loads(json.dumps(answer))
    for p in (answer.get("plan") or {}).get("periods", []):
        for key in [k for k in p if k.startswith("_")]:
            del p[key]
    return answer


def main():
    office = find_office()
    if not office:
        sys.exit("LibreOffice not found")
    expected = {}
    for number, record in enumerate(DOCS):
        files = record["files"]
        docx = word(record) if {"docx", "pdf", "scan"} & files.keys() else None
        pdf = convert(office, docx, ".docx", "pdf", 180) if {"pdf", "scan"} & files.keys() else None
        for kind, name in files.items():
            data = {"docx": lambda: docx, "pdf": lambda: pdf, "txt": lambda: text_bytes(record),
                    "scan": lambda: scan(pdf, 5000 + number)}[kind]()
            (HERE / name).write_bytes(data)
            answer = public(record["expected"])
            answer["shape"] = f"{answer['shape']} [{kind}]"
            expected[name] = answer
            print(f"{name:55s} {len(data):>8d} bytes")
    ordered = {name: expected[name] for name in sorted(expected)}
    (HERE / "expected.json").write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected)} files, expected.json written")


if __name__ == "__main__":
    main()
