"""Cold start to the first painted leaderboard in a real terminal (tmux), against a bare Textual app.

Each run starts a fresh interpreter in a new tmux window (120×40) and polls the pane until the
leaderboard's rows are visible: for the bare app, a 63-row DataTable (three columns, and again with
the nine columns of cell text a leaderboard row carries, to tell what the content itself costs
from what the app adds); for de06tui, the name of
the province ranked first, as `de06tui rank` reports it. The time is from asking tmux for the
window to seeing those rows on the pane, so both pay the same terminal and tmux costs. Runs are
interleaved so that drift in machine load hits both alike; reports medians and their ratio
(goal: at most 1.2). Config and cache are pinned to a scratch folder; the first, unmeasured run
of the app leaves the snapshot of the last leaderboard that every returning user has.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--data FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = r"""
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("rank", "province", "value")
        for i in range(63):
            table.add_row(i + 1, f"Province {i:02d}", 50 + i / 2)

Bare().run()
"""
# The same bare app, its table carrying what a leaderboard row shows: nine columns of cell text
# like the app's (rank, band, name, value, bar, change, sparkline, counts, region).
BARE_LEADERBOARD = BARE.replace(
    'table.add_columns("rank", "province", "value")',
    'table.add_columns("rank", "band", "province", "value", "level", "change", "trend", "counts", "region")',
).replace(
    'table.add_row(i + 1, f"Province {i:02d}", 50 + i / 2)',
    'table.add_row(i + 1, "★ TOP" if i < 3 else "", f"Province {i:02d}", 50 + i / 2, "█" * (9 - i % 9) + "▍", '
    '"▲1", "▂▁▄▂▅▂▅▇▂▅██", f"{30000 + i:,}/36,696", "Bắc Trung Bộ và duyên hải miền Trung")',
)
BARE_MARK = "Province 00"
METRIC = "online_submission_rate"
SOCKET = f"de06bench{os.getpid()}"
POLL = 0.004


def tmux(*args: str) -> str:
    out = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    return out.stdout


def once(command: list[str], mark: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from opening a tmux window running `command` to `mark` showing on its pane."""
    line = " ".join(_quote(c) for c in command)
    start = time.perf_counter()
    tmux("new-window", "-d", "-t", "bench", "-n", "run", *_env_args(env), line)
    try:
        while time.perf_counter() - start < timeout:
            if mark in tmux("capture-pane", "-p", "-t", "bench:run"):
                return time.perf_counter() - start
            time.sleep(POLL)
        raise SystemExit(f"{mark!r} never showed within {timeout:.0f} s; pane:\n"
                         + tmux("capture-pane", "-p", "-t", "bench:run"))
    finally:
        tmux("kill-window", "-t", "bench:run")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _env_args(env: dict[str, str]) -> list[str]:
    args = []
    for key, value in env.items():
        args += ["-e", f"{key}={value}"]
    return args


def first_province(de06: Path, data: list[str], env: dict[str, str]) -> str:
    args = [str(de06), "rank", "-m", METRIC, "--format", "csv", "--top", "1"]
    for d in data:
        args += ["--data", d]
    out = subprocess.run(args, capture_output=True, text=True, env={**os.environ, **env}, check=True)
    header, first = out.stdout.splitlines()[:2]
    cells = dict(zip(header.split(","), first.split(",")))
    return cells.get("province") or cells.get("tỉnh") or first.split(",")[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", action="append", default=[], help="data file (default: the sample)")
    parser.add_argument("--overview", action="store_true",
                        help="the default start (the overview, whose panels list the same first province)")
    args = parser.parse_args()
    from installed import compile_package

    compile_package()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed for this benchmark (apt install tmux)")
    de06 = Path(sys.executable).with_name("de06tui")
    scratch = Path(tempfile.mkdtemp(prefix="de06bench"))
    env = {"DE06TUI_CONFIG_DIR": str(scratch / "config"), "DE06TUI_CACHE_DIR": str(scratch / "cache"),
           "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}
    app = [str(de06), "app", "--lang", "en"] + ([] if args.overview else ["-m", METRIC])
    for d in args.data:
        app += ["--data", d]
    bare, wide = [sys.executable, "-c", BARE], [sys.executable, "-c", BARE_LEADERBOARD]
    mark = first_province(de06, args.data, env)
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40")
    try:
        once(bare, BARE_MARK, env)  # warms the OS file cache for all three
        once(app, mark, env)  # also leaves the leaderboard snapshot a returning user has
        bare_times, wide_times, app_times = [], [], []
        for _ in range(args.runs):
            bare_times.append(once(bare, BARE_MARK, env))
            wide_times.append(once(wide, BARE_MARK, env))
            app_times.append(once(app, mark, env))
    finally:
        tmux("kill-server")
        shutil.rmtree(scratch, ignore_errors=True)
    b, w, a = (statistics.median(t) for t in (bare_times, wide_times, app_times))
    print(f"bare Textual DataTable, 63 rows x 3 columns, tmux 120x40: median {b:.3f} s over {args.runs} runs")
    print(f"the same, 63 rows x the leaderboard's 9 columns:           median {w:.3f} s over {args.runs} runs")
    shown = "overview" if args.overview else "leaderboard"
    print(f"de06tui first {shown}, tmux 120x40:                   median {a:.3f} s over {args.runs} runs")
    print(f"ratio: {a / b:.2f}x (goal <= {1.10 if args.overview else 1.20:.2f}x)")
    print(f"ratio to the nine-column table: {a / w:.2f}x")
    # Diagnostics: each run of the app against the bare run just before it, and the machine's load.
    pairs = sorted(x / y for x, y in zip(app_times, bare_times))
    print(f"paired ratios: median {statistics.median(pairs):.2f}x (spread {pairs[0]:.2f}-{pairs[-1]:.2f}); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
