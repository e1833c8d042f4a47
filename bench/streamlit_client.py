"""A browser's conversation with a Streamlit server, without the browser: one websocket per session speaking the
protobuf messages of streamlit.proto, so that fifty sessions fit beside the server on two cores.

A session does what the frontend does (static/js index.*.js, sendRerunBackMsg and onPageChange): GET
/_stcore/health for the XSRF cookie, open /_stcore/stream with the subprotocols "streamlit, <xsrf token>", ask
for a run with the page's address and query string, and on each click send a rerun_script BackMsg carrying the
value of every widget on the screen, the clicked one changed; a page change sends only the widgets the entry
script drew (the sidebar), as the frontend clears the page's own. Widgets are read from the deltas of the last
run and named by their key, so a click reads like the page file that drew the widget."""
import asyncio
import http.cookies
import time
import urllib.request
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"
# widget kind -> the WidgetState field its value travels in (streamlit/elements/widgets, value_type=...)
VALUE_FIELDS = {"text_input": "string_value", "selectbox": "string_value", "multiselect": "string_array_value",
                "number_input": "double_value", "date_input": "string_array_value", "checkbox": "bool_value"}
TRIGGERS = ("button",)


class ProtocolError(RuntimeError):
    """The server answered something a browser would not have expected at this point."""


def xsrf_cookie(base: str) -> str:
    """The XSRF cookie the server hands out on its health check, which the frontend calls before connecting."""
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=30) as response:
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            if XSRF_COOKIE in cookie:
                return cookie[XSRF_COOKIE].value
    raise ProtocolError("no _streamlit_xsrf cookie on /_stcore/health")


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    options: list[str]
    form: str
    submits: bool                          # a form's submit button
    fragment: str                          # the st.fragment that drew it, if any


def _key(widget_id: str) -> str:
    return widget_id.rsplit("-", 1)[-1]    # "$$ID-<hash>-<key>"; an unkeyed widget ends with its label or None


def _shown_value(proto, kind: str):
    """What the frontend shows for a widget it has no state for: the value the script set, else the default."""
    if kind == "selectbox":
        if proto.set_value or proto.HasField("raw_value"):
            return proto.raw_value
        return proto.options[proto.default] if 0 <= proto.default < len(proto.options) else None
    if kind == "multiselect":
        if proto.set_value or proto.raw_values:
            return list(proto.raw_values)
        return [proto.options[i] for i in proto.default]
    if kind == "date_input":
        return list(proto.value if proto.set_value else proto.default)
    if kind in ("number_input", "text_input", "checkbox"):
        return proto.value if proto.set_value else proto.default
    return None


@dataclass
class Run:
    """What one script run sent back."""
    seconds: float
    status: str
    texts: list[str]                       # alerts, captions, markdown and 'label: value' of metrics
    widgets: dict[str, Widget]             # key -> widget


@dataclass
class Session:
    base: str                              # http://127.0.0.1:PORT
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 180.0

    def __post_init__(self) -> None:
        self.session_id = ""
        self.pages: dict[str, str] = {}    # url path ("" for the default page) -> page_script_hash
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, object] = {}    # widget id -> value, as the frontend's widget manager keeps them
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Queue = asyncio.Queue()
        self._texts: list[str] = []
        self._seen: dict[str, Widget] = {}

    async def open(self) -> None:
        xsrf = self.cookies.get(XSRF_COOKIE) or await asyncio.to_thread(xsrf_cookie, self.base)
        self.cookies[XSRF_COOKIE] = xsrf
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self._socket = await websockets.connect(
            self.base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit", xsrf],
            additional_headers={"Cookie": cookie, "Origin": self.base, **self.headers},
            max_size=None, open_timeout=self.timeout, ping_interval=None, compression=None)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except websockets.ConnectionClosed:
            pass
        finally:
            self._finished.put_nowait(None)

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.session_id = message.new_session.initialize.session_id
        elif kind == "navigation":
            for page in message.navigation.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            name = element.WhichOneof("type")
            if name in VALUE_FIELDS or name in TRIGGERS:
                proto = getattr(element, name)
                widget = Widget(proto.id, name, proto.label, list(getattr(proto, "options", [])), proto.form_id,
                                getattr(proto, "is_form_submitter", False), message.delta.fragment_id)
                self._seen[_key(proto.id)] = widget
                if name in VALUE_FIELDS and (proto.set_value or proto.id not in self.values):
                    self.values[proto.id] = _shown_value(proto, name)
            elif name in ("alert", "markdown"):
                self._texts.append(getattr(element, name).body)
            elif name == "metric":
                self._texts.append(f"{element.metric.label}: {element.metric.body}")
        elif kind == "script_finished":
            self._finished.put_nowait(ForwardMsg.ScriptFinishedStatus.Name(message.script_finished))

    async def load(self, page: str = "", query: str = "") -> Run:
        """What opening the page's address in a new tab asks for."""
        return await self._rerun(query, page_name=page, states={})

    async def go(self, page: str) -> Run:
        """A click on a page link, as the browser sends it: the widgets on screen with their values; the next page
        sets the filters again by name (ui.filters.keep_across_pages)."""
        shown = {w.id: self.values.get(w.id) for w in self.widgets.values() if w.kind in VALUE_FIELDS}
        run = await self._rerun("", page_hash=self.pages[page], states=shown)
        self.page_hash = self.pages[page]
        return run

    async def click(self, **changes) -> Run:
        """Change widgets (by key) and rerun with every widget's value; `submit="form"` presses that form's
        button, sending the form's widgets with it. A widget drawn by an st.fragment reruns that fragment only."""
        form = changes.pop("submit", None)
        touched = [self.widgets[key] for key in changes]
        for widget, value in zip(touched, changes.values()):
            self.values[widget.id] = value
        states = {w.id: self.values.get(w.id) for w in self.widgets.values()
                  if w.kind in VALUE_FIELDS and (not w.form or w.form == form)}
        if form is not None:
            button = next(w for w in self.widgets.values() if w.submits and w.form == form)
            states[button.id] = True
            touched.append(button)
        fragment = touched[0].fragment if touched and len({w.fragment for w in touched}) == 1 else ""
        return await self._rerun(self.query, page_hash=self.page_hash, states=states, fragment=fragment)

    async def _rerun(self, query: str, *, states: dict, page_hash: str = "", page_name: str = "",
                     fragment: str = "") -> Run:
        """Send the rerun and wait until the script has finished; a run cut short by another rerun does not
        count, as the frontend keeps waiting too."""
        message = BackMsg()
        request = message.rerun_script
        request.query_string, request.page_script_hash, request.page_name = query, page_hash, page_name
        request.fragment_id = fragment
        kinds = {w.id: w.kind for w in self.widgets.values()}
        for widget_id, value in states.items():
            if value is None:
                continue
            state = request.widget_states.widgets.add()
            state.id = widget_id
            kind = kinds.get(widget_id)
            if kind in TRIGGERS:
                state.trigger_value = True
            elif VALUE_FIELDS[kind] == "string_array_value":
                state.string_array_value.data.extend(value)
            else:
                setattr(state, VALUE_FIELDS[kind], value)
        while not self._finished.empty():
            self._finished.get_nowait()
        self._texts, self._seen = [], {}
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        while True:
            status = await asyncio.wait_for(self._finished.get(), self.timeout)
            if status is None:
                raise ProtocolError("the server closed the websocket during a run")
            if status != "FINISHED_EARLY_FOR_RERUN":
                break
        seconds = time.perf_counter() - start
        if fragment:         # the rest of the screen stays as it was
            self._seen = {k: w for k, w in self.widgets.items() if w.fragment != fragment} | self._seen
        self.widgets = self._seen
        return Run(seconds, status, self._texts, self._seen)
