"""`export` and `report-settings`: the scheduled report and who issues it. The report library (python-docx,
plotly, kaleido) is imported inside the handlers, so the other commands never load it."""
import datetime as dt
import getpass
import sys
from dataclasses import replace
from pathlib import Path

from analytics.export_formats import DEFAULT_FORMATS, FORMATS
from analytics.report.settings import ReportSettings, settings_path
from cli.stats import add_targets, targets
from common.db import connect
from security.audit import Exported, SettingsChanged, log


def add_export(commands) -> None:
    export = commands.add_parser("export", help="xuất báo cáo Word/PDF, bảng Excel/CSV, ảnh biểu đồ")
    export.add_argument("--db")
    export.add_argument("-o", "--output", help="thư mục ghi tệp (mặc định: bao-cao-<ngày>)")
    export.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                        help="định dạng cần xuất, lặp lại được (mặc định: docx, pdf, xlsx)")
    export.add_argument("--parent", help="mã đơn vị (mặc định: cấp cao nhất)")
    export.add_argument("--period", action="append", default=[], help="mã đợt (mặc định: đợt gần nhất đã bắt đầu)")
    export.add_argument("--topic", action="append", default=[])
    export.add_argument("--plan")
    export.add_argument("--as-of", type=dt.date.fromisoformat, help="cây tổ chức tính đến ngày (YYYY-MM-DD)")
    export.add_argument("--date", type=dt.date.fromisoformat, help="ngày của báo cáo (mặc định: hôm nay)")
    add_targets(export)
    export.add_argument("--annex", action="store_true", help="thêm phụ lục biểu đồ từng đơn vị trực thuộc")
    export.set_defaults(handler=export_command)


def add_settings(commands) -> None:
    setting = commands.add_parser("report-settings", help="thông tin cơ quan ban hành báo cáo (nhập một lần)")
    setting.add_argument("--db")
    setting.set_defaults(handler=settings_command)
    for name, label in ReportSettings.LABELS.items():
        setting.add_argument(f"--{name.replace('_', '-')}", help=label)
    setting.add_argument("--recipient", action="append", help="nơi nhận, lặp lại cho từng nơi")


def export_command(args) -> int:
    from analytics.export import write_exports
    from analytics.images import ChartRenderer, ExportError
    from analytics.view import UnknownCode, describe

    today = args.date or dt.date.today()
    folder = Path(args.output or f"bao-cao-{today:%d-%m-%Y}")
    renderer = ChartRenderer()
    try:
        with connect(args.db, read_only=True) as con:
            view = describe(con, args.parent, tuple(args.period), topics=tuple(args.topic), plan=args.plan,
                            as_of=args.as_of, targets=targets(args), today=today)
            settings = ReportSettings.load(settings_path(args.db))
            written = write_exports(con, view, settings, folder, formats=tuple(args.formats or DEFAULT_FORMATS),
                                    renderer=renderer, annex=args.annex)
    except (UnknownCode, ExportError) as problem:
        print(f"Không xuất được: {problem}", file=sys.stderr)
        return 1
    finally:
        renderer.close()
    print(f"Báo cáo: {view.caption()}")
    missing = settings.missing()
    if missing:
        print(f"Chưa nhập: {', '.join(missing)} (python -m etl report-settings --help).")
    for path in written:
        print(f"  {path}")
    log(args.db, getpass.getuser(), Exported(f"dòng lệnh: {', '.join(path.name for path in written)}", view.caption()))
    return 0


def settings_command(args) -> int:
    path = settings_path(args.db)
    settings = ReportSettings.load(path)
    changes = {name: getattr(args, name).strip() for name in ReportSettings.LABELS if getattr(args, name) is not None}
    if args.recipient:
        changes["recipients"] = [r.strip() for r in args.recipient if r.strip()]
    if changes:
        settings = replace(settings, **changes)
        settings.save(path)
        log(args.db, getpass.getuser(), SettingsChanged(f"dòng lệnh: {settings.summary()}"))
        print(f"Đã lưu {path}")
    for name, label in ReportSettings.LABELS.items():
        print(f"{label}: {getattr(settings, name) or '(chưa nhập)'}")
    print("Nơi nhận: " + "; ".join(settings.recipients))
    return 0
