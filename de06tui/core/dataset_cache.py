"""A validated dataset kept on disk, so the next run over unchanged files skips validation.

The key covers everything the result depends on: each file's path, size and modification time,
the size limit, the kind of source, the metric definitions in use, the province registry's files,
the package version and a stamp of the reading code itself (a hash of the sources of
``de06tui.core``), so an upgrade that reads files differently never serves an older parse. Each
entry records the SHA-256 of its frame's bytes, and an entry whose bytes do not match is ignored
(and rewritten): a patched or damaged cache file is never shown as data. The frame is stored as
zstd-compressed Arrow IPC: the same reader as before, a tenth of the bytes or less to read and
checksum. A column of one value on every row (no counts, no flags in the files) is not stored but
named in the entry with its value, inside the checksum, and read back as that one value: ten
million stored nulls are neither written nor read. Only the most recently used entries are kept.
The cache is an optimisation, never a source of truth.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from de06tui import __version__
from de06tui.core.dataset import FILE, SCHEMA, Dataset, Provenance, load_paths
from de06tui.core.export import atomic_write
from de06tui.core.metrics import MetricCatalog, default_catalog
from de06tui.core.paths import cache_dir, data_dir
from de06tui.core.problems import Problem
from de06tui.core.readers import DEFAULT_MAX_BYTES, files_in
from de06tui.core.registry import ProvinceRegistry, default_registry

FORMAT = 4  # raised when the cached entry changes shape (2: categorical keys; 3: checksum, zstd; 4: constants)
KEEP = 8  # entries kept; older ones (least recently used) are removed after each write


@cache
def code_stamp() -> str:
    """A hash of the sources of the package that reads, checks and shapes the data.

    Every module of ``de06tui.core`` counts, not a hand-kept list a new reader could be left out
    of. About 250 kB of small files, read once per process and only when a cache key is made;
    without the sources (a frozen build) the package version alone stands for the code.
    """
    digest = hashlib.sha256()
    try:
        for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    except OSError:
        return "no-source"
    return digest.hexdigest()[:16]


def _stamp(path: Path) -> list[str | int]:
    st = path.stat()
    return [str(path.resolve()), st.st_size, st.st_mtime_ns]


def cache_key(paths: list[Path], catalog: MetricCatalog, max_bytes: int = DEFAULT_MAX_BYTES,
              kind: str = FILE) -> str | None:
    """None when a path is missing (then there is nothing worth caching)."""
    parts: list[Any] = [FORMAT, __version__, code_stamp(), kind, max_bytes]
    try:
        for path in paths:
            parts.append([_stamp(f) for f in files_in(path)] if path.is_dir() else _stamp(path))
        parts.append(sorted((m.id, m.source, m.low, m.high, m.columns) for m in catalog))
        parts.append([_stamp(Path(m.source)) for m in catalog if m.source])
        registry = data_dir() / "registry"
        parts.append([_stamp(f) for f in sorted(registry.iterdir())] if registry.is_dir() else None)
    except OSError:
        return None
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _files(key: str) -> tuple[Path, Path]:
    folder = cache_dir() / "datasets"
    return folder / f"{key}.arrow", folder / f"{key}.json"


def _read(key: str, kind: str, catalog: MetricCatalog, registry: ProvinceRegistry) -> Dataset | None:
    """The cached dataset, or None when there is no entry or it is damaged in any way."""
    data_file, meta_file = _files(key)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        data = data_file.read_bytes()
        constant = meta["constant"]
        if _checksum(data, constant) != meta["sha256"]:
            return None
        frame = pl.read_ipc(io.BytesIO(data))
        if constant:
            frame = frame.with_columns(pl.lit(v, SCHEMA[c]).alias(c) for c, v in constant.items()
                                       ).select(meta["columns"])
        prov = meta["provenance"]
        provenance = Provenance(kind, tuple(prov["sources"]), prov["synthetic"], datetime.now(UTC),
                                prov["generated_at"], prov["note"])
        ds = Dataset(frame, provenance, [Problem(**p) for p in meta["problems"]], catalog, registry,
                     tuple(meta["rejected"]))
        os.utime(meta_file)  # recently used: kept by the eviction
        return ds
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return None


def _write(key: str, ds: Dataset) -> None:
    data_file, meta_file = _files(key)
    buf = io.BytesIO()
    constant = _constant_columns(ds.frame)
    ds.frame.drop(list(constant)).write_ipc(buf, compression="zstd")
    data = buf.getvalue()
    prov = asdict(ds.provenance)
    meta = {"provenance": {k: prov[k] for k in ("sources", "synthetic", "generated_at", "note")},
            "problems": [asdict(p) for p in ds.problems], "rejected": list(ds.rejected),
            "constant": constant, "columns": ds.frame.columns, "sha256": _checksum(data, constant)}
    atomic_write(data_file, data)
    atomic_write(meta_file, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    _evict(meta_file.parent)


def _checksum(data: bytes, constant: dict[str, bool | None]) -> str:
    return hashlib.sha256(data + json.dumps(constant, sort_keys=True).encode()).hexdigest()


def _constant_columns(frame: pl.DataFrame) -> dict[str, bool | None]:
    """Columns of the canonical schema that hold one value on every row: all null, or a flag
    that is all false (or all true)."""
    out: dict[str, bool | None] = {}
    if frame.height == 0:
        return out
    for c, dtype in frame.schema.items():
        if c not in SCHEMA or c in ("period", "province", "metric"):
            continue
        nulls = frame.select(pl.col(c).null_count()).item()
        if nulls == frame.height:
            out[c] = None
        elif nulls == 0 and dtype == pl.Boolean:
            every, some = frame.select(pl.col(c).all().alias("every"), pl.col(c).any().alias("some")).row(0)
            if every == some:
                out[c] = bool(every)
    return out


def _evict(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` most recently used entries."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for meta in entries[keep:]:
        meta.with_suffix(".arrow").unlink(missing_ok=True)
        meta.unlink(missing_ok=True)


def load_paths_cached(paths: Sequence[Path | str], kind: str = FILE,
                      max_bytes: int = DEFAULT_MAX_BYTES, sheet: str | None = None) -> Dataset:
    """``load_paths`` with the shipped registry and the user's metric definitions, cached."""
    files = [Path(p) for p in paths]
    if sheet is not None:  # a chosen sheet is not part of the cache key: read afresh
        return load_paths(paths, kind=kind, max_bytes=max_bytes, sheet=sheet)
    catalog, registry = default_catalog(), default_registry()
    key = cache_key(files, catalog, max_bytes, kind)
    if key is None:
        return load_paths(paths, kind=kind, max_bytes=max_bytes)
    cached = _read(key, kind, catalog, registry)
    if cached is not None:
        return cached
    ds = load_paths(paths, kind=kind, max_bytes=max_bytes)
    try:
        _write(key, ds)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return ds
