"""The app uses only the public, documented API of the libraries it builds on.

A routine upgrade of pandas, pydeck, Streamlit or Babel must not break the app or silently take a
fallback nobody tests. So no code in ``app.py``, ``serve.py``, ``ui/``, ``app_pages/`` or ``opbouw/`` imports a
``_``-prefixed module or name of another package, reads a ``_``-prefixed attribute of anything but
its own objects, or assigns to an attribute of another package (a patch).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OWN = {"opbouw", "ui", "app_pages", "tests"}
# Not underscored, but not documented either: the internals this app once reached into.
INTERNAL = (
    "pandas.core",
    "streamlit.runtime",
    "streamlit.elements",
    "streamlit.dataframe_util",
    "pydeck.bindings",
    "babel.numbers.parse_pattern",
    "babel.numbers.NumberPattern",
)
FILES = [
    ROOT / "app.py",
    ROOT / "serve.py",
    *sorted(p for d in ("ui", "app_pages", "opbouw") for p in (ROOT / d).rglob("*.py")),
]


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _internal(dotted: str) -> bool:
    return any(dotted == name or dotted.startswith(name + ".") for name in INTERNAL)


def _own(module: str | None, level: int) -> bool:
    return level > 0 or (module or "").split(".")[0] in OWN or module == "__future__"


def problems(source: str) -> list[str]:
    """What in this source reaches into another package's private names or patches it."""
    tree = ast.parse(source)
    foreign: set[str] = set()  # names bound to another package's modules or objects
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _own(alias.name, 0):
                    foreign.add((alias.asname or alias.name).split(".")[0])
                    if any(_private(part) for part in alias.name.split(".")) or _internal(alias.name):
                        found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and not _own(node.module, node.level):
            if any(_private(part) for part in (node.module or "").split(".")):
                found.append(f"line {node.lineno}: from {node.module} import ...")
            for alias in node.names:
                foreign.add(alias.asname or alias.name)
                if _private(alias.name) or _internal(f"{node.module}.{alias.name}"):
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            if not (isinstance(base, ast.Name) and base.id in {"self", "cls"}):
                found.append(f"line {node.lineno}: .{node.attr}")
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        for target in targets:
            root = target
            while isinstance(root, ast.Attribute):
                root = root.value
            through_state = any(part in ast.unparse(target).split(".") for part in ("session_state", "query_params"))
            if target is not root and isinstance(root, ast.Name) and root.id in foreign and not through_state:
                found.append(f"line {node.lineno}: assigns to {ast.unparse(target)} (a patch of another package)")
        if isinstance(node, ast.Call) and ast.unparse(node.func) in {"setattr", "monkeypatch.setattr"}:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Name) and first.id in foreign:
                found.append(f"line {node.lineno}: setattr on {first.id}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_of_another_package(path):
    assert problems(path.read_text(encoding="utf-8")) == []


def test_the_check_in_the_issue_finds_nothing():
    # grep -rnE "(pandas|pydeck|streamlit|babel)\.(_|core\.internals|runtime)" app.py ui app_pages opbouw
    pattern = re.compile(r"(pandas|pydeck|streamlit|babel)\.(_|core\.internals|runtime)")
    hits = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in FILES
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


@pytest.mark.parametrize(
    "source",
    [
        "from pandas.core.internals import BlockManager",
        "from pandas._libs.internals import BlockPlacement",
        "from babel.numbers import parse_pattern as p",
        "from pydeck.bindings.json_tools import default_serialize",
        "from streamlit import dataframe_util",
        "import streamlit.runtime._x",
        "import pandas as pd\ndef f(df):\n    return df._get_column_array(0)",
        "import pydeck.bindings.deck\npydeck.bindings.deck.has_jupyter_extra = 1",
        "from streamlit import dataframe_util\ndataframe_util.convert = None",
        "import pydeck as pdk\ndef f(deck):\n    return deck._mgr",
    ],
)
def test_the_check_catches_what_the_code_used_to_do(source):
    assert problems(source), source


def test_the_check_leaves_own_private_names_alone():
    source = (
        "from ._helpers import _shape\nfrom .model import _mean\nclass A:\n    def f(self):\n        return self._x\n"
    )
    assert problems(source) == []
