"""The HTML shell Streamlit serves for every page URL, with two lines added at the end of its <head>.

1. `window.__streamlit.BACKEND_BASE_URL`, the app's root. Without it Streamlit's frontend guesses the root
   from the page's URL and probes `/<page>/_stcore/health` and `/<page>/_stcore/host-config` first: two 404s
   in the console on every page but the first (streamlit/streamlit#7074). The root is the page's own URL
   with as many trailing path segments removed as the server saw after its base path, so it stays right
   behind a proxy that serves the app under a prefix. Only a number goes into the script, never request text.
2. `<link rel="modulepreload">` for Plotly's chunk: the browser fetches and compiles its 4.7 MB while
   Streamlit's own scripts start, instead of when the first chart arrives over the WebSocket.

Pure ASGI (no Streamlit import): `ShellMiddleware` wraps the app and rewrites only responses that are
Streamlit's index page (a GET of the root or of a page, 200, text/html, with its root div).
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence

ROOT_DIV = b'<div id="root"></div>'

_BASE_SCRIPT = ("<script>(function(){var n=%d,p=location.pathname.replace(/\\/+$/,'').split('/');"
                "p.length-=Math.min(n,p.length-1);window.__streamlit=Object.assign({},window.__streamlit,"
                "{BACKEND_BASE_URL:location.origin+p.join('/')+'/'});})();</script>")


def page_depth(path: str, base_url_path: str = "") -> int:
    """How many path segments of `path` come after the server's base path ('/' -> 0, '/quotes' -> 1)."""
    parts = [p for p in path.split("/") if p]
    base = [p for p in (base_url_path or "").split("/") if p]
    if parts[:len(base)] == base:
        parts = parts[len(base):]
    return len(parts)


def head_lines(depth: int, preload: Sequence[str] = ()) -> bytes:
    """The tags added to <head>: the backend root script, then a modulepreload per chunk (paths
    relative to the app's root, like Streamlit's own links, which resolve from a page one segment deep)."""
    links = "".join(f'<link rel="modulepreload" crossorigin href="./{href}">' for href in preload)
    return (_BASE_SCRIPT % int(depth) + links).encode()


def inject(html: bytes, depth: int, preload: Sequence[str] = ()) -> bytes:
    """Streamlit's index page with the head lines added; any other HTML unchanged."""
    if ROOT_DIV not in html or b"</head>" not in html:
        return html
    # at the end of <head>: before Streamlit's module script runs (modules are deferred), after its charset
    return html.replace(b"</head>", head_lines(depth, preload) + b"</head>", 1)


class ShellMiddleware:
    """ASGI middleware: add the head lines to Streamlit's index page, whatever URL it is served for."""

    def __init__(self, app, base_url_path: str = "", preload: Sequence[str] = ()):
        self.app = app
        self.base_url_path = base_url_path
        self.preload = tuple(preload)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):]
        depth = page_depth(path, self.base_url_path)
        if depth > 1:  # pages are one segment deep; deeper HTML (a component's iframe) is not the shell
            await self.app(scope, receive, send)
            return
        start: dict = {}
        body: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if message["status"] == 200 and headers.get(b"content-type", b"").startswith(b"text/html"):
                    start.update(message)  # hold the start until the whole body is rewritten
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._send_rewritten(send, start, b"".join(body), depth)
            else:
                await send(message)

        await self.app(scope, receive, capture)

    async def _send_rewritten(self, send, start: dict, body: bytes, depth: int) -> None:
        headers = [(k, v) for k, v in start.get("headers") or []
                   if k not in (b"content-length", b"etag", b"last-modified")]
        gzipped = (b"content-encoding", b"gzip") in headers
        html = inject(gzip.decompress(body) if gzipped else body, depth, self.preload)
        out = gzip.compress(html) if gzipped else html
        headers.append((b"content-length", str(len(out)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": out, "more_body": False})
