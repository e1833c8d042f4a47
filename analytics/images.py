"""Chart images (PNG, SVG, PDF) drawn by kaleido in one headless Chromium kept open for many figures.

kaleido's own global server waits forever when the browser never answers and mixes up answers between threads,
so the browser lives here on its own event-loop thread, every call has a deadline, and calls take turns."""
import asyncio
import functools
import html
import io
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
UNTITLED = "Biểu đồ"    # the PDF title of a chart without one
CREATOR = "Sinh hoạt chính trị"
WIDTH = 1000       # px at scale 1; a 16 cm text column at scale 2.5 is about 400 dpi
SCALE = 2.5
RELOAD_EVERY = 100    # figures a tab draws before its page is loaded afresh
BUNDLES = Path(sys.prefix) / "share" / "plotly"    # where `make` puts plotly.js's cartesian bundle (Makefile)


class ExportError(Exception):
    """A message for the user, in Vietnamese, that says what went wrong and what to do."""


def first_program(names: tuple[str, ...], missing: str) -> str:
    """The first of `names` on the PATH; ExportError(missing) when none is installed."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(missing)


def find_browser(wanted: str | None = None) -> str:
    """The given path, else BROWSER_PATH if set, else the first Chrome or Chromium on the PATH."""
    wanted = wanted or os.environ.get("BROWSER_PATH")
    if wanted:
        if not (os.path.isfile(wanted) and os.access(wanted, os.X_OK)):
            raise ExportError(f"Không tìm thấy trình duyệt tại {wanted} để vẽ ảnh biểu đồ. Hãy sửa đường dẫn "
                              "(biến BROWSER_PATH) hoặc bỏ nó để dùng Chromium của máy.")
        return wanted
    return first_program(BROWSERS, "Không tìm thấy trình duyệt Chrome hoặc Chromium để vẽ ảnh biểu đồ. Quản trị "
                         "máy chủ hãy cài bằng lệnh: apt-get install chromium (hoặc đặt biến BROWSER_PATH trỏ tới "
                         "trình duyệt).")


def plain_title(figure: go.Figure) -> str:
    """The chart's title as text, without plotly's HTML (line breaks, bold)."""
    text = re.sub(r"<br\s*/?>", " ", figure.layout.title.text or "", flags=re.IGNORECASE)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()) or UNTITLED


def titled(pdf: bytes, title: str) -> bytes:
    """The PDF with the chart's title in its metadata: Chromium takes kaleido's page title, "Kaleido-fier", which
    a PDF viewer shows in its title bar, and names the headless browser as the creator."""
    from pypdf import PdfReader, PdfWriter  # imported here, like kaleido

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title, "/Creator": CREATOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cartesian_bundle() -> str | None:
    """plotly.js's cartesian bundle (bar, scatter, heat map: every chart the app draws; 1,5 MB against 4,8 MB) of
    the very plotly.js version plotly.py carries, as a file URI, when `make` has installed it (checked, then moved
    into place whole); None otherwise, and kaleido then loads plotly.py's whole bundle. A tab opens in 1,2 s with it
    against 2,2 s, and draws the same bytes."""
    from plotly.offline import get_plotlyjs_version

    bundle = BUNDLES / f"plotly-cartesian-{get_plotlyjs_version()}.min.js"
    return bundle.as_uri() if bundle.is_file() else None


@functools.cache
def _engine_class(kaleido):
    class KeptTab(kaleido.Kaleido):
        """kaleido loads a tab's page again (plotly.js parsed anew) after every figure, which took two thirds of a
        report's chart time (10 charts: 2,0–3,4 s against 0,8–1,2 s, the same bytes). Plotly.toImage draws each
        figure in a div of its own and removes it, and the browser's memory stayed flat over 210 figures, so a
        tab is loaded afresh only every RELOAD_EVERY figures. A failed figure discards the whole browser
        (ChartRenderer._wait)."""

        async def _return_kaleido_tab(self, tab) -> None:
            drawn = getattr(tab, "figures_drawn", 0) + 1
            if drawn >= RELOAD_EVERY:
                await tab.reload()
                drawn = 0
            tab.figures_drawn = drawn
            await self.tabs_ready.put(tab)

    return KeptTab


class ChartRenderer:
    """Starts Chromium on first use and keeps it, with one tab, for every later figure; restarts it after a
    failure. A second tab drew a report's 10 charts 0,1 s sooner but took 0,5–1,4 s longer to start."""

    def __init__(self, browser_path: str | None = None, timeout: float = 30.0, start_timeout: float = 40.0):
        self.browser_path = browser_path
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._turn = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self.launches = 0          # how many times a browser was started: a test and the benchmark read it
        self.problem: str | None = None   # the last failure's message, until an image is drawn again

    def _start(self) -> None:
        import kaleido  # imported here: pages that never export do not pay for it

        path = find_browser(self.browser_path)
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True, name="chart-renderer").start()

        async def open_browser():
            engine = _engine_class(kaleido)(n=1, timeout=self.timeout, mathjax=False, path=path,
                                            plotlyjs=cartesian_bundle())
            await engine.open()
            return engine

        self._loop = loop
        self.launches += 1
        self._kaleido = self._wait(open_browser(), self.start_timeout,
                                   f"Trình duyệt {path} không khởi động được trong {self.start_timeout:g} giây.")

    def _wait(self, coroutine, seconds: float, late: str):
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=seconds)
        except TimeoutError:
            future.cancel()
            self._discard()
            raise ExportError(f"{late} Hãy thử lại; nếu vẫn lỗi, báo quản trị máy chủ kiểm tra Chromium.") from None
        except ExportError:
            raise
        except Exception as error:   # a browser that died or refused: a clear message, then a fresh start next time
            self._discard()
            raise ExportError(f"Không vẽ được ảnh biểu đồ: {error}. Hãy thử lại; nếu vẫn lỗi, báo quản trị máy "
                              "chủ kiểm tra Chromium.") from error

    def _discard(self) -> None:
        """Close the browser if it still answers, and forget it either way."""
        loop, engine = self._loop, self._kaleido
        self._loop = self._kaleido = None
        if loop is None:
            return
        if engine is not None:
            try:
                asyncio.run_coroutine_threadsafe(engine.close(), loop).result(timeout=5)
            except Exception:   # already gone: nothing left to close
                pass
        loop.call_soon_threadsafe(loop.stop)

    def render(self, figure: go.Figure, fmt: str = "png", width: int | None = None, height: int | None = None,
               scale: float = SCALE) -> bytes:
        return self.render_many([figure], fmt, width, height, scale)[0]

    def render_many(self, figures: list[go.Figure], fmt: str = "png", width: int | None = None,
                    height: int | None = None, scale: float = SCALE) -> list[bytes]:
        """Images of `figures`, one after the other; the deadline grows with their number."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt}")
        jobs = [(figure.to_plotly_json(), {"format": fmt, "width": width or figure.layout.width or WIDTH,
                                           "height": height or figure.layout.height or 600, "scale": scale})
                for figure in figures]
        with self._turn:
            try:
                if self._kaleido is None:
                    self._start()
                engine = self._kaleido

                async def drawn():
                    return await asyncio.gather(*(engine.calc_fig(spec, opts=opts) for spec, opts in jobs))

                seconds = self.timeout * max(1, len(jobs))
                images = self._wait(drawn(), seconds, f"Trình duyệt không vẽ xong ảnh biểu đồ sau {seconds:g} giây.")
            except ExportError as problem:
                self.problem = str(problem)
                raise
            self.problem = None
        if fmt == "pdf":
            return [titled(image, plain_title(figure)) for image, figure in zip(images, figures)]
        return images

    def start_soon(self) -> None:
        """Open the browser in the background (a page about to draw a report), unless it is open; a failure is
        said when a figure is drawn."""
        if self._kaleido is None:
            threading.Thread(target=self._start_quietly, daemon=True, name="chart-renderer-start").start()

    def _start_quietly(self) -> None:
        with self._turn:
            if self._kaleido is None:
                try:
                    self._start()
                except ExportError as problem:
                    self.problem = str(problem)

    def close(self) -> None:
        with self._turn:
            self._discard()
