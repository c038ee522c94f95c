"""A minimal client of Streamlit's own WebSocket protocol, for the load test's `--client protocol` mode.

It does on /_stcore/stream what the browser's frontend does, without a browser: it sends a BackMsg
`rerun_script` (a ClientState: the URL's query string, the page, and the widget values that changed) and reads
ForwardMsgs until `script_finished`. From the deltas of each run it keeps the widgets (id, options) so that
the next rerun can set a real widget value, the figures (a hash of each Plotly spec, to see that a filter
changed the chart) and any problem a user would see (an exception box, st.error, page not found).

Protocol as in streamlit 1.67 (web/server/starlette/starlette_websocket.py, runtime/app_session.py,
proto/BackMsg.proto, ClientState.proto, WidgetStates.proto): the first Sec-WebSocket-Protocol entry selects
the "streamlit" subprotocol; a widget's id is `$$ID-<hash>-<key>`; a multiselect's value travels as its
option labels (string_array_value), a text input's as string_value, a date input's as ["YYYY-MM-DD"].
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

WIDGET_KINDS = ("multiselect", "text_input", "date_input", "selectbox", "radio", "button_group", "number_input",
                "button")
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class ProtocolError(Exception):
    """The server closed the stream, or a run did not finish the way a browser expects."""


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str
    label: str
    options: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The widget's user key (`flt_topic`), the part of its id after the hash."""
        return self.id.split("-", 2)[-1]


@dataclass
class Run:
    """What one script run sent: how long until script_finished, and what a user would see."""

    seconds: float = 0.0
    finished: str | None = None
    messages: int = 0
    bytes: int = 0
    elements: dict[str, int] = field(default_factory=dict)      # element type -> count
    widgets: dict[str, Widget] = field(default_factory=dict)    # user key -> widget
    figures: dict[str, str] = field(default_factory=dict)       # chart key -> sha1 of its Plotly spec
    html: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    query_string: str | None = None                              # what the server wrote into the URL
    page: str | None = None                                      # the url path of the page that ran

    def read(self, msg: ForwardMsg, size: int) -> None:
        self.messages += 1
        self.bytes += size
        kind = msg.WhichOneof("type")
        if kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            self.problems.append("script compilation error: " + msg.session_event.script_compilation_exception.message)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)

    def _element(self, element) -> None:
        kind = element.WhichOneof("type")
        self.elements[kind] = self.elements.get(kind, 0) + 1
        body = getattr(element, kind)
        if kind == "exception":
            self.problems.append(f"exception box: {body.type}: {body.message[:300]}")
        elif kind == "alert" and body.format == Alert.ERROR:
            self.problems.append(f"st.error: {body.body[:300]}")
        elif kind == "plotly_chart":
            self.figures[body.id.split("-", 2)[-1]] = hashlib.sha1(body.spec.encode()).hexdigest()
        elif kind in ("html", "markdown"):
            self.html.append(body.body)
        if kind in WIDGET_KINDS and body.id:
            options = tuple(getattr(body, "options", ()))
            w = Widget(body.id, kind, getattr(body, "label", ""), options)
            self.widgets[w.key] = w


def widget_state(client_state, widget: Widget, value) -> None:
    """Add a widget's new value to a ClientState the way the frontend encodes it."""
    ws = client_state.widget_states.widgets.add()
    ws.id = widget.id
    if widget.kind == "multiselect":
        ws.string_array_value.data.extend(value)
    elif widget.kind == "date_input":
        ws.string_array_value.data.extend([value] if value else [])
    elif widget.kind == "text_input":
        ws.string_value = value
    elif widget.kind == "button":  # a click: a trigger, true for one run
        ws.trigger_value = bool(value)
    else:
        raise ValueError(f"setting a {widget.kind} is not supported")


class Session:
    """One browser tab's worth of Streamlit session: one WebSocket, the page it is on, the last run's widgets."""

    def __init__(self, base_url: str, timeout: float = 90):
        self.ws_url = base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.origin = base_url.rstrip("/")
        self.timeout = timeout
        self.ws = None
        self.page_hash = ""
        self.query_string = ""
        self.last: Run | None = None

    async def open(self, page: str, query_string: str = "") -> Run:
        """Open a shared link: a new connection and the first run of `/<page>?<query_string>`."""
        await self.close()
        t0 = time.perf_counter()
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], origin=self.origin,
                                           max_size=None, open_timeout=self.timeout)
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = page
        return await self._run(msg, t0)

    async def change(self, widget_key: str, value) -> Run:
        """Set one widget (by its user key, from the last run) and rerun, as the frontend does on a change."""
        widget = self.last.widgets[widget_key]
        msg = BackMsg()
        msg.rerun_script.query_string = self.query_string
        msg.rerun_script.page_script_hash = self.page_hash
        widget_state(msg.rerun_script, widget, value)
        return await self._run(msg, time.perf_counter())

    async def _run(self, msg: BackMsg, t0: float) -> Run:
        run = Run()
        await self.ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self._read_until_finished(run), self.timeout)
        except asyncio.TimeoutError as exc:
            raise ProtocolError(f"no script_finished within {self.timeout:.0f} s") from exc
        except websockets.ConnectionClosed as exc:
            raise ProtocolError(f"the server closed the stream: {exc}") from exc
        run.seconds = time.perf_counter() - t0
        if run.query_string is not None:
            self.query_string = run.query_string
        self.last = run
        return run

    async def _read_until_finished(self, run: Run) -> None:
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(data)
            run.read(fm, len(data))
            kind = fm.WhichOneof("type")
            if kind == "navigation":  # st.navigation says which page ran: the frontend reruns that page
                self.page_hash = fm.navigation.page_script_hash
                run.page = next((p.url_pathname for p in fm.navigation.app_pages
                                 if p.page_script_hash == self.page_hash), None)
            elif kind == "script_finished":
                if fm.script_finished in DONE:
                    run.finished = ForwardMsg.ScriptFinishedStatus.Name(fm.script_finished)
                    return
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    run.finished = "FINISHED_WITH_COMPILE_ERROR"
                    run.problems.append("the script did not compile")
                    return
                # FINISHED_EARLY_FOR_RERUN: another run of the same chain follows

    async def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            await ws.close()
