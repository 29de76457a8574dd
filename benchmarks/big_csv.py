"""`rank` on large CSV files, each figure a paired ratio against plain polars in the same run.

Rows: the first `rank` of an N-row CSV (fresh caches) against a polars scan + full sort of it,
with the peak memory as a multiple of the file; the dataset-cache hit (second `rank`, the kept
answer switched off) against a polars scan + filter; the kept-answer hit against `import polars`;
and growth: the marginal cost per row from the smaller to the larger file, and peak memory per row.
Usage: python benchmarks/big_csv.py [--rows 10000000] [--small 1000000] [--runs 3] [--folder /tmp]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from paired import Paired, load, paired, run_once  # noqa: E402

METRIC = "m00"
SORT = ("import polars as pl, sys; "
        "pl.scan_csv(sys.argv[1]).sort(['period', 'metric', 'value']).collect()")
FILTER = ("import polars as pl, sys; pl.scan_csv(sys.argv[1]).filter("
          "(pl.col('metric') == 'm00') & (pl.col('period') == sys.argv[2])).collect()")
TOML = ('id = "{id}"\ntitle = {{ vi = "{id}", en = "{id}" }}\nshort = {{ vi = "{id}", en = "{id}" }}\n'
        'unit = "%"\nrange = [0, 100]\ndirection = "higher"\ndecimals = 2\ncounts = false\n'
        'columns = ["{id}"]\n')


def make(folder: Path, rows: int) -> tuple[Path, Path, str]:
    """The CSV and its config folder, made in a process of their own.

    A child's peak memory as the kernel reports it is at least its parent's peak at the time it
    was started: made here, ten million rows would lift every measured peak to this process's.
    """
    code = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import big_csv; "
            "p, c, latest = big_csv.make_here(Path(sys.argv[2]), int(sys.argv[3])); "
            "print(json.dumps([str(p), str(c), latest]))")
    out = subprocess.run([sys.executable, "-c", code, str(HERE), str(folder), str(rows)], check=True,
                         capture_output=True, text=True).stdout
    path, config, latest = json.loads(out)
    return Path(path), Path(config), latest


def make_here(folder: Path, rows: int) -> tuple[Path, Path, str]:
    """The CSV (long rows on the 63 registry) and a config folder defining its metrics."""
    import polars as pl
    from read_csv_1m import write_csv

    path = folder / f"rows_{rows}.csv"
    n_metrics = write_csv(path, rows, decimal_comma=False)
    config = folder / f"config_{rows}"
    (config / "screens").mkdir(parents=True, exist_ok=True)
    for i in range(n_metrics):
        mid = f"m{i:02d}"
        (config / "screens" / f"{mid}.toml").write_text(TOML.format(id=mid), encoding="utf-8")
    latest = pl.scan_csv(path).filter(pl.col("metric") == METRIC).select(pl.col("period").max()).collect().item()
    return path, config, latest


def measure(folder: Path, rows: int, runs: int) -> dict:
    path, config, latest = make(folder, rows)
    rank = [sys.executable, "-m", "de06tui", "rank", "--data", str(path), "--metric", METRIC]
    base = {"DE06TUI_CONFIG_DIR": str(config), "DE06TUI_LANG": "en"}
    counter = iter(range(10_000))

    def fresh() -> dict:
        cache = folder / f"cache_fresh_{next(counter)}"
        shutil.rmtree(cache, ignore_errors=True)
        return {**base, "DE06TUI_CACHE_DIR": str(cache), "DE06TUI_NO_BOARD_CACHE": "1"}

    first = paired(rank, [sys.executable, "-c", SORT, str(path)], runs, before=fresh, warm=False)
    for stale in folder.glob("cache_fresh_*"):
        shutil.rmtree(stale, ignore_errors=True)
    warm_cache = {**base, "DE06TUI_CACHE_DIR": str(folder / f"cache_{rows}")}
    dataset_hit = paired(rank, [sys.executable, "-c", FILTER, str(path), latest], runs,
                         before=lambda: {**warm_cache, "DE06TUI_NO_BOARD_CACHE": "1"})
    run_once(rank, warm_cache)  # keeps the answer
    board_hit = paired(rank, [sys.executable, "-c", "import polars"], runs, before=lambda: warm_cache)
    return {"rows": rows, "bytes": path.stat().st_size, "first": first, "dataset_hit": dataset_hit,
            "board_hit": board_hit}


def growth(small: dict, big: dict) -> tuple[float, float, float]:
    """Marginal seconds per million rows (de06tui, polars) and marginal peak bytes per row."""
    extra = (big["rows"] - small["rows"]) / 1e6
    ours = (big["first"].seconds() - small["first"].seconds()) / extra
    theirs = (big["first"].seconds("reference") - small["first"].seconds("reference")) / extra
    per_row = (big["first"].peak_mb() - small["first"].peak_mb()) * 1024 * 1024 / (big["rows"] - small["rows"])
    return ours, theirs, per_row


def rows_of(small: dict, big: dict) -> list[tuple[str, str, str, str]]:
    out = []
    for r in (small, big):
        n, mb = f"{r['rows']:,}", r["bytes"] / 1024 / 1024
        first: Paired = r["first"]
        times = first.peak_mb() / mb
        out.append((f"{n}-row CSV ({mb:.0f} MB), first `rank` vs polars scan + full sort", first.text()
                    + f", peak {first.peak_mb():.0f} MB = {times:.1f}× the file", "≤ 1.2×, peak ≤ 3× the file",
                    "yes" if first.ratio <= 1.2 and times <= 3 else "NO"))
        hit: Paired = r["dataset_hit"]
        out.append((f"{n}-row CSV, dataset-cache hit vs polars scan + filter", hit.text()
                    + f", peak {hit.peak_mb():.0f} MB", "≤ 1.3×", "yes" if hit.ratio <= 1.3 else "NO"))
        kept: Paired = r["board_hit"]
        out.append((f"{n}-row CSV, kept-answer hit vs `import polars`", kept.text(), "≤ 0.3×",
                    "yes" if kept.ratio <= 0.3 else "NO"))
    ours, theirs, per_row = growth(small, big)
    out.append((f"growth {small['rows']:,} → {big['rows']:,} rows: marginal first `rank` per million rows "
                f"vs polars scan + sort's", f"{ours / theirs:.2f}× ({ours:.2f} s vs {theirs:.2f} s per M rows)",
                "≤ 1.2×", "yes" if ours / theirs <= 1.2 else "NO"))
    out.append(("growth: marginal peak memory per row", f"{per_row:.0f} bytes/row "
                f"({big['bytes'] / big['rows']:.0f} bytes/row of file)", "≤ 3× the file's bytes/row",
                "yes" if per_row <= 3 * big["bytes"] / big["rows"] else "NO"))
    return out


def collect(rows: int, small: int, runs: int, folder: Path | None = None) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        a = measure(Path(tmp), small, runs)
        b = measure(Path(tmp), rows, runs)
    return rows_of(a, b)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--small", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--folder", type=Path, default=None)
    args = ap.parse_args()
    for r in collect(args.rows, args.small, args.runs, args.folder):
        print("| " + " | ".join(r) + " |")
    print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
