"""`stats`: the completion figures the dashboard shows, as text or JSON."""
import datetime as dt
import json
import sys

from analytics.catalog import unknown_code
from analytics.labels import Targets, counted, judged, qualifier_of
from analytics.queries import GROUPINGS, Filters, stats
from common.db import connect
from common.formats import format_count, format_percent


def add_stats(commands) -> None:
    stat = commands.add_parser("stats", help="số liệu tổng hợp như trên bảng điều khiển")
    stat.add_argument("--db")
    stat.add_argument("--by", choices=GROUPINGS, default="unit")
    stat.add_argument("--parent")
    stat.add_argument("--period", action="append", default=[])
    stat.add_argument("--topic", action="append", default=[])
    stat.add_argument("--plan")
    stat.add_argument("--as-of", type=dt.date.fromisoformat)
    stat.add_argument("--date", type=dt.date.fromisoformat,
                      help="ngày xét báo cáo quá hạn hay chưa đến hạn (mặc định: hôm nay)")
    add_targets(stat)
    stat.add_argument("--json", action="store_true")
    stat.set_defaults(handler=stats_command)


def add_targets(command) -> None:
    command.add_argument("--cell-target", type=int, default=100, help="chỉ tiêu chi bộ sinh hoạt, %%")
    command.add_argument("--member-target", type=int, default=95, help="chỉ tiêu đảng viên tham gia, %%")


def targets(args) -> Targets:
    return Targets(cells=args.cell_target / 100, members=args.member_target / 100)


def stats_command(args) -> int:
    filters = Filters(parent=args.parent, periods=tuple(args.period), topics=tuple(args.topic), plan=args.plan,
                      as_of=args.as_of)
    with connect(args.db, read_only=True) as con:
        unknown = unknown_code(con, filters)
        if unknown:
            print(f"Không có {unknown}. Hãy dùng mã như trong danh mục (python -m etl stats --by unit).",
                  file=sys.stderr)
            return 1
        rows = judged(stats(con, args.by, filters, args.date or dt.date.today()), targets(args))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, default=float))
        return 0
    for row in rows:
        print(_line(row))
    return 0


def _line(row: dict) -> str:
    name = f"{row['group']} — {row['group2']}" if "group2" in row else row["group"]
    return (f"{name}: {format_count(row['cells_held']) or '—'}/{format_count(row['cells_expected']) or '—'} "
            f"chi bộ ({format_percent(row['cell_rate']) or '—'}), "
            f"{counted(row['members_participating'], qualifier_of(row, 'members_participating')) or '—'}/"
            f"{counted(row['members_eligible'], qualifier_of(row, 'members_eligible')) or '—'} "
            f"đảng viên ({format_percent(row['member_rate']) or '—'}), "
            f"báo cáo {row['reports_received']}/{row['reports_expected']}, đúng hạn {row['reports_on_time']}"
            f" — {row['status_name']}" + (f" ({row['status_note']})" if row["status_note"] else ""))
