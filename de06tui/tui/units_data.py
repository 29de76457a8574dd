"""Where the app's departments and communes come from, per source, loaded off the UI thread.

A feed on the national portal (``dvcqg``) is asked for the province's units; ``--data`` files are
read for unit rows; the shipped sample carries the portal's recorded Gia Lai communes (real
figures, two snapshots). The worker is given a ``UnitRequest`` and answers with one message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from textual.message import Message

from de06tui.core.text import clean

# The sample's unit figures: the portal's own answers, recorded (not synthetic).
SAMPLE_FILES = ("communes_GiaLai_09102026.json", "communes_GiaLai_10102026.json")
# The shipped units' source, named in the app's language where it is shown (``source_label``).
SAMPLE_LABEL = "dichvucong.gov.vn, recorded 09–10/10/2026"


def source_label(label: str, lang: str) -> str:
    """A units source's name as shown: the shipped recording in the app's language, else as given."""
    from de06tui.tui.i18n import t

    return t("u_sample_source", lang) if label == SAMPLE_LABEL else label


@dataclass(frozen=True)
class UnitRequest:
    kind: str  # feed | files | sample | none
    province: str | None  # registry code; None: every province
    period: str | None
    config: Any = None  # the feed's Config
    paths: tuple[Path, ...] = ()
    generation: int = 0


class UnitsLoaded(Message):
    def __init__(self, request: UnitRequest, units: Any, clusters: dict[str, tuple[str, ...]],
                 label: str) -> None:
        super().__init__()
        self.request = request
        self.units = units
        self.clusters = clusters
        self.label = label


class UnitsFailed(Message):
    def __init__(self, request: UnitRequest, reason: str) -> None:
        super().__init__()
        self.request = request
        self.reason = reason


def request_for(source: object, province: str | None, period: str | None, generation: int) -> UnitRequest:
    """What to ask for, from the app's source (read on the UI thread, handed to the worker)."""
    from de06tui.tui.sources import FeedSource, PathsSource, SampleSource

    if isinstance(source, FeedSource):
        kind = "feed" if source.spec == "dvcqg" else "none"
        year = (source.period or period or "")[:4] or None
        return UnitRequest(kind, province, year, source.config, generation=generation)
    if isinstance(source, PathsSource):
        return UnitRequest("files", province, None, paths=tuple(source.paths), generation=generation)
    if isinstance(source, SampleSource):
        return UnitRequest("sample", province, None, generation=generation)
    return UnitRequest("none", province, None, generation=generation)


def _clusters(config: Any) -> dict[str, tuple[str, ...]]:
    if config is None:
        from de06tui.config import ConfigError, load_config

        try:
            config = load_config()
        except (ConfigError, OSError, ValueError):
            return {}  # the app already said what is wrong with the config at start-up
    return {clean(k): tuple(v) for k, v in dict(getattr(config, "clusters", {}) or {}).items()}


def _load(req: UnitRequest):
    from de06tui.core.paths import data_dir
    from de06tui.core.unit_files import load_unit_paths
    from de06tui.core.units import UnitSet, unit_frame

    if req.kind == "feed":
        from datetime import datetime

        from de06tui.feeds.dvcqg import fetch_unit_set

        period = req.period or str(datetime.now(UTC).year)
        return fetch_unit_set(req.config, period, req.province), req.config.dvcqg_base_url
    if req.kind == "files":
        units = load_unit_paths(list(req.paths), province=req.province)
        return units, ", ".join(p.name for p in req.paths)
    if req.kind == "sample":
        folder = data_dir() / "units" / "figures"
        return load_unit_paths([folder / f for f in SAMPLE_FILES]), SAMPLE_LABEL
    from de06tui.core.units import UnitRegistry

    return UnitSet(unit_frame([]), UnitRegistry()), ""


def run_unit_load(req: UnitRequest, post: Callable[[Message], object]) -> None:
    """Load, then post one message: the units, or a located reason (never a traceback)."""
    try:
        units, label = _load(req)
        clusters = _clusters(req.config)
    except Exception as exc:  # any failure of a source is said, and the last good units stay
        post(UnitsFailed(req, clean(str(exc) or type(exc).__name__)[:240]))
        return
    post(UnitsLoaded(req, units, clusters, label))
