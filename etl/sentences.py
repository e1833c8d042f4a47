"""Figures out of the sentences of a narrative report: "52/52 chi bộ (100%)", "1.826/1.902 đảng viên, đạt 96,0%",
"trên 3.550 cán bộ, đảng viên tham gia". Only a number standing right before what it counts (chi bộ, đảng viên)
is a figure; anniversaries, congress numbers, document numbers, dates, percentages and targets never are.

Each figure keeps the sentence or table row it came from, written as in the document, and its qualifier: "trên"
and "hơn" mean at least, "gần" almost, "khoảng" about."""
import re
from dataclasses import dataclass

from common.text import unaccented
from etl.documents import CELLS

QUALIFIERS = {"tren": "at_least", "hon": "at_least", "gan": "almost", "khoang": "about", "xap xi": "about"}
_NUMBER = r"\d{1,3}(?:[.,  ]\d{3})+(?![.,]?\d)|\d+"   # 3.550, 3 550, 3550; 3,550 as Excel in English writes it
# a count, or a count over its base, then what it counts; folded text (no diacritics, lower case)
_FIGURE = re.compile(
    rf"(?:(?P<qualifier>tren|hon|gan|khoang|xap xi)\s+)?(?P<count>{_NUMBER})(?:\s*/\s*(?P<base>{_NUMBER}))?"
    r"\s+(?P<noun>chi bo|to chuc co so dang|dang bo|can bo,? dang vien|dang vien|cbdv|luot can bo|dong chi)")
# the label first: "Tổng số đảng viên: 1.902", "miễn sinh hoạt 9", "tham gia 14 đồng chí", "phải sinh hoạt: 1.198"
_LABELS = {"tong so dang vien": "members_total", "tong so chi bo": "cells_expected", "phai sinh hoat":
           "members_eligible", "mien sinh hoat": "members_exempt", "tham gia": "members_participating",
           "sinh hoat": "cells_held"}
_LABEL = re.compile(
    r"(?P<label>tong so dang vien|tong so chi bo|(?:so )?(?:dang vien )?(?:phai sinh hoat|mien sinh hoat|tham gia)"
    r"|so chi bo (?:da )?(?:to chuc )?sinh hoat)(?: (?:cua|toan) [a-z ]{0,20}?)?(?: la| co| dat)?\s*:?\s*"
    rf"(?:(?P<qualifier>tren|hon|gan|khoang)\s+)?(?P<count>{_NUMBER})(?![.,]?\d|\s*%|\s*/)"
    r"(?=\s*(?:dong chi|dang vien|chi bo)|\s*[,.;)(]|\s*$)")
_NOT_A_COUNT = re.compile(  # what a number right before a counted noun may still be part of
    r"(?:ky niem|khoa|hoi nghi trung uong|nghi quyet|ket luan|quy dinh|chi thi|(?<!tong )so|ngay|thang|nam|phan dau"
    r"|dat|chiem|tren tong so|tang|giam|them|con|thu)\s*$")
# what is done to members or cells that is not the session: admitting, disciplining, checking, rewarding, founding
_OTHER_DEED = re.compile(r"\b(ket nap|chuyen dang chinh thuc|xoa ten|ky luat|kiem tra|giam sat|khen thuong|tang|trao"
                         r"|thanh lap|sap nhap|giai the|boi duong|luan chuyen|gioi thieu)\b[^.;:]{0,25}$|\bcho\s*$")
_ACTION = re.compile(r"\b(to chuc|sinh hoat|hoc tap|quan triet|trien khai|tham gia|tham du|du hoi nghi)\b")
_TOTAL = re.compile(r"\b(tong so|toan dang bo co|hien co)\b")
_HAS = re.compile(r"\bco\s*$")                  # "có 44 đảng viên, gần 40 đồng chí tham gia": the first is the total
_TAKING_PART = re.compile(r"^[^\d,;]{0,30}?\b(?:tham gia|tham du|du hoi nghi|du sinh hoat|hoc tap|sinh hoat|quan triet"
                          r"|nghien cuu)\b")
_EXEMPT = re.compile(r"^\s*(dang vien )?(duoc )?mien sinh hoat")
_ELIGIBLE = re.compile(r"^\s*(dang vien )?phai (sinh hoat|tham gia)")
# a rate with its base stated: "đạt 96,0% trên tổng số 1.902 đảng viên" gives a count, marked derived
_RATE_OF = re.compile(rf"(?P<rate>\d{{1,3}}(?:,\d+)?)\s*%\s*(?:\)\s*)?(?:tren|trong|so voi)\s+(?:tong so\s+)?"
                      rf"(?P<base>{_NUMBER})\s+(?P<noun>chi bo|dang vien|can bo,? dang vien)")
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
    found, taken = [], set()
    for match in _LABEL.finditer(folded):
        label = match["label"]
        field = next(f for key, f in _LABELS.items() if label.endswith(key) or label.startswith(key))
        found.append(Figure(field, _number(match["count"]), QUALIFIERS.get(match["qualifier"] or "", "exact"),
                            sentence[match.start("qualifier") if match["qualifier"] else match.start("count"):
                                     match.end("count")], sentence, match.start("count")))
        taken.add(match.start("count"))
    for match in _FIGURE.finditer(folded):
        before = folded[:match.start()]
        if match.start("count") in taken or _NOT_A_COUNT.search(before) or re.search(
                r"\w\s*[-/]\s*$|%\s*\)?\s*(tren|trong|so voi)\s+(tong so\s+)?$", before):
            continue
        fields = _fields(match, before, folded[match.end():match.end() + 60], folded)
        if not fields:
            continue
        qualifier = QUALIFIERS.get(match["qualifier"] or "", "exact")
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
        done = Figure("cells_held" if cells else "members_participating", round(rate * base / 100), "exact",
                      sentence[match.start("rate"):match.end("base")], sentence, match.start("rate"), derived=True)
        found += [f for f in (stated, done) if all(other.field != f.field for other in found)]
    return sorted(found, key=lambda figure: (figure.derived, figure.at))


def _fields(match: re.Match, before: str, rest: str, folded: str) -> list[str]:
    """The fields a count before its noun fills: what follows ('được miễn', 'phải sinh hoạt', 'tham gia') and
    what comes before ('Tổng số', 'có') decide."""
    noun, base = match["noun"], match["base"]
    if re.match(r"\W*moi\b", rest) or _OTHER_DEED.search(before[-60:]):
        return []                          # "kết nạp 47 đảng viên mới", "kỷ luật 2 đảng viên"
    if noun == "dong chi" and not _TAKING_PART.search(rest):
        return []                          # "trao 15 huy hiệu cho 3 đồng chí": not the members taking part
    if noun in ("chi bo", "to chuc co so dang", "dang bo"):
        if base is not None:
            return ["cells_held", "cells_expected"]
        if _ACTION.search(folded) and not _TOTAL.search(before[-40:]):
            return ["cells_held"]
        return ["cells_expected"]
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
