"""A real `streamlit run serve.py` on a copy of the demo province, driven by Playwright in Debian's Chromium:
the server, waiting as a person would, logging in, screenshots, and the English a person would see. The
fixtures `server` and `browser` (conftest.py) use it."""
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from ui import registry
from ui.auth import COOKIE

from conftest import PASSWORD, ROOT, demo_copy_in

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "screenshots"
PAGES = [""] + [page.stem for page in registry.PAGES[1:]]   # every address; "" is / (the overview)


def _ensure_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chưa có Chromium: `make test` cài nó (apt-get install chromium), hoặc cài tay với quyền root.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(demo: Path, folder: Path, **env):
    """`streamlit run serve.py` (as `make run` starts it) on a copy of the demo province in `folder`, with the test
    accounts; yields (port, database, the health answer) and stops the server afterwards."""
    _ensure_chromium()
    db = demo_copy_in(demo, folder)
    with serving(db, **env) as (port, health):
        yield port, db, health


@contextmanager
def serving(db: Path, **env):
    """`streamlit run serve.py` on `db`; yields (port, the health answer) and stops the server afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=os.environ | {"DASHBOARD_DB": str(db)} | env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            health = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(process.stdout.read().decode())
    try:
        yield port, health
    finally:
        process.terminate()
        process.wait(10)


def settle(page) -> None:
    """Wait as a person would: connected, the script finished, no skeletons left."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=30000)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60000)
    page.wait_for_function("document.querySelectorAll(\"[data-testid='stSkeleton']\").length === 0", timeout=30000)
    page.wait_for_timeout(500)   # plotly draws after the script ends


def log_in(page, user: str, password: str = PASSWORD) -> None:
    page.get_by_label("Tên đăng nhập").fill(user)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    settle(page)


def open_page(browser, url: str, user: str = "quantri"):
    """`url` as `user` would see it; the first page of each account logs in, later ones ride on the cookie."""
    if user not in browser.users:
        browser.users[user] = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = browser.users[user].new_page()
    page.goto(url)
    settle(page)
    if page.get_by_role("button", name="Đăng nhập").count():
        log_in(page, user)
        # the page writes the login cookie from a script after the run; a busy machine may take a while, and a
        # page opened before it would ask for the login again
        page.wait_for_function(f"document.cookie.includes({json.dumps(COOKIE + '=')})", timeout=30000)
    return page


def shoot(page, name: str) -> None:
    """The screen as the user first sees it, then every chart and table scrolled into view."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")
    shown = [e for e in page.locator(".stPlotlyChart, [data-testid='stDataFrame']").all() if e.is_visible()]
    for index, element in enumerate(shown):
        element.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        element.screenshot(path=SHOTS / f"{name}-{index + 1}.png")


# What a person sees: text in view (not clipped to nothing, not shrunk to nothing as ui/style.py does to the English
# it replaces), the text CSS writes before or after an element, and native tooltips; not icon-font ligatures.
SEEN_TEXT = """() => {
  const shown = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const e = node.parentElement, box = e.getBoundingClientRect();
    if (node.textContent.trim() && !e.closest("script, style, [data-testid='stIconMaterial']") && shown(e)
        && parseFloat(getComputedStyle(e).fontSize) > 0 && box.width > 1 && box.height > 1) {
      seen.push(node.textContent.trim());
    }
  }
  for (const e of document.body.querySelectorAll("*")) {
    if (!shown(e)) continue;
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(e, pseudo);
      if (style.content.startsWith('"') && style.display !== "none" && style.opacity !== "0") seen.push(style.content);
    }
    if (e.title) seen.push(e.title);
  }
  return seen.join("\\n");
}"""
STREAMLIT_ENGLISH = re.compile(
    r"Download|Upload|Browse files|Drag and drop|per file|\d+(?:\.\d)?MB|Select all|Select \d+ matches|No options|"
    r"No results|Fullscreen|Search|Show/hide|Sort ascending|Sort descending|Statistics|Autosize|Pin column|"
    r"Hide column|Copy column name|Made with Streamlit|Record screen|Print|Settings|About|\bSystem\b|\bLight\b|"
    r"\bDark\b|\bStop\b|Connection error|Error|Skip to main content")


def english_seen(page) -> list[str]:
    """Streamlit's English words a person would see on the page as it is now."""
    return sorted(set(STREAMLIT_ENGLISH.findall(page.evaluate(SEEN_TEXT))))
