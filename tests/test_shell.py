"""The page shell (components/shell.py): the app's root handed to Streamlit's frontend so it never probes
`/<page>/_stcore/health` (a 404 in the console), and Plotly's chunk preloaded. Unit level: the HTML, the
script's arithmetic (run by Node, as a browser would) and the ASGI middleware against a fake app."""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import subprocess

import pytest

from components import shell

INDEX = (b'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8" /><title>Streamlit</title>'
         b'<script type="module" crossorigin src="./static/js/index.abc.js"></script></head>'
         b'<body><div id="root"></div></body></html>')


@pytest.mark.parametrize(("path", "base", "depth"), [
    ("/", "", 0), ("", "", 0), ("/quotes", "", 1), ("/quotes/", "", 1), ("/a/b", "", 2),
    ("/app", "app", 0), ("/app/quotes", "app", 1), ("/app/quotes", "/app/", 1), ("/quotes", "app", 1),
])
def test_page_depth_counts_segments_after_the_base_path(path, base, depth):
    assert shell.page_depth(path, base) == depth


def test_the_index_page_gets_the_root_script_and_the_preload_before_its_head_ends():
    out = shell.inject(INDEX, 1, ["static/js/PlotlyChart.x1.js"])
    head = out.split(b"</head>")[0]
    assert b"BACKEND_BASE_URL" in head and b"var n=1," in head
    assert b'<link rel="modulepreload" crossorigin href="./static/js/PlotlyChart.x1.js">' in head
    assert head.index(b'<meta charset="UTF-8" />') < head.index(b"BACKEND_BASE_URL")  # charset stays first
    assert out.replace(shell.head_lines(1, ["static/js/PlotlyChart.x1.js"]), b"") == INDEX


def test_other_html_is_left_alone():
    other = b"<html><head></head><body><p>a component</p></body></html>"
    assert shell.inject(other, 1, ["static/js/PlotlyChart.x1.js"]) == other


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="Node.js runs the script as a browser would")
@pytest.mark.parametrize(("origin", "pathname", "depth", "root"), [
    ("http://127.0.0.1:8501", "/", 0, "http://127.0.0.1:8501/"),
    ("http://127.0.0.1:8501", "/quotes", 1, "http://127.0.0.1:8501/"),
    ("http://127.0.0.1:8501", "/quotes/", 1, "http://127.0.0.1:8501/"),
    ("http://h", "/app/quotes", 1, "http://h/app/"),            # server.baseUrlPath = app
    ("http://h", "/prefix/quotes", 1, "http://h/prefix/"),      # a proxy serving the app under /prefix
    ("http://h", "/prefix", 0, "http://h/prefix/"),
    ("http://h", "/", 1, "http://h/"),                          # never above the host
])
def test_the_script_gives_the_app_root_for_any_page_url(origin, pathname, depth, root):
    script = shell.head_lines(depth).decode().removeprefix("<script>").removesuffix("</script>")
    js = (f"var window = {{}}; var location = {{origin: {json.dumps(origin)}, pathname: {json.dumps(pathname)}}};"
          f"{script}; console.log(window.__streamlit.BACKEND_BASE_URL);")
    out = subprocess.run([NODE, "-e", js], capture_output=True, text=True, timeout=30, check=True)
    assert out.stdout.strip() == root


# --- the middleware against a fake app -------------------------------------------------------------

def _app(body: bytes, content_type: bytes = b"text/html; charset=utf-8", status: int = 200, gz: bool = False):
    async def app(scope, receive, send):
        data = gzip.compress(body) if gz else body
        headers = [(b"content-type", content_type), (b"content-length", str(len(data)).encode()),
                   (b"etag", b'"abc"'), (b"cache-control", b"no-cache")]
        if gz:
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": data[:20], "more_body": True})
        await send({"type": "http.response.body", "body": data[20:], "more_body": False})
    return app


def _get(app, path: str, method: str = "GET") -> tuple[dict, bytes]:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    asyncio.run(app({"type": "http", "method": method, "path": path, "root_path": "", "headers": []}, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return dict(start["headers"]), b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_page_url_is_served_the_shell_with_a_right_length_and_no_etag():
    mw = shell.ShellMiddleware(_app(INDEX), preload=["static/js/PlotlyChart.x1.js"])
    headers, body = _get(mw, "/quotes")
    assert body == shell.inject(INDEX, 1, ["static/js/PlotlyChart.x1.js"])
    assert int(headers[b"content-length"]) == len(body)
    assert b"etag" not in headers and headers[b"cache-control"] == b"no-cache"


def test_a_gzipped_shell_is_rewritten_and_stays_gzipped():
    headers, body = _get(shell.ShellMiddleware(_app(INDEX, gz=True)), "/officials")
    assert headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == shell.inject(INDEX, 1)
    assert int(headers[b"content-length"]) == len(body)


@pytest.mark.parametrize(("path", "method", "content_type", "status"), [
    ("/static/js/index.abc.js", "GET", b"text/javascript", 200),  # not HTML
    ("/component/x/index.html", "GET", b"text/html", 200),       # a component's iframe, not the shell
    ("/quotes", "HEAD", b"text/html", 200),
    ("/missing", "GET", b"text/html", 404),
])
def test_anything_else_passes_through_unchanged(path, method, content_type, status):
    headers, body = _get(shell.ShellMiddleware(_app(INDEX, content_type, status)), path, method)
    assert body == INDEX and headers[b"etag"] == b'"abc"'
