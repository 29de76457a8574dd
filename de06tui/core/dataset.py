"""The validated dataset: canonical rows from every source, their provenance and problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from de06tui.core import periods as P
from de06tui.core.keys import in_order, key_changes
from de06tui.core.metrics import MetricCatalog, MetricDef, default_catalog
from de06tui.core.paths import sample_path
from de06tui.core.problems import ERROR, WARNING, DataError, Problem
from de06tui.core.readers import (
    DEFAULT_MAX_BYTES,
    RawTable,
    ReadError,
    files_in,
    read_bytes,
    read_path,
    table_from_json,
)
from de06tui.core.registry import ProvinceRegistry, default_registry
from de06tui.core.text import clean
from de06tui.core.validate import SCHEMA, Validator, empty_frame

SAMPLE, FILE, FEED = "sample", "file", "feed"


@dataclass(frozen=True)
class Provenance:
    """Where the data came from, and whether it is synthetic."""

    kind: str  # sample | file | feed
    sources: tuple[str, ...]
    synthetic: bool
    loaded_at: datetime
    generated_at: str | None = None
    note: str | None = None  # what the source says of itself

    def __post_init__(self) -> None:
        # The boundary for labels: file names, URLs and a feed's own words are cleaned once here,
        # so every header, source line, export note and CLI line shows them as plain text.
        object.__setattr__(self, "sources", tuple(clean(s) for s in self.sources))
        for name in ("generated_at", "note"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, clean(getattr(self, name)))

    @property
    def label(self) -> str:
        if not self.sources:
            return "(no data)"
        first = Path(self.sources[0]).name if self.kind != FEED else self.sources[0]
        more = f" +{len(self.sources) - 1}" if len(self.sources) > 1 else ""
        return f"{first}{more}"


@dataclass
class Dataset:
    frame: pl.DataFrame
    provenance: Provenance
    problems: list[Problem] = field(default_factory=list)
    catalog: MetricCatalog = field(default_factory=default_catalog)
    registry: ProvinceRegistry = field(default_factory=default_registry)
    rejected: tuple[str, ...] = ()

    # -- questions views ask ---------------------------------------------------------
    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def is_empty(self) -> bool:
        return self.frame.height == 0

    def periods(self, metric: str | None = None, kind: str | None = None) -> list[str]:
        f = self.frame if metric is None else self.frame.filter(pl.col("metric") == metric)
        ps = f["period"].unique().to_list()
        if kind:
            ps = [p for p in ps if P.kind(p) == kind]
        return sorted(ps, key=P.sort_key)

    def metrics(self) -> list[MetricDef]:
        present = set(self.frame["metric"].unique().to_list())
        return [m for m in self.catalog if m.id in present]

    def latest_period(self, metric: str | None = None) -> str | None:
        """The latest month with data, else the latest quarter, else the latest year."""
        for k in (P.MONTH, P.QUARTER, P.YEAR):
            ps = self.periods(metric, k)
            if ps:
                return ps[-1]
        return None

    def neighbour_period(self, period: str, step: int, metric: str | None = None) -> str | None:
        """The period ``step`` places away among the data's periods of the same kind."""
        ps = self.periods(metric, P.kind(period))
        if period not in ps:
            return ps[-1] if ps else None
        i = ps.index(period) + step
        return ps[i] if 0 <= i < len(ps) else None

    def province_name(self, code: str, era: int) -> str:
        return self.registry.name(code, era)

    def with_frame(self, frame: pl.DataFrame) -> Dataset:
        return Dataset(frame, self.provenance, self.problems, self.catalog, self.registry, self.rejected)


# -- loading -----------------------------------------------------------------------------
def _validate(tables: list[RawTable], problems: list[Problem], catalog: MetricCatalog,
              registry: ProvinceRegistry) -> tuple[pl.DataFrame, list[str], list[RawTable]]:
    validator = Validator(catalog, registry)
    frames: list[pl.DataFrame] = []
    rejected: list[str] = []
    accepted: list[RawTable] = []
    for table in tables:
        rows, found = validator.run(table)
        problems.extend(found)
        if any(p.is_error for p in found):
            rejected.append(table.name)
            continue
        # A later source repeating a (period, province, metric) replaces the earlier one.
        if frames:
            # The registry is part of the key: a month restated on the 34 is not the 63's month.
            keys = ["period", "province", "metric", "era"]
            seen = pl.concat(frames).select(keys)
            overlap = rows.join(seen, on=keys, how="semi")
            if overlap.height:
                problems.append(Problem(WARNING, f"{overlap.height} values also given by an earlier "
                                        "file; this file's values are used", file=table.name))
                frames = [f.join(overlap.select(keys), on=keys, how="anti") for f in frames]
        frames.append(rows)
        accepted.append(table)
    if not frames:
        return empty_frame(), rejected, accepted
    # Each file's rows come in the dataset's order; only several files need sorting together.
    frame = frames[0] if len(frames) == 1 else in_order(pl.concat(frames))
    return frame, rejected, accepted


def missing_warnings(frame: pl.DataFrame, registry: ProvinceRegistry, source: str | None) -> list[Problem]:
    """A province absent from a period and metric is loaded, and said."""
    out: list[Problem] = []
    # In the dataset's order the rows of one period and metric lie together: runs of them are found
    # with a comparison per row, where grouping a million rows would take far more memory. Out of
    # order a group spans several runs, and adding up its runs still counts it right.
    starts = key_changes(frame, ("period", "metric"))
    runs = frame.select("period", "metric", "era")[starts].with_columns(
        (starts.shift(-1).fill_null(frame.height) - starts).alias("n"))
    # Count first (era 63 has 63 provinces); lists of provinces only for the groups short of them.
    short = runs.select(
        pl.col("n").sum().over("period", "metric") < pl.col("era").cast(pl.UInt32)).to_series()
    if short.any():  # the rows of the short runs only, by their ranges: no mask over every row
        spans = runs.select(starts.filter(short).alias("start"), pl.col("n").filter(short))
        rows = spans.select(pl.int_ranges("start", pl.col("start") + pl.col("n"), dtype=pl.UInt32))
        groups = frame.select("period", "metric", "era", "province")[rows.to_series().explode()].group_by(
            "period", "metric", "era").agg(pl.col("province"))
    else:
        groups = runs.clear()
    for period, metric, era, present in sorted(groups.iter_rows(), key=lambda r: (P.sort_key(r[0]), r[1])):
        want = {p.code for p in registry.provinces(era)}
        missing = sorted(want - set(present))
        if missing and len(missing) < len(want):
            names = ", ".join(registry.name(c, era) for c in missing[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            out.append(Problem(WARNING, f"{len(missing)} of {len(want)} provinces have no {metric} "
                               f"in {period}: {names}{more}", file=source, column=metric))
    return out


def _finish(frame: pl.DataFrame, problems: list[Problem], kind: str, sources: list[str],
            tables: list[RawTable], rejected: list[str], catalog: MetricCatalog,
            registry: ProvinceRegistry, synthetic: bool | None = None) -> Dataset:
    problems.extend(missing_warnings(frame, registry, sources[0] if len(sources) == 1 else None))
    synth = synthetic if synthetic is not None else any(t.synthetic for t in tables)
    note = next((t.source for t in tables if t.source), None)
    generated = next((t.generated_at for t in tables if t.generated_at), None)
    prov = Provenance(kind, tuple(sources), synth, datetime.now(UTC), generated, note)
    return Dataset(frame, prov, problems, catalog, registry, tuple(rejected))


def load_paths(paths: Sequence[Path | str], catalog: MetricCatalog | None = None,
               registry: ProvinceRegistry | None = None, kind: str = FILE,
               max_bytes: int = DEFAULT_MAX_BYTES, sheet: str | None = None) -> Dataset:
    """Load files and folders; a file with errors is rejected whole, the rest load.

    ``sheet`` (a name or a 1-based number) chooses the sheet of every workbook among them."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    problems: list[Problem] = list(catalog.problems)
    tables: list[RawTable] = []
    sources: list[str] = []
    for path in map(Path, paths):
        if not path.exists():
            problems.append(Problem(ERROR, "no such file or folder", file=str(path)))
            continue
        found = files_in(path)
        if path.is_dir() and not found:
            problems.append(Problem(ERROR, "folder holds no CSV, TSV, JSON, Parquet or XLSX file",
                                    file=str(path)))
        for f in found:
            sources.append(str(f))
            try:
                tables.append(read_path(f, max_bytes, sheet))
            except ReadError as exc:
                problems.append(exc.problem)
    frame, rejected, accepted = _validate(tables, problems, catalog, registry)
    rejected += [p.file for p in problems if p.is_error and p.file in sources and p.file not in rejected]
    return _finish(frame, problems, kind, sources, accepted, rejected, catalog, registry)


def load_bytes(data: bytes, name: str, kind: str = FEED, fmt: str | None = None,
               catalog: MetricCatalog | None = None, registry: ProvinceRegistry | None = None) -> Dataset:
    """A feed answer (any reader format) into a Dataset."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    problems: list[Problem] = []
    try:
        tables = [read_bytes(data, name, fmt)]
    except ReadError as exc:
        return _finish(empty_frame(), [exc.problem], kind, [name], [], [name], catalog, registry)
    frame, rejected, accepted = _validate(tables, problems, catalog, registry)
    return _finish(frame, problems, kind, [name], accepted, rejected, catalog, registry)


def dataset_from_records(records: list[dict[str, Any]], source: str, synthetic: bool = False, kind: str = FEED,
                         catalog: MetricCatalog | None = None,
                         registry: ProvinceRegistry | None = None) -> Dataset:
    """Feed records (dicts with period, province, metric, value …) into a Dataset."""
    catalog = catalog or default_catalog()
    registry = registry or default_registry()
    problems: list[Problem] = []
    try:
        table = table_from_json({"records": records, "synthetic": synthetic, "source": source}, source)
    except ReadError as exc:
        return _finish(empty_frame(), [exc.problem], kind, [source], [], [source], catalog, registry)
    frame, rejected, accepted = _validate([table], problems, catalog, registry)
    return _finish(frame, problems, kind, [source], accepted, rejected, catalog, registry, synthetic)


def load_sample(catalog: MetricCatalog | None = None) -> Dataset:
    """The shipped synthetic sample."""
    if catalog is None:
        from de06tui.core.dataset_cache import load_paths_cached

        ds = load_paths_cached([sample_path()], kind=SAMPLE)
    else:
        ds = load_paths([sample_path()], catalog=catalog, kind=SAMPLE)
    if ds.errors:
        raise DataError(ds.errors)
    return ds


def require_clean(ds: Dataset) -> Dataset:
    """Raise DataError when nothing usable loaded."""
    if ds.is_empty:
        raise DataError(ds.errors or [Problem(ERROR, "no data loaded")])
    return ds


__all__ = [
    "FEED",
    "FILE",
    "SAMPLE",
    "SCHEMA",
    "Dataset",
    "Provenance",
    "dataset_from_records",
    "load_bytes",
    "load_paths",
    "load_sample",
]


def changed_values(before: Dataset | None, after: Dataset) -> frozenset[tuple[str, str, str]]:
    """(period, province, metric) whose value is new or differs from ``before`` (for marking)."""
    if before is None or before.is_empty:
        return frozenset()
    keys = ["period", "province", "metric"]
    joined = after.frame.select(*keys, "value").join(
        before.frame.select(*keys, pl.col("value").alias("_before")), on=keys, how="left")
    diff = joined.filter(pl.col("_before").is_null() | ((pl.col("value") - pl.col("_before")).abs() > 1e-9))
    return frozenset(diff.select(keys).iter_rows())


def with_highlight(ds: Dataset, top: int | None, bottom: int | None) -> Dataset:
    """The dataset with every metric highlighting ``top`` and ``bottom`` provinces (the user's
    setting); None keeps each metric's own counts."""
    if top is None and bottom is None:
        return ds
    from dataclasses import replace

    metrics = [replace(m, top=m.top if top is None else top, bottom=m.bottom if bottom is None else bottom)
               for m in ds.catalog]
    return replace(ds, catalog=MetricCatalog(metrics, ds.catalog.problems))
