"""Only the page layer (components/views/, dashboard.py) may import Streamlit: everything below it is plain Python."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from components import config

PACKAGE = config.ROOT / "components"
NON_PAGE_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "views" not in p.relative_to(PACKAGE).parts)
PAGES = sorted(p for p in (PACKAGE / "views").glob("*.py") if p.name not in ("__init__.py", "data.py"))


def _streamlit_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names = [str(node.args[0].value)]
        else:
            continue
        found += [f"{path.name}:{node.lineno}: {n}" for n in names if n == "streamlit" or n.startswith("streamlit.")]
    return found


def test_the_scan_sees_the_package():
    names = {p.name for p in NON_PAGE_MODULES}
    assert {"config.py", "schema.py", "store.py", "filters.py", "queries.py", "cli.py"} <= names


@pytest.mark.parametrize("path", NON_PAGE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_does_not_import_streamlit(path):
    assert _streamlit_imports(path) == []


def test_the_scanner_catches_an_import(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("import os\nfrom streamlit.testing.v1 import AppTest\n\ndef f():\n    import streamlit as st\n")
    assert _streamlit_imports(sample) == ["bad.py:2: streamlit.testing.v1", "bad.py:5: streamlit"]


CORE = "components.config, components.schema, components.store, components.filters, components.queries, components.cli"


def test_core_modules_do_not_load_streamlit_even_indirectly():
    """Importing the data layers must not pull Streamlit in through a dependency.

    Checked in this process when nothing has loaded Streamlit yet (fast), else in a fresh interpreter.
    """
    if "streamlit" not in sys.modules:
        for name in CORE.split(", "):
            importlib.import_module(name)
        assert "streamlit" not in sys.modules
        return
    code = f"import sys, {CORE}; print('streamlit' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (proc.returncode, proc.stdout.strip()) == (0, "False"), proc.stderr


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_pages_read_through_the_cached_loaders_not_queries(path):
    """Pages never call queries (or SQL) directly: every read goes through views/data.py's typed loaders."""
    assert not {"components.queries", "sqlite3", "sqlite_utils"} & _imports(path)


def test_ruff_is_clean():
    """`ruff check` over the repository, with the streamlit import ban selected (pyproject.toml)."""
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(config.ROOT)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-1000:]


def test_ruff_bans_streamlit_outside_the_page_layer():
    """The rule is really selected: a core module importing streamlit is reported, a page is not."""
    def check(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--stdin-filename", name, "-"],
                              input="import streamlit\n\nstreamlit.title('x')\n", capture_output=True, text=True,
                              timeout=60, check=False, cwd=config.ROOT)
    core, page = check("components/probe.py"), check("components/views/probe.py")
    assert core.returncode == 1 and "TID251" in core.stdout, core.stdout
    assert page.returncode == 0, page.stdout
