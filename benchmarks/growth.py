"""Growth: load, rank and history over 10k, 100k and 1M synthetic rows; time and peak memory.

Each size runs in a fresh process (peak RSS is per process), median of --repeat runs.
Goal: 1M rows from Parquet loaded and ranked in at most 0.5 s and 300 MB; cost no worse than linear.
Usage: python benchmarks/growth.py [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = (10_000, 100_000, 1_000_000)
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import polars as pl
from de06tui.core.dataset import load_paths
from de06tui.core.metrics import MetricCatalog, MetricDef
from de06tui.core.ranking import history, leaderboard
n_metrics = int(sys.argv[2])
cat = MetricCatalog([MetricDef(id=f"m{i:02d}", title_vi="m", title_en="m", short_vi="m", short_en="m",
                               unit="%", low=0, high=100, columns=(f"m{i:02d}",)) for i in range(n_metrics)])
t1 = time.perf_counter()
ds = load_paths([Path(sys.argv[1])], catalog=cat)
t2 = time.perf_counter()
board = leaderboard(ds, "m00", ds.latest_period("m00"))
t3 = time.perf_counter()
hist = history(ds, "m00", "01", era=63)
t4 = time.perf_counter()
assert not ds.errors, ds.errors[:3]
print(json.dumps({"rows": ds.frame.height, "load": t2 - t1, "rank": t3 - t2, "history": t4 - t3,
                  "load_rank": t3 - t1, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
PANDAS = r"""
import sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"province": str})
df = df.sort_values(["period", "metric", "value"])
print(time.perf_counter() - t)
"""


def make(rows: int, folder: Path) -> tuple[Path, Path, int]:
    """Synthetic long rows on the 63 registry: months × 63 provinces × enough metrics."""
    import polars as pl

    from de06tui.core.registry import default_registry

    codes = [p.code for p in default_registry().provinces(63)]
    months = [f"{y}-{m:02d}" for y in range(2001, 2025) for m in range(1, 13)]
    n_metrics = max(1, -(-rows // (len(codes) * len(months))))
    per = len(codes) * n_metrics
    n_months = -(-rows // per)
    frame = pl.DataFrame({"period": months[:n_months]}).join(
        pl.DataFrame({"metric": [f"m{i:02d}" for i in range(n_metrics)]}), how="cross").join(
        pl.DataFrame({"province": codes}), how="cross").head(rows)
    frame = frame.with_columns(((pl.int_range(pl.len()) * 7919 % 10000) / 100).alias("value"))
    pq, csv = folder / f"rows_{rows}.parquet", folder / f"rows_{rows}.csv"
    frame.write_parquet(pq)
    frame.write_csv(csv)
    return pq, csv, n_metrics


def run_child(code: str, *args: str) -> str:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def measure(repeat: int) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            pq, csv, n_metrics = make(size, Path(tmp))
            runs = [json.loads(run_child(CHILD, str(pq), str(n_metrics))) for _ in range(repeat)]
            row = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            try:
                pandas = statistics.median(float(run_child(PANDAS, str(csv))) for _ in range(repeat))
                ours_csv = statistics.median(json.loads(run_child(CHILD, str(csv), str(n_metrics)))["load_rank"]
                                             for _ in range(repeat))
                row["csv_vs_pandas"] = ours_csv / pandas
            except subprocess.CalledProcessError:
                row["csv_vs_pandas"] = None  # pandas not installed
            row["size"] = size
            results.append(row)
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = measure(args.repeat)
    if args.json:
        print(json.dumps(results))
        return 0
    for r in results:
        ratio = "–" if r["csv_vs_pandas"] is None else f"{r['csv_vs_pandas']:.2f}×"
        print(f"{r['size']:>9,} rows  load {r['load']:.3f}s  rank {r['rank'] * 1000:.1f}ms  "
              f"history {r['history'] * 1000:.1f}ms  peak {r['peak_mb']:.0f}MB  csv/pandas {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
