"""What a narrative document names, matched against the catalogue: units (valid on the occasion's dates), occasions
(by the anniversary, its day-month or the report's date), topics (by name, number or the usual abbreviation) and
the dates it writes. The text is searched folded (no diacritics, lower case) with positions kept."""
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from common.db import connect, db_path, dicts
from common.text import fold, unaccented
from etl.resolve import strip_prefixes

# the anniversaries occasions are tied to: (day, month), the event's year (so that "kỷ niệm 132 năm" gives the
# year) and how texts name them, folded
ANNIVERSARIES = {
    (3, 2): (1930, r"thanh lap dang|ngay thanh lap dang cong san|mung dang"),
    (19, 5): (1890, r"ngay sinh (?:cua )?(?:chu tich|bac) ho chi minh|sinh nhat bac"),
    (2, 9): (1945, r"cach mang thang tam|quoc khanh"),
    (7, 11): (1917, r"cach mang thang muoi"),
}
_DAY_MONTH = r"(\d{1,2})\s*[-/]\s*(\d{1,2})(?:\s*[-/]\s*(\d{4}))?"
_OCCASION = re.compile(rf"\b(?:dip|ky niem|nhan dip|ngay|mung dang)\s+{_DAY_MONTH}(?!\d)|(?:ky niem (\d{{2,3}}) nam\s+)?(?:ngay\s+)?"
                       rf"(?:{'|'.join(f'(?P<a{d}_{m}>{names})' for (d, m), (_, names) in ANNIVERSARIES.items())})")
_YEAR_AFTER = re.compile(r"^\W{0,3}(?:nam\s+)?(20\d\d)\b")
_DATE = re.compile(r"ngay\s+(\d{1,2})\s*(?:thang\s+(\d{1,2})\s*nam\s+|[/.-]\s*(\d{1,2})\s*[/.-]\s*)(\d{4})")
# words a unit's name starts with in running text, longest first
KIND_WORDS = ("dang uy khoi", "dang uy xa", "dang uy phuong", "dang uy", "dang bo xa", "dang bo phuong",
              "dang bo thi tran", "dang bo huyen", "dang bo", "chi bo", "huyen uy", "thanh uy", "thi uy", "tinh uy",
              "ban thuong vu", "ban tuyen giao")
_KIND = re.compile(r"\b(?:" + "|".join(KIND_WORDS) + r")\b")
MAX_NAME_WORDS = 8
_NAME_WORDS = {"xa", "phuong", "thi", "tran", "huyen", "thon", "to", "dan", "pho", "ban", "khu", "tinh"}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date | None) -> bool:
        return day is None or ((self.valid_from is None or self.valid_from <= day)
                               and (self.valid_to is None or day <= self.valid_to))


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Occasion:
    day: int
    month: int
    year: int | None
    at: int                                    # where the text names it


@dataclass
class Catalogue:
    units: list[Unit] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, db: str | None = None) -> "Catalogue":
        """The catalogue in the database; empty when there is no database yet."""
        if not db_path(db).exists():
            return cls()
        with connect(db, read_only=True) as con:
            return cls.read(con)

    @classmethod
    def read(cls, con) -> "Catalogue":
        units = [Unit(r["code"], r["name"], r["parent_code"], r["valid_from"], r["valid_to"])
                 for r in dicts(con.execute("SELECT code, name, parent_code, valid_from, valid_to FROM units"))]
        periods = [Period(*row) for row in con.execute(
            "SELECT code, name, start_date, end_date FROM periods ORDER BY start_date NULLS FIRST, code").fetchall()]
        topics = con.execute("SELECT code, name FROM topics ORDER BY code").fetchall()
        return cls(units, periods, [tuple(t) for t in topics])

    def __post_init__(self):
        self.by_code = {unit.code: unit for unit in self.units}
        self._keys: dict[str, set[str]] = {}
        for unit in self.units:
            for key in _unit_keys(unit.name):
                self._keys.setdefault(key, set()).add(unit.code)
        self._topics = [(code, _topic_pattern(code, name)) for code, name in self.topics]

    # --- units -----------------------------------------------------------------------------------------------
    def depth(self, code: str) -> int:
        depth, unit = 0, self.by_code.get(code)
        while unit and unit.parent and depth < 20:
            depth, unit = depth + 1, self.by_code.get(unit.parent)
        return depth

    def is_within(self, code: str, ancestor: str | None) -> bool:
        unit = self.by_code.get(code)
        for _ in range(20):
            if unit is None:
                return False
            if unit.code == ancestor:
                return True
            unit = self.by_code.get(unit.parent) if unit.parent else None
        return False

    def unit_named(self, text: str, on: dt.date | None, within: str | None = None, bare: bool = False) -> str | None:
        """The one unit valid on `on` that `text` names ('Huyện ủy Bình Sơn', 'ĐẢNG ỦY BÌNH SƠN', 'Bình Minh'),
        preferring units under `within`, then the highest in the tree; None when none or no single one."""
        folded = fold(text)
        stripped, categories = strip_prefixes(folded)
        tries = [folded] + [f"{c} {stripped}" for c in sorted(categories)] + ([stripped] if bare or not categories
                                                                              else [])
        for key in tries:
            found = [c for c in self._keys.get(key, ()) if self.by_code[c].valid_on(on)]
            if within and any(self.is_within(c, within) for c in found):
                found = [c for c in found if self.is_within(c, within)]
            if found:
                best = min(self.depth(c) for c in found)
                found = [c for c in found if self.depth(c) == best]
                return found[0] if len(found) == 1 else None
        return None

    def units_in(self, sentence: str, on: dt.date | None, within: str | None = None) -> list[tuple[int, str, str | None]]:
        """Unit names in running text, in order: (position, name as written, code or None when the catalogue has
        no such unit). A name is a kind word ('Đảng bộ xã', 'Chi bộ') and the words after it: the longest run the
        catalogue knows ('Chi bộ Trạm Y tế'), else the capitalised words ('Đảng bộ xã Tân Lập')."""
        folded, found, end = unaccented(sentence), [], -1
        for match in _KIND.finditer(folded):
            if match.start() < end:
                continue
            words = []                                   # (end of the word in `sentence`, word)
            for word in re.finditer(r"[^\s,.;:()|]+", sentence[match.end():]):
                at = match.end() + word.start()
                if len(words) >= MAX_NAME_WORDS or re.search(r"[,.;:()|]", sentence[words[-1][0] if words
                                                                                    else match.end():at]) \
                        or _KIND.match(folded, at):
                    break
                words.append((at + len(word.group()), word.group()))
            known = next(((stop, code) for stop, _ in reversed(words)
                          if (code := self.unit_named(sentence[match.start():stop], on, within))), None)
            if known:
                stop, code = known
            else:
                capitalised = 0
                for index, (_, word) in enumerate(words):
                    if word[:1].isupper() or word[:1].isdigit() and index:
                        capitalised = index + 1
                    elif fold(word) not in _NAME_WORDS:
                        break
                if not capitalised:
                    continue                               # "các chi bộ": a kind word with no name
                stop, code = words[capitalised - 1][0], None
            end = stop
            found.append((match.start(), sentence[match.start():stop], code))
        return found

    # --- occasions and topics --------------------------------------------------------------------------------
    def period_of(self, occasion: Occasion | None, report_date: dt.date | None) -> str | None:
        """The catalogue's occasion for an anniversary (and year), or, with none named, the latest one begun by
        the report's date."""
        if occasion is not None and occasion.year:
            day = dt.date(occasion.year, occasion.month, occasion.day)
            named = [p for p in self.periods if p.start and p.start.year == occasion.year
                     and re.search(rf"(?<!\d){occasion.day}\s*[-/]\s*0?{occasion.month}(?!\d)", p.name)]
            holding = [p for p in self.periods if p.start and p.end and p.start <= day <= p.end]
            chosen = named or holding
            return chosen[0].code if len(chosen) == 1 else None
        if occasion is None and report_date:
            begun = [p for p in self.periods if p.start and p.start <= report_date]
            return begun[-1].code if begun else None
        return None

    def period_dates(self, code: str | None) -> dt.date | None:
        period = next((p for p in self.periods if p.code == code), None)
        return period.start if period else None

    def topics_in(self, text: str) -> list[str]:
        folded = unaccented(text)
        return sorted(code for code, pattern in self._topics if pattern and pattern.search(folded))


def _unit_keys(name: str) -> set[str]:
    folded = fold(name)
    bare, categories = strip_prefixes(folded)
    keys = {folded, bare} | {f"{c} {bare}" for c in categories}
    short = fold(re.sub(r"\(.*?\)", " ", name))          # "Chi bộ thôn 1 (xã Bình Sơn)" is "Chi bộ thôn 1" at home
    return keys | ({short} if short != folded else set())


def _topic_pattern(code: str, name: str) -> re.Pattern | None:
    """How texts name a topic: its name, its document number ('21-KL/TW', 'Kết luận số 21'), and for the
    General Secretary's book and the term-long theme, the words offices shorten them to."""
    folded = fold(name)
    spelled = re.escape(folded).replace(r"\ ", r"\W+")
    ways = [rf"\b{spelled}\b"]
    number = re.search(r"(\d+)\s*-\s*(kl|qd|ct|nq|hd)\s*/\s*tw", unaccented(name))
    if number:
        kind = {"kl": "ket luan", "qd": "quy dinh", "ct": "chi thi", "nq": "nghi quyet", "hd": "huong dan"}
        ways += [rf"\b{number[1]}\s*-\s*{number[2]}\s*/\s*tw",
                 rf"\b(?:{kind[number[2]]}|{number[2]})\s+(?:so\s+)?{number[1]}\b"]      # "Quy định 37", "QĐ 37"
    if "tong bi thu" in folded and "sach" in folded:
        ways.append(r"\bsach\b[^.;]{0,60}tong bi thu")
    if "toan khoa" in folded:
        ways.append(r"chuyen de toan khoa")
    words = folded.split()
    if len(words) >= 9:                  # a long name is often cut short: "… phong cách Hồ Chí Minh"
        ways.append(r"\b" + r"\W+".join(map(re.escape, words[-6:])) + r"\b")
    return re.compile("|".join(ways))


def occasions_in(text: str, report_year: int | None) -> list[Occasion]:
    """The anniversaries a sentence names, with the year it gives ("dịp 19-5 năm 2022", "kỷ niệm 132 năm ...")
    or the report's year."""
    folded, found = unaccented(text), []
    for match in _OCCASION.finditer(folded):
        if match.group(1):
            day, month = int(match.group(1)), int(match.group(2))
            if (day, month) not in ANNIVERSARIES:
                continue
            year = int(match.group(3)) if match.group(3) else None
        else:
            day, month = next(key for key in ANNIVERSARIES if match.group(f"a{key[0]}_{key[1]}"))
            year = ANNIVERSARIES[(day, month)][0] + int(match.group(4)) if match.group(4) else None
        after = _YEAR_AFTER.match(folded[match.end():])
        year = year or (int(after.group(1)) if after else None) or report_year
        if year is not None and not 1930 <= year <= 2200:
            continue                                   # "3/2/0000": not a date any occasion has
        if not any(o.day == day and o.month == month and o.year == year for o in found):
            found.append(Occasion(day, month, year, match.start()))
    return found


def first_date(text: str) -> dt.date | None:
    """The first 'ngày 25 tháng 5 năm 2022' or 'ngày 25/5/2022' in the text."""
    for match in _DATE.finditer(unaccented(text)):
        try:
            return dt.date(int(match.group(4)), int(match.group(2) or match.group(3)), int(match.group(1)))
        except ValueError:
            continue
    return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
