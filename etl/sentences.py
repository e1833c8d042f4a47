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
_NUMBER = r"\d{1,3}(?:[.  ]\d{3})+|\d+"
# a count, or a count over its base, then what it counts; folded text (no diacritics, lower case)
_FIGURE = re.compile(
    rf"(?:(?P<qualifier>tren|hon|gan|khoang|xap xi)\s+)?(?P<count>{_NUMBER})(?:\s*/\s*(?P<base>{_NUMBER}))?"
    r"\s+(?P<noun>chi bo|to chuc co so dang|dang bo|can bo,? dang vien|dang vien|cbdv|luot can bo)")
# the noun first: "Tổng số đảng viên: 1.902", "tổng số chi bộ là 52"
_TOTAL_FIRST = re.compile(rf"tong so (?P<noun>chi bo|dang vien)(?: cua \w+(?: \w+)?)?(?: la| co)?:?\s+(?P<count>{_NUMBER})\b")
_NOT_A_COUNT = re.compile(  # what a number right before a counted noun may still be part of
    r"(?:ky niem|khoa|hoi nghi trung uong|nghi quyet|ket luan|quy dinh|chi thi|so|ngay|thang|nam|phan dau"
    r"|dat|chiem|tren tong so)\s*$")
_ACTION = re.compile(r"\b(to chuc|sinh hoat|hoc tap|quan triet|trien khai|tham gia|tham du|du hoi nghi)\b")
_TOTAL = re.compile(r"\b(tong so|toan dang bo co|hien co)\b")
_EXEMPT = re.compile(r"^\W*(dang vien )?(duoc )?mien sinh hoat")
_ELIGIBLE = re.compile(r"^\W*(dang vien )?phai (sinh hoat|tham gia)")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ\-–•+])")


@dataclass(frozen=True)
class Figure:
    field: str                   # cells_expected, cells_held, members_total, members_exempt, members_participating,
                                 # or members_eligible ("phải sinh hoạt": the total less the exempt)
    value: int
    qualifier: str               # exact, at_least, almost, about
    written: str                 # the figure as the document writes it: "trên 3.550"
    source: str                  # the sentence or table row


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
    """The counts one sentence states, with the field each fills."""
    folded = unaccented(sentence)
    found = []
    for match in _FIGURE.finditer(folded):
        before = folded[:match.start()]
        if _NOT_A_COUNT.search(before) or re.search(r"[-/]\s*$", before):
            continue
        noun, rest = match["noun"], folded[match.end():match.end() + 60]
        members = noun not in ("chi bo", "to chuc co so dang", "dang bo")
        qualifier = QUALIFIERS.get(match["qualifier"] or "", "exact")
        written = sentence[match.start():match.end("base") if match["base"] else match.end("count")]
        count, base = _number(match["count"]), _number(match["base"]) if match["base"] else None
        if members:
            if _EXEMPT.search(rest):
                fields = ["members_exempt"]
            elif base is not None:
                fields = ["members_participating", "members_total"]
            elif _ELIGIBLE.search(rest):
                fields = ["members_eligible"]
            elif _TOTAL.search(before[-40:]):
                fields = ["members_total"]
            else:
                fields = ["members_participating"]
        elif base is not None:
            fields = ["cells_held", "cells_expected"]
        elif _ACTION.search(folded) and not _TOTAL.search(before[-40:]):
            fields = ["cells_held"]
        else:
            fields = ["cells_expected"]
        for field, value in zip(fields, (count, base)):
            found.append(Figure(field, value, qualifier if value == count else "exact", written, sentence))
    for match in _TOTAL_FIRST.finditer(folded):
        field = "cells_expected" if match["noun"] == "chi bo" else "members_total"
        if all(figure.field != field for figure in found):
            found.append(Figure(field, _number(match["count"]), "exact", sentence[match.start("count"):match.end()],
                                sentence))
    return found
