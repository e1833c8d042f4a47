"""The product's own temporary files: one folder per process, removed when a killed process left it behind."""
import os
import shutil
import stat
import tempfile
from pathlib import Path

ROOT = Path(tempfile.gettempdir()) / f"sinh-hoat-chinh-tri-{os.getuid()}"


def _ours(path: Path) -> bool:
    """A real folder (no link) owned by this user that nobody else may enter: /tmp is shared."""
    info = os.lstat(path)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def scratch_dir() -> str:
    """This process's folder for uploads and re-encoded copies, readable by the server's user only."""
    ROOT.mkdir(mode=0o700, exist_ok=True)
    if not _ours(ROOT):   # made by somebody else first: a private folder of our own instead, not reused later
        return tempfile.mkdtemp(prefix="sinh-hoat-chinh-tri-")
    folder = ROOT / str(os.getpid())
    folder.mkdir(mode=0o700, exist_ok=True)
    return str(folder)


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (one of another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers() -> int:
    """Remove the folders of processes that no longer run (a server or loader killed mid-upload); returns how
    many were removed."""
    if not ROOT.is_dir() or not _ours(ROOT):
        return 0
    removed = 0
    for folder in ROOT.iterdir():
        if folder.name.isdigit() and int(folder.name) != os.getpid() and not alive(int(folder.name)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
