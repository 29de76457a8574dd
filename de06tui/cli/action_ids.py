"""The app's action ids, for `config validate`, without starting the app.

The registry module imports Textual only where bindings are made, so reading its ids keeps the
command line free of Textual (tests/cli check that no Textual module is loaded).
"""

from __future__ import annotations


def action_ids() -> frozenset[str]:
    from de06tui.tui.actions import REGISTRY

    return frozenset(a.id for a in REGISTRY)
