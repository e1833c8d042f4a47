"""Commands that write the database or read its history: init, load, template, rollback, uploads."""
import json
import sys

from analytics.catalog import uploads
from cli.extract import load_proposals
from cli.login import add_account_options, with_account
from cli.summary import print_summary
from common.db import connect, db_path
from common.formats import format_count
from etl.fields import KINDS
from etl.loader import LoadOptions, create_schema_if_missing, load_files, rollback_upload
from etl.publish import UntrustedFolder, publish_whole
from etl.store import RollbackRefused


def add_init(commands) -> None:
    init = commands.add_parser("init", help="tạo cơ sở dữ liệu")
    init.add_argument("--db")
    init.add_argument("--demo", action="store_true", help="nạp thêm dữ liệu tỉnh mẫu")
    init.set_defaults(handler=init_database)


def add_load(commands) -> None:
    load = commands.add_parser("load", help="nạp tệp CSV/Excel")
    load.add_argument("files", nargs="*", metavar="FILE")
    load.add_argument("--proposals", metavar="FILE.json",
                      help="nạp các dòng đề xuất (từ `extract --json`) đã được người kiểm tra, sửa")
    load.add_argument("--db")
    load.add_argument("--kind", choices=list(KINDS))
    load.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    load.add_argument("--allow-revert", action="store_true",
                      help="đồng ý cho tệp đưa số liệu về giá trị cũ mà một lần nạp sau đã sửa")
    load.add_argument("--user")
    add_account_options(load)
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=load_command)


def add_template(commands) -> None:
    template = commands.add_parser("template", help="tạo tệp mẫu trống")
    template.add_argument("kind", choices=list(KINDS))
    template.add_argument("-o", "--output")
    template.set_defaults(handler=template_command)


def add_rollback(commands) -> None:
    undo = commands.add_parser("rollback", help="hoàn tác một lần nạp")
    undo.add_argument("upload_id", type=int)
    undo.add_argument("--db")
    undo.add_argument("--user")
    add_account_options(undo)
    undo.set_defaults(handler=rollback_command)


def add_uploads(commands) -> None:
    history = commands.add_parser("uploads", help="lịch sử các lần nạp")
    history.add_argument("--db")
    history.set_defaults(handler=uploads_command)


def init_database(args) -> int:
    with connect(args.db) as con:
        create_schema_if_missing(con)
        filled = con.execute("SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM reports)").fetchone()[0]
        if args.demo and filled:
            print(f"Cơ sở dữ liệu {db_path(args.db)} đã có danh mục đơn vị hoặc báo cáo: tỉnh mẫu chỉ nạp vào một "
                  "cơ sở dữ liệu mới. Hãy chọn một tệp khác bằng --db.", file=sys.stderr)
            return 1
        try:
            publish_whole(con, args.db)
        except UntrustedFolder as problem:
            print(problem, file=sys.stderr)
            return 1
    print(f"Đã tạo cơ sở dữ liệu {db_path(args.db)}")
    if args.demo:
        from etl.demo import load_demo  # the generator is only needed here

        summary = load_demo(args.db)
        print(f"Đã nạp tỉnh mẫu: {format_count(summary.imported)} dòng, {format_count(summary.updated)} dòng sửa.")
    return 0


@with_account
def load_command(args, account) -> int:
    if args.proposals:
        if args.files:
            print("Nạp tệp đề xuất riêng, không kèm tệp khác.", file=sys.stderr)
            return 2
        return load_proposals(args, account)
    if not args.files:
        print("Hãy nêu tệp cần nạp, hoặc --proposals TỆP.json.", file=sys.stderr)
        return 2
    summary = load_files(args.files, LoadOptions(db=args.db, kind=args.kind, dry_run=args.dry_run, user=args.user,
                                                 account=account, allow_revert=args.allow_revert))
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, default=str))
    else:
        print_summary(summary)
    return 1 if summary.status == "rejected" else 0


def template_command(args) -> int:
    from etl.templates import NAMES, write_template  # openpyxl: only for this command

    path = write_template(args.kind, args.output or NAMES[args.kind])
    print(f"Đã tạo tệp mẫu {path}")
    return 0


@with_account
def rollback_command(args, account) -> int:
    try:
        counts = rollback_upload(args.upload_id, args.db, user=args.user, account=account)
    except RollbackRefused as refused:
        print(f"Không hoàn tác được: {refused}", file=sys.stderr)
        return 1
    print(f"Đã hoàn tác lần nạp số {args.upload_id}: xóa {format_count(counts['removed'])} dòng, "
          f"khôi phục {format_count(counts['restored'])} dòng.")
    return 0


def uploads_command(args) -> int:
    with connect(args.db, read_only=True) as con:
        history = uploads(con)
    for row in reversed(history):   # oldest first, as a log reads
        print(f"{row['id']:>4}  {row['created_at']:%d/%m/%Y %H:%M}  {row['user_name']}  {row['file_name']}  "
              f"thêm {row['imported']}, sửa {row['updated']}, không đổi {row['unchanged']}, "
              f"bỏ qua {row['skipped']}  [{row['status']}]")
    return 0
