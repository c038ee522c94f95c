"""The dashboard's server: `streamlit run app.py` (scripts/run.sh) serves dashboard.py through Streamlit's
own Starlette app (st.App), with two additions:

- a warm-up at start (components/views/warmup.py): the default page runs once before the port opens, so
  the first visitor does not pay for the imports and the caches;
- the page shell (components/shell.py): the app's root given to Streamlit's frontend, so no page probes
  `/<page>/_stcore/health` first (a 404 in the console), and Plotly's chunk preloaded.

`streamlit run dashboard.py` still works (cold, with the two 404s on sub-pages); AppTest runs dashboard.py.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from components.shell import ShellMiddleware
from components.views import warmup


def plotly_chunks() -> list[str]:
    """Streamlit's Plotly chunk, as a path relative to the app's root (its name carries a content hash)."""
    import streamlit.file_util

    static = Path(streamlit.file_util.get_static_dir())
    return [str(p.relative_to(static)) for p in sorted((static / "static" / "js").glob("PlotlyChart.*.js"))]


app = st.App("dashboard.py", lifespan=warmup.lifespan,
             middleware=[Middleware(ShellMiddleware, base_url_path=st.get_option("server.baseUrlPath") or "",
                                    preload=plotly_chunks())])
