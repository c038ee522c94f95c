"""Warm the server before it takes its first visitor: one headless run of the default page at start.

A fresh Streamlit server imports the page modules (pandas, Plotly, …) and fills every cache on its first
visitor's run: seconds of CPU before the first chart can leave the server. `lifespan` (given to `st.App`
in app.py) connects one session with a client that drops every message, runs the default page (the
Timeline, no filters: the same cache keys a first visitor uses), waits for the run to finish and closes the
session. Uvicorn opens the port after the lifespan's start, so the health check answers once the server is
warm. A visitor with other filters still gains the imports and the shared loads (reference lists, counts).

`TIMELINE_WARMUP=0` turns it off (to measure a cold server); a run that fails or takes longer than
`TIMELINE_WARMUP_TIMEOUT` seconds (default 300) is logged and the server starts anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime

LOG = logging.getLogger("timeline.warmup")
LOG.setLevel(logging.INFO)
if not LOG.handlers:
    LOG.addHandler(logging.StreamHandler())


class NullClient:
    """A session client that drops every message and notes when a whole run has finished."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self.finished = asyncio.Event()
        self.status: str | None = None
        self.exceptions = 0

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            self.exceptions += 1
        if kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            self._loop.call_soon_threadsafe(self.finished.set)

    @property
    def client_context(self):
        return None


_RUNNING = threading.Event()  # set while the warm-up's run of the page is on: no visitor can be connected then


def running() -> bool:
    """True inside the warm-up's run of the page (the port is not open yet), for work only a warm-up should do."""
    return _RUNNING.is_set()


def enabled() -> bool:
    return os.environ.get("TIMELINE_WARMUP", "1") not in ("0", "false", "no")


async def warm_up(runtime: Runtime, timeout: float) -> dict:
    """Run the default page once in a headless session; {'seconds', 'cpu_seconds', 'status'}."""
    t, cpu = time.perf_counter(), time.process_time()
    client = NullClient(asyncio.get_running_loop())
    session_id = runtime.connect_session(client=client, user_info={"is_logged_in": False})
    _RUNNING.set()
    try:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        runtime.handle_backmsg(session_id, msg)
        await asyncio.wait_for(client.finished.wait(), timeout)
        status = client.status if not client.exceptions else f"{client.status} with {client.exceptions} error(s)"
    except asyncio.TimeoutError:
        status = f"still running after {timeout:.0f} s"
    finally:
        _RUNNING.clear()
        if client.finished.is_set():
            runtime.close_session(session_id)
        # else: closing would stop the run half-way; the session ends when its run does (disconnected TTL)
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - cpu, "status": status}


@contextlib.asynccontextmanager
async def lifespan(app):
    """st.App lifespan: warm the server, then serve."""
    if enabled():
        timeout = float(os.environ.get("TIMELINE_WARMUP_TIMEOUT", "300"))
        try:
            done = await warm_up(Runtime.instance(), timeout)
            LOG.info("Warm-up: the default page ran once in %.1f s (%.1f s CPU, whole process): %s",
                     done["seconds"], done["cpu_seconds"], done["status"])
        except Exception:  # the server must start even if the warm-up cannot run
            LOG.exception("Warm-up failed; serving cold")
    yield
