"""Word to PDF through LibreOffice in headless mode, with a private profile so runs never block each other."""
import subprocess
import tempfile
from pathlib import Path

from analytics.images import ExportError, first_program

OFFICE = ("soffice", "libreoffice")


def find_office() -> str:
    return first_program(OFFICE, "Không tìm thấy LibreOffice để chuyển báo cáo sang PDF. Quản trị máy chủ hãy cài "
                                 "bằng lệnh: apt-get install libreoffice-writer-nogui. Tệp Word vẫn tải được.")


def docx_to_pdf(docx: bytes, timeout: float = 120.0) -> bytes:
    office = find_office()
    with tempfile.TemporaryDirectory(prefix="bao-cao-") as folder:
        work = Path(folder)
        source = work / "bao-cao.docx"
        source.write_bytes(docx)
        command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ExportError(f"LibreOffice không chuyển xong sang PDF sau {timeout:g} giây. Hãy thử lại; tệp Word "
                              "vẫn tải được.") from None
        result = work / "bao-cao.pdf"
        if not result.exists():
            raise ExportError("LibreOffice không tạo được tệp PDF. Tệp Word vẫn tải được; hãy mở bằng Word và lưu "
                              "thành PDF.")
        return result.read_bytes()
