"""`extract`: the rows a narrative report proposes, or a plan's rounds, read from Word, PDF, scans and text; and
`load --proposals`: those rows, once a person has checked them, through the loader."""
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

from cli.summary import print_summary
from common.formats import format_count, format_date
from etl.fields import header_label
from etl.readers import FileProblem
from etl.schema import SESSION_COUNTS
from etl.values import QUALIFIER_WORDS

KINDS = {"report": "báo cáo có số liệu", "plan": "kế hoạch", "none": "không có số liệu nào để đề xuất"}
FIELDS = {name: header_label("reports", name).lower() for name in SESSION_COUNTS}


def add_extract(commands) -> None:
    extract = commands.add_parser("extract", help="đọc báo cáo, kế hoạch dạng Word, PDF, ảnh quét, văn bản; "
                                                  "chỉ đề xuất, không ghi")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--db")
    extract.add_argument("--unit", help="mã đơn vị gửi văn bản, khi văn bản không ghi")
    extract.add_argument("--json", action="store_true")
    extract.set_defaults(handler=extract_command)


def extract_command(args) -> int:
    from etl.extract import extract_file  # the document readers: only for this command
    from etl.mentions import Catalogue

    catalogue = Catalogue.load(args.db)
    results, failed = [], False
    for path in args.files:
        try:
            results.append(extract_file(path, catalogue, args.unit))
        except (FileProblem, OSError) as problem:
            failed = True
            message = str(problem) if isinstance(problem, FileProblem) else f"{path}: không mở được tệp (không có tệp này, hoặc không được phép đọc)."
            results.append({"file": path, "kind": "none", "text_from": None, "rows": [], "unmatched": [],
                            "error": message})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for result in results:
            _print(result)
    return 1 if failed else 0


def _print(result: dict) -> None:
    print(result.get("error") or f"{result['file']}: {KINDS[result['kind']]}")
    for row in result["rows"]:
        unit = row["unit"] or f"“{row['unit_text']}” (chưa khớp danh mục)"
        qualified = row.get("qualified") or {}
        figures = ", ".join(
            f"{FIELDS[name]} {QUALIFIER_WORDS.get(qualified.get(name), '')} {format_count(row[name])}".replace("  ", " ")
            + (" (tính ra)" if name in row["derived"] else "") for name in FIELDS if row[name] is not None)
        print(f"  {unit}, đợt {row['period'] or 'chưa rõ'}: {figures}")
    for name in result["unmatched"]:
        print(f"  Có số liệu nhưng không có trong danh mục: {name} (chưa đề xuất dòng nào; hãy thêm đơn vị vào "
              "danh mục, hoặc sửa tên đơn vị trong tệp đề xuất trước khi nạp)")
    plan = result.get("plan")
    if plan:
        print(f"  Kế hoạch {plan['number'] or '(không rõ số)'} ngày {_day(plan['date'])} của {plan['issuer']}"
              + (f", thực hiện {plan['based_on']}" if plan["based_on"] else ""))
        for period in plan["periods"]:
            print(f"  {period['label']}: từ {_day(period['start'])} đến {_day(period['end'])}, hạn "
                  f"{_day(period['deadline'])}, chuyên đề {', '.join(period['topics']) or 'không nêu'}")


def _day(iso: str | None) -> str:
    return format_date(dt.date.fromisoformat(iso)) if iso else "chưa rõ"


def _kept(item: dict):
    """The document an item was read from, as the proposals file says; a fingerprint that is not one is made
    again from the text, so that nothing but 64 hexadecimal digits is ever shown as one."""
    from etl.proposals import SourceDocument

    text = str(item.get("text") or "")
    digest = str(item.get("sha256") or "")
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceDocument(str(item.get("file") or "")[:200], digest, str(item.get("text_from") or "text")[:20], text)


def load_proposals(args, account) -> int:
    """`load --proposals FILE.json`: the checked rows as one upload that keeps each source document."""
    from etl.loader import LoadOptions, load_files
    from etl.proposals import read_proposals, write_files

    try:
        items = read_proposals(args.proposals)
    except (FileProblem, OSError) as problem:
        print(str(problem), file=sys.stderr)
        return 1
    documents = tuple(_kept(item) for item in items if item.get("rows") or item.get("plan"))
    with tempfile.TemporaryDirectory(prefix="de-xuat-") as folder:
        files = write_files(items, Path(folder), Path(args.proposals).name)
        if not files:
            print(f"{Path(args.proposals).name}: không có dòng đề xuất nào để nạp.", file=sys.stderr)
            return 1
        summary = load_files(files, LoadOptions(db=args.db, dry_run=args.dry_run, user=args.user, account=account,
                                                allow_revert=args.allow_revert, documents=documents))
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, default=str))
    else:
        print_summary(summary)
    return 1 if summary.status == "rejected" else 0
