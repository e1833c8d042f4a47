"""LibreOffice in headless mode, for Word to PDF (the report) and old Word to new (documents offices send): a
private profile per run, so conversions never block each other, and a deadline."""
import shutil
import subprocess
import tempfile
from pathlib import Path

OFFICE = ("soffice", "libreoffice")


def find_office() -> str | None:
    return next((found for name in OFFICE if (found := shutil.which(name))), None)


def convert(office: str, data: bytes, suffix: str, to: str, timeout: float) -> bytes | None:
    """`data` (a file ending in `suffix`) converted to the format `to` ("pdf", "docx"); None when LibreOffice
    wrote nothing. subprocess.TimeoutExpired past `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="office-") as folder:
        work = Path(folder)
        source = work / f"tep{suffix}"
        source.write_bytes(data)
        command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", to, "--outdir", str(work / "out"), str(source)]
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        result = work / "out" / f"tep.{to}"
        return result.read_bytes() if result.exists() else None
