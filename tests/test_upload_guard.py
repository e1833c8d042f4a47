"""Issue 12, item 3: Streamlit's upload endpoint takes files only from a logged-in account that may upload, answers
everyone else before reading the body, and lets go of the files of a session that has gone. A real server, started
as `make run` starts it (serve.py), and the guard alone in front of a stand-in for Streamlit."""
import asyncio
import http.client
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import REPORT_HEADER, report, session_token, write_csv
from in_browser import log_in, served, settle

BIG = 150 * 1024 * 1024


def _cookie(db, username: str) -> str:
    from ui.auth import cookie_signer

    return cookie_signer().sign(session_token(db, username)).decode()


@pytest.fixture(scope="module")
def guarded(demo, tmp_path_factory):
    """serve.py on the demo province; a closed session is kept 2 s for a reconnect instead of 120 s."""
    folder = tmp_path_factory.mktemp("guard")
    with served(demo, folder, STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL="2",
                DASHBOARD_SECRET_FILE=str(tmp_path_factory.getbasetemp() / "cookie-secret")) as (port, db, health):
        xsrf = re.search(r"_streamlit_xsrf=([^;]+)", health.headers["Set-Cookie"])[1]
        yield port, db, folder, xsrf


def put(port: int, xsrf: str, login: str = "", length: int = 1000, sent: int = 1000) -> int:
    """Streamlit's upload request as a browser sends it, for a session id nobody has; `sent` bytes of the body
    go out before the answer is read, the rest never."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("PUT", "/_stcore/upload_file/phien-bat-ky/tep-bat-ky")
    cookies = f"_streamlit_xsrf={xsrf}" + (f"; shct_phien={login}" if login else "")
    for name, value in {"Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(length),
                        "X-Xsrftoken": xsrf, "Cookie": cookies}.items():
        connection.putheader(name, value)
    connection.endheaders()
    connection.send(b"0" * sent)
    status = connection.getresponse().status
    connection.close()
    return status


def test_an_upload_without_a_login_is_refused_before_its_body_is_read(guarded):
    port, _, _, xsrf = guarded
    start = time.perf_counter()
    assert put(port, xsrf, length=BIG, sent=1024 * 1024) == 401     # 149 MB never sent: the answer came first
    assert time.perf_counter() - start < 5
    assert put(port, xsrf, login="gia-mao.chu-ky-sai") == 401


def test_only_accounts_that_may_upload_get_past_the_guard_and_only_below_the_limit(guarded):
    port, db, _, xsrf = guarded
    assert put(port, xsrf, login=_cookie(db, "xem1")) == 403                 # a viewer
    assert put(port, xsrf, login=_cookie(db, "tonghop"), length=BIG) == 413  # above DASHBOARD_MAX_UPLOAD_MB
    # past the guard, Streamlit itself refuses a session id that is not connected
    assert put(port, xsrf, login=_cookie(db, "tonghop")) == 400


def _held_bytes(port: int) -> int:
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics").read().decode()
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager",cache=""\} (\d+)', metrics)
    return int(found[1]) if found else 0


def test_a_staff_upload_through_the_page_is_kept_until_its_session_has_gone(guarded, browser):  # noqa: F811
    port, _, folder, _ = guarded
    csv = write_csv(folder / "bao_cao.csv", [REPORT_HEADER, report("Đảng ủy xã Bản Xèo", "2026-7-11",
                                                                   date="20/11/2026")])
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    answers = []
    page.on("response", lambda r: answers.append(r.status) if "/_stcore/upload_file/" in r.url else None)
    page.goto(f"http://127.0.0.1:{port}/nhap_bao_cao")
    settle(page)
    log_in(page, "tonghop")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv))
    settle(page)
    assert answers == [204] and _held_bytes(port) > 0
    context.close()
    for _ in range(40):                    # 2 s kept for a reconnect, then the guard's next look
        if not _held_bytes(port):
            break
        time.sleep(0.5)
    assert _held_bytes(port) == 0


def test_the_guard_answers_from_the_headers_alone(db, monkeypatch):
    """Without a server: the stand-in for Streamlit is never reached and no byte of the body is read."""
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    from ui.guard import LIMIT, UploadGuard

    staff = _cookie(db, "tonghop")
    reached, read = [], []

    async def streamlit(scope, receive, send):
        reached.append(scope["path"])

    async def receive():
        read.append(True)
        return {"type": "http.request", "body": b"0", "more_body": True}

    def status(cookie: str, length: int) -> int:
        sent = []

        async def send(message):
            sent.append(message)
        scope = {"type": "http", "method": "PUT", "path": "/_stcore/upload_file/s/f", "query_string": b"",
                 "headers": [(b"content-length", str(length).encode()), (b"cookie", cookie.encode())]}
        with ThreadPoolExecutor(1) as thread:     # Playwright's loop may be running in this one
            thread.submit(asyncio.run, UploadGuard(streamlit)(scope, receive, send)).result()
        return sent[0]["status"]
    assert status("", 10) == 401
    assert status(f"shct_phien={_cookie(db, 'xem1')}", 10) == 403
    assert status(f"shct_phien={staff}", LIMIT + 1) == 413
    assert not reached and not read
