"""LibreOffice in headless mode, for Word to PDF (the report) and old Word to new (documents offices send).

`convert` starts LibreOffice for one file under a private profile (conversions never block each other) with a
deadline: for documents people send, each in a LibreOffice of its own. `WarmOffice` keeps one LibreOffice running
between conversions of the app's own report, which saves its start (about 3 s) on every PDF after the first."""
import atexit
import functools
import json
import logging
import os
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

OFFICE = ("soffice", "libreoffice")
SYSTEM_PYTHON = "/usr/bin/python3"      # the Python that has LibreOffice's UNO binding (Debian's python3-uno)
BRIDGE = Path(__file__).with_name("office_bridge.py")
FILTERS = {"pdf": "writer_pdf_Export", "docx": "MS Word 2007 XML"}
# PDF pictures as they are: the report's charts are drawn for print (about 380 dpi), and LibreOffice's default of
# scaling every picture down to 300 dpi and re-encoding it as JPEG took two thirds of a report's conversion
FILTER_OPTIONS = {"pdf": {"ReduceImageResolution": False}}
log = logging.getLogger(__name__)


def find_office() -> str | None:
    return next((found for name in OFFICE if (found := shutil.which(name))), None)


def convert(office: str, data: bytes, suffix: str, to: str, timeout: float, within: Path | None = None) -> bytes | None:
    """`data` (a file ending in `suffix`) converted to the format `to` ("pdf", "docx"), working in a new folder
    inside `within`; None when LibreOffice wrote nothing. subprocess.TimeoutExpired past `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="office-", dir=within) as folder:
        work = Path(folder)
        source = work / f"tep{suffix}"
        source.write_bytes(data)
        options = FILTER_OPTIONS.get(to)
        target = to if not options else f"{to}:{FILTERS[to]}:" + json.dumps(
            {name: {"type": "boolean", "value": str(value).lower()} for name, value in options.items()})
        command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        result = work / "out" / f"tep.{to}"
        return result.read_bytes() if result.exists() else None


class OfficeFailed(Exception):
    """The kept LibreOffice did not convert: late (it was stopped), dead, or it refused the file."""

    def __init__(self, message: str, late: bool = False):
        super().__init__(message)
        self.late = late


class WarmOffice:
    """One LibreOffice kept running, driven through its UNO API by common/office_bridge.py under the system Python,
    over a named pipe only this user can open (no network port). Calls take turns; each has a deadline; a late,
    dead or failing LibreOffice is stopped, and the next call starts a fresh one; so is one left unused for
    `idle_seconds`, which gives its memory back."""

    def __init__(self, start_seconds: float = 30.0, work_folder: Callable[[], str] | None = None,
                 idle_seconds: float | None = None):
        """`work_folder` gives the folder its files go in (the app's per-process scratch folder, whose leftovers
        a restarted server removes); the system's temporary folder when not given. None for `idle_seconds`: kept
        until closed."""
        self.start_seconds = start_seconds
        self.work_folder = work_folder
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._folder: Path | None = None
        self._idle: threading.Timer | None = None
        atexit.register(self.close)

    @staticmethod
    @functools.cache
    def available() -> bool:
        """LibreOffice and the system Python with its UNO binding are both installed."""
        if find_office() is None or not os.access(SYSTEM_PYTHON, os.X_OK):
            return False
        done = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
        return done.returncode == 0

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start LibreOffice now (say, while the report is being written), so the conversion finds it ready."""
        with self._lock:
            self._ensure(time.monotonic() + self.start_seconds)
            self._used()

    def convert(self, data: bytes, suffix: str, to: str, timeout: float) -> bytes:
        """`data` (a file ending in `suffix`) converted to `to`; OfficeFailed when not done within `timeout`
        seconds, the start of LibreOffice included."""
        with self._lock:
            deadline = time.monotonic() + timeout      # from its turn, not from the queue
            self._ensure(deadline)
            source = self._folder / f"tep-{secrets.token_hex(4)}{suffix}"
            target = source.with_suffix(f".{to}")
            source.write_bytes(data)
            try:
                self._ask({"source": str(source), "target": str(target), "filter": FILTERS[to],
                           "options": FILTER_OPTIONS.get(to, {})}, deadline)
                return target.read_bytes()
            finally:
                for path in (source, target):
                    path.unlink(missing_ok=True)
                self._used()

    def _used(self) -> None:
        """Count `idle_seconds` from now (under the lock); the timer of an earlier call finds itself replaced."""
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        if self.idle_seconds is not None and self._process is not None:
            self._idle = threading.Timer(self.idle_seconds, self._stop_if_idle)
            self._idle.daemon = True
            self._idle.start()

    def _stop_if_idle(self) -> None:
        with self._lock:
            if threading.current_thread() is self._idle:     # no call since it was set
                self._idle = None
                self._stop(gently=True)

    def _ensure(self, deadline: float) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self._stop()
        self._folder = Path(tempfile.mkdtemp(prefix="office-warm-",
                                             dir=self.work_folder() if self.work_folder else None))
        profile = (self._folder / "profile").as_uri()
        self._process = subprocess.Popen(
            [SYSTEM_PYTHON, str(BRIDGE), find_office() or "soffice", profile, f"shct-{secrets.token_hex(8)}",
             str(max(deadline - time.monotonic(), 1))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True)     # its own process group: stopping it stops LibreOffice too
        self._answer(deadline, "khởi động")

    def _ask(self, request: dict, deadline: float) -> None:
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except OSError as problem:
            self._stop()
            raise OfficeFailed(f"LibreOffice đã dừng ({problem})") from None
        answer = self._answer(deadline, "chuyển tệp")
        if not answer.get("ok"):     # a broken file, or LibreOffice gone under the bridge: start afresh next time
            log.warning("LibreOffice did not convert: %s", answer.get("error"))
            self._stop()
            raise OfficeFailed(answer.get("error", ""))

    def _answer(self, deadline: float, doing: str) -> dict:
        ready, _, _ = select.select([self._process.stdout], [], [], max(deadline - time.monotonic(), 0))
        line = self._process.stdout.readline() if ready else ""
        try:
            answer = json.loads(line) if line else None
        except ValueError:
            answer = None
        if not isinstance(answer, dict):      # late, gone, or not the bridge's answer
            self._stop()
            raise OfficeFailed(f"LibreOffice không {doing} xong trước hạn hoặc đã dừng", late=not ready)
        return answer

    def _stop(self, gently: bool = False) -> None:
        """Stop the bridge and its LibreOffice: gently (LibreOffice told to quit, so it leaves no zombie behind)
        when closing, at once when late or broken."""
        if self._process is not None:
            if gently and self._process.poll() is None:
                try:
                    self._process.stdin.close()      # the bridge then asks LibreOffice to quit
                    self._process.wait(5)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            try:     # the group, even when the bridge is gone: LibreOffice may outlive it
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
            self._process = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def close(self) -> None:
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
            self._stop(gently=True)
