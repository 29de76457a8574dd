"""A validated dataset kept on disk, so the next run over unchanged files skips validation.

The key covers everything validation depends on: each file's path, size and modification time,
the metric definitions in use, and the version of this code. A cache entry that cannot be read
is ignored (and rewritten); the cache is an optimisation, never a source of truth.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from de06tui import __version__
from de06tui.core.dataset import FILE, Dataset, Provenance, load_paths
from de06tui.core.export import atomic_write
from de06tui.core.metrics import default_catalog
from de06tui.core.paths import cache_dir
from de06tui.core.problems import Problem
from de06tui.core.readers import DEFAULT_MAX_BYTES, files_in
from de06tui.core.registry import default_registry

FORMAT = 2  # raised when the cached frame changes shape (2: categorical keys)


def _stamp(path: Path) -> list:
    st = path.stat()
    return [str(path.resolve()), st.st_size, st.st_mtime_ns]


def cache_key(paths: list[Path], catalog) -> str | None:
    """None when a path is missing (then there is nothing worth caching)."""
    parts: list = [FORMAT, __version__]
    try:
        for path in paths:
            parts.append([_stamp(f) for f in files_in(path)] if path.is_dir() else _stamp(path))
        parts.append(sorted((m.id, m.source, m.low, m.high, m.columns) for m in catalog))
        parts.append([_stamp(Path(m.source)) for m in catalog if m.source])
    except OSError:
        return None
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _files(key: str) -> tuple[Path, Path]:
    folder = cache_dir() / "datasets"
    return folder / f"{key}.arrow", folder / f"{key}.json"


def load_paths_cached(paths: list[Path | str], kind: str = FILE,
                      max_bytes: int = DEFAULT_MAX_BYTES, sheet: str | None = None) -> Dataset:
    """``load_paths`` with the shipped registry and the user's metric definitions, cached."""
    paths = [Path(p) for p in paths]
    if sheet is not None:  # a chosen sheet is not part of the cache key: read afresh
        return load_paths(paths, kind=kind, max_bytes=max_bytes, sheet=sheet)
    catalog, registry = default_catalog(), default_registry()
    key = cache_key(paths, catalog)
    if key is None:
        return load_paths(paths, kind=kind, max_bytes=max_bytes)
    data_file, meta_file = _files(key)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        frame = pl.read_ipc(io.BytesIO(data_file.read_bytes()))
        prov = meta["provenance"]
        provenance = Provenance(kind, tuple(prov["sources"]), prov["synthetic"], datetime.now(timezone.utc),
                                prov["generated_at"], prov["note"])
        return Dataset(frame, provenance, [Problem(**p) for p in meta["problems"]], catalog, registry,
                       tuple(meta["rejected"]))
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        pass  # no entry yet, or a damaged one: validate and write it afresh
    ds = load_paths(paths, kind=kind, max_bytes=max_bytes)
    try:
        buf = io.BytesIO()
        ds.frame.write_ipc(buf)
        prov = asdict(ds.provenance)
        meta = {"provenance": {k: prov[k] for k in ("sources", "synthetic", "generated_at", "note")},
                "problems": [asdict(p) for p in ds.problems], "rejected": list(ds.rejected)}
        atomic_write(data_file, buf.getvalue())
        atomic_write(meta_file, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only cache folder only costs speed
    return ds
