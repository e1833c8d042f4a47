"""Word to PDF through LibreOffice (common.office), with the report's own messages."""
import subprocess

from analytics.images import ExportError
from common.office import convert, find_office


def docx_to_pdf(docx: bytes, timeout: float = 120.0) -> bytes:
    office = find_office()
    if office is None:
        raise ExportError("Không tìm thấy LibreOffice để chuyển báo cáo sang PDF. Quản trị máy chủ hãy cài bằng lệnh: "
                          "apt-get install libreoffice-writer-nogui. Tệp Word vẫn tải được.")
    try:
        pdf = convert(office, docx, ".docx", "pdf", timeout)
    except subprocess.TimeoutExpired:
        raise ExportError(f"LibreOffice không chuyển xong sang PDF sau {timeout:g} giây. Hãy thử lại; tệp Word "
                          "vẫn tải được.") from None
    if pdf is None:
        raise ExportError("LibreOffice không tạo được tệp PDF. Tệp Word vẫn tải được; hãy mở bằng Word và lưu "
                          "thành PDF.")
    return pdf
