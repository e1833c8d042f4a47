"""Word to PDF through LibreOffice (common.office), with the report's own messages. A process keeps one LibreOffice
running between reports when the system Python has its UNO binding (python3-uno); otherwise each PDF starts one."""
import functools
import subprocess
import threading
import time

from analytics.images import ExportError
from common.office import OfficeFailed, WarmOffice, convert, find_office
from etl.scratch import scratch_dir

IDLE_SECONDS = 15 * 60    # a LibreOffice no report has used for this long is stopped (181 MB back, 10-chart report)


@functools.cache
def _kept() -> WarmOffice | None:
    return WarmOffice(work_folder=scratch_dir, idle_seconds=IDLE_SECONDS) if WarmOffice.available() else None


_failed_at = [0.0]     # when a start in the background last failed: not tried again for a minute


def warm_up() -> None:
    """Start the kept LibreOffice in the background (as the report page opens), if there is one; a running one
    is left as it is."""
    kept = _kept()
    if kept is not None and not kept.running() and time.monotonic() - _failed_at[0] > 60:
        threading.Thread(target=_start_quietly, args=(kept,), daemon=True).start()


def _start_quietly(kept: WarmOffice) -> None:
    try:
        kept.start()
    except OfficeFailed:
        _failed_at[0] = time.monotonic()    # the conversion itself tries again and says what went wrong


def docx_to_pdf(docx: bytes, timeout: float = 120.0) -> bytes:
    office = find_office()
    if office is None:
        raise ExportError("Không tìm thấy LibreOffice để chuyển báo cáo sang PDF. Quản trị máy chủ hãy cài bằng lệnh: "
                          "apt-get install libreoffice-writer-nogui. Tệp Word vẫn tải được.")
    kept = _kept()
    if kept is not None:
        try:
            return kept.convert(docx, ".docx", "pdf", timeout)
        except OfficeFailed as problem:
            if problem.late:
                raise ExportError(f"LibreOffice không chuyển xong sang PDF sau {timeout:g} giây. Hãy thử lại; tệp "
                                  "Word vẫn tải được.") from None
            # dead or refused: the one-shot way below tries once more with a LibreOffice of its own
    try:
        pdf = convert(office, docx, ".docx", "pdf", timeout, scratch_dir())
    except subprocess.TimeoutExpired:
        raise ExportError(f"LibreOffice không chuyển xong sang PDF sau {timeout:g} giây. Hãy thử lại; tệp Word "
                          "vẫn tải được.") from None
    if pdf is None:
        raise ExportError("LibreOffice không tạo được tệp PDF. Tệp Word vẫn tải được; hãy mở bằng Word và lưu "
                          "thành PDF.")
    return pdf
