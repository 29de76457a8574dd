"""Store growth: a year of daily snapshots in the history store; disk use and time to open.

Writes 365 daily year-to-date snapshots of the 34 provinces (7 group and total scores and two
rates with counts, as the portal gives them) and, with --communes, 365 of 3,321 communes × 7
metrics, through the store's own append. Values are random to two decimals (no help to the
compressor), a third of them moving each day.
Goal: at most 50 MB for a year of provinces and communes together. Opening the store (reading the
index and the latest snapshot) is timed in fresh processes against a bare ``import polars``.
Usage: python benchmarks/store_growth.py [--communes] [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCE_METRICS = ("total_score", "transparency_score", "progress_score", "online_service_score",
                    "online_payment_score", "satisfaction_score", "digitisation_score",
                    "sync_to_portal_rate", "online_submission_rate")
OPEN = r"""
import sys, time
t = time.perf_counter()
import polars as pl
if sys.argv[1] == "store":
    from de06tui.history.store import Store
    store = Store(sys.argv[2])
    snaps = store.snapshots(sys.argv[3], "2026")
    rows = store.rows(snaps[-1])
print(time.perf_counter() - t)
"""


def year_of_snapshots(root: Path, source: str, units: list[str], metrics: tuple[str, ...],
                      counted: set[str]) -> dict:
    import polars as pl

    from de06tui.history.snapshot import describe
    from de06tui.history.store import Store

    rng = random.Random(766)
    store = Store(root)
    keys = [(u, m) for u in units for m in metrics]
    values = [round(rng.uniform(0, 100), 2) for _ in keys]
    counts = [rng.randint(1_000, 900_000) if m in counted else None for _, m in keys]
    start, spent = datetime(2026, 1, 1, 0, 30, tzinfo=UTC), []
    for day in range(365):
        for i in rng.sample(range(len(keys)), len(keys) // 3):
            values[i] = round(min(100.0, max(0.0, values[i] + rng.uniform(-0.5, 0.5))), 2)
        rows = pl.DataFrame({"unit": [u for u, _ in keys], "metric": [m for _, m in keys], "value": values,
                             "numerator": [None if c is None else float(c) for c in counts],
                             "denominator": [None if c is None else float(c) * 1.05 for c in counts],
                             "flag": [None] * len(keys)}, schema_overrides={"flag": pl.Utf8})
        info = describe(rows, source=source, source_label=source, period="2026",
                        fetched=start + timedelta(days=day), expected_units=set(units))
        t = time.perf_counter()
        store.append(info, rows)
        spent.append(time.perf_counter() - t)
    files = [p for p in root.rglob("*") if p.is_file() and f"source={source}" in p.as_posix()]
    return {"rows": len(keys), "files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "append_ms": 1000 * statistics.median(spent)}


def open_time(args: list[str], repeat: int) -> float:
    runs = [float(subprocess.run([sys.executable, "-c", OPEN, *args], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout) for _ in range(repeat)]
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", action="store_true", help="also a year of 3,321 communes × 7 metrics")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "history"
        results = {"provinces": year_of_snapshots(root, "dvcqg", [f"{i:02d}" for i in range(1, 35)],
                                                  PROVINCE_METRICS, {"sync_to_portal_rate", "online_submission_rate"})}
        if args.communes:
            results["communes"] = year_of_snapshots(root, "communes", [f"{i:05d}" for i in range(3321)],
                                                    tuple(f"m{i}" for i in range(7)), set())
        index = (root / "index.parquet").stat().st_size
        total = sum(r["bytes"] for r in results.values()) + index
        bare = open_time(["bare"], args.repeat)
        opened = {k: open_time(["store", str(root), "dvcqg" if k == "provinces" else k], args.repeat)
                  for k in results}
    out = {**results, "index_bytes": index, "total_mb": total / 1e6, "goal_mb": 50,
           "import_polars_s": bare, "open_s": opened}
    if args.json:
        print(json.dumps(out))
        return
    print("| figure | measured | goal | holds |\n|---|---|---|---|")
    for k, r in results.items():
        print(f"| a year of daily {k} snapshots ({r['rows']:,} rows each) | {r['bytes'] / 1e6:.1f} MB in "
              f"{r['files']} files, append {r['append_ms']:.0f} ms | – | – |")
        print(f"| open: index + latest {k} snapshot vs `import polars` | {opened[k] / bare:.2f}× "
              f"({opened[k]:.3f} s / {bare:.3f} s) | – | – |")
    holds = "yes" if total / 1e6 <= 50 else "NO"
    print(f"| store for the year, all together (index {index / 1e3:.0f} kB) | {total / 1e6:.1f} MB "
          f"| ≤ 50 MB | {holds} |")


if __name__ == "__main__":
    main()
