"""The dashboard's server: `streamlit run app.py` (scripts/run.sh) serves dashboard.py through Streamlit's
own Starlette app (st.App), with two additions:

- a warm-up at start (components/views/warmup.py): the default page runs once before the port opens, so
  the first visitor does not pay for the imports and the caches; beside it, on a thread, the facet arrays of the
  database served are loaded (components.facetarrays: 1.4-1.9 s CPU at 1,000,000 statements, +55 MB), so no
  visitor's frequent search or date range with partial months waits for them. Measured at 1M (load 2): healthy
  after 4.2-5.1 s -> 5.5-6.6 s, peak RSS 216 -> 268-276 MB. Loaded after the port opened instead, health did not
  move but a visitor arriving at once shared the CPU with the load (first chart ~0.6 s later, median of 5);
- beside them, also on a thread, kaleido's browser starts, so the page's warm-up run can draw the default view
  as an image for a session's first view (components/views/firstview.py) without waiting for it;
- the page shell (components/shell.py): the app's root given to Streamlit's frontend, so no page probes
  `/<page>/_stcore/health` first (a 404 in the console), and Plotly's chunk preloaded.

`streamlit run dashboard.py` still works (cold, with the two 404s on sub-pages); AppTest runs dashboard.py.
"""

import asyncio
import contextlib
import threading
import time
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from components.shell import ShellMiddleware
from components.views import warmup


def load_facet_arrays() -> None:
    """The facet arrays of the database served, logged; a server that cannot load them serves anyway (the first
    frequent search or date range then loads them)."""
    from components import config, facets

    t, cpu = time.perf_counter(), time.thread_time()
    try:
        facets.preload(config.db_path())
        warmup.LOG.info("Warm-up: facet arrays loaded in %.1f s (%.1f s CPU)", time.perf_counter() - t,
                        time.thread_time() - cpu)
    except Exception:
        warmup.LOG.exception("Facet arrays not loaded at start")


def start_image_browser() -> None:
    """Kaleido's browser started beside the page's warm-up run, which then draws the first view's image with it
    (components/views/firstview.py) without waiting for the browser to start; later chart exports find it running."""
    from components import exporting
    from components.views import firstview

    if not exporting.images_available() or not firstview.images_enabled():
        return
    t = time.perf_counter()
    try:
        exporting.start_browser()
        warmup.LOG.info("Warm-up: image browser started in %.1f s", time.perf_counter() - t)
    except Exception:
        warmup.LOG.exception("Image browser not started (no first-view image; exports start it when asked)")


@contextlib.asynccontextmanager
async def lifespan(app):
    """warmup.lifespan with the facet arrays loading on a thread beside the page's run, both done before the port
    opens: a visitor then never shares the CPU with the load (see the module docstring for what each costs)."""
    loading = [threading.Thread(target=load_facet_arrays, name="facet-arrays", daemon=True),
               threading.Thread(target=start_image_browser, name="image-browser", daemon=True)]
    if warmup.enabled():
        for thread in loading:
            thread.start()
    async with warmup.lifespan(app):
        for thread in loading:
            if thread.is_alive():
                await asyncio.to_thread(thread.join)
        yield


def plotly_chunks() -> list[str]:
    """Streamlit's Plotly chunk, as a path relative to the app's root (its name carries a content hash)."""
    import streamlit.file_util

    static = Path(streamlit.file_util.get_static_dir())
    return [str(p.relative_to(static)) for p in sorted((static / "static" / "js").glob("PlotlyChart.*.js"))]


app = st.App("dashboard.py", lifespan=lifespan,
             middleware=[Middleware(ShellMiddleware, base_url_path=st.get_option("server.baseUrlPath") or "",
                                    preload=plotly_chunks())])
