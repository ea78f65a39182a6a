"""opbouw/ is the domain: it runs without Streamlit."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_in_opbouw_imports_streamlit():
    for path in (ROOT / "opbouw").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), f"{path.name} imports streamlit"


def test_importing_opbouw_does_not_load_streamlit():
    code = (
        "import sys, opbouw, opbouw.charts, opbouw.maps, opbouw.present, opbouw.settings;"
        "sys.exit('streamlit' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
