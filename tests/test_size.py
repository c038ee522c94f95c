"""Every module and function in components/ reads at once: no function over 60 lines, no module over 400."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from components import config

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
MODULES = sorted((config.ROOT / "components").rglob("*.py"))


def _long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
            for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(config.ROOT)))
def test_module_and_its_functions_are_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines"
    assert _long_functions(path) == []


def test_the_size_check_sees_a_long_function(tmp_path):
    sample = tmp_path / "long.py"
    sample.write_text("def f():\n" + "    x = 1\n" * 61, encoding="utf-8")
    assert _long_functions(sample) == ["f (62 lines, line 1)"]
