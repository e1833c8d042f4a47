"""A plan document read into a proposed catalogue: its number, date, issuer, the plan it implements, and each round
(occasion) with its anniversary, its months or dates, its deadline and its topics."""
import datetime as dt
import re
from dataclasses import dataclass, field

from common.text import fold, unaccented
from etl.documents import CELLS
from etl.mentions import KIND_WORDS, Catalogue, month_end, occasions_in

_OWN_NUMBER = re.compile(r"S[ốo]\s*:\s*(\d+[\w.]*\s*-\s*KH\s*/\s*[\w-]+)", re.IGNORECASE)
_PLAN_NUMBER = re.compile(r"(?<![\w/])(\d+[\w.]*-KH/[\w-]+)")
_ROUND = re.compile(r"^\W*(?:[a-z0-9]{1,2}\s*[).]\s*)?(?:dot\s+(?:\d+|mot|hai|ba|bon|nam|i{1,3}|iv|v)\b|dot [a-z ]{2,30}:"
                    r"|dot (?:sinh hoat|hoc tap)\b|dip\s+(?:\d|ky niem))")
_WINDOW = re.compile(r"\btu ngay \d|\btu thang \d|\btrong thang \d")
_D = r"(\d{1,2})\s*[-/]\s*(\d{1,2})(?:\s*[-/]\s*(\d{4}))?"
_DAYS = re.compile(rf"tu ngay {_D}[^\d.;]{{0,25}}?(?:den|ket thuc|-)\s*(?:het\s+)?(?:ngay\s+)?{_D}")
_MONTHS = re.compile(r"tu thang (\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:den|-)\s*(?:het\s+)?thang (\d{1,2})(?:\s*/\s*(\d{4}))?")
_IN_MONTH = re.compile(r"(hoan thanh[^.;]{0,80}?)?trong thang (\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_BEFORE = re.compile(rf"truoc ngay {_D}")
_BY = re.compile(rf"cham nhat (?:la\s+)?(?:vao\s+)?ngay {_D}")
_AFTER_END = re.compile(r"cham nhat (?:la\s+)?(\d{1,3}) ngay (?:sau khi|ke tu(?: ngay)?)\s+ket thuc")


@dataclass
class PlanPeriod:
    label: str
    anniversary: str | None = None               # "19-05"
    start: dt.date | None = None
    end: dt.date | None = None
    deadline: dt.date | None = None
    topics: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        iso = lambda day: day.isoformat() if day else None     # noqa: E731
        return {"label": self.label, "anniversary": self.anniversary, "start": iso(self.start),
                "end": iso(self.end), "deadline": iso(self.deadline), "topics": self.topics, "source": self.source}


@dataclass
class PlanText:
    number: str | None
    date: dt.date | None
    issuer: str
    based_on: str | None
    periods: list[PlanPeriod]

    def as_json(self) -> dict:
        return {"number": self.number, "date": self.date.isoformat() if self.date else None, "issuer": self.issuer,
                "based_on": self.based_on, "periods": [p.as_json() for p in self.periods]}


def read_plan(lines: tuple[str, ...], date: dt.date | None, issuer_text: str, catalogue: Catalogue) -> PlanText:
    text = "\n".join(lines)
    own = _OWN_NUMBER.search(" ".join(lines[:12]))
    number = re.sub(r"\s+", "", own.group(1)) if own else None
    cited = [n for n in _PLAN_NUMBER.findall(text) if n != number]
    year = date.year if date else None
    rounds, general = _rounds(lines)
    plan_topics = catalogue.topics_in(" ".join(general))
    periods = [_period(label, part, year, catalogue, plan_topics) for label, part in rounds]
    return PlanText(number, date, _issuer_name(issuer_text, catalogue, date), cited[0] if cited else None, periods)


def _rounds(lines: tuple[str, ...]) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The paragraphs of each round ('Đợt 1: …', 'a) Dịp 19-5: …') up to the next round or section; the rest."""
    rounds: list[tuple[str, list[str]]] = []
    general: list[str] = []
    current: list[str] | None = None
    for line in lines:
        folded = unaccented(line)
        if CELLS in line and (occasions_in(line, None) or _WINDOW.search(folded)):
            cells = [cell for cell in line.split(CELLS) if not re.fullmatch(r"\W*\d{1,2}\W*", cell)]
            rounds.append((re.split(r"[:(]", cells[0], maxsplit=1)[0].strip()[:60], [line]))
            current = None                   # a table row holds one whole round
        elif _ROUND.match(folded):
            label = re.split(r"[:(]", line.lstrip("-+•– "), maxsplit=1)[0].strip()[:60]
            current = [line]
            rounds.append((label, current))
        elif current is not None and (line.upper() == line and re.search(r"[^\W\d]", line) or _round_ends(folded)):
            current = None
            general.append(line)
        elif current is not None:
            current.append(line)
        else:
            general.append(line)
    return rounds, general


def _round_ends(folded: str) -> bool:
    return bool(re.match(r"^\s*(?:(?:[ivx]+|\d+)\s*[.)]\s+)?(to chuc thuc hien|che do bao cao|kinh phi|phan cong)",
                         folded))


def _month(year, month) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a month the text names; None for "tháng 13" or a year without a month."""
    try:
        return dt.date(int(year), int(month), 1), month_end(int(year), int(month))
    except (TypeError, ValueError):
        return None


def _date(day, month, year, fallback: int | None) -> dt.date | None:
    try:
        return dt.date(int(year) if year else fallback, int(month), int(day))
    except (TypeError, ValueError):
        return None


def _period(label: str, part: list[str], year: int | None, catalogue: Catalogue, plan_topics) -> PlanPeriod:
    text = " ".join(part)
    folded = unaccented(text)
    found = re.findall(r"\b(20\d\d)\b", folded)
    year = int(found[0]) if found else year
    period = PlanPeriod(label, source=list(part))
    occasion = next(iter(occasions_in(text, year)), None)
    if occasion:
        period.anniversary = f"{occasion.day:02d}-{occasion.month:02d}"
    days, months = _DAYS.search(folded), _MONTHS.search(folded)
    if days:
        end_year = days.group(6) or year
        period.start = _date(*days.group(1, 2), days.group(3) or end_year, year)
        period.end = _date(*days.group(4, 5), end_year, year)
    elif months:
        start_year = int(months.group(2) or months.group(4) or year or 0) or None
        end_year = int(months.group(4) or start_year or 0) or None
        first, last = _month(start_year, months.group(1)), _month(end_year, months.group(3))
        if first and last:
            period.start, period.end = first[0], last[1]
    for match in _IN_MONTH.finditer(folded):
        span = _month(match.group(3), match.group(2))
        if span and match.group(1):
            period.deadline = period.deadline or span[1]
        elif span and period.start is None:
            period.start, period.end = span
    before, by, after = _BEFORE.search(folded), _BY.search(folded), _AFTER_END.search(folded)
    if period.deadline is None and by:
        period.deadline = _date(*by.groups(), year)
    if period.deadline is None and before:
        day = _date(*before.groups(), year)
        period.deadline = day - dt.timedelta(days=1) if day else None
    if period.deadline is None and after and period.end:
        period.deadline = period.end + dt.timedelta(days=int(after.group(1)))
    period.topics = catalogue.topics_in(text) or list(plan_topics)
    return period


def _issuer_name(written: str, catalogue: Catalogue, on: dt.date | None) -> str:
    """The issuing body in ordinary case: the catalogue's name when it knows it, else the letterhead's words with
    the kind words in lower case ('TỈNH ỦY SƠN HÀ' -> 'Tỉnh ủy Sơn Hà')."""
    named = catalogue.units_in(written, on)
    if named and named[-1][2]:
        return catalogue.by_code[named[-1][2]].name
    text = named[-1][1] if named else written
    words = text.split()
    kind = next((len(k.split()) for k in KIND_WORDS if fold(" ".join(words)).startswith(k + " ")), 0)
    out = [w.lower() for w in words[:kind]] + [w[:1].upper() + w[1:].lower() for w in words[kind:]]
    return (out[0][:1].upper() + out[0][1:]) + (" " + " ".join(out[1:]) if len(out) > 1 else "") if out else ""
