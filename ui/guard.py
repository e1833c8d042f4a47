"""The door in front of Streamlit's upload endpoint: only an account that may upload puts files on the server, and
the files of a session that has gone are let go.

Streamlit 1.67 keeps a PUT to /_stcore/upload_file/<session>/<file> in memory for any browser session that holds
the XSRF cookie, logged in or not, and frees it only when the session shuts down, which a closed tab's session
never does: it merely expires from the reconnect cache (issue 12, item 3). This Starlette middleware, served
through Streamlit's public ASGI entry (serve.py), answers 401, 403, 411 or 413 from the request's headers,
before a byte of the body is read. It also notes each file it let through; every few seconds it asks Streamlit,
through the same endpoint, whether the sessions holding files are still connected, and deletes the files of one
that has been gone longer than server.disconnectedSessionTTL, the time Streamlit keeps it for a reconnect."""
import asyncio
import re
import time
from dataclasses import dataclass, field

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse

from etl.readers import MAX_BYTES
from security.accounts import Account
from security.sessions import session_account
from security.store import open_accounts
from ui.auth import COOKIE, read_cookie

LIMIT = MAX_BYTES + 1024 * 1024          # the dashboard's own limit, and room for the multipart framing
UPLOAD = re.compile(r"(?P<base>.*/_stcore/upload_file)/(?P<session>[^/]+)/(?P<file>[^/]+)/?")
_TOO_LONG = 1 << 62                      # a length Streamlit refuses from a connected session before reading


def uploader(cookie: str | None) -> Account | None:
    """The account of a valid login cookie, or None."""
    token, _ = read_cookie(cookie)
    if token is None:
        return None
    with open_accounts() as con:
        return session_account(con, token)


@dataclass
class _Held:
    """The files one Streamlit session holds, and the headers that let the guard ask about them."""
    base: str
    headers: list[tuple[bytes, bytes]]
    files: set[str] = field(default_factory=set)
    gone_since: float | None = None


class UploadGuard:
    def __init__(self, app) -> None:
        self.app = app
        self.held: dict[str, _Held] = {}
        self.sweeper: asyncio.Task | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "PUT" or "/_stcore/upload_file/" not in scope["path"]:
            return await self.app(scope, receive, send)
        request = HTTPConnection(scope)
        refusal = await self._refusal(request)
        if refusal is not None:
            return await refusal(scope, receive, send)
        match = UPLOAD.fullmatch(scope["path"])
        if await self._forward(scope, receive, send) == 204 and match:
            self._hold(match, request)

    @staticmethod
    async def _refusal(request: HTTPConnection) -> PlainTextResponse | None:
        cookie = request.cookies.get(COOKIE)
        account = await run_in_threadpool(uploader, cookie) if cookie else None
        if account is None:
            return PlainTextResponse("Hãy đăng nhập trước khi nạp tệp.", 401)
        if not account.can_upload:
            return PlainTextResponse(f"Tài khoản {account.username} ({account.role_name}) không được nạp tệp.", 403)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return PlainTextResponse("Thiếu độ dài tệp (Content-Length).", 411)
        if int(length) > LIMIT:
            return PlainTextResponse(f"Tệp lớn hơn giới hạn {MAX_BYTES // 1048576} MB.", 413)
        return None

    async def _forward(self, scope, receive, send) -> int:
        status = 0

        async def watched(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)
        await self.app(scope, receive, watched)
        return status

    def _hold(self, match: re.Match, request: HTTPConnection) -> None:
        headers = [(name, value) for name, value in request.scope["headers"] if name in (b"cookie", b"x-xsrftoken")]
        self.held.setdefault(match["session"], _Held(match["base"], headers)).files.add(match["file"])
        if self.sweeper is None or self.sweeper.done():
            self.sweeper = asyncio.get_running_loop().create_task(self._sweep())

    async def _sweep(self) -> None:
        ttl = st.get_option("server.disconnectedSessionTTL")
        while self.held:
            await asyncio.sleep(min(max(ttl, 1), 30))
            for session, held in list(self.held.items()):
                # Streamlit answers a connected session's over-long upload 413, any other session's 400
                if await self._ask(held, "PUT", f"{session}/-", _TOO_LONG) == 413:
                    held.gone_since = None
                elif held.gone_since is None:
                    held.gone_since = time.monotonic()
                elif time.monotonic() - held.gone_since >= ttl:
                    for file in held.files:
                        await self._ask(held, "DELETE", f"{session}/{file}")
                    del self.held[session]

    async def _ask(self, held: _Held, method: str, tail: str, length: int = 0) -> int:
        """Streamlit's answer to a body-less request about a session's files, as the browser that sent them."""
        path = f"{held.base}/{tail}"
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
                 "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
                 "headers": [*held.headers, (b"content-length", str(length).encode())],
                 "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}
        bodies = iter([{"type": "http.request", "body": b"", "more_body": False}])
        status = 0

        async def receive() -> dict:
            return next(bodies, {"type": "http.disconnect"})

        async def send(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
        await self.app(scope, receive, send)
        return status
