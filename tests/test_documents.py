"""Text out of the documents offices send (issue 14, part 1): Word with its letterhead table, old Word, a PDF with a
text layer, a scan (a rotated, speckled page image in a PDF, and a photo), plain text in the encodings the CSV
reader accepts, pasted text; all NFC, in document order, table rows on one line."""
import random
import subprocess
import unicodedata
import zipfile

import pytest
from docx import Document
from PIL import Image, ImageFilter

from common.office import convert, find_office
from etl.documents import CELLS, pasted, read_document
from etl.readers import FileProblem

from conftest import cp1258

LETTERHEAD = [["HUYỆN ỦY VĂN YÊN", "ĐẢNG CỘNG SẢN VIỆT NAM"], ["Số: 15-BC/HU", "Văn Yên, ngày 10 tháng 6 năm 2022"]]
BODY = ["BÁO CÁO", "Kết quả tổ chức sinh hoạt chính trị dịp 19-5 năm 2022",
        "Đến nay có 46 chi bộ, đảng bộ trực thuộc Huyện ủy tổ chức hội nghị với trên 3.550 cán bộ, đảng viên tham gia."]
FIGURES = [["Đơn vị", "Chi bộ", "Đảng viên"], ["Xã An Bình", "12/12", "310/322"], ["Thị trấn Mậu A", "9/10", "255/270"]]


def _table(document, rows, merge_first_row=False):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if merge_first_row:
        table.cell(0, 0).merge(table.cell(0, len(rows[0]) - 1)).text = rows[0][0]
    return table


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """One district's report as Word, old Word, text PDF and a scan of it; built once."""
    folder = tmp_path_factory.mktemp("documents")
    document = Document()
    _table(document, LETTERHEAD)
    for text in BODY:
        document.add_paragraph(text)
    _table(document, [["Kết quả theo đơn vị", "", ""]] + FIGURES, merge_first_row=True)
    document.save(folder / "bao_cao.docx")
    office = find_office()
    word = (folder / "bao_cao.docx").read_bytes()
    # LibreOffice drops python-docx's tables when it writes .doc straight from .docx; through .odt it keeps them
    odt = convert(office, word, ".docx", "odt", 120)
    (folder / "bao_cao.doc").write_bytes(convert(office, odt, ".odt", "doc", 120))
    (folder / "bao_cao.pdf").write_bytes(convert(office, word, ".docx", "pdf", 120))
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(folder / "bao_cao.pdf"),
                    str(folder / "trang")], check=True)
    page = Image.open(folder / "trang.png").convert("L").rotate(1.5, expand=True, fillcolor=255)
    pixels, noise = page.load(), random.Random(14)
    for _ in range(page.width * page.height // 60):        # a photocopier's specks
        pixels[noise.randrange(page.width), noise.randrange(page.height)] = noise.choice((0, 128, 255))
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    page.save(folder / "ban_quet.pdf", resolution=200)
    page.save(folder / "anh_chup.jpg", quality=80)
    return folder


def test_word_keeps_the_letterhead_paragraphs_and_table_rows_in_order(corpus):
    document = read_document(corpus / "bao_cao.docx")
    assert document.text_from == "docx"
    assert document.lines == (
        "HUYỆN ỦY VĂN YÊN | ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 15-BC/HU | Văn Yên, ngày 10 tháng 6 năm 2022", *BODY,
        "Kết quả theo đơn vị",                              # a merged cell once, not once per column
        *(CELLS.join(row) for row in FIGURES))


def test_old_word_reads_like_new_word(corpus):
    assert read_document(corpus / "bao_cao.doc").lines == read_document(corpus / "bao_cao.docx").lines


def test_a_text_pdf_keeps_each_table_row_on_one_line(corpus):
    document = read_document(corpus / "bao_cao.pdf")
    assert document.text_from == "pdf-text" and not document.doubtful_pages
    assert "Xã An Bình | 12/12 | 310/322" in document.lines and "HUYỆN ỦY VĂN YÊN | ĐẢNG CỘNG SẢN VIỆT NAM" in document.lines
    assert "trên 3.550 cán bộ" in " ".join(document.lines)


@pytest.mark.parametrize("name", ["ban_quet.pdf", "anh_chup.jpg"])
def test_a_speckled_slightly_rotated_scan_is_read_by_ocr(corpus, name):
    document = read_document(corpus / name)
    text = " ".join(document.lines)
    assert document.text_from == "ocr" and not document.doubtful_pages
    for expected in ("HUYỆN ỦY VĂN YÊN", "15-BC/HU", "dịp 19-5 năm 2022", "46", "trên 3.550 cán bộ, đảng viên",
                     "Xã An Bình", "12/12", "310/322"):
        assert expected in text, (expected, text)


def test_a_blank_page_is_empty_not_doubtful(tmp_path):
    Image.new("L", (1200, 1600), 255).save(tmp_path / "trang_trang.png")
    document = read_document(tmp_path / "trang_trang.png")
    assert document.lines == () and document.doubtful_pages == ()


def test_an_unreadable_scan_is_said_to_be_doubtful(tmp_path):
    page = Image.new("L", (1200, 1600), 255)
    pixels, noise = page.load(), random.Random(3)
    for y in range(300, 1300, 40):                          # smudged lines where text should be
        for x in range(100, 1100):
            if noise.random() < 0.5:
                pixels[x, y + noise.randrange(8)] = 0
    page.filter(ImageFilter.GaussianBlur(3)).save(tmp_path / "mo.png")
    assert read_document(tmp_path / "mo.png").doubtful_pages == (1,)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_plain_text_in_every_encoding_the_csv_reader_accepts_comes_out_nfc(tmp_path, encoding):
    text = "\n".join(BODY) + "\n"
    path = tmp_path / "bao_cao.txt"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    document = read_document(path)
    assert document.text_from == "text" and document.lines == tuple(BODY)
    assert all(unicodedata.is_normalized("NFC", line) for line in document.lines)


def test_pasted_text_is_nfc_with_blank_lines_and_spacing_dropped():
    decomposed = unicodedata.normalize("NFD", BODY[2])
    document = pasted(f"  {BODY[0]}  \n\n{decomposed}\n   \n")
    assert document.lines == (BODY[0], BODY[2]) and document.text_from == "text"


@pytest.mark.parametrize("name, content, says", [
    ("bao_cao.xls", b"\xd0\xcf\x11\xe0", "chưa đọc được loại tệp “.xls”"),
    ("hong.docx", b"PK\x03\x04 not a zip", "tệp Word bị hỏng"),
    ("hong.pdf", b"%PDF-1.4 truncated", "tệp PDF bị hỏng"),
    ("hong.png", b"\x89PNG\r\n\x1a\n broken", "ảnh bị hỏng"),
    ("bom.docx", None, "tệp Word lớn hoặc nén bất thường"),
])
def test_a_document_that_cannot_be_read_says_so_in_vietnamese(tmp_path, name, content, says):
    if content is None:     # 40 MB of text packed into a few kB
        with zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<w:t>" + "a" * 40 * 1024 * 1024 + "</w:t>")
    else:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(FileProblem, match=says) as refused:
        read_document(tmp_path / name)
    assert str(refused.value).startswith(f"{name}: ")
