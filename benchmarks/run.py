"""Every speed and memory goal in one table: figure, goal, whether it holds, and the machine.

Usage: python benchmarks/run.py [--runs 5] [--quick]
Each figure is the median of at least --runs fresh runs (5 by default).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}")


def row(name: str, value: str, goal: str, ok: bool | None) -> tuple[str, str, str, str]:
    return name, value, goal, {True: "yes", False: "NO", None: "–"}[ok]


def collect(runs: int) -> list[tuple[str, str, str, str]]:
    rows = []
    import cli_start
    import growth

    startup = subprocess.run([sys.executable, str(HERE / "startup.py"), "--runs", str(runs)],
                             capture_output=True, text=True)
    lines = startup.stdout.splitlines()
    ratio = next((line for line in lines if line.startswith("ratio:")), "")
    wide = next((line for line in lines if line.startswith("ratio to the nine-column")), "")
    if ratio:
        value = float(ratio.split()[1].rstrip("x"))
        rows.append(row("cold start to first leaderboard (tmux) vs bare Textual DataTable, 63 rows",
                        f"{value:.2f}×", "≤ 1.20×", value <= 1.2))
        if wide:
            value = float(wide.split()[-1].rstrip("x"))
            rows.append(row("the same vs a bare DataTable with the leaderboard's nine columns", f"{value:.2f}×",
                            "–", None))
    else:
        rows.append(row("cold start to first leaderboard", "failed: " + startup.stderr[-200:], "≤ 1.20×", False))
    c = cli_start.measure(runs)
    rows.append(row("`de06tui rank` vs `import polars`",
                    f"{c['ratio']:.2f}× ({c['rank']:.3f} s / {c['import_polars']:.3f} s)", "≤ 1.30×",
                    c["ratio"] <= 1.3))
    sizes = growth.measure(runs)
    per_row = [g["load_rank"] / g["size"] for g in sizes]
    rows.append(row("growth of load + rank from 10k to 1M rows (cost per row, last ÷ first)",
                    f"{per_row[-1] / per_row[0]:.2f}", "≤ 1 (no faster than linear)", per_row[-1] <= per_row[0]))
    for g in sizes:
        size = f"{g['size']:,} rows"
        rows.append(row(f"{size}: load + rank (Parquet)", f"{g['load_rank']:.3f} s, peak {g['peak_mb']:.0f} MB",
                        "≤ 0.5 s, ≤ 300 MB" if g["size"] == 1_000_000 else "linear",
                        (g["load_rank"] <= 0.5 and g["peak_mb"] <= 300) if g["size"] == 1_000_000 else None))
        rows.append(row(f"{size}: history of one province", f"{g['history'] * 1000:.1f} ms", "–", None))
        if g.get("csv_vs_pandas"):
            rows.append(row(f"{size}: CSV load + rank vs pandas read_csv + sort",
                            f"{g['csv_vs_pandas']:.2f}×", "reference", None))
    try:
        import feeds_bench
    except ImportError:
        feeds_bench = None
    if feeds_bench is not None:
        rows.extend(feeds_bench.rows(runs))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    rows = collect(max(5, args.runs))
    print(f"Machine: {machine()}\n")
    print("| figure | measured | goal | holds |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
