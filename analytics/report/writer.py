"""python-docx with the Party document's page, fonts, sizes and spacing: paragraphs, headings, pictures, tables."""
import io

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.0        # A4 21 cm minus margins of 3 cm (left) and 2 cm (right)
MAX_PICTURE_CM = 21.0


def _unbroken(text: str) -> str:
    """Words a narrow table column must not split over two lines ('chi / bộ'), and no lone '%' at a line start."""
    for words in ("chi bộ", "Chi bộ", "đảng viên", "Đảng viên", "báo cáo", " %"):
        text = text.replace(words, words.replace(" ", "\u00a0"))
    return text


def keep_row_together(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


class Writer:
    """python-docx with the Party document's fonts, sizes and spacing."""

    def __init__(self):
        from docx import Document
        from docx.enum.section import WD_SECTION
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.Cm, self.Pt, self.WD_SECTION = Cm, Pt, WD_SECTION
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.header_distance = Cm(1.2)
        for style_name in ("Normal", "Table Grid"):
            style = self.doc.styles[style_name]
            style.font.name = FONT
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), FONT)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(14)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        self._page_numbers(section)

    def _page_numbers(self, section) -> None:
        """The page number top centre from page 2, as Party documents number their pages."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def paragraph(self, text: str = "", *, bold=False, italic=False, size=None, align="justify", indent=True,
                  underline=False, after=None, container=None):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        target = container if container is not None else self.doc
        paragraph = target.add_paragraph()
        paragraph.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        if indent and align == "justify":
            paragraph.paragraph_format.first_line_indent = self.Cm(1.27)
        if after is not None:
            paragraph.paragraph_format.space_after = self.Pt(after)
        if text:
            run = paragraph.add_run(text.replace(" %", "\u00a0%"))   # never a lone % at a line start
            run.bold, run.italic, run.underline = bold, italic, underline
            if size:
                run.font.size = self.Pt(size)
        return paragraph

    def heading(self, text: str) -> None:
        self.paragraph(text, bold=True, indent=True).paragraph_format.keep_with_next = True

    def picture(self, png: bytes, caption: str) -> None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            width_px, height_px = image.size
        width = min(TEXT_WIDTH_CM, MAX_PICTURE_CM * width_px / height_px)
        paragraph = self.paragraph(align="center", after=0)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=self.Cm(width))
        self.paragraph(caption, italic=True, size=12, align="center")

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], numeric: set[int]) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = self.Cm(width)     # the grid LibreOffice and Word lay out from
        for index, cells in enumerate([header] + rows):
            row = table.rows[0] if index == 0 else table.add_row()
            keep_row_together(row)
            if index == 0:
                repeat = OxmlElement("w:tblHeader")   # the header row repeats on every page
                repeat.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(repeat)
            for column, (cell, value) in enumerate(zip(row.cells, cells)):
                cell.width = self.Cm(widths[column])
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = self.Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
                paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if index == 0 or column == 0 else
                                       WD_ALIGN_PARAGRAPH.RIGHT if column in numeric else WD_ALIGN_PARAGRAPH.LEFT)
                run = paragraph.add_run(_unbroken(value))
                run.font.size = self.Pt(11)
                run.bold = index == 0
        self.paragraph(after=0)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
