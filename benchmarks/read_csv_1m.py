"""Reading and validating a 1M-row CSV, against polars reading the same bytes (a paired ratio).

Usage: python benchmarks/read_csv_1m.py [--rows 1000000] [--runs 3] [--decimal-comma]
Run it with PYTHONPATH pointing at another checkout to compare two versions of the readers.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import polars as pl


def catalog(n_metrics: int):
    from de06tui.core.metrics import MetricCatalog, MetricDef

    return MetricCatalog([MetricDef(f"m{i:02d}", f"m{i:02d}", f"m{i:02d}", "m", "m", unit="%", low=0,
                                    high=100, columns=(f"m{i:02d}",)) for i in range(n_metrics)])


def write_csv(path: Path, rows: int, decimal_comma: bool) -> int:
    """Long rows on the 63 registry: months × 63 provinces × enough metrics; returns the metrics."""
    from de06tui.core.registry import default_registry

    codes = [p.code for p in default_registry().provinces(63)]
    months = [f"{y}-{m:02d}" for y in range(2000, 2026) for m in range(1, 13)][:306]
    n_metrics = -(-rows // (len(codes) * len(months)))
    frame = pl.DataFrame({"period": months}).join(
        pl.DataFrame({"metric": [f"m{i:02d}" for i in range(n_metrics)]}), how="cross").join(
        pl.DataFrame({"province": codes}), how="cross").head(rows)
    value = ((pl.int_range(0, pl.len()) * 7919) % 10000 / 100).cast(pl.Utf8)
    if decimal_comma:
        value = value.str.replace(".", ",", literal=True)
    frame.with_columns(value.alias("value")).write_csv(path, separator=";" if decimal_comma else ",")
    return n_metrics


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--decimal-comma", action="store_true")
    args = ap.parse_args()
    from de06tui.core.dataset import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        metrics = catalog(write_csv(path, args.rows, args.decimal_comma))
        sep = ";" if args.decimal_comma else ","
        ours, ref = [], []
        for _ in range(args.runs):
            ref.append(timed(lambda: pl.read_csv(path.read_bytes(), separator=sep, infer_schema=False)))
            ours.append(timed(lambda: load_paths([path], catalog=metrics)))
        ds = load_paths([path], catalog=metrics)
        assert not ds.errors, ds.errors[:3]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        o, r = statistics.median(ours), statistics.median(ref)
        print(f"{args.rows:,} rows, {path.stat().st_size / 1e6:.0f} MB: load_paths {o:.2f} s, "
              f"polars read_csv {r:.2f} s, ratio {o / r:.2f}x, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
