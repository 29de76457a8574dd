"""Where the app's data comes from: anything with a ``label`` and a blocking ``load()``.

The app calls ``load()`` in a worker thread, so a source may read files or the network. The
feed client plugs in here (an object with the same two members, and optionally
``refresh_minutes`` for periodic reloads); nothing else in the TUI needs to know about it.
Polars is imported inside ``load()`` so that it stays off the path to the first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.feeds import FeedResult


class DataSource(Protocol):
    label: str

    def load(self) -> Dataset: ...


class SampleSource:
    """The shipped synthetic sample."""

    label = "sample"
    refresh_minutes: float | None = None

    def load(self) -> Dataset:
        from de06tui.core.dataset import load_sample

        return load_sample()


class PathsSource:
    """Files and folders given with ``--data``."""

    refresh_minutes: float | None = None

    def __init__(self, paths: list[Path | str], max_bytes: int | None = None, sheet: str | None = None):
        self.paths = [Path(p) for p in paths]
        self.label = ", ".join(p.name for p in self.paths)
        self.max_bytes = max_bytes
        self.sheet = sheet  # a workbook sheet's name or 1-based number, for every workbook

    def load(self) -> Dataset:
        from de06tui.core.dataset_cache import load_paths_cached
        from de06tui.core.readers import DEFAULT_MAX_BYTES

        return load_paths_cached(self.paths, max_bytes=self.max_bytes or DEFAULT_MAX_BYTES, sheet=self.sheet)


class DatasetSource:
    """An already built dataset (tests, embedding)."""

    refresh_minutes: float | None = None

    def __init__(self, dataset: Dataset, label: str = "dataset"):
        self.dataset = dataset
        self.label = label

    def load(self) -> Dataset:
        return self.dataset


class CallableSource:
    """A plain function returning a Dataset, e.g. a feed fetch."""

    def __init__(self, func, label: str, refresh_minutes: float | None = None):
        self.func = func
        self.label = label
        self.refresh_minutes = refresh_minutes

    def load(self) -> Dataset:
        return self.func()


def source_for(paths: list[Path | str] | None, max_bytes: int | None = None,
               sheet: str | None = None) -> DataSource:
    return PathsSource(paths, max_bytes, sheet) if paths else SampleSource()


class FeedSource:
    """A remote feed (a published file URL, or the national portal).

    ``cached()`` gives the last good snapshot at once; ``load()`` fetches, validates and only then
    replaces the cache, and raises (keeping the old data on screen) when the answer is not usable.
    The app sets ``on_progress`` and ``on_retry`` to show "12 / 34 provinces" and "retry 1/3".
    """

    def __init__(self, spec: str, config, period: str | None = None):
        import threading

        self.spec = spec
        self.config = config
        self.period = period
        self.refresh_minutes = config.refresh_minutes
        self.label = "dvcqg" if spec == "dvcqg" else _short_url(spec)
        self.on_progress = None
        self.on_retry = None
        self._cancel = threading.Event()
        self.last_warnings: list[str] = []
        # the answer shown, recorded and kept as the cache once painted
        self._unkept: tuple[Dataset, FeedResult] | None = None

    def cached(self) -> Dataset | None:
        from de06tui.feeds import load_cached

        ds, _why = load_cached(self.spec, self.config)
        return ds

    def stop(self) -> None:
        """Abandon a refresh under way (a newer one replaces it)."""
        self._cancel.set()

    def load(self) -> Dataset:
        import threading

        from de06tui.feeds import refresh

        self._cancel = cancel = threading.Event()
        ds, result = refresh(self.spec, self.config, period=self.period, cancel=cancel, keep_now=False,
                             record_now=False, progress=self.on_progress, on_retry=self.on_retry)
        self.last_warnings = list(result.warnings)
        self._unkept = (ds, result)
        return ds

    def after_load(self) -> list[str]:
        """Once the answer is on its way to the screen: record it in the history, then keep it as
        the cached snapshot (the cache is a head start, the history a record). Returns what the
        history could not keep, to be said."""
        from de06tui.feeds import keep, record

        unkept, self._unkept = self._unkept, None
        if unkept is None:
            return []
        ds, result = unkept
        said = len(result.warnings)
        record(ds, result)
        keep(result, self.config)
        return result.warnings[said:]


def _short_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}"[:60]
