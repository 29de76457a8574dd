"""Per-key latency: every action in the registry pressed on the sample, p50/p95 each.

The app runs headless (Textual's Pilot) on the shipped sample, on a leaderboard, after its first
paint. Each action is pressed --runs times; a press is timed from the key to the app having
settled (every worker done, every message handled). The reference in the same run is a key bound
to nothing, which costs only the press and the settling: the ratio is what the action itself adds.
After each press the app is put back (same screen, same view state) without timing.

    .venv/bin/python benchmarks/keys.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SKIP = {"quit"}  # would end the run
NOOP_KEY = "f12"  # bound to nothing


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


def first_key(keys: str) -> str:
    return keys.split(",")[0].strip()


async def _put_back(pilot, app, mode: str, state) -> None:
    while len(app.screen_stack) > 1:
        app.pop_screen()
    if app.current_mode != mode:
        app.switch_mode(mode)
    app.state = replace(state, dataset=app.state.dataset, version=app.state.version)
    await settle(pilot)


async def _timed(pilot, key: str) -> float:
    t0 = time.perf_counter()
    await pilot.press(key)
    await settle(pilot)
    return time.perf_counter() - t0


async def measure(runs: int) -> dict[str, list[float]]:
    from de06tui.tui import actions
    from de06tui.tui.app import De06App
    from de06tui.tui.app_actions import board_mode
    from de06tui.tui.sources import SampleSource

    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        app = De06App(source=SampleSource(), lang="en", metric="online_submission_rate", export_dir=folder)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            mode, state = board_mode("online_submission_rate"), app.state
            for _ in range(runs):
                out.setdefault("(no action: reference)", []).append(await _timed(pilot, NOOP_KEY))
                for a in actions.REGISTRY:
                    if a.id in SKIP:
                        continue
                    if a.scope == actions.DETAIL:
                        await pilot.press("enter")  # the detail of the first province
                        await settle(pilot)
                    out.setdefault(a.id, []).append(await _timed(pilot, first_key(a.keys)))
                    await _put_back(pilot, app, mode, state)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    os.environ.setdefault("DE06TUI_CACHE_DIR", tempfile.mkdtemp(prefix="de06-keys-"))
    os.environ.setdefault("DE06TUI_CONFIG_DIR", tempfile.mkdtemp(prefix="de06-keys-"))
    times = asyncio.run(measure(max(1, args.runs)))
    ref = statistics.median(times["(no action: reference)"])
    print("| action | p50 ms | p95 ms | p50 vs no-op key | n |\n|---|---|---|---|---|")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"| {name} | {med * 1000:.0f} | {p95(values) * 1000:.0f} | {med / ref:.2f}× | {len(values)} |")
    worst = max((p95(v), k) for k, v in times.items())
    print(f"\nworst p95: {worst[1]} {worst[0] * 1000:.0f} ms (goal ≤ 100 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
