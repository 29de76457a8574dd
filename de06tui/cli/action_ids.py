"""The app's action ids, for `config validate`, without importing the app.

The registry (``de06tui/tui/actions.py``) imports Textual, which the command line never loads, so
the ids are read from its source: every ``Action("id", …)`` entry. The ids are literals there by
design (they are what users' keymaps name), so the source is the registry itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

REGISTRY_SOURCE = Path(__file__).resolve().parent.parent / "tui" / "actions.py"


def action_ids(source: Path = REGISTRY_SOURCE) -> frozenset[str] | None:
    """The ids, or None when the registry's source cannot be read (then ids go unchecked)."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    ids = {node.args[0].value for node in ast.walk(tree)
           if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Action"
           and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}
    return frozenset(ids) or None
