"""Hostile inputs for the loader, made by code: each case writes the files it needs and says how a load must end.

Big files are written when a case first asks for them, into a folder the tests own, never into the repository.
`PYTHONPATH=. python tests/hostile.py FOLDER`, from the project folder, writes the whole corpus to open by hand."""
import codecs
import os
import random
import struct
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from conftest import PERIODS, REPORT_HEADER, TOPICS, UNITS, cp1258, csv_text, report

GOOD = report("Bản Lầu", "2022-3-2")
GOOD_2 = report("Thị trấn Mường Khương", "2022-3-2")
CELL_COUNT = 1000   # cells under P-CP in the catalogue: enough distinct units for a valid file of 64 KB and more
CELLS = [["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"]] + [
    [f"CB{i}", f"Chi bộ số {i}", "P-CP", "01/07/2025"] for i in range(CELL_COUNT)]
UNIT_HEADER = CELLS[0]
PADDING = "đã sinh hoạt đầy đủ"   # a note that takes 1000 rows past the 64 KB a reader samples
SECRET = "BI-MAT-KHONG-DUOC-LO"   # what an XML external entity would leak into a message
HOSTILE_TEXT = {
    "html": '<a href="http://x">y</a>',
    "markdown": "[Bấm](http://x) ![t](http://x)",
    "rtl_override": "Đơn vị \u202elạ số 7",
    "ansi_fake_done": "\x1b[2J\x1b[H\r\nĐÃ NẠP XONG: thêm 10.000 dòng\r\n",
    "control_chars": "Đơn vị\x07\x08\x0b\x0c\x1f\x7f\x85 lạ",
}
HOSTILE_NAME = "ten-tep-la <b onclick=x>[Bấm](x) \x1b[2J\nĐÃ NẠP XONG \u202egnp"   # '/' is all a file name cannot hold


def catalogue_files(folder: Path) -> list[Path]:
    """The small province of conftest plus CELL_COUNT cells, as an admin would load them."""
    files = []
    for name, rows in (("units.csv", UNITS), ("periods.csv", PERIODS), ("topics.csv", TOPICS), ("cells.csv", CELLS)):
        files.append(folder / name)
        files[-1].write_text(csv_text(rows), encoding="utf-8", newline="")
    return files


def cell_reports(count: int = CELL_COUNT, note: str = "") -> list[list]:
    """Valid reports of distinct cells for the 2-9 occasion of 2025."""
    return [report(f"CB{i}", "2025-2-9", date="01/10/2025", note=note) for i in range(count)]


class Corpus:
    """A folder of generated files; each is written once, the first time a case asks for it."""

    def __init__(self, folder: Path):
        self.folder = folder

    def write(self, name: str, content: bytes | Callable[[Path], None]) -> Path:
        path = self.folder / name
        if not os.path.lexists(path):
            if callable(content):
                content(path)
            else:
                path.write_bytes(content)
        return path


@dataclass(frozen=True)
class Case:
    id: str
    expect: str                            # "load" or "refuse"
    make: Callable[[Corpus], list[str]]    # writes what it needs; returns the command line's FILE arguments
    word: str | None = None                # what a refusal must say, where the case calls for one message
    rows: int | None = None                # rows a load must import
    marker: str | None = None              # the part of the file name a refusal must show; default the whole name
    printed: bool = False                  # its text reaches a terminal: the human-readable output must stay inert
    why: str = ""


# ---- CSV ---------------------------------------------------------------------------------------------------------

def csv_bytes(rows, encoding: str = "utf-8", separator: str = ",") -> bytes:
    text = csv_text(rows, separator)
    return cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def csv_file(name: str, rows, **options) -> Callable[[Corpus], list[str]]:
    return lambda corpus: [str(corpus.write(name, csv_bytes(rows, **options)))]


def raw_file(name: str, content: bytes | Callable[[Path], None]) -> Callable[[Corpus], list[str]]:
    return lambda corpus: [str(corpus.write(name, content))]


def streamed(chunks: Callable[[], Iterable[bytes]]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            for chunk in chunks():
                handle.write(chunk)
    return write


def mixed_encoding() -> bytes:
    """Windows-1258 for the first 1000 rows, then rows pasted in as UTF-8 ('Đ' is C4 90; 90 is no cp1258 byte)."""
    first = csv_bytes([REPORT_HEADER] + cell_reports(note=PADDING), encoding="cp1258")
    assert len(first) > 65536
    return first + csv_bytes([report("Đảng bộ xã Bản Lầu", "2022-3-2")])


def invalid_utf8_after_64k() -> bytes:
    text = csv_bytes([REPORT_HEADER] + cell_reports(CELL_COUNT - 1, note=PADDING))
    assert len(text) > 65536
    return text + csv_bytes([report("Bản Lầu", "2022-3-2")])[:-2] + b"\xff\xfe\xc3\x28 l\xe1\xbb\r\n"


def wide_header_rows() -> list[list]:
    extra = [f"Cột thêm số {i}" for i in range(5000)]
    return [REPORT_HEADER + extra, GOOD + [""] * len(extra)]


def fifty_mb_cell() -> Iterable[bytes]:
    yield csv_bytes([REPORT_HEADER])
    row = csv_bytes([report("Bản Lầu", "2022-3-2", note="XYZ")])
    head, tail = row.split(b"XYZ")
    yield head
    block = "Ghi chú rất dài ".encode() * 65536
    for _ in range(50 * 1024 * 1024 // len(block) + 1):
        yield block
    yield tail


def blank_lines(header: list[str] | None, count: int, last: list[str] | None) -> Callable[[], Iterable[bytes]]:
    def chunks() -> Iterable[bytes]:
        if header:
            yield csv_bytes([header])
        for _ in range(count // 1_000_000):
            yield b"\n" * 1_000_000
        if last:
            yield csv_bytes([last])
    return chunks


def unknown_units(count: int) -> Callable[[], Iterable[bytes]]:
    def chunks() -> Iterable[bytes]:
        yield csv_bytes([REPORT_HEADER])
        for start in range(0, count, 10_000):
            yield csv_bytes([report(f"Đơn vị lạ số {i}", "2022-3-2") for i in range(start, start + 10_000)])
    return chunks


def unit_chain(depth: int) -> list[list[str]]:
    return [UNIT_HEADER] + [[f"L{i}", f"Chi bộ cấp {i}", f"L{i - 1}" if i else "T", "01/01/2020"]
                            for i in range(depth)]


# ---- Spreadsheets ------------------------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_OPEN = f'<worksheet xmlns="{MAIN}">'.encode()


def column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xml_row(number: int, values: list, styles: dict[int, int] | None = None) -> bytes:
    """One <row>: numbers as numbers, text inline, a cell given as bytes written as it is."""
    cells = []
    for index, value in enumerate(values):
        ref = f"{column(index)}{number}"
        style = f' s="{styles[index]}"' if styles and index in styles else ""
        if isinstance(value, bytes):
            cells.append(value)
        elif isinstance(value, (int, float)):
            cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>'.encode())
        elif value not in ("", None):
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'.encode())
    return f'<row r="{number}">'.encode() + b"".join(cells) + b"</row>"


def sheet(rows: Iterable[bytes], prolog: bytes = b"", dimension: str | None = None) -> Iterable[bytes]:
    yield XML_DECLARATION + prolog + SHEET_OPEN
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def report_rows(rows: list[list]) -> list[bytes]:
    return [xml_row(number, values) for number, values in enumerate(rows, start=1)]


DATE_STYLES = (XML_DECLARATION + f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/>'
               '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
               '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
               '</styleSheet>'.encode())


def workbook(sheet_xml: Iterable[bytes], shared: Callable[[], Iterable[bytes]] | None = None,
             styles: bytes | None = None, level: int = 6) -> Callable[[Path], None]:
    """An .xlsx written part by part, so that a part of hundreds of megabytes streams through deflate."""
    parts = {"xl/worksheets/sheet1.xml": ("worksheet", "worksheets/sheet1.xml", sheet_xml)}
    if shared is not None:
        parts["xl/sharedStrings.xml"] = ("sharedStrings", "sharedStrings.xml", shared())
    if styles is not None:
        parts["xl/styles.xml"] = ("styles", "styles.xml", [styles])
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = "".join(f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
                    f'spreadsheetml.{kind}+xml"/>'
                    for name, (kind, _, _) in parts.items())
    relations = "".join(f'<Relationship Id="r{n}" Type="{office}/{kind}" Target="{target}"/>'
                        for n, (kind, target, _) in enumerate(parts.values(), start=1))
    small = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + types +
        "</Types>",
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{office}"><sheets><sheet name="Báo cáo" '
        'sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{relations}</Relationships>',
    }

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as book:
            for name, text in small.items():
                book.writestr(name, XML_DECLARATION + text.encode())
            for name, (_, _, chunks) in parts.items():
                with book.open(name, "w", force_zip64=True) as part:
                    buffer = []
                    for chunk in chunks:
                        buffer.append(chunk)
                        if len(buffer) >= 4096:
                            part.write(b"".join(buffer))
                            buffer = []
                    part.write(b"".join(buffer))
    return write


def xlsx_file(name: str, sheet_xml: Callable[[], Iterable[bytes]], **options) -> Callable[[Corpus], list[str]]:
    return lambda corpus: [str(corpus.write(name, lambda path: workbook(sheet_xml(), **options)(path)))]


def far_cell_sheet() -> Iterable[bytes]:
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return sheet(report_rows([REPORT_HEADER, GOOD]) + [far], dimension="A1:XFD1048576")


def gigabyte_string() -> Iterable[bytes]:
    yield XML_DECLARATION + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
    block = b"A" * (1 << 22)
    for _ in range(256):
        yield block
    yield b"</t></si></sst>"


def shared_string_sheet() -> Iterable[bytes]:
    note = f'<c r="{column(len(REPORT_HEADER) - 1)}2" t="s"><v>0</v></c>'.encode()
    return sheet([xml_row(1, REPORT_HEADER), xml_row(2, GOOD[:-1] + [note])])


def entity_sheet(entities: str, reference: str) -> Callable[[], Iterable[bytes]]:
    prolog = f"<!DOCTYPE worksheet [{entities}]>\n".encode()
    unit = f'<c r="A2" t="inlineStr"><is><t>{reference}</t></is></c>'.encode()
    return lambda: sheet([xml_row(1, REPORT_HEADER), xml_row(2, [unit] + GOOD[1:])], prolog)


BILLION_LAUGHS = '<!ENTITY l0 "ha">' + "".join(
    f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))


def big_sheet(megabytes: int) -> Callable[[], Iterable[bytes]]:
    """Report rows up to `megabytes` of sheet XML: what 3 million short rows weigh, deflated to little on disk."""
    def chunks() -> Iterable[bytes]:
        template = xml_row(999_999_999, report("CB{unit}", "2025-2-9", date="01/10/2025")).decode()
        template = template.replace("999999999", "{number}")
        yield XML_DECLARATION + SHEET_OPEN + b"<sheetData>" + xml_row(1, REPORT_HEADER)
        written, number = 0, 2
        while written < megabytes << 20:
            block = "".join(template.format(number=n, unit=n % CELL_COUNT) for n in range(number, number + 5000))
            number += 5000
            written += len(block)
            yield block.encode()
        yield b"</sheetData></worksheet>"
    return chunks


def serial_date_zero_sheet() -> Iterable[bytes]:
    date_column = REPORT_HEADER.index("Ngày báo cáo")
    row = GOOD[:date_column] + [0] + GOOD[date_column + 1:]
    return sheet([xml_row(1, REPORT_HEADER), xml_row(2, row, styles={date_column: 1})])


def not_a_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ghi-chu.txt", "Đây là tệp nén, không phải bảng tính.")
        archive.writestr("anh/so-lieu.csv", csv_text([REPORT_HEADER, GOOD]))


def truncated_workbook(path: Path) -> None:
    workbook(sheet(report_rows([REPORT_HEADER] + cell_reports(200))))(path)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 3 // 5])


def garbage_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(12).randbytes(20_000)


def encrypted_workbook() -> bytes:
    """What Excel saves with a password: an OLE2 container holding EncryptionInfo and EncryptedPackage."""
    free, end, fat_mark = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + XML_DECLARATION +
            b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" '
            b'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
            b'hashAlgorithm="SHA512"/></encryption>').ljust(4096, b"\0")
    package = struct.pack("<Q", 6000) + random.Random(7).randbytes(8192 - 8)
    streams = [("EncryptionInfo", info), ("EncryptedPackage", package)]
    fat, sectors, starts = [fat_mark, end], [], []
    for _, data in streams:
        count = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
        sectors.append(data)
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child=free, right=free, start=end, size=0) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, free, right, child, bytes(16), 0, 0, 0,
                           start, size)

    directory = (entry("Root Entry", 5, child=1) + entry("EncryptionInfo", 2, right=2, start=starts[0], size=4096)
                 + entry("EncryptedPackage", 2, start=starts[1], size=len(package)) + entry("", 0))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE,
                         9, 6, bytes(6), 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    return header + struct.pack("<128I", *fat) + directory + b"".join(sectors)


def secret_entity(corpus: Corpus) -> list[str]:
    secret = corpus.write("bi-mat.txt", SECRET.encode())
    make = xlsx_file("bao_cao_thuc_the_ngoai.xlsx",
                     entity_sheet(f'<!ENTITY x SYSTEM "file://{secret}">', "Bản Lầu &x;"))
    return make(corpus)


# ---- The command line's own arguments ----------------------------------------------------------------------------

def dangling_symlink(corpus: Corpus) -> list[str]:
    path = corpus.folder / "lien-ket-hong.csv"
    if not os.path.lexists(path):
        path.symlink_to(corpus.folder / "khong-con-nua.csv")
    return [str(path)]


def symlink_loop(corpus: Corpus) -> list[str]:
    first, second = corpus.folder / "vong-a.csv", corpus.folder / "vong-b.csv"
    if not os.path.lexists(first):
        first.symlink_to(second)
        second.symlink_to(first)
    return [str(first)]


def directory(corpus: Corpus) -> list[str]:
    path = corpus.folder / "thu-muc.csv"
    path.mkdir(exist_ok=True)
    (path / "bao_cao.csv").write_bytes(csv_bytes([REPORT_HEADER, GOOD]))
    return [str(path)]


def fifo(corpus: Corpus) -> list[str]:
    path = corpus.folder / "ong-dan.csv"
    if not os.path.lexists(path):
        os.mkfifo(path)
    return [str(path)]


def hostile_name(stem: str, rows) -> Callable[[Corpus], list[str]]:
    return csv_file(f"{stem} {HOSTILE_NAME}.csv", rows)


def count_case(name: str, value: str, word: str | None = None, why: str = "") -> Case:
    rows = [REPORT_HEADER, GOOD_2, report("Bản Lầu", "2022-3-2", members=(value, 10, 185))]
    return Case(name, "refuse", csv_file(f"{name}.csv", rows), word, why=why)


def date_case(name: str, value: str, word: str | None = None, why: str = "") -> Case:
    rows = [REPORT_HEADER, GOOD_2, report("Bản Lầu", "2022-3-2", date=value)]
    return Case(name, "refuse", csv_file(f"{name}.csv", rows), word, why=why)


def text_case(name: str, text: str) -> Case:
    rows = [REPORT_HEADER, GOOD_2, report(text, "2022-3-2")]
    return Case(f"text_{name}", "refuse", csv_file(f"text_{name}.csv", rows), printed=True,
                why="no unit has this name")


UTF16 = [REPORT_HEADER, GOOD, GOOD_2]

CASES = [
    # spreadsheets
    Case("xlsx_far_cell", "refuse", xlsx_file("o_xa.xlsx", far_cell_sheet), "xfd1048576",
         why="~2 KB on disk, 16 384 × 1 048 576 cells once read as a grid: the message names the stray cell"),
    Case("xlsx_shared_string_1gb", "refuse",
         xlsx_file("bom_nen.xlsx", shared_string_sheet, shared=gigabyte_string), "giải nén",
         why="zip bomb: 1 GB once inflated, ~1 MB on disk"),
    Case("xlsx_doctype_entity", "refuse", xlsx_file("bao_cao_dtd.xlsx",
                                                    entity_sheet('<!ENTITY u "Bản Lầu">', "&u;")), "doctype",
         why="Excel never writes a DTD"),
    Case("xlsx_external_entity", "refuse", secret_entity, why="XXE: the entity's file must not leak"),
    Case("xlsx_billion_laughs", "refuse", xlsx_file("cuoi_ty_lan.xlsx", entity_sheet(BILLION_LAUGHS, "&l9;")),
         "doctype"),
    Case("xlsx_rows_300mb", "refuse", xlsx_file("ba_tram_mb.xlsx", big_sheet(300), level=1), "giải nén",
         why="300 MB of sheet XML (the weight of 3 million rows); repeated units anyway"),
    Case("zip_not_xlsx", "refuse", raw_file("tep_nen.xlsx", not_a_workbook)),
    Case("xlsx_truncated", "refuse", raw_file("cut_cut.xlsx", truncated_workbook)),
    Case("xls_garbage", "refuse", raw_file("rac.xls", garbage_xls())),
    Case("xlsx_encrypted", "refuse", raw_file("bao_cao_mat_khau.xlsx", encrypted_workbook()), "mật khẩu",
         why="the remedy is to remove the password, so the message must say so"),
    Case("xlsx_serial_date_0", "refuse", xlsx_file("ngay_so_0.xlsx", serial_date_zero_sheet, styles=DATE_STYLES),
         why="serial 0 is 0/1/1900 or 30/12/1899, no report date"),
    # CSV encodings and shapes
    Case("csv_cp1258_then_utf8", "refuse", raw_file("hai_bang_ma.csv", mixed_encoding()), "hai bảng mã",
         why="the tail would be read as mojibake"),
    Case("csv_utf16_odd_length", "refuse", raw_file("utf16_le.csv", codecs.BOM_UTF16_LE + csv_text(
        UTF16, "\t").encode("utf-16-le") + b"\x00"), "cắt cụt", why="a cut UTF-16 file"),
    Case("csv_utf16_without_bom", "load", raw_file("utf16_khong_bom.csv", csv_text(UTF16, "\t").encode("utf-16-le")),
         rows=2),
    Case("csv_invalid_utf8_after_64k", "refuse", raw_file("utf8_hong.csv", invalid_utf8_after_64k()), "utf-8"),
    Case("csv_header_over_64k", "refuse", csv_file("tieu_de_dai.csv", wide_header_rows()), "giới hạn",
         why="5000 unknown columns after the known ones: over the loader's column limit"),
    Case("csv_50mb_cell", "refuse", raw_file("o_50mb.csv", streamed(fifty_mb_cell)), "dài",
         why="an Excel cell holds at most 32 767 characters"),
    Case("csv_line_break_in_quoted_field", "load",
         csv_file("xuong_dong.csv", [REPORT_HEADER, report("Bản Lầu", "2022-3-2", note="dòng một\r\ndòng hai"),
                                     GOOD_2]), rows=2, why="valid CSV"),
    Case("csv_unclosed_quote", "refuse", raw_file("ngoac_kep.csv", csv_bytes([REPORT_HEADER, GOOD_2])
                                                  + '"Bản Lầu,2022-3-2,,10,9,200,10,185,,1,10/03/2022,\r\n'.encode()),
         "ngoặc kép"),
    Case("csv_more_cells_than_header", "refuse",
         csv_file("thua_o.csv", [REPORT_HEADER, GOOD_2, GOOD + ["12", "thêm"]]), "nhiều hơn", why="the extra cells would be lost"),
    Case("csv_nul_bytes", "refuse", raw_file("nul.csv", csv_bytes([REPORT_HEADER, GOOD_2])
                                             + csv_bytes([GOOD]).replace(b"185", b"1\x0085\x00\x00"))),
    Case("csv_binary", "refuse", raw_file("nhi_phan.csv", random.Random(3).randbytes(200_000)),
         "không phải tệp bảng"),
    Case("csv_empty", "refuse", raw_file("rong.csv", b""), "rỗng"),
    Case("csv_only_bom", "refuse", raw_file("chi_bom.csv", codecs.BOM_UTF8), "rỗng"),
    Case("csv_5m_blank_lines", "refuse", raw_file("dong_trong.csv", streamed(blank_lines(None, 5_000_000, None))),
         "rỗng"),
    # counts
    count_case("count_19_nines", "9999999999999999999", "số quá lớn"),
    count_case("count_2147483648", "2147483648", "số quá lớn", why="above INTEGER, and above the 5.6 million members of the Party"),
    count_case("count_negative", "-5", "âm"),
    count_case("count_1e308", "1e308"),
    count_case("count_nan", "NaN"),
    count_case("count_inf", "inf"),
    count_case("count_vn_decimal", "1.826,5", "số nguyên", why="1826,5 has a fraction"),
    count_case("count_400_digits", "9" * 400, "số quá lớn"),
    # dates
    date_case("date_1900", "01/01/1900", "1900", why="before the occasion and before the Party existed"),
    date_case("date_31_february", "31/02/2022", "không có thật"),
    date_case("date_zero", "00/00/0000"),
    date_case("date_year_9999", "31/12/9999", "không hợp lý", why="in the far future"),
    # text a screen or terminal would act on
    *[text_case(name, text) for name, text in HOSTILE_TEXT.items()],
    Case("text_hostile_note", "load", csv_file("ghi_chu_la.csv", [REPORT_HEADER, report(
        "Bản Lầu", "2022-3-2", note=" ".join(HOSTILE_TEXT.values()))]), rows=1, printed=True,
         why="a note is free text"),
    Case("file_name_hostile_good", "load", hostile_name("ten-tep-tot", [REPORT_HEADER, GOOD]), rows=1,
         printed=True),
    Case("file_name_hostile_bad", "refuse",
         hostile_name("ten-tep-xau", [REPORT_HEADER, report("Không Có", "2022-3-2")]),
         marker="ten-tep-xau", printed=True),
    # what the command line is given
    Case("path_dangling_symlink", "refuse", dangling_symlink),
    Case("path_symlink_loop", "refuse", symlink_loop),
    Case("path_directory", "refuse", directory),
    Case("path_missing", "refuse", lambda corpus: [str(corpus.folder / "khong-co.csv")]),
    Case("path_dev_zero", "refuse", lambda corpus: ["/dev/zero"], marker="zero", why="must not be read forever"),
    Case("path_fifo", "refuse", fifo, why="opening it waits for a writer that never comes"),
    # catalogues and big files an admin loads
    Case("units_chain_20000_deep", "refuse", csv_file("chuoi_don_vi.csv", unit_chain(20_000)), "sâu hơn",
         why="its closure would hold 200 million pairs"),
    Case("reports_200k_unknown_units", "refuse", raw_file("don_vi_la.csv", streamed(unknown_units(200_000)))),
    Case("units_5m_blank_lines", "refuse", raw_file("don_vi_dong_trong.csv", streamed(
        blank_lines(UNIT_HEADER, 5_000_000, ["Z1", "Chi bộ Z1", "T", "01/01/2020"]))), "giới hạn",
         why="one unit after 5 million blank lines: over the loader's line limit"),
]
BY_ID = {case.id: case for case in CASES}
assert len(BY_ID) == len(CASES)


if __name__ == "__main__":
    corpus = Corpus(Path(sys.argv[1]))
    corpus.folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(case.id, *case.make(corpus))
