"""The last computed leaderboard, kept on disk so the next start paints before polars loads.

The first frame is drawn from this snapshot while the real dataset loads in a worker; the
snapshot is used only when its source is unchanged (same files, sizes and modification times),
and the loaded data replaces it as soon as it is ready.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from de06tui.tui.views.board import BoardRow, BoardView

VERSION = 1


def _file() -> Path:
    from de06tui.core.paths import cache_dir

    return cache_dir() / "tui_last_board.json"


def source_key(source) -> str | None:
    """What identifies the source's data; None when it cannot be told (then no snapshot)."""
    paths = getattr(source, "paths", None)
    if paths is None and type(source).__name__ == "SampleSource":
        from de06tui.core.paths import sample_path

        paths = [sample_path()]
    if not paths:
        return None
    parts = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            return None
        parts.append(f"{Path(p).resolve()}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def save(key: str | None, view: BoardView, label: str, synthetic: bool) -> None:
    """Write the snapshot (best effort: a read-only cache must not break the app)."""
    if key is None or view.period is None:
        return
    doc = {"version": VERSION, "key": key, "label": label, "synthetic": synthetic,
           "metric": view.metric, "requested": view.requested, "period": view.period, "era": view.era,
           "rows": [asdict(r) for r in view.rows]}
    from de06tui.core.export import atomic_write

    try:
        # A unique temporary name, fsync, then replace: parallel sessions never interleave.
        atomic_write(_file(), json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass


def load(key: str | None, metric: str, period: str | None) -> tuple[BoardView, str, bool] | None:
    """The snapshot for this source and metric (and period, when one is asked), else None."""
    if key is None:
        return None
    try:
        doc = json.loads(_file().read_text(encoding="utf-8"))
        if doc.get("version") != VERSION or doc["key"] != key or doc["metric"] != metric:
            return None
        if period is not None and period not in (doc["period"], doc["requested"]):
            return None
        rows = tuple(BoardRow(**{**r, "trend": tuple(r["trend"])}) for r in doc["rows"])
        view = BoardView(metric, doc["requested"], doc["period"], doc["era"], rows)
        return view, doc["label"], bool(doc["synthetic"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def start_view(key: str | None, metric: str, requested_period: str | None) -> tuple[BoardView, str, bool] | None:
    """The snapshot to paint at start for ``metric`` (and the period asked with --period, if any)."""
    from de06tui.core import periods as P

    period = None
    if requested_period:
        try:
            period = P.parse_period(requested_period)
        except P.PeriodError:
            return None
    return load(key, metric, period)


def _overview_file() -> Path:
    from de06tui.core.paths import cache_dir

    return cache_dir() / "tui_last_overview.json"


def save_overview(key: str | None, view, lang: str, label: str, synthetic: bool) -> None:
    """Keep the overview just shown, for the next start on the overview (best effort)."""
    if key is None or view.period is None:
        return
    from de06tui.core.export import atomic_write

    panels = [{"metric": p.metric, "period": p.period, "sentence": p.sentence,
               "top": [asdict(r) for r in p.top], "bottom": [asdict(r) for r in p.bottom]} for p in view.panels]
    doc = {"version": VERSION, "key": key, "lang": lang, "label": label, "synthetic": synthetic,
           "period": view.period, "panels": panels}
    try:
        atomic_write(_overview_file(), json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass


def load_overview(key: str | None, lang: str):
    """(OverviewView, label, synthetic) last shown for this source in this language, else None."""
    if key is None:
        return None
    from de06tui.tui.views.overview import OverviewPanel, OverviewView

    def rows(items) -> tuple[BoardRow, ...]:
        return tuple(BoardRow(**{**r, "trend": tuple(r["trend"])}) for r in items)

    try:
        doc = json.loads(_overview_file().read_text(encoding="utf-8"))
        if doc.get("version") != VERSION or doc["key"] != key or doc["lang"] != lang:
            return None
        panels = tuple(OverviewPanel(p["metric"], p["period"], rows(p["top"]), rows(p["bottom"]), p["sentence"])
                       for p in doc["panels"])
        view = OverviewView(doc["period"], panels, tuple(p.sentence for p in panels if p.sentence))
        return view, doc["label"], bool(doc["synthetic"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
