"""Figures out of the sentences of a narrative report: "52/52 chi bộ (100%)", "1.826/1.902 đảng viên, đạt 96,0%",
"trên 3.550 cán bộ, đảng viên tham gia". Only a number standing right before what it counts (chi bộ, đảng viên)
is a figure; anniversaries, congress numbers, document numbers, dates, percentages and targets never are.

Each figure keeps the sentence or table row it came from, written as in the document, and its qualifier: "trên"
and "hơn" mean at least, "gần" almost, "khoảng" about."""
import re
from dataclasses import dataclass

from common.text import unaccented
from etl.documents import CELLS
from etl.values import QUALIFIER_OF

_QUALIFIER = "|".join(word for word in QUALIFIER_OF if word[0].isalpha())   # "tren|hon|gan|khoang|xap xi|…"
_NUMBER = r"\d{1,3}(?:[.,  ]\d{3})+(?![.,]?\d)|\d+"   # 3.550, 3 550, 3550; 3,550 as Excel in English writes it
# a count, or a count over its base, then what it counts; folded text (no diacritics, lower case)
_OF = r"(?:\s*/\s*|\s+(?:tren|trong)\s+(?:tong\s+)?so\s+)"     # "52/52", "51 trên tổng số 53", "21 trong số 23"
_MEMBERS = r"can bo,? dang vien|dang vien|cbdv|luot can bo|dong chi|d/c"
_FIGURE = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<count>{_NUMBER})(?:{_OF}(?P<base>{_NUMBER}))?"
    rf"\s+(?P<noun>chi bo|to chuc co so dang|dang bo|{_MEMBERS})")
# the label first: "Tổng số đảng viên: 1.902", "miễn sinh hoạt 9", "tham gia 14 đồng chí", "phải sinh hoạt: 1.198",
# "số cán bộ, đảng viên dự học tập là 1.792 đồng chí", "Chi bộ trực thuộc: 7"
_LABELS = (("tong so chi bo", "cells_expected"), ("tong", "members_total"), ("chi bo truc thuoc", "cells_expected"), ("phai", "members_eligible"),
           ("mien", "members_exempt"), ("chi bo", "cells_held"), ("", "members_participating"))
_LABEL = re.compile(
    r"(?P<label>tong (?:so )?dang vien|tong so chi bo|chi bo truc thuoc"
    r"|(?:so )?(?:can bo,? )?(?:dang vien )?(?:duoc )?(?:phai (?:sinh hoat|sh)|mien (?:sinh hoat|sh)"
    r"|tham gia|tham du|du hoc tap|du sinh hoat)"
    r"|so chi bo (?:da )?(?:to chuc )?sinh hoat)"
    r"(?: (?:cua|toan) [a-z ]{0,20}?)?(?: tinh den (?:ngay )?[\d/.-]+)?(?: la| co| dat| du| day du)?\s*:?\s*"
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<count>{_NUMBER})(?![.,]?\d|\s*%|\s*/)"
    rf"(?=\s*(?:{_MEMBERS}|chi bo)|\s*[,.;)(]|\s*$)")
# "Số chi bộ: 6/6 đã sinh hoạt", "Đảng viên: 94/113": a fraction under its label
_LABELLED_FRACTION = re.compile(rf"(?P<noun>chi bo|dang vien)\s*:\s*(?P<count>{_NUMBER})\s*/\s*(?P<base>{_NUMBER})")
_NOT_A_COUNT = re.compile(  # what a number right before a counted noun may still be part of
    r"(?:ky niem|khoa|hoi nghi trung uong|nghi quyet|ket luan|quy dinh|chi thi|(?<!tong )so|ngay|thang|nam|phan dau"
    r"|dat|chiem|tren tong so|tang|giam|them|con|thu)\s*$")
# what is done to members or cells that is not the session: admitting, disciplining, checking, rewarding, founding
_OTHER_DEED = re.compile(r"\b(ket nap|chuyen dang chinh thuc|xoa ten|ky luat|kiem tra|giam sat|khen thuong|tang|trao"
                         r"|thanh lap|sap nhap|giai the|boi duong|luan chuyen|gioi thieu)\b[^.;:]{0,25}$|\bcho\s*$")
# those who did not: "40 đảng viên không tham gia", "2 chi bộ chưa tổ chức", "3 đồng chí vắng mặt"
_NOT_DONE = re.compile(r"^[^\d,;.]{0,25}?\b(khong|chua|vang)\b")
BEFORE = 120                                 # characters before a count that can say what it is
_ACTION = re.compile(r"\b(to chuc|sinh hoat|hoc tap|quan triet|trien khai|tham gia|tham du|du hoi nghi)\b")
_TOTAL = re.compile(r"\b(tong so|toan dang bo co|hien co)\b")
# "có 44 đảng viên, gần 40 đồng chí tham gia", "có 8 chi bộ trực thuộc với 623 đảng viên": the unit's whole
_HAS = re.compile(r"\bco\s*$|\bco \d+ chi bo[^.;]{0,40}\bvoi\s*$")
_TAKING_PART = re.compile(r"^[^\d,;]{0,30}?\b(?:tham gia|tham du|du hoi nghi|du sinh hoat|hoc tap|sinh hoat|quan triet"
                          r"|nghien cuu)\b")
_EXEMPT = re.compile(r"^\s*(dang vien )?(duoc )?mien (sinh hoat|sh)")
_ELIGIBLE = re.compile(r"^\s*(dang vien )?phai (sinh hoat|tham gia)")
# a rate with its base stated: "đạt 96,0% trên tổng số 1.902 đảng viên" gives a count, marked derived
_RATE_OF = re.compile(rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<rate>\d{{1,3}}(?:,\d+)?)\s*%\s*(?:\)\s*)?(?:tren|trong|so voi)\s+(?:tong so\s+)?"
                      rf"(?P<base>{_NUMBER})\s+(?P<noun>chi bo|dang vien|can bo,? dang vien)")
# "số đảng viên tham gia đạt 90,2% so với tổng số đảng viên": the count follows from the row's stated total, so
# the rate (in basis points) waits in a field of its own until the row is complete
RATE_OF_TOTAL = "members_participating_rate_of_total"
_RATE_OF_TOTAL = re.compile(r"tham gia[^.;\d]{0,20}?(?P<rate>\d{1,3}(?:,\d+)?)\s*%\s*(?:so voi |cua |tren )?tong so dang vien"
                            r"(?! phai)")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ\-–•+])")


@dataclass(frozen=True)
class Figure:
    field: str                   # cells_expected, cells_held, members_total, members_exempt, members_participating,
                                 # or members_eligible ("phải sinh hoạt": the total less the exempt)
    value: int
    qualifier: str               # exact, at_least, almost, about
    written: str                 # the figure as the document writes it: "trên 3.550"
    source: str                  # the sentence or table row
    at: int = 0                  # where in the source it stands
    derived: bool = False        # computed from a rate and its stated base, not written as a count


def sentences(lines: tuple[str, ...]) -> list[str]:
    """Paragraphs joined again where a PDF or a scan broke a line, then cut into sentences; a table row stays one."""
    paragraphs: list[str] = []
    for line in lines:
        joins = (paragraphs and CELLS not in line and CELLS not in paragraphs[-1]
                 and not paragraphs[-1].endswith((".", ";", ":", "!", "?")) and line[:1].islower() | line[:1].isdigit())
        if joins:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return [part for paragraph in paragraphs
            for part in ([paragraph] if CELLS in paragraph else _SENTENCE_END.split(paragraph)) if part.strip()]


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def figures(sentence: str) -> list[Figure]:
    """The counts one sentence states, with the field each fills, in the order the sentence states them."""
    folded = unaccented(sentence)
    acting = bool(_ACTION.search(folded))          # the sentence tells of holding the session
    found, taken = [], set()
    for match in _LABEL.finditer(folded):
        label = match["label"]
        field = next(f for key, f in _LABELS if key in label)
        if field == "cells_held" and "da" not in label.split():
            continue                                # "số chi bộ sinh hoạt" without "đã" may be the total
        found.append(Figure(field, _number(match["count"]), QUALIFIER_OF.get(match["qualifier"] or "", "exact"),
                            sentence[match.start("qualifier") if match["qualifier"] else match.start("count"):
                                     match.end("count")], sentence, match.start("count")))
        taken.add(match.start("count"))
    for match in _LABELLED_FRACTION.finditer(folded):
        fields = ("cells_held", "cells_expected") if match["noun"] == "chi bo" else \
            ("members_participating", "members_total")
        written = sentence[match.start("count"):match.end("base")]
        found += [Figure(fields[0], _number(match["count"]), "exact", written, sentence, match.start("count")),
                  Figure(fields[1], _number(match["base"]), "exact", written, sentence, match.start("count"))]
        taken.add(match.start("count"))
    for match in re.finditer(rf"chi bo[^.;]{{0,30}}?,\s*da (?:to chuc )?sinh hoat\s*:?\s*"
                             rf"(?P<count>{_NUMBER})\b", folded):
        found.append(Figure("cells_held", _number(match["count"]), "exact",
                            sentence[match.start("count"):match.end("count")], sentence, match.start("count")))
        taken.add(match.start("count"))
    for match in _FIGURE.finditer(folded):
        before = folded[max(0, match.start() - BEFORE):match.start()]     # a window: a long text stays linear
        if match.start("count") in taken or _NOT_A_COUNT.search(before) or re.search(
                r"\w\s*[-/]\s*$|%\s*\)?\s*(tren|trong|so voi)\s+(tong so\s+)?$", before):
            continue
        fields = _fields(match, before, folded[match.end():match.end() + 60], acting)
        if not fields:
            continue
        qualifier = QUALIFIER_OF.get(match["qualifier"] or "", "exact")
        written = sentence[match.start():match.end("base") if match["base"] else match.end("count")]
        count, base = _number(match["count"]), _number(match["base"]) if match["base"] else None
        for field, value in zip(fields, (count, base)):
            found.append(Figure(field, value, qualifier if value == count else "exact", written, sentence,
                                match.start()))
    for match in _RATE_OF.finditer(folded):
        cells = match["noun"] == "chi bo"
        base, rate = _number(match["base"]), float(match["rate"].replace(",", "."))
        stated = Figure("cells_expected" if cells else "members_total", base, "exact",
                        sentence[match.start("base"):match.end("base")], sentence, match.start("base"))
        done = Figure("cells_held" if cells else "members_participating", round(rate * base / 100),
                      QUALIFIER_OF.get(match["qualifier"] or "", "exact"),
                      sentence[match.start("rate"):match.end("base")], sentence, match.start("rate"), derived=True)
        found += [f for f in (stated, done) if all(other.field != f.field for other in found)]
    for match in _RATE_OF_TOTAL.finditer(folded):
        found.append(Figure(RATE_OF_TOTAL, round(float(match["rate"].replace(",", ".")) * 100),   # basis points
                            "exact", sentence[match.start("rate"):match.end()], sentence, match.start("rate"),
                            derived=True))
    return sorted(found, key=lambda figure: (figure.derived, figure.at))


def _fields(match: re.Match, before: str, rest: str, acting: bool) -> list[str]:
    """The fields a count before its noun fills: what follows ('được miễn', 'phải sinh hoạt', 'tham gia') and
    what comes before ('Tổng số', 'có') decide."""
    noun, base = match["noun"], match["base"]
    if re.match(r"\W*moi\b", rest) or _OTHER_DEED.search(before[-60:]) or _NOT_DONE.match(rest):
        return []                          # "kết nạp 47 đảng viên mới", "kỷ luật 2 đảng viên", "2 chi bộ chưa tổ chức"
    if noun in ("dong chi", "d/c") and not (_TAKING_PART.search(rest) or _EXEMPT.search(rest)
                                            or _ELIGIBLE.search(rest)):
        return []                          # "trao 15 huy hiệu cho 3 đồng chí": not the members taking part
    if noun in ("chi bo", "to chuc co so dang", "dang bo"):
        if base is not None:
            return ["cells_held", "cells_expected"]
        clause = re.split(r"[,;]", re.sub(r"^\s*,?\s*(?:dang bo|to chuc co so dang)(?: co so)?", "", rest),
                          maxsplit=1)[0]
        if _ACTION.search(clause) or re.search(r"\bca\s*$", before):
            return ["cells_held"]          # "cả 7 chi bộ đều tổ chức"
        if _TOTAL.search(before[-40:]) or _HAS.search(before):
            return ["cells_expected"]      # "có 7 chi bộ trực thuộc, …"
        return ["cells_held"] if acting else ["cells_expected"]
    if _EXEMPT.search(rest):
        return ["members_exempt"]
    if base is not None:
        return ["members_participating", "members_total"]
    if _ELIGIBLE.search(rest):
        return ["members_eligible"]
    if _TAKING_PART.search(rest):
        return ["members_participating"]
    if _TOTAL.search(before[-40:]) or _HAS.search(before):
        return ["members_total"]
    return []                              # members counted for something else
