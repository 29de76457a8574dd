"""Every speed and memory goal in one table: figure, goal, whether it holds, and the machine.

Usage: python benchmarks/run.py [--runs 5] [--quick] [--all]
Each figure is a paired ratio: the subject and its reference run alternately in fresh processes in
the same run, the median ratio is shown with its spread (min–max) and the load average.
--quick uses 100k and 1M-row files and fewer runs; --all adds the per-key latency (keys.py, and on
3,321 communes units_keys.py), the history store's growth (store_growth.py) and units at national
scale (units_scale.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from paired import load  # noqa: E402


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


def rank_unchanged(runs: int) -> tuple[str, str, str, str]:
    """`rank` on the sample a second time (the kept answer) against a bare `import polars`."""
    from installed import compile_package
    from paired import paired

    compile_package()
    with tempfile.TemporaryDirectory() as cache:
        env = {"DE06TUI_CACHE_DIR": cache}
        result = paired([sys.executable, "-m", "de06tui", "rank"], [sys.executable, "-c", "import polars"],
                        runs, before=lambda: env)
    return row("`de06tui rank` on unchanged data vs `python -c \"import polars\"`", result.text(), "≤ 0.30×",
               result.ratio <= 0.3)


def tui_rows(runs: int) -> list[tuple[str, str, str, str]]:
    """The app's start against a bare Textual DataTable app (startup.py pairs them itself)."""
    startup = subprocess.run([sys.executable, str(HERE / "startup.py"), "--runs", str(runs)],
                             capture_output=True, text=True)
    lines = startup.stdout.splitlines()
    ratio = next((line for line in lines if line.startswith("ratio:")), "")
    if not ratio:
        return [row("start to first painted rows vs bare Textual DataTable", "failed: " + startup.stderr[-200:],
                    "≤ 1.10×", False)]
    value = float(ratio.split()[1].rstrip("x"))
    return [row("start to first painted rows (tmux) vs a bare Textual DataTable app", f"{value:.2f}×",
                "≤ 1.10×", value <= 1.1)]


def script_rows(name: str, *extra: str) -> list[tuple[str, str, str, str]]:
    """Another benchmark's own report, each line one row (it pairs against its own reference)."""
    done = subprocess.run([sys.executable, str(HERE / name), *extra], capture_output=True, text=True)
    text = (done.stdout.strip() or done.stderr.strip()[-300:]).replace("|", "/").splitlines()
    return [row(f"{name}: {line.strip()}", "see line", "see script", None) for line in text if line.strip()]


def collect(runs: int, quick: bool, every: bool) -> list[tuple[str, str, str, str]]:
    import big_csv

    rows = [rank_unchanged(runs)]
    rows.extend(big_csv.collect(1_000_000 if quick else 10_000_000, 100_000 if quick else 1_000_000,
                                max(2, runs // 2), Path(tempfile.gettempdir())))
    if not quick:
        rows.extend(tui_rows(runs))
        try:
            import feeds_bench
        except ImportError:
            feeds_bench = None
        if feeds_bench is not None:
            rows.extend(feeds_bench.rows(runs))
    if every:
        rows.extend(script_rows("keys.py", "--runs", "3" if quick else str(runs)))
        rows.extend(script_rows("units_keys.py", "--runs", "3" if quick else str(runs)))
        rows.extend(script_rows("store_growth.py", "--repeat", "2" if quick else str(runs)))
        rows.extend(script_rows("units_scale.py", "--repeat", "1" if quick else "3"))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="smaller files (100k → 1M rows), fewer runs")
    ap.add_argument("--all", action="store_true",
                    help="also keys.py, units_keys.py, store_growth.py and units_scale.py")
    args = ap.parse_args()
    runs = 3 if args.quick else max(5, args.runs)
    print(f"Machine: {machine()}; {load()} at the start\n", flush=True)
    rows = collect(runs, args.quick, args.all)
    print("| figure | measured | goal | holds |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\n{load()} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
