"""Every ``st.session_state`` key the app uses is listed in ``ui/keys.py``, and only its owner writes it."""

from __future__ import annotations

import ast
from pathlib import Path

from ui.keys import KEYS, owners

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "app.py", *sorted(p for d in ("ui", "app_pages") for p in (ROOT / d).glob("*.py"))]


def _is_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _key(node: ast.AST) -> str | None:
    """A key written as a string, or as an f-string's literal start (then ending in '*')."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return f"{node.values[0].value}*"
    return None


def uses(source: str) -> list[tuple[str, str, int]]:
    """(key, 'read' or 'write', line) for every session-state key and widget key in the source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and _is_state(target.value):
                found.append((target.attr, "write", node.lineno))
            if isinstance(target, ast.Subscript) and _is_state(target.value) and _key(target.slice):
                found.append((_key(target.slice), "write", node.lineno))
        methods = {"get", "setdefault", "pop", "update", "to_dict", "keys", "items"}
        if (
            isinstance(node, ast.Attribute)
            and _is_state(node.value)
            and isinstance(node.ctx, ast.Load)
            and node.attr not in methods
        ):
            found.append((node.attr, "read", node.lineno))
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and _is_state(func.value) and node.args and _key(node.args[0]):
                kind = "read" if func.attr == "get" else "write"
                found.append((_key(node.args[0]), kind, node.lineno))
            for keyword in node.keywords:
                if keyword.arg == "key" and _key(keyword.value):
                    found.append((_key(keyword.value), "write", node.lineno))  # a widget writes its key
        if isinstance(node, ast.Compare) and any(_is_state(c) for c in node.comparators) and _key(node.left):
            found.append((_key(node.left), "read", node.lineno))
    return found


def test_every_key_is_listed_and_written_only_by_its_owner():
    unlisted, foreign = [], []
    for path in FILES:
        module = str(path.relative_to(ROOT))
        for key, kind, line in uses(path.read_text(encoding="utf-8")):
            allowed = owners(key.rstrip("*") + ("x" if key.endswith("*") else ""))
            if allowed is None:
                unlisted.append(f"{module}:{line} {key}")
            elif kind == "write" and module not in allowed:
                foreign.append(f"{module}:{line} writes {key} (owned by {', '.join(allowed)})")
    assert unlisted == [], "add these to ui/keys.py"
    assert foreign == [], "change another module's state through its own function"


def test_every_listed_key_is_still_used():
    used = {key for path in FILES for key, _, _ in uses(path.read_text(encoding="utf-8"))}
    from opbouw.links import PARAMS

    stale = [k for k in KEYS if k not in used and k not in PARAMS and not (k.endswith("_*") and f"{k[:-1]}*" in used)]
    assert stale == []


def test_the_scan_sees_writes_reads_and_widget_keys():
    source = (
        "st.session_state.a = 1\nst.session_state['b'] = 2\nst.session_state.setdefault('c', 3)\n"
        "x = st.session_state.d\ny = st.session_state.get('e')\nst.button('x', key=f'f_{i}')\n"
        "z = 'g' in st.session_state\n"
    )
    assert sorted(uses(source)) == [
        ("a", "write", 1),
        ("b", "write", 2),
        ("c", "write", 3),
        ("d", "read", 4),
        ("e", "read", 5),
        ("f_*", "write", 6),
        ("g", "read", 7),
    ]
