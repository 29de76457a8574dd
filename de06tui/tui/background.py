"""Work a key starts that is not part of what the key shows.

A snapshot written for the next start, an export's file, alerts worked out after a load, views
worked out ahead of the key that will want them: each runs in a worker whose group carries this
prefix, so what waits for a key's repaint (tests, the per-key benchmarks) can tell them from the
work the repaint itself waits on.
"""

from __future__ import annotations

from typing import Any

PREFIX = "background:"


def group(name: str) -> str:
    """The worker group for background work called ``name``."""
    return PREFIX + name


def is_background(worker: Any) -> bool:
    return str(getattr(worker, "group", "")).startswith(PREFIX)
