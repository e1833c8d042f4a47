"""The addresses a person may type or follow: / and a page's own (/theo_don_vi). A browser sent anywhere else goes,
with its query string, to the page the address names (/pages/tong_quan.py -> /tong_quan) or to /.

Without this Streamlit answers an unknown page with a "Page not found" dialog over the overview, and a nested path
(/tong_quan/x) with a blank page: the app's scripts are asked for relative to the address and come back as HTML."""
import streamlit as st
from starlette.responses import RedirectResponse

from ui.registry import PAGES

STEMS = {page.stem for page in PAGES}
STREAMLIT = ("_stcore", "static", "media", "component", "app")    # Streamlit's own routes, never redirected


def destination(path: str) -> str | None:
    """Where a browser navigating to `path` (without the server's base path) is sent; None: served as it is."""
    segments = [segment for segment in path.split("/") if segment]
    if not segments or (len(segments) == 1 and segments[0] in STEMS) or segments[0] in STREAMLIT:
        return None
    named = [segment.removesuffix(".py") for segment in segments if segment.removesuffix(".py") in STEMS]
    return "/" + (named[0] if named else "")


def _navigation(scope) -> bool:
    """A page the browser opens (an address typed or a link followed), not a script, image or data request."""
    headers = dict(scope["headers"])
    mode = headers.get(b"sec-fetch-mode")
    return mode == b"navigate" if mode is not None else b"text/html" in headers.get(b"accept", b"")


class KnownAddresses:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and _navigation(scope):
            base = "/" + (st.get_option("server.baseUrlPath") or "").strip("/")
            path = scope["path"]
            if path.startswith(base):
                target = destination(path[len(base):])
                if target is not None:
                    query = scope.get("query_string", b"").decode("latin-1")
                    where = base.rstrip("/") + target + (f"?{query}" if query else "")
                    return await RedirectResponse(where, status_code=302)(scope, receive, send)
        return await self.app(scope, receive, send)
