"""The four kinds of file, their columns, canonical Vietnamese headers and how headers are recognised."""
from dataclasses import dataclass

from common.text import header_words


@dataclass(frozen=True)
class Field:
    name: str            # column name in DuckDB
    header: str          # canonical header, as in the templates
    kind: str            # text | code | count | date
    rules: tuple[frozenset[str], ...] = ()   # a header matches when it holds every word of one rule


def _f(name: str, header: str, kind: str, *rules: str) -> Field:
    return Field(name, header, kind, tuple(frozenset(r.split()) for r in rules))


# Rules are tried in order, first match wins: the specific before the general
# ("Mã đơn vị cấp trên" before "Mã đơn vị", "Số quần chúng tham gia" before "Số đảng viên tham gia").
KINDS: dict[str, tuple[Field, ...]] = {
    "units": (
        _f("parent_code", "Mã đơn vị cấp trên", "code", "cap tren", "truc thuoc", "don vi cha"),
        _f("code", "Mã đơn vị", "code", "ma don vi", "ma"),
        _f("name", "Tên đơn vị", "text", "ten don vi", "ten", "don vi"),
        _f("kind", "Loại", "text", "loai", "hinh thuc"),
        _f("valid_from", "Hiệu lực từ", "date", "hieu luc tu", "tu ngay", "thanh lap"),
        _f("valid_to", "Hiệu lực đến", "date", "hieu luc den", "den ngay", "giai the"),
    ),
    "periods": (
        _f("plan_title", "Tên kế hoạch", "text", "ten ke hoach", "trich yeu"),
        _f("plan_date", "Ngày kế hoạch", "date", "ngay ke hoach", "ngay ban hanh"),
        _f("plan_issuer", "Cơ quan ban hành", "text", "co quan ban hanh", "noi ban hanh"),
        _f("plan_code", "Kế hoạch", "text", "ke hoach"),
        _f("deadline", "Hạn báo cáo", "date", "han"),
        _f("code", "Mã đợt", "code", "ma dot", "ma dip", "ma"),
        _f("name", "Tên đợt", "text", "ten dot", "ten dip", "dot", "dip", "ten"),
        _f("start_date", "Từ ngày", "date", "tu ngay", "bat dau"),
        _f("end_date", "Đến ngày", "date", "den ngay", "ket thuc"),
    ),
    "topics": (
        _f("code", "Mã chuyên đề", "code", "ma chuyen de", "ma noi dung", "ma"),
        _f("name", "Tên chuyên đề", "text", "ten chuyen de", "chuyen de", "noi dung", "ten"),
    ),
    "reports": (
        _f("non_members", "Số quần chúng tham gia", "count", "quan chung"),
        _f("members_exempt", "Số đảng viên miễn sinh hoạt", "count", "dang vien mien", "mien"),
        _f("members_participating", "Số đảng viên tham gia", "count",
           "dang vien tham gia", "dang vien du", "dang vien da", "dang vien hoc"),
        _f("members_total", "Tổng số đảng viên", "count", "dang vien"),
        _f("cells_held", "Số chi bộ đã sinh hoạt", "count", "chi bo da", "chi bo to chuc"),
        _f("cells_expected", "Tổng số chi bộ", "count", "chi bo phai", "chi bo tong"),
        _f("cells_held", "Số chi bộ đã sinh hoạt", "count", "chi bo sinh hoat"),
        _f("cells_expected", "Tổng số chi bộ", "count", "chi bo"),
        _f("meetings", "Số hội nghị", "count", "hoi nghi", "lop", "buoi"),
        _f("report_date", "Ngày báo cáo", "date", "ngay bao cao", "ngay gui", "ngay"),
        _f("note", "Ghi chú", "text", "ghi chu"),
        _f("topic", "Chuyên đề", "text", "chuyen de", "noi dung"),
        _f("period", "Đợt", "text", "dot", "dip"),
        _f("unit", "Đơn vị", "text", "don vi", "to chuc dang", "dang bo"),
    ),
}

# Columns every file of a kind must have; for reports also one complete pair of counts.
REQUIRED = {
    "units": ("code", "name"),
    "periods": ("code",),
    "topics": ("code", "name"),
    "reports": ("unit", "period"),
}
COUNT_PAIRS = (("cells_expected", "cells_held"), ("members_total", "members_participating"))

# Columns offices add that carry nothing to load: row numbers and rates (rates are recomputed).
IGNORED_RULES = (frozenset({"stt"}), frozenset({"so", "tt"}), frozenset({"ty", "le"}), frozenset({"tyle"}))

KIND_LABELS = {"units": "đơn vị", "periods": "đợt", "topics": "chuyên đề", "reports": "báo cáo"}


TEMPLATE_ORDER = {
    "units": ("code", "name", "kind", "parent_code", "valid_from", "valid_to"),
    "periods": ("code", "name", "plan_code", "start_date", "end_date", "deadline"),
    "topics": ("code", "name"),
    "reports": ("unit", "period", "topic", "cells_expected", "cells_held", "members_total",
                "members_exempt", "members_participating", "non_members", "meetings", "report_date", "note"),
}


def canonical_fields(kind: str) -> list[Field]:
    """One field per column, in template order."""
    first = {}
    for field in KINDS[kind]:
        first.setdefault(field.name, field)
    return [first[name] for name in TEMPLATE_ORDER[kind]]


def header_label(kind: str, name: str) -> str:
    return next(f.header for f in KINDS[kind] if f.name == name)


def match_header(kind: str, header: str) -> str | None:
    """The field a header names, '' for a known column to ignore, None when unknown."""
    words = header_words(header)
    if not words:
        return None
    for field in KINDS[kind]:
        if any(rule <= words for rule in field.rules):
            return field.name
    if any(rule <= words for rule in IGNORED_RULES):
        return ""
    return None
