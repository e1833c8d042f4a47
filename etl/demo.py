"""The demo province 'Sơn Hà' (invented): its tree before and after 1/7/2025, plans, occasions and reports.

Everything is generated from a fixed seed and loaded through the same loader users use."""
import csv
import datetime as dt
import random
import tempfile
from pathlib import Path

from etl.fields import canonical_fields
from etl.loader import LoadOptions, Summary, load_files

REFORM = dt.date(2025, 7, 1)
TODAY = dt.date(2026, 11, 22)   # the demo is a snapshot; its late and missing reports are judged on this day
YEARS = range(2022, 2027)

DISTRICTS = [  # code, name, kind, grassroots places
    ("TP-SH", "Thành ủy Sơn Hà", "thành ủy", ["phường Bắc Sơn", "phường Nam Sơn", "phường Đồng Tâm", "xã Hòa Bình"]),
    ("TX-AP", "Thị ủy An Phú", "thị ủy", ["phường An Phú", "phường Tân An", "xã Phú Lộc"]),
    ("H-ML", "Huyện ủy Mường Lạc", "huyện ủy", ["thị trấn Mường Lạc", "xã Bản Xèo", "xã Nậm Chải", "xã Pha Long"]),
    ("H-BS", "Huyện ủy Bình Sơn", "huyện ủy", ["thị trấn Bình Sơn", "xã Bình Minh", "xã Yên Hòa"]),
    ("H-TK", "Huyện ủy Thanh Khê", "huyện ủy", ["thị trấn Thanh Khê", "xã Khê Thượng", "xã Khê Hạ", "xã Đông Lĩnh"]),
    ("H-NL", "Huyện ủy Ngọc Lâm", "huyện ủy", ["thị trấn Ngọc Lâm", "xã Lâm Sơn", "xã Ngọc Động"]),
    ("DUK-CQ", "Đảng ủy Khối các cơ quan tỉnh", "đảng ủy khối", ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Tài chính"]),
    ("DUK-DN", "Đảng ủy Khối doanh nghiệp tỉnh", "đảng ủy khối", ["Công ty Điện lực Sơn Hà", "Công ty Cấp nước Sơn Hà"]),
]
COMMUNES = [  # code, name, kind: many communes took an old district's name
    ("P-SH", "Đảng ủy phường Sơn Hà", "đảng ủy phường"), ("P-BS", "Đảng ủy phường Bắc Sơn", "đảng ủy phường"),
    ("P-AP", "Đảng ủy phường An Phú", "đảng ủy phường"), ("X-ML", "Đảng ủy xã Mường Lạc", "đảng ủy xã"),
    ("X-BX", "Đảng ủy xã Bản Xèo", "đảng ủy xã"), ("X-BS", "Đảng ủy xã Bình Sơn", "đảng ủy xã"),
    ("X-YH", "Đảng ủy xã Yên Hòa", "đảng ủy xã"), ("X-TK", "Đảng ủy xã Thanh Khê", "đảng ủy xã"),
    ("X-DL", "Đảng ủy xã Đông Lĩnh", "đảng ủy xã"), ("X-NL", "Đảng ủy xã Ngọc Lâm", "đảng ủy xã"),
    ("DU-CQD", "Đảng ủy các cơ quan Đảng tỉnh", "đảng ủy khối"),
    ("DU-UB", "Đảng ủy Ủy ban nhân dân tỉnh", "đảng ủy khối"),
]
CELL_NAMES = ["Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn 3", "Chi bộ tổ dân phố 1", "Chi bộ tổ dân phố 2",
              "Chi bộ Trường Tiểu học", "Chi bộ Trường THCS", "Chi bộ Trạm Y tế", "Chi bộ Quân sự", "Chi bộ Công an"]
OCCASIONS = [  # day-month, name, window and deadline (month, day)
    ("3-2", (1, 5), (2, 28), (3, 15)), ("19-5", (4, 15), (5, 31), (6, 15)),
    ("2-9", (8, 1), (9, 30), (10, 15)), ("7-11", (10, 15), (11, 30), (12, 15)),
]
TOPICS = [
    ("KL21", "Kết luận 21-KL/TW về đẩy mạnh xây dựng, chỉnh đốn Đảng"),
    ("QD37", "Quy định 37-QĐ/TW về những điều đảng viên không được làm"),
    ("SACH-TBT", "Sách của Tổng Bí thư về chủ nghĩa xã hội và con đường đi lên chủ nghĩa xã hội ở Việt Nam"),
    ("HCM-TK", "Chuyên đề toàn khóa học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("TSTS", "Tự soi, tự sửa"),
]


def _write(path: Path, kind: str, rows: list[list], extra: tuple[str, ...] = ()) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.header for f in canonical_fields(kind)] + list(extra))
        writer.writerows(rows)
    return path


def _tree(rng: random.Random) -> tuple[list[list], dict[str, list[tuple[str, str, int]]]]:
    """Unit rows, and per reporting unit its grassroots organisations with their number of cells."""
    rows = [["TU", "Tỉnh ủy Sơn Hà", "tỉnh ủy", "", "01/01/2010", ""]]
    grassroots: dict[str, list[tuple[str, str, int]]] = {}
    end = (REFORM - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    for code, name, kind, places in DISTRICTS:
        rows.append([code, name, kind, "TU", "01/01/2010", end])
        grassroots[code] = []
        for index, place in enumerate(places, start=1):
            child = f"{code}-{index:02d}"
            child_kind = "đảng bộ cơ sở" if not place.startswith(("Sở", "Công ty")) else "chi bộ cơ sở"
            prefix = "Đảng bộ" if child_kind == "đảng bộ cơ sở" else "Chi bộ"
            rows.append([child, f"{prefix} {place}", child_kind, code, "01/01/2010", end])
            grassroots[code].append((child, f"{prefix} {place}", rng.randint(6, 28)))
    for code, name, kind in COMMUNES:
        rows.append([code, name, kind, "TU", REFORM.strftime("%d/%m/%Y"), ""])
        grassroots[code] = []
        for index, cell in enumerate(rng.sample(CELL_NAMES, rng.randint(4, 8)), start=1):
            child = f"{code}-{index:02d}"
            rows.append([child, f"{cell} ({name.split(' ', 2)[2]})", "chi bộ", code, REFORM.strftime("%d/%m/%Y"), ""])
            grassroots[code].append((child, rows[-1][1], 1))
    return rows, grassroots


def _periods() -> tuple[list[list], list[tuple[str, dt.date, dt.date, dt.date]]]:
    rows, periods = [], []
    for year in YEARS:
        plan = f"{year - 2021:02d}-KH/TU"
        for day_month, start, end, deadline in OCCASIONS:
            code = f"{year}-{day_month}"
            dates = [dt.date(year, *start), dt.date(year, *end), dt.date(year, *deadline)]
            if dates[0] > TODAY:
                continue
            rows.append([code, f"Dịp {day_month} năm {year}", plan] + [d.strftime("%d/%m/%Y") for d in dates]
                        + [f"Kế hoạch tổ chức sinh hoạt chính trị, học tập chuyên đề năm {year}",
                           "Ban Thường vụ Tỉnh ủy Sơn Hà", f"05/01/{year}"])
            periods.append((code, *dates))
    return rows, periods


def _report_rows(rng, grassroots, periods, members) -> list[list]:
    rows = []
    for code, start, end, deadline in periods:
        reporters = [r for r in grassroots if (r.startswith(("H-", "TP-", "TX-", "DUK-")) == (start < REFORM))]
        for reporter in reporters:
            if rng.random() < 0.06:          # a unit that never sent its report
                continue
            sent = deadline + dt.timedelta(days=rng.randint(-25, 8 if rng.random() < 0.2 else -1))
            if sent > TODAY:
                continue
            weak = rng.random() < 0.15       # a unit below target this time
            topics = rng.sample(TOPICS, 2) if rng.random() < 0.25 else [None]
            for child, name, cells in grassroots[reporter]:
                total = members[child]
                exempt = rng.randint(0, max(1, total // 15))
                for topic in topics:
                    if cells == 1:               # a commune's cell either met or did not
                        held = 0 if rng.random() < (0.3 if weak else 0.03) else 1
                    else:
                        held = cells - (rng.randint(1, max(1, cells // 3)) if weak else int(rng.random() < 0.1))
                    taking = round((total - exempt) * rng.uniform(0.78, 0.93) if weak else (total - exempt) * rng.uniform(0.93, 1.0))
                    if held == 0:                # a cell that did not meet: nobody took part
                        taking = 0
                    approx = rng.random() < 0.02 and taking > 0
                    rows.append([name, code, topic[0] if topic else "", cells, max(held, 0), total, exempt,
                                 f"trên {taking:,}".replace(",", ".") if approx else taking,
                                 rng.randint(0, total // 4), rng.randint(1, 3), sent.strftime("%d/%m/%Y"), ""])
    return rows


def _number(value) -> int:
    return int(str(value).split()[-1].replace(".", ""))


def _plant_problems(reports: list[list], grassroots) -> None:
    """Mistakes real files carry, so the data-quality page has something to show."""
    whole = [r for r in reports if r[2] == ""]
    typo = min((r for r in whole if r[1] == "2024-2-9"), key=lambda r: _number(r[5]))
    typo[5] = _number(typo[5]) * 10                          # one digit too many in the member total
    over = next(r for r in whole if r[1] == "2023-19-5" and _number(r[6]) > 0)
    over[7] = _number(over[5]) - _number(over[6]) + 2        # exempt members counted as taking part
    district, period, children = next(
        (code, period, found) for period in ("2024-3-2", "2024-19-5", "2023-2-9") for code, *_ in DISTRICTS
        if len(found := [r for r in whole if r[1] == period and r[0] in {n for _, n, _ in grassroots[code]}])
        == len(grassroots[code]))
    sums = [sum(_number(r[i]) for r in children) for i in range(3, 10)]
    sums[1] -= 1                                              # the district's own figures, one cell short
    sums[4] -= 7
    reports.append([dict((c, n) for c, n, *_ in DISTRICTS)[district], period, ""] + sums
                   + [children[0][10], "Báo cáo tổng hợp của cấp ủy"])


def load_demo(db: str | None = None) -> Summary:
    rng = random.Random(20250701)
    unit_rows, grassroots = _tree(rng)
    period_rows, periods = _periods()
    members = {child: (rng.randint(8, 40) if cells == 1 else rng.randint(60, 420))
               for units in grassroots.values() for child, _, cells in units}
    total = Summary(status="committed")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        reference = [_write(folder / "don_vi.csv", "units", unit_rows),
                     _write(folder / "dot.csv", "periods", period_rows,
                            ("Tên kế hoạch", "Cơ quan ban hành", "Ngày kế hoạch")),
                     _write(folder / "chuyen_de.csv", "topics", [list(t) for t in TOPICS])]
        batches = [reference]
        reports = _report_rows(rng, grassroots, periods, members)
        _plant_problems(reports, grassroots)
        for year in YEARS:
            batches.append([_write(folder / f"bao_cao_{year}.csv", "reports",
                                   [r for r in reports if r[1].startswith(str(year))])])
        corrections = [list(r) for r in rng.sample(reports, 12)]
        for row in corrections:
            row[8] = int(row[8]) + rng.randint(1, 9)     # more non-members counted on second look
            row[11] = "Báo cáo bổ sung, sửa số liệu"
        batches.append([_write(folder / "bao_cao_bo_sung.csv", "reports", corrections)])
        for batch in batches:
            summary = load_files([str(p) for p in batch], LoadOptions(db=db, user="demo"))
            if summary.status != "committed":
                raise RuntimeError("\n".join(str(e) for e in summary.errors[:20]))
            total.imported += summary.imported
            total.updated += summary.updated
    return total
