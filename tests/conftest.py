"""What the tests share: a small province to load files into (two districts until 30/6/2025, two communes
after), the demo province built once per run with its test accounts, the app through AppTest, and the real
server and browser for the tests that drive Chromium (tests/in_browser.py)."""
import csv
import io
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from etl.demo import load_demo
from etl.loader import LoadOptions, load_files

ROOT = Path(__file__).resolve().parent.parent

UNITS = [
    ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"],
    ["T", "Tỉnh ủy Lào Cai", "tỉnh ủy", "", "01/01/2010", ""],
    ["H-MK", "Huyện ủy Mường Khương", "huyện ủy", "T", "01/01/2010", "30/06/2025"],
    ["H-MK-1", "Đảng bộ xã Bản Lầu", "đảng bộ cơ sở", "H-MK", "01/01/2010", "30/06/2025"],
    ["H-MK-2", "Đảng bộ thị trấn Mường Khương", "đảng bộ cơ sở", "H-MK", "01/01/2010", "30/06/2025"],
    ["TP-LC", "Thành ủy Lào Cai", "thành ủy", "T", "01/01/2010", "30/06/2025"],
    ["X-MK", "Đảng ủy xã Mường Khương", "đảng ủy xã", "T", "01/07/2025", ""],
    ["P-CP", "Đảng ủy phường Cam Đường", "đảng ủy phường", "T", "01/07/2025", ""],
]
PERIODS = [
    ["Mã đợt", "Tên đợt", "Kế hoạch", "Từ ngày", "Đến ngày", "Hạn báo cáo"],
    ["2022-3-2", "Dịp 3-2 năm 2022", "01-KH/TU", "05/01/2022", "28/02/2022", "15/03/2022"],
    ["2022-19-5", "Dịp 19-5 năm 2022", "01-KH/TU", "15/04/2022", "31/05/2022", "15/06/2022"],
    ["2025-2-9", "Dịp 2-9 năm 2025", "04-KH/TU", "01/08/2025", "30/09/2025", "15/10/2025"],
]
TOPICS = [
    ["Mã chuyên đề", "Tên chuyên đề"],
    ["KL21", "Kết luận 21-KL/TW về xây dựng, chỉnh đốn Đảng"],
    ["QD37", "Quy định 37-QĐ/TW về những điều đảng viên không được làm"],
]
REPORT_HEADER = ["Đơn vị", "Đợt", "Chuyên đề", "Tổng số chi bộ", "Số chi bộ đã sinh hoạt", "Tổng số đảng viên",
                 "Số đảng viên miễn sinh hoạt", "Số đảng viên tham gia", "Số quần chúng tham gia", "Số hội nghị",
                 "Ngày báo cáo", "Ghi chú"]

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Bytes as Excel on Vietnamese Windows saves them: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append((base + "".join(c for c in parts if c in _TONES)).encode("cp1258"))
    return b"".join(out)


def csv_text(rows, separator=",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def cells(element):
    """A static table as the user reads it: st.table renders markdown, so the page escapes every text cell."""
    return element.value.map(lambda v: _unescaped(v) if isinstance(v, str) else v)


def texts(elements) -> list:
    """Alerts and captions as the user reads them (names in them are markdown-escaped), each with a .value."""
    return [SimpleNamespace(value=_unescaped(e.value)) for e in elements]


def write_csv(path: Path, rows, encoding="utf-8", separator=",") -> Path:
    text = csv_text(rows, separator)
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def load(paths, db, **options):
    paths = paths if isinstance(paths, list) else [paths]
    return load_files([str(p) for p in paths], LoadOptions(db=str(db), user="test", **options))


@pytest.fixture
def db(tmp_path):
    """A database holding the small province's units, periods and topics."""
    path = tmp_path / "test.duckdb"
    summary = load([write_csv(tmp_path / "units.csv", UNITS), write_csv(tmp_path / "periods.csv", PERIODS),
                    write_csv(tmp_path / "topics.csv", TOPICS)], path)
    assert summary.status == "committed", summary.errors
    return path


def report(unit, period, topic="", cells=(10, 9), members=(200, 10, 185), non_members="", meetings="1",
           date="10/03/2022", note=""):
    return [unit, period, topic, *cells, *members, non_members, meetings, date, note]


# a district's report and the correction that followed it (the upload page's and the revert checks' example)
ORIGINAL = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 185), date="10/03/2022"),
            report("H-MK-2", "2022-3-2", cells=(8, 8), members=(150, 0, 150), date="10/03/2022")]
CORRECTED = [REPORT_HEADER, report("H-MK-1", "2022-3-2", members=(200, 10, 188), date="12/03/2022")]

PASSWORD = "mat-khau-kiem-thu"
ACCOUNTS = {"quantri": ("admin", None), "tonghop": ("staff", None), "huyen.ml": ("unit", "H-ML"),
            "xem1": ("viewer", None)}


def with_accounts(db) -> None:
    """The four roles' accounts beside `db` (the unit account where its unit exists), all with PASSWORD."""
    import duckdb

    from security.accounts import accounts, add_account
    from security.store import open_accounts

    with duckdb.connect(str(db), read_only=True) as con:
        units = {code for (code,) in con.execute("SELECT code FROM units").fetchall()}
    with open_accounts(db) as con:
        existing = {row["username"] for row in accounts(con)}
        for username, (role, unit) in ACCOUNTS.items():
            if username not in existing and (unit is None or unit in units):
                add_account(con, username, PASSWORD, role, unit_code=unit, units=units, by="kiem-thu")


def session_token(db, username: str) -> str:
    """What a login leaves in the session: a token for an open session of `username`."""
    from security.sessions import start_session
    from security.store import open_accounts

    with_accounts(db)
    with open_accounts(db) as con:
        return start_session(con, username, hours=8)


@pytest.fixture(autouse=True)
def _cookie_key_in_tmp(tmp_path_factory, monkeypatch):
    """The session cookie's signing key goes to a test folder, never to the tester's ~/.config."""
    monkeypatch.setenv("DASHBOARD_SECRET_FILE", str(tmp_path_factory.getbasetemp() / "cookie-secret"))


@pytest.fixture(autouse=True, scope="session")
def _full_error_details():
    """AppTest reads .streamlit/config.toml, which hides errors from users; tests want the whole trace.
    test_roles checks the hidden form on its own."""
    from streamlit import config

    config.get_option("client.showErrorDetails")    # parse the config files first, then override
    config.set_option("client.showErrorDetails", "full")
    yield


def demo_copy_in(demo: Path, folder: Path) -> Path:
    """A copy of the demo province and its accounts in `folder`, for a test that writes."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.duckdb"
    db.write_bytes(demo.read_bytes())
    db.with_suffix(".accounts.duckdb").write_bytes(demo.with_suffix(".accounts.duckdb").read_bytes())
    return db


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo province as `python -m etl init --demo` loads it, with the four test accounts; built once per
    run. Its figures and settings are only read (logins add sessions to its accounts file): a test that loads,
    rolls back or saves settings takes `demo_copy`."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    load_demo(str(path))
    with_accounts(path)
    return path


@pytest.fixture
def demo_copy(demo, tmp_path) -> Path:
    return demo_copy_in(demo, tmp_path / "copy")


def open_app(db, monkeypatch, page: str | None = "tong_quan", user: str | None = "quantri", **params):
    """The dashboard on `db` through AppTest, logged in as `user` (None: nobody), on `page` (a stem of
    ui.registry.PAGES), with the URL's `params`; no exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(db))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if user:
        app.session_state["auth_token"] = session_token(db, user)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    if page not in (None, "tong_quan"):
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.fixture(scope="module")
def server(demo, tmp_path_factory):
    """The real server on a copy of the demo province: (address, database, folder)."""
    from in_browser import served

    folder = tmp_path_factory.mktemp("browser")
    with served(demo, folder) as (port, db, _):
        yield f"http://127.0.0.1:{port}", db, folder


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright; `browser.users` keeps one logged-in context per account."""
    from playwright.sync_api import sync_playwright

    from in_browser import CHROMIUM

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        chromium.users = {}     # one browser context per account: its cookie keeps it logged in
        yield chromium
        chromium.close()
