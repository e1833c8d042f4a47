"""Proposed rows out of a narrative document: one per (unit, occasion) it reports, each figure with the sentence or
table row it came from. Nothing here writes: a person checks the proposals, then the loader takes them."""
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from common.text import fold, unaccented
from etl.documents import CELLS, DocumentText, read_document
from etl.fields import match_header
from etl.mentions import Catalogue, Occasion, first_date, occasions_in
from etl.plan_text import PlanText, read_plan
from etl.schema import SESSION_COUNTS as COUNTS
from etl.sentences import RATE_OF_TOTAL, Figure, figures, sentences
from etl.values import combined, count_qualifier, parse_count

_TITLE = re.compile(r"^(bao cao|ke hoach|cong van|thong bao|huong dan|to trinh|chuong trinh)\b")
_NUMBER = re.compile(r"\bso\s*:?\s*(\d+[a-z0-9]*\s*-\s*(?P<kind>[a-z]+)\s*/\s*[a-z0-9-]+)")
_TOTAL_ROW = re.compile(r"^\W*(tong cong|tong so|cong|toan (huyen|tinh|dang bo|xa|phuong|thanh pho|thi xa))\b")
# a clause quoting an earlier year: what follows is history, not this occasion's figure
_HISTORY = re.compile(r"\b(so voi|cung ky|nam truoc|nhiem ky truoc|nam (20\d\d)\b|giai doan 20\d\d|truoc day"
                      r"|truoc khi sap xep|truoc sap xep|truoc do|de so sanh|phan dau|chi tieu|muc tieu)")   # and targets
_FRACTION = re.compile(r"^\s*(\S.*?)\s*/\s*(\d[\d. ]*)\s*$")
_SUB_UNIT_WORDS = ("dang bo xa", "dang bo phuong", "dang bo thi tran", "dang uy xa", "dang uy phuong", "chi bo",
                   "dang bo", "huyen uy", "thanh uy", "thi uy", "dang uy khoi")


@dataclass
class ProposedRow:
    unit: str | None
    unit_text: str
    period: str | None
    topics: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)       # field -> at_least, almost, about
    derived: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)          # field -> the figure as written
    marks: dict[str, tuple[int, int, int]] = field(default_factory=dict)   # field -> (source, start, end)

    def take(self, figure: Figure) -> None:
        """A figure for a field not filled yet; the first statement of a field wins."""
        if figure.field in self.counts:
            return
        self.counts[figure.field] = figure.value
        self.written[figure.field] = figure.written
        if figure.qualifier != "exact":
            self.qualifiers[figure.field] = figure.qualifier
        if figure.derived:
            self.derived.append(figure.field)
        if figure.source not in self.source:
            self.source.append(figure.source)
        start = figure.source.find(figure.written, max(0, figure.at - 20))
        start = start if start >= 0 else figure.source.find(figure.written)
        if start >= 0:
            self.marks[figure.field] = (self.source.index(figure.source), start, start + len(figure.written))

    def add(self, stated: list[Figure]) -> None:
        for figure in stated:
            self.take(figure)

    def settle(self) -> None:
        """Counts that follow from stated ones: the exempt from the total and those who must attend."""
        rate = self.counts.pop(RATE_OF_TOTAL, None)
        self.written.pop(RATE_OF_TOTAL, None)
        if rate is not None and "members_participating" not in self.counts and "members_total" in self.counts:
            self.counts["members_participating"] = round(rate * self.counts["members_total"] / 10000)
            self.derived.append("members_participating")
        eligible = self.counts.pop("members_eligible", None)
        self.written.pop("members_eligible", None)
        if eligible is None:
            return
        if "members_total" in self.counts and "members_exempt" not in self.counts:
            self.counts["members_exempt"] = self.counts["members_total"] - eligible
            self.derived.append("members_exempt")
        elif "members_exempt" in self.counts and "members_total" not in self.counts:
            self.counts["members_total"] = eligible + self.counts["members_exempt"]
            self.derived.append("members_total")

    @property
    def qualifier(self) -> str:
        return combined(self.qualifiers.values()) or "exact"     # as the roll-up adds them up

    def as_json(self) -> dict:
        return {"unit": self.unit, "unit_text": self.unit_text, "period": self.period, "topics": self.topics,
                **{name: self.counts.get(name) for name in COUNTS}, "qualifier": self.qualifier,
                "derived": sorted(set(self.derived) & set(COUNTS)), "source": self.source,
                "qualified": {k: v for k, v in self.qualifiers.items() if k in COUNTS},
                "written": {k: v for k, v in self.written.items() if k in COUNTS},
                "marks": {k: list(v) for k, v in self.marks.items() if k in COUNTS}}


@dataclass
class Proposal:
    file: str
    kind: str                                   # report, plan or none
    text_from: str
    rows: list[ProposedRow]
    unmatched: list[str]
    plan: PlanText | None = None
    doubtful_pages: tuple[int, ...] = ()
    report_date: dt.date | None = None

    def as_json(self) -> dict:
        out = {"file": self.file, "kind": self.kind, "text_from": self.text_from,
               "rows": [row.as_json() for row in self.rows], "unmatched": self.unmatched,
               "report_date": self.report_date.isoformat() if self.report_date else None}
        if self.plan is not None:
            out["plan"] = self.plan.as_json()
        if self.doubtful_pages:
            out["doubtful_pages"] = list(self.doubtful_pages)
        return out


@dataclass
class _Header:
    lines: tuple[str, ...]
    number_kind: str | None
    date: dt.date | None
    issuer_text: str
    title: str


def _header(lines: tuple[str, ...]) -> tuple[_Header, int]:
    """The letterhead and place-date line above the title ('BÁO CÁO', 'KẾ HOẠCH'), and where the body starts."""
    top = next((i for i, line in enumerate(lines[:15])
                if (title := _TITLE.match(fold(line))) and line[:len(title.group())].isupper()), None)
    if top is None:      # no title: a letterhead is short lines above the first sentence, if any
        top_lines = []
        for line in lines[:4]:
            if len(line) > 90 or line.rstrip().endswith((".", ":", ";")):
                break
            top_lines.append(line)
        head = tuple(top_lines)
    else:
        head = lines[:top]
    text = " ".join(head)
    number = _NUMBER.search(fold(text))
    issuer = " ".join(line.split("|")[0] for line in head if "dang cong san" not in fold(line.split("|")[0]))
    for stop in ("so:", "so :", "*", "dang cong san viet nam"):
        at = unaccented(issuer).find(stop)
        issuer = issuer[:at] if at > 0 else issuer
    title = lines[top] if top is not None else ""
    return _Header(head, number["kind"] if number else None, first_date(text), issuer.strip(" |*"), title), \
        (top + 1 if top is not None else 0)


def extract_file(path: str, catalogue: Catalogue, account_unit: str | None = None, file_name: str | None = None,
                 progress=None) -> dict:
    """`extract --json`'s object for one file: the proposal, and the document kept with an upload of it."""
    document = read_document(path, file_name, progress)
    proposal = propose(document, catalogue, account_unit)
    return proposal.as_json() | {"sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
                                 "text": "\n".join(document.lines)}


def propose(document: DocumentText, catalogue: Catalogue, account_unit: str | None = None) -> Proposal:
    header, body_start = _header(document.lines)
    body = document.lines[body_start:]
    report_date = header.date or first_date(" ".join(document.lines[-12:]))
    year = report_date.year if report_date else None
    title_text = " ".join((header.title,) + body[:3])
    main = (occasions_in(title_text, year) or occasions_in(" ".join(body), year) or [None])[0]
    year = year or (main.year if main else None)      # a message without a date: the occasion's year
    on = catalogue.period_dates(catalogue.period_of(main, report_date)) or report_date
    issuer, issuer_text = _issuer(header, body, catalogue, on, account_unit)
    if header.number_kind == "kh" or fold(header.title) == "ke hoach":
        plan = read_plan(document.lines, header.date, issuer_text, catalogue)
        return Proposal(document.file_name, "plan", document.text_from, [], [], plan, document.doubtful_pages,
                        report_date)
    reader = _Reader(catalogue, issuer, issuer_text, year, report_date, main)
    for sentence in sentences(body):
        reader.read(sentence)
    rows = reader.rows()
    return Proposal(document.file_name, "report" if rows else "none", document.text_from, rows, reader.unmatched,
                    None, document.doubtful_pages, report_date)


def _issuer(header: _Header, body, catalogue: Catalogue, on, account_unit) -> tuple[str | None, str]:
    """The reporting unit: the letterhead's last unit name, else the place line, else the body's first name,
    else the uploading account's unit."""
    named = catalogue.units_in(header.issuer_text, on)
    for _, written, code in reversed(named):
        if code:
            return code, written
    for _, written, _code in reversed(named):
        code = catalogue.unit_named(written, on, bare=True)
        if code:
            return code, written
    place = re.search(r"(?:^|\|)\s*([^|,]{2,40}),\s*ngày\s+\d", " ".join(header.lines))
    if place:
        code = catalogue.unit_named(place.group(1), on, bare=True)
        if code:
            return code, place.group(1).strip()
    for sentence in body[:8]:
        for at, written, code in catalogue.units_in(sentence, on):
            cited = re.search(r"\b(thuc hien|can cu|theo|cua)\b[^,.;]{0,80}$", unaccented(sentence[:at]))
            above = account_unit and code and catalogue.is_within(account_unit, code) and code != account_unit
            if code and not cited and not above:
                return code, written
    if account_unit and account_unit in catalogue.by_code:
        return account_unit, catalogue.by_code[account_unit].name
    return None, named[-1][1] if named else ""


class _Reader:
    """Goes through the body once, keeping the occasion and table being read, and gathers the figures by
    (unit, occasion)."""

    def __init__(self, catalogue: Catalogue, issuer, issuer_text, year, report_date, main: Occasion | None):
        self.catalogue, self.issuer, self.issuer_text = catalogue, issuer, issuer_text
        self.year, self.report_date, self.occasion = year, report_date, main
        self.this_year = main.year if main and main.year else year    # a year before it is history
        self.columns: list[str | None] | None = None
        self.by_key: dict[tuple, ProposedRow] = {}
        self.occasion_of: dict[tuple, tuple | None] = {}
        self.unmatched: list[str] = []
        self.topics: dict[tuple | None, set[str]] = {}
        self.continuing: tuple[str, str] | None = None      # the sub-unit a sentence cut at ";" goes on with

    def read(self, sentence: str) -> None:
        if CELLS in sentence:
            self._topics(sentence)
            self._table_row(sentence)
            return
        self.columns = None
        past = False                     # a sentence that turns to an earlier time stays there to its end
        for offset, segment in _segments(sentence):
            history = _HISTORY.search(unaccented(segment))
            if history and (not history.group(2) or self.this_year is not None
                            and int(history.group(2)) < self.this_year):
                cut = history.start()
            else:
                cut = 0 if past else len(segment)
            past = past or cut < len(segment)
            found = [o for o in occasions_in(segment, self.year) if o.at < cut]
            if len(found) == 1:
                self.occasion = found[0]
            self._topics(segment)
            stated = [replace(f, source=sentence, at=offset + f.at) for f in figures(segment) if f.at < cut]
            if stated:
                self._add(segment, stated)
        if not sentence.rstrip().endswith((";", ",")):
            self.continuing = None       # "Chi bộ thôn 1: …;" goes on in the next line, a full stop ends it

    def _topics(self, text: str) -> None:
        """Topics named go with the occasion being read: a report on two occasions names each one's topics."""
        self.topics.setdefault(self._occasion_key(), set()).update(self.catalogue.topics_in(text))

    def _occasion_key(self) -> tuple | None:
        return (self.occasion.day, self.occasion.month, self.occasion.year) if self.occasion else None

    def _add(self, segment: str, stated: list[Figure]) -> None:
        on = self._on()
        for _, written, code in self.catalogue.units_in(segment[:max(f.at for f in stated)], on, self.issuer):
            if code and code != self.issuer and self._below(code):
                self.continuing = (code, written)
                self._row(code, written).add(stated)
                return
            if code is None and unaccented(written).startswith(_SUB_UNIT_WORDS) and written != self.issuer_text:
                if written not in self.unmatched:
                    self.unmatched.append(written)
                self.continuing = None
                return
        self._row(*(self.continuing or (self.issuer, self.issuer_text))).add(stated)

    def _below(self, code: str) -> bool:
        return self.issuer is None or self.catalogue.is_within(code, self.issuer)

    def _on(self) -> dt.date | None:
        return self.catalogue.period_dates(self._period()) or self.report_date

    def _period(self) -> str | None:
        return self.catalogue.period_of(self.occasion, self.report_date)

    def _row(self, code: str | None, written: str) -> ProposedRow:
        key = (code or fold(written), self._period())
        if key not in self.by_key:
            self.by_key[key] = ProposedRow(code, written, key[1], [])
            self.occasion_of[key] = self._occasion_key()
        return self.by_key[key]

    def _table_row(self, line: str) -> None:
        cells = [cell.strip() for cell in line.split("|")]
        fields = [match_header("reports", cell) if not re.search(r"\d", cell) else None for cell in cells]
        if sum(1 for f in fields if f in COUNTS) >= 2:
            self.columns = fields                          # a header row: what each column holds
            return
        if self.columns is None or len(cells) != len(self.columns):
            self._label_row(cells, line)
            return
        name = next((cells[i] for i, f in enumerate(self.columns) if f == "unit"), None)
        if name is None:
            name = next((c for c in cells if re.search(r"[^\W\d]", c)), "")
        if not name or _TOTAL_ROW.match(fold(name)):
            return
        stated = []
        for cell, column in zip(cells, self.columns):
            stated += _cell_figures(cell, column, line)
        if not stated:
            return
        on = self._on()
        code = self.catalogue.unit_named(name, on, within=self.issuer, bare=True)
        if code and code != self.issuer and self._below(code):
            self._row(code, name).add(stated)
        elif code is None and name not in self.unmatched:
            self.unmatched.append(name)

    def _label_row(self, cells: list[str], line: str) -> None:
        """A two-column table of the unit's own figures: 'Tổng số chi bộ | 52'."""
        if len(cells) != 2:
            return
        column = match_header("reports", cells[0])
        if column in COUNTS or column is None:
            stated = _cell_figures(cells[1], column, line) if column in COUNTS else [
                replace(f, source=line, at=0) for f in figures(f"{cells[0]}: {cells[1]}")]
            if stated:
                self._row(self.issuer, self.issuer_text).add(stated)

    def rows(self) -> list[ProposedRow]:
        rows = list(self.by_key.values())
        issuer = self.issuer or fold(self.issuer_text)
        parts = [r for r in rows if (r.unit or fold(r.unit_text)) != issuer]
        if parts:
            rows = parts                 # the issuer's total would count its sub-units twice
        occasion_of = {id(row): self.occasion_of[key] for key, row in self.by_key.items()}
        for row in rows:
            row.settle()
            row.topics = sorted(self.topics.get(None, set()) | self.topics.get(occasion_of[id(row)], set()))
        return [r for r in rows if r.counts]


def _segments(sentence: str) -> list[tuple[int, str]]:
    """A sentence cut at its semicolons, each part with where it starts: 'Dịp 3-2: …; dịp 19-5: …' reports two
    occasions, one per part."""
    parts, at = [], 0
    for part in sentence.split(";"):
        if part.strip():
            parts.append((at, part))
        at += len(part) + 1
    return parts


def _cell_figures(cell: str, column: str | None, line: str) -> list[Figure]:
    """A table cell's count: '52', 'trên 3.550', or '12/12' (done over expected) under its column's field."""
    if column not in COUNTS:
        return []
    fraction = _FRACTION.match(cell)
    pairs = {"cells_expected": ("cells_held", "cells_expected"), "cells_held": ("cells_held", "cells_expected"),
             "members_total": ("members_participating", "members_total"),
             "members_participating": ("members_participating", "members_total")}
    if fraction and column in pairs:
        done, expected = (parse_count(part) for part in fraction.groups())
        if done[0] is None or expected[0] is None:
            return []
        return [Figure(pairs[column][0], done[0], count_qualifier(fraction.group(1)) or "exact", cell, line),
                Figure(pairs[column][1], expected[0], "exact", cell, line)]
    value, approximate, problem = parse_count(cell)
    if value is None or problem:
        return []
    return [Figure(column, value, count_qualifier(cell) or "exact", cell, line)]

