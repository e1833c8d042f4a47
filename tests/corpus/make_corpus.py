"""Writes the document corpus (Word, text PDF, scans, plain text) and expected.json into this folder.

Run from the project root: `.venv/bin/python tests/corpus/make_corpus.py`. The texts and expected answers are in
sources.py; everything random (scan rotation and specks, the long report's appendix) uses fixed seeds.
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
for path in (str(ROOT), str(ROOT / "tests"), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from common.office import convert, find_office  # noqa: E402
from conftest import cp1258  # noqa: E402  (Excel's bytes on Vietnamese Windows)
from sources import DOCS, PAGE_BREAK  # noqa: E402

# ------------------------------------------------------------------------------------------------ Word
def _style(document):
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)          # A4, the margins of Party documents
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(1.5), Cm(2), Cm(2)
    props = document.core_properties
    props.author = props.last_modified_by = "Văn phòng"
    props.created = props.modified = dt.datetime(2027, 1, 1)
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
    """Centimetres per column (16.5 between the margins): a narrow "TT", the name column wide."""
    wide = 1 if header[1] in ("Đơn vị", "Chỉ tiêu") else len(header) - 1
    other = 2.3 if len(header) > 4 else 2.8
    return [1.0 if i == 0 else (16.5 - 1.0 - other * (len(header) - 2) if i == wide else other)
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
                run.bold = r == 0 or value == "Tổng cộng"
    document.add_paragraph()


def _page_footer(document):
    """'Trang N/M' with Word fields, as many offices print it."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Trang ")
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            paragraph.add_run("/")
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)


def word(record) -> bytes:
    document = Document()
    _style(document)
    if record["letterhead"]:
        _letterhead(document, record["letterhead"])
    for item in record["body"]:
        if item == PAGE_BREAK:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(item, list):
            _grid(document, item)
        elif item.startswith("^"):
            _para(document, item[1:], bold=True, center=True)
        elif item.startswith("#"):
            _para(document, item[1:], bold=True)
        elif item.startswith("@"):                          # the signature block, on the right
            _para(document, item[1:], bold=item != "@(đã ký)", center=True).paragraph_format.left_indent = Cm(8)
        elif item == "Nơi nhận:":
            _para(document, item, bold=True, italic=True)
        else:
            _para(document, item)
    if record["footer_pages"]:
        _page_footer(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same .docx bytes on every run: python-docx stamps each zip entry with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, (2027, 1, 1, 0, 0, 0)), source.read(info.filename),
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def plain_text(record) -> str:
    return "\n".join(item.lstrip("@") for item in record["body"] if isinstance(item, str)) + "\n"


def text_bytes(record) -> bytes:
    text = plain_text(record)
    encoding = record["encoding"]
    if encoding == "cp1258":
        return cp1258(text)
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")       # UTF-16 LE with BOM on any machine
    return text.encode(encoding)


# ------------------------------------------------------------------------------------------------ scans
def scan(pdf: bytes, seed: int) -> bytes:
    """Each page at 200 dpi in grey, turned 0.8-2 degrees, photocopier specks, a light blur; one image-only PDF."""
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
                    "scan": lambda: scan(pdf, 1000 + number)}[kind]()
            (HERE / name).write_bytes(data)
            answer = dict(record["expected"])
            others = [n for k, n in files.items() if n != name]
            answer["shape"] = f"{answer['shape']} [{'scan' if kind == 'scan' else kind}" + (
                f"; same text as {', '.join(others)}]" if others else "]")
            expected[name] = answer
            print(f"{name:55s} {len(data):>8d} bytes")
    ordered = {name: expected[name] for name in sorted(expected)}
    (HERE / "expected.json").write_text(json.dumps(ordered, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(expected)} files, expected.json written")


if __name__ == "__main__":
    main()
