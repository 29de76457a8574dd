"""The snapshot store on disk.

Layout under the root (default: the user data folder's ``history``)::

    index.parquet                                   one row per snapshot (SnapshotInfo)
    snapshots/source=<source>/period=<period>/<id>.parquet

A snapshot is written data file first, index last, each through a unique temporary file that is
flushed to disk and renamed over; readers trust only the index. A writer killed halfway leaves at
most a data file the index does not name, which the next writer removes: it is never seen.
Writers take a lock file, so a scheduled fetch and the app can record at the same time.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

import polars as pl

from de06tui.core.export import atomic_write
from de06tui.history.snapshot import COLUMNS, INDEX_SCHEMA, SnapshotInfo

RECORDED, UNCHANGED = "recorded", "unchanged"


class StoreError(Exception):
    """The store cannot be read or written; the message names the file."""


@dataclass(frozen=True)
class Appended:
    outcome: str  # RECORDED or UNCHANGED
    info: SnapshotInfo


def default_root() -> Path:
    from de06tui.core.paths import history_dir

    return history_dir()


class Store:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.index_path = self.root / "index.parquet"

    # -- reading ---------------------------------------------------------------------------------
    def index(self) -> pl.DataFrame:
        """Every snapshot's description, oldest fetch first."""
        if not self.index_path.exists():
            return pl.DataFrame(schema=INDEX_SCHEMA)
        try:
            frame = pl.read_parquet(self.index_path)
        except Exception as exc:  # a damaged index is named, never a traceback
            raise StoreError(f"{self.index_path}: cannot read the history index: {str(exc)[:160]}") from None
        return frame.select(list(INDEX_SCHEMA)).sort("fetched_utc", maintain_order=True)

    def snapshots(self, source: str | None = None, period: str | None = None,
                  period_type: str | None = None) -> list[SnapshotInfo]:
        """Snapshots, oldest first, of one source and period when given."""
        frame = self.index()
        for col, want in (("source", source), ("period", period), ("period_type", period_type)):
            if want is not None:
                frame = frame.filter(pl.col(col) == want)
        return [SnapshotInfo(**row) for row in frame.iter_rows(named=True)]

    def get(self, snapshot_id: str) -> SnapshotInfo | None:
        """A snapshot by id, or by a unique beginning of its id."""
        found = [s for s in self.snapshots() if s.id == snapshot_id]
        found = found or [s for s in self.snapshots() if s.id.startswith(snapshot_id)]
        return found[0] if len(found) == 1 else None

    def rows(self, info: SnapshotInfo) -> pl.DataFrame:
        """A snapshot's rows (unit, metric, value, numerator, denominator, flag)."""
        path = self.root / info.path
        try:
            return pl.read_parquet(path).select(list(COLUMNS))
        except Exception as exc:
            raise StoreError(f"{path}: cannot read snapshot {info.id}: {str(exc)[:160]}") from None

    def of_day(self, source: str, period: str, period_type: str, day: date) -> SnapshotInfo | None:
        """The snapshot standing for a day: its last complete one; only without one, its last partial."""
        same = [s for s in self.snapshots(source, period, period_type) if s.vn_date == day.isoformat()]
        complete = [s for s in same if s.complete]
        standing = complete or same
        return standing[-1] if standing else None

    def previous_day(self, info: SnapshotInfo) -> SnapshotInfo | None:
        """The snapshot of the Vietnam date before ``info``'s, same source, period and period type;
        never an older or a different one."""
        return self.of_day(info.source, info.period, info.period_type, info.day - timedelta(days=1))

    def recorded_complete(self, source: str, period: str) -> SnapshotInfo | None:
        """The latest complete snapshot of a source and period (a backfill skips such a period)."""
        done = [s for s in self.snapshots(source, period) if s.complete]
        return done[-1] if done else None

    # -- writing ---------------------------------------------------------------------------------
    def append(self, info: SnapshotInfo, rows: pl.DataFrame) -> Appended:
        """Keep a snapshot. The same figures already recorded that day for that source and period
        are not kept twice. A partial one is kept beside a complete one, never over it."""
        with self._locked():
            index = self.index()
            same = index.filter((pl.col("source") == info.source) & (pl.col("period") == info.period)
                                & (pl.col("vn_date") == info.vn_date) & (pl.col("checksum") == info.checksum))
            if same.height:
                return Appended(UNCHANGED, SnapshotInfo(**same.row(-1, named=True)))
            self._sweep(index)
            buf = io.BytesIO()
            rows.select([pl.col(c).cast(t) for c, t in COLUMNS.items()]).write_parquet(
                buf, compression="zstd", compression_level=10, statistics=False)
            atomic_write(self.root / info.path, buf.getvalue())
            _sync_folder(self.root / info.path)
            self._write_index(pl.concat([index, pl.DataFrame([info.as_row()], schema=INDEX_SCHEMA)]))
            return Appended(RECORDED, info)

    def remove(self, ids: set[str]) -> int:
        """Drop snapshots: out of the index first, then their files."""
        with self._locked():
            index = self.index()
            gone = index.filter(pl.col("id").is_in(list(ids)))
            if not gone.height:
                return 0
            self._write_index(index.filter(~pl.col("id").is_in(list(ids))))
            for path in gone["path"]:
                (self.root / path).unlink(missing_ok=True)
            return gone.height

    def _write_index(self, frame: pl.DataFrame) -> None:
        buf = io.BytesIO()
        frame.write_parquet(buf, compression="zstd")
        atomic_write(self.index_path, buf.getvalue())
        _sync_folder(self.index_path)

    def _sweep(self, index: pl.DataFrame) -> None:
        """Remove what killed writers left: data files the index does not name, temporary files."""
        folder = self.root / "snapshots"
        if not folder.is_dir():
            return
        named = set(index["path"].to_list())
        for path in folder.rglob("*"):
            if path.is_file() and path.relative_to(self.root).as_posix() not in named:
                path.unlink(missing_ok=True)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as fh:
            _lock(fh)
            try:
                yield
            finally:
                _unlock(fh)


def _lock(fh: IO[bytes]) -> None:
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        return
    import msvcrt

    fh.seek(0)
    while True:
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            return
        except OSError:  # LK_LOCK gives up after ten seconds; keep waiting
            continue


def _unlock(fh: IO[bytes]) -> None:
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        return
    import msvcrt

    fh.seek(0)
    msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)


def _sync_folder(path: Path) -> None:
    """Make a rename durable: the folder entry itself is flushed (POSIX only; Windows cannot)."""
    if os.name == "nt":
        return
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune_plan(snapshots: list[SnapshotInfo], keep_days: int, today: date) -> set[str]:
    """Ids to drop: of each day older than ``keep_days``, all but the snapshot standing for the day
    (its last complete one, else its last), per source, period and period type."""
    cutoff = today - timedelta(days=keep_days)
    keep: dict[tuple[Any, ...], SnapshotInfo] = {}
    old = [s for s in snapshots if s.day < cutoff]
    for s in old:  # oldest first: a later one of the same kind wins
        key = (s.source, s.period, s.period_type, s.vn_date)
        held = keep.get(key)
        if held is None or s.complete or not held.complete:
            keep[key] = s
    kept = {s.id for s in keep.values()}
    return {s.id for s in old if s.id not in kept}
