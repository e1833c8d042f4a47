"""An import summary as the terminal shows it: counts per file, then errors, warnings, skipped rows, reverts."""
from common.formats import format_count

STATUS = {"committed": "Đã nạp", "dry-run": "Chạy thử (chưa ghi gì)", "rejected": "Bị từ chối, không ghi gì"}
HINTS = {"template": "Tạo tệp mẫu: python -m etl template reports -o mau.xlsx (hoặc units, periods, topics)."}


def print_summary(summary) -> None:
    print(STATUS[summary.status] + (f" — lần nạp số {summary.upload_id}" if summary.upload_id else ""))
    for f in summary.files:
        print(f"  {f.file}: thêm {format_count(f.imported)}, cập nhật {format_count(f.updated)}, "
              f"không đổi {format_count(f.unchanged)}, bỏ qua {format_count(f.skipped)}")
    if summary.error_count:
        print(f"Lỗi ({format_count(summary.error_count)}):")
        for problem in summary.errors:
            print(f"  {problem}" + (f" {HINTS[problem.hint]}" if problem.hint else ""))
        if summary.error_count > len(summary.errors):
            print(f"  … và {format_count(summary.error_count - len(summary.errors))} lỗi khác")
    _listed("Cảnh báo", len(summary.warnings), summary.warnings)
    _listed("Dòng bỏ qua", summary.skipped, summary.skipped_rows)
    blocking = [f.file for f in summary.files if f.errors]
    if summary.status == "rejected" and blocking and len(blocking) < len(summary.files):
        good = [f.file for f in summary.files if not f.errors]
        print(f"Tệp có lỗi làm cả lần nạp không được ghi: {', '.join(blocking)}. Muốn nạp riêng các tệp không lỗi, "
              f"chạy lại lệnh chỉ với: {' '.join(good)}")
    _listed("Số liệu đưa về giá trị cũ", len(summary.reverts), summary.reverts)
    if summary.reverts and summary.needs_confirmation:
        print("Nếu đúng là muốn dùng lại các số cũ này, chạy lại lệnh với --allow-revert.")


def _listed(title: str, count: int, problems) -> None:
    if problems:
        print(f"{title} ({format_count(count)}):")
        for problem in problems:
            print(f"  {problem}")
